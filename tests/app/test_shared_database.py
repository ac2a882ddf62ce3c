"""Two reviewers signed in at once (two browser sessions of one app) on one PostgreSQL database: what one saves,
the other's next page run shows, both ways; nothing of the proposals is cached across sessions.

Runs when TTHC_TEST_PG_URL names a server (CI's .ci/run starts one); skipped otherwise."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analyzer.batch.store_import import corpus_files, import_files
from analyzer.report.review import ReviewCorpus, before_after
from analyzer.report.savings import change_from_finding
from analyzer.store import Store
from app_support import ADMIN_PASSWORD, APP, login
from support import ROOT, postgres_schema

pytestmark = pytest.mark.slow
READERS = {"an": "matkhau-an-1", "binh": "matkhau-binh-1"}


@pytest.fixture
def shared_database(monkeypatch: pytest.MonkeyPatch, bundled_corpus: ReviewCorpus):  # noqa: ANN201 - a URL
    """One PostgreSQL schema holding the bundled corpus and two reviewer accounts; the app serves it."""
    for url in postgres_schema():
        monkeypatch.setenv("TTHC_DB_URL", url)
        monkeypatch.setenv("TTHC_CORPUS", str(ROOT / "corpus"))
        monkeypatch.setenv("TTHC_ADMIN_PASSWORD", ADMIN_PASSWORD)
        store = Store(url)
        assert import_files(store, corpus_files(ROOT / "corpus"), corpus=bundled_corpus) is not None
        for username, password in READERS.items():
            store.accounts.add(username, password, "reviewer")
        yield store
        store.close()


def _finding_that_changes_the_figures(corpus: ReviewCorpus) -> tuple[str, int, int]:
    """(version, a finding whose acceptance changes the before/after figures, another finding of it)."""
    for version, findings in corpus.findings.items():
        procedure = corpus.procedures[version]
        unchanged = before_after(procedure, [])["after"]
        for i, finding in enumerate(findings):
            change = change_from_finding(finding)
            if len(findings) >= 2 and change and before_after(procedure, [change])["after"] != unchanged:
                return version, i, (i + 1) % len(findings)
    raise AssertionError("the sample corpus should have a finding whose acceptance shortens its procedure")


def _session(username: str) -> AppTest:
    return login(AppTest.from_file(APP, default_timeout=180).run(), username, READERS[username])


def _figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _history_authors(at: AppTest) -> list[str]:
    at.switch_page("views/detail.py").run()
    frames = [d.value for d in at.dataframe if "Người thực hiện" in d.value.columns]
    return list(frames[0]["Người thực hiện"]) if frames else []


def _save(at: AppTest, version: str, i: int, decision: str, comment: str) -> None:
    at.radio(key=f"decision_{version}_{i}").set_value(decision).run()
    at.text_area(key=f"comment_{version}_{i}").input(comment).run()
    at.button(key=f"save_{version}_{i}").click().run()
    assert any(s.value == "Đã lưu." for s in at.success), [e.value for e in at.error]


def test_each_reviewer_sees_the_other_s_saves(shared_database: Store, bundled_corpus: ReviewCorpus) -> None:
    version, accepted, rejected = _finding_that_changes_the_figures(bundled_corpus)
    an, binh = _session("an"), _session("binh")
    for at in (an, binh):
        at.switch_page("views/proposals.py").run()
        at.selectbox(key="procedure_choice").set_value(version).run()
        assert not at.exception and at.title[0].value == "Đề xuất cắt giảm"
    before = _figures(binh)
    assert _figures(an) == before

    _save(an, version, accepted, "accept", "Đồng ý cắt giảm")  # An saves; Bình's page runs again
    binh.run()
    assert _figures(binh) == _figures(an) != before  # the figures after An's acceptance
    assert _history_authors(binh) == ["an"]

    binh.switch_page("views/proposals.py").run()
    _save(binh, version, rejected, "reject", "Không đồng ý")  # and the other way
    assert _history_authors(an) == ["binh", "an"]  # newest first
    assert sorted((p["procedure_version"], p["decision"], p["comment"]) for p in shared_database.proposals.all()) == \
        sorted([(version, "accept", "Đồng ý cắt giảm"), (version, "reject", "Không đồng ý")])
