"""In a real browser: a reload keeps the session; after sign-out neither a reload nor a kept copy of the cookie
brings it back."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from analyzer.store import Store
from app_support import browser_cookie, browser_log_in, browser_open, browser_sign_out, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_reload_keeps_the_session_and_sign_out_ends_it(page: Page, app_server: tuple[str, str]) -> None:
    url, db_url = app_server
    page.set_default_timeout(60_000)
    browser_log_in(page, url)
    browser_open(page, "Thủ tục")
    cookie = browser_cookie(page)  # written: browser_log_in waits for it
    assert cookie is not None and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    store = Store(db_url)
    assert store.sessions.check(cookie["value"]).account.username == "admin"

    page.reload()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Danh sách thủ tục")).to_be_visible()  # the same page, signed in
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    expect(page.get_by_label("Tên đăng nhập")).to_have_count(0)

    browser_sign_out(page)
    assert store.sessions.check(cookie["value"]).status == "revoked"
    page.reload()
    wait_idle(page)
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()

    page.context.add_cookies([{**cookie}])  # a copy of the old cookie, kept: worth nothing now
    page.reload()
    wait_idle(page)
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)
