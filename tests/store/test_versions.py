"""Proposals keyed on the procedure version, and the upgrade of a database made before versions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from analyzer.store import ConflictError, Store
from analyzer.store.accounts import Account

# The schema as released before procedure versions (SQLAlchemy's DDL for SQLite), with two proposals
# and their audit entries, as an existing installation holds them.
SCHEMA_V1 = """
CREATE TABLE audit_log (id INTEGER NOT NULL, at DATETIME NOT NULL, username VARCHAR(80) NOT NULL,
    action VARCHAR(40) NOT NULL, entity VARCHAR(40) NOT NULL, entity_id VARCHAR(200) NOT NULL,
    "before" JSON, "after" JSON, PRIMARY KEY (id));
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE TABLE users (id INTEGER NOT NULL, username VARCHAR(80) NOT NULL, full_name VARCHAR(200) NOT NULL,
    password_hash VARCHAR(200) NOT NULL, role VARCHAR(20) NOT NULL, active BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL, PRIMARY KEY (id), UNIQUE (username));
CREATE TABLE proposals (id INTEGER NOT NULL, procedure_code VARCHAR(120) NOT NULL, finding_key VARCHAR(200) NOT NULL,
    decision VARCHAR(20) NOT NULL, comment TEXT NOT NULL, payload JSON NOT NULL, status VARCHAR(20) NOT NULL,
    version INTEGER NOT NULL, created_by INTEGER NOT NULL, updated_by INTEGER NOT NULL, created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL, PRIMARY KEY (id), CONSTRAINT uq_proposal_target UNIQUE (procedure_code, finding_key),
    FOREIGN KEY(created_by) REFERENCES users (id), FOREIGN KEY(updated_by) REFERENCES users (id));
CREATE INDEX ix_proposals_procedure_code ON proposals (procedure_code);
INSERT INTO users VALUES (1, 'an', 'Nguyễn Văn An', 'x', 'reviewer', 1, '2025-01-01 00:00:00');
INSERT INTO proposals VALUES (1, 'P.1', 'recheck_step|steps::2', 'accept', 'Bỏ bước kiểm tra lại', '{}', 'approved', 3,
    1, 1, '2025-01-01 00:00:00', '2025-01-02 00:00:00');
INSERT INTO proposals VALUES (2, 'P.1', 'cost_params', 'edit', 'Tham số chi phí', '{"params": {"hourly_cost": 30000}}',
    'draft', 1, 1, 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00');
INSERT INTO audit_log VALUES (1, '2025-01-01 00:00:00', 'an', 'proposal_create', 'proposal',
    'P.1|recheck_step|steps::2', NULL, '{}');
"""
AN = Account(id=1, username="an", full_name="Nguyễn Văn An", role="reviewer")
KEY = "recheck_step|steps::2"


@pytest.fixture
def old_database(tmp_path: Path) -> Path:
    path = tmp_path / "v1.sqlite"
    with sqlite3.connect(path) as connection:
        connection.executescript(SCHEMA_V1)
    return path


def test_upgrading_an_old_database_keeps_every_proposal(old_database: Path) -> None:
    store = Store(f"sqlite:///{old_database}")
    rows = store.proposals.all()
    assert [(r["id"], r["procedure_code"], r["procedure_version"], r["finding_key"], r["status"], r["version"])
            for r in rows] == [(2, "P.1", "P.1", "cost_params", "draft", 1), (1, "P.1", "P.1", KEY, "approved", 3)]
    assert rows[0]["payload"] == {"params": {"hourly_cost": 30000}}
    constraints = {tuple(u["column_names"]) for u in inspect(store.engine).get_unique_constraints("proposals")}
    assert ("procedure_version", "finding_key") in constraints and ("procedure_code", "finding_key") not in constraints
    store.close()
    again = Store(f"sqlite:///{old_database}")  # a second start finds nothing to upgrade and loses nothing
    assert len(again.proposals.all()) == 2
    new = again.proposals.save(AN, "P.2@QĐ 1", KEY, "accept")
    assert new["id"] == 3  # ids continue after the copied ones
    again.close()


def test_a_legacy_proposal_shows_with_its_code_and_is_taken_over_by_the_version_that_saves_it(old_database: Path) -> None:
    store = Store(f"sqlite:///{old_database}")
    version = "P.1@QĐ 12/QĐ-UBND"
    legacy = store.proposals.for_procedure(version)[KEY]
    assert legacy["comment"] == "Bỏ bước kiểm tra lại" and legacy["procedure_version"] == "P.1"
    with pytest.raises(ConflictError):  # optimistic locking holds for legacy rows too
        store.proposals.save(AN, version, KEY, "reject", expected_version=legacy["version"] - 1)
    # the legacy row was approved: saving over it is confirmed, and it then needs approval again
    saved = store.proposals.save(AN, version, KEY, "modify", "Giữ một lần kiểm tra", expected_version=legacy["version"],
                                 confirm_reapproval=True)
    assert saved["id"] == legacy["id"] and saved["procedure_version"] == version
    assert saved["status"] == "needs_reapproval"
    assert KEY not in store.proposals.for_procedure("P.1@QĐ 99/QĐ-UBND")  # the other version no longer sees it
    history = store.proposals.history(version)
    assert [h["action"] for h in history] == ["proposal_create", "proposal_update"]  # the legacy entry is kept
    store.close()


def test_two_versions_of_one_code_have_their_own_proposals(store) -> None:
    an = store.accounts.add("an", "matkhau-an-1", "reviewer")
    first = store.proposals.save(an, "P.1@QĐ 1", KEY, "accept", "phiên bản 1")
    second = store.proposals.save(an, "P.1@QĐ 2", KEY, "reject", "phiên bản 2")
    assert first["id"] != second["id"]
    assert store.proposals.for_procedure("P.1@QĐ 1")[KEY]["comment"] == "phiên bản 1"
    assert store.proposals.for_procedure("P.1@QĐ 2")[KEY]["comment"] == "phiên bản 2"
    assert {(r["procedure_code"], r["procedure_version"]) for r in store.proposals.all()} == {
        ("P.1", "P.1@QĐ 1"), ("P.1", "P.1@QĐ 2")}
    assert [h["after"]["comment"] for h in store.proposals.history("P.1@QĐ 2")] == ["phiên bản 2"]
