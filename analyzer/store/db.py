"""Database engine: an embedded SQLite file by default, PostgreSQL via TTHC_DB_URL.

SQLite is set up as the field guide recommends: busy_timeout first (switching to WAL can itself hit
SQLITE_BUSY), then WAL, synchronous=NORMAL and foreign keys; every transaction starts with
BEGIN IMMEDIATE so a read that later writes cannot fail late with "database is locked".
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DATA_DIR = Path(os.environ.get("TTHC_DATA_DIR", Path.cwd() / "data"))


def default_url() -> str:
    url = os.environ.get("TTHC_DB_URL")
    if url:
        return url
    data_dir = Path(os.environ.get("TTHC_DATA_DIR", DEFAULT_DATA_DIR))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'tthc.sqlite'}"


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
        dbapi_connection.isolation_level = None  # let us issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:  # noqa: ANN001
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | None = None) -> Engine:
    url = url or default_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        _setup_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    from analyzer.store import corpus_tables  # noqa: F401 - registers the corpus tables on Base
    from analyzer.store.migrate import create_search_index, upgrade
    from analyzer.store.schema import Base

    upgrade(engine)  # before create_all, which would leave an old table as it is
    Base.metadata.create_all(engine)
    create_search_index(engine)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
