"""Tables: accounts, signed-in sessions, proposals (versioned, optimistic locking) and an append-only audit log."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, or_, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

ROLES = ("reviewer", "approver", "admin")
DECISIONS = ("accept", "reject", "modify", "edit")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SignInFailure(Base):
    """Wrong passwords in a row for one account (reset by a right one or an unlock): what sign-in throttling
    counts. A table of its own, so an existing database gains it by ``create_all`` without an upgrade step."""

    __tablename__ = "sign_in_failures"

    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    last_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)


class SignedInSession(Base):
    """One sign-in of one account, known by its token's SHA-256 (the token itself lives only in the browser's
    cookie). Valid until ``expires_at``, or until idle too long after ``last_seen_at``, or until revoked
    (sign-out, a lock, a password change or reset). A table of its own: ``create_all`` adds it to an existing
    database."""

    __tablename__ = "signed_in_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


def revoke_sessions(session: Session, user_id: int, keep_hash: str | None = None) -> int:
    """Revoke every live session of one account (but the one whose token hashes to ``keep_hash``); how many."""
    query = (update(SignedInSession)
             .where(SignedInSession.user_id == user_id, SignedInSession.revoked_at.is_(None))
             .values(revoked_at=utcnow()))
    if keep_hash is not None:
        query = query.where(SignedInSession.token_hash != keep_hash)
    return session.execute(query).rowcount or 0


class Proposal(Base):
    """A reviewer's decision on one finding of one procedure version, a free edit of it or its cost
    parameters (``finding_key`` is an ``analyzer.report.keys.ProposalKey`` formatted)."""

    __tablename__ = "proposals"
    __table_args__ = (UniqueConstraint("procedure_version", "finding_key", name="uq_proposal_version_target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_code: Mapped[str] = mapped_column(String(120), index=True, nullable=False)
    # Procedure.version_key; equal to procedure_code for a proposal saved before versions (see migrate)
    procedure_version: Mapped[str] = mapped_column(String(320), index=True, nullable=False)
    finding_key: Mapped[str] = mapped_column(String(200), nullable=False)
    decision: Mapped[str] = mapped_column(String(20), nullable=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # suggestion action + params as proposed
    status: Mapped[str] = mapped_column(String(20), default="draft")
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __mapper_args__ = {"version_id_col": version}

    def snapshot(self) -> dict[str, Any]:
        return {
            "procedure_code": self.procedure_code, "procedure_version": self.procedure_version,
            "finding_key": self.finding_key, "decision": self.decision,
            "comment": self.comment, "payload": self.payload, "status": self.status, "version": self.version,
        }


class AuditEntry(Base):
    """Append-only: who changed what, when, with the state before and after. Never updated or deleted."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    username: Mapped[str] = mapped_column(String(80), nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(200), nullable=False)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "user": self.username, "action": self.action, "entity_id": self.entity_id,
                "before": self.before, "after": self.after}


def audit_history(session: Session, entity: str, id_prefixes: str | list[str] | None = None) -> list[dict[str, Any]]:
    """The audit entries about one kind of entity (optionally whose id starts with one of ``id_prefixes``), oldest first."""
    query = select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
    if id_prefixes:
        prefixes = [id_prefixes] if isinstance(id_prefixes, str) else id_prefixes
        query = query.where(or_(*(AuditEntry.entity_id.like(f"{prefix}%") for prefix in prefixes)))
    return [entry.to_dict() for entry in session.scalars(query)]
