"""Property tests (hypothesis) for normalisation, keys and offset maps."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analyzer.text import (
    canonical_tones,
    match_key,
    normalize,
    normalize_with_map,
    reflow,
)
from analyzer.text.normalize import is_clean
from analyzer.text.syllables import TONE_MARKS

# Pieces that exercise every step: Vietnamese in both tone styles, HTML leftovers, invisible
# characters, odd spaces and line breaks, decomposed marks, eth look-alikes, TCVN3/VNI fragments.
PIECES = [
    "hoà", "hòa", "thuỷ", "thủy", "khoẻ", "quý", "quỹ", "hoàn", "thuyền", "Uỷ", "ỦY", "Đà", "người", "Việt",
    "a", "B", "x", "1", "2024", "K", "\u212a", "Å",
    " ", "  ", "\t", "\n", "\n\n\n", "\r\n", "\r", "\v", "\u2028",
    "\u00a0", "\u202f", "\u200b", "\u200d", "\u00ad", "\ufeff", "\x00", "\x85", "\x9d",
    "<p>", "</p>", "<br>", "<td>", "<b", ">", "&nbsp;", "&amp;", "&amp;amp;", "&#7841;", "&", ";", "amp",
    "Ð", "ð", "e\u0301", "\u0301", "\u0323", "\u0302", "o\u0300a",
    "chµo", "tÊt", "c¶", "ng\u00adêi", "µ", "chaøo", "taát", "ø", "|", "-", "1.", "a)", ".", ":",
]
vietnamese_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), vietnamese_text)


def _alnum_nfd(text: str) -> list[str]:
    return [char for char in unicodedata.normalize("NFD", text) if char.isalnum()]


@given(any_text)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(any_text)
def test_clean_check_agrees_with_normalize(text: str) -> None:
    """The fast path: a text judged clean (a conservative check) is one the full pipeline leaves alone."""
    assume(is_clean(text))
    assert normalize_with_map(text).text == text


@given(any_text)
def test_normalize_output_is_nfc(text: str) -> None:
    assert unicodedata.is_normalized("NFC", normalize(text))


@given(any_text)
def test_normalize_never_drops_a_letter(text: str) -> None:
    """Outside HTML markup and legacy-encoded text, the letters and digits of the input (compared in NFD,
    with Ð/ð read as Đ/đ) are exactly those of the output, in order: only invisible characters,
    whitespace and the position of combining marks change."""
    assume("<" not in text and "&" not in text)
    assume("fix_legacy" not in normalize_with_map(text).changed_by)
    expected = _alnum_nfd(text.replace("Ð", "Đ").replace("ð", "đ"))
    assert _alnum_nfd(normalize(text)) == expected


@given(any_text)
def test_match_key_is_idempotent(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key


@given(any_text)
def test_canonical_tones_is_idempotent_and_moves_marks_only(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    canonical = canonical_tones(nfc)
    assert canonical_tones(canonical) == canonical
    assert unicodedata.is_normalized("NFC", canonical)
    assert len(canonical) == len(nfc)
    # Same letters and the same number of each tone mark: marks move, nothing else changes.
    def strip(value: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", value) if c not in TONE_MARKS)

    def marks(value: str) -> list[str]:
        return sorted(c for c in unicodedata.normalize("NFD", value) if c in TONE_MARKS)

    assert strip(canonical) == strip(nfc)
    assert marks(canonical) == marks(nfc)


@settings(deadline=None)  # the first call builds the NFC cluster table
@given(any_text)
def test_to_original_is_in_range_and_monotonic(text: str) -> None:
    result = normalize_with_map(text)
    assert result.text == normalize(text)
    mapped = [result.to_original(i) for i in range(len(result.text) + 1)]
    assert all(0 <= offset <= len(text) for offset in mapped)
    assert mapped == sorted(mapped)
    assert mapped[-1] == len(text)


@settings(deadline=None)
@given(any_text, st.data())
def test_span_to_original_is_ordered_and_in_range(text: str, data: st.DataObject) -> None:
    result = normalize_with_map(text)
    start = data.draw(st.integers(0, len(result.text)))
    end = data.draw(st.integers(start, len(result.text)))
    begin, finish = result.span_to_original(start, end)
    assert 0 <= begin <= finish <= len(text)
    assert begin == result.to_original(start)


@settings(deadline=None)
@given(any_text)
def test_copied_characters_map_to_themselves(text: str) -> None:
    """An ASCII letter or digit of the output comes from the same character of the input (or from the
    compatibility character NFC turned into it, e.g. the Kelvin sign)."""
    assume("<" not in text and "&" not in text)
    result = normalize_with_map(text)
    assume("fix_legacy" not in result.changed_by)
    for i, char in enumerate(result.text):
        if char.isascii() and char.isalnum():
            source = text[result.to_original(i)]
            assert unicodedata.normalize("NFC", source) == char


@given(any_text)
def test_reflow_is_idempotent_and_only_joins_lines(text: str) -> None:
    clean = normalize(text)
    joined = reflow(clean)
    assert reflow(joined) == joined
    assert joined.split() == clean.split()
