"""Accounts: self-service password change, admin reset, locking (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from analyzer.store import AccountError


@pytest.fixture
def people(store):
    store.accounts.add("admin", "matkhau-admin-1", "admin")
    store.accounts.add("an", "matkhau-an-1", "reviewer")
    return store


def test_user_changes_own_password(people) -> None:
    people.accounts.change_password("an", "matkhau-an-1", "matkhau-an-2")
    assert people.accounts.authenticate("an", "matkhau-an-1") is None
    assert people.accounts.authenticate("an", "matkhau-an-2").username == "an"


@pytest.mark.parametrize(("current", "new", "message"), [
    ("sai-mat-khau", "matkhau-an-2", "hiện tại không đúng"),
    ("matkhau-an-1", "ngan", "ít nhất 8 ký tự"),
    ("matkhau-an-1", "matkhau-an-1", "phải khác"),
])
def test_bad_password_changes_are_refused_and_change_nothing(people, current, new, message) -> None:
    with pytest.raises(AccountError, match=message):
        people.accounts.change_password("an", current, new)
    assert people.accounts.authenticate("an", "matkhau-an-1") is not None


def test_admin_reset_is_audited_without_the_password(people) -> None:
    people.accounts.reset_password("an", "matkhau-moi-9", actor="admin")
    assert people.accounts.authenticate("an", "matkhau-moi-9") is not None
    history = people.accounts.history()
    entries = [e for e in history if e["action"] == "password_reset"]
    assert len(entries) == 1 and entries[0]["user"] == "admin" and entries[0]["entity_id"] == "an"
    assert "matkhau-moi-9" not in repr(history) and "argon2" not in repr(history)


def test_locked_account_cannot_sign_in_until_unlocked(people) -> None:
    people.accounts.set_active("an", False, actor="admin")
    assert people.accounts.authenticate("an", "matkhau-an-1") is None
    assert not people.accounts.is_active("an")
    people.accounts.set_active("an", True, actor="admin")
    assert people.accounts.authenticate("an", "matkhau-an-1") is not None


def test_last_active_admin_cannot_be_locked(people) -> None:
    with pytest.raises(AccountError, match="quản trị viên cuối cùng"):
        people.accounts.set_active("admin", False, actor="admin")
    people.accounts.add("root2", "matkhau-root-2", "admin")
    people.accounts.set_active("admin", False, actor="root2")
    assert not people.accounts.is_active("admin")


def test_unknown_account_is_named(people) -> None:
    with pytest.raises(AccountError, match="khong-co"):
        people.accounts.reset_password("khong-co", "matkhau-123", actor="admin")
