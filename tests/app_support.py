"""Helpers for the reviewer-app tests (importable as ``app_support``)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from support import ROOT

APP = str(ROOT / "app" / "streamlit_app.py")
ADMIN_PASSWORD = "quan-tri-2026"


def login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(username)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return at.run()
