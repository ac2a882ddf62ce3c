"""`tthc sessions list` and `tthc sessions revoke USER|--all`: an administrator sees who is signed in and ends
their sessions from the command line (Vietnamese output)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.cli import app
from analyzer.report.labels import label
from analyzer.store import Store
from analyzer.store.schema import utcnow

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    url = f"sqlite:///{tmp_path / 'sessions.sqlite'}"
    monkeypatch.setenv("TTHC_DB_URL", url)
    instance = Store(url)
    instance.accounts.add("admin", "matkhau-admin-1", "admin")
    instance.accounts.add("an", "matkhau-an-1", "reviewer", full_name="Nguyễn Văn An")
    instance.accounts.add("binh", "matkhau-binh-1", "approver")
    yield instance
    instance.close()


def _sign_in(store: Store, username: str, at=None):  # noqa: ANN001, ANN202 - a datetime, an IssuedSession
    account = next(a for a in store.accounts.list() if a.username == username)
    return store.sessions.issue(account, now=at)


def test_the_list_names_each_live_session_and_no_ended_one(store: Store) -> None:
    assert runner.invoke(app, ["sessions", "list"]).output.strip() == "Không có phiên đăng nhập nào đang hoạt động."
    _sign_in(store, "an")
    _sign_in(store, "binh")
    store.sessions.revoke(_sign_in(store, "admin").token)  # signed out
    _sign_in(store, "admin", at=utcnow() - timedelta(hours=1))  # idle longer than 30 minutes
    result = runner.invoke(app, ["sessions", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "2 phiên đăng nhập đang hoạt động (giờ Việt Nam):"
    assert lines[1].startswith(f"- an (Nguyễn Văn An, {label('roles', 'reviewer')}): đăng nhập lúc ")
    assert lines[2].startswith(f"- binh ({label('roles', 'approver')}): đăng nhập lúc ")
    assert "hoạt động gần nhất" in lines[1] and "hết hạn lúc" in lines[1] and len(lines) == 3


def test_revoking_one_account_ends_its_sessions_only(store: Store) -> None:
    first, second, other = _sign_in(store, "an"), _sign_in(store, "an"), _sign_in(store, "binh")
    result = runner.invoke(app, ["sessions", "revoke", "an"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Đã kết thúc 2 phiên đăng nhập của tài khoản an."
    assert [store.sessions.check(s.token).status for s in (first, second, other)] == ["revoked", "revoked", "ok"]
    assert runner.invoke(app, ["sessions", "revoke", "an"]).output.strip() == \
        "Đã kết thúc 0 phiên đăng nhập của tài khoản an."
    audit = [e for e in store.accounts.history() if e["action"] == "sessions_revoked"]
    assert [(e["user"], e["entity_id"], e["after"]) for e in audit] == [
        ("cli", "an", {"sessions": 2}), ("cli", "an", {"sessions": 0})]


def test_revoking_all_ends_every_session(store: Store) -> None:
    issued = [_sign_in(store, name) for name in ("admin", "an", "binh")]
    result = runner.invoke(app, ["sessions", "revoke", "--all"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Đã kết thúc 3 phiên đăng nhập của mọi tài khoản."
    assert {store.sessions.check(s.token).status for s in issued} == {"revoked"}
    assert runner.invoke(app, ["sessions", "list"]).output.strip() == "Không có phiên đăng nhập nào đang hoạt động."


@pytest.mark.parametrize("args, message", [
    (["sessions", "revoke"], "lỗi: ghi tên một tài khoản hoặc --all (không ghi cả hai)"),
    (["sessions", "revoke", "an", "--all"], "lỗi: ghi tên một tài khoản hoặc --all (không ghi cả hai)"),
    (["sessions", "revoke", "khong-co"], "Không có tài khoản «khong-co»."),
])
def test_a_wrong_revoke_is_refused(store: Store, args: list[str], message: str) -> None:
    issued = _sign_in(store, "an")
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and message in result.output
    assert store.sessions.check(issued.token).status == "ok"
