"""The header of a legal text: issuer, number, place and date, document type and title.

The header is read as "cells": a table (web pages, DOCX conversions) is read column by column, a
PDF layout line is split at wide gaps, any other paragraph is one cell. The issuer is the
upper-case block before the national motto; the type is the upper-case line that names the kind
of text ("KẾ HOẠCH"); the title is the upper-case block under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.parse.legal.markers import ARTICLE, CHAPTER, ITEM, PART, ROMAN_SECTION
from analyzer.parse.legal.patterns import (
    DATE, DOCUMENT_TYPES, NUMBER, canonical_number, collapse, date_from_match, number_parts, type_from_code,
)
from analyzer.resources.vocabulary import default_vocabulary

Span = tuple[int, int]

_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)|CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s+do", re.IGNORECASE)
_NUMBER_LINE_KINDS = "|".join(default_vocabulary().kind_names("number_line"))  # "Luật số: 45/2019/QH14"
_NUMBER_CELL = re.compile(
    rf"^(?:(?:{_NUMBER_LINE_KINDS})\s+)?[Ss][ốỐ]\s*[:.]?\s*(?P<number>{NUMBER})", re.IGNORECASE
)
_PLACE_DATE = re.compile(rf"(?P<place>[^\d,;:|()]{{2,40}}?)\s*,\s*ngày\s*{DATE}", re.IGNORECASE)
_ADOPTED = re.compile(rf"thông\s+qua\s+ngày\s*{DATE}", re.IGNORECASE)
_BODY_OPENER = re.compile(r"(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Để\s|Trong\s|Nhằm\s)")
_POSITION_LINE = re.compile(r"(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|CHÁNH|TỔNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TRƯỞNG BAN)\s")
_TYPE_LINES = {t.upper(): t for t in DOCUMENT_TYPES}
_ORG_HEADS = ("SỞ ", "PHÒNG ", "CỤC ", "CHI CỤC ", "TỔNG CỤC ", "VỤ ", "VĂN PHÒNG ", "TRUNG TÂM ", "BAN ", "THANH TRA ")
_DECOR = re.compile(r"-{3,}|_{3,}|={3,}")


@dataclass
class Header:
    type: str | None = None
    consolidates: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    end: int = 0  # offset where the body starts


@dataclass
class _Cell:
    text: str
    paragraph: int


def parse_header(text: str, paragraphs: list[Span]) -> Header:
    """Read the header from the first paragraphs of a cleaned text; empty fields when there is none."""
    limit = _header_limit(text, paragraphs)
    cells = _cells(text, paragraphs[:limit])
    header = Header()
    type_index = _find_type(cells, header)
    header.number = _find_number(cells)
    header.place, header.date = _find_place_date(cells)
    header.issuer = _find_issuer(cells[:type_index] if type_index is not None else cells)
    if type_index is None:
        if header.number is None:
            return Header()
        header.end = paragraphs[max(c.paragraph for c in cells)][1] if cells else 0
    else:
        parts, last = _find_title(text, paragraphs, cells[type_index].paragraph, limit)
        header.title = " ".join(p for p in [header.title, *parts] if p) or None
        header.end = paragraphs[last][1]
    if header.number:
        year, type_code, _ = number_parts(header.number)
        coded_type = type_from_code(type_code)
        if coded_type == "Văn bản hợp nhất" and header.type != coded_type:
            header.consolidates, header.type = header.type, coded_type
        header.type = header.type or coded_type
    if header.date is None:
        adopted = _ADOPTED.search(text, max(0, len(text) - 5000))
        header.date = date_from_match(adopted) if adopted else None
    return header


def _header_limit(text: str, paragraphs: list[Span]) -> int:
    """Index of the first paragraph that belongs to the body (the header never goes past it)."""
    for index, (start, end) in enumerate(paragraphs[:40]):
        line = text[start:end]
        if line.startswith("|"):
            continue
        if (
            _BODY_OPENER.match(line) or ARTICLE.match(line) or CHAPTER.match(line) or PART.match(line)
            or ROMAN_SECTION.match(line) or (ITEM.match(line) and index > 2)
        ):
            return index
    return min(len(paragraphs), 40)


def _cells(text: str, paragraphs: list[Span]) -> list[_Cell]:
    cells: list[_Cell] = []
    index = 0
    while index < len(paragraphs):
        start, end = paragraphs[index]
        line = text[start:end]
        if line.startswith("|"):
            block = index
            while block < len(paragraphs) and text[paragraphs[block][0]:paragraphs[block][1]].startswith("|"):
                block += 1
            cells.extend(_table_cells(text, paragraphs, index, block))
            index = block
            continue
        for piece in re.split(r"\s{3,}", line):
            cells.extend(_Cell(part, index) for part in _split_decor(piece))
        index += 1
    return cells


def _table_cells(text: str, paragraphs: list[Span], first: int, stop: int) -> list[_Cell]:
    """Cells of a pipe table read column by column (a header column holds issuer then number)."""
    rows = []
    for index in range(first, stop):
        start, end = paragraphs[index]
        row = [c.strip() for c in text[start:end].strip().strip("|").split("|")]
        rows.append((index, row))
    width = max(len(row) for _, row in rows)
    cells: list[_Cell] = []
    for column in range(width):
        for index, row in rows:
            if column < len(row) and row[column]:
                cells.extend(_Cell(part, index) for part in _split_decor(row[column]))
    return cells


def _split_decor(cell: str) -> list[str]:
    """"ỦY BAN NHÂN DÂN TỈNH HÀ GIANG -------" -> the text without the rule (a rule separates blocks)."""
    return [collapse(part) for part in _DECOR.split(cell) if collapse(part)]


def _find_type(cells: list[_Cell], header: Header) -> int | None:
    for index, cell in enumerate(cells):
        upper = cell.text.upper()
        if cell.text != upper:
            continue
        for word_upper, word in sorted(_TYPE_LINES.items(), key=lambda kv: -len(kv[0])):
            if upper == word_upper or (upper.startswith(word_upper + " ") and word_upper != "LỆNH"):
                if upper.endswith(":"):
                    break
                header.type = word
                rest = cell.text[len(word_upper):].strip()
                if rest:
                    header.title = rest
                return index
    return None


def _find_number(cells: list[_Cell]) -> str | None:
    for cell in cells:
        match = _NUMBER_CELL.match(cell.text)
        if match:
            return canonical_number(match.group("number"))
    return None


def _find_place_date(cells: list[_Cell]) -> tuple[str | None, str | None]:
    for index, cell in enumerate(cells):
        match = _PLACE_DATE.search(cell.text)
        if match is None and index + 1 < len(cells) and re.search(r"ngày\s*\d{0,2}\s*$", cell.text):
            match = _PLACE_DATE.search(f"{cell.text} {cells[index + 1].text}")  # a date broken over two lines
        if match:
            place = collapse(match.group("place")).strip(" .-")
            return (place or None), date_from_match(match)
    return None, None


def _find_issuer(cells: list[_Cell]) -> str | None:
    lines: list[str] = []
    for cell in cells:
        if _MOTTO.search(cell.text) or _NUMBER_CELL.match(cell.text) or _PLACE_DATE.search(cell.text):
            break
        if cell.text.upper() != cell.text or not re.search(r"[A-ZĐÀ-Ỹ]", cell.text):
            continue
        lines.append(cell.text)
    if not lines:
        return None
    for index in range(len(lines) - 1, 0, -1):
        if lines[index].startswith(_ORG_HEADS):
            lines = lines[index:]
            break
    return agency_display(" ".join(lines))


def _find_title(text: str, paragraphs: list[Span], type_paragraph: int, limit: int) -> tuple[list[str], int]:
    """Title lines under the type line, and the index of the last one."""
    parts: list[str] = []
    last = type_paragraph
    stop = min(len(paragraphs), type_paragraph + 8, max(limit, type_paragraph + 1))
    for index in range(type_paragraph + 1, stop):
        line = collapse(text[paragraphs[index][0]:paragraphs[index][1]])
        if not _is_title_line(line):
            break
        parts.append(line)
        last = index
    return parts, last


def _is_title_line(line: str) -> bool:
    if not line or line.startswith(("|", "(")) or _BODY_OPENER.match(line) or ARTICLE.match(line) or CHAPTER.match(line):
        return False
    if _POSITION_LINE.match(line) or _MOTTO.search(line):
        return False
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return False
    upper_share = sum(1 for c in letters if c.isupper()) / len(letters)
    return upper_share >= 0.7 or line.startswith(("V/v", "Về việc", "V/V"))


# --- display form of agency names -------------------------------------------------------------

_PROPER_PHRASES = {
    "chính phủ": "Chính phủ", "quốc hội": "Quốc hội", "nhà nước": "Nhà nước", "trung ương": "Trung ương",
    "việt nam": "Việt Nam", "thường vụ quốc hội": "Thường vụ Quốc hội", "công thương": "Công Thương",
    "mặt trận tổ quốc": "Mặt trận Tổ quốc", "đảng": "Đảng",
}
_PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
# Bodies whose name ends with a place ("Ủy ban nhân dân xã Tân Phú"); elsewhere "xã" is a common word.
_LOCAL_BODIES = ("ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân", "ubnd", "hđnd", "công an", "tòa án nhân dân")
_NAMED_HEADS = ("bộ", "sở", "cục", "tổng cục", "vụ", "chi cục", "ban", "văn phòng", "thanh tra", "phòng")


def agency_display(name: str) -> str:
    """"ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" -> "Ủy ban nhân dân thành phố Cần Thơ"; mixed case is kept."""
    name = collapse(name)
    if name != name.upper():
        return name
    lower = name.lower()
    local = lower.startswith(_LOCAL_BODIES)
    for place in _PLACE_WORDS:
        match = re.search(rf"(?:^|\s){place}\s+(.+)$", lower)
        if match and not lower.startswith(place + " ") and (local or place in ("tỉnh", "thành phố")):
            head = lower[: match.start(1)].rstrip()
            return _sentence(head) + " " + match.group(1).title()
    return _sentence(lower)


def _sentence(lower: str) -> str:
    text = lower[:1].upper() + lower[1:]
    for head in _NAMED_HEADS:
        if text.lower().startswith(head + " "):
            body = text[len(head) + 1:]
            # Ministries and departments capitalise each coordinated part: "Lao động - Thương binh và Xã hội".
            body = re.sub(r"(^|,\s|\s-\s|\svà\s)(\w)", lambda m: m.group(1) + m.group(2).upper(), body)
            text = text[: len(head) + 1] + body
            break
    for phrase, display in _PROPER_PHRASES.items():
        text = re.sub(rf"(?<!\w){phrase}(?!\w)", display, text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]
