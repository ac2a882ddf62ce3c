"""A corpus run in the store: import one (keeping every proposal), read it back, search it.

The store keeps what it is given: rows made by ``analyzer.report.stored.corpus_rows`` (plain dicts, the
canonical JSON of each procedure, finding and defect with the columns the app lists). An import replaces the
corpus in one transaction; proposals live in their own table, keyed on (procedure version, finding key), so
they are never touched, and the findings added, removed or changed against the run before are recorded per
procedure version (``FindingChange``) with their counts on the run.

Search (``candidates``) returns the procedure versions whose folded words hold every query word, or whose
folded code is the query or starts with it: SQLite through an FTS5 table, PostgreSQL through a full-text GIN
index (``analyzer.store.migrate.create_search_index``). The words were folded by the report layer
(``analyzer.report.search.key_words``) on both sides, so no diacritic folding happens in SQL; the caller ranks
the candidates with ``analyzer.report.search.rank``, so results are those of the in-memory search.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Engine, and_, delete, func, insert, or_, select, text
from sqlalchemy.orm import Session, sessionmaker

from analyzer.store.corpus_tables import FindingChange, ImportRun, Snapshot, StoredDefect, StoredFinding, StoredProcedure
from analyzer.store.migrate import SEARCH_TABLE

CHANGES = ("added", "removed", "changed")
# the snapshot of the texts each procedure cites (a row per version and cited text's number key), from the rows'
# "basis_keys": the procedures a set of legal texts is compared with are found without reading them
BASIS = "basis"
BASIS_SCHEMA = pa.schema([("version", pa.string()), ("key", pa.string())])
_BATCH = 1000  # rows per INSERT
_LAST = "\U0010ffff"  # after every character: key <= text < key + _LAST holds the texts that start with key
_IMPORT_LOCK = 1414  # the PostgreSQL advisory lock an import holds
PROCEDURE_COLUMNS = ("version_key", "code", "name", "field", "level", "agency", "decision", "code_key", "search_text",
                     "data")
FINDING_COLUMNS = ("version_key", "finding_key", "procedure", "kind", "rule", "severity", "days_saved", "vnd_saved",
                   "actionable_by", "actionable_text", "data")


def digest(data: Mapping[str, Any]) -> str:
    """What tells a changed finding: a hash of its canonical JSON."""
    return hashlib.sha1(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ImportSummary:
    """What one import did: its run, what the corpus holds, and the findings changed against the run before
    (``changed_keys``: procedure version -> change -> finding keys)."""

    run_id: int
    procedures: int
    findings: int
    defects: int
    added: int = 0
    removed: int = 0
    changed: int = 0
    previous_run: int | None = None
    changed_keys: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _parquet(rows: list[Mapping[str, Any]], schema: pa.Schema | None = None) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(list(rows), schema=schema), sink)
    return sink.getvalue()


def _basis_rows(basis: list[dict[str, str]] | None, batch: list[dict[str, Any]]) -> list[dict[str, str]] | None:
    """The "basis" snapshot's rows with those of ``batch`` (whose "basis_keys" are taken out of each row); None
    once a procedure came without its keys (the run then has no such snapshot)."""
    for row in batch:
        keys = row.pop("basis_keys")
        if keys is None:
            basis = None
        elif basis is not None:
            basis.extend({"version": row["version_key"], "key": key} for key in keys)
    return basis


def _like_prefix(key: str) -> str:
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%"


class CorpusStore:
    """The corpus tables of one database (see ``analyzer.store.corpus_tables``)."""

    def __init__(self, engine: Engine, sessions: sessionmaker[Session]) -> None:
        self.engine, self.sessions = engine, sessions

    # ------------------------------------------------------------------ import

    def import_run(self, procedures: Iterable[Mapping[str, Any]], findings: Iterable[Mapping[str, Any]],
                   defects: Iterable[Mapping[str, Any]], sources: Sequence[str], fingerprint: str = "",
                   notes: Sequence[str] = (), username: str = "system",
                   blobs: Mapping[str, bytes] | None = None) -> ImportSummary:
        """Replace the corpus by these rows (``PROCEDURE_COLUMNS`` and a ``listing``: a flat dict of plain values,
        the same keys for every procedure, and optionally ``basis_keys``: the number keys of the texts it cites,
        kept in the ``BASIS`` snapshot when every procedure has them; ``FINDING_COLUMNS``; a defect is
        {version_key, data}) in one transaction, and record the run and what it changed. ``blobs``: more of what
        the run is read with, by name, kept as they are (``blob``). The rows are read once, in batches (a generator
        keeps the JSON out of memory); the listings and the findings' columns are kept whole for the snapshots."""
        with self.sessions.begin() as session:
            if self.engine.dialect.name == "postgresql":  # two imports at once: one after the other (SQLite's
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})  # BEGIN IMMEDIATE)
            previous = session.scalar(select(ImportRun.id).order_by(ImportRun.id.desc()).limit(1))
            old = {(v, k): d for v, k, d in session.execute(
                select(StoredFinding.version_key, StoredFinding.finding_key, StoredFinding.digest))}
            run = ImportRun(sources=list(sources), fingerprint=fingerprint, notes=list(notes), username=username)
            session.add(run)
            session.flush()
            for table in (StoredFinding, StoredDefect, StoredProcedure, Snapshot):
                session.execute(delete(table))
            if self.engine.dialect.name == "sqlite":
                session.execute(text(f"DELETE FROM {SEARCH_TABLE}"))
            counts = {"procedures": 0, "findings": 0, "defects": 0}
            listings: list[Mapping[str, Any]] = []
            basis: list[dict[str, str]] | None = []
            for batch in _batches({**{c: p.get(c) for c in PROCEDURE_COLUMNS}, "position": i, "run_id": run.id,
                                   "listing": p["listing"], "basis_keys": p.get("basis_keys")}
                                  for i, p in enumerate(procedures)):
                listings.extend(row.pop("listing") for row in batch)
                basis = _basis_rows(basis, batch)
                session.execute(insert(StoredProcedure), batch)
                self._index(session, batch)
                counts["procedures"] += len(batch)
            current: dict[tuple[str, str], str] = {}
            listed: list[dict[str, Any]] = []
            for batch in _batches(self._finding_rows(findings)):
                session.execute(insert(StoredFinding), batch)
                current.update(((r["version_key"], r["finding_key"]), r["digest"]) for r in batch)
                listed.extend({c: r[c] for c in FINDING_COLUMNS if c != "data"} for r in batch)
                counts["findings"] += len(batch)
            for name, rows in (("procedures", listings), ("findings", listed)):
                session.add(Snapshot(name=name, run_id=run.id, data=_parquet(rows)))
            if basis is not None:
                session.add(Snapshot(name=BASIS, run_id=run.id, data=_parquet(basis, BASIS_SCHEMA)))
            for name, data in (blobs or {}).items():
                session.add(Snapshot(name=name, run_id=run.id, data=data))
            for batch in _batches({"version_key": d["version_key"], "data": d["data"], "position": i}
                                  for i, d in enumerate(defects)):
                session.execute(insert(StoredDefect), batch)
                counts["defects"] += len(batch)
            changes = {
                "added": sorted(current.keys() - old.keys()),
                "removed": sorted(old.keys() - current.keys()),
                "changed": sorted(k for k in current.keys() & old.keys() if current[k] != old[k]),
            }
            by_version: dict[str, dict[str, list[str]]] = {}
            if previous is not None:  # the first import adds everything: no list of it
                for batch in _batches({"run_id": run.id, "version_key": v, "finding_key": k, "change": change}
                                      for change, keys in changes.items() for v, k in keys):
                    session.execute(insert(FindingChange), batch)
                for change, keys in changes.items():
                    for version, key in keys:
                        by_version.setdefault(version, {}).setdefault(change, []).append(key)
            counts.update({change: len(keys) for change, keys in changes.items()}, previous_run=previous)
            run.counts = counts
            return ImportSummary(run.id, counts["procedures"], counts["findings"], counts["defects"], counts["added"],
                                 counts["removed"], counts["changed"], previous, by_version)

    @staticmethod
    def _finding_rows(findings: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
        positions: dict[str, int] = {}
        for finding in findings:
            version = finding["version_key"]
            positions[version] = positions.get(version, -1) + 1
            yield {**{c: finding.get(c) for c in FINDING_COLUMNS}, "position": positions[version],
                   "digest": digest(finding["data"])}

    def _index(self, session: Session, procedures: Sequence[Mapping[str, Any]]) -> None:
        """The SQLite search table follows the procedures (PostgreSQL's index is on the column itself)."""
        if self.engine.dialect.name != "sqlite":
            return
        session.execute(text(f"INSERT INTO {SEARCH_TABLE} (version_key, words) VALUES (:v, :w)"),
                        [{"v": p["version_key"], "w": p.get("search_text") or ""} for p in procedures])

    # ------------------------------------------------------------------ runs

    @staticmethod
    def _run(run: ImportRun) -> dict[str, Any]:
        return {"id": run.id, "at": run.at, "username": run.username, "sources": run.sources,
                "fingerprint": run.fingerprint, "counts": run.counts, "notes": run.notes}

    def latest_run(self) -> dict[str, Any] | None:
        with self.sessions() as session:
            run = session.scalar(select(ImportRun).order_by(ImportRun.id.desc()).limit(1))
            return None if run is None else self._run(run)

    def runs(self) -> list[dict[str, Any]]:
        """Every import, newest first."""
        with self.sessions() as session:
            return [self._run(r) for r in session.scalars(select(ImportRun).order_by(ImportRun.id.desc()))]

    def changes(self, run_id: int | None = None, versions: Collection[str] | None = None) -> list[dict[str, Any]]:
        """The findings an import (the latest by default) added, removed or changed; of ``versions`` only when
        given (the detail page asks for one procedure version)."""
        with self.sessions() as session:
            if run_id is None:
                run_id = session.scalar(select(func.max(ImportRun.id)))
            query = (select(FindingChange.version_key, FindingChange.finding_key, FindingChange.change)
                     .where(FindingChange.run_id == run_id).order_by(FindingChange.id))
            if versions is not None:
                query = query.where(FindingChange.version_key.in_(list(versions)))
            return [dict(row._mapping) for row in session.execute(query)]

    # ------------------------------------------------------------------ reading

    def versions(self) -> list[str]:
        """The procedure versions in corpus order."""
        with self.engine.connect() as connection:
            return list(connection.scalars(select(StoredProcedure.version_key).order_by(StoredProcedure.position)))

    def snapshot(self, name: str) -> pd.DataFrame:
        """The current run's "procedures" (their listings, in corpus order) or "findings" (their listed columns,
        in import order), as a DataFrame; empty when the store holds no run."""
        with self.engine.connect() as connection:
            data = connection.scalar(select(Snapshot.data).where(Snapshot.name == name))
        if data is None:
            return pd.DataFrame()
        return pq.read_table(io.BytesIO(data)).to_pandas()

    def blob(self, name: str) -> bytes | None:
        """What the current run was imported with under ``name`` (``import_run``'s blobs); None when absent."""
        with self.engine.connect() as connection:
            return connection.scalar(select(Snapshot.data).where(Snapshot.name == name))

    def keep_blob(self, name: str, data: bytes) -> None:
        """Keep ``data`` under ``name`` with the current run (what ``import_run``'s blobs do, made after it: a
        review of the stored corpus); the next import replaces it."""
        with self.sessions.begin() as session:
            run_id = session.scalar(select(func.max(ImportRun.id)))
            if run_id is None:
                raise ValueError("kho dữ liệu chưa có lần nhập nào để lưu kèm")
            session.execute(delete(Snapshot).where(Snapshot.name == name))
            session.add(Snapshot(name=name, run_id=run_id, data=data))

    def procedures(self, versions: Collection[str] | None = None) -> dict[str, dict[str, Any]]:
        """version -> Procedure.to_dict(), of ``versions`` (all when None), in corpus order."""
        query = select(StoredProcedure.version_key, StoredProcedure.data).order_by(StoredProcedure.position)
        if versions is not None:
            query = query.where(StoredProcedure.version_key.in_(list(versions)))
        with self.engine.connect() as connection:
            return dict(connection.execute(query).tuples().all())

    def findings(self, versions: Collection[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """version -> its findings' Finding.to_dict(), in order, of ``versions`` (all when None)."""
        query = select(StoredFinding.version_key, StoredFinding.data).order_by(StoredFinding.id)
        if versions is not None:
            query = query.where(StoredFinding.version_key.in_(list(versions)))
        out: dict[str, list[dict[str, Any]]] = {}
        with self.engine.connect() as connection:
            for version, data in connection.execute(query):
                out.setdefault(version, []).append(data)
        return out

    def defects(self) -> list[dict[str, Any]]:
        """Every record defect's RecordDefect.to_dict(), in import order."""
        with self.engine.connect() as connection:
            return list(connection.scalars(select(StoredDefect.data).order_by(StoredDefect.position)))

    # ------------------------------------------------------------------ search

    def candidates(self, words: Sequence[str], code_key: str) -> set[str]:
        """Procedure versions whose folded words hold all of ``words``, or whose folded code is ``code_key`` or
        (3 characters or more) starts with it: a superset of what the ranker keeps."""
        found: set[str] = set()
        with self.engine.connect() as connection:
            if code_key:
                found.update(connection.scalars(select(StoredProcedure.version_key).where(self._code_match(code_key))))
            if words:
                found.update(connection.scalars(*self._word_query(words)))
        return found

    def _code_match(self, key: str) -> Any:
        """The code is ``key``, or (3 characters or more) starts with it. SQLite compares bytes, so a prefix is a
        range of the code index; PostgreSQL's collation may not order so, so a prefix is a LIKE there."""
        condition = StoredProcedure.code_key == key
        if len(key) < 3:
            return condition
        if self.engine.dialect.name == "sqlite":
            return or_(condition, and_(StoredProcedure.code_key >= key, StoredProcedure.code_key < key + _LAST))
        return or_(condition, StoredProcedure.code_key.like(_like_prefix(key), escape="\\"))

    def _word_query(self, words: Sequence[str]) -> tuple[Any, dict[str, str]]:
        if self.engine.dialect.name == "sqlite":
            match = " ".join('"' + word.replace('"', '""') + '"' for word in words)  # each word a phrase: AND
            return text(f"SELECT version_key FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :q"), {"q": match}
        return (text("SELECT version_key FROM corpus_procedures "
                     "WHERE to_tsvector('simple', search_text) @@ plainto_tsquery('simple', :q)"),
                {"q": " ".join(words)})
