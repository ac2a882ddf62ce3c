"""An approver approves a whole procedure at once; the detail page's history tab shows who, when, before → after."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analyzer.store import Store
from app_support import login

pytestmark = pytest.mark.slow
WHEN = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")


def open_with_three_findings(at: AppTest) -> str:
    at.switch_page("views/proposals.py").run()
    for index in range(len(at.selectbox(key="procedure_choice").options)):
        at.selectbox(key="procedure_choice").select_index(index).run()
        code = at.selectbox(key="procedure_choice").value
        if len([r for r in at.radio if r.key and r.key.startswith(f"decision_{code}_")]) >= 3:
            return code
    raise AssertionError("the sample corpus should have a procedure with three findings")


def test_an_approver_approves_every_accepted_proposal_of_a_procedure_and_the_history_shows_it(
        app_env: Path, admin_app: AppTest) -> None:
    store = Store(f"sqlite:///{app_env}")
    store.accounts.add("an", "matkhau-an-1", "reviewer")
    store.accounts.add("chi", "matkhau-chi-1", "approver")
    at = login(AppTest.from_file(str(admin_app._script_path), default_timeout=180).run(), "an", "matkhau-an-1")
    code = open_with_three_findings(at)
    assert f"approve_all_{code}" not in [b.key for b in at.button]  # reviewers cannot approve
    for i, decision in enumerate(("accept", "modify", "reject")):
        at.radio(key=f"decision_{code}_{i}").set_value(decision).run()
        at.text_area(key=f"comment_{code}_{i}").input(f"Ý kiến {i + 1}").run()
        at.button(key=f"save_{code}_{i}").click().run()
        assert any("Đã lưu" in s.value for s in at.success), [e.value for e in at.error]

    at = login(AppTest.from_file(str(admin_app._script_path), default_timeout=180).run(), "chi", "matkhau-chi-1")
    at.switch_page("views/proposals.py").run()
    at.selectbox(key="procedure_choice").set_value(code).run()
    button = at.button(key=f"approve_all_{code}")
    assert "2 đề xuất" in button.label  # the two acceptances, not the rejection
    button.click().run()
    assert any("Đã phê duyệt 2 đề xuất" in s.value for s in at.success)
    statuses = sorted((p["decision"], p["status"]) for p in store.proposals.all())
    assert statuses == [("accept", "approved"), ("modify", "approved"), ("reject", "draft")]
    at.run()
    assert f"approve_all_{code}" not in [b.key for b in at.button]  # nothing left to approve
    assert [e["action"] for e in store.proposals.history(code)].count("proposal_approved") == 2

    at.switch_page("views/detail.py").run()
    assert [t.label for t in at.tabs] == ["Bản ghi và phát hiện", "So sánh với thủ tục cùng tên", "Lịch sử đề xuất"]
    history = next(d for d in at.dataframe if "Người thực hiện" in d.value.columns).value
    assert list(history.columns) == ["Thời điểm", "Người thực hiện", "Thao tác", "Đề xuất", "Trước", "Sau"]
    assert list(history["Người thực hiện"]) == ["chi", "chi", "an", "an", "an"]
    assert list(history["Thao tác"]) == ["Phê duyệt", "Phê duyệt", "Tạo đề xuất", "Tạo đề xuất", "Tạo đề xuất"]
    assert all(WHEN.match(value) for value in history["Thời điểm"])
    approved = history[history["Thao tác"] == "Phê duyệt"]
    assert all(b.startswith("Chấp nhận") and "Bản nháp" in b for b in approved["Trước"])
    assert all("Đã phê duyệt" in a for a in approved["Sau"])
    assert all(name.startswith("Phát hiện ") for name in history["Đề xuất"])

    at.switch_page("views/proposals.py").run()  # the page saw its own approval: a new save asks, it does not conflict
    at.text_area(key=f"comment_{code}_0").input("Sửa sau phê duyệt").run()
    at.button(key=f"save_{code}_0").click().run()
    assert any("cần phê duyệt lại" in w.value for w in at.warning) and not at.error


def test_a_resaved_approved_proposal_heads_the_approvers_queue_and_opens_from_it(admin_app: AppTest) -> None:
    at = admin_app
    code = open_with_three_findings(at)
    for i in (0, 1):
        at.radio(key=f"decision_{code}_{i}").set_value("accept").run()
        at.button(key=f"save_{code}_{i}").click().run()
    at.button(key=f"approved_{code}_0").click().run()
    at.text_area(key=f"comment_{code}_0").input("Sửa sau phê duyệt").run()
    at.button(key=f"save_{code}_0").click().run()
    at.button(key=f"confirm_{code}_0").click().run()
    at.switch_page("views/queue.py").run()
    assert not at.exception
    waiting, mine = (d.value for d in at.dataframe)
    first = waiting.iloc[0]
    assert code.startswith(first["Mã thủ tục"])
    assert (first["Đề xuất chờ phê duyệt"], first["Cần phê duyệt lại"]) == ("2", "1")
    assert list(mine["Mã thủ tục"]) == [first["Mã thủ tục"]]
    at.session_state["queue_waiting"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert at.title[0].value == "Đề xuất cắt giảm" and at.selectbox(key="procedure_choice").value == code
