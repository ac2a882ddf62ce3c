"""Văn bản pháp luật: paste or upload a (draft) legal text; see its structure, citations and procedure provisions."""

from pathlib import Path

import streamlit as st

import ui

ui.require_user()
st.title("Văn bản pháp luật")
ALLOWED = ["txt", "md", "html", "htm", "docx", "pdf"]
text = st.text_area("Dán nội dung văn bản (hoặc dự thảo)", height=200, key="legal_text")
upload = st.file_uploader(f"Hoặc tải lên tệp ({', '.join(ALLOWED)}, tối đa {ui.MAX_UPLOAD_MB} MB)", type=ALLOWED, key="legal_upload")
source = None
if upload is not None:
    if upload.size > ui.MAX_UPLOAD_MB * 1024 * 1024:
        st.error(f"Tệp «{upload.name}» lớn hơn {ui.MAX_UPLOAD_MB} MB.")
    elif Path(upload.name).suffix.lower().lstrip(".") not in ALLOWED:
        st.error(f"Không hỗ trợ loại tệp «{upload.name}».")
    else:
        source = upload
elif text.strip():
    source = text

if source is not None:
    import tempfile

    from analyzer.detect.appraise import appraise
    from analyzer.ingest.legal_files import read_legal_text
    from analyzer.parse.legal import parse_legal_text

    try:
        if isinstance(source, str):
            document = parse_legal_text(source, source="văn bản dán vào")
        else:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / Path(source.name).name
                path.write_bytes(source.getvalue())
                document = read_legal_text(path, source=source.name)
    except ValueError as exc:
        st.error(f"Không đọc được văn bản «{getattr(source, 'name', 'dán vào')}»: {exc}")
        st.stop()
    data = appraise(document)
    st.subheader(" ".join(filter(None, [data.get("type"), data.get("number")])) or "Văn bản")
    st.write(data.get("title") or "")
    st.caption(" · ".join(filter(None, [data.get("issuer"), data.get("place"), data.get("date")])))
    tabs = st.tabs(["Cấu trúc", "Trích dẫn", "Nhiệm vụ, thời hạn", "Thủ tục và phát hiện"])
    with tabs[0]:
        def show(nodes, depth=0):
            for node in nodes:
                label = f"{node['kind']} {node.get('label') or ''}".strip()
                st.markdown(f"{'&nbsp;' * 4 * depth}- **{ui.escape(label)}** {ui.escape(node.get('heading') or '')}", unsafe_allow_html=True)
                show(node.get("children", []), depth + 1)
        show(data.get("structure", []))
    with tabs[1]:
        st.dataframe(data.get("citations", []))
    with tabs[2]:
        st.dataframe(data.get("assignments", []))
    with tabs[3]:
        for item in data.get("findings", []):
            st.warning(item.get("message"))
        for procedure in data.get("procedures", []):
            st.markdown(f"**{ui.escape(procedure.get('name') or '')}**")
            for finding in procedure.get("findings", []):
                st.warning(finding.get("message"))
    from analyzer.detect import analyze
    from analyzer.report.review_form import impact_forms, review_form_docx

    forms = impact_forms(document, analyze(document.procedures)) if document.procedures else []
    if forms:  # the impact assessment form of the draft's procedures, pre-filled from the findings above
        st.download_button("Tải biểu mẫu đánh giá tác động (DOCX)", review_form_docx(forms, kind="impact_form"),
                           file_name="bieu-mau-danh-gia-tac-dong.docx",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           key="download_impact_form")
