"""The province's report: procedures reviewed, proposals by status, savings against the year's target by field and
by agency, open record defects, overlaps between legal texts and records against their basis counted by type; DOCX with two
charts, XLSX with native charts."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from analyzer.model import Channel, Duration, Procedure, Step
from analyzer.report.province_report import build_report, report_context, report_docx, report_xlsx
from analyzer.report.labels import label
from analyzer.report.legal_review import LoadedTexts, legal_summary, load_legal_texts
from analyzer.report.review import ReviewCorpus
from official_docs import constructed_legal_folder, sample_corpus


@pytest.fixture(scope="module")
def saved() -> list[dict]:
    # each finding's decision and status follow from its own key (not its position), so a rule added or changed
    # elsewhere leaves the other findings' decisions as they were
    findings = [f for fs in sample_corpus().findings.values() for f in fs]
    return [{"procedure_version": f.version, "finding_key": f.key, "decision": ("accept", "reject", "modify")[zlib.crc32(f.key.encode()) % 3],
             "status": ("approved", "draft")[zlib.crc32(f.key.encode()) // 3 % 2], "comment": "", "payload": {}} for f in findings]


def test_counts_and_groups_add_up(saved: list[dict]) -> None:
    report = build_report(sample_corpus(), saved)
    assert report.reviewed == 30 and report.with_findings == sum(1 for fs in sample_corpus().findings.values() if fs)
    assert sum(report.statuses.values()) == len(saved) == sum(report.decisions.values())
    approved = sum(s["status"] == "approved" for s in saved)
    assert report.statuses == {"Đã phê duyệt": approved, "Bản nháp": len(saved) - approved} and 0 < approved < len(saved)
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
    # every finding accepted and approved: the sample's fields cut 71% (Chứng thực), just over 50% (Đất đai), just
    # under 50% (Xây dựng) and less, so 2025's 30% is met by three fields and 2026's 50% by two
    everything = [{**item, "decision": "accept", "status": "approved"} for item in saved]
    met = {year: {row["name"] for row in report_context(build_report(sample_corpus(), everything, year=year))["fields"]
                  if row["met"] == "Đạt"} for year in (2025, 2026)}
    assert met == {2025: {"Chứng thực", "Đất đai", "Xây dựng"}, 2026: {"Chứng thực", "Đất đai"}}


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
    assert book.sheetnames == ["Tổng hợp", "Theo lĩnh vực", "Theo cơ quan", "Chồng chéo, mâu thuẫn", "Sai sót hồ sơ"]
    fields = book["Theo lĩnh vực"]
    assert len(fields._charts) == 1 and fields.freeze_panes == "A2" and fields["E2"].number_format == "0.0%"
    assert fields.max_row == len(report.by_field) + 1


def loaded(tmp_path: Path, circular_days: str | None) -> LoadedTexts:
    return load_legal_texts([constructed_legal_folder(tmp_path / "legal", circular_days)])


@pytest.mark.parametrize("circular_days, counts", [
    (None, {"conflict": 0, "duplication": 0, "time_limit": 1, "papers": 0}),  # the record against its basis only
    ("03", {"conflict": 1, "duplication": 0, "time_limit": 1, "papers": 0}),  # 03 against the law's 02 days
    ("02", {"conflict": 0, "duplication": 1, "time_limit": 1, "papers": 0}),  # the law's 02 days again
])
def test_overlaps_and_basis_differences_are_counted(tmp_path: Path, saved: list[dict], circular_days: str | None,
                                                    counts: dict[str, int]) -> None:
    report = build_report(sample_corpus(), saved, legal=loaded(tmp_path, circular_days))
    assert report.legal is not None and report.legal.counts == counts
    assert report.legal.texts == (1 if circular_days is None else 2)
    assert report.legal.compared == 6  # the sample's records citing Luật Hộ tịch 60/2014/QH13
    assert len(report.legal.top) == sum(counts.values())
    assert report.legal.top[-1].startswith("Thủ tục cho thời hạn giải quyết dài hơn căn cứ pháp lý: thủ tục "
                                           "SAMPLE.006 «Cấp Giấy xác nhận tình trạng hôn nhân» ghi «03 ngày làm việc")
    document = Document(io.BytesIO(report_docx(report)))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Loại phát hiện"]
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        [label("legal_findings", kind), str(n)] for kind, n in counts.items()]
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(f"- {line}" in text for line in report.legal.top)
    sheet = load_workbook(io.BytesIO(report_xlsx(report)))["Chồng chéo, mâu thuẫn"]
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert {kind: values[label("legal_findings", kind)] for kind in counts} == counts


def test_the_top_list_is_short_and_conflicts_come_first(tmp_path: Path, saved: list[dict]) -> None:
    summary = legal_summary(sample_corpus().procedures.values(), loaded(tmp_path, "03"), top=1)
    assert summary.top == ("Mâu thuẫn giữa các văn bản: Luật 60/2014/QH13, Điều 10 khoản 2 quy định «Trong thời hạn 02 "
                           "ngày làm việc»; Thông tư, Điều 5 khoản 1 quy định «Trong thời hạn 03 ngày làm việc»; văn "
                           "bản được áp dụng: Luật 60/2014/QH13.",)
    assert sum(summary.counts.values()) == 2


def test_a_report_without_legal_texts_says_so(saved: list[dict]) -> None:
    report = build_report(sample_corpus(), saved)
    document = Document(io.BytesIO(report_docx(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Chưa đối chiếu văn bản quy phạm pháp luật: không có văn bản nào được chọn." in text
    assert "Các phát hiện đầu tiên:" not in text
    assert not [t for t in document.tables if t.rows[0].cells[0].text == "Loại phát hiện"]
