"""In a real browser: a record's Markdown and HTML fetch nothing and read as text; the 6th wrong password waits;
a corrupt or wrong upload gets a Vietnamese message naming the file."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from analyzer.report.review import WORD_JOINER
from analyzer.store import Store
from app_support import (
    ADMIN_PASSWORD, INJECTED_CODE, INJECTED_IMAGE, browser_choose, browser_open, browser_sign_in, wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TARGET = "http://127.0.0.1:9/"


def test_injected_record_triggers_no_request(page: Page, app_server: tuple[str, str]) -> None:
    url, _ = app_server
    page.set_default_timeout(60_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    wait_idle(page)
    browser_sign_in(page, "admin", ADMIN_PASSWORD)
    browser_open(page, "Chi tiết thủ tục")
    browser_choose(page, INJECTED_CODE)
    heading = page.get_by_role("heading", name="Thủ tục thử", exact=False).first
    expect(heading).to_be_visible()
    assert INJECTED_IMAGE in heading.inner_text().replace(WORD_JOINER, "")  # literally (the joiner is invisible)
    step = page.get_by_text("Bước 1: Nộp hồ sơ", exact=False).first
    expect(step).to_contain_text(INJECTED_IMAGE)
    expect(step).to_contain_text('<img src="http://127.0.0.1:9/tag.png"><b>đậm</b>')
    page.wait_for_timeout(1000)  # give any image or prefetch the time to go out
    assert not [r for r in requests if r.startswith(TARGET)], requests
    found = page.locator(f"img[src^='{TARGET}'], a[href^='{TARGET}']")
    assert found.count() == 0, [found.nth(i).evaluate("e => e.parentElement.outerHTML") for i in range(found.count())]


def test_the_sixth_wrong_password_is_throttled(page: Page, app_server: tuple[str, str]) -> None:
    url, db_url = app_server
    Store(db_url).accounts.add("thu", "matkhau-thu-1", "reviewer")
    page.set_default_timeout(60_000)
    page.goto(url)
    wait_idle(page)
    for attempt in range(1, 6):
        browser_sign_in(page, "thu", f"sai-{attempt}")
        expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.", exact=False)).to_be_visible()
    browser_sign_in(page, "thu", "matkhau-thu-1")  # right, but within the wait: refused unchecked
    expect(page.get_by_text("vui lòng thử lại sau", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Tổng quan")).to_have_count(0)


UPLOADS = [  # name, content, the reason the message gives
    ("hong.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Cat", "PDF hỏng"),
    ("hong.docx", b"this is not a zip file", "DOCX hỏng"),
    ("bang.xlsx", b"PK\x03\x04", "không được hỗ trợ"),
]


def test_a_corrupt_or_wrong_upload_shows_a_vietnamese_message(page: Page, app_server: tuple[str, str]) -> None:
    url, _ = app_server
    page.set_default_timeout(60_000)
    page.goto(url)
    wait_idle(page)
    browser_sign_in(page, "admin", ADMIN_PASSWORD)
    browser_open(page, "Văn bản pháp luật")
    for name, content, reason in UPLOADS:  # one after another in the same uploader: one sign-in for the three
        page.locator("input[type=file]").set_input_files({"name": name, "mimeType": "application/octet-stream",
                                                           "buffer": content})
        wait_idle(page)
        alert = page.get_by_test_id("stAlertContentError")
        expect(alert).to_contain_text(f"«{name}»")
        expect(alert).to_contain_text(reason)
        assert "Traceback" not in page.content() and not page.get_by_test_id("stException").count(), name
