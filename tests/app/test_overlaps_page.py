"""The "Chồng chéo, mâu thuẫn" page: a conflict between two provisions shown side by side, in Vietnamese."""

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
