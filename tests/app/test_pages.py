"""Every page of the reviewer app through streamlit's AppTest."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from analyzer.store import Store
from analyzer.store.schema import SignedInSession, utcnow
from app_support import APP, login, signed_in
from support import ROOT

pytestmark = pytest.mark.slow


def open_procedure_with_findings(at: AppTest) -> str:
    """Select the first procedure that has findings on the proposals page; return the decision radio key."""
    at.switch_page("views/proposals.py").run()
    for index in range(len(at.selectbox(key="procedure_choice").options)):
        at.selectbox(key="procedure_choice").select_index(index).run()
        radios = [r.key for r in at.radio if r.key and r.key.startswith("decision_")]
        if radios:
            return radios[0]
    raise AssertionError("the sample corpus should have findings")


def test_login_required_and_wrong_password_refused(app_env: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert [t.value for t in at.title] == ["Rà soát, đơn giản hóa thủ tục hành chính"]
    assert not at.metric  # nothing of the corpus is shown before login
    login(at, "admin", "sai-mat-khau")
    assert any("không đúng" in e.value for e in at.error)
    assert at.session_state["user"] if "user" in at.session_state else True


def test_overview_after_login(admin_app: AppTest) -> None:
    assert not admin_app.exception
    assert admin_app.title[0].value == "Tổng quan"
    metrics = {m.label: m.value for m in admin_app.metric}
    assert int(metrics["Thủ tục"]) >= 24 and int(metrics["Phát hiện"]) > 0


def test_search_with_and_without_diacritics_and_filter(admin_app: AppTest) -> None:
    at = admin_app
    at.switch_page("views/procedures.py").run()
    total = len(at.dataframe[0].value)
    at.text_input(key="search_query").input("khai sinh").run()
    with_marks = len(at.dataframe[0].value)
    at.text_input(key="search_query").input("KHAI SINH").run()
    assert len(at.dataframe[0].value) == with_marks
    at.text_input(key="search_query").input("khai sinh").run()
    assert 0 < with_marks < total
    at.text_input(key="search_query").input("").run()
    at.multiselect(key="filter_field").select("Hộ tịch").run()
    assert set(at.dataframe[0].value["Lĩnh vực"]) == {"Hộ tịch"}


def test_detail_shows_findings_with_escaped_text(admin_app: AppTest) -> None:
    at = admin_app
    at.switch_page("views/detail.py").run()
    assert not at.exception
    assert any(h.value for h in at.header)
    rendered = " ".join(m.value for m in at.markdown)
    assert "<script" not in rendered


def test_accept_a_finding_and_save(admin_app: AppTest, app_env: Path) -> None:
    at = admin_app
    key = open_procedure_with_findings(at)
    at.radio(key=key).set_value("accept").run()
    at.text_area(key=key.replace("decision_", "comment_")).input("Đồng ý cắt giảm").run()
    at.button(key=key.replace("decision_", "save_")).click().run()
    assert any("Đã lưu" in s.value for s in at.success)
    saved = Store(f"sqlite:///{app_env}").proposals.all()
    assert [(p["decision"], p["comment"]) for p in saved] == [("accept", "Đồng ý cắt giảm")]


def test_conflicting_save_is_refused_without_losing_text(admin_app: AppTest, app_env: Path) -> None:
    at = admin_app
    key = open_procedure_with_findings(at)
    code = at.selectbox(key="procedure_choice").value
    [(seen_code, seen_key)] = [k for k in at.session_state["base_versions"] if k[0] == code][:1]
    finding_key = seen_key.format()  # the page remembers typed keys; the store holds their text
    # another reviewer saves the same finding after this page was read
    store = Store(f"sqlite:///{app_env}")
    other = store.accounts.add("binh", "matkhau-binh-1", "reviewer")
    store.proposals.save(other, seen_code, finding_key, "reject", "Giữ nguyên quy định")
    at.radio(key=key).set_value("accept").run()
    at.text_area(key=key.replace("decision_", "comment_")).input("Đề nghị bỏ").run()
    at.button(key=key.replace("decision_", "save_")).click().run()
    assert any("vừa được người khác lưu" in e.value for e in at.error)
    assert at.text_area(key=key.replace("decision_", "comment_")).value == "Đề nghị bỏ"  # nothing lost
    assert store.proposals.for_procedure(code)[finding_key]["comment"] == "Giữ nguyên quy định"
    at.button(key=key.replace("decision_", "save_")).click().run()  # deliberate second save
    assert store.proposals.for_procedure(code)[finding_key]["comment"] == "Đề nghị bỏ"


def test_free_edit_changes_before_after(admin_app: AppTest, app_env: Path) -> None:
    at = admin_app
    open_procedure_with_findings(at)
    code = at.selectbox(key="procedure_choice").value
    before = {m.label: m.value for m in at.metric}
    at.session_state[f"edits_{code}"] = {
        "edited_rows": {}, "added_rows": [{"Hành động": "Bỏ bước", "Vị trí": "1", "Ghi chú": "thừa"}], "deleted_rows": [],
    }
    at.run()
    at.button(key=f"save_edits_{code}").click().run()
    assert any("Đã lưu 1 chỉnh sửa" in s.value for s in at.success), [e.value for e in at.error]
    after = {m.label: m.value for m in at.metric}
    assert int(after["Số bước"]) == int(before["Số bước"]) - 1


def test_approval_only_for_approvers(app_env: Path) -> None:
    store = Store(f"sqlite:///{app_env}")
    store.accounts.ensure_admin()
    store.accounts.add("an", "matkhau-an-1", "reviewer")
    store.accounts.add("chi", "matkhau-chi-1", "approver")
    at = login(AppTest.from_file(APP, default_timeout=180).run(), "an", "matkhau-an-1")
    key = open_procedure_with_findings(at)
    at.radio(key=key).set_value("accept").run()
    at.button(key=key.replace("decision_", "save_")).click().run()
    assert not [b for b in at.button if b.key and b.key.startswith("approved_")]  # reviewers cannot approve
    at = login(AppTest.from_file(APP, default_timeout=180).run(), "chi", "matkhau-chi-1")
    key = open_procedure_with_findings(at)
    at.button(key=key.replace("decision_", "approved_")).click().run()
    assert [p["status"] for p in store.proposals.all()] == ["approved"]


def test_export_lists_the_accepted_proposal(admin_app: AppTest) -> None:
    at = admin_app
    key = open_procedure_with_findings(at)
    code = at.selectbox(key="procedure_choice").value
    at.radio(key=key).set_value("accept").run()
    at.button(key=key.replace("decision_", "save_")).click().run()
    at.switch_page("views/export.py").run()
    assert not at.exception
    assert not [m.value for m in at.markdown if m.value.startswith("- **")]  # not approved: left out by default
    at.toggle(key="include_drafts").set_value(True).run()
    sections = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("- **")]  # Markdown escapes
    procedure_code, _, decision = code.partition("@")  # the choice is a procedure version: code@decision
    assert len(sections) == 1 and procedure_code in sections[0] and decision in sections[0]
    assert at.get("download_button")  # DOCX content is checked in tests/report and the browser test


def test_admin_adds_a_user(admin_app: AppTest, app_env: Path) -> None:
    at = admin_app
    at.switch_page("views/admin.py").run()
    at.text_input(key="new_username").input("dung")
    at.text_input(key="new_password").input("matkhau-dung-1")
    at.selectbox(key="new_role").set_value("approver")
    next(b for b in at.button if b.label == "Thêm tài khoản").click().run()
    assert any("dung" in s.value for s in at.success), [e.value for e in at.error]
    assert Store(f"sqlite:///{app_env}").accounts.authenticate("dung", "matkhau-dung-1").role == "approver"


def test_idle_session_times_out(admin_app: AppTest, app_env: Path) -> None:
    at = admin_app
    with Store(f"sqlite:///{app_env}").accounts.sessions.begin() as session:  # idle for an hour
        session.execute(update(SignedInSession).values(last_seen_at=utcnow() - timedelta(hours=1)))
    at.run()
    assert [t.value for t in at.title] == ["Rà soát, đơn giản hóa thủ tục hành chính"]
    assert any("hết hạn" in i.value for i in at.info)


def test_legal_page_parses_a_pasted_draft(admin_app: AppTest) -> None:
    at = admin_app
    at.switch_page("views/legal.py").run()
    draft = (ROOT / "corpus" / "legal").glob("*.txt")
    text = next(p for p in sorted(draft) if "quyet_dinh" in p.name or "du_thao" in p.name).read_text(encoding="utf-8")
    at.text_area(key="legal_text").input(text).run()
    assert not at.exception and not at.error
    assert at.tabs and any("Quyết định" in (s.value or "") for s in at.subheader)
    assert at.warning  # the draft's procedure provisions have findings (supplement cap, sổ hộ khẩu, ...)
    assert at.get("download_button")  # its impact assessment form


def test_user_changes_own_password_on_account_page(app_env: Path) -> None:
    store, at = signed_in(app_env, "an", "matkhau-an-1")
    at.switch_page("views/account.py").run()
    at.text_input(key="current_password").input("matkhau-an-1")
    at.text_input(key="new_password_1").input("matkhau-an-2")
    at.text_input(key="new_password_2").input("matkhau-an-2")
    next(b for b in at.button if b.label == "Đổi mật khẩu").click().run()
    assert any("Đã đổi mật khẩu" in s.value for s in at.success), [e.value for e in at.error]
    assert store.accounts.authenticate("an", "matkhau-an-2") is not None
    at.run()  # the session it was changed in goes on (the others end: tests/store/test_sessions.py)
    assert at.button(key="logout") and not at.info


def test_admin_locks_an_account_and_its_session_ends(app_env: Path, admin_app: AppTest) -> None:
    store, reviewer = signed_in(app_env, "an", "matkhau-an-1")
    at = admin_app
    at.switch_page("views/admin.py").run()
    at.selectbox(key="manage_username").set_value("an").run()
    at.button(key="toggle_active").click().run()
    assert any("Đã khóa" in s.value for s in at.success), [e.value for e in at.error]
    reviewer.run()
    assert any("bị khóa" in e.value for e in reviewer.error)
    assert store.accounts.authenticate("an", "matkhau-an-1") is None
