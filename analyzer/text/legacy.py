"""Repair Vietnamese text typed in the pre-Unicode encodings TCVN3 (ABC) and VNI-Windows.

Such text reaches us as the Latin-1/cp1252 look-alikes of its bytes: TCVN3 "Xin chµo tÊt c¶" and
VNI "Xin chaøo" both mean "Xin chào...". Detection is conservative (see :func:`detect_legacy`): it
compares how many words look like Vietnamese syllables before and after decoding and fires only on a
clear gain, so real Unicode Vietnamese, English and French are left alone.

Tables are data: ``analyzer/data/tcvn3.json`` (generated from glibc by ``_gen_tcvn3.py``) and
``analyzer/data/vni.json`` (VNI composite sequences, checked by round-trip tests).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any, Literal

from analyzer.text.alignment import Rule
from analyzer.text.syllables import is_vietnamese_syllable, tokens

LegacyEncoding = Literal["tcvn3", "vni"]

# Latin-1 letters that Unicode Vietnamese uses itself; every other Latin-1 character is a hint of
# mojibake and makes detection look closer (a cheap filter so clean text costs one regex scan).
_VIETNAMESE_LATIN1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"
_SUSPECT_RE = re.compile(
    "[" + "".join(chr(c) for c in range(0x80, 0x100) if chr(c) not in _VIETNAMESE_LATIN1 + "\u00a0") + "]"
)

# Detection thresholds, over the words that contain a character the decoder would change.
_MIN_GAIN = 2  # at least two more words must become valid syllables ("5 µm" alone never fires)
_MIN_VALID_AFTER = 0.7  # share of those words that are valid after decoding
_MAX_VALID_BEFORE = 0.4  # ... and before: real Vietnamese is already valid, so it never fires
_MAX_EVIDENCE = 400  # words looked at; enough to decide, bounded cost on long documents


def _load(name: str) -> dict[str, Any]:
    data = resources.files("analyzer").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(data)


@cache
def tcvn3_table() -> dict[int, str]:
    """Byte (0x80-0xFF) -> character, as generated from glibc's TCVN5712-1 charmap."""
    return {int(byte, 16): char for byte, char in _load("tcvn3.json")["bytes"].items()}


@cache
def tcvn3_control_capitals() -> dict[int, str]:
    """Byte (0x01-0x17) -> capital letter, for the capitals TCVN3 has no high-half code for (Ú Ụ Ừ ...).

    Fonts of real ABC text never use these codes, but ``iconv -t TCVN5712-1`` writes them; a control
    character in text that is TCVN3 anyway can only mean the letter, so the decoder maps them too.
    """
    return {int(byte, 16): char for byte, char in _load("tcvn3.json")["controls"].items()}


@cache
def _tcvn3_text_map() -> dict[int, str]:
    """Look-alike character -> decoded character, for str.translate and the regex rule.

    Only the Latin-1 look-alikes (U+0080-U+00FF) are decoded; C1 control characters, which is what
    Latin-1 makes of bytes 0x80-0x9F, become the VN1 capitals glibc lists there. The cp1252 punctuation
    for the same bytes (“ ” – …) stays as it is: VN3 (ABC) fonts have no letters at 0x80-0x9F, so a
    curly quote in a .VnTime document is a curly quote.
    """
    high = {byte: char for byte, char in tcvn3_table().items() if chr(byte) != char}
    return {**tcvn3_control_capitals(), **high}


@cache
def _tcvn3_rule() -> Rule:
    table = {chr(code): char for code, char in _tcvn3_text_map().items()}
    pattern = re.compile("[" + re.escape("".join(table)) + "]")
    return Rule(pattern, lambda match: table[match.group()])


@cache
def vni_table() -> dict[str, str]:
    """Vietnamese letter -> VNI-Windows sequence (as cp1252 characters)."""
    return dict(_load("vni.json")["letters"])


@cache
def _vni_rule() -> Rule:
    decode = {sequence: letter for letter, sequence in vni_table().items()}
    # Longest first, so "oâ" (ô) wins over "o" and "ôù" (ớ) over "ô" (ơ).
    alternatives = sorted(decode, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(sequence) for sequence in alternatives))
    return Rule(pattern, lambda match: decode[match.group()])


def decode_tcvn3(text: str, upper: bool = False) -> str:
    """Decode TCVN3 look-alike text to NFC Unicode.

    ``upper=True`` is for runs in the ``.VnTimeH``-style fonts (name ending in "H"), which show every
    code, including the lowercase ones, as a capital letter.
    """
    decoded = unicodedata.normalize("NFC", text.translate(_tcvn3_text_map()))
    return decoded.upper() if upper else decoded


def decode_vni(text: str) -> str:
    """Decode VNI-Windows look-alike text ("Vieät Nam") to NFC Unicode ("Việt Nam")."""
    return _vni_rule().apply(text)


def encode_tcvn3(text: str, controls: bool = False) -> str:
    """Inverse of :func:`decode_tcvn3` for NFC text (tests, fixtures). Raises ValueError for letters
    that TCVN3 has no code for in 0x80-0xFF (the capitals Ú Ụ Ừ Ử Ữ Ứ Ự Ỳ Ỷ Ỹ Ý Ỵ), unless ``controls``
    asks for the 0x01-0x17 codes glibc's iconv uses for them."""
    inverse = {char: chr(byte) for byte, char in tcvn3_table().items() if not unicodedata.combining(char)}
    if controls:
        inverse.update({char: chr(byte) for byte, char in tcvn3_control_capitals().items()})
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in inverse:
            out.append(inverse[char])
        elif char.isascii():
            out.append(char)
        else:
            raise ValueError(f"TCVN3 cannot encode {char!r}")
    return "".join(out)


def encode_vni(text: str) -> str:
    """Inverse of :func:`decode_vni` for NFC text; characters outside Vietnamese letters are kept."""
    table = vni_table()
    return "".join(table.get(char, char) for char in unicodedata.normalize("NFC", text))


_DECODERS = {"tcvn3": decode_tcvn3, "vni": decode_vni}


def _triggers(encoding: LegacyEncoding) -> re.Pattern[str]:
    return _tcvn3_rule().pattern if encoding == "tcvn3" else _vni_rule().pattern


def _score(words: list[str], encoding: LegacyEncoding) -> tuple[int, int, int]:
    """(valid before, valid after, words considered) for the words the decoder would change."""
    triggers, decode = _triggers(encoding), _DECODERS[encoding]
    before = after = considered = 0
    for word in words:
        if not triggers.search(word):
            continue
        considered += 1
        before += is_vietnamese_syllable(word)
        after += is_vietnamese_syllable(decode(word))
        if considered >= _MAX_EVIDENCE:
            break
    return before, after, considered


def _fires(before: int, after: int, considered: int) -> bool:
    return (
        after - before >= _MIN_GAIN
        and after >= _MIN_VALID_AFTER * considered
        and before <= _MAX_VALID_BEFORE * considered
    )


def detect_legacy(text: str) -> LegacyEncoding | None:
    """"tcvn3" or "vni" when ``text`` is clearly legacy-encoded Vietnamese, else None."""
    if _SUSPECT_RE.search(text) is None:
        return None
    words = [word for word in tokens(text) if not word.isascii()]
    best: LegacyEncoding | None = None
    best_after = -1
    for encoding in ("tcvn3", "vni"):
        before, after, considered = _score(words, encoding)
        if _fires(before, after, considered) and after > best_after:
            best, best_after = encoding, after
    return best


def legacy_rule(text: str) -> Rule | None:
    """The rewrite rule that repairs ``text`` (for aligned pipelines), or None when it is not legacy text.

    The TCVN3 rule leaves combining tone marks (bytes 0xB0-0xB4) uncomposed; follow it with NFC.
    """
    encoding = detect_legacy(text)
    if encoding is None:
        return None
    return _tcvn3_rule() if encoding == "tcvn3" else _vni_rule()


def fix_legacy(text: str) -> str:
    """Decode ``text`` when :func:`detect_legacy` recognises TCVN3 or VNI; otherwise return it unchanged."""
    encoding = detect_legacy(text)
    if encoding == "tcvn3":
        return decode_tcvn3(text)
    if encoding == "vni":
        return decode_vni(text)
    return text
