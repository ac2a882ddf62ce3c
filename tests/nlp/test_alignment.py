"""The pure alignment helpers behind the tokenizer."""

from __future__ import annotations

import re
import unicodedata

import pytest

from analyzer.nlp.alignment import (
    align_words,
    cut_at_boundaries,
    fixed_words_pattern,
    map_back,
    merge_protected,
    segmentation_source,
)


def _texts(spans, text):
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (["hồ sơ", "hợp lệ"], "hồ sơ hợp lệ", ["hồ sơ", "hợp lệ"]),
        (["hồ sơ"], "  hồ sơ  ", ["hồ sơ"]),
        (["hồ sơ"], "hồ\tsơ", ["hồ", "sơ"]),
        (["hồ sơ"], "hồ  sơ", ["hồ", "sơ"]),
        (["05/2012 /"], "05/2012/", ["05/2012", "/"]),
        ([], "", []),
        ([], "   ", []),
    ],
)
def test_align_words(words, text, expected):
    assert _texts(align_words(words, text), text) == expected


@pytest.mark.parametrize(("words", "text"), [(["hòa"], "hoà"), (["a"], "b"), (["a"], "a b")])
def test_align_words_reports_words_not_in_the_text(words, text):
    assert align_words(words, text) is None


def test_cut_at_fixed_word_edges():
    text = "Nộp Bản sao Giấy khai sinh"
    pattern = fixed_words_pattern(["Bản sao", "Giấy khai sinh"])
    spans = [(0, 3), (4, len(text))]
    assert _texts(cut_at_boundaries(spans, text, pattern), text) == ["Nộp", "Bản sao", "Giấy khai sinh"]


def test_fixed_words_pattern_prefers_the_longest_word():
    pattern = fixed_words_pattern(["căn cước", "căn cước công dân"])
    assert pattern.search("thẻ căn cước công dân").group() == "căn cước công dân"
    assert fixed_words_pattern([]) is None


def test_merge_protected_legal_number():
    text = "theo 05/2012/NĐ-CP và 10 / 2"
    spans = [(0, 4), (5, 12), (12, 13), (13, 18), (19, 21), (22, 24), (25, 26), (27, 28)]
    pattern = re.compile(r"\d+(?:/\d{4})?/[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐ][A-ZĐa-z0-9]*)*")
    assert _texts(merge_protected(spans, text, [pattern]), text) == ["theo", "05/2012/NĐ-CP", "và", "10", "/", "2"]


def test_segmentation_source_keeps_offsets_for_nfc_text():
    source, offsets = segmentation_source("Ðơn hoà giải")
    assert source == "Đơn hòa giải"
    assert offsets is None


def test_segmentation_source_maps_decomposed_text_back():
    text = unicodedata.normalize("NFD", "hồ sơ")
    source, offsets = segmentation_source(text)
    assert source == "hồ sơ"
    assert _texts(map_back([(0, 2), (3, 5)], offsets), text) == [text[:4], text[5:]]


def test_map_back_refuses_spans_sharing_a_cluster():
    assert map_back([(0, 1), (1, 2)], [0, 0, 2]) is None
