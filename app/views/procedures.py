"""Thủ tục: searchable, filterable list; a click on a row opens the procedure (search: analyzer.report.search)."""

import streamlit as st

import ui
from analyzer.report.review import KIND_LABELS, agency_names, search

ui.require_user()
st.title("Danh sách thủ tục")
data = ui.corpus()
table = data.table()

query = st.text_input("Tìm theo tên, mã, lĩnh vực, cơ quan (có dấu hoặc không dấu)", key="search_query")
c1, c2, c3, c4, c5 = st.columns(5)
CHOOSE = "Chọn một hoặc nhiều…"
agencies = agency_names(table["agency"])  # one entry per agency however its records spell it
filters = {
    "field": c1.multiselect("Lĩnh vực", sorted(table["field"].dropna().unique()), key="filter_field", placeholder=CHOOSE),
    "level": c2.multiselect("Cấp thực hiện", sorted(table["level"].dropna().unique()), key="filter_level", placeholder=CHOOSE),
    "agency": c3.multiselect("Cơ quan", list(agencies), format_func=agencies.get, key="filter_agency", placeholder=CHOOSE),
    "kinds": c4.multiselect("Loại phát hiện", list(KIND_LABELS.values()), key="filter_kind", placeholder=CHOOSE),
    "decision": c5.multiselect("Quyết định công bố", sorted(table["decision"].dropna().unique()), key="filter_decision",
                               placeholder=CHOOSE),
}
result = search(table, query, filters, data.candidates(query) if query.strip() else None)  # the store's candidates
st.caption(f"{ui.number(len(result))} / {ui.number(len(table))} thủ tục"
           + (" · kết quả khớp nhất ở trên cùng" if query.strip() else "") + " · bấm vào một dòng để xem chi tiết")
event = ui.table(result, ["code", "decision", "name", "field", "level", "agency", "n_steps", "n_documents",
                          "days_truc_tiep", "days_truc_tuyen", "n_findings", "vnd_saved", "kinds"],
                 key="procedure_table", on_select="rerun", selection_mode="single-row")
ui.open_selected(event, result)
