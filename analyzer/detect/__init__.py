"""Detectors: one module per finding kind, each a pure function from one procedure to findings.

``analyze`` runs them all. Peer statistics (for processing-time outliers) come from the whole input
unless given, so call it with the whole corpus or pass ``peers`` computed once (as the batch does).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from analyzer.detect.context import DetectionContext
from analyzer.detect.finding import Evidence, Finding, LegalGround, Suggestion
from analyzer.detect.peers import PeerStats
from analyzer.detect.rules import RuleConfigError, RuleSet, load_rules
from analyzer.model import Procedure

# kind -> module exposing `detect(procedure, context) -> Iterator[Finding]`
DETECTORS = {
    "redundant_step": "analyzer.detect.redundant_steps",
    "repeated_paperwork": "analyzer.detect.repeated_paperwork",
    "long_processing_time": "analyzer.detect.long_processing_time",
}

__all__ = [
    "DetectionContext", "Evidence", "Finding", "LegalGround", "PeerStats", "RuleConfigError", "RuleSet",
    "Suggestion", "analyze", "analyze_one", "findings_frame", "load_rules",
]


def _detectors() -> list[Callable[[Procedure, DetectionContext], Iterable[Finding]]]:
    return [import_module(module).detect for module in DETECTORS.values()]


def analyze_one(procedure: Procedure, context: DetectionContext) -> list[Finding]:
    """All findings for one procedure, in a stable order."""
    findings = [f for detect in _detectors() for f in detect(procedure, context)]
    for finding in findings:
        finding.version = procedure.version_key
    return sorted(findings, key=Finding.sort_key)


def iter_findings(procedures: Iterable[Procedure], context: DetectionContext) -> Iterator[Finding]:
    for procedure in procedures:
        yield from analyze_one(procedure, context)


def analyze(
    procedures: Iterable[Procedure],
    config: str | Path | Mapping[str, Any] | None = None,
    peers: PeerStats | None = None,
) -> list[Finding]:
    """Findings for every procedure. Peer statistics default to those of ``procedures`` themselves."""
    items = list(procedures)
    context = DetectionContext(rules=load_rules(config), peers=peers or PeerStats.from_procedures(items))
    return list(iter_findings(items, context))


def findings_frame(findings: Iterable[Finding]) -> "Any":
    """A pandas DataFrame, one row per finding; evidence and legal ground flattened to readable text."""
    import pandas as pd

    rows = []
    for f in findings:
        first = f.evidence[0] if f.evidence else None
        rows.append({
            "procedure": f.procedure,
            "kind": f.kind,
            "rule": f.rule,
            "severity": f.severity,
            "confidence": f.confidence,
            "message": f.message,
            "suggestion": f.suggestion.action,
            "evidence_field": first.field if first else None,
            "evidence_case": first.case if first else None,
            "evidence_index": first.index if first else None,
            "evidence_text": " | ".join(e.text for e in f.evidence),
            "legal_ground": "; ".join(" ".join(filter(None, [g.article, g.document])) for g in f.legal_ground),
        })
    columns = ["procedure", "kind", "rule", "severity", "confidence", "message", "suggestion", "evidence_field",
               "evidence_case", "evidence_index", "evidence_text", "legal_ground"]
    return pd.DataFrame(rows, columns=columns)
