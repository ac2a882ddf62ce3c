"""Việc của tôi: the procedures I worked on and, for approvers, those waiting for approval (changed after approval
first); a click on a row opens the procedure's proposals."""

import streamlit as st

import ui
from analyzer.report.queue import my_procedures, waiting_approval

user = ui.require_user()
st.title("Việc của tôi")
procedures = ui.corpus().procedures
work = ui.get_store().proposals.work()
COLUMNS = ["code", "decision", "name", "n_proposals", "n_waiting", "n_reapproval", "changed_at"]

if user.can_approve:
    st.subheader("Chờ phê duyệt")
    waiting = waiting_approval(work, procedures)
    if waiting.empty:
        st.success("Không có đề xuất nào chờ phê duyệt.")
    else:
        st.caption(f"{ui.number(len(waiting))} thủ tục · bấm vào một dòng để mở đề xuất của thủ tục")
        event = ui.table(waiting, COLUMNS, key="queue_waiting", on_select="rerun", selection_mode="single-row")
        ui.open_selected(event, waiting, "views/proposals.py")

st.subheader("Thủ tục tôi đã rà soát")
mine = my_procedures(work, user.username, procedures)
if mine.empty:
    st.info("Bạn chưa lưu đề xuất nào.")
else:
    event = ui.table(mine, COLUMNS, key="queue_mine", on_select="rerun", selection_mode="single-row")
    ui.open_selected(event, mine, "views/proposals.py")
