"""Chi tiết thủ tục: the record as a reviewer reads it, its findings numbered with each number on the places of
the record it quotes (one finding chosen at a time shows its evidence), the findings the last import added or
changed marked, the procedure next to its same-name peers and its field's medians, and the history of its
proposals (who, when, before → after) from the audit log.

Record text is data: it is always shown as plain text (ui.record, ui.plain), never as Markdown or HTML.
"""

import pandas as pd
import streamlit as st

import ui
from analyzer.report.history import history_table
from analyzer.report.numbering import badge, finding_places, numbered, place_label, place_numbers
from analyzer.report.peer_table import COMPARISON_COLUMNS, PEER_COLUMNS, peer_values
from analyzer.report.review import KIND_LABELS, MODE_LABELS, SEVERITY_LABELS

ui.require_user()
st.title("Chi tiết thủ tục")
code = ui.choose_procedure()
if code is None:
    st.stop()
data = ui.corpus()
procedure = data.procedures[code]
findings = data.findings[code]
numbers = place_numbers(findings)
changes = data.changes(code)

st.header(ui.plain(procedure.name))
st.caption(ui.plain(" · ".join(filter(None, [procedure.code, procedure.field, procedure.level, procedure.agency,
                                              f"Quyết định {procedure.decision}" if procedure.decision else None]))))
if procedure.sources:  # one version read from several inputs (two crawls): every source is listed
    st.caption(ui.plain("Nguồn: " + "; ".join(f"{s.path}#{s.record}" if s.record else s.path for s in procedure.sources)))

record_tab, peers_tab, history_tab = st.tabs(["Bản ghi và phát hiện", "So sánh với thủ tục cùng tên", "Lịch sử đề xuất"])
with history_tab:
    history = history_table(ui.get_store().proposals.history(code), findings)
    if history.empty:
        st.info("Chưa có đề xuất nào cho thủ tục này.")
    else:
        st.caption(f"{ui.number(len(history))} thay đổi, mới nhất ở trên cùng; giờ Việt Nam.")
        ui.table(history, key="history_table")

with peers_tab:
    peers = data.peers()
    comparison = peers.comparison(code, peer_values(procedure))
    comparison["measure"] = comparison["measure"].map(lambda m: ui.label("columns", m))
    ui.table(comparison, COMPARISON_COLUMNS, key="peer_comparison")
    field = peers.field_medians(code)
    same = peers.same_name(code)
    st.caption(ui.plain(f"Lĩnh vực «{procedure.field}»: {ui.number(field['count'])} thủ tục. " if procedure.field
                        else "Thủ tục không ghi lĩnh vực: không có trung vị lĩnh vực. ")
               + f"Thủ tục cùng tên ở phiên bản hoặc cơ quan khác: {ui.number(len(same))}. Tên được so sánh không "
               "phân biệt chữ hoa, dấu, khoảng trắng, dấu câu và chữ viết tắt; thời hạn là thời hạn dài nhất của "
               "các cách thức, số giấy tờ là của bộ hồ sơ nhiều giấy tờ nhất.")
    if same.empty:
        st.info("Không có thủ tục cùng tên ở phiên bản hoặc cơ quan khác.")
    else:
        st.caption("Chọn một dòng để mở thủ tục đó.")
        picked = ui.selected_version(ui.table(same, PEER_COLUMNS, key=f"peer_table_{code}", on_select="rerun",
                                              selection_mode="single-row"), same)
        if picked is not None:  # open it here: the choice of procedure and this selection start afresh
            st.session_state["selected_code"] = picked
            for key in ("procedure_choice", f"peer_table_{code}"):
                del st.session_state[key]
            st.rerun()

left, right = record_tab.columns([3, 2])
listed = numbered(findings)
with right:
    st.subheader(f"Phát hiện ({ui.number(len(findings))})")
    if not findings:
        st.success("Không phát hiện vấn đề nào.")
        chosen = None
    else:
        chosen = st.selectbox(
            "Phát hiện số", [n for n, _ in listed], key=f"finding_choice_{code}",
            help="Phát hiện được chọn mở ra với bằng chứng của nó; trong bản ghi, số của mỗi phát hiện đứng trước "
                 "chỗ nó trích dẫn, chỗ của phát hiện được chọn có dấu ▶.",
            format_func=lambda n: " · ".join(filter(None, [f"[{n}] {ui.label('rules', findings[n - 1].rule)}",
                                                          ui.label("finding_marks", changes[findings[n - 1].key])
                                                          if findings[n - 1].key in changes else None])))
chosen_places = finding_places(findings[chosen - 1]) if chosen else set()


def lead(at: tuple, text: str = "") -> str:
    """The numbers of the findings quoting ``at`` (▶ before those of the chosen one), then ``text``."""
    return " ".join(filter(None, ["▶" if at in chosen_places else "", badge(numbers.get(at, ())), text]))


with left:
    st.subheader("Trình tự thực hiện")
    if not procedure.steps:
        st.info("Bản ghi không có trình tự thực hiện.")
    for i, step in enumerate(procedure.steps):
        ui.record(step.text, ("steps", None, i) in numbers, lead=lead(("steps", None, i), f"Bước {step.index}."))

    st.subheader("Thành phần hồ sơ")
    for ci, case in enumerate(procedure.cases):
        ui.record("", lead=case.name or "Hồ sơ gồm")
        for di, document in enumerate(case.documents):
            counts = ", ".join(filter(None, [
                f"{document.originals} bản chính" if document.originals else None,
                f"{document.copies} bản sao" if document.copies else None,
            ]))
            ui.record(document.name, ("documents", ci, di) in numbers, lead=lead(("documents", ci, di), "•"), small=counts)

    st.subheader("Cách thức thực hiện")
    channels = pd.DataFrame([
        {"Hình thức": MODE_LABELS.get(c.mode, ui.label("modes", c.mode)), "Thời hạn": c.duration.text if c.duration else None,
         "Ngày làm việc": ui.number(c.duration.working_days, 1) if c.duration else None,
         "Phí, lệ phí": "; ".join(f.text for f in c.fees), "Phát hiện số": lead(("channels", None, i))}
        for i, c in enumerate(procedure.channels)
    ])
    if channels.empty:
        st.info("Bản ghi không có cách thức thực hiện.")
    else:
        ui.table(channels, key="channels_table")

    st.subheader("Căn cứ pháp lý")
    for i, ref in enumerate(procedure.legal_basis):
        at = ("legal_basis", None, i)
        ui.record(" ".join(filter(None, [ref.number, ref.title])), at in numbers, lead=lead(at, "•"))
    for field, text in (("name", procedure.name), ("conditions", procedure.conditions), ("results", procedure.results)):
        quoted = sorted({n for (f, _, _), found in numbers.items() if f == field for n in found})
        if quoted:  # parts the page does not lay out otherwise, shown when a finding quotes them
            st.subheader(ui.label("evidence_fields", field))
            ui.record(text, True, lead=" ".join(filter(None, ["▶" if any(p[0] == field for p in chosen_places) else "",
                                                              badge(quoted)])))

with right:
    for n, finding in listed:
        title = " · ".join([f"[{n}] {ui.label('rules', finding.rule)}", KIND_LABELS[finding.kind],
                            SEVERITY_LABELS[finding.severity]])
        if finding.key in changes:
            st.caption(ui.plain(f"[{n}] {ui.label('finding_marks', changes[finding.key])}"))
        with st.expander(ui.plain(title), expanded=n == chosen):
            st.write(ui.plain(finding.message))
            places = list(dict.fromkeys(place_label(procedure, (e.field, e.case, e.index)) for e in finding.evidence))
            if places:
                st.caption(ui.plain("Vị trí trong bản ghi: " + "; ".join(places)))
            for evidence in finding.evidence:
                ui.record(evidence.text[:400], True)
            st.caption(ui.plain("Căn cứ: " + "; ".join(" ".join(filter(None, [g.article, g.document])) for g in finding.legal_ground)))
            st.caption(ui.plain(f"Đề xuất: {ui.label('suggestions', finding.suggestion.action)} · "
                                f"độ tin cậy {ui.percent(finding.confidence)}"))
    for warning in procedure.warnings:
        st.caption(ui.plain(f"⚠️ Cảnh báo khi đọc bản ghi: {warning.label}" + (f" — «{warning.text[:120]}»" if warning.text else "")))
