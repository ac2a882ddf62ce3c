"""In a real browser: searching "khai sinh" lists birth registration first, ahead of names that only share the
words (app_support.SEARCH_DECOYS: "khai thác … sinh hoạt"), typed with or without diacritics."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from analyzer.text import fold
from app_support import SEARCH_DECOYS, browser_log_in, browser_open, keyed, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def listed_names(page: Page) -> list[str]:
    """The names in the procedure table, in its order (its canvas's accessible table holds the rows in view)."""
    grid = page.get_by_test_id("stDataFrame").first.locator("table[role=grid]")
    header = [cell.inner_text() for cell in grid.locator("th[role=columnheader]").all()]
    column = header.index("Tên thủ tục")
    rows = [row.locator("td[role=gridcell]").all_inner_texts() for row in grid.locator("tbody tr").all()]
    return [cells[column] for cells in rows if len(cells) > column]  # a row cut at the bottom may lack cells


def search_for(page: Page, query: str) -> list[str]:
    """Type ``query`` into the search field; once the table shows as many rows as the caption counts, its names."""
    field = keyed(page, "search_query").locator("input")
    field.fill(query)
    field.press("Enter")
    wait_idle(page)
    caption = page.get_by_text(" thủ tục · ", exact=False).first
    if query:
        expect(caption).to_contain_text("kết quả khớp nhất ở trên cùng")
    else:
        expect(caption).not_to_contain_text("kết quả khớp nhất")
    shown = int(caption.inner_text().split(" / ")[0].replace(".", ""))
    # the grid draws after the caption: wait until it holds this result (a header row plus one per procedure)
    expect(page.get_by_test_id("stDataFrame").first.locator("table[role=grid]")).to_have_attribute(
        "aria-rowcount", str(shown + 1))
    return listed_names(page)


def test_khai_sinh_ranks_birth_registration_first(page: Page, app_url: str) -> None:
    page.set_default_timeout(60_000)
    browser_log_in(page, app_url)
    browser_open(page, "Thủ tục")
    unranked = search_for(page, "")
    assert "khai sinh" not in fold(unranked[0]) and any(n in SEARCH_DECOYS.values() for n in unranked[:5]), unranked
    for query in ("khai sinh", "KHAI SINH", "dang ky khai sinh"):  # one sign-in for the three
        names = search_for(page, query)
        assert names and "khai sinh" in fold(names[0]), (query, names)
        births = [i for i, name in enumerate(names) if "khai sinh" in fold(name)]
        decoys = [i for i, name in enumerate(names) if name in SEARCH_DECOYS.values()]
        assert births == list(range(len(births))) and all(i > births[-1] for i in decoys), (query, names)
        search_for(page, "")  # back to the whole list, so the next result cannot be this one still on screen


def test_the_procedure_chooser_finds_by_search_and_opens_the_hit(page: Page, app_url: str) -> None:
    """The detail page's chooser (ui.choose_procedure): typing in its search box narrows the list to the matches,
    best first; choosing one opens it, and its version stays in the address (?thu_tuc=…) across a reload."""
    page.set_default_timeout(60_000)
    browser_log_in(page, app_url)
    browser_open(page, "Chi tiết thủ tục")
    field = keyed(page, "procedure_choice_search").locator("input")
    field.fill("dang ky ket hon")  # without diacritics
    field.press("Enter")
    wait_idle(page)
    keyed(page, "procedure_choice").click()
    options = page.get_by_role("option").all_inner_texts()
    assert any("Đăng ký kết hôn" in option for option in options[1:3]), options  # after the current one
    assert not any("khai sinh" in fold(option) for option in options[1:]), options
    page.get_by_role("option").filter(has_text="Đăng ký kết hôn").first.click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Đăng ký kết hôn")).to_be_visible()
    assert "thu_tuc=" in page.url
    page.reload()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Đăng ký kết hôn")).to_be_visible()
