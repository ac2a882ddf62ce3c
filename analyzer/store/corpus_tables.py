"""Tables of a corpus run: its procedures, findings and record defects, the import runs and what each changed.

A procedure, a finding and a defect are kept in their canonical JSON (``Procedure.to_dict``, ``Finding.to_dict``,
``RecordDefect.to_dict``: what ``tthc parse`` and the batch outputs write) next to the few columns the app lists,
filters and searches on, so the app reads them without analysing anything. Each table is new, so an existing
database gains them through ``create_all``; the search index, which SQLAlchemy cannot declare, is made by
``analyzer.store.migrate.create_search_index``. The lists the app opens on are kept once more, columnar
(``Snapshot``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from analyzer.store.schema import Base, utcnow


class ImportRun(Base):
    """One import of a corpus run: when, from which files (and their fingerprint), what it held and changed."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    username: Mapped[str] = mapped_column(String(80), default="system")
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)  # the input files or the analyze output folder
    fingerprint: Mapped[str] = mapped_column(String(80), default="", index=True)
    # procedures, findings, defects, and against the run before: added, removed, changed findings
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)  # what reading the inputs reported (Vietnamese)


class StoredProcedure(Base):
    __tablename__ = "corpus_procedures"

    version_key: Mapped[str] = mapped_column(String(320), primary_key=True)  # Procedure.version_key
    position: Mapped[int] = mapped_column(Integer, index=True)  # order in the corpus
    code: Mapped[str] = mapped_column(String(120), index=True)
    name: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str | None] = mapped_column(Text, nullable=True)
    level: Mapped[str | None] = mapped_column(String(80), nullable=True)
    agency: Mapped[str | None] = mapped_column(Text, nullable=True)
    decision: Mapped[str | None] = mapped_column(String(200), nullable=True)
    code_key: Mapped[str] = mapped_column(String(120), index=True)  # the folded code searches compare
    search_text: Mapped[str] = mapped_column(Text, default="")  # folded words of name, field, agency, decision
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # Procedure.to_dict()
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id"))


class StoredFinding(Base):
    __tablename__ = "corpus_findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_key: Mapped[str] = mapped_column(String(320), index=True)
    finding_key: Mapped[str] = mapped_column(Text)  # Finding.key: what proposals attach to
    position: Mapped[int] = mapped_column(Integer)  # order among the procedure's findings
    digest: Mapped[str] = mapped_column(String(40))  # of the canonical JSON: tells a changed finding
    procedure: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(40))
    rule: Mapped[str] = mapped_column(String(80))
    severity: Mapped[str] = mapped_column(String(20))
    days_saved: Mapped[float | None] = mapped_column(Float, nullable=True)
    vnd_saved: Mapped[float | None] = mapped_column(Float, nullable=True)
    actionable_by: Mapped[str | None] = mapped_column(String(20), nullable=True)
    actionable_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # Finding.to_dict()


class StoredDefect(Base):
    __tablename__ = "corpus_defects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_key: Mapped[str] = mapped_column(String(320), index=True)
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # RecordDefect.to_dict()


class Snapshot(Base):
    """The lists of the current run in one columnar blob each (Parquet): "procedures" holds each procedure's
    ``listing`` (its row of the list and packed search entry), "findings" each finding's listed columns. Opening
    the app reads two blobs instead of decoding a row per procedure and finding."""

    __tablename__ = "corpus_snapshots"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id"))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class FindingChange(Base):
    """A finding an import added, removed or changed against the run before it."""

    __tablename__ = "corpus_finding_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id"), index=True)
    version_key: Mapped[str] = mapped_column(String(320))
    finding_key: Mapped[str] = mapped_column(Text)
    change: Mapped[str] = mapped_column(String(10))  # added | removed | changed
