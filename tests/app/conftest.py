"""AppTest fixtures: a fresh SQLite store per test holding the bundled corpus (imported by the fixture, as `tthc
serve` does: the app reads it from the store), a known admin password."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analyzer.batch.store_import import corpus_files, import_files
from analyzer.report.review import ReviewCorpus
from analyzer.store import Store
from app_support import ADMIN_PASSWORD, APP, login
from support import ROOT

BUNDLED = corpus_files(ROOT / "corpus")


@pytest.fixture(scope="session")
def bundled_corpus() -> ReviewCorpus:
    """The bundled corpus analysed once per session (each test imports it into its own store)."""
    return ReviewCorpus.load(BUNDLED)


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bundled_corpus: ReviewCorpus) -> Path:
    db = tmp_path / "app.sqlite"
    monkeypatch.setenv("TTHC_DB_URL", f"sqlite:///{db}")
    monkeypatch.setenv("TTHC_CORPUS", str(ROOT / "corpus"))
    monkeypatch.setenv("TTHC_ADMIN_PASSWORD", ADMIN_PASSWORD)
    store = Store(f"sqlite:///{db}")
    assert import_files(store, BUNDLED, corpus=bundled_corpus) is not None
    store.close()
    return db


@pytest.fixture
def admin_app(app_env: Path) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    return login(at, "admin", ADMIN_PASSWORD)
