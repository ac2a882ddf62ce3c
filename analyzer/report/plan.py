"""The simplification plan (phương án đơn giản hóa): one section per procedure, as DOCX and XLSX.

Built from the procedures, their findings and the reviewers' saved decisions: for every accepted
or modified finding and every free edit, the current rule, the proposed change, the reason, the
legal ground, and the time and cost saved by the whole proposal for that procedure.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from analyzer.detect.finding import Finding
from analyzer.model import Procedure
from analyzer.report.keys import ProposalKey
from analyzer.report.labels import label as label_of, labels, number, percent
from analyzer.report.savings import apply_changes, change_from_finding, compare

ACTION_LABELS = labels("suggestions")  # the registry's names (analyzer/data/labels.yaml)
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


@dataclass
class PlanItem:
    current: str
    proposal: str
    reason: str
    legal_ground: str
    decision: str
    comment: str = ""


@dataclass
class PlanSection:
    code: str
    name: str
    agency: str | None
    items: list[PlanItem] = field(default_factory=list)
    savings: dict[str, Any] = field(default_factory=dict)
    decision: str | None = None  # the decision that published this version of the procedure


def _describe(change: Mapping[str, Any]) -> str:
    """The change in words ("Bỏ bước (bước 3)"): positions 1-based as people count them, never parameter names."""
    label = ACTION_LABELS.get(change["action"]) or label_of("suggestions", change["action"])
    details = change_details(change.get("params") or {})
    return f"{label} ({details})" if details else label


def change_details(params: Mapping[str, Any]) -> str:
    parts = []
    if "indices" in params:
        parts.append("các bước " + ", ".join(str(int(i) + 1) for i in params["indices"]))
    elif "index" in params and "case" not in params:
        parts.append(f"bước {int(params['index']) + 1}")
    if "case" in params and "index" in params:
        parts.append(f"giấy tờ {int(params['index']) + 1} của trường hợp {int(params['case']) + 1}")
    if params.get("target_working_days") is not None:
        parts.append(f"còn {number(params['target_working_days'], 1)} ngày làm việc")
    if params.get("mode"):
        parts.append(f"hình thức {label_of('modes', params['mode']).lower()}")
    if isinstance(params.get("channel"), int):
        parts.append(f"hình thức thứ {params['channel'] + 1}")
    return ", ".join(parts)


def build_plan(
    procedures: Iterable[Procedure],
    findings: Iterable[Finding],
    decisions: Decisions,
    cost_params: Mapping[str, Mapping[str, float]] | None = None,
) -> list[PlanSection]:
    """decisions: (procedure version, proposal key) -> saved proposal (decision, comment, payload);
    cost_params: procedure version -> cost model parameters."""
    by_version: dict[str, list[Finding]] = {}
    for finding in findings:
        by_version.setdefault(finding_version(finding), []).append(finding)
    sections = []
    for procedure in procedures:
        version = procedure.version_key
        items, changes = [], []
        for finding in by_version.get(version, []):
            saved = decisions.get((version, ProposalKey.for_finding(finding.key)))
            if not saved or saved["decision"] not in ACCEPTED:
                continue
            change = (saved.get("payload") or {}).get("change") or change_from_finding(finding)
            if change:
                changes.append(change)
            items.append(PlanItem(
                current="; ".join(e.text for e in finding.evidence if e.text)[:600],
                proposal=_describe(change) if change else ACTION_LABELS.get(finding.suggestion.action, finding.suggestion.action),
                reason=finding.message,
                legal_ground="; ".join(" ".join(filter(None, [g.article, g.document])) for g in finding.legal_ground),
                decision=saved["decision"],
                comment=saved.get("comment") or "",
            ))
        for (target, key), saved in sorted(decisions.items(), key=lambda item: item[0]):
            if target == version and key.is_edit and saved["decision"] == "edit":
                change = (saved.get("payload") or {}).get("change")
                if change:
                    changes.append(change)
                    items.append(PlanItem(current="", proposal=_describe(change), reason=saved.get("comment") or "",
                                          legal_ground="", decision="edit", comment=saved.get("comment") or ""))
        if not items:
            continue
        after = apply_changes(procedure, changes)
        params = (cost_params or {}).get(version)
        sections.append(PlanSection(procedure.code, procedure.name, procedure.agency, items, compare(procedure, after, params),
                                    decision=procedure.decision))
    return sections


def _pct(value: float | None) -> str:
    return percent(value)


def plan_docx(sections: list[PlanSection], title: str = "Phương án đơn giản hóa thủ tục hành chính") -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=0)
    for position, section in enumerate(sections, start=1):
        document.add_heading(f"{position}. {section.name} (mã {section.code})", level=1)
        if section.decision:  # two versions of one code are told apart by their decision
            document.add_paragraph(f"Quyết định công bố: {section.decision}")
        if section.agency:
            document.add_paragraph(f"Cơ quan thực hiện: {section.agency}")
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, ("Quy định hiện hành", "Đề xuất", "Lý do", "Căn cứ pháp lý")):
            cell.text = label
        for item in section.items:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = item.current, item.proposal + (f" — {item.comment}" if item.comment else "")
            cells[2].text, cells[3].text = item.reason, item.legal_ground
        s = section.savings
        before, after = s["before"], s["after"]
        document.add_paragraph(
            f"Thời hạn giải quyết: {number(before['working_days'], 1)} → {number(after['working_days'], 1)} ngày làm "
            f"việc (cắt giảm {_pct(s['time_cut'])}); chi phí tuân thủ: {number(before['cost_per_year'])} → "
            f"{number(after['cost_per_year'])} đồng/năm (cắt giảm {_pct(s['cost_cut'])}); mục tiêu Nghị quyết "
            f"66/NQ-CP: tối thiểu {_pct(s['target'])}."
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plan_xlsx(sections: list[PlanSection]) -> bytes:
    import pandas as pd

    rows = []
    for section in sections:
        s = section.savings
        for item in section.items:
            rows.append({
                "Mã thủ tục": section.code, "Quyết định công bố": section.decision, "Tên thủ tục": section.name, "Quy định hiện hành": item.current,
                "Đề xuất": item.proposal, "Lý do": item.reason, "Căn cứ pháp lý": item.legal_ground,
                "Quyết định": label_of("decisions", item.decision), "Ý kiến": item.comment,
                "Thời hạn trước (ngày LV)": s["before"]["working_days"], "Thời hạn sau (ngày LV)": s["after"]["working_days"],
                "Cắt giảm thời gian": s["time_cut"], "Chi phí trước (đồng/năm)": s["before"]["cost_per_year"],
                "Chi phí sau (đồng/năm)": s["after"]["cost_per_year"], "Cắt giảm chi phí": s["cost_cut"],
            })
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(rows).to_excel(writer, sheet_name="Phương án", index=False)
    return buffer.getvalue()
