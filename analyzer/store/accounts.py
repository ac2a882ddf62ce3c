"""Local accounts: argon2 password hashes, roles, first-run admin."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from analyzer.store.schema import ROLES, AuditEntry, User, audit_history

_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 8


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

    def change_password(self, username: str, current: str, new: str) -> None:
        """A user changes their own password; the current one must be given."""
        if self.authenticate(username, current) is None:
            raise AccountError("Mật khẩu hiện tại không đúng.")
        if new == current:
            raise AccountError("Mật khẩu mới phải khác mật khẩu hiện tại.")
        self._set_password(username, new, actor=username, action="password_change")

    def reset_password(self, username: str, new: str, actor: str) -> None:
        """An administrator sets another user's password (a forgotten one)."""
        self._set_password(username, new, actor=actor, action="password_reset")

    def _set_password(self, username: str, new: str, actor: str, action: str) -> None:
        _check_password(new)
        with self.sessions.begin() as session:
            user = self._user(session, username)
            user.password_hash = _HASHER.hash(new)
            # the audit log records that the password changed, never the password or its hash
            session.add(AuditEntry(username=actor, action=action, entity="user", entity_id=user.username))

    def set_active(self, username: str, active: bool, actor: str) -> None:
        """Lock or unlock an account; nothing it saved is removed. The last active admin stays active."""
        with self.sessions.begin() as session:
            user = self._user(session, username)
            if not active and user.role == "admin" and user.active:
                admins = session.scalar(select(func.count()).select_from(User)
                                        .where(User.role == "admin", User.active.is_(True)))
                if admins <= 1:
                    raise AccountError("Không thể khóa quản trị viên cuối cùng.")
            before = user.active
            user.active = active
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
