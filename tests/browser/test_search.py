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


def test_khai_sinh_ranks_birth_registration_first(page: Page, app_url: str) -> None:
    page.set_default_timeout(60_000)
    browser_log_in(page, app_url)
    browser_open(page, "Thủ tục")
    field = keyed(page, "search_query").locator("input")
    for query in ("khai sinh", "KHAI SINH", "dang ky khai sinh"):  # one sign-in for the three
        field.fill(query)
        field.press("Enter")
        wait_idle(page)
        expect(page.get_by_text("kết quả khớp nhất ở trên cùng", exact=False)).to_be_visible()
        names = listed_names(page)
        assert names and "khai sinh" in fold(names[0]), (query, names)
        births = [i for i, name in enumerate(names) if "khai sinh" in fold(name)]
        decoys = [i for i, name in enumerate(names) if name in SEARCH_DECOYS.values()]
        assert births == list(range(len(births))) and all(i > births[-1] for i in decoys), (query, names)
