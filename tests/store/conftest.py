"""Run every store test against SQLite and, when TTHC_TEST_PG_URL is set (CI starts a server), PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.store import Store
from support import postgres_schema


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        instance = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
        yield instance
        instance.close()
        return
    for url in postgres_schema():  # one schema per test, dropped after it
        instance = Store(url)
        yield instance
        instance.close()
