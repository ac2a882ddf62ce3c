"""The province's report: procedures reviewed, proposals by status, savings against the year's target by field and
by agency, open record defects; DOCX with two charts, XLSX with native charts."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from analyzer.model import Channel, Duration, Procedure, Step
from analyzer.report.province_report import build_report, report_context, report_docx, report_xlsx
from analyzer.report.review import ReviewCorpus
from official_docs import sample_corpus


@pytest.fixture(scope="module")
def saved() -> list[dict]:
    # the decisions a reviewer saved before the rule long_time_target existed: its findings stay undecided
    findings = [f for fs in sample_corpus().findings.values() for f in fs if f.rule != "long_time_target"]
    return [{"procedure_version": f.version, "finding_key": f.key, "decision": ("accept", "reject", "modify")[i % 3],
             "status": ("approved", "draft")[i % 2], "comment": "", "payload": {}} for i, f in enumerate(findings)]


def test_counts_and_groups_add_up(saved: list[dict]) -> None:
    report = build_report(sample_corpus(), saved)
    assert report.reviewed == 30 and report.with_findings == sum(1 for fs in sample_corpus().findings.values() if fs)
    assert sum(report.statuses.values()) == len(saved) == sum(report.decisions.values())
    assert report.statuses == {"Đã phê duyệt": (len(saved) + 1) // 2, "Bản nháp": len(saved) // 2}
    for groups in (report.by_field, report.by_agency):
        assert sum(g.procedures for g in groups) == report.total.procedures
        assert sum(g.cost_before for g in groups) == pytest.approx(report.total.cost_before)
        assert sum(g.cost_after for g in groups) == pytest.approx(report.total.cost_after)
    drafts = build_report(sample_corpus(), saved, include_drafts=True)
    saving = lambda r: r.total.cost_before - r.total.cost_after  # noqa: E731
    assert drafts.total.procedures >= report.total.procedures and saving(drafts) > saving(report) > 0


def test_the_target_of_the_year_decides_what_is_met(saved: list[dict]) -> None:
    for year, goal in ((2025, 0.30), (2026, 0.50)):
        report = build_report(sample_corpus(), saved, year=year)
        assert report.target == goal
        rows = {row["name"]: row["met"] for row in report_context(report)["fields"]}
        assert rows == {g.name: ("Đạt" if g.cost_cut >= goal else "Chưa đạt") for g in report.by_field}
        assert report_context(report)["target_sentence"].startswith(f"Mục tiêu năm {year}")
    # the sample's "Chứng thực" field cuts 62%: met in both years; "Hộ tịch" about 18%: met in neither
    assert {g.name: round(g.cost_cut, 2) for g in report.by_field}["Chứng thực"] > 0.5


def test_open_record_defects_are_listed() -> None:
    broken = Procedure(code="X.1", name="Thủ tục thiếu căn cứ", agency="Sở Xây dựng", steps=[Step(index=1, text="Nộp")],
                       channels=[Channel(mode="truc_tiep", duration=Duration(text="5 ngày làm việc", value=5,
                                                                             unit="working_day", working_days=5))])
    report = build_report(ReviewCorpus({broken.version_key: broken}, {broken.version_key: []}), [])
    assert [d.code for d in report.defects] == ["no_legal_basis"]
    text = "\n".join(p.text for p in Document(io.BytesIO(report_docx(report))).paragraphs)
    assert "X.1: Thủ tục không công bố căn cứ pháp lý" in text


def test_documents_carry_the_charts(saved: list[dict]) -> None:
    report = build_report(sample_corpus(), saved)
    document = Document(io.BytesIO(report_docx(report)))
    assert len(document.inline_shapes) == 2
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kết quả rà soát, đánh giá thủ tục hành chính năm 2025" in text and "None" not in text
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    assert book.sheetnames == ["Tổng hợp", "Theo lĩnh vực", "Theo cơ quan", "Sai sót hồ sơ"]
    fields = book["Theo lĩnh vực"]
    assert len(fields._charts) == 1 and fields.freeze_panes == "A2" and fields["E2"].number_format == "0.0%"
    assert fields.max_row == len(report.by_field) + 1
