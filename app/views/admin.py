"""Quản trị tài khoản: list, add, reset the password of, lock and unlock local accounts (admins only)."""

import pandas as pd
import streamlit as st

import ui
from analyzer.store import AccountError
from analyzer.store.accounts import MIN_PASSWORD_LENGTH

user = ui.require_user()
if user.role != "admin":
    st.error("Chỉ quản trị viên được truy cập trang này.")
    st.stop()
st.title("Quản trị tài khoản")
accounts = ui.get_store().accounts
people = accounts.list()
if notice := st.session_state.pop("admin_notice", None):
    st.success(notice)
st.dataframe(pd.DataFrame([{"Tên đăng nhập": a.username, "Họ tên": a.full_name, "Vai trò": ui.ROLE_LABELS[a.role],
                            "Trạng thái": "Đang hoạt động" if a.active else "Đã khóa"} for a in people]),
             hide_index=True)

with st.form("add_user", clear_on_submit=True):
    st.subheader("Thêm tài khoản")
    username = st.text_input("Tên đăng nhập", key="new_username")
    full_name = st.text_input("Họ tên", key="new_full_name")
    password = st.text_input(f"Mật khẩu (ít nhất {MIN_PASSWORD_LENGTH} ký tự)", type="password", key="new_password")
    role = st.selectbox("Vai trò", list(ui.ROLE_LABELS), format_func=ui.ROLE_LABELS.get, key="new_role")
    if st.form_submit_button("Thêm tài khoản"):
        try:
            accounts.add(username, password, role, full_name, actor=user.username)
            st.success(ui.plain(f"Đã thêm tài khoản «{username}»."))
        except AccountError as exc:
            st.error(str(exc))

others = [a.username for a in people if a.username != user.username]
if others:
    st.subheader("Đặt lại mật khẩu, khóa hoặc mở khóa")
    chosen = st.selectbox("Tài khoản", others, key="manage_username")
    account = next(a for a in people if a.username == chosen)
    with st.form("reset_password", clear_on_submit=True):
        new = st.text_input("Mật khẩu mới", type="password", key="reset_password")
        if st.form_submit_button("Đặt lại mật khẩu"):
            try:
                accounts.reset_password(chosen, new, actor=user.username)
                st.success(ui.plain(f"Đã đặt lại mật khẩu cho «{chosen}»."))
            except AccountError as exc:
                st.error(str(exc))
    label = "Khóa tài khoản" if account.active else "Mở khóa tài khoản"
    if st.button(label, key="toggle_active"):
        try:
            accounts.set_active(chosen, not account.active, actor=user.username)
            # shown after the rerun that redraws the table with the new state
            st.session_state["admin_notice"] = f"Đã {'khóa' if account.active else 'mở khóa'} tài khoản «{chosen}»."
            st.rerun()
        except AccountError as exc:
            st.error(str(exc))
