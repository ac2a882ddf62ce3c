"""The documents `tthc export` and the app's export page write, from a corpus and the reviewers' saved proposals."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from analyzer.report.cost_sheet import AFTER_UNDECIDED, CostSheetError, cost_xlsx
from analyzer.report.decision import decision_docx
from analyzer.report.legal_review import LoadedTexts
from analyzer.report.plan import PlanSection, build_plan, decisions_from_store, plan_docx, plan_xlsx
from analyzer.report.province_report import build_report, report_docx, report_xlsx
from analyzer.report.review import ReviewCorpus
from analyzer.report.review_form import review_form_docx, review_forms
from analyzer.report.savings import target_years

KINDS = ("plan", "decision", "cost", "review-form", "report")


class ExportError(ValueError):
    """A request that cannot make a document (message in Vietnamese, for the user)."""


def select(corpus: ReviewCorpus, codes: Iterable[str] | None) -> ReviewCorpus:
    """The procedures named by code or by version (``code@decision``); every name must match one."""
    wanted = list(codes or [])
    if not wanted:
        return corpus
    kept = {version: p for version, p in corpus.procedures.items() if version in wanted or p.code in wanted}
    missing = [c for c in wanted if not any(c in (version, p.code) for version, p in kept.items())]
    if missing:
        raise ExportError(f"không có thủ tục mã {', '.join(missing)} trong bộ dữ liệu")
    return ReviewCorpus(kept, {version: corpus.findings.get(version, []) for version in kept}, corpus.errors)


def sections(corpus: ReviewCorpus, saved: Iterable[Mapping[str, Any]], include_drafts: bool = False,
             year: int | None = None) -> list[PlanSection]:
    decisions, cost_params = decisions_from_store(saved)
    findings = [f for fs in corpus.findings.values() for f in fs]
    if year is not None and year not in target_years():
        raise ExportError(f"không có mục tiêu cho năm {year} (có: {', '.join(map(str, target_years()))})")
    return build_plan(corpus.procedures.values(), findings, decisions, cost_params, include_drafts=include_drafts,
                      year=year)


def document(kind: str, plan: list[PlanSection], suffix: str, settings: Mapping[str, Any] | None = None) -> bytes:
    """``suffix``: the output file's (".docx", or ".xlsx" for the plan as a table and for the cost sheet)."""
    if not plan:
        raise ExportError("không có đề xuất nào được phê duyệt cho các thủ tục đã chọn "
                          "(dùng --include-drafts để xuất cả đề xuất chưa phê duyệt, ghi rõ dự thảo)")
    if kind == "plan":
        return plan_xlsx(plan) if suffix == ".xlsx" else plan_docx(plan, settings)
    if kind == "decision":
        if suffix == ".xlsx":
            raise ExportError("dự thảo quyết định chỉ xuất dạng DOCX")
        return decision_docx(plan, settings)
    if kind == "cost":
        if suffix != ".xlsx":
            raise ExportError("bảng tính chi phí tuân thủ chỉ xuất dạng XLSX")
        try:
            return cost_xlsx([(s.before, s.after, s.params) for s in plan])
        except CostSheetError as exc:
            raise ExportError(str(exc)) from exc
    raise ExportError(f"loại văn bản «{kind}» không có; chọn một trong: {', '.join(KINDS)}")


def review_form_document(corpus: ReviewCorpus, saved: Iterable[Mapping[str, Any]], suffix: str,
                         settings: Mapping[str, Any] | None = None) -> bytes:
    """The review forms of the corpus's procedures, pre-filled from their findings and the saved decisions (none
    when the proposals store is not used: every finding then reads as not yet considered)."""
    if suffix == ".xlsx":
        raise ExportError("biểu mẫu rà soát chỉ xuất dạng DOCX")
    decisions, cost_params = decisions_from_store(saved)
    findings = [f for fs in corpus.findings.values() for f in fs]
    return review_form_docx(review_forms(corpus.procedures.values(), findings, decisions, cost_params), settings)


def report_document(corpus: ReviewCorpus, saved: Iterable[Mapping[str, Any]], suffix: str, year: int | None = None,
                    include_drafts: bool = False, settings: Mapping[str, Any] | None = None,
                    legal: LoadedTexts | None = None) -> bytes:
    """The province's report on the review, DOCX (with charts) or XLSX (with native charts); ``legal``: the legal
    texts whose overlaps, and the records' differences from them, it counts."""
    if year is not None and year not in target_years():
        raise ExportError(f"không có mục tiêu cho năm {year} (có: {', '.join(map(str, target_years()))})")
    report = build_report(corpus, saved, year=year, include_drafts=include_drafts, legal=legal)
    return report_xlsx(report) if suffix == ".xlsx" else report_docx(report, settings)


def undecided_cost_document(corpus: ReviewCorpus, suffix: str, year: int | None = None) -> bytes:
    """The cost sheet straight from the records: every finding's change taken as proposed, nothing decided yet."""
    if suffix != ".xlsx":
        raise ExportError("bảng tính chi phí tuân thủ chỉ xuất dạng XLSX")
    saved = [{"procedure_version": f.version or f.procedure, "finding_key": f.key, "decision": "accept", "comment": "",
              "payload": {}, "status": "draft"} for fs in corpus.findings.values() for f in fs]
    plan = sections(corpus, saved, include_drafts=True, year=year)
    if not plan:
        raise ExportError("các thủ tục đã chọn không có phát hiện nào làm thay đổi chi phí tuân thủ")
    try:
        return cost_xlsx([(s.before, s.after, s.params) for s in plan], after_label=AFTER_UNDECIDED)
    except CostSheetError as exc:
        raise ExportError(str(exc)) from exc
