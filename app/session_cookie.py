"""The session cookie: written and cleared in the browser by extra-streamlit-components' CookieManager (a
component: it acts only once the browser has rendered it), read back from the request by ``st.context.cookies``.

A change is kept pending in the session state and rendered on every run until the component reports it done,
so a rerun or a page switch in the same run cannot lose it. Written by the page's script, the cookie cannot be
HttpOnly: it is SameSite=Strict, Secure over HTTPS, and worthless once its session ends in the store.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone

import extra_streamlit_components as stx
import streamlit as st

NAME = "tthc_session"
_PENDING = "session_cookie_pending"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def read() -> str | None:
    """The cookie as this tab's connection sent it (a reload sends the current one; later changes wait for one)."""
    value = st.context.cookies.get(NAME)
    return value if isinstance(value, str) and value else None  # AppTest's stand-in client gives a mock


def remember(token: str, expires_at: datetime) -> None:
    """Have the browser keep ``token`` until ``expires_at``."""
    st.session_state[_PENDING] = {"value": token, "expires": expires_at, "key": f"cookie_{secrets.token_hex(4)}"}


def forget() -> None:
    """Have the browser drop the cookie (an expiry in the past)."""
    st.session_state[_PENDING] = {"value": "", "expires": _EPOCH, "key": f"cookie_{secrets.token_hex(4)}"}


def sync() -> None:
    """Render the pending change, if any; call once on every run, after the page (see streamlit_app.main)."""
    pending = st.session_state.get(_PENDING)
    if pending is None:
        return
    if st.session_state.get(pending["key"]) is True:  # the browser has written it
        del st.session_state[_PENDING]
        return
    secure = (st.context.url or "").startswith("https:")
    stx.CookieManager(key="cookie_manager").set(NAME, pending["value"], key=pending["key"], path="/",
                                                expires_at=pending["expires"], secure=secure or None,
                                                same_site="strict")
