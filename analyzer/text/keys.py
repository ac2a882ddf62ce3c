"""Matching keys: one tone-mark placement, case folding, and an accent-free search key.

"hoà"/"hòa" and "thuỷ"/"thủy" are the same word spelt with the tone mark on a different vowel; NFC does
not unify them. ``canonical_tones`` picks the "old" placement (hòa, thủy, khỏe), used by the press,
textbooks and underthesea's normaliser. It moves a mark only in open syllables ending in oa/oe/uy: "qu"
is a consonant (quý, quả never change) and closed syllables (hoàn, thuyền, hoạch) never change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from analyzer.text.normalize import needs_another_pass, normalize
from analyzer.text.syllables import TONE_MARKS

_TONE_SET = frozenset(TONE_MARKS)


def _toned(*bases: str) -> str:
    """Each base letter, in both cases, with each tone mark (NFC)."""
    return "".join(
        unicodedata.normalize("NFC", variant + mark)
        for base in bases
        for variant in (base.lower(), base.upper())
        for mark in TONE_MARKS
    )


_NOT_AFTER = r"(?![^\W\d_]|[\u0300-\u036f])"  # end of the word: no letter or combining mark follows
# Only a tone on the second vowel can need moving, and only when the first one is bare.
_GLIDE_RE = re.compile(rf"([oO])([{_toned('a', 'e')}]){_NOT_AFTER}|([uU])([{_toned('y')}]){_NOT_AFTER}")
_ONSET_LETTERS = frozenset("bcdđghklmnprstvxBCDĐGHKLMNPRSTVX")  # no "q": in "qu" the u is consonantal
_MAX_ONSET = 3  # "ngh"


def _starts_syllable_after_onset(text: str, vowel_at: int) -> bool:
    """True when ``text[:vowel_at]`` ends with a word start and at most three onset consonants."""
    start = vowel_at
    while start > 0 and vowel_at - start < _MAX_ONSET and text[start - 1] in _ONSET_LETTERS:
        start -= 1
    if start == 0:
        return True
    before = text[start - 1]
    return not (before.isalpha() or unicodedata.combining(before))


@cache
def _old_style(first: str, second: str) -> str:
    """Move the tone of ``second`` onto the bare vowel ``first`` ("oà" -> "òa"), keeping each case."""
    decomposed = unicodedata.normalize("NFD", second)
    tone = "".join(mark for mark in decomposed if mark in _TONE_SET)
    base = "".join(mark for mark in decomposed if mark not in _TONE_SET)
    return unicodedata.normalize("NFC", first + tone) + base


def _replace_glide(match: re.Match[str]) -> str:
    first, second = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    if not _starts_syllable_after_onset(match.string, match.start()):
        return match.group()
    return _old_style(first, second)


def canonical_tones(text: str) -> str:
    """Put tone marks in the old style (hoà -> hòa, thuỷ -> thủy, khoẻ -> khỏe); NFC in, NFC out."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _GLIDE_RE.sub(_replace_glide, text)


_WHITESPACE_RE = re.compile(r"\s+")
_MARKS_RE = re.compile("[\u0300-\u036f]")


def _key_once(text: str) -> str:
    key = canonical_tones(normalize(text)).casefold()
    key = unicodedata.normalize("NFC", key)  # casefold may decompose (e.g. "İ")
    return _WHITESPACE_RE.sub(" ", key).strip()


def match_key(text: str) -> str:
    """The key detectors compare names by: normalised, old-style tones, case-folded, single spaces."""
    key = _key_once(text)
    for _ in range(3):  # case folding can expose an entity ("&Amp;" -> "&amp;"): finish the job
        if not needs_another_pass(key):
            break
        key = _key_once(key)
    return key


def fold(text: str) -> str:
    """:func:`match_key` without diacritics ("Đăng ký" -> "dang ky"), for accent-free search. Never displayed."""
    stripped = _MARKS_RE.sub("", unicodedata.normalize("NFD", match_key(text)))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d"))
