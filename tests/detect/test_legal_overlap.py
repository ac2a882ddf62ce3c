"""Overlapping provisions across legal texts: near-duplicate units reported as pairs with both locations."""

from __future__ import annotations

import pytest

from analyzer.detect.legal_overlap import find_overlaps, iter_clauses
from analyzer.ingest.legal_files import read_legal_text
from analyzer.parse.legal import parse_legal_text
from support import shared_path

FIRST = """\
Điều 1. Tiếp nhận hồ sơ
1. Bộ phận một cửa tiếp nhận hồ sơ, kiểm tra tính đầy đủ của thành phần hồ sơ và cấp giấy tiếp nhận hẹn trả kết quả cho người nộp.
2. Trường hợp hồ sơ chưa đầy đủ, công chức hướng dẫn một lần để người nộp bổ sung đầy đủ theo quy định.
Điều 2. Thời hạn
Thời hạn giải quyết là 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ theo quy định của pháp luật chuyên ngành.
"""

SECOND = """\
Điều 7. Quy trình tiếp nhận
1. Bộ phận một cửa tiếp nhận hồ sơ, kiểm tra tính đầy đủ của các thành phần hồ sơ và cấp giấy tiếp nhận và hẹn trả kết quả cho người nộp hồ sơ.
2. Cơ quan thuế thực hiện thu phí, lệ phí theo biểu mức thu do Bộ Tài chính quy định và cấp biên lai cho người nộp.
"""


@pytest.fixture(scope="module")
def documents():
    return [parse_legal_text(FIRST, source="a.txt"), parse_legal_text(SECOND, source="b.txt")]


def test_near_duplicate_clauses_are_paired_with_both_locations(documents) -> None:
    (pair,) = find_overlaps(documents, threshold=0.6)
    assert (pair.first.source, pair.first.unit) == ("a.txt", "Điều 1 khoản 1")
    assert (pair.second.source, pair.second.unit) == ("b.txt", "Điều 7 khoản 1")
    assert 0.6 <= pair.similarity <= 1.0
    for location, document in ((pair.first, documents[0]), (pair.second, documents[1])):
        assert document.text[location.start:location.end].startswith(location.text[:20])
    assert set(pair.to_dict()) == {"first", "second", "similarity"}


def test_threshold_and_same_document_pairs(documents) -> None:
    assert find_overlaps(documents, threshold=0.99) == []
    doubled = parse_legal_text(FIRST + "Điều 3. Nhắc lại\n" + FIRST.splitlines()[1][3:] + "\n")
    assert find_overlaps([doubled], threshold=0.6) == []
    assert find_overlaps([doubled], threshold=0.6, within_documents=True)


def test_units_are_the_leaves_and_short_ones_are_skipped(documents) -> None:
    units = [c.unit for c in iter_clauses(documents[0], 0, min_chars=80)]
    assert units == ["Điều 1 khoản 1", "Điều 1 khoản 2", "Điều 2"]
    assert [c.unit for c in iter_clauses(documents[0], 0, min_chars=110)] == ["Điều 1 khoản 1", "Điều 2"]


def test_unstructured_texts_are_compared_by_paragraph() -> None:
    paragraph = "Các sở, ngành rà soát thủ tục hành chính, cắt giảm thành phần hồ sơ không cần thiết và rút ngắn thời hạn giải quyết."
    pair = find_overlaps([parse_legal_text(paragraph), parse_legal_text("Tin tức.\n" + paragraph)], threshold=0.9)
    assert len(pair) == 1 and pair[0].first.unit.startswith("đoạn")


@pytest.mark.parametrize("threshold", [0.0, 1.5])
def test_threshold_must_be_a_cosine(documents, threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        find_overlaps(documents, threshold=threshold)


@pytest.mark.slow
def test_phap_dien_topics_share_implementation_clauses() -> None:
    folder = shared_path("corpus-real", "legal-texts", "diepxuan__diepxuan.github.io")
    documents = [read_legal_text(path) for path in sorted(folder.glob("phapdien__*.md"))]
    pairs = find_overlaps(documents, threshold=0.85)
    assert pairs
    assert all(p.first.document != p.second.document and p.similarity >= 0.85 for p in pairs)
    assert all(p.first.unit.startswith("Điều") for p in pairs)
