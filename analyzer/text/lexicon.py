"""Which syllable sequences are Vietnamese words, from underthesea's word list (Viet74K).

Used where shape alone cannot decide: TCVN3 maps one character to one character, so "Thú y" typed in
TCVN3 reads "Thó y" and "Giờ" reads "Giê", each word a well-formed syllable. The word list tells the
two apart: "thú y" is a word, "thó y" is not; "giê" is no word at all.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache
from importlib.resources import files

_WORD_LIST = ("underthesea", "corpus/data/Viet74K.txt")
_LONGEST = 4  # syllables in the longest entry looked for


@cache
def vietnamese_words() -> frozenset[str]:
    """Every entry of the word list, lower case, NFC, syllables separated by one space."""
    package, name = _WORD_LIST
    text = files(package).joinpath(name).read_text(encoding="utf-8")
    return frozenset(" ".join(unicodedata.normalize("NFC", line).lower().split()) for line in text.splitlines() if line.strip())


@cache
def _words_of(count: int) -> frozenset[str]:
    return frozenset(word for word in vietnamese_words() if word.count(" ") == count - 1)


def lexical_fit(syllables: list[str]) -> tuple[int, int]:
    """(syllables in no word, syllables joined into words of two or more) in the text's greedy longest-match
    segmentation against the word list. Fewer unknown, then more joined, is more Vietnamese."""
    lowered = [unicodedata.normalize("NFC", syllable).lower() for syllable in syllables]
    unknown, joined, i = 0, 0, 0
    while i < len(lowered):
        for size in range(min(_LONGEST, len(lowered) - i), 1, -1):
            if " ".join(lowered[i:i + size]) in _words_of(size):
                joined += size
                i += size
                break
        else:
            unknown += lowered[i] not in _words_of(1)
            i += 1
    return unknown, joined


@cache
def _entries_per_syllable() -> Counter[str]:
    return Counter(syllable for word in vietnamese_words() for syllable in set(word.split()))


def commonness(syllable: str) -> int:
    """How many entries of the word list hold the syllable: a rough frequency ("số" 208, "sè" 4)."""
    return _entries_per_syllable()[unicodedata.normalize("NFC", syllable).lower()]
