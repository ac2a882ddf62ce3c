"""The procedure and finding lists: ranked search, a click on a row opens it, filters in Vietnamese."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.slow


def unescaped(markdown: str) -> str:
    """A title as read: ui.plain escapes Markdown punctuation."""
    return re.sub(r"\\(.)", r"\1", markdown)


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
    assert unescaped(at.header[0].value) == first["Tên thủ tục"]
    assert at.session_state["selected_code"].startswith(first["Mã thủ tục"])
    at.switch_page("views/procedures.py").run()  # back to the list: the old click does not open it again
    assert at.title[0].value == "Danh sách thủ tục"


def test_the_findings_list_filters_by_vietnamese_names_and_opens_a_row(admin_app: AppTest) -> None:
    from analyzer.report import labels as L

    at = admin_app
    at.switch_page("views/findings.py").run()
    assert not at.exception
    total = len(at.dataframe[0].value)
    rule_box = at.multiselect(key="findings_rule")
    assert set(rule_box.options) <= set(L.labels("rules").values())  # names, never rule ids
    rule = rule_box.options[0]
    code = {name: c for c, name in L.labels("rules").items()}[rule]
    rule_box.select(code).run()  # AppTest selects by value: the rule id the page keeps behind its name
    rows = at.dataframe[0].value
    assert 0 < len(rows) < total and set(rows["Quy tắc phát hiện"]) == {rule}
    severity = at.multiselect(key="findings_severity").options[0]
    assert severity in L.labels("severities").values()
    at.multiselect(key="findings_severity").select({n: c for c, n in L.labels("severities").items()}[severity]).run()
    assert set(at.dataframe[0].value["Mức độ"]) <= {severity}
    at.multiselect(key="findings_rule").set_value([]).run()
    at.multiselect(key="findings_severity").set_value([]).run()
    assert len(at.dataframe[0].value) == total
    for key, category in (("findings_level", "levels"), ("findings_actor", "actors"), ("findings_kind", "kinds")):
        assert set(at.multiselect(key=key).options) <= set(L.labels(category).values()), key
    agencies = at.multiselect(key="findings_agency").options
    assert len(agencies) == len({a.casefold() for a in agencies})  # one entry per agency
    first = at.dataframe[0].value.iloc[0]
    at.session_state["findings_table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert at.title[0].value == "Chi tiết thủ tục"
    assert unescaped(at.header[0].value) == first["Tên thủ tục"]


def test_the_findings_list_filters_by_field_and_decision(admin_app: AppTest) -> None:
    at = admin_app
    at.switch_page("views/findings.py").run()
    field = at.multiselect(key="findings_field").options[0]
    at.multiselect(key="findings_field").select(field).run()
    assert set(at.dataframe[0].value["Lĩnh vực"]) == {field}
    decisions = set(at.dataframe[0].value["Quyết định công bố"])
    decision = sorted(decisions)[0]
    at.multiselect(key="findings_decision").select(decision).run()
    assert set(at.dataframe[0].value["Quyết định công bố"]) == {decision}
