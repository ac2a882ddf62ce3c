"""Phát hiện: every finding of the corpus, filtered by rule, kind, severity, level, who can act, agency, field and
the deciding decision; a click
on a row opens its procedure. Names come from the label registry (ui.label), never codes."""

import streamlit as st

import ui
from analyzer.report.review import agency_names, filter_findings

ui.require_user()
st.title("Danh sách phát hiện")
table = ui.corpus().findings_table()
if table.empty:
    st.info("Chưa có phát hiện nào.")
    st.stop()

CHOOSE = "Chọn một hoặc nhiều…"
agencies = agency_names(table["agency"])  # one entry per agency however its records spell it


def choice(place, title: str, column: str, category: str, key: str) -> list[str]:  # noqa: ANN001 - a column
    """A multiselect of the codes present in ``column``, each shown by its registry name, sorted by name."""
    codes = sorted({str(v) for v in table[column].dropna()}, key=lambda c: ui.label(category, c))
    return place.multiselect(title, codes, format_func=lambda c: ui.label(category, c), key=key, placeholder=CHOOSE)


c1, c2, c3, c4 = st.columns(4)
c5, c6, c7, c8 = st.columns(4)
levels = sorted({part for value in table["levels"] for part in value.split(", ") if part})
choices = {
    "rule": choice(c1, "Quy tắc phát hiện", "rule", "rules", "findings_rule"),
    "kind": choice(c2, "Loại phát hiện", "kind", "kinds", "findings_kind"),
    "severity": choice(c3, "Mức độ", "severity", "severities", "findings_severity"),
    "levels": c4.multiselect("Cấp áp dụng", levels, format_func=lambda c: ui.label("levels", c), key="findings_level",
                             placeholder=CHOOSE),
    "actionable_by": choice(c5, "Cấp có thẩm quyền sửa", "actionable_by", "actors", "findings_actor"),
    "agency": c6.multiselect("Cơ quan", list(agencies), format_func=agencies.get, key="findings_agency",
                             placeholder=CHOOSE),
    "field": c7.multiselect("Lĩnh vực", sorted(table["field"].dropna().unique()), key="findings_field",
                            placeholder=CHOOSE),
    "decision": c8.multiselect("Quyết định công bố", sorted(table["decision"].dropna().unique()),
                               key="findings_decision", placeholder=CHOOSE),
}
result = filter_findings(table, choices=choices)
st.caption(f"{ui.number(len(result))} / {ui.number(len(table))} phát hiện · bấm vào một dòng để xem thủ tục")
shown = result.assign(
    rule=result["rule"].map(lambda c: ui.label("rules", c)),
    kind=result["kind"].map(lambda c: ui.label("kinds", c)),
    severity=result["severity"].map(lambda c: ui.label("severities", c)),
    actionable_by=result["actionable_by"].map(lambda c: ui.label("actors", c)),
    levels=result["levels"].map(lambda v: ", ".join(ui.label("levels", c) for c in v.split(", ") if c) or None),
)
event = ui.table(shown, ["code", "decision", "name", "rule", "kind", "severity", "levels", "actionable_by", "field",
                         "agency", "vnd_saved", "days_saved"], key="findings_table", on_select="rerun", selection_mode="single-row")
ui.open_selected(event, result)
