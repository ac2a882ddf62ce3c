"""Persistence for the reviewer app: the corpus run, accounts, signed-in sessions, proposals, audit log
(SQLAlchemy; SQLite or PostgreSQL)."""

from __future__ import annotations

from analyzer.store.accounts import Account, AccountError, Accounts, SignIn
from analyzer.store.corpus import CorpusStore, ImportSummary
from analyzer.store.db import default_url, make_engine, session_factory
from analyzer.store.proposals import ConflictError, PermissionDenied, Proposals, ReapprovalNeeded
from analyzer.store.sessions import IssuedSession, LiveSession, SessionCheck, Sessions


class Store:
    """One engine per process; `corpus`, `accounts`, `sessions` (signed-in sessions) and `proposals` share it."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = make_engine(url)
        sessions = session_factory(self.engine)
        self.accounts = Accounts(sessions)
        self.sessions = Sessions(sessions)
        self.proposals = Proposals(sessions)
        self.corpus = CorpusStore(self.engine, sessions)

    def close(self) -> None:
        self.engine.dispose()


__all__ = ["Account", "AccountError", "Accounts", "CorpusStore", "ImportSummary", "SignIn", "ConflictError", "PermissionDenied",
           "Proposals", "ReapprovalNeeded", "IssuedSession", "LiveSession", "SessionCheck", "Sessions", "Store", "default_url"]
