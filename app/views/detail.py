"""Chi tiết thủ tục: the record as a reviewer reads it, with each finding's evidence highlighted in place.

Record text is data: it is always shown as plain text (ui.record, ui.plain), never as Markdown or HTML.
"""

import pandas as pd
import streamlit as st

import ui
from analyzer.report.review import KIND_LABELS, MODE_LABELS, SEVERITY_LABELS, evidence_places

ui.require_user()
st.title("Chi tiết thủ tục")
code = ui.choose_procedure()
if code is None:
    st.stop()
data = ui.corpus()
procedure = data.procedures[code]
findings = data.findings[code]
marked = evidence_places(findings)

st.header(ui.plain(procedure.name))
st.caption(ui.plain(" · ".join(filter(None, [procedure.code, procedure.field, procedure.level, procedure.agency,
                                              f"Quyết định {procedure.decision}" if procedure.decision else None]))))
if procedure.sources:  # one version read from several inputs (two crawls): every source is listed
    st.caption(ui.plain("Nguồn: " + "; ".join(f"{s.path}#{s.record}" if s.record else s.path for s in procedure.sources)))

left, right = st.columns([3, 2])
with left:
    st.subheader("Trình tự thực hiện")
    if not procedure.steps:
        st.info("Bản ghi không có trình tự thực hiện.")
    for i, step in enumerate(procedure.steps):
        ui.record(step.text, ("steps", None, i) in marked, lead=f"Bước {step.index}.")

    st.subheader("Thành phần hồ sơ")
    for ci, case in enumerate(procedure.cases):
        ui.record("", lead=case.name or "Hồ sơ gồm")
        for di, document in enumerate(case.documents):
            counts = ", ".join(filter(None, [
                f"{document.originals} bản chính" if document.originals else None,
                f"{document.copies} bản sao" if document.copies else None,
            ]))
            ui.record(document.name, ("documents", ci, di) in marked, lead="•", small=counts)

    st.subheader("Cách thức thực hiện")
    channels = pd.DataFrame([
        {"Hình thức": MODE_LABELS.get(c.mode, ui.label("modes", c.mode)), "Thời hạn": c.duration.text if c.duration else None,
         "Ngày làm việc": ui.number(c.duration.working_days, 1) if c.duration else None,
         "Phí, lệ phí": "; ".join(f.text for f in c.fees), "Đánh dấu": "⚠️" if ("channels", None, i) in marked else ""}
        for i, c in enumerate(procedure.channels)
    ])
    if channels.empty:
        st.info("Bản ghi không có cách thức thực hiện.")
    else:
        ui.table(channels)

    st.subheader("Căn cứ pháp lý")
    for ref in procedure.legal_basis:
        ui.record(" ".join(filter(None, [ref.number, ref.title])), lead="•")

with right:
    st.subheader(f"Phát hiện ({ui.number(len(findings))})")
    if not findings:
        st.success("Không phát hiện vấn đề nào.")
    for finding in findings:
        title = " · ".join([ui.label("rules", finding.rule), KIND_LABELS[finding.kind], SEVERITY_LABELS[finding.severity]])
        with st.expander(ui.plain(title), expanded=True):
            st.write(ui.plain(finding.message))
            for evidence in finding.evidence:
                ui.record(evidence.text[:400], True)
            st.caption(ui.plain("Căn cứ: " + "; ".join(" ".join(filter(None, [g.article, g.document])) for g in finding.legal_ground)))
            st.caption(ui.plain(f"Đề xuất: {ui.label('suggestions', finding.suggestion.action)} · "
                                f"độ tin cậy {ui.percent(finding.confidence)}"))
    for warning in procedure.warnings:
        st.caption(ui.plain(f"⚠️ Cảnh báo khi đọc bản ghi: {warning.label}" + (f" — «{warning.text[:120]}»" if warning.text else "")))
