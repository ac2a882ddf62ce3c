"""Signed-in sessions: a random token, kept hashed, that expires, idles out and is revoked (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from analyzer.store.accounts import LOCK_AFTER, AccountError
from analyzer.store.schema import SignedInSession, utcnow
from analyzer.store.sessions import token_hash


@pytest.fixture
def people(store):
    store.accounts.add("admin", "matkhau-admin-1", "admin")
    an = store.accounts.add("an", "matkhau-an-1", "reviewer", full_name="Nguyễn Văn An")
    return store, an


def _rows(store) -> list[SignedInSession]:
    with store.accounts.sessions() as session:
        return list(session.scalars(select(SignedInSession).order_by(SignedInSession.id)))


def test_a_token_is_random_and_kept_only_hashed(people) -> None:
    store, an = people
    first, second = store.sessions.issue(an), store.sessions.issue(an)
    assert first.token != second.token and len(first.token) >= 43  # 256 bits, URL-safe
    hashes = [row.token_hash for row in _rows(store)]
    assert hashes == [token_hash(first.token), token_hash(second.token)]
    assert first.token not in repr([(r.token_hash, r.user_id) for r in _rows(store)])
    check = store.sessions.check(first.token)
    assert check.status == "ok" and check.account.username == "an" and check.account.full_name == "Nguyễn Văn An"


@pytest.mark.parametrize(("after", "status"), [
    (timedelta(minutes=29), "ok"),
    (timedelta(minutes=31), "idle"),  # the default idle limit is 30 minutes
    (timedelta(hours=12), "expired"),  # the default lifetime: expired even when in use all along
], ids=["in-use", "idle", "expired"])
def test_a_session_idles_out_and_expires(people, after: timedelta, status: str) -> None:
    store, an = people
    start = utcnow()
    issued = store.sessions.issue(an, now=start)
    assert issued.expires_at == start + timedelta(hours=12)
    if status == "expired":  # used every 20 minutes, so never idle
        moment = start
        while moment + timedelta(minutes=20) < start + after:
            moment += timedelta(minutes=20)
            assert store.sessions.check(issued.token, now=moment).status == "ok"
    assert store.sessions.check(issued.token, now=start + after).status == status


def test_use_restarts_the_idle_clock(people) -> None:
    store, an = people
    start = utcnow()
    issued = store.sessions.issue(an, now=start)
    assert store.sessions.check(issued.token, now=start + timedelta(minutes=25)).status == "ok"
    assert store.sessions.check(issued.token, now=start + timedelta(minutes=50)).status == "ok"


@pytest.mark.parametrize(("end", "status"), [
    (lambda store, token: store.sessions.revoke(token), "revoked"),  # sign-out
    (lambda store, token: store.accounts.reset_password("an", "matkhau-moi-9", actor="admin"), "revoked"),
    (lambda store, token: store.accounts.change_password("an", "matkhau-an-1", "matkhau-an-2"), "revoked"),
    (lambda store, token: store.accounts.set_active("an", False, actor="admin"), "locked"),
    (lambda store, token: [store.accounts.sign_in("an", "sai", now=utcnow() + timedelta(hours=n))  # no waits
                           for n in range(LOCK_AFTER)], "locked"),
], ids=["sign-out", "admin-reset", "own-change", "admin-lock", "wrong-passwords-lock"])
def test_sign_out_a_reset_a_change_and_a_lock_end_the_session(people, end, status: str) -> None:
    store, an = people
    issued = store.sessions.issue(an)
    end(store, issued.token)
    assert store.sessions.check(issued.token).status == status
    if status == "locked":  # unlocking does not bring the session back
        store.accounts.set_active("an", True, actor="admin")
        assert store.sessions.check(issued.token).status == "revoked"


def test_a_password_change_keeps_the_session_it_was_made_in(people) -> None:
    store, an = people
    here, elsewhere = store.sessions.issue(an), store.sessions.issue(an)
    store.accounts.change_password("an", "matkhau-an-1", "matkhau-an-2", keep_token_hash=token_hash(here.token))
    assert store.sessions.check(here.token).status == "ok"
    assert store.sessions.check(elsewhere.token).status == "revoked"


def test_ending_one_account_leaves_the_others(people) -> None:
    store, an = people
    admin = next(a for a in store.accounts.list() if a.username == "admin")
    theirs, mine = store.sessions.issue(admin), store.sessions.issue(an)
    store.accounts.reset_password("an", "matkhau-moi-9", actor="admin")
    assert store.sessions.check(theirs.token).status == "ok"
    assert store.sessions.check(mine.token).status == "revoked"


@pytest.mark.parametrize("token", [None, "", "khong-phai-ma", "x" * 43])
def test_an_unknown_token_is_refused(people, token: str | None) -> None:
    store, an = people
    store.sessions.issue(an)
    assert store.sessions.check(token).status == "unknown"
    assert store.sessions.revoke(token) is False


def test_revoking_twice_and_old_sessions_are_cleared(people) -> None:
    store, an = people
    start = utcnow() - timedelta(days=2)
    old = store.sessions.issue(an, now=start)
    assert store.sessions.revoke(old.token) is True and store.sessions.revoke(old.token) is False
    store.sessions.issue(an)  # a new sign-in removes this account's sessions past their lifetime
    assert token_hash(old.token) not in {row.token_hash for row in _rows(store)} and len(_rows(store)) == 1


def test_live_sessions_are_listed_and_revoked_per_account_or_all(people) -> None:
    """What `tthc sessions list|revoke` reads and does, on both databases: an ended session is neither listed nor
    counted as ended again."""
    store, an = people
    admin = next(a for a in store.accounts.list() if a.username == "admin")
    first, second, other = store.sessions.issue(an), store.sessions.issue(an), store.sessions.issue(admin)
    store.sessions.issue(an, now=utcnow() - timedelta(hours=13))  # past its lifetime
    assert [(s.username, s.full_name) for s in store.sessions.live()] == [("admin", ""), ("an", "Nguyễn Văn An"),
                                                                       ("an", "Nguyễn Văn An")]
    assert store.sessions.revoke_account("an", actor="admin") == 2
    assert [store.sessions.check(s.token).status for s in (first, second, other)] == ["revoked", "revoked", "ok"]
    assert [s.username for s in store.sessions.live()] == ["admin"]
    with pytest.raises(AccountError):
        store.sessions.revoke_account("khong-co", actor="admin")
    assert store.sessions.revoke_all(actor="admin") == 1
    assert store.sessions.live() == [] and store.sessions.check(other.token).status == "revoked"
