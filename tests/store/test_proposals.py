"""Proposals: versioned saves, conflicts that lose nothing, approval by role, audit of every change."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from analyzer.store import AccountError, ConflictError, PermissionDenied


@pytest.fixture
def people(store):
    return (
        store.accounts.add("an", "matkhau-an-1", "reviewer", "Nguyễn Văn An"),
        store.accounts.add("binh", "matkhau-binh-1", "reviewer"),
        store.accounts.add("chi", "matkhau-chi-1", "approver"),
    )


def test_password_is_hashed_and_checked(store, people) -> None:
    assert store.accounts.authenticate("an", "matkhau-an-1").username == "an"
    assert store.accounts.authenticate("an", "sai-mat-khau") is None
    assert store.accounts.authenticate("khong-co", "matkhau-an-1") is None


@pytest.mark.parametrize(("username", "password", "role"), [("an", "12345678", "reviewer"), ("x", "short", "reviewer"), ("y", "12345678", "boss")])
def test_bad_accounts_are_refused_in_vietnamese(store, people, username, password, role) -> None:
    with pytest.raises(AccountError):
        store.accounts.add(username, password, role)


def test_second_concurrent_edit_gets_a_conflict_and_loses_nothing(store, people) -> None:
    an, binh, _ = people
    first = store.proposals.save(an, "P.1", "duplicate_document|documents:0:1", "accept", "Bỏ bản sao thứ hai")
    # both reviewers opened version 1
    second = store.proposals.save(binh, "P.1", "duplicate_document|documents:0:1", "modify", "Giữ một bản", expected_version=first["version"])
    with pytest.raises(ConflictError) as caught:
        store.proposals.save(an, "P.1", "duplicate_document|documents:0:1", "reject", "Không đồng ý", expected_version=first["version"])
    assert caught.value.current["comment"] == "Giữ một bản" and caught.value.current["version"] == second["version"]
    saved = store.proposals.for_procedure("P.1")["duplicate_document|documents:0:1"]
    assert saved["decision"] == "modify" and saved["version"] == 2


def test_only_approvers_approve(store, people) -> None:
    an, _, chi = people
    saved = store.proposals.save(an, "P.2", "edit:1", "edit", payload={"action": "remove_step", "params": {"index": 3}})
    with pytest.raises(PermissionDenied):
        store.proposals.set_status(an, saved["id"], "approved", saved["version"])
    approved = store.proposals.set_status(chi, saved["id"], "approved", saved["version"])
    assert approved["status"] == "approved"


def test_every_change_is_audited_with_before_and_after(store, people) -> None:
    an, binh, chi = people
    first = store.proposals.save(an, "P.3", "k", "accept")
    second = store.proposals.save(binh, "P.3", "k", "reject", "lý do", expected_version=first["version"])
    store.proposals.set_status(chi, second["id"], "approved", second["version"])
    history = store.proposals.history("P.3")
    assert [h["action"] for h in history] == ["proposal_create", "proposal_update", "proposal_approved"]
    assert history[1]["before"]["decision"] == "accept" and history[1]["after"]["decision"] == "reject"
    assert [h["user"] for h in history] == ["an", "binh", "chi"]


def test_eight_parallel_writers_no_lost_or_duplicated_proposals(store, people) -> None:
    an = people[0]

    def write(n: int) -> None:
        for k in range(5):
            store.proposals.save(an, f"P.{n}", f"finding-{k}", "accept", f"writer {n}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(8)))
    rows = store.proposals.all()
    assert len(rows) == 40
    assert len({(r["procedure_code"], r["finding_key"]) for r in rows}) == 40


def test_parallel_updates_of_one_proposal_conflict_instead_of_overwriting(store, people) -> None:
    an = people[0]
    base = store.proposals.save(an, "P.9", "k", "accept", "gốc")
    outcomes: list[str] = []

    def update(n: int) -> None:
        try:
            store.proposals.save(an, "P.9", "k", "modify", f"sửa {n}", expected_version=base["version"])
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(update, range(8)))
    assert outcomes.count("saved") == 1 and outcomes.count("conflict") == 7
    assert store.proposals.for_procedure("P.9")["k"]["version"] == 2


def test_resaving_an_approved_proposal_needs_confirmation_and_then_reapproval(store, people) -> None:
    from analyzer.store import ReapprovalNeeded

    an, _, chi = people
    saved = store.proposals.save(an, "P.4", "k", "accept", "Đồng ý")
    approved = store.proposals.set_status(chi, saved["id"], "approved", saved["version"])
    with pytest.raises(ReapprovalNeeded, match="cần phê duyệt lại") as caught:
        store.proposals.save(an, "P.4", "k", "modify", "Sửa lại", expected_version=approved["version"])
    assert caught.value.current["status"] == "approved"
    unchanged = store.proposals.for_procedure("P.4")["k"]
    assert (unchanged["decision"], unchanged["status"]) == ("accept", "approved")  # nothing saved unconfirmed
    resaved = store.proposals.save(an, "P.4", "k", "modify", "Sửa lại", expected_version=approved["version"],
                                   confirm_reapproval=True)
    assert (resaved["decision"], resaved["status"]) == ("modify", "needs_reapproval")
    again = store.proposals.save(an, "P.4", "k", "modify", "Sửa lần nữa", expected_version=resaved["version"])
    assert again["status"] == "needs_reapproval"  # still waiting for the approver, not back to draft
    final = store.proposals.set_status(chi, again["id"], "approved", again["version"])
    assert final["status"] == "approved"
    actions = [h["action"] for h in store.proposals.history("P.4")]
    assert actions == ["proposal_create", "proposal_approved", "proposal_update", "proposal_update", "proposal_approved"]


def test_a_returned_proposal_saved_again_is_a_draft(store, people) -> None:
    an, _, chi = people
    saved = store.proposals.save(an, "P.5", "k", "accept")
    returned = store.proposals.set_status(chi, saved["id"], "returned", saved["version"])
    assert store.proposals.save(an, "P.5", "k", "reject", expected_version=returned["version"])["status"] == "draft"


def test_an_approver_approves_a_whole_procedure_at_once_and_it_is_audited(store, people) -> None:
    an, _, chi = people
    accepted = ("accept", "modify", "edit")
    store.proposals.save(an, "P.9@QĐ 1", "vague_time|channels::0", "accept", "Rút ngắn")
    store.proposals.save(an, "P.9@QĐ 1", "duplicate_document|documents:0:1", "modify", "Giữ một bản")
    store.proposals.save(an, "P.9@QĐ 1", "edit:0", "edit", "Bỏ bước 2")
    store.proposals.save(an, "P.9@QĐ 1", "no_online|channels::1", "reject", "Giữ nguyên")
    store.proposals.save(an, "P.9@QĐ 2", "vague_time|channels::0", "accept", "Phiên bản khác")
    sent_back = store.proposals.save(an, "P.9@QĐ 1", "duplicate_step|steps::2", "accept", "Bỏ bước lặp")
    store.proposals.set_status(chi, sent_back["id"], "returned", sent_back["version"])  # waits for its reviewer
    with pytest.raises(PermissionDenied):
        store.proposals.approve_procedure(an, "P.9@QĐ 1", accepted)
    approved = store.proposals.approve_procedure(chi, "P.9@QĐ 1", accepted)
    assert sorted(p["finding_key"] for p in approved) == sorted(
        ["vague_time|channels::0", "duplicate_document|documents:0:1", "edit:0"])
    statuses = {k: v["status"] for k, v in store.proposals.for_procedure("P.9@QĐ 1").items()}
    assert statuses == {"vague_time|channels::0": "approved", "duplicate_document|documents:0:1": "approved",
                        "edit:0": "approved", "no_online|channels::1": "draft",  # a rejection is not approved
                        "duplicate_step|steps::2": "returned"}
    assert store.proposals.for_procedure("P.9@QĐ 2")["vague_time|channels::0"]["status"] == "draft"
    history = store.proposals.history("P.9@QĐ 1")
    approvals = [h for h in history if h["action"] == "proposal_approved"]
    assert len(approvals) == 3 and all(h["user"] == "chi" and h["before"]["status"] == "draft"
                                       and h["after"]["status"] == "approved" for h in approvals)
    assert store.proposals.approve_procedure(chi, "P.9@QĐ 1", accepted) == []  # nothing left to approve


def test_a_procedure_changed_since_the_approver_read_it_is_not_approved(store, people) -> None:
    an, binh, chi = people
    first = store.proposals.save(an, "P.10", "vague_time|channels::0", "accept", "Rút ngắn")
    seen = {first["id"]: first["version"]}
    store.proposals.save(binh, "P.10", "edit:0", "edit", "Bỏ bước 2")  # a new accepted proposal after the read
    with pytest.raises(ConflictError):
        store.proposals.approve_procedure(chi, "P.10", ("accept", "modify", "edit"), expected_versions=seen)
    assert {v["status"] for v in store.proposals.for_procedure("P.10").values()} == {"draft"}  # all or nothing
