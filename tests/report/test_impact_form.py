"""The impact assessment form of a draft's procedure provisions: one part per procedure, the provision's place in
the draft, the texts it rests on, and the review questions per element pre-filled from the findings."""

from __future__ import annotations

import io
from pathlib import Path

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
