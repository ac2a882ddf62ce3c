"""Tổng quan: the corpus at a glance and the progress of the review."""

import streamlit as st

import ui
from analyzer.report.review import KIND_LABELS

ui.require_user()
st.title("Tổng quan")
data = ui.corpus()
findings = data.findings_table()
saved = ui.get_store().proposals.all()
reviewed = {p["procedure_version"] for p in saved}  # procedure versions, as data.procedures counts them
approved = {p["procedure_version"] for p in saved if p["status"] == "approved"}

for note in data.errors:
    st.warning(note)
c1, c2, c3, c4 = st.columns(4)
c1.metric("Thủ tục", len(data.procedures))
c2.metric("Phát hiện", len(findings))
c3.metric("Thủ tục đã rà soát", f"{len(reviewed)}/{len(data.procedures)}")
c4.metric("Thủ tục có đề xuất được phê duyệt", len(approved))

if findings.empty:
    st.info("Chưa có phát hiện nào.")
else:
    findings["Loại"] = findings["kind"].map(KIND_LABELS)
    left, right = st.columns(2)
    with left:
        st.subheader("Phát hiện theo loại")
        st.bar_chart(findings.groupby("Loại").size().rename("Số phát hiện"))
    with right:
        st.subheader("Phát hiện theo lĩnh vực")
        st.bar_chart(findings.groupby("field").size().rename("Số phát hiện").sort_values(ascending=False).head(15))
    left, right = st.columns(2)
    with left:
        st.subheader("Theo cấp thực hiện")
        st.dataframe(findings.pivot_table(index="level", columns="Loại", values="code", aggfunc="count", fill_value=0))
    with right:
        st.subheader("Theo cơ quan")
        st.dataframe(findings.pivot_table(index="agency", columns="Loại", values="code", aggfunc="count", fill_value=0))
    st.subheader("Thủ tục có nhiều phát hiện nhất")
    table = data.table().sort_values("n_findings", ascending=False).head(10)
    st.dataframe(
        table[["code", "name", "field", "n_findings", "kinds"]],
        column_config={"code": "Mã", "name": "Tên thủ tục", "field": "Lĩnh vực", "n_findings": "Số phát hiện",
                       "kinds": "Loại phát hiện"},
        hide_index=True,
    )
