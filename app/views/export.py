"""Xuất báo cáo: the simplification plan (DOCX, XLSX), the draft decision adopting it, the compliance cost sheet and
the province's report and the review form of one procedure."""

import streamlit as st

import ui
from analyzer.report.cost_sheet import CostSheetError, cost_xlsx
from analyzer.report.decision import decision_docx
from analyzer.report.legal_review import default_legal_paths
from analyzer.report.official import load_settings
from analyzer.report.plan import build_plan, decisions_from_store, plan_docx, plan_xlsx, target_sentence
from analyzer.report.province_report import build_report, report_docx, report_xlsx
from analyzer.report.review_form import review_form, review_form_docx
from analyzer.report.savings import target, target_years

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ui.require_user()
st.title("Xuất phương án đơn giản hóa")
data = ui.corpus()
decisions, cost_params = decisions_from_store(ui.get_store().proposals.all())  # keyed on procedure versions
include_drafts = st.toggle("Gồm cả đề xuất chưa được phê duyệt (ghi rõ «dự thảo»)", key="include_drafts")
years = target_years()
year = st.selectbox("Năm mục tiêu (Nghị quyết 66/NQ-CP)", years, index=years.index(target()["year"]), key="target_year")
settings = load_settings()
with st.expander("Thông tin trên văn bản (tỉnh, địa danh, người ký)"):
    # the packaged settings (analyzer/data/official.yaml) are the defaults; what is typed here applies to this export
    c1, c2 = st.columns(2)
    settings["province"] = c1.text_input("Tên tỉnh", settings["province"], key="doc_province")
    settings["place"] = c2.text_input("Địa danh", settings["place"], key="doc_place")
    settings["plan"]["signer"] = c1.text_input("Người ký phương án", settings["plan"]["signer"], key="doc_plan_signer")
    settings["decision"]["signer"] = c2.text_input("Người ký quyết định", settings["decision"]["signer"], key="doc_decision_signer")
procedures, findings = data.some({version for version, _ in decisions})  # only procedures with proposals are read
sections = build_plan(procedures, findings, decisions, cost_params, include_drafts=include_drafts, year=year)
st.write(f"{ui.number(len(sections))} thủ tục có đề xuất cắt giảm. {target_sentence(year)}.")
for section in sections:
    s = section.savings
    decision = f" (quyết định {section.decision})" if section.decision else ""
    drafts = sum(item.is_draft for item in section.items)
    draft_note = f", trong đó {ui.number(drafts)} dự thảo" if drafts else ""
    st.markdown(f"- **{ui.plain(section.code)}**{ui.plain(decision)} {ui.plain(section.name)}: "
                f"{ui.number(len(section.items))} đề xuất{draft_note}, cắt giảm thời gian {ui.percent(s['time_cut'])}, "
                f"chi phí {ui.percent(s['cost_cut'])}")
if sections:
    c1, c2, c3, c4 = st.columns(4)
    # a document is made when its button is pressed (a deferred download), not on every run of the page
    c1.download_button("Tải phương án (DOCX)", lambda: plan_docx(sections, settings),
                       file_name="phuong-an-don-gian-hoa.docx", mime=DOCX, key="download_docx")
    c2.download_button("Tải dự thảo quyết định (DOCX)", lambda: decision_docx(sections, settings),
                       file_name="du-thao-quyet-dinh-thong-qua-phuong-an.docx", mime=DOCX, key="download_decision")
    c3.download_button("Tải phương án (XLSX)", lambda: plan_xlsx(sections), file_name="phuong-an-don-gian-hoa.xlsx",
                       mime=XLSX, key="download_xlsx")
    try:
        c4.download_button("Tải bảng tính chi phí tuân thủ (XLSX)", cost_xlsx([(s.before, s.after, s.params) for s in sections]),
                           file_name="chi-phi-tuan-thu.xlsx", mime=XLSX, key="download_cost")
    except CostSheetError as exc:
        c4.info(str(exc)[0].upper() + str(exc)[1:] + ".")
elif include_drafts:
    st.info("Chưa có đề xuất nào được chấp nhận. Hãy rà soát các phát hiện ở trang «Đề xuất cắt giảm».")
else:
    st.info("Chưa có đề xuất nào được phê duyệt. Bật «Gồm cả đề xuất chưa được phê duyệt» để xuất bản dự thảo.")

st.subheader("Báo cáo kết quả rà soát của tỉnh")
legal = ui.legal_review(tuple(str(path) for path in default_legal_paths()), ui.corpus_key()).summary()
st.caption(f"Đối chiếu {ui.number(legal.texts)} văn bản quy phạm pháp luật (chồng chéo, mâu thuẫn; thủ tục "
           "khác căn cứ pháp lý).")
report = build_report(data, ui.get_store().proposals.all(), year=year, include_drafts=include_drafts, legal=legal)
r1, r2 = st.columns(2)
r1.download_button("Tải báo cáo (DOCX)", lambda: report_docx(report, settings),
                   file_name=f"bao-cao-ra-soat-{year}.docx", mime=DOCX, key="download_report_docx")
r2.download_button("Tải báo cáo (XLSX)", lambda: report_xlsx(report), file_name=f"bao-cao-ra-soat-{year}.xlsx",
                   mime=XLSX, key="download_report_xlsx")

st.subheader("Biểu mẫu rà soát, đánh giá thủ tục hành chính")
choice = ui.choose_procedure(key="review_form_choice")  # a search, never the whole corpus in one list
if choice:
    form = review_form(data.procedures[choice], data.findings.get(choice, []), decisions, cost_params.get(choice))
    st.download_button("Tải biểu mẫu rà soát (DOCX)", lambda: review_form_docx([form], settings),
                       file_name=f"bieu-mau-ra-soat-{data.procedures[choice].code}.docx", mime=DOCX, key="download_review_form")
