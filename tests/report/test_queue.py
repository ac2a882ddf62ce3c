"""Việc của tôi: my procedures, and for approvers those waiting for approval, changed-after-approval first."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from analyzer.report.queue import my_procedures, waiting_approval
from analyzer.store import Store

PROCEDURES = {
    "P.1@QĐ 1": SimpleNamespace(code="P.1", name="Đăng ký khai sinh", decision="QĐ 1"),
    "P.2@QĐ 1": SimpleNamespace(code="P.2", name="Đăng ký kết hôn", decision="QĐ 1"),
    "P.3@QĐ 1": SimpleNamespace(code="P.3", name="Đăng ký khai tử", decision="QĐ 1"),
}


@pytest.fixture
def store(tmp_path: Path):
    instance = Store(f"sqlite:///{tmp_path / 'q.sqlite'}")
    an = instance.accounts.add("an", "matkhau-an-1", "reviewer")
    binh = instance.accounts.add("binh", "matkhau-binh-1", "reviewer")
    chi = instance.accounts.add("chi", "matkhau-chi-1", "approver")
    instance.proposals.save(an, "P.1@QĐ 1", "vague_time|channels::0", "accept", "Rút ngắn")
    instance.proposals.save(an, "P.1@QĐ 1", "no_online|channels::1", "reject", "Giữ nguyên")
    instance.proposals.save(binh, "P.2@QĐ 1", "edit:0", "edit", "Bỏ bước 2")
    instance.proposals.save(binh, "P.3", "vague_time|channels::0", "accept", "Bản ghi cũ, theo mã")  # a legacy row
    [approved] = instance.proposals.approve_procedure(chi, "P.2@QĐ 1", ("accept", "modify", "edit"))
    instance.proposals.save(an, "P.2@QĐ 1", "edit:0", "edit", "Bỏ bước 3", expected_version=approved["version"],
                            confirm_reapproval=True)  # changed after approval
    yield instance
    instance.close()


def test_my_procedures_are_those_i_created_or_last_changed(store) -> None:
    work = store.proposals.work()
    mine = my_procedures(work, "an", PROCEDURES)
    assert set(mine["version"]) == {"P.1@QĐ 1", "P.2@QĐ 1"}
    assert list(my_procedures(work, "binh", PROCEDURES)["version"]) == ["P.2@QĐ 1", "P.3@QĐ 1"]  # binh created it
    assert my_procedures(work, "chi", PROCEDURES).empty  # chi's approval was changed since by an
    row = mine.set_index("version").loc["P.1@QĐ 1"]
    assert (row["n_proposals"], row["n_waiting"], row["n_reapproval"]) == (2, 1, 0)  # a rejection waits for nothing


def test_approvers_see_changed_after_approval_first(store) -> None:
    waiting = waiting_approval(store.proposals.work(), PROCEDURES)
    # changed after approval first, then the latest change; the legacy row under its code's version
    assert list(waiting["version"]) == ["P.2@QĐ 1", "P.3@QĐ 1", "P.1@QĐ 1"]
    first = waiting.iloc[0]
    assert (first["n_waiting"], first["n_reapproval"]) == (1, 1)
    assert all(len(at) == 16 and at[2] == at[5] == "/" for at in waiting["changed_at"])  # dd/mm/yyyy hh:mm
