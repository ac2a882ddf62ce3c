"""Reviewers' changes are checked before they are saved, and a modified acceptance applies the modified values."""

from __future__ import annotations

import pytest

from analyzer.detect.finding import Evidence, Finding, Suggestion
from analyzer.model import Case, Channel, DocumentRequirement, Procedure, Step
from analyzer.report.keys import ProposalKey
from analyzer.report.plan import build_plan
from analyzer.report.review import EditError, EditRow, before_after, edit_row, modified_change, proposed_changes
from analyzer.report.savings import ChangeError, change_from_finding, check_edit
from support import days



@pytest.fixture
def procedure() -> Procedure:
    return Procedure(
        code="P.9", name="Cấp giấy phép", agency="Sở Xây dựng",
        steps=[Step(index=i + 1, text=t) for i, t in enumerate(["Nộp hồ sơ", "Thẩm định", "Thẩm định lại", "Trả kết quả"])],
        channels=[Channel(mode="truc_tiep", duration=days(20)), Channel(mode="truc_tuyen", duration=days(15))],
        cases=[Case(documents=[DocumentRequirement(name="Đơn đề nghị", originals=1, copy_kind="ban_chinh"),
                               DocumentRequirement(name="Sổ hộ khẩu", copies=1, copy_kind="ban_sao")])],
    )


def time_finding() -> Finding:
    return Finding(procedure="P.9", kind="long_processing_time", rule="peer_outlier", severity="medium",
                   message="Thời hạn dài hơn các thủ tục cùng loại.", evidence=[Evidence(field="channels", index=0, text="20 ngày làm việc")],
                   suggestion=Suggestion(action="shorten_time", params={"target_working_days": 12}), confidence=0.7)


@pytest.mark.parametrize(("change", "message"), [
    ({"action": "shorten_time", "params": {"target_working_days": 200}}, "không ngắn hơn thời hạn hiện tại (20 ngày"),
    ({"action": "shorten_time", "params": {"target_working_days": 20}}, "không ngắn hơn"),
    ({"action": "shorten_time", "params": {"target_working_days": 16, "mode": "truc_tuyen"}}, "(15 ngày làm việc)"),
    ({"action": "shorten_time", "params": {"target_working_days": 17.5, "mode": "truc_tuyen"}}, "17,5 ngày"),
    ({"action": "remove_step", "params": {"index": 6}}, "Bước 7 không có trong bản ghi (thủ tục có 4 bước)"),
    ({"action": "remove_document", "params": {"case": 0, "index": 4}}, "Giấy tờ 1.5 không có trong bản ghi"),
    ({"action": "remove_document", "params": {"case": 2, "index": 0}}, "Trường hợp 3 không có"),
])
def test_a_change_that_does_not_fit_is_refused_in_vietnamese(procedure: Procedure, change: dict, message: str) -> None:
    with pytest.raises(ChangeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_edit(procedure, change)


@pytest.mark.parametrize("change", [
    {"action": "shorten_time", "params": {"target_working_days": 14}},  # shorter than one channel is a cut
    {"action": "shorten_time", "params": {"target_working_days": 10, "mode": "truc_tuyen"}},
    {"action": "remove_step", "params": {"index": 2}},
])
def test_a_change_that_fits_passes(procedure: Procedure, change: dict) -> None:
    check_edit(procedure, change)


def test_the_modify_form_starts_from_the_finding_suggestion(procedure: Procedure) -> None:
    row = edit_row(procedure, change_from_finding(time_finding()))
    assert row == EditRow("Rút ngắn thời hạn", "Trực tiếp", 12.0)
    assert edit_row(procedure, {"action": "merge_steps", "params": {"indices": [1, 2]}}) == EditRow("Gộp các bước", "2, 3")
    assert edit_row(procedure, {"action": "reuse_state_data", "params": {"case": 0, "index": 1}}) == EditRow("Bỏ giấy tờ", "1.2")
    assert edit_row(procedure, None) == EditRow(None)


def test_modified_values_are_checked(procedure: Procedure) -> None:
    with pytest.raises(ChangeError, match="không ngắn hơn"):
        modified_change(procedure, EditRow("Rút ngắn thời hạn", "Trực tiếp", 200))
    with pytest.raises(EditError):
        modified_change(procedure, EditRow("Rút ngắn thời hạn", "Trực tiếp", None))
    assert modified_change(procedure, EditRow(None)) is None


def test_a_modified_acceptance_applies_the_modified_values(procedure: Procedure) -> None:
    finding = time_finding()
    key = ProposalKey.for_finding(finding.key)
    accepted = {key: {"decision": "accept", "payload": {"suggestion": finding.suggestion.to_dict()}}}
    change = modified_change(procedure, EditRow("Rút ngắn thời hạn", "Trực tiếp", 16))
    modified = {key: {"decision": "modify", "comment": "16 ngày là khả thi",
                      "payload": {"suggestion": finding.suggestion.to_dict(), "change": change}}}
    as_suggested = before_after(procedure, proposed_changes(procedure, [finding], accepted))
    as_modified = before_after(procedure, proposed_changes(procedure, [finding], modified))
    # the longest channel after: the suggestion's 12 in person leaves online's 15; the modified 16 is the longest
    assert as_suggested["after"]["working_days"] == 15 and as_suggested["time_cut"] == pytest.approx(0.25)
    assert as_modified["after"]["working_days"] == 16 and as_modified["time_cut"] == pytest.approx(0.20)
    # the export shows the modified values, not the suggestion
    approved = {**modified[key], "finding_key": key.format(), "status": "approved"}  # the plan holds approved ones
    [section] = build_plan([procedure], [finding], {("P.9", key): approved})
    assert "16" in section.items[0].proposal and "12" not in section.items[0].proposal
    assert section.items[0].decision == "modify" and section.savings["after"]["working_days"] == 16
