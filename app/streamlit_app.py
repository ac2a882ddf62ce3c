"""Reviewer app entry point: login, then only the pages the user's role may see."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import session_cookie  # noqa: E402
import ui  # noqa: E402

VIEWS = Path(__file__).resolve().parent / "views"


def login_page() -> None:
    st.title("Rà soát, đơn giản hóa thủ tục hành chính")
    if st.session_state.get("timed_out"):
        st.info("Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại.")
    if st.session_state.get("locked_out"):
        st.error("Tài khoản của bạn đã bị khóa. Vui lòng liên hệ quản trị viên.")
    if st.session_state.get("revoked_out"):
        st.info("Phiên đăng nhập đã kết thúc (đã đăng xuất ở nơi khác hoặc mật khẩu đã được đặt lại). "
                "Vui lòng đăng nhập lại.")
    store = ui.get_store()
    first_password = store.accounts.ensure_admin()
    if first_password:
        print(f"[tthc] Tài khoản quản trị đầu tiên: admin / {first_password} (chỉ hiển thị một lần)", flush=True)
    with st.form("login"):
        username = st.text_input("Tên đăng nhập", key="login_user")
        password = st.text_input("Mật khẩu", type="password", key="login_password")
        submitted = st.form_submit_button("Đăng nhập")
    if submitted:
        result = store.accounts.sign_in(username, password)  # throttled: see analyzer.store.accounts
        if result.account is None:
            st.error(result.message)
        else:
            ui.sign_in(result.account)
            st.rerun()


def main() -> None:
    st.set_page_config(page_title="Rà soát thủ tục hành chính", page_icon=":material/fact_check:", layout="wide")
    user = ui.current_user()
    if user is None:
        page = st.navigation([st.Page(login_page, title="Đăng nhập", icon=":material/login:")])
        with ui.error_boundary(page.title):  # one boundary around whichever page runs
            page.run()
    else:
        pages = [
            st.Page(VIEWS / "overview.py", title="Tổng quan", icon=":material/dashboard:", default=True),
            st.Page(VIEWS / "queue.py", title="Việc của tôi", icon=":material/inbox:"),
            st.Page(VIEWS / "procedures.py", title="Thủ tục", icon=":material/list_alt:"),
            st.Page(VIEWS / "findings.py", title="Phát hiện", icon=":material/rule:"),
            st.Page(VIEWS / "detail.py", title="Chi tiết thủ tục", icon=":material/search:"),
            st.Page(VIEWS / "proposals.py", title="Đề xuất cắt giảm", icon=":material/content_cut:"),
            st.Page(VIEWS / "defects.py", title="Lỗi bản công bố", icon=":material/report:"),
            st.Page(VIEWS / "legal.py", title="Văn bản pháp luật", icon=":material/gavel:"),
            st.Page(VIEWS / "overlaps.py", title="Chồng chéo, mâu thuẫn", icon=":material/compare_arrows:"),
            st.Page(VIEWS / "export.py", title="Xuất báo cáo", icon=":material/description:"),
        ]
        pages.append(st.Page(VIEWS / "account.py", title="Tài khoản của tôi", icon=":material/person:"))
        if user.role == "admin":
            pages.append(st.Page(VIEWS / "admin.py", title="Quản trị tài khoản", icon=":material/group:"))
        with st.sidebar:
            st.write(f"**{ui.plain(user.full_name or user.username)}** — {ui.ROLE_LABELS[user.role]}")
            if st.button("Đăng xuất", key="logout"):
                ui.sign_out()
                st.rerun()
        page = st.navigation(pages)
        with ui.error_boundary(page.title):
            page.run()
    # last, so that the cookie component coming and going never moves the page's elements (a moved form loses
    # what was typed into it); a page that stops or reruns first leaves the change pending for the next run
    session_cookie.sync()


# A process spawned by multiprocessing (a dask worker, say) re-runs the main module as "__mp_main__"; when an
# in-process AppTest left this script as the main module, the worker must not start the app.
if __name__ != "__mp_main__":
    main()
