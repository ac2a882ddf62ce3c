"""Thủ tục: searchable, filterable list (search works with or without diacritics)."""

import streamlit as st

import ui
from analyzer.report.review import KIND_LABELS, search

ui.require_user()
st.title("Danh sách thủ tục")
table = ui.corpus().table()

query = st.text_input("Tìm theo tên, mã, lĩnh vực, cơ quan (có dấu hoặc không dấu)", key="search_query")
c1, c2, c3, c4 = st.columns(4)
filters = {
    "field": c1.multiselect("Lĩnh vực", sorted(table["field"].dropna().unique()), key="filter_field"),
    "level": c2.multiselect("Cấp thực hiện", sorted(table["level"].dropna().unique()), key="filter_level"),
    "agency": c3.multiselect("Cơ quan", sorted(table["agency"].dropna().unique()), key="filter_agency"),
    "kinds": c4.multiselect("Loại phát hiện", list(KIND_LABELS.values()), key="filter_kind"),
}
result = search(table, query, filters)
st.caption(f"{len(result)} / {len(table)} thủ tục")
st.dataframe(
    result[["code", "decision", "name", "field", "level", "agency", "n_steps", "n_documents", "days_truc_tiep", "n_findings", "kinds"]],
    column_config={
        "code": "Mã", "decision": "Quyết định công bố", "name": "Tên thủ tục", "field": "Lĩnh vực", "level": "Cấp", "agency": "Cơ quan thực hiện",
        "n_steps": "Số bước", "n_documents": "Số giấy tờ", "days_truc_tiep": "Thời hạn (ngày LV)",
        "n_findings": "Phát hiện", "kinds": "Loại phát hiện",
    },
    hide_index=True,
    key="procedure_table",
)
if not result.empty:
    names = dict(zip(result["version"], result["name"]))  # a procedure version: code, and decision when known
    code = st.selectbox("Chọn thủ tục", list(names), format_func=lambda c: f"{c} — {names[c]}", key="open_choice")
    if st.button("Xem chi tiết", key="open_detail"):
        st.session_state["selected_code"] = code
        st.switch_page("views/detail.py")
