"""Detectors: one registered function per rule (``@rule`` in analyzer.detect.registry), each a pure
function from one procedure, its rule and the detection context to findings.

``analyze`` runs every enabled rule. Peer statistics (for processing-time outliers) come from the whole
input unless given, so call it with the whole corpus or pass ``peers`` computed once (as the batch does).
``resources`` (cue phrases, State-held registry, curated documents) default to the packaged data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from analyzer.detect._applicants import public_body_applicant
from analyzer.detect.context import DetectionContext
from analyzer.detect.finding import FINDING_COLUMNS, Evidence, Finding, LegalGround, Suggestion, finding_row
from analyzer.detect.impact import FindingFilter, ImpactModel, ProcedureFacts, deciding_authority, impact_order
from analyzer.detect.peers import PeerStats
from analyzer.detect.registry import registered
from analyzer.detect.rules import RuleConfigError, RuleSet, load_rules
from analyzer.model import Procedure
from analyzer.resources import Resources

# the finding kinds, in the order the batch joins their results
KINDS = ("redundant_step", "repeated_paperwork", "long_processing_time")

__all__ = [
    "DetectionContext", "Evidence", "Finding", "FindingFilter", "ImpactModel", "KINDS", "LegalGround", "PeerStats", "Resources", "RuleConfigError",
    "RuleSet", "Suggestion", "analyze", "analyze_one", "detect_kind", "finding_row", "findings_frame", "load_rules",
]


def detect_kind(procedure: Procedure, kind: str, context: DetectionContext) -> Iterator[Finding]:
    """The findings of every enabled rule of ``kind`` (a rule's kind is free to read; whether it is
    enabled is a dependency the batch traces)."""
    public: bool | None = None  # whether the applicant is a public body: read once, when a rule asks
    for rule_id, entry in registered().items():
        rule = context.rules[rule_id]
        if rule.kind == kind and context.rules.enabled(rule_id):
            if not rule.public_applicants:
                if public is None:
                    public = public_body_applicant(procedure, context.resources.cues)
                if public:
                    continue
            yield from entry.function(procedure, rule, context)


def analyze_one(procedure: Procedure, context: DetectionContext) -> list[Finding]:
    """All findings for one procedure, in a stable order."""
    findings = [f for kind in KINDS for f in detect_kind(procedure, kind, context)]
    facts = ProcedureFacts.from_procedure(procedure)
    for finding in findings:
        finding.version = procedure.version_key
        set_impact(finding, facts, context.impact)
    return sorted(findings, key=Finding.sort_key)


IMPACT_INPUTS = {"rule", "severity", "confidence", "suggestion", "evidence"}


def set_impact(finding: Finding, facts: ProcedureFacts, model: ImpactModel) -> None:
    """The post-pass: days and VND saved, who can act, and the severity derived from them (the rule's
    configured severity is the cap; see analyzer/data/impact.yaml)."""
    impact = model.impact(finding.model_dump(include=IMPACT_INPUTS), facts)
    finding.days_saved, finding.vnd_saved = impact.days_saved, impact.vnd_saved
    finding.actionable_by, finding.actionable_text = impact.actionable_by, impact.actionable_text
    finding.severity = impact.severity  # type: ignore[assignment]


def iter_findings(procedures: Iterable[Procedure], context: DetectionContext) -> Iterator[Finding]:
    for procedure in procedures:
        yield from analyze_one(procedure, context)


def analyze(
    procedures: Iterable[Procedure],
    config: str | Path | Mapping[str, Any] | None = None,
    peers: PeerStats | None = None,
    resources: Resources | None = None,
    impact: ImpactModel | None = None,
    cases: str | Path | None = None,
    level: str | None = None,
    actionable_by: str | None = None,
) -> list[Finding]:
    """Findings for every procedure. Peer statistics default to those of ``procedures`` themselves.
    ``cases``: a province's CSV of cases per year (code[,decision],cases_per_year); ``level`` (bo/tinh/xa) and
    ``actionable_by`` (province/central) keep only the matching findings."""
    rules = load_rules(config)  # before reading any record: a bad config fails here
    keep = FindingFilter(level, actionable_by)
    items = list(procedures)
    context = DetectionContext(rules=rules, peers=peers or PeerStats.from_procedures(items),
                               resources=resources or Resources.default(),
                               impact=(impact or ImpactModel.default()).with_cases(cases))
    if not keep.active:
        return list(iter_findings(items, context))
    return [f for p in items for f in analyze_one(p, context)
            if keep.keeps({"actionable_by": f.actionable_by}, p.level, context.impact, p.agency,
                          deciding_authority(p))]


def findings_frame(findings: Iterable[Finding], level: str | None = None, actionable_by: str | None = None,
                   levels: Mapping[str, str | None] | None = None) -> "Any":
    """A pandas DataFrame, one row per finding (``finding_row``), largest saving first (VND per year, then
    working days). ``level`` filters on ``levels`` (procedure version or code -> its "Cấp thực hiện")."""
    import pandas as pd

    keep = FindingFilter(level, actionable_by)
    rows = []
    for finding in findings:
        row = finding_row(finding)
        where = (levels or {}).get(finding.version or "", (levels or {}).get(finding.procedure))
        if keep.level is not None and levels is None:
            raise ValueError("findings_frame: filtering by level needs levels (version -> Cấp thực hiện)")
        if keep.keeps(row, where):
            rows.append(row)
    rows.sort(key=impact_order)  # stable: equal savings keep the detection order
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)
