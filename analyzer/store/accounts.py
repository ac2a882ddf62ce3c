"""Local accounts: argon2 password hashes, roles, first-run admin."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from analyzer.store.schema import ROLES, AuditEntry, User

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

    @property
    def can_approve(self) -> bool:
        return self.role in ("approver", "admin")


def _account(user: User) -> Account:
    return Account(id=user.id, username=user.username, full_name=user.full_name, role=user.role)


class Accounts:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def add(self, username: str, password: str, role: str, full_name: str = "", actor: str = "system") -> Account:
        username = username.strip()
        if role not in ROLES:
            raise AccountError(f"Vai trò không hợp lệ: {role!r} (chọn một trong {', '.join(ROLES)}).")
        if not username:
            raise AccountError("Tên đăng nhập không được để trống.")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
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

    def count(self) -> int:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(User)) or 0

    def list(self) -> list[Account]:
        with self.sessions() as session:
            return [_account(u) for u in session.scalars(select(User).order_by(User.username))]

    def ensure_admin(self) -> str | None:
        """On first run create 'admin'; return its password (from TTHC_ADMIN_PASSWORD or generated) once."""
        if self.count():
            return None
        password = os.environ.get("TTHC_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        self.add("admin", password, "admin", full_name="Quản trị viên")
        return password
