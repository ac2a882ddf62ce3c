"""Proposal workflow through AppTest: a modified acceptance applies its values, a "shortening" that lengthens is
refused, and saving over an approved proposal asks first and then needs approval again."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analyzer.report.review import ReviewCorpus
from analyzer.report.savings import metrics
from analyzer.store import Store
from support import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def long_procedure() -> int:
    """The index, in the page's choice, of the first procedure with findings and a time above 2 working days."""
    corpus = ReviewCorpus.load([ROOT / "corpus" / "procedures.jsonl"])
    for index, (version, procedure) in enumerate(corpus.procedures.items()):
        if corpus.findings[version] and (metrics(procedure).working_days or 0) > 2:
            return index
    raise AssertionError("the sample corpus should have a long procedure with findings")


def open_proposals(at: AppTest, index: int) -> str:
    at.switch_page("views/proposals.py").run()
    at.selectbox(key="procedure_choice").select_index(index).run()
    return at.selectbox(key="procedure_choice").value


def figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_modified_acceptance_applies_the_modified_values(admin_app: AppTest, app_env: Path, long_procedure: int) -> None:
    at = admin_app
    code = open_proposals(at, long_procedure)
    before = figures(at)
    at.radio(key=f"decision_{code}_0").set_value("modify").run()
    at.selectbox(key=f"mod_action_{code}_0").set_value("Rút ngắn thời hạn").run()
    at.text_input(key=f"mod_position_{code}_0").input("").run()
    at.text_input(key=f"mod_days_{code}_0").input("1,5").run()  # written the Vietnamese way
    at.text_area(key=f"comment_{code}_0").input("Rút còn 1,5 ngày").run()
    at.button(key=f"save_{code}_0").click().run()
    assert any(s.value == "Đã lưu." for s in at.success), [e.value for e in at.error]
    after = figures(at)
    assert after["Thời hạn (ngày làm việc)"] == "1,5" != before["Thời hạn (ngày làm việc)"]
    [saved] = Store(f"sqlite:///{app_env}").proposals.all()
    assert saved["decision"] == "modify" and saved["payload"]["change"] == {
        "action": "shorten_time", "params": {"target_working_days": 1.5}}
    at.switch_page("views/export.py").run()  # the export carries the modified value
    at.toggle(key="include_drafts").set_value(True).run()  # not approved yet: a draft, left out by default
    assert any("cắt giảm thời gian" in m.value for m in at.markdown)


def test_a_shortening_that_lengthens_is_refused(admin_app: AppTest, app_env: Path, long_procedure: int) -> None:
    at = admin_app
    code = open_proposals(at, long_procedure)
    at.radio(key=f"decision_{code}_0").set_value("modify").run()
    at.selectbox(key=f"mod_action_{code}_0").set_value("Rút ngắn thời hạn").run()
    at.text_input(key=f"mod_position_{code}_0").input("").run()
    at.text_input(key=f"mod_days_{code}_0").input("200").run()
    at.button(key=f"save_{code}_0").click().run()
    assert any("không ngắn hơn thời hạn hiện tại" in e.value for e in at.error), [e.value for e in at.error]
    # the same in the free-edit table
    at.session_state[f"edits_{code}"] = {
        "edited_rows": {}, "added_rows": [{"Hành động": "Rút ngắn thời hạn", "Số ngày": 200.0}], "deleted_rows": [],
    }
    at.run()
    at.button(key=f"save_edits_{code}").click().run()
    assert any("không ngắn hơn thời hạn hiện tại" in e.value for e in at.error)
    assert Store(f"sqlite:///{app_env}").proposals.all() == []
    # a real shortening, its days typed the Vietnamese way, is saved
    at.session_state[f"edits_{code}"] = {
        "edited_rows": {}, "added_rows": [{"Hành động": "Rút ngắn thời hạn", "Số ngày": "1,5"}], "deleted_rows": [],
    }
    at.run()
    at.button(key=f"save_edits_{code}").click().run()
    assert any("Đã lưu 1 chỉnh sửa" in s.value for s in at.success), [e.value for e in at.error]
    [saved] = Store(f"sqlite:///{app_env}").proposals.all()
    assert saved["payload"]["change"]["params"]["target_working_days"] == 1.5


def test_resaving_an_approved_proposal_asks_and_marks_it_for_reapproval(admin_app: AppTest, app_env: Path,
                                                                      long_procedure: int) -> None:
    at = admin_app
    code = open_proposals(at, long_procedure)
    at.radio(key=f"decision_{code}_0").set_value("accept").run()
    at.button(key=f"save_{code}_0").click().run()
    at.button(key=f"approved_{code}_0").click().run()
    store = Store(f"sqlite:///{app_env}")
    assert [p["status"] for p in store.proposals.all()] == ["approved"]
    at.text_area(key=f"comment_{code}_0").input("Bổ sung ý kiến sau phê duyệt").run()
    at.button(key=f"save_{code}_0").click().run()
    assert any("cần phê duyệt lại" in w.value for w in at.warning)
    assert [(p["status"], p["comment"]) for p in store.proposals.all()] == [("approved", "")]  # not saved yet
    at.button(key=f"confirm_{code}_0").click().run()
    assert [(p["status"], p["comment"]) for p in store.proposals.all()] == [
        ("needs_reapproval", "Bổ sung ý kiến sau phê duyệt")]
    at.run()
    assert any("cần phê duyệt lại" in m.value for m in at.markdown)  # the badge on the finding


def test_cost_parameters_are_written_and_read_the_vietnamese_way(admin_app: AppTest, app_env: Path,
                                                                 long_procedure: int) -> None:
    at = admin_app
    code = open_proposals(at, long_procedure)
    before = figures(at)["Chi phí tuân thủ (đồng/năm)"]
    at.session_state[f"cost_{code}"] = {"edited_rows": {0: {"Giá trị": "90.000"}, 3: {"Giá trị": "1,5"}},
                                        "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key=f"save_cost_{code}").click().run()
    assert any("Đã lưu tham số chi phí" in s.value for s in at.success), [e.value for e in at.error]
    [saved] = Store(f"sqlite:///{app_env}").proposals.all()
    assert saved["payload"]["params"]["hourly_income"] == 90000 and saved["payload"]["params"]["hours_per_document"] == 1.5
    after = figures(at)["Chi phí tuân thủ (đồng/năm)"]
    assert after != before and "." in after and "," not in after  # 1.234.000, never 1,234,000
    at.session_state[f"cost_{code}"] = {"edited_rows": {0: {"Giá trị": "mười"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key=f"save_cost_{code}").click().run()
    assert any("không phải là một số" in e.value for e in at.error)
