"""Văn bản pháp luật: paste or upload a (draft) legal text; see its structure, citations and procedure provisions."""

import pandas as pd
import streamlit as st

import ui
from analyzer.ingest.base import InputError
from analyzer.ingest.legal_files import UPLOAD_TYPES, read_legal_upload

ui.require_user()
st.title("Văn bản pháp luật")
text = st.text_area("Dán nội dung văn bản (hoặc dự thảo)", height=200, key="legal_text")
# no `type=`: a wrong type must get a Vietnamese message naming the file, not only the uploader's red icon;
# the size is refused in the browser, before the upload (max_upload_size, and server.maxUploadSize)
ui.vietnamese_uploader(ui.MAX_UPLOAD_MB)
upload = st.file_uploader(f"Hoặc tải lên tệp ({', '.join(UPLOAD_TYPES)}, tối đa {ui.MAX_UPLOAD_MB} MB)",
                          max_upload_size=ui.MAX_UPLOAD_MB, key="legal_upload")
document = None
if upload is not None:
    if upload.size > ui.MAX_UPLOAD_MB * 1024 * 1024:
        st.error(ui.plain(f"Tệp «{upload.name}» lớn hơn {ui.MAX_UPLOAD_MB} MB."))
    else:
        try:
            document = read_legal_upload(upload.name, upload.getvalue())
        except InputError as exc:
            st.error(ui.plain(str(exc)))
elif text.strip():
    from analyzer.parse.legal import parse_legal_text

    document = parse_legal_text(text, source="văn bản dán vào")

if document is not None:
    from analyzer.detect.appraise import appraise

    data = appraise(document)
    st.subheader(ui.plain(" ".join(filter(None, [data.get("type"), data.get("number")])) or "Văn bản"))
    if data.get("title"):
        st.write(ui.plain(data["title"]))
    st.caption(ui.plain(" · ".join(filter(None, [data.get("issuer"), data.get("place"),
                                                  ui.day(data["date"]) if data.get("date") else None]))))
    tabs = st.tabs(["Cấu trúc", "Trích dẫn", "Nhiệm vụ, thời hạn", "Thủ tục và phát hiện"])
    with tabs[0]:
        def show(nodes, depth=0):
            for node in nodes:
                unit = f"{ui.label('structure', node['kind'])} {node.get('label') or ''}".strip()
                ui.record(node.get("heading") or "", lead=unit, indent=depth)
                show(node.get("children", []), depth + 1)
        show(data.get("structure", []))
    with tabs[1]:
        citations = [{**c, "date": ui.day(c.get("date")), "year": str(c["year"]) if c.get("year") else None,
                      "target": " ".join(filter(None, [f"điểm {t['point']}" if t.get("point") else None,
                                                       f"khoản {t['clause']}" if t.get("clause") else None,
                                                       f"Điều {t['article']}" if t.get("article") else None]))
                      if (t := c.get("target")) else None}
                     for c in data.get("citations", [])]
        if citations:
            ui.table(pd.DataFrame(citations), ["type", "number", "year", "issuer", "date", "target", "text"])
        else:
            st.info("Văn bản không dẫn chiếu văn bản nào.")
    with tabs[2]:
        assignments = [{**a, "deadline": (a.get("deadline") or {}).get("text")} for a in data.get("assignments", [])]
        if assignments:
            ui.table(pd.DataFrame(assignments), ["node", "lead", "partners", "action", "deadline"])
        else:
            st.info("Văn bản không giao nhiệm vụ nào.")
    with tabs[3]:
        for item in data.get("findings", []):
            st.warning(ui.plain(item.get("message")))
        for procedure in data.get("procedures", []):
            st.markdown(f"**{ui.plain(procedure.get('name') or '')}**")
            for finding in procedure.get("findings", []):
                st.warning(ui.plain(finding.get("message")))
    from analyzer.detect import analyze
    from analyzer.report.review_form import impact_forms, review_form_docx

    forms = impact_forms(document, analyze(document.procedures)) if document.procedures else []
    if forms:  # the impact assessment form of the draft's procedures, pre-filled from the findings above
        st.download_button("Tải biểu mẫu đánh giá tác động (DOCX)", review_form_docx(forms, kind="impact_form"),
                           file_name="bieu-mau-danh-gia-tac-dong.docx",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           key="download_impact_form")
