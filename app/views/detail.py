"""Chi tiết thủ tục: the record as a reviewer reads it, with each finding's evidence highlighted in place."""

import pandas as pd
import streamlit as st

import ui
from analyzer.report.review import KIND_LABELS, MODE_LABELS, SEVERITY_LABELS, evidence_places, highlight

ui.require_user()
st.title("Chi tiết thủ tục")
code = ui.choose_procedure()
if code is None:
    st.stop()
data = ui.corpus()
procedure = data.procedures[code]
findings = data.findings[code]
marked = evidence_places(findings)

st.header(procedure.name)
st.caption(" · ".join(filter(None, [procedure.code, procedure.field, procedure.level, procedure.agency, procedure.decision])))
if procedure.sources:  # one version read from several inputs (two crawls): every source is listed
    st.caption("Nguồn: " + "; ".join(f"{s.path}#{s.record}" if s.record else s.path for s in procedure.sources))

left, right = st.columns([3, 2])
with left:
    st.subheader("Trình tự thực hiện")
    if not procedure.steps:
        st.info("Bản ghi không có trình tự thực hiện.")
    for i, step in enumerate(procedure.steps):
        body = highlight(step.text, ("steps", None, i) in marked)
        st.markdown(f"**Bước {step.index}.** {body}", unsafe_allow_html=True)

    st.subheader("Thành phần hồ sơ")
    for ci, case in enumerate(procedure.cases):
        st.markdown(f"**{highlight(case.name or 'Hồ sơ gồm', False)}**", unsafe_allow_html=True)
        for di, document in enumerate(case.documents):
            counts = ", ".join(filter(None, [
                f"{document.originals} bản chính" if document.originals else None,
                f"{document.copies} bản sao" if document.copies else None,
            ]))
            body = highlight(document.name, ("documents", ci, di) in marked)
            st.markdown(f"- {body} <small>{highlight(counts, False)}</small>", unsafe_allow_html=True)

    st.subheader("Cách thức thực hiện")
    channels = pd.DataFrame([
        {"Hình thức": MODE_LABELS[c.mode], "Thời hạn": c.duration.text if c.duration else "",
         "Ngày làm việc": c.duration.working_days if c.duration else None,
         "Phí, lệ phí": "; ".join(f.text for f in c.fees), "Đánh dấu": "⚠️" if ("channels", None, i) in marked else ""}
        for i, c in enumerate(procedure.channels)
    ])
    st.dataframe(channels, hide_index=True)

    st.subheader("Căn cứ pháp lý")
    for ref in procedure.legal_basis:
        st.markdown(f"- {highlight(' '.join(filter(None, [ref.number, ref.title])), False)}", unsafe_allow_html=True)

with right:
    st.subheader(f"Phát hiện ({len(findings)})")
    if not findings:
        st.success("Không phát hiện vấn đề nào.")
    for finding in findings:
        with st.expander(f"{KIND_LABELS[finding.kind]} · {SEVERITY_LABELS[finding.severity]} · {finding.rule}", expanded=True):
            st.write(finding.message)
            for evidence in finding.evidence:
                st.markdown(f"> {highlight(evidence.text[:400], False)}", unsafe_allow_html=True)
            st.caption("Căn cứ: " + "; ".join(" ".join(filter(None, [g.article, g.document])) for g in finding.legal_ground))
            st.caption(f"Đề xuất: {finding.suggestion.action} · độ tin cậy {finding.confidence:.0%}")
    for warning in procedure.warnings:
        st.caption(f"⚠️ Cảnh báo khi đọc bản ghi: {warning.label}" + (f" — «{warning.text[:120]}»" if warning.text else ""))
