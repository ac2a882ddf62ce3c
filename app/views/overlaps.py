"""Chồng chéo, mâu thuẫn: provisions of different legal texts that set the same or different values for the
same act, and records that differ from their own legal basis (issue 15 §4). Every row comes from
analyzer.report.legal_review; record and clause text is shown as plain text."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

import ui
from analyzer.report.legal_review import default_legal_paths

ui.require_user()
st.title("Chồng chéo, mâu thuẫn giữa các quy định")
DEFAULT_TEXTS = [str(path) for path in default_legal_paths()]

uploads = st.file_uploader("Thêm văn bản (txt, md, html, docx, pdf)", type=["txt", "md", "html", "htm", "docx", "pdf"],
                           accept_multiple_files=True, key="overlap_uploads")
folder = Path(tempfile.gettempdir()) / "tthc_overlap_uploads"
paths = list(DEFAULT_TEXTS)
for upload in uploads or []:
    folder.mkdir(exist_ok=True)
    target = folder / Path(upload.name).name
    target.write_bytes(upload.getvalue())
    paths.append(str(target))
if not paths:
    st.info("Chưa có văn bản để so sánh: tải lên văn bản, hoặc đặt thư mục văn bản vào biến môi trường "
            "TTHC_LEGAL_TEXTS.")
    st.stop()

review = ui.legal_review(tuple(paths), ui.corpus_key())  # only the procedures citing one of the texts are read
pairs, (compared, differences) = review.overlap_rows(), review.basis_rows()
st.caption(f"Đã đọc {review.texts} văn bản; {len(review.skipped)} tệp bỏ qua.")
if review.skipped:
    with st.expander("Tệp không đọc được"):
        for name, reason in review.skipped:
            st.text(f"{Path(name).name}: {reason}")

tab_pairs, tab_basis = st.tabs([f"Giữa các văn bản ({len(pairs)})", f"Thủ tục so với căn cứ pháp lý ({len(differences)})"])
with tab_pairs:
    if not pairs:
        st.success("Không thấy quy định chồng chéo hoặc mâu thuẫn giữa các văn bản.")
    for number, row in enumerate(pairs, start=1):
        with st.container(border=True):
            st.markdown(f"**{number}. {row['Loại']}** — văn bản được áp dụng: {ui.escape(str(row['Văn bản được áp dụng']))}")
            left, right = st.columns(2)
            for column, side in ((left, "1"), (right, "2")):
                with column:
                    st.markdown(f"**{ui.escape(str(row['Văn bản ' + side]))}**")
                    st.text(str(row["Quy định " + side]))
                    st.caption(f"Giá trị: {row['Giá trị ' + side]}")
with tab_basis:
    st.caption(f"{compared} thủ tục có căn cứ pháp lý nằm trong các văn bản trên đã được so sánh.")
    if differences:
        st.dataframe(pd.DataFrame(differences), hide_index=True, use_container_width=True)
    else:
        st.success("Không thấy thủ tục nào khác với căn cứ pháp lý của nó.")
