"""Local accounts: argon2 password hashes, roles, first-run admin."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from analyzer.store.schema import ROLES, AuditEntry, SignInFailure, User, audit_history, revoke_sessions, utcnow

_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 8
# Sign-in throttling: after THROTTLE_AFTER wrong passwords in a row an account waits before the next try,
# BASE_DELAY_S after the first of them and twice as long after each further one; LOCK_AFTER wrong passwords lock
# it until an administrator unlocks it (app or `tthc user lock NAME --unlock`).
THROTTLE_AFTER = 5
LOCK_AFTER = 10
BASE_DELAY_S = 30


class AccountError(ValueError):
    """A message shown to the user (Vietnamese)."""


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    full_name: str
    role: str
    active: bool = True

    @property
    def can_approve(self) -> bool:
        return self.role in ("approver", "admin")


def throttle_delay(failures: int) -> int:
    """Seconds an account with ``failures`` wrong passwords in a row waits before its next try."""
    if failures < THROTTLE_AFTER:
        return 0
    return BASE_DELAY_S * 2 ** (failures - THROTTLE_AFTER)


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: ``account`` when it succeeded; else why not, and for how long to wait."""

    status: Literal["ok", "wrong", "throttled", "locked"]
    account: Account | None = None
    wait_s: int = 0

    @property
    def message(self) -> str:
        """What the sign-in page says (Vietnamese)."""
        if self.status == "locked":
            return "Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên để mở khóa."
        if self.status == "throttled" or self.wait_s:
            prefix = "Tên đăng nhập hoặc mật khẩu không đúng. " if self.status == "wrong" else ""
            return (f"{prefix}Đã nhập sai mật khẩu nhiều lần: vui lòng thử lại sau {_duration(self.wait_s)}. "
                    f"Sau {LOCK_AFTER} lần sai liên tiếp, tài khoản sẽ bị khóa.")
        return "Tên đăng nhập hoặc mật khẩu không đúng." if self.status == "wrong" else ""


def _duration(seconds: int) -> str:
    minutes, rest = divmod(max(seconds, 1), 60)
    if not minutes:
        return f"{rest} giây"
    return f"{minutes} phút" + (f" {rest} giây" if rest else "")


def _aware(moment: datetime) -> datetime:
    """SQLite gives datetimes back without their zone; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")


def _account(user: User) -> Account:
    return Account(id=user.id, username=user.username, full_name=user.full_name, role=user.role, active=user.active)


class Accounts:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def add(self, username: str, password: str, role: str, full_name: str = "", actor: str = "system") -> Account:
        username = username.strip()
        if role not in ROLES:
            raise AccountError(f"Vai trò không hợp lệ: {role!r} (chọn một trong {', '.join(ROLES)}).")
        if not username:
            raise AccountError("Tên đăng nhập không được để trống.")
        _check_password(password)
        try:
            with self.sessions.begin() as session:
                user = User(username=username, full_name=full_name, password_hash=_HASHER.hash(password), role=role)
                session.add(user)
                session.flush()
                session.add(AuditEntry(username=actor, action="user_add", entity="user", entity_id=username,
                                       after={"username": username, "role": role}))
                return _account(user)
        except IntegrityError as exc:
            raise AccountError(f"Tên đăng nhập «{username}» đã tồn tại.") from exc

    def authenticate(self, username: str, password: str) -> Account | None:
        with self.sessions() as session:
            user = session.scalar(select(User).where(User.username == username.strip(), User.active.is_(True)))
            if user is None:
                _HASHER.hash(password)  # same cost whether or not the user exists
                return None
            try:
                _HASHER.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                return None
            return _account(user)

    def sign_in(self, username: str, password: str, now: datetime | None = None) -> SignIn:
        """Check a password with throttling: each wrong one is counted and audited; from the THROTTLE_AFTER-th
        on, a try before the wait is over is refused unchecked; the LOCK_AFTER-th locks the account (audited)."""
        try:
            return self._sign_in(username.strip(), password, now or utcnow())
        except IntegrityError:  # two first failures at once both inserted the count: the second try updates it
            return self._sign_in(username.strip(), password, now or utcnow())

    def _sign_in(self, username: str, password: str, now: datetime) -> SignIn:
        with self.sessions.begin() as session:
            user = session.scalar(select(User).where(User.username == username))
            if user is None:
                _HASHER.hash(password)  # same cost whether or not the user exists
                return SignIn("wrong")
            if not user.active:
                return SignIn("locked")
            record = session.get(SignInFailure, username)
            if record is not None:
                wait = throttle_delay(record.failures) - (now - _aware(record.last_at)).total_seconds()
                if wait > 0:
                    return SignIn("throttled", wait_s=int(wait + 0.999))
            try:
                _HASHER.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                failures = (record.failures if record else 0) + 1
                if record is None:
                    session.add(SignInFailure(username=username, failures=failures, last_at=now))
                else:
                    record.failures, record.last_at = failures, now
                session.add(AuditEntry(username=username, action="sign_in_failed", entity="user", entity_id=username,
                                       after={"failures": failures}, at=now))
                if failures >= LOCK_AFTER:
                    user.active = False
                    revoke_sessions(session, user.id)  # a lock ends its sessions, as an administrator's does
                    session.add(AuditEntry(username="system", action="sign_in_locked", entity="user",
                                           entity_id=username, before={"active": True},
                                           after={"active": False, "failures": failures}, at=now))
                    return SignIn("locked")
                return SignIn("wrong", wait_s=throttle_delay(failures))
            if record is not None:
                session.delete(record)
            return SignIn("ok", account=_account(user))

    def change_password(self, username: str, current: str, new: str, keep_token_hash: str | None = None) -> None:
        """A user changes their own password; the current one must be given. Their other signed-in sessions
        end; the one whose token hashes to ``keep_token_hash`` (where they changed it) goes on."""
        if self.authenticate(username, current) is None:
            raise AccountError("Mật khẩu hiện tại không đúng.")
        if new == current:
            raise AccountError("Mật khẩu mới phải khác mật khẩu hiện tại.")
        self._set_password(username, new, actor=username, action="password_change", keep_hash=keep_token_hash)

    def reset_password(self, username: str, new: str, actor: str) -> None:
        """An administrator sets another user's password (a forgotten one); every session of theirs ends."""
        self._set_password(username, new, actor=actor, action="password_reset")

    def _set_password(self, username: str, new: str, actor: str, action: str, keep_hash: str | None = None) -> None:
        _check_password(new)
        with self.sessions.begin() as session:
            user = self._user(session, username)
            user.password_hash = _HASHER.hash(new)
            revoke_sessions(session, user.id, keep_hash=keep_hash)
            # the audit log records that the password changed, never the password or its hash
            session.add(AuditEntry(username=actor, action=action, entity="user", entity_id=user.username))

    def set_active(self, username: str, active: bool, actor: str) -> None:
        """Lock or unlock an account; nothing it saved is removed, and a lock ends its signed-in sessions.
        The last active admin stays active."""
        with self.sessions.begin() as session:
            user = self._user(session, username)
            if not active and user.role == "admin" and user.active:
                admins = session.scalar(select(func.count()).select_from(User)
                                        .where(User.role == "admin", User.active.is_(True)))
                if admins <= 1:
                    raise AccountError("Không thể khóa quản trị viên cuối cùng.")
            before = user.active
            user.active = active
            if not active:
                revoke_sessions(session, user.id)
            if active:  # unlocking lifts a sign-in lock too: the count of wrong passwords starts again
                failures = session.get(SignInFailure, user.username)
                if failures is not None:
                    session.delete(failures)
            session.add(AuditEntry(username=actor, action="user_active", entity="user", entity_id=user.username,
                                   before={"active": before}, after={"active": active}))

    def history(self) -> list[dict[str, Any]]:
        """The audit entries about accounts, oldest first."""
        with self.sessions() as session:
            return audit_history(session, "user")

    @staticmethod
    def _user(session: Session, username: str) -> User:
        user = session.scalar(select(User).where(User.username == username.strip()))
        if user is None:
            raise AccountError(f"Không có tài khoản «{username}».")
        return user

    def count(self) -> int:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(User)) or 0

    def list(self) -> list[Account]:
        with self.sessions() as session:
            return [_account(u) for u in session.scalars(select(User).order_by(User.username))]

    def is_active(self, username: str) -> bool:
        with self.sessions() as session:
            return bool(session.scalar(select(User.active).where(User.username == username)))

    def ensure_admin(self) -> str | None:
        """On first run create 'admin'; return its password (from TTHC_ADMIN_PASSWORD or generated) once."""
        if self.count():
            return None
        password = os.environ.get("TTHC_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        self.add("admin", password, "admin", full_name="Quản trị viên")
        return password
