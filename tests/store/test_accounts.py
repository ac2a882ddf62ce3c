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


# ------------------------------------------------------------------ sign-in throttling

def test_five_wrong_passwords_then_a_growing_wait_then_a_lock(people) -> None:
    from datetime import datetime, timedelta, timezone

    from analyzer.store.accounts import BASE_DELAY_S, LOCK_AFTER, THROTTLE_AFTER

    accounts, t0 = people.accounts, datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    outcomes = [accounts.sign_in("an", "sai", now=t0) for _ in range(THROTTLE_AFTER)]
    assert [o.status for o in outcomes] == ["wrong"] * THROTTLE_AFTER
    assert [o.wait_s for o in outcomes[:-1]] == [0] * (THROTTLE_AFTER - 1)  # no wait before the 5th failure
    assert outcomes[-1].wait_s == BASE_DELAY_S and "thử lại sau 30 giây" in outcomes[-1].message
    # the 6th try, even with the right password, is refused unchecked until the wait is over
    sixth = accounts.sign_in("an", "matkhau-an-1", now=t0 + timedelta(seconds=10))
    assert sixth.status == "throttled" and sixth.account is None and sixth.wait_s == BASE_DELAY_S - 10
    # after the wait, each further failure doubles it
    t = t0 + timedelta(seconds=BASE_DELAY_S)
    assert accounts.sign_in("an", "sai", now=t).wait_s == 2 * BASE_DELAY_S
    assert accounts.sign_in("an", "sai", now=t + timedelta(seconds=1)).status == "throttled"
    for failures in range(THROTTLE_AFTER + 2, LOCK_AFTER + 1):
        t += timedelta(seconds=BASE_DELAY_S * 2 ** (failures - THROTTLE_AFTER))
        last = accounts.sign_in("an", "sai", now=t)
    assert last.status == "locked" and "quản trị viên" in last.message
    t += timedelta(days=1)
    assert accounts.sign_in("an", "matkhau-an-1", now=t).status == "locked"  # no wait lifts a lock
    actions = [e["action"] for e in accounts.history() if e["entity_id"] == "an"]
    assert actions.count("sign_in_failed") >= LOCK_AFTER and actions[-1] == "sign_in_locked"
    # an administrator lifts it: the right password works again, and the count starts over
    accounts.set_active("an", True, actor="admin")
    ok = accounts.sign_in("an", "matkhau-an-1", now=t)
    assert ok.status == "ok" and ok.account.username == "an"
    assert accounts.sign_in("an", "sai", now=t).wait_s == 0


def test_a_right_password_resets_the_count(people) -> None:
    for _ in range(4):
        people.accounts.sign_in("an", "sai")
    assert people.accounts.sign_in("an", "matkhau-an-1").status == "ok"
    assert people.accounts.sign_in("an", "sai").wait_s == 0  # one failure, not five


def test_an_unknown_name_reads_as_a_wrong_password(people) -> None:
    result = people.accounts.sign_in("khong-co", "sai")
    assert result.status == "wrong" and result.message == "Tên đăng nhập hoặc mật khẩu không đúng."
