"""Repair one field of legacy-encoded or mojibake text found inside an otherwise Unicode record.

A record read as UTF-8 can still carry text typed in VNI ("QÑ/0001-BCA" = "QĐ/0001-BCA"), in TCVN3
("CÊp bé" = "Cấp bộ", its missing capitals as control codes 0x01-0x17), Windows-1258 bytes read as
Windows-1252 ("Viêòt" = "Việt") or UTF-8 bytes read as Windows-1252 ("Viá»‡t"). Such text is made only
of ASCII and the characters Windows-1252/Latin-1 can show; real Vietnamese almost always holds a letter
beyond them (ư ơ đ ạ ...), which is the cheap first test.

A field is judged by its words: a word is *plausible* when it is shaped like a Vietnamese syllable
(:func:`analyzer.text.syllables.is_vietnamese_syllable`) or is a capitalised abbreviation of Vietnamese
letters ("QĐ", "UBND"). Each candidate decoding is tried; one that leaves every word plausible where
the field had implausible ones is the repair. When one only makes it better, or two disagree, the
field is *suspect*: the caller must warn, never pass it as clean. Fields already plausible (real
Vietnamese, "Cà Mau") and fields no decoding improves ("25°C", "café") are left alone, unless a
decoding merges characters into letters (then the field was never really plausible: "Bôò" = "Bộ").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from analyzer.text.legacy import decode_tcvn3, decode_vni, tcvn3_control_capitals
from analyzer.text.syllables import is_vietnamese_syllable

# The characters Windows-1252 shows for bytes 0x80-0x9F (where Latin-1 has C1 controls).
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
# Punctuation around words that is punctuation in every encoding considered (never a TCVN3/VNI letter).
_EDGE_PUNCTUATION = "“”‘’–—…•„‚"
# Split on ASCII whitespace and punctuation only: U+00A0 is half of the UTF-8 mojibake of "à" ("Ã\xa0").
_WORD_RE = re.compile(r"[^ \t\n\r\f\v!-/:-@\[-`{-~]+")


@cache
def _lookalike_re() -> re.Pattern[str]:
    """A field made only of these can be legacy text: ASCII, Latin-1, cp1252's extras, TCVN3 capitals."""
    controls = "".join(chr(code) for code in tcvn3_control_capitals())
    return re.compile("[\\x00-\\xff" + re.escape(_CP1252_HIGH + controls) + "]*")


@dataclass(frozen=True)
class FieldRepair:
    """What became of a field: its text, the decoding applied (None: unchanged), and whether doubt remains."""

    text: str
    encoding: str | None = None
    suspect: bool = False
    reason: str = ""


def _to_bytes(text: str) -> bytes | None:
    """The bytes a cp1252/Latin-1 look-alike text stands for (None when a character has no byte)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            out.append(ord(char))  # a C1 control: Latin-1 kept the byte as it was
    return bytes(out)


def _from_cp1258(text: str) -> str | None:
    data = _to_bytes(text)
    if data is None:
        return None
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None


def _from_utf8(text: str) -> str | None:
    data = _to_bytes(text)
    if data is None:
        return None
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8"))
    except UnicodeDecodeError:
        return None


# Order only breaks exact ties: a strict UTF-8 decoding that succeeds is the strongest evidence.
CANDIDATES: dict[str, Callable[[str], str | None]] = {
    "utf-8": _from_utf8,
    "vni": decode_vni,
    "tcvn3": decode_tcvn3,
    "cp1258": _from_cp1258,
}


def _words(text: str) -> list[str]:
    """Non-ASCII words, edge punctuation stripped: the evidence a decoding changes."""
    words = (word.strip(_EDGE_PUNCTUATION) for word in _WORD_RE.findall(text))
    return [word for word in words if word and not word.isascii()]


@cache
def _vietnamese_letters() -> frozenset[str]:
    """Every letter Vietnamese writes beyond ASCII, both cases (a tone mark on a consonant is none)."""
    lower = {
        unicodedata.normalize("NFC", base + tone)
        for base in "aăâeêioôơuưy"
        for tone in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
    } | {"đ"}
    return frozenset(lower | {letter.upper() for letter in lower})


def _is_abbreviation(word: str) -> bool:
    return word.isupper() and all(char in "ĐÂĂÊÔƠƯ" for char in word if not (char.isascii() and char.isalnum()))


def is_plausible(word: str) -> bool:
    """A Vietnamese syllable or capitalised abbreviation, written with Vietnamese letters only."""
    word = unicodedata.normalize("NFC", word)
    letters = _vietnamese_letters()
    if not all(char in letters or (char.isascii() and char.isalnum()) for char in word):
        return False
    return is_vietnamese_syllable(word) or _is_abbreviation(word)


def _implausible(text: str) -> int:
    return sum(not is_plausible(word) for word in _words(text))


def _syllables(text: str) -> int:
    return sum(is_vietnamese_syllable(word) for word in _words(text))


def could_be_legacy(text: str) -> bool:
    """Cheap test: non-ASCII text made only of look-alike characters (real Vietnamese has ư, ạ, đ ...)."""
    return not text.isascii() and _lookalike_re().fullmatch(text) is not None


def repair_field(text: str) -> FieldRepair:
    """Repair ``text`` when it is legacy-encoded or mojibake Vietnamese (see the module docstring)."""
    if not could_be_legacy(text):
        return FieldRepair(text)
    bad_before = _implausible(text)
    results: dict[str, tuple[str, int]] = {}
    for name, decode in CANDIDATES.items():
        decoded = decode(text)
        # A text whose words all look right is changed only by a decoding that merges characters
        # (VNI mark + letter, cp1258 combining tone, UTF-8 byte pairs): "Bôò" is cp1258 for "Bộ", but
        # real Vietnamese never shrinks under these decodings ("Cà Mau" stays as it is).
        if decoded is not None and decoded != text and (bad_before or len(decoded) < len(text)):
            results[name] = (decoded, _implausible(decoded))
    if not results:
        return FieldRepair(text)
    fully = {name: decoded for name, (decoded, bad) in results.items() if bad == 0}
    if fully:
        # Ties go to the decoding that merges more characters: VNI "Boä" read as TCVN3 is two vowels
        # that happen to look like a syllable; read as VNI, the mark joins its letter.
        ranked = sorted(fully, key=lambda name: (-_syllables(fully[name]), len(fully[name])))
        best = ranked[0]
        if len(ranked) == 1 or fully[best] == fully[ranked[1]] or (
            (_syllables(fully[best]), -len(fully[best])) > (_syllables(fully[ranked[1]]), -len(fully[ranked[1]]))
        ):
            return FieldRepair(fully[best], best)
        return FieldRepair(text, None, True, f"both {ranked[0]} and {ranked[1]} decodings read as Vietnamese")
    if not bad_before:
        return FieldRepair(text)
    best = min(results, key=lambda name: results[name][1])
    decoded, bad_after = results[best]
    if bad_after < bad_before:
        # better, not clean: keep the decoding (closer to the source) and say so
        return FieldRepair(decoded, best, True,
                           f"decoded as {best}, {bad_after} of {len(_words(decoded))} words still not Vietnamese")
    if any(char in text for char in map(chr, tcvn3_control_capitals())):
        return FieldRepair(text, None, True, "control characters in the text")
    return FieldRepair(text)
