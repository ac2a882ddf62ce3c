"""Dates, document numbers and document types as they are written in Vietnamese legal texts."""

from __future__ import annotations

import re
from datetime import date

from analyzer.resources.vocabulary import default_vocabulary

# "ngày 27 tháng 10 năm 2007", "ngày 22/4/2019", "ngày 08-01-2024"; spaces may be line breaks re-flowed.
DATE_WORDS = r"(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*(?:năm|,)\s*(?P<y>\d{4})"
DATE_SLASH = r"(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})"
DATE = rf"(?:{DATE_WORDS}|{DATE_SLASH})"

# Numbers: "157/2007/NĐ-CP", "10/CT-TTg", "5161/VBHN-BLĐTBXH", "41/2013/TTLT-BYT-BLĐTBXH"; party texts "26-NQ/TW".
_CODE = r"[A-ZĐ][A-ZĐa-z0-9]*(?:\s?-\s?[A-ZĐ][A-ZĐa-z0-9]*)*"
STATE_NUMBER = rf"\d{{1,5}}[a-z]?\s?/\s?(?:\d{{4}}\s?/\s?)?{_CODE}"
PARTY_NUMBER = r"\d{1,4}-[A-ZĐ]{1,5}/[A-ZĐ]{1,5}"
NUMBER = rf"(?:{PARTY_NUMBER}|{STATE_NUMBER})"

# Type words, longest first so "Thông tư liên tịch" wins over "Thông tư".
DOCUMENT_TYPES = default_vocabulary().kind_names("legal_texts")

# Type code inside a number ("NĐ" in "157/2007/NĐ-CP") -> type.
TYPE_CODES = default_vocabulary().text_type_codes

# Codes written with lower-case letters; upper-case titles ("CT-TTG") are put back to the official spelling.
_MIXED_CASE_CODES = {"TTG": "TTg"}


def iso_date(day: str | int, month: str | int, year: str | int) -> str | None:
    """ISO date, or None for an impossible one ("ngày 31 tháng 2")."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def date_from_match(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups.get("d"):
        return iso_date(groups["d"], groups["m"], groups["y"])
    if groups.get("d2"):
        return iso_date(groups["d2"], groups["m2"], groups["y2"])
    return None


def canonical_number(raw: str) -> str:
    """"5162 /VBHN-BLĐTBXH" -> "5162/VBHN-BLĐTBXH"; "10/CT-TTG" -> "10/CT-TTg"; ASCII "ND" -> "NĐ"."""
    number = re.sub(r"\s+", "", raw)
    parts = re.split(r"([/-])", number)
    fixed = []
    for part in parts:
        upper = part.upper()
        if upper in _MIXED_CASE_CODES:
            part = _MIXED_CASE_CODES[upper]
        elif upper in {"ND", "QD"}:
            part = upper.replace("D", "Đ")
        fixed.append(part)
    return "".join(fixed)


def number_parts(number: str) -> tuple[int | None, str | None, str | None]:
    """(year, type code, issuer code) of a canonical number: "157/2007/NĐ-CP" -> (2007, "NĐ", "CP")."""
    if re.fullmatch(PARTY_NUMBER, number):
        head, issuer = number.split("/")
        return None, head.split("-")[1], issuer
    pieces = number.split("/")
    year = int(pieces[1]) if len(pieces) == 3 and pieces[1].isdigit() else None
    code = pieces[-1]
    if "-" in code:
        type_code, _, issuer = code.partition("-")
        if type_code.upper() not in TYPE_CODES:  # "02/2020/UBTVQH14": the issuer alone
            return year, None, code
        return year, type_code, issuer
    if re.fullmatch(r"QH\d+|UBTVQH\d+", code):  # laws: "26/2023/QH15"
        return year, None, code
    return year, code if code.upper() in TYPE_CODES else None, None if code.upper() in TYPE_CODES else code


def type_from_code(type_code: str | None) -> str | None:
    return TYPE_CODES.get(type_code.upper()) if type_code else None


def collapse(text: str) -> str:
    return " ".join(text.split())
