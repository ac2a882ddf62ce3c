"""Before/after metrics, the Standard Cost Model and applying reviewers' changes."""

from __future__ import annotations

import io

import pytest
from docx import Document

from analyzer.detect.finding import Evidence, Finding, LegalGround, Suggestion
from analyzer.model import Case, Channel, DocumentRequirement, Fee, Procedure, Step
from analyzer.report.keys import ProposalKey
from analyzer.report.plan import build_plan, plan_docx, plan_xlsx
from analyzer.report.savings import ChangeError, apply_changes, change_from_finding, compare, metrics
from support import days



@pytest.fixture
def procedure() -> Procedure:
    return Procedure(
        code="P.1", name="Cấp giấy phép", agency="Sở Xây dựng",
        steps=[Step(index=i + 1, text=t) for i, t in enumerate(["Nộp hồ sơ", "Kiểm tra hồ sơ", "Kiểm tra lại hồ sơ", "Trả kết quả"])],
        channels=[Channel(mode="truc_tiep", duration=days(20))],
        cases=[Case(documents=[
            DocumentRequirement(name="Đơn đề nghị", originals=1, copy_kind="ban_chinh"),
            DocumentRequirement(name="Bản sao có chứng thực CCCD", copies=1, copy_kind="ban_sao_chung_thuc"),
            DocumentRequirement(name="Sổ hộ khẩu", copies=1, copy_kind="ban_sao"),
        ])],
    )


def test_changes_apply_to_original_indices(procedure: Procedure) -> None:
    after = apply_changes(procedure, [
        {"action": "remove_step", "params": {"index": 2}},
        {"action": "remove_document", "params": {"case": 0, "index": 2}},
        {"action": "accept_plain_copy", "params": {"case": 0, "index": 1}},
        {"action": "shorten_time", "params": {"target_working_days": 12}},
        {"action": "add_online", "params": {"target_working_days": 10}},
    ])
    assert [s.text for s in after.steps] == ["Nộp hồ sơ", "Kiểm tra hồ sơ", "Trả kết quả"]
    assert [d.name for d in after.cases[0].documents] == ["Đơn đề nghị", "Bản sao có chứng thực CCCD"]
    assert after.cases[0].documents[1].copy_kind == "ban_sao"
    assert {c.mode: c.duration.working_days for c in after.channels} == {"truc_tiep": 12, "truc_tuyen": 10}
    assert len(procedure.steps) == 4  # the original is untouched


@pytest.mark.parametrize("change", [
    {"action": "remove_step", "params": {"index": 9}},
    {"action": "remove_document", "params": {"case": 3, "index": 0}},
    {"action": "teleport", "params": {}},
])
def test_bad_changes_are_refused(procedure: Procedure, change: dict) -> None:
    with pytest.raises(ChangeError):
        apply_changes(procedure, [change])


def test_cut_against_the_30_percent_target(procedure: Procedure) -> None:
    after = apply_changes(procedure, [{"action": "shorten_time", "params": {"target_working_days": 14}}])
    result = compare(procedure, after)
    assert result["time_cut"] == pytest.approx(0.30) and result["time_target_met"]
    # waiting for the result is an opportunity cost, not counted (Thông tư 02/2017/TT-VPCP Điều 27): days, not đồng
    assert result["cost_cut"] == 0 and result["before"]["cost_per_year"] == result["after"]["cost_per_year"]
    smaller = compare(procedure, apply_changes(procedure, [{"action": "shorten_time", "params": {"target_working_days": 15}}]))
    assert not smaller["time_target_met"]


def test_cost_counts_certification_trips_and_documents(procedure: Procedure) -> None:
    base = metrics(procedure, {"cases_per_year": 100})
    fewer_docs = metrics(apply_changes(procedure, [{"action": "remove_document", "params": {"index": 2}}]), {"cases_per_year": 100})
    online = metrics(apply_changes(procedure, [{"action": "add_online", "params": {}}]), {"cases_per_year": 100})
    assert base.certified_copies == 1 and base.in_person_only
    assert fewer_docs.cost_per_year < base.cost_per_year and online.cost_per_year < base.cost_per_year
    assert base.cost_per_year == pytest.approx(base.cost_per_case * 100)


def finding(rule: str, action: str, evidence: list[Evidence]) -> Finding:
    return Finding(procedure="P.1", kind="redundant_step", rule=rule, severity="medium", message="Bước 3 kiểm tra lại.",
                   evidence=evidence, legal_ground=[LegalGround(document="Nghị định 63/2010/NĐ-CP", article="Điều 7")],
                   suggestion=Suggestion(action=action), confidence=0.9)


def test_change_from_finding_uses_evidence_positions() -> None:
    f = finding("recheck_step", "remove_step", [Evidence(field="steps", index=1, text="a"), Evidence(field="steps", index=2, text="b")])
    assert change_from_finding(f) == {"action": "remove_step", "params": {"index": 2}}
    assert change_from_finding(finding("vague_time", "specify_time", [])) is None


def test_plan_documents_contain_each_accepted_change(procedure: Procedure) -> None:
    f = finding("recheck_step", "remove_step", [Evidence(field="steps", index=2, text="Kiểm tra lại hồ sơ")])
    decisions = {("P.1", ProposalKey.for_finding(f.key)): {"decision": "accept", "comment": "Đồng ý bỏ", "payload": {}, "status": "approved"}}
    sections = build_plan([procedure], [f], decisions)
    assert len(sections) == 1 and sections[0].savings["after"]["steps"] == 3
    text = "\n".join(p.text for p in Document(io.BytesIO(plan_docx(sections))).paragraphs)
    assert "Cấp giấy phép" in text and "Nghị quyết 66/NQ-CP" in text
    assert plan_xlsx(sections)[:2] == b"PK"
    assert build_plan([procedure], [f], {("P.1", ProposalKey.for_finding(f.key)): {"decision": "reject", "payload": {}}}) == []


@pytest.mark.parametrize("fees, counted, sources", [
    ({"truc_tiep": [10_000], "truc_tuyen": [5_000]}, 5_000, 2),  # the channels disagree: the lower of two
    ({"truc_tiep": [10_000], "truc_tuyen": [10_000]}, 10_000, 0),  # they agree: no rule to apply
    ({"truc_tiep": [200_000], "buu_chinh": [160_000], "truc_tuyen": [160_000]}, 160_000, 3),
    ({"truc_tiep": [10_000, 2_000], "truc_tuyen": []}, 12_000, 0),  # one channel states fees: its sum
])
def test_fees_that_differ_between_channels_are_taken_at_their_low_average(fees: dict, counted: float,
                                                                           sources: int) -> None:
    procedure = Procedure(code="P.2", name="Cấp phép", steps=[Step(index=1, text="Nộp hồ sơ")],
                          channels=[Channel(mode=mode, fees=[Fee(text=f"{a} đồng", amount=a) for a in amounts])
                                    for mode, amounts in fees.items()])
    m = metrics(procedure, {"cases_per_year": 1})
    assert m.fees == counted and len(m.fee_sources) == sources
    # hand-checked: 1 step × 0,25 h × 45.000 đồng + the fees counted, no trip (an online channel) unless direct only
    trips = 0 if "truc_tuyen" in fees or "buu_chinh" in fees else 2 * (2 * 45_000 + 30_000)
    assert m.cost_per_case == 11_250 + counted + trips


def test_the_processing_time_is_not_counted_as_cost() -> None:
    def procedure(days_: float) -> Procedure:
        return Procedure(code="P.3", name="Cấp phép", channels=[Channel(mode="truc_tuyen", duration=days(days_))])
    assert metrics(procedure(30)).cost_per_case == metrics(procedure(3)).cost_per_case == 0
