"""End to end in a real browser: log in, accept a finding, save, reload, still there, download the plan."""

from __future__ import annotations

import io

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from app_support import browser_log_in, browser_open, browser_proposals, keyed, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]
COMMENT = "Đồng ý cắt giảm (kiểm thử trình duyệt)"


@pytest.fixture(scope="module")
def procedure(with_findings: list):  # noqa: ANN201 - a Procedure
    return with_findings[0]


def test_accept_save_reload_download(page: Page, app_url: str, procedure) -> None:  # noqa: ANN001
    code = procedure.version_key  # what the widget keys are made of
    page.set_default_timeout(120_000)
    browser_log_in(page, app_url)
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()

    browser_proposals(page, procedure)
    keyed(page, f"decision_{code}_0").get_by_text("Chấp nhận", exact=True).click()
    wait_idle(page)
    keyed(page, f"comment_{code}_0").locator("textarea").fill(COMMENT)
    keyed(page, f"save_{code}_0").locator("button").click()
    wait_idle(page)
    expect(page.get_by_text("Đã lưu.")).to_be_visible()

    page.reload()  # still signed in (the session cookie: tests/browser/test_session.py)
    wait_idle(page)
    browser_proposals(page, procedure)
    expect(keyed(page, f"comment_{code}_0").locator("textarea")).to_have_value(COMMENT)
    expect(keyed(page, f"decision_{code}_0").locator("input[type=radio]:checked")).to_have_count(1)

    browser_open(page, "Xuất báo cáo")
    keyed(page, "include_drafts").get_by_text("Gồm cả đề xuất chưa được phê duyệt", exact=False).click()
    wait_idle(page)
    texts = {}
    for button in ("Tải phương án (DOCX)", "Tải dự thảo quyết định (DOCX)"):
        with page.expect_download() as download_info:
            page.get_by_role("button", name=button).click()
        with open(download_info.value.path(), "rb") as handle:
            document = Document(io.BytesIO(handle.read()))
        texts[button] = "\n".join(p.text for p in document.paragraphs)
    plan, decision = texts.values()
    assert procedure.code in plan and "Nghị quyết 66/NQ-CP" in plan and COMMENT in plan
    assert "(Dự thảo, chưa phê duyệt)" in plan  # accepted but not approved: marked
    assert "QUYẾT ĐỊNH" in decision and "Điều 3." in decision and procedure.code in decision
