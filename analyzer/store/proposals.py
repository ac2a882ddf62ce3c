"""Reviewers' proposals with optimistic locking and an audit entry for every change.

A save carries the version the reviewer started from. If someone saved in between, the save is
refused with ConflictError (which carries the other person's saved state), so nothing is silently
overwritten and the reviewer's own text can be re-applied.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from analyzer.store.accounts import Account
from analyzer.store.schema import DECISIONS, AuditEntry, Proposal, audit_history, utcnow


class ConflictError(RuntimeError):
    def __init__(self, current: dict[str, Any] | None) -> None:
        super().__init__(
            "Đề xuất này vừa được người khác lưu. Nội dung của bạn chưa được ghi; hãy xem bản mới nhất rồi lưu lại."
        )
        self.current = current


class PermissionDenied(PermissionError):
    pass


class Proposals:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def for_procedure(self, code: str) -> dict[str, dict[str, Any]]:
        """finding_key -> saved state (with id and version) for one procedure."""
        with self.sessions() as session:
            rows = session.scalars(select(Proposal).where(Proposal.procedure_code == code))
            return {p.finding_key: {"id": p.id, **p.snapshot()} for p in rows}

    def all(self) -> list[dict[str, Any]]:
        with self.sessions() as session:
            rows = session.scalars(select(Proposal).order_by(Proposal.procedure_code, Proposal.finding_key))
            return [{"id": p.id, **p.snapshot()} for p in rows]

    def save(
        self,
        user: Account,
        procedure_code: str,
        finding_key: str,
        decision: str,
        comment: str = "",
        payload: dict[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """Create (expected_version None) or update (expected_version = the version read) a proposal."""
        if decision not in DECISIONS:
            raise ValueError(f"unknown decision {decision!r}")
        try:
            with self.sessions.begin() as session:
                current = session.scalar(
                    select(Proposal).where(Proposal.procedure_code == procedure_code, Proposal.finding_key == finding_key)
                )
                if current is None:
                    if expected_version is not None:
                        raise ConflictError(None)
                    proposal = Proposal(procedure_code=procedure_code, finding_key=finding_key, decision=decision,
                                        comment=comment, payload=payload or {}, created_by=user.id, updated_by=user.id)
                    session.add(proposal)
                    session.flush()
                    self._audit(session, user, "proposal_create", proposal, None)
                    return {"id": proposal.id, **proposal.snapshot()}
                if expected_version != current.version:
                    raise ConflictError({"id": current.id, **current.snapshot()})
                before = current.snapshot()
                current.decision, current.comment, current.payload = decision, comment, payload or {}
                current.status, current.updated_by, current.updated_at = "draft", user.id, utcnow()
                session.flush()
                self._audit(session, user, "proposal_update", current, before)
                return {"id": current.id, **current.snapshot()}
        except (StaleDataError, IntegrityError) as exc:
            # another writer got there between our read and our write
            raise ConflictError(self.for_procedure(procedure_code).get(finding_key)) from exc

    def set_status(self, user: Account, proposal_id: int, status: str, expected_version: int) -> dict[str, Any]:
        """Approve or return a proposal: approvers and admins only."""
        if not user.can_approve:
            raise PermissionDenied("Chỉ người phê duyệt mới được phê duyệt hoặc trả lại đề xuất.")
        try:
            with self.sessions.begin() as session:
                proposal = session.get(Proposal, proposal_id)
                if proposal is None or proposal.version != expected_version:
                    raise ConflictError({"id": proposal.id, **proposal.snapshot()} if proposal else None)
                before = proposal.snapshot()
                proposal.status, proposal.updated_by, proposal.updated_at = status, user.id, utcnow()
                session.flush()
                self._audit(session, user, f"proposal_{status}", proposal, before)
                return {"id": proposal.id, **proposal.snapshot()}
        except StaleDataError as exc:
            raise ConflictError(None) from exc

    def history(self, procedure_code: str | None = None) -> list[dict[str, Any]]:
        with self.sessions() as session:
            return audit_history(session, "proposal", f"{procedure_code}|" if procedure_code else None)

    @staticmethod
    def _audit(session: Session, user: Account, action: str, proposal: Proposal, before: dict[str, Any] | None) -> None:
        session.add(AuditEntry(username=user.username, action=action, entity="proposal",
                               entity_id=f"{proposal.procedure_code}|{proposal.finding_key}", before=before,
                               after=proposal.snapshot()))
