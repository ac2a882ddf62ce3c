"""Thủ tục: searchable, filterable list (search works with or without diacritics)."""

import streamlit as st

import ui
from analyzer.report.review import KIND_LABELS, search

ui.require_user()
st.title("Danh sách thủ tục")
table = ui.corpus().table()

query = st.text_input("Tìm theo tên, mã, lĩnh vực, cơ quan (có dấu hoặc không dấu)", key="search_query")
c1, c2, c3, c4 = st.columns(4)
CHOOSE = "Chọn một hoặc nhiều…"
filters = {
    "field": c1.multiselect("Lĩnh vực", sorted(table["field"].dropna().unique()), key="filter_field", placeholder=CHOOSE),
    "level": c2.multiselect("Cấp thực hiện", sorted(table["level"].dropna().unique()), key="filter_level", placeholder=CHOOSE),
    "agency": c3.multiselect("Cơ quan", sorted(table["agency"].dropna().unique()), key="filter_agency", placeholder=CHOOSE),
    "kinds": c4.multiselect("Loại phát hiện", list(KIND_LABELS.values()), key="filter_kind", placeholder=CHOOSE),
}
result = search(table, query, filters)
st.caption(f"{ui.number(len(result))} / {ui.number(len(table))} thủ tục")
ui.table(result, ["code", "decision", "name", "field", "level", "agency", "n_steps", "n_documents", "days_truc_tiep",
                  "days_truc_tuyen", "n_findings", "vnd_saved", "kinds"], key="procedure_table")
if not result.empty:
    procedures = ui.corpus().procedures
    code = st.selectbox("Chọn thủ tục", list(result["version"]), format_func=lambda c: ui.procedure_title(procedures[c]),
                        key="open_choice")
    if st.button("Xem chi tiết", key="open_detail"):
        st.session_state["selected_code"] = code
        st.switch_page("views/detail.py")
