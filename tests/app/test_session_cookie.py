"""The session cookie through AppTest: sign-in writes it, a new run of the app with it (a reload) is signed in,
sign-out and an ended session make it worthless. The browser side is in tests/browser/test_session.py."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from streamlit.runtime.context import StreamlitCookies
from streamlit.testing.v1 import AppTest

from analyzer.store import Store
from analyzer.store.schema import SignedInSession, utcnow
from app_support import ADMIN_PASSWORD, APP, login

pytestmark = pytest.mark.slow
TITLE = "Rà soát, đơn giản hóa thủ tục hành chính"  # the sign-in page's


def cookie_writes(at: AppTest) -> list[dict]:
    """The cookie changes the app asked the browser for in its last run."""
    calls = [json.loads(e.proto.json_args) for e in at.get("component_instance")]
    return [c for c in calls if c.get("method") == "set" and c.get("cookie") == "tthc_session"]


def reload_with(cookie: str | None, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A new browser session of the app (as after a reload) whose request carries ``cookie``."""
    monkeypatch.setattr(StreamlitCookies, "get",
                        lambda self, key, default=None: cookie if key == "tthc_session" and cookie else default)
    return AppTest.from_file(APP, default_timeout=180).run()


def signed_in_as_admin() -> tuple[AppTest, str]:
    at = login(AppTest.from_file(APP, default_timeout=180).run(), "admin", ADMIN_PASSWORD)
    token = at.session_state["session_token"]
    return at, token


def test_sign_in_writes_the_token_and_a_reload_keeps_the_session(app_env: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    at, token = signed_in_as_admin()
    [write] = cookie_writes(at)
    assert write["value"] == token and write["options"]["sameSite"] == "strict" and write["options"]["path"] == "/"
    assert Store(f"sqlite:///{app_env}").sessions.check(token).account.username == "admin"
    reloaded = reload_with(token, monkeypatch)
    assert not reloaded.exception
    assert TITLE not in [t.value for t in reloaded.title] and reloaded.button(key="logout")
    assert not cookie_writes(reloaded)  # nothing to write: the cookie is already there
    assert [t.value for t in reload_with(None, monkeypatch).title] == [TITLE]


def test_sign_out_revokes_the_token_and_clears_the_cookie(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at, token = signed_in_as_admin()
    at.button(key="logout").click().run()
    assert [t.value for t in at.title] == [TITLE]
    [clear] = cookie_writes(at)
    assert clear["value"] == "" and clear["options"]["expires"].startswith("1970-01-01")
    assert Store(f"sqlite:///{app_env}").sessions.check(token).status == "revoked"
    reloaded = reload_with(token, monkeypatch)  # a copy of the old cookie is worth nothing
    assert [t.value for t in reloaded.title] == [TITLE] and not reloaded.info  # silently: they signed out


def idle_for_an_hour(store: Store) -> None:
    with store.accounts.sessions.begin() as session:
        session.execute(update(SignedInSession).values(last_seen_at=utcnow() - timedelta(hours=1)))


def locked_by_another_admin(store: Store) -> None:
    store.accounts.add("root2", "matkhau-root-2", "admin")
    store.accounts.set_active("admin", False, actor="root2")


@pytest.mark.parametrize(("end", "message"), [
    (lambda store: store.accounts.reset_password("admin", "matkhau-moi-9", actor="admin"), None),
    (locked_by_another_admin, "bị khóa"),
    (idle_for_an_hour, "hết hạn"),
], ids=["password-reset", "locked", "idle"])
def test_an_ended_session_is_not_restored(app_env: Path, monkeypatch: pytest.MonkeyPatch, end, message) -> None:
    _, token = signed_in_as_admin()
    end(Store(f"sqlite:///{app_env}"))
    reloaded = reload_with(token, monkeypatch)
    assert [t.value for t in reloaded.title] == [TITLE]
    shown = [e.value for e in (*reloaded.error, *reloaded.info)]
    assert (message is None and not shown) or any(message in text for text in shown), shown
    assert cookie_writes(reloaded)[0]["value"] == ""  # the browser is told to forget it
