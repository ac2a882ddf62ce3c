"""In a real browser: a modified acceptance changes the before/after figures; an approved proposal saved again
shows in an approver's queue as needing approval again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from analyzer.report.savings import metrics
from analyzer.store import Store
from app_support import (
    browser_log_in, browser_open, browser_proposals, browser_sign_in, browser_sign_out, keyed, wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TIME = "Thời hạn (ngày làm việc)"


def metric(page: Page, label: str):  # noqa: ANN201 - a playwright Locator
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def type_into(page: Page, key: str, value: str) -> None:
    field = keyed(page, key).locator("input")
    field.fill(value)
    field.press("Enter")
    wait_idle(page)


def test_a_modified_acceptance_changes_the_figures(page: Page, app_url: str, with_findings: list) -> None:
    procedure = next(p for p in with_findings[1:] if (metrics(p).working_days or 0) > 2)  # [0]: test_review_flow
    code = procedure.version_key
    page.set_default_timeout(60_000)
    browser_log_in(page, app_url)
    browser_proposals(page, procedure)
    before = metric(page, TIME).inner_text()
    keyed(page, f"decision_{code}_0").get_by_text("Chấp nhận có sửa đổi", exact=True).click()
    wait_idle(page)
    keyed(page, f"mod_action_{code}_0").click()
    page.keyboard.type("Rút ngắn thời hạn")
    page.keyboard.press("Enter")
    wait_idle(page)
    type_into(page, f"mod_position_{code}_0", "")
    type_into(page, f"mod_days_{code}_0", "1,5")  # written the Vietnamese way
    keyed(page, f"save_{code}_0").locator("button").click()
    wait_idle(page)
    expect(page.get_by_text("Đã lưu.", exact=True)).to_be_visible()
    assert before != "1,5"
    expect(metric(page, TIME)).to_have_text("1,5")  # the figures come after the message: waited for


def test_a_resaved_approved_proposal_is_in_the_approvers_queue(page: Page, app_server: tuple[str, str],
                                                               with_findings: list) -> None:
    url, db_url = app_server
    long = {p.version_key for p in with_findings[1:] if (metrics(p).working_days or 0) > 2}
    procedure = next(p for p in with_findings[1:] if p.version_key not in long)  # not the two tests' above
    code = procedure.version_key
    page.set_default_timeout(60_000)
    browser_log_in(page, url)  # the admin accepts, approves, then saves again
    Store(db_url).accounts.add("chi", "matkhau-chi-1", "approver", full_name="Trần Thị Chi")  # after the first admin
    browser_proposals(page, procedure)
    keyed(page, f"decision_{code}_0").get_by_text("Chấp nhận", exact=True).click()
    wait_idle(page)
    keyed(page, f"save_{code}_0").locator("button").click()
    wait_idle(page)
    keyed(page, f"approved_{code}_0").locator("button").click()
    wait_idle(page)
    expect(page.get_by_text("Đã cập nhật trạng thái.")).to_be_visible()
    keyed(page, f"comment_{code}_0").locator("textarea").fill("Sửa sau phê duyệt")
    keyed(page, f"save_{code}_0").locator("button").click()
    wait_idle(page)
    keyed(page, f"confirm_{code}_0").locator("button").click()
    wait_idle(page)
    expect(page.get_by_text("cần phê duyệt lại", exact=False).first).to_be_visible()

    browser_sign_out(page)
    page.set_viewport_size({"width": 2400, "height": 900})  # wide: every column of the queue in view
    browser_sign_in(page, "chi", "matkhau-chi-1")
    browser_open(page, "Việc của tôi")
    waiting = page.get_by_test_id("stDataFrame").first
    expect(waiting).to_be_visible()
    # the grid draws on a canvas; its accessible table inside holds the cells of the columns in view
    first_row = waiting.locator("table[role=grid] tbody tr").first
    expect(first_row).to_contain_text(procedure.code)
    header = [cell.inner_text() for cell in waiting.locator("table[role=grid] th[role=columnheader]").all()]
    cells = [cell.inner_text() for cell in first_row.locator("td[role=gridcell]").all()]
    assert dict(zip(header, cells))["Cần phê duyệt lại"] == "1", (header, cells)
