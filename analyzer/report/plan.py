"""The simplification plan (phương án đơn giản hóa): one section per procedure, as DOCX and XLSX.

Built from the procedures, their findings and the reviewers' saved decisions: for every accepted
or modified finding and every free edit, the element changed and the proposal in words, the reason, the
kiến nghị thực thi (which provision of which text to amend) and the time and compliance cost saved by the
whole proposal for that procedure. Only approved proposals, unless drafts are asked for (then marked).
The DOCX fills analyzer/data/templates/plan.docx (layout of Nghị định 30/2020/NĐ-CP).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from analyzer.detect.finding import Finding
from analyzer.model import Procedure
from analyzer.report.keys import ProposalKey
from analyzer.report.labels import label
from analyzer.report.official import letterhead, load_settings, number, percent, render, vnd, with_province
from analyzer.report.savings import apply_changes, change_from_finding, compare, default_params, target
from analyzer.report.wording import MODE_PHRASES, describe, element, fee_rule, implementation, provision, reason

ACCEPTED = ("accept", "modify", "edit")
Decisions = Mapping[tuple[str, ProposalKey], Mapping[str, Any]]  # (procedure version, key) -> saved proposal


def finding_version(finding: Finding) -> str:
    """The procedure version a finding belongs to (its code for a finding made without one)."""
    return finding.version or finding.procedure


def decisions_from_store(saved: Iterable[Mapping[str, Any]]) -> tuple[dict[tuple[str, ProposalKey], Mapping[str, Any]], dict[str, Any]]:
    """The store's proposal rows as typed decisions, and the cost parameters saved per procedure version."""
    decisions = {(row["procedure_version"], ProposalKey.parse(row["finding_key"])): row for row in saved}
    cost_params = {version: row["payload"].get("params") for (version, key), row in decisions.items() if key.is_cost_params}
    return decisions, cost_params


# how a proposal not yet approved is marked inside an official document (the XLSX names statuses by the registry)
DRAFT_NOTES = {"returned": "Dự thảo, bị trả lại"}
DRAFT_NOTE = "Dự thảo, chưa phê duyệt"


@dataclass
class PlanItem:
    current: str
    proposal: str  # in words (analyzer.report.wording), never parameters
    reason: str
    legal_ground: str
    decision: str
    comment: str = ""
    element: str = ""  # the element of the procedure changed: Trình tự thực hiện, Thành phần hồ sơ, ...
    status: str = "approved"  # the proposal's approval status in the store; anything else is a draft

    @property
    def is_draft(self) -> bool:
        return self.status != "approved"


@dataclass
class PlanSection:
    code: str
    name: str
    agency: str | None
    items: list[PlanItem] = field(default_factory=list)
    savings: dict[str, Any] = field(default_factory=dict)
    decision: str | None = None  # the decision that published this version of the procedure
    sector: str | None = None  # lĩnh vực
    implementation: list[str] = field(default_factory=list)  # kiến nghị thực thi, one line per element changed
    params: dict[str, float] = field(default_factory=dict)  # the cost model parameters the savings used
    # per channel whose time changed: (mode, days before, days after); the overall time is the longest channel's,
    # so a cut on one channel alone would otherwise read as "no change"
    channel_times: list[tuple[str, float, float]] = field(default_factory=list)
    offline_business: bool = False  # a business procedure still without online filing after the changes
    before: Procedure | None = field(default=None, repr=False)  # the record, and the record with the changes made
    after: Procedure | None = field(default=None, repr=False)


def _offline_business(findings: list[Finding], after: Procedure) -> bool:
    """The no_online detector tells a business procedure (its finding's business_related); the plan may add
    online filing."""
    business = any(f.rule == "no_online" and f.suggestion.params.get("business_related") for f in findings)
    return business and not any(c.mode == "truc_tuyen" for c in after.channels)


def _channel_times(before: Procedure, after: Procedure) -> list[tuple[str, float, float]]:
    changed = []
    for old, new in zip(before.channels, after.channels):  # changes keep channel positions; added ones come last
        b = old.duration.working_days if old.duration else None
        a = new.duration.working_days if new.duration else None
        if b is not None and a is not None and a != b:
            changed.append((old.mode, b, a))
    return changed


def _kept(saved: Mapping[str, Any] | None, include_drafts: bool) -> bool:
    if not saved or saved["decision"] not in ACCEPTED:
        return False
    return include_drafts or saved.get("status") == "approved"


def build_plan(
    procedures: Iterable[Procedure],
    findings: Iterable[Finding],
    decisions: Decisions,
    cost_params: Mapping[str, Mapping[str, float]] | None = None,
    include_drafts: bool = False,
    year: int | None = None,
) -> list[PlanSection]:
    """decisions: (procedure version, proposal key) -> saved proposal (decision, comment, payload, status);
    cost_params: procedure version -> cost model parameters. Only approved proposals are kept unless
    ``include_drafts``; then the others are kept and marked by their status. ``year``: the target measured
    against (analyzer/data/cost_defaults.yaml, default its target_year)."""
    by_version: dict[str, list[Finding]] = {}
    for finding in findings:
        by_version.setdefault(finding_version(finding), []).append(finding)
    sections = []
    for procedure in procedures:
        version = procedure.version_key
        items, changes, acted = [], [], []
        for finding in by_version.get(version, []):
            saved = decisions.get((version, ProposalKey.for_finding(finding.key)))
            if not _kept(saved, include_drafts):
                continue
            change = (saved.get("payload") or {}).get("change") or change_from_finding(finding)
            if change:
                changes.append(change)
            action = (change or {}).get("action") or finding.suggestion.action
            acted.append((finding, action))
            items.append(PlanItem(
                current="; ".join(e.text for e in finding.evidence if e.text)[:600],
                proposal=describe(change, procedure, finding),
                reason=reason(finding),
                legal_ground="; ".join(" ".join(filter(None, [provision(g.article), g.document])) for g in finding.legal_ground),
                decision=saved["decision"],
                comment=saved.get("comment") or "",
                element=element(action, finding.suggestion.params),
                status=saved.get("status") or "draft",
            ))
        for (target, key), saved in sorted(decisions.items(), key=lambda item: item[0]):
            if target == version and key.is_edit and saved["decision"] == "edit" and _kept(saved, include_drafts):
                change = (saved.get("payload") or {}).get("change")
                if change:
                    changes.append(change)
                    acted.append((None, change["action"]))
                    items.append(PlanItem(current="", proposal=describe(change, procedure),
                                          reason=saved.get("comment") or "Đề xuất của người rà soát.",
                                          legal_ground="", decision="edit", comment=saved.get("comment") or "",
                                          element=element(change["action"]), status=saved.get("status") or "draft"))
        if not items:
            continue
        after = apply_changes(procedure, changes)
        params = {**default_params(), **((cost_params or {}).get(version) or {})}
        sections.append(PlanSection(procedure.code, procedure.name, procedure.agency, items, compare(procedure, after, params, year),
                                    decision=procedure.decision, sector=procedure.field,
                                    implementation=implementation(procedure, acted), params=params,
                                    channel_times=_channel_times(procedure, after), before=procedure, after=after,
                                    offline_business=_offline_business(by_version.get(version, []), after)))
    return sections


def _pct(value: float | None) -> str:
    return "—" if value is None else percent(value)


def _benefits(section: PlanSection) -> list[str]:
    """Lợi ích: time and compliance cost (Thông tư 02/2017/TT-VPCP, Điều 27) before and after, saved, % cut."""
    s, p = section.savings, section.params
    before, after = s["before"], s["after"]
    lines = []
    for mode, old, new in section.channel_times:
        lines.append(f"Thời hạn giải quyết khi {MODE_PHRASES.get(mode, mode)}: trước đơn giản hóa {number(old)} ngày "
                     f"làm việc, sau đơn giản hóa {number(new)} ngày làm việc (cắt giảm {_pct((old - new) / old)}).")
    if not section.channel_times and before["working_days"] is not None and after["working_days"] is not None:
        if after["working_days"] < before["working_days"]:
            lines.append(f"Thời hạn giải quyết: trước đơn giản hóa {number(before['working_days'])} ngày làm việc, "
                         f"sau đơn giản hóa {number(after['working_days'])} ngày làm việc (cắt giảm {_pct(s['time_cut'])}).")
        else:
            lines.append(f"Thời hạn giải quyết không thay đổi ({number(before['working_days'])} ngày làm việc).")
    saved = before["cost_per_year"] - after["cost_per_year"]
    lines += [
        f"Chi phí tuân thủ thủ tục hành chính trước khi đơn giản hóa: {vnd(before['cost_per_year'])} đồng/năm.",
        f"Chi phí tuân thủ thủ tục hành chính sau khi đơn giản hóa: {vnd(after['cost_per_year'])} đồng/năm.",
        f"Chi phí tiết kiệm: {vnd(saved)} đồng/năm.",
        f"Tỷ lệ cắt giảm chi phí: {_pct(s['cost_cut'])}." if s["cost_cut"] is not None else
        "Tỷ lệ cắt giảm chi phí: không tính được vì chi phí trước khi đơn giản hóa bằng 0.",
    ]
    met = [name for name, ok in (("thời gian", s["time_target_met"]), ("chi phí", s["cost_target_met"])) if ok]
    lines.append(target_sentence(s["target_year"]) + "; "
                 + (f"phương án đạt mục tiêu về {' và '.join(met)}." if met else "phương án chưa đạt mục tiêu."))
    if section.offline_business and target(s["target_year"]).get("online_business"):
        lines.append("Thủ tục liên quan đến doanh nghiệp nhưng sau đơn giản hóa vẫn chưa có cách thức nộp trực tuyến: "
                     "chưa đáp ứng mục tiêu thực hiện trực tuyến.")
    lines.append(f"Chi phí tính theo Điều 27 Thông tư 02/2017/TT-VPCP với {vnd(p['cases_per_year'] * p['frequency'])} "
                 f"lượt thực hiện mỗi năm và thu nhập bình quân {vnd(p['hourly_income'])} đồng/giờ, không tính thời "
                 "gian chờ kết quả (chi phí cơ hội).")
    rule = fee_rule(s["before"]["fee_sources"], s["before"]["fees"])
    if rule:
        lines.append(rule + ".")
    return lines


def target_sentence(year: int) -> str:
    """"Mục tiêu năm 2026 (Nghị quyết 66/NQ-CP): cắt giảm tối thiểu 50% … so với năm 2024" — the year's target."""
    goal = target(year)
    text = (f"Mục tiêu năm {goal['year']} (Nghị quyết 66/NQ-CP): cắt giảm tối thiểu {percent(goal['cut'])} thời gian "
            "giải quyết và chi phí tuân thủ")
    if goal.get("baseline"):
        text += f" so với năm {goal['baseline']}"
    if goal.get("online_business"):
        text += f", {percent(goal['online_business'])} thủ tục liên quan đến doanh nghiệp thực hiện trực tuyến"
    return text


def _identity(section: PlanSection) -> str:
    parts = [f"Mã thủ tục: {section.code}"]
    if section.sector:
        parts.append(f"lĩnh vực: {section.sector}")
    if section.agency:
        parts.append(f"cơ quan thực hiện: {section.agency}")
    if section.decision:  # two versions of one code are told apart by their decision
        parts.append(f"công bố tại Quyết định số {section.decision}")
    return "; ".join(parts) + "."


def plan_context(sections: list[PlanSection], settings: Mapping[str, Any]) -> dict[str, Any]:
    """The ``plan`` part of a template's context: the annex shared by the plan and the decision."""
    province = str(settings.get("province") or "")
    scope = with_province(str(settings.get("scope") or ""), province)
    items = [item for section in sections for item in section.items]
    drafts = sum(item.is_draft for item in items)
    before = sum(s.savings["before"]["cost_per_year"] for s in sections)
    after = sum(s.savings["after"]["cost_per_year"] for s in sections)
    intro = (f"Phương án gồm {len(sections)} thủ tục hành chính với {len(items)} nội dung đơn giản hóa; chi phí tuân thủ "
             f"ước tính giảm từ {vnd(before)} xuống {vnd(after)} đồng/năm, tiết kiệm {vnd(before - after)} đồng/năm")
    intro += f" (cắt giảm {percent((before - after) / before)})." if before else "."
    if sections:
        intro += f" {target_sentence(sections[0].savings['target_year'])}."
    if drafts:
        intro += f" {drafts} nội dung chưa được phê duyệt được ghi rõ «dự thảo» ngay sau nội dung."
    return {
        "scope": scope,
        "scope_upper": scope.upper(),
        "intro": intro,
        "sections": [{
            "number": number_,
            "name": section.name,
            "identity": _identity(section),
            "proposals": [{"element": item.element, "proposal": item.proposal, "reason": item.reason,
                           "comment": item.comment if item.comment != item.reason else "",
                       "draft_note": f" ({DRAFT_NOTES.get(item.status, DRAFT_NOTE)})" if item.is_draft else ""}
                      for item in section.items],
            "implementation": section.implementation,
            "benefits": _benefits(section),
        } for number_, section in enumerate(sections, start=1)],
        "drafts": drafts,
    }


def plan_docx(sections: list[PlanSection], settings: Mapping[str, Any] | None = None) -> bytes:
    """The plan as a document of the Sở Tư pháp (template analyzer/data/templates/plan.docx)."""
    settings = settings if settings is not None else load_settings()
    plan = plan_context(sections, settings)
    # a plan of approved proposals is ready to sign; one that includes drafts says so above its letterhead
    return render("plan.docx", {"doc": letterhead(settings, "plan", draft=bool(plan["drafts"])), "plan": plan})


def plan_xlsx(sections: list[PlanSection]) -> bytes:
    import pandas as pd

    rows = []
    for section in sections:
        s = section.savings
        for item in section.items:
            rows.append({
                "Mã thủ tục": section.code, "Quyết định công bố": section.decision or "", "Tên thủ tục": section.name,
                "Bộ phận": item.element, "Quy định hiện hành": item.current, "Đề xuất": item.proposal, "Lý do": item.reason,
                "Căn cứ pháp lý": item.legal_ground, "Quyết định": label("decisions", item.decision),
                "Tình trạng": label("statuses", item.status), "Ý kiến": item.comment,
                "Thời hạn trước (ngày LV)": s["before"]["working_days"], "Thời hạn sau (ngày LV)": s["after"]["working_days"],
                "Cắt giảm thời gian": s["time_cut"], "Chi phí trước (đồng/năm)": s["before"]["cost_per_year"],
                "Chi phí sau (đồng/năm)": s["after"]["cost_per_year"], "Cắt giảm chi phí": s["cost_cut"],
            })
    frame = pd.DataFrame(rows)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Phương án", index=False)
        _format_sheet(writer.sheets["Phương án"], list(frame.columns))
    return buffer.getvalue()


def _format_sheet(sheet: Any, columns: list[str]) -> None:
    """Readable as opened: widths, a frozen header with filters, shares as %, đồng with separators."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wide = {"Tên thủ tục": 40, "Quy định hiện hành": 50, "Đề xuất": 50, "Lý do": 50, "Căn cứ pháp lý": 40}
    for position, name in enumerate(columns, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = wide.get(name, 16)
        sheet.cell(row=1, column=position).font = Font(bold=True)
        sheet.cell(row=1, column=position).alignment = Alignment(wrap_text=True, vertical="top")
        for cell in sheet[letter][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if name.startswith("Cắt giảm"):
                cell.number_format = "0.0%"
            elif name.startswith("Chi phí"):
                cell.number_format = "#,##0"
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = sheet.dimensions
