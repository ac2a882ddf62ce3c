"""Tài khoản của tôi: every user changes their own password."""

import streamlit as st

import ui
from analyzer.store import AccountError
from analyzer.store.accounts import MIN_PASSWORD_LENGTH
from analyzer.store.sessions import token_hash

user = ui.require_user()
st.title("Tài khoản của tôi")
st.write(f"**{ui.plain(user.full_name or user.username)}** ({ui.plain(user.username)}) — {ui.ROLE_LABELS[user.role]}")
with st.form("change_password", clear_on_submit=True):
    st.subheader("Đổi mật khẩu")
    current = st.text_input("Mật khẩu hiện tại", type="password", key="current_password")
    new = st.text_input(f"Mật khẩu mới (ít nhất {MIN_PASSWORD_LENGTH} ký tự)", type="password", key="new_password_1")
    again = st.text_input("Nhập lại mật khẩu mới", type="password", key="new_password_2")
    if st.form_submit_button("Đổi mật khẩu"):
        if new != again:
            st.error("Hai lần nhập mật khẩu mới không khớp.")
        else:
            try:
                ui.get_store().accounts.change_password(user.username, current, new,
                                                        keep_token_hash=token_hash(ui.session_token() or ""))
                st.success("Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới; "
                           "các phiên đăng nhập khác của bạn đã kết thúc.")
            except AccountError as exc:
                st.error(str(exc))
