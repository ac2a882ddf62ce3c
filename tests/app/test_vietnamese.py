"""Every page, as rendered by AppTest, speaks Vietnamese: no raw code of the label registry, no "None" or "nan",
no English placeholder. The scan reads every element's text (Markdown sources unescaped, tables cell by cell)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analyzer.report import labels as L
from support import ROOT

pytestmark = pytest.mark.slow
# codes that look like identifiers (ASCII, at least 4 letters): a real word of a Vietnamese page never is one
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{3,}$")
# roles are left out: "admin" is also the first account's user name, which pages rightly show
CATEGORIES = ("kinds", "severities", "rules", "suggestions", "cost_params", "columns", "structure", "statuses",
              "actors", "modes")
ENGLISH = ("Choose options", "Choose an option", "No options", "Select all", "None", "nan", "NaN", "True", "False")


def registry_codes() -> set[str]:
    return {code for category in CATEGORIES for code in L.labels(category) if IDENTIFIER.match(code)}


def texts(at: AppTest) -> list[str]:
    """The text of every element on the page."""
    found: list[str] = []

    def walk(node) -> None:  # noqa: ANN001 - AppTest nodes
        proto = getattr(node, "proto", None)
        for attr in ("label", "body", "value", "placeholder", "help"):
            value = getattr(proto, attr, None) if proto is not None else None
            if isinstance(value, str):
                found.append(value)
        if proto is not None and hasattr(proto, "options"):
            found.extend(str(o) for o in getattr(node, "options", []) or [])
        kind = type(node).__name__
        if kind in ("Multiselect", "Selectbox") and not proto.placeholder and (kind == "Multiselect" or node.value is None):
            found.append("Choose options")  # what the browser writes where no placeholder is given
        if kind == "Dataframe":
            frame = node.value
            found.extend(str(c) for c in frame.columns)
            found.extend(str(v) for v in frame.astype(str).to_numpy().ravel())
        for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
            walk(child)

    walk(at._tree)
    return [re.sub(r"\\(.)", r"\1", t) for t in found]  # Markdown escapes as read


def problems(at: AppTest, codes: set[str]) -> list[str]:
    bad = []
    for text in texts(at):
        for word in ENGLISH:
            if re.search(rf"(?<![\w/]){re.escape(word)}(?![\w/])", text):
                bad.append(f"{word!r} in {text[:120]!r}")
        for code in codes:
            if re.search(rf"(?<![\w./-]){re.escape(code)}(?![\w.-])", text):
                bad.append(f"code {code!r} in {text[:120]!r}")
    return bad


def open_first_with_findings(at: AppTest) -> None:
    box = at.selectbox(key="procedure_choice")
    for index in range(len(box.options)):
        at.selectbox(key="procedure_choice").select_index(index).run()
        if any(s.value.startswith("Phát hiện (") and not s.value.startswith("Phát hiện (0") for s in at.subheader):
            return
    raise AssertionError("the sample corpus should have findings")


def test_every_page_is_vietnamese(admin_app: AppTest) -> None:
    at, codes = admin_app, registry_codes()
    report: dict[str, list[str]] = {}
    assert not at.exception
    report["overview"] = problems(at, codes)
    for page in ("queue", "procedures", "findings", "detail", "proposals", "export", "account", "admin", "legal"):
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, page
        if page in ("detail", "proposals"):
            open_first_with_findings(at)
        if page == "legal":
            draft = sorted((ROOT / "corpus" / "legal").glob("*du_thao*.txt")) or sorted((ROOT / "corpus" / "legal").glob("*.txt"))
            at.text_area(key="legal_text").input(draft[0].read_text(encoding="utf-8")).run()
            assert at.tabs
        assert len(texts(at)) > 10, page  # the walk reaches the page's elements
        report[page] = problems(at, codes)
    assert not {page: found[:10] for page, found in report.items() if found}


def test_the_scan_catches_a_raw_code_and_none() -> None:
    """The scan bites: a page that shows a rule id, a None and an English placeholder is reported."""
    at = AppTest.from_string(
        "import streamlit as st\nst.markdown('Quy tắc `vague\\\\_time`')\nst.write('Giá trị: None')\n"
        "st.multiselect('Lĩnh vực', ['a'])\n"
    ).run()
    found = problems(at, registry_codes())
    assert any("vague_time" in p for p in found) and any("'None'" in p for p in found)
    assert any("Choose" in p for p in found)
