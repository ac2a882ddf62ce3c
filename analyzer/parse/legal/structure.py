"""The structure tree: Phần / Chương / Mục / Điều / Khoản / Điểm, and plans' I. / 1. / a) numbering.

A paragraph that starts like a unit is accepted only when its number is the one expected at that
place (the next clause, the next letter, a later article): "2." inside a list of points, a year
("2024.") that a line wrap put first, or the quoted articles of an amending text are left as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyzer.parse.legal.markers import (
    ANNEX, ARTICLE, CHAPTER, ITEM, LETTER_SECTION, ORDINALS, PART, POINT, ROMAN_SECTION, SECTION_MUC,
    letter_index, roman_to_int,
)
from analyzer.parse.legal.model import StructureNode
from analyzer.parse.legal.patterns import collapse

Span = tuple[int, int]

# Depth of each family of markers: a marker closes every open unit at its depth or deeper.
RANK = {
    "phu_luc": 0.0, "phan": 1.0, "chuong": 2.0, "muc": 3.0, "letter_section": 3.3, "section": 3.6, "dieu": 4.0,
    "number": 5.0, "subnumber": 5.5, "diem": 6.0,
}
_CLOSING = re.compile(r"Trên đây là\b")
_TITLE_LIMIT = 300
_MAX_GAP = 4  # letters a repealed-points gap may skip


@dataclass
class _Marker:
    family: str
    label: str
    rest: str  # the text after the marker on the same paragraph


@dataclass
class _Open:
    node: StructureNode
    family: str
    children_by_family: dict[str, list[StructureNode]] = field(default_factory=dict)


def parse_structure(text: str, paragraphs: list[Span], start: int, end: int, annex: bool = False) -> list[StructureNode]:
    """Units of ``text`` between ``start`` and ``end`` (paragraph spans given), as a tree."""
    roots: list[StructureNode] = []
    root_children: dict[str, list[StructureNode]] = {}
    stack: list[_Open] = []
    last_article: tuple[int, str] | None = None
    quote_depth = 0
    chosen = [(s, e) for s, e in paragraphs if s >= start and e <= end]
    skip_heading_of: int | None = None
    for index, (p_start, p_end) in enumerate(chosen):
        line = text[p_start:p_end]
        if quote_depth and _resumes_articles(line, last_article):
            quote_depth = 0  # an unclosed quotation (a typo or a cut) must not hide the rest of the text
        quoted = quote_depth > 0 or line.startswith(("“", '"'))
        quote_depth = max(0, quote_depth + line.count("“") - line.count("”"))
        if skip_heading_of == index:
            continue
        if _CLOSING.match(line):
            _close(stack, 0.0, p_start)
            stack.clear()
            continue
        marker = None if quoted or line.startswith("|") else _marker(line, annex)
        if marker is None:
            continue
        parent = _parent_after_closing(stack, marker.family)
        siblings = (parent.children_by_family if parent else root_children).get(marker.family, [])
        after_colon = index > 0 and text[chosen[index - 1][0]:chosen[index - 1][1]].rstrip().endswith(":")
        if not _expected(marker, siblings, parent, last_article, after_colon):
            continue
        kind = _kind(marker.family, stack, parent)
        heading = _heading(marker, kind)
        if heading is None and marker.family in ("phan", "chuong", "muc", "phu_luc") and index + 1 < len(chosen):
            following = collapse(text[chosen[index + 1][0]:chosen[index + 1][1]])
            if _is_title(following):
                heading = following
                skip_heading_of = index + 1
        _close(stack, RANK[marker.family], p_start)
        node = StructureNode(kind=kind, label=marker.label, heading=heading, start=p_start, end=end)
        if parent:
            parent.node.children.append(node)
            parent.children_by_family.setdefault(marker.family, []).append(node)
        else:
            roots.append(node)
            root_children.setdefault(marker.family, []).append(node)
        stack.append(_Open(node, marker.family))
        if marker.family == "dieu":
            last_article = _article_key(marker.label) or last_article
    _close(stack, 0.0, end)
    return roots


def _resumes_articles(line: str, last_article: tuple[int, str] | None) -> bool:
    """The next article of the text itself: a pháp điển label, or the article number that comes next."""
    match = ARTICLE.match(line)
    if not match:
        return False
    key = _article_key(match.group(1))
    if key is None:
        return True
    return last_article is not None and key == (last_article[0] + 1, "")


def _marker(line: str, annex: bool) -> _Marker | None:
    for family, pattern in (("dieu", ARTICLE), ("chuong", CHAPTER), ("muc", SECTION_MUC), ("phan", PART)):
        match = pattern.match(line)
        if match:
            return _Marker(family, _label(family, match.group(1)), line[match.end():])
    annex_match = ANNEX.match(line)
    if annex_match and (line.startswith("PHỤ LỤC") or annex) and len(line) < 400:
        return _Marker("phu_luc", annex_match.group(1) or "", line[annex_match.end():])
    for family, pattern in (("section", ROMAN_SECTION), ("letter_section", LETTER_SECTION)):
        match = pattern.match(line)
        if match:
            return _Marker(family, match.group(1), line[match.end():])
    match = ITEM.match(line)
    if match and not re.match(r"\d{4}\.", line):
        label = match.group(1)
        return _Marker("subnumber" if "." in label else "number", label, line[match.end():])
    match = POINT.match(line)
    if match:
        return _Marker("diem", match.group(1), line[match.end():])
    return None


def _label(family: str, raw: str) -> str:
    if family == "phan":
        words = raw.lower().split(None, 1)
        if words and words[0] == "thứ" and len(words) > 1:
            number = ORDINALS.get(words[1])
            return str(number) if number else words[1]
    return raw


def _parent_after_closing(stack: list[_Open], family: str) -> _Open | None:
    rank = RANK[family]
    for entry in reversed(stack):
        if RANK[entry.family] < rank:
            return entry
    return None


def _close(stack: list[_Open], rank: float, at: int) -> None:
    while stack and RANK[stack[-1].family] >= rank:
        stack.pop().node.end = at


def _expected(
    marker: _Marker,
    siblings: list[StructureNode],
    parent: _Open | None,
    last_article: tuple[int, str] | None,
    after_colon: bool,
) -> bool:
    family, label = marker.family, marker.label
    previous = siblings[-1].label if siblings else None
    if family == "dieu":
        key = _article_key(label)
        return key is None or last_article is None or key > last_article
    if family == "number":
        return _next_number(previous, label)
    if family == "subnumber":
        head, _, tail = label.rpartition(".")
        if parent is None or parent.node.label != head:
            return False
        return _next_number(previous.rpartition(".")[2] if previous else None, tail)
    if family == "diem":
        return _next_letter(previous, label, after_colon)
    if family == "section":
        value = roman_to_int(label)
        if value is None:
            return False
        if previous:
            return value == (roman_to_int(previous) or 0) + 1
        # An excerpt may start at "III. TỔ CHỨC THỰC HIỆN": an upper-case heading is trusted.
        return value == 1 or _is_title(collapse(marker.rest))
    if family == "letter_section":
        return label == "A" if previous is None else ord(label) == ord(previous) + 1
    return True


def _next_number(previous: str | None, label: str) -> bool:
    match = re.fullmatch(r"(\d+)([a-z]?)", label)
    if not match:
        return False
    number, suffix = int(match.group(1)), match.group(2)
    if previous is None:
        return number == 1 and not suffix
    prev = re.fullmatch(r"(\d+)([a-z]?)", previous)
    if not prev:
        return False
    prev_number = int(prev.group(1))
    if suffix:  # inserted clause "2a." follows "2." or "2" + an earlier letter
        return number == prev_number and (not prev.group(2) or suffix > prev.group(2))
    return number == prev_number + 1


def _next_letter(previous: str | None, label: str, after_colon: bool) -> bool:
    """The next point letter. Consolidated texts drop repealed points ("a) b) đ)" once c and d were
    repealed), so a short gap is accepted, and a list may open past "a)" right after a colon."""
    index = letter_index(label)
    if index is None:
        return False
    if label[1:]:  # "a1)" follows "a)"
        return previous is not None and previous[:1] == label[:1]
    if previous is None:
        return index == 0 or (after_colon and index <= _MAX_GAP)
    prev_index = letter_index(previous)
    return prev_index is not None and prev_index < index <= prev_index + _MAX_GAP


def _article_key(label: str) -> tuple[int, str] | None:
    match = re.fullmatch(r"(\d+)([a-z]?)", label)
    return (int(match.group(1)), match.group(2)) if match else None


def _kind(family: str, stack: list[_Open], parent: _Open | None) -> str:
    if family == "letter_section":
        return "section"
    if family in ("number", "subnumber"):
        in_article = any(entry.family == "dieu" for entry in stack if RANK[entry.family] < RANK[family])
        return "khoan" if in_article and family == "number" else "item"
    return family


def _heading(marker: _Marker, kind: str) -> str | None:
    rest = collapse(marker.rest).lstrip(":.-– ").strip()
    if not rest:
        return None
    if kind in ("khoan", "diem"):
        return None
    if kind in ("dieu", "item"):
        if len(rest) > _TITLE_LIMIT or rest.endswith((".", ";", ":", ",")):
            return None
    return rest


def _is_title(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and len(line) <= _TITLE_LIMIT and sum(c.isupper() for c in letters) / len(letters) >= 0.7 \
        and not ARTICLE.match(line) and not line.startswith(("|", "("))
