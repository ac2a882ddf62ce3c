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
from analyzer.detect.finding import FINDING_COLUMNS, Evidence, Finding, LegalGround, Suggestion, finding_row
from analyzer.detect.peers import PeerStats
from analyzer.detect.registry import registered
from analyzer.detect.rules import RuleConfigError, RuleSet, load_rules
from analyzer.model import Procedure
from analyzer.resources import Resources

# the finding kinds, in the order the batch joins their results
KINDS = ("redundant_step", "repeated_paperwork", "long_processing_time")

__all__ = [
    "DetectionContext", "Evidence", "Finding", "KINDS", "LegalGround", "PeerStats", "Resources", "RuleConfigError",
    "RuleSet", "Suggestion", "analyze", "analyze_one", "detect_kind", "finding_row", "findings_frame", "load_rules",
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
    resources: Resources | None = None,
) -> list[Finding]:
    """Findings for every procedure. Peer statistics default to those of ``procedures`` themselves."""
    rules = load_rules(config)  # before reading any record: a bad config fails here
    items = list(procedures)
    context = DetectionContext(rules=rules, peers=peers or PeerStats.from_procedures(items),
                               resources=resources or Resources.default())
    return list(iter_findings(items, context))


def findings_frame(findings: Iterable[Finding]) -> "Any":
    """A pandas DataFrame, one row per finding (``finding_row``)."""
    import pandas as pd

    return pd.DataFrame([finding_row(f) for f in findings], columns=FINDING_COLUMNS)
