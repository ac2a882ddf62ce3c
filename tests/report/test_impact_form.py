"""The impact assessment form of a draft's procedure provisions: one part per procedure, the provision's place in
the draft, the texts it rests on, and the review questions per element pre-filled from the findings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from analyzer.detect import analyze
from analyzer.ingest.legal_files import read_legal_text
from analyzer.report.review_form import TO_FILL, impact_forms, review_form_docx

DRAFT = Path(__file__).resolve().parents[2] / "corpus" / "legal" / "du_thao_quyet_dinh_ho_tro_nha_o.txt"


def test_the_housing_draft_has_one_form_part() -> None:
    document = read_legal_text(DRAFT)
    [form] = impact_forms(document, analyze(document.procedures))
    info = {item["label"]: item["value"] for item in form["info"]}
    assert info["Quy định tại"] == "Điều 4, Điều 5 của dự thảo Quyết định"
    assert "Nghị định số 63/2010/NĐ-CP" in info["Căn cứ pháp lý"] and "Nghị quyết số 07/2025/NQ-HĐND" in info["Căn cứ pháp lý"]
    assert info["Cơ quan ban hành văn bản"] == "Ủy ban nhân dân tỉnh Hoài Giang"
    rows = {row["name"]: row for row in form["elements"]}
    # the dossier of Điều 4 and the steps of Điều 5 are judged together
    assert rows["Trình tự thực hiện"]["verdict"] == "Không" and "bổ sung hồ sơ 2 lần" in rows["Trình tự thực hiện"]["reason"]
    assert rows["Thành phần hồ sơ"]["verdict"] == "Không" and "sổ hộ khẩu" in rows["Thành phần hồ sơ"]["reason"]
    assert rows["Cách thức thực hiện"]["verdict"] == "Không"  # no online filing
    assert form["cost"][1] == f"Chi phí sau khi hoàn thiện dự thảo: {TO_FILL}"


def test_the_document_names_the_form_it_follows() -> None:
    document = read_legal_text(DRAFT)
    data = review_form_docx(impact_forms(document, analyze(document.procedures)), kind="impact_form")
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "BIỂU MẪU ĐÁNH GIÁ TÁC ĐỘNG CỦA THỦ TỤC HÀNH CHÍNH" in text
    assert "Biểu mẫu 03/ĐGTĐ-QĐCT/SĐBS ban hành kèm theo Thông tư số 03/2022/TT-BTP" in text
    assert "- Có cần thiết quy định thủ tục để đạt mục tiêu không (Có/Không, lý do): [Người rà soát điền]" in text
    assert "Cơ quan đánh giá: Sở Tư pháp tỉnh" in text and "Quy định tại dự thảo" in Document(io.BytesIO(data)).tables[1].rows[0].cells[1].text


def split_draft(asked_again: str) -> str:
    """A constructed draft: its dossier in Điều 2, its steps in Điều 3, whose second step asks for ``asked_again``."""
    return f"""ỦY BAN NHÂN DÂN
TỈNH HOÀI GIANG
Số:      /2026/QĐ-UBND

DỰ THẢO

QUYẾT ĐỊNH
Ban hành Quy định thủ tục hỗ trợ chi phí học nghề cho lao động nông thôn

Chương II
THỦ TỤC HỖ TRỢ

Điều 2. Hồ sơ đề nghị hỗ trợ
1. Hồ sơ gồm:
a) Đơn đề nghị hỗ trợ chi phí học nghề theo Mẫu số 01;
b) Bản sao Giấy chứng nhận tốt nghiệp trung học cơ sở;
c) Giấy xác nhận hộ nghèo do Ủy ban nhân dân cấp xã cấp.
2. Hồ sơ được nộp trực tiếp tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã.

Điều 3. Trình tự, thời hạn giải quyết
1. Tiếp nhận hồ sơ
Bộ phận Một cửa của Ủy ban nhân dân cấp xã tiếp nhận, kiểm tra hồ sơ và hẹn trả kết quả.
2. Xét duyệt
Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Ủy ban nhân dân cấp xã yêu cầu người đề nghị nộp thêm {asked_again}, lập danh sách và chuyển hồ sơ đến Sở Nội vụ.
3. Quyết định hỗ trợ
Trong thời hạn 05 ngày làm việc kể từ ngày nhận danh sách, Giám đốc Sở Nội vụ quyết định hỗ trợ.
"""


@pytest.mark.parametrize("asked_again, found", [
    ("bản sao Giấy chứng nhận tốt nghiệp trung học cơ sở", True),  # Điều 2 điểm b, asked again in Điều 3
    ("bản sao Giấy khai sinh của người đề nghị", False),  # a paper Điều 2 does not ask for
])
def test_a_paper_asked_in_two_articles_of_a_draft_is_found_citing_both(tmp_path: Path, asked_again: str,
                                                                       found: bool) -> None:
    path = tmp_path / "du_thao.txt"
    path.write_text(split_draft(asked_again), encoding="utf-8")
    document = read_legal_text(path)
    [procedure] = document.procedures  # the dossier of Điều 2 and the steps of Điều 3: one procedure
    assert procedure.source.record == "Điều 2, Điều 3" and len(procedure.steps) == 3
    findings = [f for f in analyze(document.procedures) if f.rule == "document_in_step_and_dossier"]
    assert len(findings) == int(found)
    [form] = impact_forms(document, analyze(document.procedures))
    steps = {row["name"]: row for row in form["elements"]}["Trình tự thực hiện"]
    place = "(quy định tại Điều 2 khoản 1 điểm b và Điều 3 khoản 2 của dự thảo)"
    assert (place in steps["reason"]) is found and (steps["verdict"] == "Không") is found
    cells = [c.text for t in Document(io.BytesIO(review_form_docx([form], kind="impact_form"))).tables
             for row in t.rows for c in row.cells]
    assert any(place in cell for cell in cells) is found
