"""Run every store test against SQLite and, when TTHC_TEST_PG_URL is set (CI starts a server), PostgreSQL."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from analyzer.store import Store

PG_URL = os.environ.get("TTHC_TEST_PG_URL")


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        instance = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
        yield instance
        instance.close()
        return
    if not PG_URL:
        pytest.skip("PostgreSQL: set TTHC_TEST_PG_URL (CI's .ci/run installs and starts a server)")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in PG_URL else "?"
    instance = Store(f"{PG_URL}{separator}options=-csearch_path%3D{schema}")
    yield instance
    instance.close()
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()
