"""A procedure next to its peers: same-name procedures of other versions and agencies (the name folded), and the
medians of its field for processing time, papers and fees; the same from a store as in memory."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analyzer.batch.store_import import import_corpus, load_review_corpus
from analyzer.model import Case, Channel, DocumentRequirement, Fee, Procedure
from analyzer.report.peer_table import MEASURES, PeerTable, peer_values
from analyzer.report.review import ReviewCorpus
from analyzer.store import Store
from support import days


def make(code: str, name: str, field: str | None, working_days: float | None, documents: int, fee: float | None,
         decision: str | None = None, agency: str = "Sở Tư pháp") -> Procedure:
    channel = Channel(mode="truc_tiep", duration=days(working_days) if working_days is not None else None,
                      fees=[Fee(text=f"{fee:g} đồng", amount=fee, currency="VND")] if fee is not None else [])
    return Procedure(code=code, name=name, field=field, decision=decision, agency=agency, channels=[channel],
                     cases=[Case(documents=[DocumentRequirement(name=f"Giấy {n}") for n in range(documents)])])


PROCEDURES = [
    make("A.1", "Cấp giấy phép thử nghiệm", "Hộ tịch", 10, 3, 50000, "1/QĐ"),
    make("A.1", "Cấp giấy phép thử nghiệm", "Hộ tịch", 8, 2, 50000, "2/QĐ"),  # another version
    make("B.7", "CẤP GIẤY PHÉP  THỬ NGHIỆM.", "Hộ tịch", 20, 5, None, agency="UBND cấp xã"),  # same name, folded
    make("C.2", "Cấp giấy phép khác", "HỘ TỊCH", 4, 1, 10000),  # same field, spelt otherwise
    make("D.3", "Cấp giấy phép thử nghiệm", "Đất đai", None, 4, 30000),  # same name, another field
    make("E.4", "Thủ tục không lĩnh vực", None, 5, 2, None),
]


@pytest.fixture(scope="module")
def corpus() -> ReviewCorpus:
    by_version = {p.version_key: p for p in PROCEDURES}
    return ReviewCorpus(by_version, {v: [] for v in by_version})


def test_the_measures_are_those_of_a_before_after() -> None:
    assert peer_values(PROCEDURES[0]) == {"working_days": 10.0, "documents": 3.0, "fees": 50000.0}
    assert peer_values(PROCEDURES[4])["working_days"] is None  # no time stated
    assert peer_values(PROCEDURES[5])["fees"] == 0.0  # no fee stated: 0, as a before/after counts it


def test_same_name_lists_the_other_versions_and_agencies_with_the_name_folded(corpus: ReviewCorpus) -> None:
    same = corpus.peers().same_name("A.1@1/QĐ")
    assert sorted(same["version"]) == ["A.1@2/QĐ", "B.7", "D.3"]
    assert list(same["agency"]) == ["Sở Tư pháp", "Sở Tư pháp", "UBND cấp xã"]  # by agency, then code
    assert corpus.peers().same_name("C.2").empty and corpus.peers().same_name("E.4").empty


def test_field_medians_fold_the_field_and_skip_unknown_values(corpus: ReviewCorpus) -> None:
    peers = corpus.peers()
    # Hộ tịch (and HỘ TỊCH): days 10, 8, 20, 4; documents 3, 2, 5, 1; fees 50000, 50000, 0, 10000
    assert peers.field_medians("B.7") == {"working_days": 9.0, "documents": 2.5, "fees": 30000.0, "count": 4}
    assert peers.field_medians("D.3") == {"working_days": None, "documents": 4.0, "fees": 30000.0, "count": 1}
    assert peers.field_medians("E.4") == {"working_days": None, "documents": None, "fees": None, "count": 0}


def test_the_comparison_puts_this_procedure_next_to_its_name_and_field(corpus: ReviewCorpus) -> None:
    frame = corpus.peers().comparison("A.1@1/QĐ").set_index("measure")
    assert list(frame.index) == list(MEASURES)
    assert frame.loc["working_days"].to_dict() == {"this_value": 10.0, "name_median": 10.0, "field_median": 9.0}
    assert frame.loc["documents"].to_dict() == {"this_value": 3.0, "name_median": 3.5, "field_median": 2.5}
    assert frame.loc["fees"].to_dict() == {"this_value": 50000.0, "name_median": 40000.0, "field_median": 30000.0}
    given = corpus.peers().comparison("E.4", {"working_days": None, "documents": 2.0, "fees": 0.0}).set_index("measure")
    assert given.loc["working_days"].isna().all() and given.loc["documents", "this_value"] == 2.0


def test_rows_without_the_measures_read_as_unknown() -> None:
    """A store imported before the list rows held the measures: the panel has names, no medians."""
    rows = pd.DataFrame([{"version": "A", "code": "A", "name": "X", "field": "F", "name_key": "x"},
                         {"version": "B", "code": "B", "name": "X", "field": "F", "name_key": "x"}])
    peers = PeerTable.of(rows)
    assert list(peers.same_name("A")["version"]) == ["B"]
    assert peers.field_medians("A") == {"working_days": None, "documents": None, "fees": None, "count": 2}


def test_a_stored_corpus_has_the_peers_of_the_analysed_one(tmp_path: Path, corpus: ReviewCorpus) -> None:
    store = Store(f"sqlite:///{tmp_path / 'peers.sqlite'}")
    try:
        import_corpus(store, corpus, ["thử"])
        stored = load_review_corpus(store)
        for version in corpus.procedures:
            pd.testing.assert_frame_equal(stored.peers().same_name(version), corpus.peers().same_name(version))
            pd.testing.assert_frame_equal(stored.peers().comparison(version), corpus.peers().comparison(version))
            assert stored.peers().field_medians(version) == corpus.peers().field_medians(version)
    finally:
        store.close()
