"""Schema upgrades of an existing database, run when the engine is made (no Alembic: two steps so far).

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
