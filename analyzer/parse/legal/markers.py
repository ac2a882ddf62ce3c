"""Patterns that open a unit of a Vietnamese legal text, shared by clean-up (re-flow) and structure.

Vietnamese points are lettered in the order of the alphabet without f, j, w, z and with đ after d:
a b c d đ e g h i k l m n o p q r s t u v x y.
"""

from __future__ import annotations

import re

from analyzer.resources.vocabulary import default_vocabulary

VI_LETTERS = default_vocabulary().point_letters

# the word after "thứ" in "Phần thứ hai", "Chương thứ tư"
ORDINALS = default_vocabulary().ordinal_words

_ROMAN = "[IVXLC]+"
# "Điều 5.", "Điều 5a:", pháp điển articles "Điều 44.5.NĐ.1.", "Điều 15.3.TT.3.3.2."
ARTICLE = re.compile(r"(?:Điều|ĐIỀU)\s+(\d+[a-z]?(?:\.(?:\d+[a-z]?|[A-ZĐ]{1,3}))*)\s*[.:](?=\s|$|\[)\s*")
CHAPTER = re.compile(rf"(?:Chương|CHƯƠNG)\s+({_ROMAN}|\d+)(?![\wÀ-ỹ])\s*[.:\-–]?\s*")
SECTION_MUC = re.compile(rf"(?:Mục|MỤC)\s+(\d+|{_ROMAN})(?![\wÀ-ỹ/])\s*[.:\-–]?\s*")
PART = re.compile(
    rf"(?:Phần|PHẦN)\s+((?:thứ|THỨ)\s+[\wÀ-ỹ]+|{_ROMAN}|\d+)(?![\wÀ-ỹ])\s*[.:\-–]?\s*"
)
ANNEX = re.compile(rf"(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?({_ROMAN}|\d+[a-z]?|[A-Z]))?(?![\wÀ-ỹ])\s*[.:\-–]?\s*")
ROMAN_SECTION = re.compile(rf"({_ROMAN})\s*[.)]\s+")
LETTER_SECTION = re.compile(r"([A-ZĐ])\.\s+(?=[A-ZĐÀ-Ỹ]{2})")
ITEM = re.compile(r"(\d{1,3}[a-z]?(?:\.\d{1,3})*)(?:\.|\))\s*(?=\S)")
POINT = re.compile(rf"([{VI_LETTERS}]\d?)\)\s*")

# Paragraph openers that are not numbered units but always start a new paragraph.
OPENERS = re.compile(
    r"(?:Căn cứ\b|Theo đề nghị\b|QUYẾT ĐỊNH\s*:|Nơi nhận\s*:|(?:TM|KT|TL|TUQ|Q)\.\s*[A-ZĐ]|"
    r"Trên đây là\b|Mẫu số\b)"
)


def strong_marker(line: str) -> bool:
    """A line that opens an article, chapter, section, part or annex (never a wrapped continuation)."""
    return bool(
        ARTICLE.match(line) or CHAPTER.match(line) or SECTION_MUC.match(line) or PART.match(line)
        or line.startswith("PHỤ LỤC") or OPENERS.match(line)
    )


def weak_marker(line: str) -> bool:
    """A line that looks like it opens a clause, point or plan item ("2.", "b)", "II.")."""
    return bool(ITEM.match(line) or POINT.match(line) or ROMAN_SECTION.match(line) or line[:2] in {"- ", "+ "})


def roman_to_int(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    previous = 0
    for char in reversed(text.upper()):
        value = values.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None


def letter_index(label: str) -> int | None:
    """Position of a point letter in the Vietnamese order ("đ" -> 4); None if not a point letter."""
    index = VI_LETTERS.find(label[:1]) if label else -1
    return index if index >= 0 else None
