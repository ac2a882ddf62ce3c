"""Helpers importable from any test module (``from support import shared_path``)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS_REAL = SHARED / "corpus-real"
SAMPLE_CORPUS = ROOT / "corpus"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; skips the calling test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared reference data at {path} (../shared is absent on this machine)")
    return path


REAL_SOURCES = {"portal_flat": ("portal-flat", "records.jsonl.gz"), "portal_docx": ("portal-docx", "records.jsonl.gz")}


def real_procedure(source: str, code: str, tmp_dir: Path) -> "Procedure":  # noqa: F821 (imported lazily)
    """The parsed record of ``code`` in a real source (portal_flat or portal_docx): the raw line holding the
    code is found first, then only that line is read (skips when ../shared is absent)."""
    import gzip

    from analyzer.ingest import load_procedures

    path = shared_path("corpus-real", *REAL_SOURCES[source])
    needle = f'"{code}"'
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        line = next((text for text in lines if needle in text[:2000]), None)
    if line is None:
        raise LookupError(f"{code} is not in {path}")
    single = tmp_dir / f"{source}_{code}.jsonl.gz"
    single.write_bytes(gzip.compress(line.encode("utf-8")))
    procedures = [p for p in load_procedures(single) if p.code == code]
    assert procedures, f"{code}: the record of {path} was not read"
    return procedures[0]


def days(n: float) -> "Duration":  # noqa: F821 (imported lazily)
    """A duration of ``n`` working days, as the readers give one ("20 ngày làm việc")."""
    from analyzer.model import Duration

    return Duration(text=f"{n:g} ngày làm việc", value=n, unit="working_day", working_days=n)


PG_URL_VARIABLE = "TTHC_TEST_PG_URL"
PG_SKIP = "PostgreSQL: set TTHC_TEST_PG_URL (CI's .ci/run installs and starts a server)"


def postgres_schema() -> "Iterator[str]":  # noqa: F821 - a generator for a fixture
    """A database URL on a fresh schema of the PostgreSQL server TTHC_TEST_PG_URL names, dropped afterwards (use
    as ``yield from postgres_schema()`` in a fixture); skips the calling test when the variable is unset."""
    import os
    import uuid

    from sqlalchemy import create_engine, text

    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        pytest.skip(PG_SKIP)
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
