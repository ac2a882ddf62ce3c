"""normalize_with_map: offsets in the normalised text map back to exact places in the original."""

from __future__ import annotations

import pytest

from analyzer.text import normalize_with_map
from analyzer.text.alignment import Alignment, Edit, diff_alignment


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        ("\u200bhồ sơ", "sơ"),  # deletion before
        ("hồ\u00a0\u00a0 sơ", "sơ"),  # 3 -> 1 replacement before
        ("Phí &amp; lệ phí", "lệ phí"),  # entity shrinks
        ("<p>Bước 1</p><p>Bước 2</p>", "Bước 2"),  # tags become line breaks
        ("Vie\u0323\u0302t Nam", "Nam"),  # NFC merges three characters into one
        ("Xin chaøo taát caû moïi ngöôøi", "người"),  # VNI: 2 or 3 characters -> 1
        ("Ðà  Nẵng\r\n\r\n\r\n\r\nHà Nội", "Hà Nội"),
    ],
)
def test_span_of_an_unchanged_word_maps_to_that_word(raw: str, word: str) -> None:
    result = normalize_with_map(raw)
    start = result.text.index(word)
    begin, end = result.span_to_original(start, start + len(word))
    if result.changed_by == ["fix_legacy"]:
        assert (begin, end) == (raw.index("ngöôøi"), raw.index("ngöôøi") + len("ngöôøi"))
    else:
        assert raw[begin:end] == word


@pytest.mark.parametrize(
    ("raw", "normalized_char", "original_piece"),
    [
        ("a&amp;b", "&", "&amp;"),
        ("a&amp;amp;b", "&", "&amp;amp;"),  # double escape: both passes compose
        ("x<br>y", "\n", "<br>"),
        ("Vie\u0323\u0302t", "ệ", "e\u0323\u0302"),
        ("Xin chaøo caùc baïn", "à", "aø"),
        ("Ðà", "Đ", "Ð"),
        ("a\u00a0b", " ", "\u00a0"),
    ],
)
def test_replaced_character_maps_to_the_whole_source_piece(
    raw: str, normalized_char: str, original_piece: str
) -> None:
    result = normalize_with_map(raw)
    i = result.text.index(normalized_char)
    begin, end = result.span_to_original(i, i + 1)
    assert raw[begin:end] == original_piece
    assert result.to_original(i) == begin


def test_insertion_maps_to_its_place() -> None:
    # "<td>" -> " " between cells: the inserted space maps to the tag it came from.
    raw = "<td>A</td><td>B</td>"
    result = normalize_with_map(raw)
    assert result.text == "A B"
    assert result.to_original(0) == raw.index("A")
    assert result.to_original(2) == raw.index("B")


def test_end_of_text_maps_to_end_of_original() -> None:
    raw = "  hồ sơ\u200b  \n\n"
    result = normalize_with_map(raw)
    assert result.to_original(len(result.text)) == len(raw)
    assert result.span_to_original(0, len(result.text)) == (2, raw.index("\u200b"))


def test_empty_span_and_bounds() -> None:
    result = normalize_with_map("a&amp;b")
    assert result.span_to_original(1, 1) == (1, 1)
    with pytest.raises(IndexError):
        result.to_original(len(result.text) + 1)
    with pytest.raises(IndexError):
        result.to_original(-1)
    with pytest.raises(ValueError):
        result.span_to_original(2, 1)


def test_unchanged_text_maps_identically() -> None:
    result = normalize_with_map("Thủ tục hành chính")
    assert result.changed_by == []
    assert [result.to_original(i) for i in range(len(result.text) + 1)] == list(range(len(result.text) + 1))


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("abcdef", "abXdef", [0, 1, 2, 3, 4, 5, 6]),  # 1 -> 1
        ("abcdef", "abdef", [0, 1, 3, 4, 5, 6]),  # deletion
        ("abdef", "abcccdef", [0, 1, 2, 2, 2, 2, 3, 4, 5]),  # insertion
        ("", "xyz", [0, 0, 0, 0]),
        ("xyz", "", [3]),
    ],
)
def test_diff_alignment_is_exact_on_simple_edits(source: str, target: str, expected: list[int]) -> None:
    alignment = diff_alignment(source, target)
    assert [alignment.to_source(i) for i in range(len(target) + 1)] == expected


def test_alignment_edit_lookup() -> None:
    # "abXYZcd" <- "abQcd": Q (2..3) became XYZ (2..5)
    alignment = Alignment((Edit(2, 3, 2, 5),))
    assert [alignment.to_source(i) for i in range(8)] == [0, 1, 2, 2, 2, 3, 4, 5]
    assert [alignment.end_to_source(e) for e in range(1, 8)] == [1, 2, 3, 3, 3, 4, 5]
