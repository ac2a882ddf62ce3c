"""The review pages added in round 3: overlaps between provisions, and the record defects list."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from support import shared_path

pytestmark = pytest.mark.slow


def test_the_conflict_in_the_residence_topic_is_shown_with_both_provisions(admin_app: AppTest,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    topic = shared_path("corpus-real", "legal-texts", "diepxuan__diepxuan.github.io", "phapdien__cu-tru.md")
    monkeypatch.setenv("TTHC_LEGAL_TEXTS", str(topic))
    at = admin_app
    at.switch_page("views/overlaps.py").run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown) + " ".join(t.value for t in at.text)
    assert "Mâu thuẫn" in shown and "Luật 81/2006/QH11" in shown and "Thông tư 35/2014/TT-BCA" in shown
    assert "giấy chuyển hộ khẩu" in shown  # the clause text itself, as plain text
    assert "None" not in shown


def test_the_record_defects_page_lists_defects_in_vietnamese(admin_app: AppTest) -> None:
    at = admin_app
    at.switch_page("views/defects.py").run()
    assert not at.exception
    assert at.title[0].value == "Lỗi của bản công bố thủ tục"
    frames = [df.value for df in at.dataframe]
    shown = " ".join(m.value for m in at.markdown) + " ".join(s.value for s in at.success)
    assert frames or "Không thấy lỗi" in shown
    if frames:
        assert list(frames[0].columns)[:3] == ["Mã thủ tục", "Tên thủ tục", "Loại lỗi"]
        assert not frames[0].isna().any().any()
