"""Safety of the reviewer app through AppTest: throttled sign-in, record text shown literally, one error boundary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_support import ADMIN_PASSWORD, APP, INJECTED_IMAGE, injected_corpus, login

pytestmark = pytest.mark.slow


def test_the_sixth_wrong_password_is_throttled(app_env: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=180).run()
    for attempt in range(1, 6):
        login(at, "admin", f"sai-{attempt}")
        assert any("không đúng" in e.value for e in at.error), attempt
    assert any("thử lại sau 30 giây" in e.value for e in at.error)  # the 5th says how long to wait
    login(at, "admin", ADMIN_PASSWORD)  # the right password, too early: refused unchecked
    assert [t.value for t in at.title] == ["Rà soát, đơn giản hóa thủ tục hành chính"]
    assert any("thử lại sau" in e.value for e in at.error) and "user" not in at.session_state


def test_record_markdown_and_html_are_shown_as_text(app_env: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_CORPUS", str(injected_corpus(tmp_path)))
    at = login(AppTest.from_file(APP, default_timeout=180).run(), "admin", ADMIN_PASSWORD)
    at.switch_page("views/detail.py").run()
    assert not at.exception
    html_bodies = [e.proto.body for e in at.get("html")]
    step = next(b for b in html_bodies if "Nộp hồ sơ" in b)
    assert "<img" not in step and "&lt;img" in step and INJECTED_IMAGE in step  # escaped tag; Markdown not parsed
    assert not [b for b in html_bodies if re.search(r"<(?!/?(?:div|b|mark|small|br)\b)", b)]
    header = at.header[0].value
    assert "![x]" not in header and r"\!\[x\]" in header  # escaped: the browser shows "![x](…)" as text


def test_an_error_in_a_page_shows_a_vietnamese_message_and_logs_the_trace(caplog: pytest.LogCaptureFixture) -> None:
    def page() -> None:
        import sys
        from pathlib import Path

        import streamlit as st

        sys.path.insert(0, str(Path.cwd() / "app"))
        import ui

        with ui.error_boundary("Thử nghiệm"):
            st.write("trước lỗi")
            raise ZeroDivisionError("lỗi cố ý")
        st.write("sau ranh giới")

    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception  # no traceback reaches the page
    assert [e.value for e in at.error] == [
        "Đã xảy ra lỗi khi hiển thị trang này. Lỗi đã được ghi lại để quản trị viên xem xét; "
        "vui lòng tải lại trang hoặc báo cho quản trị viên nếu lỗi lặp lại."
    ]
    assert "ZeroDivisionError" in caplog.text and "Thử nghiệm" in caplog.text
