"""The province's report on the review (báo cáo kết quả rà soát, đánh giá thủ tục hành chính), DOCX and XLSX with
charts: procedures reviewed, proposals by status, time and cost saved, the cut against the year's target by field
and by agency, the overlaps and conflicts between legal texts and the records that differ from their own legal
basis (counted by type, the first few in words), and the defects of published records still to be corrected.

Built from the corpus, the reviewers' saved proposals, the plan (analyzer.report.plan) and the legal texts read
(analyzer.report.legal_review); the DOCX fills analyzer/data/templates/report.docx.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from analyzer.detect.record_defects import RecordDefect
from analyzer.report.keys import ProposalKey
from analyzer.report.official import letterhead, load_settings, number, percent, render, vnd
from analyzer.report.labels import label
from analyzer.report.legal_review import LegalSummary, LoadedTexts, legal_summary
from analyzer.report.plan import PlanSection, build_plan, decisions_from_store, target_sentence
from analyzer.report.review import ReviewCorpus
from analyzer.report.savings import target

NOT_STATED = "Chưa ghi"  # a record without field or agency is grouped under this name


@dataclass
class Group:
    name: str
    procedures: int = 0
    cost_before: float = 0.0
    cost_after: float = 0.0
    days_before: float = 0.0
    days_after: float = 0.0

    @property
    def cost_cut(self) -> float | None:
        return (self.cost_before - self.cost_after) / self.cost_before if self.cost_before else None

    @property
    def time_cut(self) -> float | None:
        return (self.days_before - self.days_after) / self.days_before if self.days_before else None


@dataclass
class ProvinceReport:
    year: int
    target: float
    reviewed: int
    with_findings: int
    with_decisions: int
    statuses: dict[str, int]  # Vietnamese status label -> proposals
    decisions: dict[str, int]  # Vietnamese decision label -> proposals
    total: Group
    by_field: list[Group] = field(default_factory=list)
    by_agency: list[Group] = field(default_factory=list)
    defects: list[RecordDefect] = field(default_factory=list)
    include_drafts: bool = False
    legal: LegalSummary | None = None  # None: no legal text was given to compare


def _grouped(sections: Iterable[PlanSection], key) -> list[Group]:
    groups: dict[str, Group] = {}
    for section in sections:
        name = key(section) or NOT_STATED
        group = groups.setdefault(name, Group(name))
        _add(group, section)
    return sorted(groups.values(), key=lambda g: (-(g.cost_before - g.cost_after), g.name))


def _add(group: Group, section: PlanSection) -> None:
    s = section.savings
    group.procedures += 1
    group.cost_before += s["before"]["cost_per_year"]
    group.cost_after += s["after"]["cost_per_year"]
    if s["before"]["working_days"] is not None and s["after"]["working_days"] is not None:
        group.days_before += s["before"]["working_days"]
        group.days_after += s["after"]["working_days"]


def build_report(corpus: ReviewCorpus, saved: Iterable[Mapping[str, Any]], year: int | None = None,
                 include_drafts: bool = False, legal: LoadedTexts | LegalSummary | None = None) -> ProvinceReport:
    """``legal``: the legal texts whose overlaps, and the records' differences from them, the report counts, or
    their ``legal_summary`` made already (it depends on the corpus and the texts only: an app keeps it)."""
    rows = [row for row in saved if not ProposalKey.parse(row["finding_key"]).is_cost_params]
    decisions, cost_params = decisions_from_store(rows)
    decided = {row["procedure_version"] for row in rows}
    procedures, findings = corpus.some(decided)  # a plan section is made only for a procedure with decisions
    sections = build_plan(procedures, findings, decisions, cost_params, include_drafts=include_drafts, year=year)
    goal = target(year)
    total = Group("Toàn tỉnh")
    for section in sections:
        _add(total, section)
    return ProvinceReport(
        year=goal["year"], target=float(goal["cut"]),
        reviewed=len(corpus.procedures),
        with_findings=corpus.with_findings(),
        with_decisions=sum(1 for version in corpus.procedures if version in decided),
        statuses=dict(Counter(label("statuses", row.get("status") or "draft") for row in rows)),
        decisions=dict(Counter(label("decisions", row["decision"]) for row in rows)),
        total=total,
        by_field=_grouped(sections, lambda s: s.sector),
        by_agency=_grouped(sections, lambda s: s.agency),
        defects=corpus.defects(),
        include_drafts=include_drafts,
        legal=legal_summary(corpus.citing, legal) if isinstance(legal, LoadedTexts) else legal,
    )


def _pct(share: float | None) -> str:
    return "—" if share is None else percent(share)


def _met(report: ProvinceReport, share: float | None) -> str:
    return "—" if share is None else ("Đạt" if share >= report.target else "Chưa đạt")


def _row(report: ProvinceReport, group: Group) -> dict[str, str]:
    return {"name": group.name, "procedures": str(group.procedures), "before": vnd(group.cost_before),
            "after": vnd(group.cost_after), "cost_cut": _pct(group.cost_cut), "time_cut": _pct(group.time_cut),
            "met": _met(report, group.cost_cut)}


def _chart(labels: list[str], values: list[float], title: str, target_line: float | None = None) -> bytes:
    """A horizontal bar chart as PNG, in a serif face like the text (Times New Roman, else Liberation Serif)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context({"font.family": "serif", "font.serif": ["Times New Roman", "Liberation Serif", "DejaVu Serif"],
                         "font.size": 11}):
        figure, axis = plt.subplots(figsize=(6.3, 0.45 * max(len(labels), 3) + 1.0), dpi=150)
        axis.barh(labels[::-1], values[::-1], color="#2f5597")
        if target_line is not None:
            axis.axvline(target_line, color="#c00000", linestyle="--", label=f"Mục tiêu {percent(target_line / 100)}")
            axis.legend(loc="lower right")
        axis.set_title(title)
        axis.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        plt.close(figure)
    return buffer.getvalue()


def _legal_lines(summary: LegalSummary | None) -> list[str]:
    if summary is None:
        return ["Chưa đối chiếu văn bản quy phạm pháp luật: không có văn bản nào được chọn."]
    skipped = f" ({summary.skipped} tệp không đọc được)" if summary.skipped else ""
    found = sum(summary.counts.values())
    return [f"Đã đối chiếu {summary.texts} văn bản quy phạm pháp luật{skipped}, so sánh {summary.compared} thủ tục có "
            f"căn cứ pháp lý nằm trong các văn bản này với quy định của căn cứ; có {found} phát hiện."]


def _legal_counts(summary: LegalSummary | None) -> list[dict[str, str]]:
    counts = summary.counts if summary is not None else {}
    return [{"name": label("legal_findings", kind), "count": str(n)} for kind, n in counts.items()]


def _legal_top(summary: LegalSummary | None) -> list[str]:
    if summary is None:
        return []
    return list(summary.top) or ["Không phát hiện quy định chồng chéo, mâu thuẫn hoặc thủ tục khác căn cứ pháp lý."]


def report_context(report: ProvinceReport) -> dict[str, Any]:
    t = report.total
    scope = "các đề xuất đã được phê duyệt" + (" và các đề xuất dự thảo" if report.include_drafts else "")
    return {
        "year": report.year,
        "target_sentence": target_sentence(report.year),
        "review": [
            f"Số thủ tục hành chính được rà soát: {report.reviewed}; trong đó {report.with_findings} thủ tục có phát hiện "
            f"cần xem xét, {report.with_decisions} thủ tục đã có ý kiến của người rà soát.",
            "Đề xuất theo tình trạng: " + ("; ".join(f"{k}: {v}" for k, v in sorted(report.statuses.items()))
                                           or "chưa có đề xuất") + ".",
            "Đề xuất theo ý kiến rà soát: " + ("; ".join(f"{k}: {v}" for k, v in sorted(report.decisions.items()))
                                              or "chưa có ý kiến") + ".",
        ],
        "savings": [
            f"Tính trên {scope}: {t.procedures} thủ tục được đơn giản hóa.",
            f"Chi phí tuân thủ giảm từ {vnd(t.cost_before)} xuống {vnd(t.cost_after)} đồng/năm, tiết kiệm "
            f"{vnd(t.cost_before - t.cost_after)} đồng/năm (cắt giảm {_pct(t.cost_cut)}).",
            f"Tổng thời hạn giải quyết giảm từ {number(t.days_before)} xuống {number(t.days_after)} ngày làm việc "
            f"(cắt giảm {_pct(t.time_cut)}).",
        ],
        "fields": [_row(report, g) for g in report.by_field],
        "agencies": [_row(report, g) for g in report.by_agency],
        "legal": _legal_lines(report.legal),
        "legal_counts": _legal_counts(report.legal),
        "legal_top": _legal_top(report.legal),
        "defects": [f"{d.procedure}: {d.message} (gửi {d.send_to or 'cơ quan công bố'})" for d in report.defects]
        or ["Không phát hiện sai sót của hồ sơ công bố cần sửa."],
    }


def report_docx(report: ProvinceReport, settings: Mapping[str, Any] | None = None) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    from analyzer.report.official import template_path

    settings = settings if settings is not None else load_settings()
    context = report_context(report)
    # the charts are made for this template object: docxtpl's images belong to the document they are placed in
    document = DocxTemplate(str(template_path("report.docx")))
    status_chart = _chart(list(report.statuses) or ["Chưa có đề xuất"], list(report.statuses.values()) or [0],
                          "Đề xuất theo tình trạng")
    field_chart = _chart([g.name for g in report.by_field] or ["Chưa có"],
                         [round((g.cost_cut or 0) * 100, 1) for g in report.by_field] or [0],
                         "Cắt giảm chi phí tuân thủ theo lĩnh vực (%)", target_line=report.target * 100)
    context["charts"] = {"status": InlineImage(document, io.BytesIO(status_chart), width=Mm(150)),
                         "fields": InlineImage(document, io.BytesIO(field_chart), width=Mm(150))}
    context["doc"] = letterhead(settings, "report", draft=False)
    return render(document, context)


def report_xlsx(report: ProvinceReport) -> bytes:
    """The figures as tables with native bar charts (by field, by agency), widths, frozen headers and filters."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "Tổng hợp"
    context = report_context(report)
    for line in context["review"] + context["savings"] + context["legal"]:
        summary.append([line])
    summary.append([target_sentence(report.year)])
    summary.column_dimensions["A"].width = 140
    header = ["Tên", "Số thủ tục", "Chi phí trước (đồng/năm)", "Chi phí sau (đồng/năm)", "Cắt giảm chi phí",
              "Cắt giảm thời gian", "Mục tiêu", "Đạt mục tiêu"]
    for title, groups in (("Theo lĩnh vực", report.by_field), ("Theo cơ quan", report.by_agency)):
        sheet = book.create_sheet(title)
        sheet.append(header)
        for g in groups:
            sheet.append([g.name, g.procedures, g.cost_before, g.cost_after, g.cost_cut, g.time_cut, report.target,
                          _met(report, g.cost_cut)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            row[2].number_format = row[3].number_format = "#,##0"
            row[4].number_format = row[5].number_format = row[6].number_format = "0.0%"
        for letter, width in zip("ABCDEFGH", (40, 12, 22, 22, 16, 16, 12, 14)):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes, sheet.auto_filter.ref = "A2", sheet.dimensions
        if groups:
            chart = BarChart()
            chart.type, chart.title, chart.y_axis.title = "bar", f"Cắt giảm chi phí tuân thủ {title.lower()}", "%"
            chart.add_data(Reference(sheet, min_col=5, min_row=1, max_row=len(groups) + 1), titles_from_data=True)
            chart.add_data(Reference(sheet, min_col=7, min_row=1, max_row=len(groups) + 1), titles_from_data=True)
            chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(groups) + 1))
            sheet.add_chart(chart, "J2")
    _legal_sheet(book.create_sheet("Chồng chéo, mâu thuẫn"), report)
    defects = book.create_sheet("Sai sót hồ sơ")
    defects.append(["Thủ tục", "Phiên bản", "Nội dung", "Gửi"])
    for d in report.defects:
        defects.append([d.procedure, d.version, d.message, d.send_to or "cơ quan công bố"])
    for letter, width in zip("ABCD", (16, 30, 90, 40)):
        defects.column_dimensions[letter].width = width
    defects.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _legal_sheet(sheet, report: ProvinceReport) -> None:
    """The legal findings by type, then the first of them in words."""
    from openpyxl.styles import Font

    for line in _legal_lines(report.legal):
        sheet.append([line])
    sheet.append([])
    sheet.append(["Loại phát hiện", "Số phát hiện"])
    header = sheet.max_row
    for row in _legal_counts(report.legal):
        sheet.append([row["name"], int(row["count"])])
    sheet.append([])
    sheet.append(["Các phát hiện đầu tiên"])
    for cell in (*sheet[header], sheet.cell(sheet.max_row, 1)):
        cell.font = Font(bold=True)
    for line in _legal_top(report.legal):
        sheet.append([line])
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 90, 14
