"""AppTest fixtures: a fresh SQLite store per test, the bundled corpus, a known admin password."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_support import ADMIN_PASSWORD, APP, login
from support import ROOT


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "app.sqlite"
    monkeypatch.setenv("TTHC_DB_URL", f"sqlite:///{db}")
    monkeypatch.setenv("TTHC_CORPUS", str(ROOT / "corpus"))
    monkeypatch.setenv("TTHC_ADMIN_PASSWORD", ADMIN_PASSWORD)
    return db


@pytest.fixture
def admin_app(app_env: Path) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    return login(at, "admin", ADMIN_PASSWORD)
