"""The plan keys decisions on procedure versions: two versions of one code never share a decision."""

from __future__ import annotations

from analyzer.detect.finding import Evidence, Finding, Suggestion
from analyzer.model import Procedure, Step
from analyzer.report.keys import ProposalKey
from analyzer.report.plan import build_plan, decisions_from_store


def version(decision: str) -> Procedure:
    steps = [Step(index=i + 1, text=t) for i, t in enumerate(["Nộp hồ sơ", "Kiểm tra hồ sơ", "Kiểm tra lại hồ sơ"])]
    return Procedure(code="P.1", name="Cấp giấy phép", decision=decision, steps=steps)


def recheck(procedure: Procedure) -> Finding:
    return Finding(procedure=procedure.code, version=procedure.version_key, kind="redundant_step", rule="recheck_step",
                   severity="medium", message="Bước 3 kiểm tra lại.", evidence=[Evidence(field="steps", index=2, text="x")],
                   suggestion=Suggestion(action="remove_step"), confidence=0.9)


def test_a_decision_on_one_version_does_not_apply_to_the_other() -> None:
    old, new = version("QĐ 1/QĐ-UBND"), version("QĐ 2/QĐ-UBND")
    findings = [recheck(old), recheck(new)]
    saved = [{"procedure_version": old.version_key, "finding_key": findings[0].key, "decision": "accept",
              "comment": "", "payload": {}, "status": "draft"},
             {"procedure_version": new.version_key, "finding_key": "cost_params", "decision": "edit", "comment": "",
              "payload": {"params": {"hourly_cost": 1.0}}, "status": "draft"}]
    decisions, cost_params = decisions_from_store(saved)
    assert (old.version_key, ProposalKey.for_finding(findings[0].key)) in decisions
    assert cost_params == {new.version_key: {"hourly_cost": 1.0}}
    sections = build_plan([old, new], findings, decisions, cost_params, include_drafts=True)
    assert [(s.code, s.decision, len(s.items)) for s in sections] == [("P.1", "QĐ 1/QĐ-UBND", 1)]


def test_free_edits_apply_to_their_version_only() -> None:
    old, new = version("QĐ 1/QĐ-UBND"), version("QĐ 2/QĐ-UBND")
    change = {"action": "remove_step", "params": {"index": 0}}
    decisions = {(new.version_key, ProposalKey.edit(0)): {"decision": "edit", "comment": "bỏ", "payload": {"change": change}}}
    sections = build_plan([old, new], [], decisions, include_drafts=True)
    assert [(s.decision, s.savings["after"]["steps"]) for s in sections] == [("QĐ 2/QĐ-UBND", 2)]
