"""Tổng quan: the corpus at a glance and the progress of the review."""

import pandas as pd
import streamlit as st

import ui
from analyzer.report.review import KIND_LABELS
from analyzer.report.stored import run_summary

ui.require_user()
st.title("Tổng quan")
data = ui.corpus()
findings = data.findings_table()
saved = ui.get_store().proposals.all()
reviewed = {p["procedure_version"] for p in saved}  # procedure versions, as data.procedures counts them
approved = {p["procedure_version"] for p in saved if p["status"] == "approved"}
reapproval = [p for p in saved if p["status"] == "needs_reapproval"]  # changed after approval: waits for an approver

if getattr(data, "run", None):  # the store's corpus run (analyzer.report.stored.StoredCorpus)
    st.caption(ui.plain(run_summary(data.run)))
for note in data.errors:
    st.warning(ui.plain(note))
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric("Thủ tục", ui.number(len(data.procedures)))
c2.metric("Phát hiện", ui.number(len(findings)))
c3.metric("Thủ tục đã rà soát", f"{ui.number(len(reviewed))}/{ui.number(len(data.procedures))}")
c4.metric("Thủ tục có đề xuất được phê duyệt", ui.number(len(approved)))
c5.metric("Đề xuất cần phê duyệt lại", ui.number(len(reapproval)))
COUNT = "Số phát hiện"


def bars(counts: pd.Series, name: str) -> None:
    """Horizontal bars, largest first, each with its full label (st.bar_chart cuts labels at 180 px)."""
    import altair as alt

    frame = counts.rename(COUNT).rename_axis(name).reset_index()
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X(f"{COUNT}:Q", title=COUNT, axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y(f"{name}:N", title=None, sort="-x", axis=alt.Axis(labelLimit=0)),
        tooltip=[alt.Tooltip(f"{name}:N"), alt.Tooltip(f"{COUNT}:Q")],
    )
    st.altair_chart(chart, use_container_width=True)


if findings.empty:
    st.info("Chưa có phát hiện nào.")
else:
    findings["Loại"] = findings["kind"].map(KIND_LABELS)
    findings["Quy tắc"] = findings["rule"].map(lambda r: ui.label("rules", r))
    left, right = st.columns(2)
    with left:
        st.subheader("Phát hiện theo loại")
        bars(findings.groupby("Loại").size(), "Loại phát hiện")
    with right:
        st.subheader("Phát hiện theo lĩnh vực")
        bars(findings.groupby("field").size().sort_values(ascending=False).head(15), "Lĩnh vực")
    st.subheader("Phát hiện theo quy tắc")  # full width: rule names are long
    bars(findings.groupby("Quy tắc").size(), "Quy tắc phát hiện")
    left, right = st.columns(2)
    for column, title, place in (("level", "Theo cấp thực hiện", left), ("agency", "Theo cơ quan", right)):
        with place:
            st.subheader(title)
            pivot = findings.pivot_table(index=column, columns="Loại", values="code", aggfunc="count", fill_value=0)
            ui.table(pivot.rename_axis(None, axis=1).reset_index())
    st.subheader("Thủ tục có nhiều phát hiện nhất")
    top = data.table().sort_values("n_findings", ascending=False).head(10)
    ui.table(top, ["code", "name", "field", "n_findings", "kinds"])
