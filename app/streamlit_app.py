"""Reviewer app entry point (placeholder until the reviewer-app issue lands): lists the bundled corpus."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from analyzer.ingest import read_all
from analyzer.report.tables import procedures_frame

CORPUS = Path(os.environ.get("TTHC_CORPUS", Path(__file__).resolve().parent.parent / "corpus"))


@st.cache_data
def load_corpus(path: str):
    procedures, errors = read_all([Path(path) / "procedures.jsonl"])
    return procedures_frame(procedures), [str(e) for e in errors]


st.set_page_config(page_title="Rà soát thủ tục hành chính", layout="wide")
st.title("Rà soát, đơn giản hóa thủ tục hành chính")
frame, errors = load_corpus(str(CORPUS))
st.caption(f"Bộ dữ liệu: {CORPUS} — {len(frame)} thủ tục")
for error in errors:
    st.error(error)
if not frame.empty:
    st.dataframe(
        frame[["code", "name", "field", "level", "agency", "n_steps", "n_documents", "days_truc_tiep", "days_truc_tuyen"]],
        column_config={
            "code": "Mã", "name": "Tên thủ tục", "field": "Lĩnh vực", "level": "Cấp thực hiện", "agency": "Cơ quan thực hiện",
            "n_steps": "Số bước", "n_documents": "Số giấy tờ", "days_truc_tiep": "Ngày (trực tiếp)",
            "days_truc_tuyen": "Ngày (trực tuyến)",
        },
        hide_index=True,
    )
