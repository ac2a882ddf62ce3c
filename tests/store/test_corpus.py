"""A corpus run in the store: read back as analysed, re-imported without losing a proposal, searched as in memory.

Every test runs on SQLite and, with TTHC_TEST_PG_URL, on PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analyzer.batch.store_import import (corpus_files, files_fingerprint, import_corpus, import_files, keep_legal_review,
                                         load_review_corpus)
from analyzer.detect import Finding
from analyzer.detect.legal_basis import basis_frames
from analyzer.report.keys import ProposalKey
from analyzer.report.legal_review import basis_rows, legal_review, load_legal_texts
from analyzer.report.province_report import build_report
from analyzer.report.review import ReviewCorpus, search
from analyzer.report.search import key_words, rank
from analyzer.report.stored import corpus_rows
from analyzer.store import Store
from analyzer.text import fold
from official_docs import constructed_legal_folder
from support import SAMPLE_CORPUS

FILES = corpus_files(SAMPLE_CORPUS)


@pytest.fixture(scope="module")
def analysed() -> ReviewCorpus:
    return ReviewCorpus.load(FILES)


@pytest.fixture
def imported(store: Store, analysed: ReviewCorpus) -> Store:
    assert import_files(store, FILES, corpus=analysed) is not None
    return store


def _without_entries(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=["search_key"])


def test_the_stored_corpus_is_the_analysed_one(imported: Store, analysed: ReviewCorpus) -> None:
    stored = load_review_corpus(imported)
    assert list(stored.procedures) == list(analysed.procedures)
    for version, procedure in analysed.procedures.items():
        assert stored.procedures[version] == procedure
        assert stored.findings[version] == analysed.findings[version]
        assert stored.title(version) == analysed.title(version)
    assert sum(map(len, stored.findings.values())) == sum(map(len, analysed.findings.values())) > 0
    pd.testing.assert_frame_equal(_without_entries(stored.table()), _without_entries(analysed.table()))
    assert [e.unpacked() for e in stored.table()["search_key"]] == list(analysed.table()["search_key"])
    pd.testing.assert_frame_equal(stored.findings_table(), analysed.findings_table())
    assert [d.to_dict() for d in stored.defects()] == [d.to_dict() for d in analysed.defects()]
    assert stored.errors == analysed.errors


def test_an_import_is_skipped_for_the_same_files_and_recorded(imported: Store, analysed: ReviewCorpus) -> None:
    run = imported.corpus.latest_run()
    assert not any(load_review_corpus(imported).changes(v) for v in analysed.procedures)  # a first import marks none
    assert run["sources"] == [str(f) for f in FILES] and run["fingerprint"] == files_fingerprint(FILES)
    assert run["counts"] == {"procedures": len(analysed.procedures), "findings": sum(map(len, analysed.findings.values())),
                             "defects": len(analysed.defects()), "added": run["counts"]["findings"], "removed": 0,
                             "changed": 0, "previous_run": None}
    assert import_files(imported, FILES, corpus=analysed) is None  # same files, same fingerprint
    forced = import_files(imported, FILES, force=True, corpus=analysed)
    assert forced is not None and forced.previous_run == run["id"]
    assert (forced.added, forced.removed, forced.changed) == (0, 0, 0)
    assert [r["id"] for r in imported.corpus.runs()] == [forced.run_id, run["id"]]


def _changed_run(analysed: ReviewCorpus) -> tuple[ReviewCorpus, str, dict[str, str]]:
    """The corpus with, in one procedure version, one finding removed, one changed and one added."""
    version = next(v for v, fs in analysed.findings.items() if len(fs) >= 2)
    removed, changed = analysed.findings[version][:2]
    edited = changed.model_copy(update={"days_saved": (changed.days_saved or 0) + 7})
    added = Finding.from_dict({**removed.to_dict(), "rule": "added_rule_for_test"})
    findings = {v: list(fs) for v, fs in analysed.findings.items()}
    findings[version] = [edited, *findings[version][2:], added]
    keys = {"removed": removed.key, "changed": changed.key, "added": added.key}
    return ReviewCorpus(analysed.procedures, findings, analysed.errors), version, keys


def test_a_reimport_keeps_every_proposal_and_reports_the_changed_findings(imported: Store, analysed: ReviewCorpus) -> None:
    changed_corpus, version, keys = _changed_run(analysed)
    user = imported.accounts.add("ra-soat", "mat-khau-dai", "reviewer")
    for key in (keys["removed"], keys["changed"]):  # one on a finding that goes, one on a finding that changes
        imported.proposals.save(user, version, ProposalKey.for_finding(key).format(), "accept", comment="đồng ý")
    imported.proposals.save(user, version, ProposalKey.edit(0).format(), "edit", payload={"change": None})
    before = imported.proposals.all()

    summary = import_corpus(imported, changed_corpus, ["lần 2"])
    assert (summary.added, summary.removed, summary.changed) == (1, 1, 1)
    assert summary.changed_keys == {version: {change: [key] for change, key in keys.items()}}
    assert sorted((c["version_key"], c["finding_key"], c["change"]) for c in imported.corpus.changes()) == sorted(
        (version, key, change) for change, key in keys.items())
    assert imported.corpus.latest_run()["counts"]["changed"] == 1
    assert imported.proposals.all() == before  # nothing of the proposals moved
    stored = load_review_corpus(imported)
    assert [f.key for f in stored.findings[version]] == [f.key for f in changed_corpus.findings[version]]
    # what the detail page marks: the version's added and changed findings (a removed one is not shown)
    assert stored.changes(version) == {keys["added"]: "added", keys["changed"]: "changed"}
    assert all(not stored.changes(v) for v in stored.procedures if v != version)
    assert [c["finding_key"] for c in imported.corpus.changes(versions=[version])] == [
        c["finding_key"] for c in imported.corpus.changes()]
    assert stored.findings[version][0].days_saved == (analysed.findings[version][1].days_saved or 0) + 7

    back = import_corpus(imported, analysed, ["lần 3"])  # the first run again: the changes undone
    assert (back.added, back.removed, back.changed) == (1, 1, 1)
    assert imported.proposals.all() == before


QUERIES = ["khai sinh", "KHAI SINH", "dang ky ket hon", "đăng ký kết hôn", "giấy phép", "UBND", "ủy ban nhân dân",
           "cấp", "1.00", "1.001", "%", "_", '"', "a*", "NEAR", "không có từ này", "?!", "hộ tịch lưu động"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_store_search_finds_what_the_memory_search_finds(imported: Store, analysed: ReviewCorpus, query: str) -> None:
    stored = load_review_corpus(imported)
    expected = search(analysed.table(), query)
    assert list(search(stored.table(), query, None, stored.candidates(query))["version"]) == list(expected["version"])
    entries = [analysed.search_entry(v) for v in analysed.procedures]
    ranked = {list(analysed.procedures)[i] for i in rank(entries, query)}
    assert ranked <= imported.corpus.candidates(key_words(query), fold(query))  # a superset, ranked after


@pytest.mark.parametrize("code_of", [lambda code: code, lambda code: code[:5], lambda code: code.lower()])
def test_a_code_is_found_exactly_or_by_prefix(imported: Store, analysed: ReviewCorpus, code_of) -> None:  # noqa: ANN001
    stored = load_review_corpus(imported)
    version, procedure = next(iter(analysed.procedures.items()))
    found = search(stored.table(), code_of(procedure.code), None, stored.candidates(code_of(procedure.code)))
    assert version in set(found["version"])


def test_lazy_procedures_are_read_only_when_asked(imported: Store) -> None:
    stored = load_review_corpus(imported)
    versions = list(stored.procedures)
    assert len(stored.procedures) == len(versions) and versions[0] in stored.procedures
    assert "not-a-version" not in stored.procedures
    with pytest.raises(KeyError):
        stored.procedures["not-a-version"]
    assert stored.procedures._cache == {}  # noqa: SLF001 - nothing read yet
    assert stored.procedures[versions[1]].version_key == versions[1]
    assert set(stored.procedures._cache) == {versions[1]}  # noqa: SLF001
    assert [p.version_key for p in stored.procedures.values()] == versions


def test_the_report_reads_only_the_procedures_it_needs_and_says_what_memory_says(
        imported: Store, analysed: ReviewCorpus, tmp_path: Path) -> None:
    """The export page's report and the overlaps page's comparison from the store: the procedures with proposals and
    those citing a legal text read are read, no other; every figure is the in-memory one."""
    decided = [v for v, fs in analysed.findings.items() if fs][:2]
    saved = [{"procedure_version": v, "finding_key": f.key, "decision": "accept", "status": "approved", "comment": "",
              "payload": {}} for v in decided for f in analysed.findings[v]]
    legal = load_legal_texts([constructed_legal_folder(tmp_path / "legal", "03")])
    stored = load_review_corpus(imported)
    report = build_report(stored, saved, legal=legal)
    citing = {p.version_key for p in analysed.citing(basis_frames(legal.documents).keys())}
    assert len(citing) == 6 and not citing <= set(decided)  # the sample's records citing Luật Hộ tịch 60/2014/QH13
    assert set(stored.procedures._cache) == set(decided) | citing  # noqa: SLF001 - what was read
    assert set(stored.findings._cache) == set(decided)  # noqa: SLF001
    assert report == build_report(analysed, saved, legal=legal)
    assert basis_rows(stored.citing, legal.documents) == basis_rows(analysed.procedures.values(), legal.documents)
    assert stored.with_findings() == sum(1 for fs in analysed.findings.values() if fs) > 0


def test_an_import_keeps_the_legal_review_of_the_texts_it_was_given(store: Store, analysed: ReviewCorpus,
                                                                    tmp_path: Path) -> None:
    """Compared at import, read back by the pages while the texts' files are those compared (their fingerprint)."""
    folder = constructed_legal_folder(tmp_path / "legal", "03")
    assert import_files(store, FILES, corpus=analysed, legal_paths=[folder]) is not None
    stored = load_review_corpus(store)
    expected = legal_review(analysed.procedures.values(), load_legal_texts([folder]))
    assert expected.pairs and expected.differences and expected.compared == 6
    assert stored.kept_legal_review(files_fingerprint([folder])) == expected
    assert stored.kept_legal_review(files_fingerprint([folder / "luat.txt"])) is None  # other texts: compare anew
    (folder / "thong_tu.txt").write_text("Thông tư đã sửa", encoding="utf-8")
    assert stored.kept_legal_review(files_fingerprint([folder])) is None  # a text changed since the import
    assert analysed.kept_legal_review(files_fingerprint([folder])) is None  # an analysed corpus keeps none
    keep_legal_review(store, [folder])  # made anew of the stored corpus, after the import
    assert load_review_corpus(store).kept_legal_review(files_fingerprint([folder])) == legal_review(
        analysed.procedures.values(), load_legal_texts([folder]))


def test_a_run_without_the_basis_snapshot_compares_every_procedure(imported: Store, analysed: ReviewCorpus,
                                                                  tmp_path: Path) -> None:
    """A run imported before the "basis" snapshot existed (rows without basis_keys) reads them all, as before."""
    rows = corpus_rows(analysed)
    imported.corpus.import_run([{k: v for k, v in p.items() if k != "basis_keys"} for p in rows.procedures],
                               rows.findings, rows.defects, ["sans basis"])
    legal = load_legal_texts([constructed_legal_folder(tmp_path / "legal")])
    stored = load_review_corpus(imported)
    assert basis_rows(stored.citing, legal.documents) == basis_rows(analysed.procedures.values(), legal.documents)
    assert set(stored.procedures._cache) == set(analysed.procedures)  # noqa: SLF001 - all read


def test_a_second_process_sees_the_import_and_the_saves_of_the_first(imported: Store, analysed: ReviewCorpus) -> None:
    """Two app servers on one database (a team on PostgreSQL): each reads what the other wrote, run and proposals."""
    other = Store(imported.engine.url.render_as_string(hide_password=False))
    try:
        assert other.corpus.latest_run()["id"] == imported.corpus.latest_run()["id"]
        seen = load_review_corpus(other)
        version = next(v for v, fs in seen.findings.items() if fs)
        user = other.accounts.add("nguoi-thu-hai", "mat-khau-dai", "reviewer")
        key = ProposalKey.for_finding(seen.findings[version][0].key).format()
        other.proposals.save(user, version, key, "reject", comment="không phù hợp")
        assert imported.proposals.for_procedure(version)[key]["comment"] == "không phù hợp"
        changed, _, _ = _changed_run(analysed)
        summary = import_corpus(imported, changed, ["lần 2"])
        assert other.corpus.latest_run()["id"] == summary.run_id  # the app serves it from its next page run
        assert other.proposals.for_procedure(version)[key]["decision"] == "reject"
    finally:
        other.close()


def test_a_database_from_before_the_corpus_tables_gains_them(tmp_path, analysed: ReviewCorpus) -> None:  # noqa: ANN001
    """An existing database (accounts and proposals only) is given the corpus tables and the search index when
    the app opens it, and keeps what it held."""
    from sqlalchemy import inspect, text

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = Store(url)
    old.accounts.add("cu", "mat-khau-dai", "reviewer")
    with old.engine.begin() as connection:  # back to the schema before issue 14
        for table in ("corpus_search", "corpus_finding_changes", "corpus_snapshots", "corpus_defects", "corpus_findings",
                      "corpus_procedures", "import_runs"):
            connection.execute(text(f"DROP TABLE {table}"))
    old.close()
    reopened = Store(url)
    names = set(inspect(reopened.engine).get_table_names())
    assert {"import_runs", "corpus_procedures", "corpus_findings", "corpus_defects", "corpus_snapshots",
            "corpus_finding_changes", "corpus_search"} <= names
    assert [a.username for a in reopened.accounts.list()] == ["cu"]
    assert import_files(reopened, FILES, corpus=analysed) is not None
    assert reopened.corpus.candidates(key_words("khai sinh"), fold("khai sinh"))
    reopened.close()
