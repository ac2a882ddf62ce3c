"""NFC normalisation that remembers where each character came from.

The field parsers match on composed text (the corpus mixes precomposed and decomposed tone marks,
and "Ð" look-alikes for "Đ"), but must report offsets into the string they were given. Display
clean-up (whitespace, HTML, legacy encodings) is ``analyzer.text.normalize``'s job; readers apply it,
these parsers only need the cheap, length-aware part.
"""

from __future__ import annotations

import re
import unicodedata

from analyzer.text.alignment import diff_alignment

# A starter followed by combining marks (the blocks Vietnamese and Latin text use): NFC composes
# within such a cluster and never across two, so composing the clusters alone gives exact offsets.
_CLUSTER = re.compile("(?s).[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _fix_lookalikes(text: str) -> str:
    """Ð ð (Icelandic eth) → Đ đ, one character for one: offsets do not move."""
    if "\u00d0" in text or "\u00f0" in text:
        text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return text


def nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """(composed text, starts) where starts[i] is the offset in `text` of composed character i.

    starts has one extra entry, len(text), so that an end offset maps with the same list.
    """
    text = _fix_lookalikes(text)
    if unicodedata.is_normalized("NFC", text):  # C-speed quick check: nearly every text stops here
        return text, list(range(len(text) + 1))
    pieces: list[str] = []
    starts: list[int] = []
    copied = 0
    for match in _CLUSTER.finditer(text):
        start, end = match.span()
        composed = unicodedata.normalize("NFC", match.group())
        pieces += [text[copied:start], composed]
        starts += [*range(copied, start), *([start] * len(composed))]
        copied = end
    pieces.append(text[copied:])
    starts += [*range(copied, len(text)), len(text)]
    result = "".join(pieces)
    expected = unicodedata.normalize("NFC", text)
    if result != expected:  # singletons, or scripts that compose across starters (Hangul jamo)
        alignment = diff_alignment(text, expected)
        return expected, [*(alignment.to_source(i) for i in range(len(expected))), len(text)]
    return result, starts


def nfc(text: str) -> str:
    """Composed text with Đ look-alikes fixed (same result as nfc_with_offsets()[0])."""
    text = _fix_lookalikes(text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _letters(predicate: str) -> str:
    chars = (chr(code) for code in range(0xC0, 0x1EFA))
    return "".join(c for c in chars if getattr(c, predicate)() and unicodedata.name(c, "").startswith("LATIN"))


# Regex character-class bodies for Vietnamese letters by case. A range such as "à-ỹ" is wrong:
# the Latin Extended Additional block interleaves capitals and small letters ("Ậ" lies inside it).
LOWER_LETTERS = "a-z" + _letters("islower")
UPPER_LETTERS = "A-Z" + _letters("isupper")
