"""Lỗi của bản công bố: defects of the published records (issue 13 §3), apart from the findings, grouped by the
agency to send them back to. Every row comes from analyzer.detect.record_defects."""

import pandas as pd
import streamlit as st

import ui
from analyzer.detect.record_defects import label

ui.require_user()
st.title("Lỗi của bản công bố thủ tục")
st.caption("Những sai sót của chính bản công bố (không phải đề xuất cắt giảm), cần gửi lại cơ quan công bố để sửa.")


@st.cache_resource(show_spinner="Đang kiểm tra các bản công bố…")
def _defects(corpus_key: tuple) -> pd.DataFrame:
    corpus = ui.get_corpus(*corpus_key)
    rows = [{"Mã thủ tục": d.procedure, "Tên thủ tục": corpus.list_row(d.version)["name"] if d.version in corpus.procedures else "",
             "Loại lỗi": label(d.code), "Nội dung": d.message, "Gửi cơ quan": d.send_to or "Chưa rõ cơ quan công bố",
             "Quyết định công bố": d.decision or "Không ghi"}
            for d in corpus.defects()]  # stored with the corpus run
    return pd.DataFrame(rows, columns=["Mã thủ tục", "Tên thủ tục", "Loại lỗi", "Nội dung", "Gửi cơ quan", "Quyết định công bố"])


table = _defects(ui.corpus_key())
if table.empty:
    st.success("Không thấy lỗi nào trong các bản công bố.")
    st.stop()
kinds = st.multiselect("Loại lỗi", sorted(table["Loại lỗi"].unique()), placeholder="Tất cả các loại", key="defect_kinds")
agencies = st.multiselect("Gửi cơ quan", sorted(table["Gửi cơ quan"].unique()), placeholder="Tất cả các cơ quan", key="defect_agencies")
mask = pd.Series(True, index=table.index)
if kinds:
    mask &= table["Loại lỗi"].isin(kinds)
if agencies:
    mask &= table["Gửi cơ quan"].isin(agencies)
shown = table[mask]
st.write(f"{len(shown)} lỗi trên {shown['Mã thủ tục'].nunique()} thủ tục.")
st.bar_chart(shown["Loại lỗi"].value_counts().sort_values(ascending=False), horizontal=True)
st.dataframe(shown, hide_index=True, use_container_width=True)
st.download_button("Tải danh sách (CSV)", shown.to_csv(index=False).encode("utf-8-sig"), "loi_ban_cong_bo.csv",
                   "text/csv", key="defects_csv")
