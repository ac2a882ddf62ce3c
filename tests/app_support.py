"""Helpers for the reviewer-app tests (importable as ``app_support``)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analyzer.store import Store

from support import ROOT

APP = str(ROOT / "app" / "streamlit_app.py")
ADMIN_PASSWORD = "quan-tri-2026"


def login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(username)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return at.run()


def signed_in(db: Path, username: str, password: str, role: str = "reviewer") -> tuple[Store, AppTest]:
    """A store with the first admin and one more account, and the app signed in as that account."""
    store = Store(f"sqlite:///{db}")
    store.accounts.ensure_admin()
    store.accounts.add(username, password, role)
    return store, login(AppTest.from_file(APP, default_timeout=180).run(), username, password)
