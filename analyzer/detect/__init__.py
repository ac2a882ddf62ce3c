"""Detectors: one registered function per rule (``@rule`` in analyzer.detect.registry), each a pure
function from one procedure, its rule and the detection context to findings.

``analyze`` runs every enabled rule. Peer statistics (for processing-time outliers) come from the whole
input unless given, so call it with the whole corpus or pass ``peers`` computed once (as the batch does).
``resources`` (cue phrases, State-held registry, curated documents) default to the packaged data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from analyzer.detect.context import DetectionContext
from analyzer.detect.finding import Evidence, Finding, LegalGround, Suggestion
from analyzer.detect.peers import PeerStats
from analyzer.detect.registry import registered
from analyzer.detect.rules import RuleConfigError, RuleSet, load_rules
from analyzer.model import Procedure
from analyzer.resources import Resources

# the finding kinds, in the order the batch joins their results
KINDS = ("redundant_step", "repeated_paperwork", "long_processing_time")

__all__ = [
    "DetectionContext", "Evidence", "Finding", "KINDS", "LegalGround", "PeerStats", "Resources", "RuleConfigError",
    "RuleSet", "Suggestion", "analyze", "analyze_one", "detect_kind", "findings_frame", "load_rules",
]


def detect_kind(procedure: Procedure, kind: str, context: DetectionContext) -> Iterator[Finding]:
    """The findings of every enabled rule of ``kind`` (a rule's kind is free to read; whether it is
    enabled is a dependency the batch traces)."""
    for rule_id, entry in registered().items():
        rule = context.rules[rule_id]
        if rule.kind == kind and context.rules.enabled(rule_id):
            yield from entry.function(procedure, rule, context)


def analyze_one(procedure: Procedure, context: DetectionContext) -> list[Finding]:
    """All findings for one procedure, in a stable order."""
    findings = [f for kind in KINDS for f in detect_kind(procedure, kind, context)]
    return sorted(findings, key=Finding.sort_key)


def iter_findings(procedures: Iterable[Procedure], context: DetectionContext) -> Iterator[Finding]:
    for procedure in procedures:
        yield from analyze_one(procedure, context)


def analyze(
    procedures: Iterable[Procedure],
    config: str | Path | Mapping[str, Any] | None = None,
    peers: PeerStats | None = None,
    resources: Resources | None = None,
) -> list[Finding]:
    """Findings for every procedure. Peer statistics default to those of ``procedures`` themselves."""
    rules = load_rules(config)  # before reading any record: a bad config fails here
    items = list(procedures)
    context = DetectionContext(rules=rules, peers=peers or PeerStats.from_procedures(items),
                               resources=resources or Resources.default())
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
