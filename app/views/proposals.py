"""Đề xuất cắt giảm: decide on each finding, add free edits, see before/after against the 30% target."""

import pandas as pd
import streamlit as st

import ui
from analyzer.report.keys import ProposalKey
from analyzer.report.plan import ACCEPTED
from analyzer.report.review import (
    EDIT_ACTIONS, KIND_LABELS, POSITION_HELP, EditError, EditRow, before_after, edit_row, edit_to_change,
    modified_change, proposed_changes, typed,
)
from analyzer.report.savings import (
    ChangeError, apply_changes, change_from_finding, check_edit, cost_defaults, default_params,
)
from analyzer.store import ConflictError, PermissionDenied, ReapprovalNeeded

user = ui.require_user()
st.title("Đề xuất cắt giảm")
code = ui.choose_procedure()  # a procedure version (Procedure.version_key): two versions of a code are two entries
if code is None:
    st.stop()
data = ui.corpus()
store = ui.get_store()
procedure = data.procedures[code]
findings = data.findings[code]


def load_saved() -> dict[ProposalKey, dict]:
    return typed(store.proposals.for_procedure(code))  # always fresh: reads must reflect writes


saved = load_saved()
versions = st.session_state.setdefault("base_versions", {})


def base_version(key: ProposalKey) -> int | None:
    """The version this reviewer started from (remembered until they save)."""
    if (code, key) not in versions:
        versions[(code, key)] = saved[key]["version"] if key in saved else None
    return versions[(code, key)]


pending = st.session_state.setdefault("reapproval_pending", set())  # saves waiting for the reviewer's confirmation


def save(key: ProposalKey, decision: str, comment: str, payload: dict | None = None, confirm: bool = False,
         pending_key: tuple = ()) -> bool:
    """Save one proposal; an approved one is saved only once the reviewer confirms (then it needs approval again)."""
    try:
        result = store.proposals.save(user, code, key.format(), decision, comment, payload or {},
                                      expected_version=base_version(key), confirm_reapproval=confirm)
    except ReapprovalNeeded as needed:
        st.warning(str(needed))
        pending.add(pending_key)
        return False
    except ConflictError as conflict:
        st.error(str(conflict))
        if conflict.current:
            other = ui.DECISION_LABELS.get(conflict.current["decision"], conflict.current["decision"])
            st.info(ui.plain(f"Bản đã lưu hiện tại (phiên bản {conflict.current['version']}): {other} — "
                             f"«{conflict.current['comment']}». Nội dung bạn nhập vẫn còn trên màn hình; bấm Lưu lần "
                             "nữa để ghi đè có chủ ý."))
            versions[(code, key)] = conflict.current["version"]
        return False
    versions[(code, key)] = result["version"]
    pending.discard(pending_key)
    return True


def confirm_button(pending_key: tuple, key: str) -> bool:
    """The second step of saving over an approved proposal (shown only while one waits)."""
    return pending_key in pending and st.button("Xác nhận lưu (đề xuất sẽ cần phê duyệt lại)", key=key, type="primary")


def modify_form(i: int, finding, current: dict) -> EditRow:  # noqa: ANN001 - a Finding
    """The modified values of a "Chấp nhận có sửa đổi": the saved ones, else the finding's suggestion."""
    payload = current.get("payload") or {}
    if current.get("decision") == "modify" and payload.get("label"):
        row = EditRow(payload["label"], payload.get("position") or "", payload.get("days"))
    else:
        row = edit_row(procedure, change_from_finding(finding))
    actions = list(EDIT_ACTIONS)
    c1, c2, c3 = st.columns(3)
    action = c1.selectbox("Thay đổi đề xuất", actions, index=actions.index(row.label) if row.label in actions else None,
                          placeholder="Không đổi số bước, giấy tờ, thời hạn", key=f"mod_action_{code}_{i}")
    position = c2.text_input("Vị trí", value=row.position, help=POSITION_HELP, key=f"mod_position_{code}_{i}")
    # text, written and read the Vietnamese way ("2,5"): a number input would show "2.50"
    days = c3.text_input("Số ngày làm việc", value="" if row.days is None else ui.number(row.days, 1),
                         key=f"mod_days_{code}_{i}")
    return EditRow(action, position or "", days)  # type: ignore[arg-type] - read by save_finding


def save_finding(i: int, finding, decision: str, comment: str, row: EditRow | None, confirm: bool) -> bool:  # noqa: ANN001
    payload = {"suggestion": finding.suggestion.to_dict()}
    if decision == "modify" and row is not None:
        try:
            row = EditRow(row.label, row.position, ui.parse_number(row.days))
            change = modified_change(procedure, row)  # the modified values, checked against the record
        except (EditError, ChangeError, ValueError) as exc:  # ValueError: days that are not a number
            st.error(ui.plain(f"Chưa lưu: {exc}"))
            return False
        if change:
            payload |= {"change": change, **row.to_payload()}
    return save(ProposalKey.for_finding(finding.key), decision, comment, payload, confirm, ("finding", code, i))


if user.can_approve:  # approve the whole procedure: every accepted proposal waiting for approval, at once
    waiting = {v["id"]: v["version"] for v in saved.values()
               if v["decision"] in ACCEPTED and v["status"] in ("draft", "needs_reapproval")}  # not returned ones
    if waiting and st.button(f"Phê duyệt cả thủ tục ({ui.number(len(waiting))} đề xuất chấp nhận)",
                             key=f"approve_all_{code}", type="primary"):
        try:
            done = store.proposals.approve_procedure(user, code, ACCEPTED, expected_versions=waiting)
        except ConflictError:
            st.error("Có đề xuất của thủ tục vừa được người khác thay đổi; chưa phê duyệt đề xuất nào. "
                     "Hãy xem lại rồi phê duyệt.")
        else:
            st.success(f"Đã phê duyệt {ui.number(len(done))} đề xuất của thủ tục.")
            for row in done:  # approving is a change this page has seen (other changes still conflict on save)
                versions[(code, ProposalKey.parse(row["finding_key"]))] = row["version"]
        saved = load_saved()

st.subheader(f"Phát hiện ({ui.number(len(findings))})")
if not findings:
    st.success("Không có phát hiện nào cho thủ tục này.")
for i, finding in enumerate(findings):
    key = ProposalKey.for_finding(finding.key)
    current = saved.get(key, {})
    base_version(key)  # remember what this reviewer saw, for conflict detection on save
    with st.container(border=True):
        status = current.get("status")
        badge = {"approved": " · ✅ ", "returned": " · ↩️ ", "needs_reapproval": " · ⚠️ "}.get(status, "")
        badge += ui.STATUS_LABELS[status].lower() if badge else ""
        st.markdown(f"**{ui.plain(ui.label('rules', finding.rule))}** · {ui.plain(KIND_LABELS[finding.kind])}{badge}")
        st.write(ui.plain(finding.message))
        st.caption(ui.plain(f"Đề xuất: {ui.label('suggestions', finding.suggestion.action)}"))
        options = list(ui.DECISION_LABELS)
        decision = st.radio("Quyết định", options, index=options.index(current.get("decision", "")) if current.get("decision", "") in options else 0,
                            format_func=ui.DECISION_LABELS.get, horizontal=True, key=f"decision_{code}_{i}")
        row = modify_form(i, finding, current) if decision == "modify" else None
        comment = st.text_area("Ý kiến", value=current.get("comment", ""), key=f"comment_{code}_{i}", height=68)
        cols = st.columns(3)
        if cols[0].button("Lưu", key=f"save_{code}_{i}"):
            if not decision:
                st.warning("Chọn một quyết định trước khi lưu.")
            elif save_finding(i, finding, decision, comment, row, confirm=False):
                st.success("Đã lưu.")
                saved = load_saved()
        # after the save, which may have just asked for it
        if confirm_button(("finding", code, i), f"confirm_{code}_{i}"):
            if save_finding(i, finding, decision, comment, row, confirm=True):
                st.success("Đã lưu. Đề xuất được chuyển sang trạng thái «cần phê duyệt lại».")
                saved = load_saved()
        if user.can_approve and key in saved:
            record = saved[key]
            for col, (label, status_value) in zip(cols[1:], (("Phê duyệt", "approved"), ("Trả lại", "returned"))):
                if col.button(label, key=f"{status_value}_{code}_{i}"):
                    try:
                        store.proposals.set_status(user, record["id"], status_value, record["version"])
                        st.success("Đã cập nhật trạng thái.")
                        saved = load_saved()
                        versions[(code, key)] = saved[key]["version"]  # approving is a change this page has seen
                    except (ConflictError, PermissionDenied) as exc:
                        st.error(str(exc))

st.subheader("Chỉnh sửa khác")
st.caption(POSITION_HELP)
edit_rows = [
    {"Hành động": v["payload"].get("label"), "Vị trí": v["payload"].get("position"),
     "Số ngày": None if v["payload"].get("days") is None else ui.number(v["payload"]["days"], 1), "Ghi chú": v["comment"]}
    for k, v in sorted(saved.items(), key=lambda item: item[0]) if k.is_edit and v["decision"] == "edit"
]
source = pd.DataFrame(edit_rows, columns=["Hành động", "Vị trí", "Số ngày", "Ghi chú"])
edited = st.data_editor(
    source,
    num_rows="dynamic",
    column_config={
        "Hành động": st.column_config.SelectboxColumn(options=list(EDIT_ACTIONS), required=True),
        "Vị trí": st.column_config.TextColumn(),
        "Số ngày": st.column_config.TextColumn(help="Số ngày làm việc, ví dụ «10» hoặc «2,5»"),
        "Ghi chú": st.column_config.TextColumn(),
    },
    key=f"edits_{code}",
    hide_index=True,
)


def save_edits(confirm: bool) -> None:
    global saved
    try:
        rows = [{**r, "Số ngày": ui.parse_number(r.get("Số ngày"))} for r in edited.to_dict("records") if r.get("Hành động")]
        changes = [edit_to_change(r["Hành động"], r.get("Vị trí"), r["Số ngày"]) for r in rows]
        for change in changes:
            check_edit(procedure, change)  # every position in the record, every shortening shorter
        apply_changes(procedure, changes)
    except (EditError, ChangeError, ValueError) as exc:  # ValueError: days that are not a number
        st.error(ui.plain(f"Chưa lưu: {exc}"))
        return
    ok = True
    for n, (row, change) in enumerate(zip(rows, changes)):
        payload = {"change": change, "label": row["Hành động"], "position": row.get("Vị trí"), "days": row["Số ngày"]}
        ok &= save(ProposalKey.edit(n), "edit", row.get("Ghi chú") or "", payload, confirm, ("edits", code))
    for key in [k for k in saved if k.is_edit and k.row >= len(rows)]:
        if saved[key]["decision"] == "edit":  # a deleted row: withdrawn, kept in the audit log
            ok &= save(key, "reject", "Đã xóa khỏi bảng chỉnh sửa", saved[key]["payload"], confirm, ("edits", code))
    if ok:
        st.success(f"Đã lưu {ui.number(len(rows))} chỉnh sửa.")
    saved = load_saved()


if st.button("Lưu chỉnh sửa", key=f"save_edits_{code}"):
    save_edits(confirm=False)
if confirm_button(("edits", code), f"confirm_edits_{code}"):
    save_edits(confirm=True)

st.subheader("Tham số chi phí tuân thủ (mô hình chi phí chuẩn)")
specs = cost_defaults()["params"]
params = {**default_params(), **(saved.get(ProposalKey.cost_params(), {}).get("payload", {}).get("params") or {})}
names = {ui.label("cost_params", name): name for name in specs}  # shown by name; saved by code
cost_source = pd.DataFrame(
    [{"Tham số": ui.label("cost_params", name), "Giá trị": ui.number(params[name], 4), "Đơn vị": spec["unit"],
      "Nguồn": spec["source"]} for name, spec in specs.items()]
)
# values as text, written and read the Vietnamese way (45.000; 0,5): a number column would show 45000 and 0.5
cost_edit = st.data_editor(cost_source, disabled=["Tham số", "Đơn vị", "Nguồn"], hide_index=True, key=f"cost_{code}")
for confirm in (False, True):  # the button, then the confirmation it may ask for
    clicked = (confirm_button(("cost", code), f"confirm_cost_{code}") if confirm
               else st.button("Lưu tham số chi phí", key=f"save_cost_{code}"))
    if clicked:
        try:
            values = {names[row["Tham số"]]: ui.parse_number(row["Giá trị"]) for row in cost_edit.to_dict("records")}
            if any(v is None or v < 0 for v in values.values()):
                raise ValueError("Mỗi tham số cần một giá trị không âm.")
        except ValueError as exc:
            st.error(ui.plain(f"Chưa lưu: {exc}"))
            break
        if save(ProposalKey.cost_params(), "edit", "Tham số chi phí", {"params": values}, confirm, ("cost", code)):
            st.success("Đã lưu tham số chi phí.")
            saved = load_saved()
            params = values

st.subheader("Trước và sau cắt giảm")
try:
    result = before_after(procedure, proposed_changes(procedure, findings, saved), params)
except ChangeError as exc:
    st.error(ui.plain(f"Không áp dụng được đề xuất: {exc}"))
    st.stop()
before, after = result["before"], result["after"]


def pct(value):
    return "—" if value is None else ("0%" if not value else f"-{ui.percent(value)}")


c1, c2, c3, c4 = st.columns(4)
c1.metric("Thời hạn (ngày làm việc)", ui.number(after["working_days"], 1), pct(result["time_cut"]), delta_color="inverse")
c2.metric("Số giấy tờ", ui.number(after["documents"]), pct(result["documents_cut"]), delta_color="inverse")
c3.metric("Số bước", ui.number(after["steps"]), pct(result["steps_cut"]), delta_color="inverse")
c4.metric("Chi phí tuân thủ (đồng/năm)", ui.number(after["cost_per_year"]), pct(result["cost_cut"]), delta_color="inverse")
st.caption(f"Trước: {ui.number(before['working_days'], 1)} ngày làm việc, {ui.number(before['documents'])} giấy tờ, "
           f"{ui.number(before['steps'])} bước, {ui.number(before['cost_per_year'])} đồng/năm.")
goal = f"{result['target']:.0%}"
for label, met, cut in (("thời gian", result["time_target_met"], result["time_cut"]),
                        ("chi phí tuân thủ", result["cost_target_met"], result["cost_cut"])):
    if met:
        st.success(f"Đạt mục tiêu cắt giảm tối thiểu {goal} {label} (Nghị quyết 66/NQ-CP): {pct(cut)}.")
    else:
        st.warning(f"Chưa đạt mục tiêu cắt giảm tối thiểu {goal} {label} (Nghị quyết 66/NQ-CP): hiện {pct(cut)}.")
