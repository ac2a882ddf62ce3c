"""Quản trị tài khoản: list and add local accounts (admins only)."""

import pandas as pd
import streamlit as st

import ui
from analyzer.store import AccountError

user = ui.require_user()
if user.role != "admin":
    st.error("Chỉ quản trị viên được truy cập trang này.")
    st.stop()
st.title("Quản trị tài khoản")
accounts = ui.get_store().accounts
st.dataframe(pd.DataFrame([{"Tên đăng nhập": a.username, "Họ tên": a.full_name, "Vai trò": ui.ROLE_LABELS[a.role]}
                           for a in accounts.list()]), hide_index=True)
with st.form("add_user", clear_on_submit=True):
    username = st.text_input("Tên đăng nhập", key="new_username")
    full_name = st.text_input("Họ tên", key="new_full_name")
    password = st.text_input("Mật khẩu (ít nhất 8 ký tự)", type="password", key="new_password")
    role = st.selectbox("Vai trò", list(ui.ROLE_LABELS), format_func=ui.ROLE_LABELS.get, key="new_role")
    if st.form_submit_button("Thêm tài khoản"):
        try:
            accounts.add(username, password, role, full_name, actor=user.username)
            st.success(f"Đã thêm tài khoản «{username}».")
        except AccountError as exc:
            st.error(str(exc))
