"""Appraise a (draft) legal text: the text rules' findings plus the procedure detectors run on every
procedure the text prescribes.

This joins the legal-text parser (analyzer.parse.legal) and the procedure detectors without making
either depend on the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from analyzer.detect import analyze
from analyzer.parse.legal import LegalDocument, legal_to_json


def appraise(document: LegalDocument, config: str | Path | Mapping[str, Any] | None = None) -> dict[str, Any]:
    """`legal_to_json` of the document with each extracted procedure's findings filled in."""
    result = legal_to_json(document)
    findings = analyze(document.procedures, config=config) if document.procedures else []
    by_code: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        by_code.setdefault(finding.procedure, []).append(finding.to_dict())
    for procedure in result["procedures"]:
        procedure["findings"] = by_code.get(procedure["code"], [])
    return result

