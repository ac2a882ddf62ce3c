"""Is a token a plausible Vietnamese syllable? Used to score legacy-encoding and byte decodings.

The check is deliberately structural, not a dictionary: onset + optional medial + nucleus + optional
coda, at most one tone mark, and a sane case pattern ("viet", "Viet", "VIET", never "vIet"). Mojibake
fails it because it contains symbols (µ, ¶, ø), letters that Vietnamese does not use (ñ, ä, æ) or a
capital in the middle of a word (TCVN3 "tÊt"); real Vietnamese passes almost always.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Tone marks (sắc, huyền, hỏi, ngã, nặng) as combining characters; everything else that NFD splits off a
# Vietnamese vowel (circumflex, breve, horn) belongs to the letter.
TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"
_TONE_RE = re.compile(f"[{TONE_MARKS}]")

_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"  # onset
    r"[ou]?"  # medial glide (hoa, thuy)
    r"(?:iê|yê|ia|ya|ươ|ưa|uô|ua|[aăâeêioôơuưy])"  # nucleus
    r"(?:ch|nh|ng|[cmnptiyou])?"  # coda
)

# A token: a run of anything that is not whitespace or ASCII punctuation. Latin-1 symbols stay inside
# tokens on purpose: in mojibake they stand for letters ("c¶" is TCVN3 "cả").
_TOKEN_RE = re.compile("[^\\s!-/:-@\\[-`{-~\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026\u2013\u2014]+")


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def _has_sane_case(token: str) -> bool:
    return token.islower() or token.isupper() or (token[:1].isupper() and token[1:].islower())


def is_vietnamese_syllable(token: str) -> bool:
    """True when ``token`` (one word, any normal form) is shaped like a Vietnamese syllable."""
    if not token or not _has_sane_case(token):
        return False
    decomposed = unicodedata.normalize("NFD", token.lower())
    if len(_TONE_RE.findall(decomposed)) > 1:
        return False
    toneless = unicodedata.normalize("NFC", _TONE_RE.sub("", decomposed))
    return _SYLLABLE_RE.fullmatch(toneless) is not None


def syllable_share(words: Iterable[str]) -> tuple[int, int]:
    """(valid, total) over ``words`` that contain a non-ASCII character: the evidence a decoder changes."""
    valid = total = 0
    for word in words:
        if word.isascii():
            continue
        total += 1
        valid += is_vietnamese_syllable(word)
    return valid, total
