"""Signed-in sessions that survive a reload: a random token in the browser's cookie, only its SHA-256 here.

A session ends when it reaches its lifetime (``TTHC_SESSION_HOURS``, 12 by default), when it has been idle
longer than ``TTHC_SESSION_TIMEOUT_MIN`` (30), or when it is revoked: at sign-out, and for every session of an
account when an administrator locks it or resets its password, or its owner changes it (see ``Accounts``).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from analyzer.store.accounts import Account, AccountError, _account, _aware
from analyzer.store.schema import AuditEntry, SignedInSession, User, utcnow

TOKEN_BYTES = 32  # 256 random bits, 43 URL-safe characters
TOUCH_EVERY_S = 60  # how stale last_seen_at may get before a check writes it again (one write a minute at most)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _env_seconds(name: str, default: int, unit_s: int) -> int:
    return int(os.environ.get(name, str(default))) * unit_s


@dataclass(frozen=True)
class SessionCheck:
    """What a token is worth now: ``account`` when the session is live; else why it is not."""

    status: Literal["ok", "unknown", "expired", "idle", "revoked", "locked"]
    account: Account | None = None


@dataclass(frozen=True)
class LiveSession:
    """A session that a check would accept now (what an administrator lists): whose, and its times (UTC)."""

    username: str
    full_name: str
    role: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class IssuedSession:
    token: str  # give it to the browser; the store keeps only its hash
    expires_at: datetime


class Sessions:
    def __init__(self, sessions: sessionmaker[Session], lifetime_s: int | None = None,
                 idle_s: int | None = None) -> None:
        self.sessions = sessions
        self.lifetime_s = lifetime_s or _env_seconds("TTHC_SESSION_HOURS", 12, 3600)
        self.idle_s = idle_s or _env_seconds("TTHC_SESSION_TIMEOUT_MIN", 30, 60)

    def issue(self, account: Account, now: datetime | None = None) -> IssuedSession:
        """A new session for a signed-in account; the account's sessions past their lifetime are removed."""
        now = now or utcnow()
        token = secrets.token_urlsafe(TOKEN_BYTES)
        expires = now + timedelta(seconds=self.lifetime_s)
        with self.sessions.begin() as session:
            session.execute(delete(SignedInSession).where(SignedInSession.user_id == account.id,
                                                          SignedInSession.expires_at < now))
            session.add(SignedInSession(token_hash=token_hash(token), user_id=account.id, created_at=now,
                                        last_seen_at=now, expires_at=expires))
        return IssuedSession(token, expires)

    def check(self, token: str | None, now: datetime | None = None) -> SessionCheck:
        """Validate a token (on every run of the app): a live one's idle clock restarts."""
        if not token:
            return SessionCheck("unknown")
        now = now or utcnow()
        with self.sessions.begin() as session:
            row = session.execute(select(SignedInSession, User).join(User, User.id == SignedInSession.user_id)
                                  .where(SignedInSession.token_hash == token_hash(token))).first()
            if row is None:
                return SessionCheck("unknown")
            record, user = row
            if not user.active:
                return SessionCheck("locked")
            if record.revoked_at is not None:
                return SessionCheck("revoked")
            if now >= _aware(record.expires_at):
                return SessionCheck("expired")
            idle = (now - _aware(record.last_seen_at)).total_seconds()
            if idle > self.idle_s:
                return SessionCheck("idle")
            if idle > TOUCH_EVERY_S:
                record.last_seen_at = now
            return SessionCheck("ok", _account(user))

    def revoke(self, token: str | None) -> bool:
        """End one session (sign-out); False when the token names no live session."""
        if not token:
            return False
        with self.sessions.begin() as session:
            record = session.scalar(select(SignedInSession).where(SignedInSession.token_hash == token_hash(token),
                                                                  SignedInSession.revoked_at.is_(None)))
            if record is None:
                return False
            record.revoked_at = utcnow()
            return True

    def live(self, now: datetime | None = None) -> list[LiveSession]:
        """Every live session (not revoked, expired or idle, of an active account), by account then sign-in."""
        now = now or utcnow()
        with self.sessions() as session:
            rows = session.execute(select(SignedInSession, User).join(User, User.id == SignedInSession.user_id)
                                   .where(SignedInSession.revoked_at.is_(None), User.active.is_(True))
                                   .order_by(User.username, SignedInSession.created_at, SignedInSession.id)).all()
            return [LiveSession(user.username, user.full_name or "", user.role, _aware(record.created_at),
                                _aware(record.last_seen_at), _aware(record.expires_at))
                    for record, user in rows
                    if now < _aware(record.expires_at)
                    and (now - _aware(record.last_seen_at)).total_seconds() <= self.idle_s]

    def revoke_account(self, username: str, actor: str, now: datetime | None = None) -> int:
        """End every session of one account (an administrator's act, audited); how many were live."""
        with self.sessions.begin() as session:
            user = session.scalar(select(User).where(User.username == username.strip()))
            if user is None:
                raise AccountError(f"Không có tài khoản «{username}».")
            return self._revoke(session, actor, user.username, now or utcnow(), SignedInSession.user_id == user.id)

    def revoke_all(self, actor: str, now: datetime | None = None) -> int:
        """End every session of every account (audited); how many were live."""
        with self.sessions.begin() as session:
            return self._revoke(session, actor, "*", now or utcnow())

    def _revoke(self, session: Session, actor: str, target: str, now: datetime, *where: object) -> int:
        """Revoke the sessions not ended yet (``where``: which), counting those a check would still accept."""
        live_since = now - timedelta(seconds=self.idle_s)
        open_rows = (SignedInSession.revoked_at.is_(None), *where)
        counted = session.scalars(select(SignedInSession.id).where(
            *open_rows, SignedInSession.expires_at > now, SignedInSession.last_seen_at >= live_since)).all()
        session.execute(update(SignedInSession).where(*open_rows).values(revoked_at=now))
        session.add(AuditEntry(username=actor, action="sessions_revoked", entity="user", entity_id=target,
                               after={"sessions": len(counted)}))
        return len(counted)
