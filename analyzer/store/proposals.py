"""Reviewers' proposals with optimistic locking and an audit entry for every change.

A save carries the version the reviewer started from. If someone saved in between, the save is
refused with ConflictError (which carries the other person's saved state), so nothing is silently
overwritten and the reviewer's own text can be re-applied.
"""

from __future__ import annotations

from typing import Any, Collection, Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from analyzer.model import VERSION_SEPARATOR
from analyzer.store.accounts import Account
from analyzer.store.schema import DECISIONS, AuditEntry, Proposal, User, audit_history, utcnow


class ConflictError(RuntimeError):
    def __init__(self, current: dict[str, Any] | None) -> None:
        super().__init__(
            "Đề xuất này vừa được người khác lưu. Nội dung của bạn chưa được ghi; hãy xem bản mới nhất rồi lưu lại."
        )
        self.current = current


class PermissionDenied(PermissionError):
    pass


class ReapprovalNeeded(RuntimeError):
    """Saving over an approved proposal: allowed only when the reviewer confirms it, and it then needs approval
    again (status ``needs_reapproval``)."""

    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__("Đề xuất này đã được phê duyệt. Lưu thay đổi sẽ chuyển đề xuất sang trạng thái «cần phê "
                         "duyệt lại»; hãy xác nhận nếu bạn muốn lưu.")
        self.current = current


APPROVED, NEEDS_REAPPROVAL = "approved", "needs_reapproval"
WAITING = ("draft", NEEDS_REAPPROVAL)  # what an approver has to decide on


def code_of(version: str) -> str:
    """The procedure code inside a version key (``Procedure.version_key``)."""
    return version.partition(VERSION_SEPARATOR)[0]


class Proposals:
    """Proposals keyed on (procedure version, finding key). A proposal saved before versions existed is
    keyed on its bare code: it is shown with every version of that code until one of them saves it,
    which then takes it over (the legacy app showed only the first record of a code, so a legacy
    proposal was made on one version)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def for_procedure(self, version: str) -> dict[str, dict[str, Any]]:
        """finding_key -> saved state (with id and version) for one procedure version (or a bare code)."""
        code = code_of(version)
        with self.sessions() as session:
            rows = list(session.scalars(select(Proposal).where(Proposal.procedure_version.in_({version, code}))))
            # the version's own rows win over the legacy rows of its code
            rows.sort(key=lambda p: p.procedure_version == version)
            return {p.finding_key: {"id": p.id, **p.snapshot()} for p in rows}

    def all(self) -> list[dict[str, Any]]:
        with self.sessions() as session:
            rows = session.scalars(select(Proposal).order_by(Proposal.procedure_version, Proposal.finding_key))
            return [{"id": p.id, **p.snapshot()} for p in rows]

    def save(
        self,
        user: Account,
        procedure_version: str,
        finding_key: str,
        decision: str,
        comment: str = "",
        payload: dict[str, Any] | None = None,
        expected_version: int | None = None,
        confirm_reapproval: bool = False,
    ) -> dict[str, Any]:
        """Create (expected_version None) or update (expected_version = the version read) a proposal on
        one procedure version (``Procedure.version_key``; a bare code for a record without decision).
        Updating an approved proposal raises ReapprovalNeeded unless ``confirm_reapproval``; confirmed, it
        is saved as needing approval again, and stays so until an approver decides."""
        if decision not in DECISIONS:
            raise ValueError(f"unknown decision {decision!r}")
        code = code_of(procedure_version)
        try:
            with self.sessions.begin() as session:
                current = self._current(session, procedure_version, code, finding_key)
                if current is None:
                    if expected_version is not None:
                        raise ConflictError(None)
                    proposal = Proposal(procedure_code=code, procedure_version=procedure_version,
                                        finding_key=finding_key, decision=decision, comment=comment,
                                        payload=payload or {}, created_by=user.id, updated_by=user.id)
                    session.add(proposal)
                    session.flush()
                    self._audit(session, user, "proposal_create", proposal, None)
                    return {"id": proposal.id, **proposal.snapshot()}
                if expected_version != current.version:
                    raise ConflictError({"id": current.id, **current.snapshot()})
                if current.status == APPROVED and not confirm_reapproval:
                    raise ReapprovalNeeded({"id": current.id, **current.snapshot()})
                before = current.snapshot()
                current.procedure_version = procedure_version  # a legacy row is taken over by this version
                current.decision, current.comment, current.payload = decision, comment, payload or {}
                status = NEEDS_REAPPROVAL if current.status in (APPROVED, NEEDS_REAPPROVAL) else "draft"
                current.status, current.updated_by, current.updated_at = status, user.id, utcnow()
                session.flush()
                self._audit(session, user, "proposal_update", current, before)
                return {"id": current.id, **current.snapshot()}
        except (StaleDataError, IntegrityError) as exc:
            # another writer got there between our read and our write
            raise ConflictError(self.for_procedure(procedure_version).get(finding_key)) from exc

    @staticmethod
    def _current(session: Session, version: str, code: str, finding_key: str) -> Proposal | None:
        """The version's row for the finding key, else its code's legacy row."""
        rows = {p.procedure_version: p for p in session.scalars(
            select(Proposal).where(Proposal.procedure_version.in_({version, code}), Proposal.finding_key == finding_key)
        )}
        return rows.get(version) or rows.get(code)

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

    def approve_procedure(self, user: Account, procedure_version: str, decisions: Collection[str],
                          expected_versions: Mapping[int, int] | None = None) -> list[dict[str, Any]]:
        """Approve at once every proposal of one procedure version (with its code's legacy rows) whose decision is
        in ``decisions`` (the plan's accepted ones) and that waits for approval (a draft, or changed after approval;
        a returned one waits for its reviewer first): approvers and admins only, in one transaction. ``expected_versions`` (proposal id -> version, as the approver saw them): if any of those
        proposals changed, or another one became approvable since, nothing is approved (ConflictError). Each
        approval is audited as ``proposal_approved``, and the whole act once as ``procedure_approved``."""
        if not user.can_approve:
            raise PermissionDenied("Chỉ người phê duyệt mới được phê duyệt đề xuất.")
        code = code_of(procedure_version)
        try:
            with self.sessions.begin() as session:
                found = list(session.scalars(select(Proposal).where(
                    Proposal.procedure_version.in_({procedure_version, code})).order_by(Proposal.finding_key)))
                found.sort(key=lambda p: p.procedure_version == procedure_version)  # as for_procedure: the
                shown = {p.finding_key: p for p in found}  # version's own row hides its code's legacy one
                rows = [p for p in shown.values() if p.decision in decisions and p.status in WAITING]
                if expected_versions is not None and {p.id: p.version for p in rows} != dict(expected_versions):
                    raise ConflictError(None)
                approved = []
                for proposal in rows:
                    before = proposal.snapshot()
                    proposal.status, proposal.updated_by, proposal.updated_at = APPROVED, user.id, utcnow()
                    session.flush()
                    self._audit(session, user, f"proposal_{APPROVED}", proposal, before)
                    approved.append({"id": proposal.id, **proposal.snapshot()})
                if approved:
                    session.add(AuditEntry(username=user.username, action="procedure_approved", entity="procedure",
                                           entity_id=procedure_version, before=None,
                                           after={"finding_keys": [p["finding_key"] for p in approved]}))
                return approved
        except StaleDataError as exc:
            raise ConflictError(None) from exc

    def work(self) -> list[dict[str, Any]]:
        """Every proposal with who created and last changed it and when (the "Việc của tôi" queue reads it)."""
        with self.sessions() as session:
            names = dict(session.execute(select(User.id, User.username)).tuples().all())
            rows = session.scalars(select(Proposal).order_by(Proposal.updated_at.desc(), Proposal.id.desc()))
            return [{"id": p.id, **p.snapshot(), "created_by": names.get(p.created_by, ""),
                     "updated_by": names.get(p.updated_by, ""), "updated_at": p.updated_at} for p in rows]

    def history(self, procedure_version: str | None = None) -> list[dict[str, Any]]:
        """Audit entries of one procedure version's proposals (with its code's legacy ones), or of all."""
        with self.sessions() as session:
            if procedure_version is None:
                return audit_history(session, "proposal")
            prefixes = list(dict.fromkeys([f"{procedure_version}|", f"{code_of(procedure_version)}|"]))
            return audit_history(session, "proposal", prefixes)

    @staticmethod
    def _audit(session: Session, user: Account, action: str, proposal: Proposal, before: dict[str, Any] | None) -> None:
        session.add(AuditEntry(username=user.username, action=action, entity="proposal",
                               entity_id=f"{proposal.procedure_version}|{proposal.finding_key}", before=before,
                               after=proposal.snapshot()))
