"""Vietnamese numerals: digit groups ("1.200.000", "1,5") and number words ("mười lăm", "ba mươi").

Separators are ambiguous in Vietnamese sources: "." and "," both serve as thousands separators
("1.200.000", "1,200,000") and as decimal marks ("1,5 triệu", "2.5 giờ"). The rule used here:
a separator followed by exactly three digits groups thousands; otherwise it is a decimal mark.
"""

from __future__ import annotations

import re

from analyzer.resources.vocabulary import default_vocabulary

_WORDS = default_vocabulary().number_words
_DIGITS = default_vocabulary().digit_values
_TEN, _TENS, _HUNDRED = _WORDS.ten, _WORDS.tens, _WORDS.hundred
_SCALES = _WORDS.scales
_CONNECTORS = set(_WORDS.connectors)
# Words that may open a number phrase ("tư", "lăm", "mốt", "linh", "mươi" only occur inside one, and
# "không" opens "không quá": the vocabulary marks them ``opens: false``).
_LEADING = default_vocabulary().leading_number_words
_ANY = tuple(_DIGITS) + (_TEN, _TENS, _HUNDRED) + tuple(_SCALES) + tuple(_CONNECTORS)

# A regex fragment matching a run of number words (case-insensitive), for use in larger patterns.
NUMBER_WORDS_PATTERN = (
    r"(?:" + "|".join(_LEADING) + r")(?:\s+(?:" + "|".join(sorted(_ANY, key=len, reverse=True)) + r"))*(?!\w)"
)

_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")


def parse_number_words(words: str) -> int | None:
    """Value of Vietnamese number words: "mười lăm" → 15, "ba mươi" → 30, "một trăm linh năm" → 105.

    Returns None when a word is not a number word or the phrase is empty.
    """
    total = small = 0
    pending: int | None = None
    seen = False
    for word in words.lower().split():
        seen = True
        if word in _DIGITS:
            pending = _DIGITS[word]
        elif word == _TEN:
            small += 10
        elif word == _TENS:
            small += (pending if pending is not None else 1) * 10
            pending = None
        elif word == _HUNDRED:
            small += (pending if pending is not None else 1) * 100
            pending = None
        elif word in _SCALES:
            group = small + (pending or 0)
            total += (group or 1) * _SCALES[word]
            small, pending = 0, None
        elif word not in _CONNECTORS:
            return None
    if not seen:
        return None
    return total + small + (pending or 0)


def parse_decimal(text: str) -> float | None:
    """Value of a written number: "1.200.000", "1,200,000", "50.000", "1,5", "2.5", "05".

    A separator followed by exactly three digits is a thousands separator (so "1.500" is 1500, not
    1.5); any other single separator is a decimal mark. Returns None for anything else.
    """
    text = text.strip()
    if not text or not text[0].isdigit():
        return None
    if text.isdigit():
        return float(text)
    if _GROUPED.fullmatch(text):
        return float(re.sub(r"[.,]", "", text))
    # "1.200.000,50" / "1,200,000.50": grouped integer part then the other separator as decimal mark
    match = re.fullmatch(r"(\d{1,3}(?:([.,])\d{3})+)([.,])(\d{1,2})", text)
    if match and match.group(2) != match.group(3):
        return float(re.sub(r"[.,]", "", match.group(1)) + "." + match.group(4))
    match = re.fullmatch(r"(\d+)[.,](\d+)", text)
    if match:
        return float(f"{match.group(1)}.{match.group(2)}")
    return None
