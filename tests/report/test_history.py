"""A procedure's proposal history: who, when (dd/mm/yyyy hh:mm, Vietnam time), what, before → after, in Vietnamese."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from analyzer.report.history import history_table, local_time, proposal_name, state
from analyzer.store import Store

ACCEPTED = ("accept", "modify", "edit")


@pytest.mark.parametrize(("moment", "shown"), [
    (datetime(2026, 3, 1, 20, 30, tzinfo=timezone.utc), "02/03/2026 03:30"),  # past midnight in Hà Nội
    (datetime(2026, 3, 1, 1, 5), "01/03/2026 08:05"),  # SQLite gives UTC back without a zone
    ("2026-12-31T17:00:00+00:00", "01/01/2027 00:00"),
    (None, "—"),
])
def test_times_are_shown_in_vietnam_the_vietnamese_way(moment, shown: str) -> None:
    assert local_time(moment) == shown


@pytest.mark.parametrize(("snapshot", "text"), [
    (None, "—"),
    ({"decision": "accept", "status": "draft", "comment": ""}, "Chấp nhận · Bản nháp"),
    ({"decision": "modify", "status": "needs_reapproval", "comment": "Giữ 10 ngày",
      "payload": {"label": "Rút ngắn thời hạn", "position": "", "days": 10.5}},
     "Chấp nhận có sửa đổi · Cần phê duyệt lại · Rút ngắn thời hạn, 10,5 ngày làm việc · «Giữ 10 ngày»"),
])
def test_a_state_reads_in_words(snapshot, text: str) -> None:
    assert state(snapshot) == text


@pytest.mark.parametrize(("key", "name"), [("edit:0", "Chỉnh sửa khác, dòng 1"), ("edit:4", "Chỉnh sửa khác, dòng 5"),
                                           ("cost_params", "Tham số chi phí tuân thủ")])
def test_edits_and_cost_parameters_are_named(key: str, name: str) -> None:
    assert proposal_name(key) == name


def test_a_finding_is_named_by_its_number_on_the_page_and_its_rule() -> None:
    from types import SimpleNamespace

    from analyzer.report import labels as L

    findings = [SimpleNamespace(key="vague_time|channels::0"), SimpleNamespace(key="no_online|channels::1")]
    assert proposal_name("no_online|channels::1", findings) == f"Phát hiện 2 · {L.label('rules', 'no_online')}"
    assert proposal_name("no_online|channels::9", findings) == L.label("rules", "no_online")  # no longer found
    assert "no_online" not in L.label("rules", "no_online")


def test_the_history_of_a_store_reads_who_when_and_before_after(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'h.sqlite'}")
    an = store.accounts.add("an", "matkhau-an-1", "reviewer")
    chi = store.accounts.add("chi", "matkhau-chi-1", "approver")
    first = store.proposals.save(an, "P.1@QĐ 1", "edit:0", "edit", "Bỏ bước 2")
    store.proposals.save(an, "P.1@QĐ 1", "edit:0", "edit", "Bỏ bước 3", expected_version=first["version"])
    store.proposals.approve_procedure(chi, "P.1@QĐ 1", ACCEPTED)
    table = history_table(store.proposals.history("P.1@QĐ 1"))
    assert list(table["changed_by"]) == ["chi", "an", "an"]  # newest first
    assert list(table["audit_action"]) == ["Phê duyệt", "Sửa đề xuất", "Tạo đề xuất"]
    assert list(table["state_before"]) == ["Chỉnh sửa khác · Bản nháp · «Bỏ bước 3»", "Chỉnh sửa khác · Bản nháp · «Bỏ bước 2»", "—"]
    assert table["state_after"][0] == "Chỉnh sửa khác · Đã phê duyệt · «Bỏ bước 3»"
    assert set(table["proposal_name"]) == {"Chỉnh sửa khác, dòng 1"}
    assert all(len(at) == 16 and at[2] == at[5] == "/" for at in table["changed_at"])  # dd/mm/yyyy hh:mm
    store.close()
