"""The review form of one procedure, pre-filled from its record, its findings and the reviewer's decisions; what the
data cannot tell is left for the reviewer, marked."""

from __future__ import annotations

import io

from docx import Document

from analyzer.report.keys import ProposalKey
from analyzer.report.review_form import TO_FILL, TO_JUDGE, FORM_ELEMENTS, review_form, review_form_docx
from official_docs import sample_corpus


def sample(code: str = "SAMPLE.006"):
    corpus = sample_corpus()
    version = next(v for v, p in corpus.procedures.items() if p.code == code)
    return corpus.procedures[version], corpus.findings[version]


def rows(form: dict) -> dict[str, dict]:
    return {row["name"]: row for row in form["elements"]}


def test_every_element_of_the_decree_is_judged_in_order() -> None:
    procedure, findings = sample()
    form = review_form(procedure, findings, {})
    assert [row["name"] for row in form["elements"]] == list(FORM_ELEMENTS) and len(FORM_ELEMENTS) == 11


def test_findings_nobody_decided_yet_say_so() -> None:
    procedure, findings = sample()
    by_element = rows(review_form(procedure, findings, {}))
    steps = by_element["Trình tự thực hiện"]
    assert steps["verdict"] == "Không"
    assert steps["reason"].startswith("Bước 4 kiểm tra lại nội dung «xác minh tình trạng» đã được kiểm tra ở bước 3. "
                                      "Đề xuất: Bỏ bước 4 «Xác minh lại tình trạng hôn nhân».")
    assert steps["reason"].endswith("(phát hiện tự động, người rà soát chưa xem xét)")
    assert steps["current"].startswith("5 bước: bước 1 «Nộp hồ sơ»")
    ways = by_element["Cách thức thực hiện"]
    assert ways["verdict"] == TO_JUDGE and ways["current"] == "Nộp trực tiếp; Nộp trực tuyến" and TO_FILL in ways["reason"]


def test_reviewer_decisions_fill_the_verdict_and_the_cost_after() -> None:
    procedure, findings = sample()
    recheck = next(f for f in findings if f.rule == "recheck_step")
    held = next(f for f in findings if f.rule == "state_held_document")
    decisions = {
        (procedure.version_key, ProposalKey.for_finding(recheck.key)): {"decision": "accept", "comment": "", "payload": {}},
        (procedure.version_key, ProposalKey.for_finding(held.key)): {"decision": "reject", "comment": "Cần đối chiếu bản chính", "payload": {}},
    }
    form = review_form(procedure, findings, decisions)
    by_element = rows(form)
    assert by_element["Trình tự thực hiện"]["verdict"] == "Không"
    assert "chưa xem xét" not in by_element["Trình tự thực hiện"]["reason"]
    papers = by_element["Thành phần hồ sơ"]
    assert papers["verdict"] == "Có" and papers["reason"].endswith("Người rà soát không chấp nhận phát hiện này: Cần đối chiếu bản chính")
    # hand-checked: one step fewer is 0,25 h × 45.000 đồng × 1.000 cases = 11.250.000 đồng a year saved
    # (106.250 đồng a performance: tests/report/test_official_golden.py); 11.250.000 / 106.250.000 = 10,6%
    assert form["cost"] == ["Chi phí tuân thủ hiện hành ước tính: 106.250.000 đồng/năm (106.250 đồng một lần thực hiện).",
                            "Sau khi thực hiện các đề xuất được chấp nhận: 95.000.000 đồng/năm, tiết kiệm 11.250.000 "
                            "đồng/năm (cắt giảm 10,6%)."]


def test_the_document_marks_what_the_reviewer_fills_in() -> None:
    procedure, findings = sample()
    document = Document(io.BytesIO(review_form_docx([review_form(procedure, findings, {})])))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "BIỂU MẪU RÀ SOÁT, ĐÁNH GIÁ THỦ TỤC HÀNH CHÍNH" in text and "Thông tư số 02/2017/TT-VPCP" in text
    assert f"- Mục tiêu quản lý nhà nước của thủ tục: {TO_FILL}" in text
    assert "Công bố tại: Quyết định số 1520/QĐ-UBND" in text
    assert "Trình tự thực hiện" in cells and "Không" in cells and TO_JUDGE in cells
    assert "None" not in text + "".join(cells)
