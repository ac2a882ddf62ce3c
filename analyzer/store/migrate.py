"""Schema upgrades of an existing database, run when the engine is made (no Alembic: three steps so far).

A new table needs no step: ``create_all`` adds it to an existing database (the corpus tables of
``analyzer.store.corpus_tables`` came so). What SQLAlchemy cannot declare is made by ``create_search_index``
after ``create_all``, idempotently: the corpus search index (SQLite: an FTS5 table of the folded words;
PostgreSQL: a GIN full-text index over the folded column).

Version 2 keys proposals on the procedure version (``procedure_version``) instead of the code. The
unique constraint moves with it, and neither SQLite nor a portable ALTER can change a constraint, so
the table is rebuilt: renamed aside, created anew, every row copied with ``procedure_version`` set to
its code, the old table dropped — in one transaction, so an interrupted upgrade leaves the old table
as it was. A row keyed on a bare code is a "legacy" proposal: see ``Proposals`` for how a version
takes it over.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, inspect, text

from analyzer.store.schema import Proposal

_COPIED = ("id", "procedure_code", "finding_key", "decision", "comment", "payload", "status", "version",
           "created_by", "updated_by", "created_at", "updated_at")
_OLD_TABLE = "proposals_before_versions"
SEARCH_TABLE = "corpus_search"  # SQLite: the FTS5 table of corpus_procedures.search_text


def needs_upgrade(connection: Connection) -> bool:
    inspector = inspect(connection)
    if not inspector.has_table("proposals"):
        return False
    return "procedure_version" not in {c["name"] for c in inspector.get_columns("proposals")}


def _upgrade_proposals(connection: Connection) -> None:
    old_indexes = [i["name"] for i in inspect(connection).get_indexes("proposals") if i.get("name")]
    for name in old_indexes:  # index names are global: free them for the new table's indexes
        connection.execute(text(f'DROP INDEX IF EXISTS "{name}"'))
    connection.execute(text(f"ALTER TABLE proposals RENAME TO {_OLD_TABLE}"))
    Proposal.__table__.create(connection)
    columns = ", ".join(_COPIED)
    connection.execute(text(
        f"INSERT INTO proposals ({columns}, procedure_version) SELECT {columns}, procedure_code FROM {_OLD_TABLE}"
    ))
    connection.execute(text(f"DROP TABLE {_OLD_TABLE}"))
    if connection.dialect.name == "postgresql":  # the copied ids were explicit: move the sequence past them
        connection.execute(text(
            "SELECT setval(pg_get_serial_sequence('proposals', 'id'), COALESCE((SELECT MAX(id) FROM proposals), 0) + 1, false)"
        ))


def upgrade(engine: Engine) -> bool:
    """Bring an existing database up to the current schema; True when something was upgraded."""
    with engine.connect() as probe:
        if not needs_upgrade(probe):
            return False
    with engine.begin() as connection:
        if not needs_upgrade(connection):  # another process upgraded it meanwhile
            return False
        _upgrade_proposals(connection)
    return True


def create_search_index(engine: Engine) -> None:
    """The corpus search index, made once (both statements are no-ops on a database that has it). The words are
    folded before they are stored (analyzer.report.search.key_words), so the tokenizers only split on spaces
    and punctuation; no unaccent is needed on either side."""
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} "
                                    "USING fts5(version_key UNINDEXED, words, tokenize = 'unicode61')"))
        elif connection.dialect.name == "postgresql":
            connection.execute(text("CREATE INDEX IF NOT EXISTS ix_corpus_procedures_search ON corpus_procedures "
                                    "USING gin (to_tsvector('simple', search_text))"))
