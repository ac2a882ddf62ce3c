"""Xuất báo cáo: the simplification plan as DOCX and XLSX, one section per procedure."""

import streamlit as st

import ui
from analyzer.report.plan import build_plan, decisions_from_store, plan_docx, plan_xlsx

ui.require_user()
st.title("Xuất phương án đơn giản hóa")
data = ui.corpus()
decisions, cost_params = decisions_from_store(ui.get_store().proposals.all())  # keyed on procedure versions
only_approved = st.toggle("Chỉ gồm đề xuất đã được phê duyệt", key="only_approved")
if only_approved:
    decisions = {k: v for k, v in decisions.items() if v["status"] == "approved"}
findings = [f for fs in data.findings.values() for f in fs]
sections = build_plan(data.procedures.values(), findings, decisions, cost_params)
st.write(f"{ui.number(len(sections))} thủ tục có đề xuất cắt giảm.")
for section in sections:
    s = section.savings
    decision = f" (quyết định {section.decision})" if section.decision else ""
    st.markdown(f"- **{ui.plain(section.code)}**{ui.plain(decision)} {ui.plain(section.name)}: "
                f"{ui.number(len(section.items))} đề xuất, cắt giảm thời gian {ui.percent(s['time_cut'])}, "
                f"chi phí {ui.percent(s['cost_cut'])}")
if sections:
    c1, c2 = st.columns(2)
    c1.download_button("Tải phương án (DOCX)", plan_docx(sections), file_name="phuong-an-don-gian-hoa.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", key="download_docx")
    c2.download_button("Tải phương án (XLSX)", plan_xlsx(sections), file_name="phuong-an-don-gian-hoa.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="download_xlsx")
else:
    st.info("Chưa có đề xuất nào được chấp nhận. Hãy rà soát các phát hiện ở trang «Đề xuất cắt giảm».")
