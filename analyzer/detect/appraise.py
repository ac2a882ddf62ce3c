"""Appraise a (draft) legal text: the text rules' findings plus the procedure detectors run on every
procedure the text prescribes.

This joins the legal-text parser (analyzer.parse.legal), the legal-text rules (analyzer.detect.legal_text)
and the procedure detectors; the parser depends on neither.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from analyzer.detect import analyze
from analyzer.detect.legal_text import apply_text_rules
from analyzer.parse.legal import LegalDocument, legal_to_json
from analyzer.resources import Resources


def appraise(document: LegalDocument, config: str | Path | Mapping[str, Any] | None = None,
             resources: Resources | None = None, text_rules: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """`legal_to_json` of the document with the text rules' findings (``text_rules`` overrides them per rule
    id) and each extracted procedure's findings filled in."""
    document.findings = apply_text_rules(document, text_rules, resources)
    result = legal_to_json(document)
    findings = analyze(document.procedures, config=config, resources=resources) if document.procedures else []
    by_code: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        by_code.setdefault(finding.procedure, []).append(finding.to_dict())
    for procedure in result["procedures"]:
        procedure["findings"] = by_code.get(procedure["code"], [])
    return result

