"""The procedure and finding lists: ranked search, a click on a row opens it, filters in Vietnamese."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.slow


def names(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["Tên thủ tục"])


def test_search_ranks_marriage_registration_first_and_leaves_other_words_out(admin_app: AppTest) -> None:
    at = admin_app
    at.switch_page("views/procedures.py").run()
    at.text_input(key="search_query").input("DANG KY KET HON").run()
    assert names(at)[0] == "Đăng ký kết hôn"
    assert "Đăng ký khai sinh" not in names(at)
    at.text_input(key="search_query").input("khai sinh").run()
    assert names(at)[0] == "Đăng ký khai sinh"
    assert all("khai sinh" in name.lower() for name in names(at))


def test_a_click_on_a_row_opens_that_procedure(admin_app: AppTest) -> None:
    at = admin_app
    at.switch_page("views/procedures.py").run()
    at.text_input(key="search_query").input("ket hon").run()
    first = at.dataframe[0].value.iloc[0]
    at.session_state["procedure_table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Chi tiết thủ tục"
    assert at.header[0].value == first["Tên thủ tục"]
    assert at.session_state["selected_code"].startswith(first["Mã thủ tục"])
