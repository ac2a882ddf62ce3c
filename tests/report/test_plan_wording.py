"""The plan says each proposal in words, with its reason, the provision to amend and the cost saved; only
approved proposals unless drafts are asked for, and then they are marked."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from analyzer.detect.finding import Evidence, Finding, LegalGround, Suggestion
from analyzer.detect.messages import VERBATIM
from analyzer.model import Case, Channel, DocumentRequirement, LegalRef, Procedure, Step
from analyzer.report.keys import ProposalKey
from analyzer.report.plan import build_plan, plan_docx, plan_xlsx
from analyzer.report.savings import change_from_finding
from analyzer.report.wording import describe, provision, reason
from support import days

RAW = re.compile(r"\w+=|\{'|\b[a-z]+_[a-z_]+\b|\bNone\b")



@pytest.fixture
def procedure() -> Procedure:
    return Procedure(
        code="P.1", name="Cấp giấy phép", decision="12/QĐ-UBND",
        steps=[Step(index=i + 1, text=f"Bước {i + 1}: {t}", title=t) for i, t in
               enumerate(["Nộp hồ sơ", "Kiểm tra hồ sơ", "Kiểm tra lại hồ sơ", "Trả kết quả"])],
        channels=[Channel(mode="truc_tiep", duration=days(20)), Channel(mode="truc_tuyen", duration=days(15))],
        cases=[Case(documents=[DocumentRequirement(name="Đơn đề nghị"),
                               DocumentRequirement(name="Bản sao có chứng thực Giấy chứng nhận", copy_kind="ban_sao_chung_thuc")])],
        legal_basis=[LegalRef(number="50/2014/QH13", kind="Luật", title="Luật Xây dựng"),
                     LegalRef(number="175/2024/NĐ-CP", kind="Nghị định")],
    )


@pytest.mark.parametrize("change, words", [
    ({"action": "remove_step", "params": {"index": 2}}, "Bỏ bước 3 «Kiểm tra lại hồ sơ»."),
    ({"action": "merge_steps", "params": {"indices": [1, 2]}},
     "Gộp bước 2 «Kiểm tra hồ sơ», bước 3 «Kiểm tra lại hồ sơ» thành một bước, hoặc liên thông điện tử giữa các bộ phận."),
    ({"action": "remove_document", "params": {"case": 0, "index": 0}}, "Bỏ thành phần hồ sơ «Đơn đề nghị»."),
    ({"action": "accept_plain_copy", "params": {"case": 0, "index": 1}},
     "Không yêu cầu bản sao có chứng thực «Bản sao có chứng thực Giấy chứng nhận»; chấp nhận bản sao kèm bản chính "
     "để đối chiếu hoặc bản sao điện tử."),
    ({"action": "shorten_time", "params": {"target_working_days": 14, "channel": "truc_tuyen"}},
     "Rút ngắn thời hạn giải quyết khi nộp trực tuyến từ 15 ngày làm việc xuống còn 14 ngày làm việc."),
    # a target above both channels' times changes nothing, and says so (never "target_working_days=76.5")
    ({"action": "shorten_time", "params": {"target_working_days": 76.5}}, "Giữ thời hạn giải quyết không quá 76,5 ngày làm việc."),
    ({"action": "shorten_time", "params": {"target_working_days": 12.5}},
     "Rút ngắn thời hạn giải quyết khi nộp trực tiếp từ 20 ngày làm việc xuống còn 12,5 ngày làm việc; khi nộp trực "
     "tuyến từ 15 ngày làm việc xuống còn 12,5 ngày làm việc."),
    ({"action": "add_online", "params": {}}, "Bổ sung cách thức nộp hồ sơ trực tuyến qua Cổng Dịch vụ công quốc gia."),
    ({"action": "single_set", "params": {}}, "Chỉ yêu cầu nộp 01 bộ hồ sơ; cơ quan giải quyết tự sao gửi các cơ quan phối hợp."),
])
def test_each_change_reads_as_a_sentence(procedure: Procedure, change: dict, words: str) -> None:
    text = describe(change, procedure)
    assert text == words
    assert not RAW.search(text)


@pytest.mark.parametrize("article, words", [
    ("Điều 7 khoản 1, khoản 4", "khoản 1, khoản 4 Điều 7"),
    ("Điều 8 khoản 2 điểm đ, khoản 3", "điểm đ khoản 2, khoản 3 Điều 8"),
    ("Điều 3 khoản 2, Điều 4", "khoản 2 Điều 3, Điều 4"),
    ("Điều 9", "Điều 9"),
    (None, ""),
])
def test_provisions_are_named_as_legal_texts_name_them(article: str | None, words: str) -> None:
    assert provision(article) == words


def recheck(procedure: Procedure, actionable_by: str = "central") -> Finding:
    return Finding(procedure="P.1", version=procedure.version_key, kind="redundant_step", rule="recheck_step",
                   severity="medium", template=VERBATIM,
                   message_params={"text": "Bước 3 kiểm tra lại nội dung đã kiểm tra ở bước 2; đề nghị bỏ bước kiểm tra lại."},
                   evidence=[Evidence(field="steps", index=2, text="Kiểm tra lại hồ sơ"), Evidence(field="steps", index=1, text="Kiểm tra hồ sơ")],
                   legal_ground=[LegalGround(document="Nghị định 63/2010/NĐ-CP", article="Điều 7 khoản 1, khoản 4")],
                   suggestion=Suggestion(action="remove_step", params={"remove_step": 3, "already_checked_in": 2}),
                   confidence=0.9, actionable_by=actionable_by)


def test_the_step_named_by_the_finding_is_the_one_removed(procedure: Procedure) -> None:
    assert change_from_finding(recheck(procedure))["params"]["index"] == 2


def test_the_reason_leaves_the_proposal_to_the_proposal_column(procedure: Procedure) -> None:
    assert reason(recheck(procedure)) == "Bước 3 kiểm tra lại nội dung đã kiểm tra ở bước 2."


def saved(status: str) -> dict:
    return {"decision": "accept", "comment": "", "payload": {}, "status": status}


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_only_approved_proposals_unless_drafts_are_asked_for(procedure: Procedure) -> None:
    finding = recheck(procedure)
    decisions = {(procedure.version_key, ProposalKey.for_finding(finding.key)): saved("draft")}
    assert build_plan([procedure], [finding], decisions) == []
    sections = build_plan([procedure], [finding], decisions, include_drafts=True)
    assert [item.is_draft for item in sections[0].items] == [True]
    assert "(Dự thảo, chưa phê duyệt)" in docx_text(plan_docx(sections))


def test_plan_section_holds_proposal_reason_implementation_and_benefit(procedure: Procedure) -> None:
    finding = recheck(procedure)
    decisions = {(procedure.version_key, ProposalKey.for_finding(finding.key)): saved("approved")}
    sections = build_plan([procedure], [finding], decisions, cost_params={procedure.version_key: {"cases_per_year": 100}})
    text = docx_text(plan_docx(sections))
    assert "Trình tự thực hiện: Bỏ bước 3 «Kiểm tra lại hồ sơ»." in text
    assert "Lý do: Bước 3 kiểm tra lại nội dung đã kiểm tra ở bước 2." in text
    assert ("Sửa đổi, bổ sung quy định về trình tự thực hiện của thủ tục tại Luật Xây dựng số 50/2014/QH13; "
            "Nghị định số 175/2024/NĐ-CP (căn cứ khoản 1, khoản 4 Điều 7 Nghị định 63/2010/NĐ-CP).") in text
    s = sections[0].savings
    saved_vnd = s["before"]["cost_per_year"] - s["after"]["cost_per_year"]
    assert saved_vnd > 0
    assert f"Chi phí tiết kiệm: {saved_vnd:,.0f} đồng/năm.".replace(",", ".") in text
    assert "với 100 lượt thực hiện mỗi năm" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert not re.search(r"\bNone\b|\{\{|\{%", text)


def test_a_province_change_is_made_in_the_publishing_decision(procedure: Procedure) -> None:
    finding = recheck(procedure, actionable_by="province")
    decisions = {(procedure.version_key, ProposalKey.for_finding(finding.key)): saved("approved")}
    [section] = build_plan([procedure], [finding], decisions)
    assert section.implementation[0].startswith(
        "Sửa đổi nội dung trình tự thực hiện của thủ tục tại Quyết định số 12/QĐ-UBND công bố thủ tục hành chính")


def test_xlsx_speaks_vietnamese_and_formats_shares() -> None:
    from openpyxl import load_workbook

    procedure = Procedure(code="P.2", name="Thủ tục", steps=[Step(index=1, text="a"), Step(index=2, text="b")],
                          channels=[Channel(mode="truc_tiep", duration=days(10))])
    change = {"action": "shorten_time", "params": {"target_working_days": 6}}
    decisions = {(procedure.version_key, ProposalKey.edit(0)): {"decision": "edit", "comment": "Rút ngắn", "payload": {"change": change}, "status": "approved"}}
    sheet = load_workbook(io.BytesIO(plan_xlsx(build_plan([procedure], [], decisions)))).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c for c in sheet[2]]))
    assert row["Quyết định"].value == "Chỉnh sửa khác" and row["Tình trạng"].value == "Đã phê duyệt"  # the label registry
    assert row["Cắt giảm thời gian"].value == pytest.approx(0.4) and row["Cắt giảm thời gian"].number_format == "0.0%"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_a_paper_asked_again_in_a_step_is_dropped_from_the_step_not_the_dossier(procedure: Procedure) -> None:
    finding = Finding(procedure="P.1", version=procedure.version_key, kind="repeated_paperwork",
                      rule="document_in_step_and_dossier", severity="medium", template=VERBATIM,
                      message_params={"text": "Giấy tờ đã có trong hồ sơ nhưng bước 3 lại yêu cầu nộp."},
                      evidence=[Evidence(field="documents", case=0, index=0, text="Đơn đề nghị"),
                                Evidence(field="steps", index=2, text="Kiểm tra lại hồ sơ")],
                      suggestion=Suggestion(action="remove_document",
                                            params={"remove_from_step": 3, "documents": [{"case": 0, "index": 0}]}),
                      confidence=0.8)
    assert change_from_finding(finding) is None  # the dossier keeps the paper: no count changes
    decisions = {(procedure.version_key, ProposalKey.for_finding(finding.key)): saved("approved")}
    [section] = build_plan([procedure], [finding], decisions)
    [item] = section.items
    assert item.element == "Trình tự thực hiện"
    assert item.proposal == ("Bỏ việc yêu cầu nộp, xuất trình lại «Đơn đề nghị» tại bước 3; giấy tờ đã có trong "
                             "thành phần hồ sơ.")
    assert section.savings["after"]["documents"] == section.savings["before"]["documents"]


@pytest.mark.parametrize("params, words", [
    ({"target_working_days": 1.0, "current_working_days": 10.0},
     "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ và hướng dẫn bổ sung một lần ngay khi tiếp nhận hoặc trong không quá "
     "1 ngày làm việc, thay cho 10 ngày làm việc hiện nay."),
    # the limit as the record words it, when the finding quotes it ("60 ngày", not 42,86 working days)
    ({"target_working_days": 1.0, "current_working_days": 42.86, "current_text": "60 ngày"},
     "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ và hướng dẫn bổ sung một lần ngay khi tiếp nhận hoặc trong không quá "
     "1 ngày làm việc, thay cho 60 ngày hiện nay."),
    ({}, "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ và hướng dẫn bổ sung một lần ngay khi tiếp nhận."),
])
def test_a_check_on_receipt_says_so_in_the_plan(procedure: Procedure, params: dict, words: str) -> None:
    finding = Finding(procedure="P.1", version=procedure.version_key, kind="long_processing_time",
                      rule="completeness_check_time", severity="low", template=VERBATIM,
                      message_params={"text": "Riêng việc kiểm tra tính đầy đủ của hồ sơ đã mất 10 ngày làm việc."},
                      evidence=[Evidence(field="steps", index=1, text="Kiểm tra hồ sơ")],
                      suggestion=Suggestion(action="check_on_receipt", params=params), confidence=0.7)
    assert change_from_finding(finding) is None  # a step's practice, not a change of the channel times
    assert describe(None, procedure, finding) == words
    decisions = {(procedure.version_key, ProposalKey.for_finding(finding.key)): saved("approved")}
    [section] = build_plan([procedure], [finding], decisions)
    assert section.items[0].element == "Thời hạn giải quyết"
