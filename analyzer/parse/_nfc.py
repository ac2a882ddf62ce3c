"""NFC normalisation that remembers where each character came from.

The field parsers match on composed text (the corpus mixes precomposed and decomposed tone marks,
and "Ð" look-alikes for "Đ"), but must report offsets into the string they were given.
"""

from __future__ import annotations

import unicodedata

def _fix_lookalikes(text: str) -> str:
    """Ð ð (Icelandic eth) → Đ đ; str.replace is far faster than str.translate on long texts."""
    if "\u00d0" in text or "\u00f0" in text:
        text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return text


def nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """(composed text, starts) where starts[i] is the offset in `text` of composed character i.

    starts has one extra entry, len(text), so that an end offset maps with the same list.
    """
    text = _fix_lookalikes(text)
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    starts: list[int] = []
    cluster_start = 0
    # a cluster is a starter plus the combining marks after it: NFC never composes across clusters
    for i in range(1, len(text) + 1):
        if i < len(text) and unicodedata.combining(text[i]):
            continue
        composed = unicodedata.normalize("NFC", text[cluster_start:i])
        out.append(composed)
        starts.extend([cluster_start] * len(composed))
        cluster_start = i
    starts.append(len(text))
    return "".join(out), starts


def nfc(text: str) -> str:
    """Composed text with Đ look-alikes fixed (same result as nfc_with_offsets()[0])."""
    return unicodedata.normalize("NFC", _fix_lookalikes(text))


def _letters(predicate: str) -> str:
    chars = (chr(code) for code in range(0xC0, 0x1EFA))
    return "".join(c for c in chars if getattr(c, predicate)() and unicodedata.name(c, "").startswith("LATIN"))


# Regex character-class bodies for Vietnamese letters by case. A range such as "à-ỹ" is wrong:
# the Latin Extended Additional block interleaves capitals and small letters ("Ậ" lies inside it).
LOWER_LETTERS = "a-z" + _letters("islower")
UPPER_LETTERS = "A-Z" + _letters("isupper")
