"""Legal-document numbers ("22/2023/TT-BCA", "05/2012/NĐ-CP", "26-NQ/TW", "17/KH-UBND").

The number is read as NUMBER[/YEAR]/CODE, CODE being dash-separated parts: the first names the
kind of document (TT → Thông tư) when it is a known type, the others the issuer (BCA → Bộ Công an);
QH13 alone is a law of the 13th National Assembly. Type codes and kinds live in data/vocabulary.yaml,
issuer codes in data/legal_codes.json.

Scraped tables glue cells together ("…TT-BCALuật Khiếu nại năm 201102/2011/QH13"), so the code is
scanned by hand rather than by one regex: an upper-case run glued to a lower-case word gives back
its last letter ("BCAL|uật"), digits belong to a code part only for assemblies (QH13) and police
departments (C06), and a year glued in front of a number ("năm 2011" + "02/2011/QH13") is cut off.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from analyzer.model import LegalRef
from analyzer.parse._nfc import LOWER_LETTERS, UPPER_LETTERS, nfc_with_offsets
from analyzer.resources.vocabulary import default_vocabulary


@dataclass(frozen=True, slots=True)
class LegalRefSpan:
    """A legal-document number found in a text: offsets into that text and the normalised reference."""

    start: int
    end: int
    ref: LegalRef


_PREFIX = re.compile(
    r"(?<![/-])(?P<num>\d{1,8}(?:\.\d{1,2})?[a-zđ]?)"
    r"(?:(?P<dash>[ \t]*-[ \t]*)(?=[A-ZĐ]{1,4}/)|[ \t]*/[ \t]*(?:(?P<year>(?:19|20)\d{2})(?![\d])(?P<slash>[ \t]*/[ \t]*)?)?)"
)
_MIXED_CASE_PARTS = ("TTg", "TTG", "QyĐ", "CTr")
_DIGIT_PART = re.compile(r"(?:[A-ZĐ]*QH(?:1[0-9]|[1-9])|[ACVXK]\d{2})")
_UPPER_RUN = re.compile(r"[A-ZĐ]+")
_HYPHEN = re.compile(r"[ \t]*[-–][ \t]*")
_LOWER = re.compile("[" + LOWER_LETTERS + "]")
_YEAR_DIGITS = re.compile(r"(?<!\d)(?:19|20)\d{2}$")
_GLUED_YEAR_BEFORE = re.compile(r"(?:năm|Năm|NĂM)\s*$")
_DATE_AFTER = re.compile(
    r"[\s,]*(?:được\s+)?(?:ban\s+hành\s+)?ngày\s+(\d{1,2})\s*(?:[/.-]|\s+tháng\s+)"
    r"\s*(\d{1,2})\s*(?:[/.-]|\s+năm\s+)\s*((?:19|20)\d{2})",
    re.IGNORECASE,
)
_KIND_WORDS = default_vocabulary().kind_names("record_citations")
_KIND_BEFORE = re.compile(
    r"(" + "|".join(_KIND_WORDS) + r")(?!\w)(?:[^.;\n/]{0,100}?)(?:\s*số)?\s*[:]?\s*$", re.IGNORECASE
)
_KIND_RIGHT_BEFORE = re.compile(r"(" + "|".join(_KIND_WORDS) + r")\s*(?:số\s*)?[:]?\s*$", re.IGNORECASE)
# portal-flat legal-basis table
_TABLE_HEADER = re.compile(r"^\s*:?\s*(?:Tên\s+văn\s+bản\s+pháp\s+lý\s*)?(?:Mã\s+văn\s+bản\s*)?", re.IGNORECASE)
_NO_INFORMATION = re.compile(r"^\W*không\s+có\s+thông\s+tin", re.IGNORECASE)
_GLUED_KIND_AT_END = re.compile(
    r"(?<=[" + LOWER_LETTERS + r")])(?:" + "|".join(_KIND_WORDS) + r")(?:\s+số)?\s*$"
)
_TRUNCATED_TAIL_MIN = 8
_NEW_TITLE_AFTER = re.compile(r"\s+[" + UPPER_LETTERS + r"]")


@cache
def _codes() -> tuple[dict[str, str], dict[str, str]]:
    data = json.loads(resources.files("analyzer.data").joinpath("legal_codes.json").read_text(encoding="utf-8"))
    return default_vocabulary().record_type_codes, data["issuers"]


def find_legal_numbers(text: str | None) -> list[LegalRefSpan]:
    """Every document number in a text, in order, with offsets into `text`, kind, issuer and date."""
    if not text:
        return []
    composed, starts = nfc_with_offsets(text)
    return [LegalRefSpan(starts[f.start], starts[f.end], f.ref) for f in _scan(composed, glued=False)]  # map back


def split_glued_legal_basis(text: str | None) -> list[LegalRef]:
    """Title/number pairs from portal-flat's flattened "Tên văn bản pháp lý | Mã văn bản" table.

    A number ends a row when the next title is glued to it (no space) or the text ends; a number
    followed by a space is quoted inside a title. A row whose title is empty means its number was
    the end of the previous title ("Luật 51/2019/QH14" + "51/2019/QH14"). Text after the last
    number (a cut-off row) is kept as a title without number.
    """
    if not text:
        return []
    composed, _ = nfc_with_offsets(text.strip())
    if _NO_INFORMATION.match(composed):
        return []
    header = _TABLE_HEADER.match(composed)
    body = composed[header.end() :] if header else composed
    rows: list[tuple[int, LegalRefSpan, set[str | None]]] = []  # title start, number, numbers quoted in the title
    cursor = 0
    quoted: set[str | None] = set()  # numbers quoted in the current row's title so far
    for found in _scan(body, glued=True):
        # a number already quoted in this row's title, then a new title, is the row's code cell
        repeated = found.ref.number in quoted and _NEW_TITLE_AFTER.match(body, found.end)
        if not _ends_row(body, found.end) and not repeated:
            quoted.add(found.ref.number)
            continue
        if rows and not body[cursor : found.start].strip() and _quotes(rows[-1][2] | {rows[-1][1].ref.number}, found.ref.number):
            # "Luật 51/2019/QH14" + "51/2019/QH14", or "Nghị định số 91/2022/NĐ-CP sửa đổi … 126/2020/NĐ-CP" +
            # "91/2022/NĐ-CP": the previous number ended this row's title
            title_start, previous, previous_quoted = rows.pop()
            quoted = previous_quoted | {previous.ref.number}
        else:
            title_start = cursor
        rows.append((title_start, found, quoted))
        cursor = found.end
        quoted = set()
    if not rows:
        # no table structure (a free-text cell): every distinct number it quotes
        distinct = {found.ref.number: found.ref for found in _scan(body, glued=False)}
        return list(distinct.values())
    refs = [_row(body[title_start : found.start], found.ref) for title_start, found, _ in rows]
    tail = body[cursor:].strip()
    if len(tail) >= _TRUNCATED_TAIL_MIN:
        refs.append(_tail_row(tail))
    return refs


def _tail_row(title: str) -> LegalRef:
    """A cut-off last row: its number is the one its title opens with ("Nghị định số 174/2016/NĐ-CP …")."""
    opening = _scan(title[:60], glued=False)
    if opening and _KIND_RIGHT_BEFORE.fullmatch(title[: opening[0].start].strip() + " "):
        return _row(title, opening[0].ref)
    return LegalRef(title=" ".join(title.split()), kind=_kind_from_title(title))


def _quotes(numbers: set[str | None], number: str | None) -> bool:
    """Whether `number` is among `numbers`, also as a cut-off code cell ("80/2021" for "80/2021/TT-BTC")."""
    return any(known == number or (known and number and known.startswith(number + "/")) for known in numbers)


def _ends_row(text: str, end: int) -> bool:
    """True when the next cell is glued right after the number (or nothing but punctuation follows)."""
    rest = text[end : end + 2]
    if not text[end:].strip(" .;,"):
        return True
    if rest[:1] == "." and len(rest) == 2 and not rest[1].isspace():
        return True  # "35/2018/QH14.BỘ LUẬT …": a glued cell after a full stop
    return not (rest[0].isspace() or rest[0] in ".,;:)(]")


def _row(title: str, ref: LegalRef) -> LegalRef:
    title = _GLUED_KIND_AT_END.sub("", " ".join(title.split())).strip(" ,;:-")
    if ref.number and ref.number.count("/") == 1 and re.fullmatch(r"[\d.]+[a-zđ]?/\d{4}", ref.number):
        # the code cell was cut ("80/2021"): the title often quotes the full number
        fuller = [f.ref for f in _scan(title, glued=False) if f.ref.number and f.ref.number.startswith(ref.number + "/")]
        if fuller:
            ref = fuller[0]
    kind = ref.kind if _kind_from_code(ref.number) else (_kind_from_title(title) or ref.kind)
    return ref.model_copy(update={"title": title or None, "kind": kind})


def _kind_from_code(number: str | None) -> str | None:
    """The kind named by the type part of a number's code ("TT" in "22/2023/TT-BCA")."""
    if not number:
        return None
    code = number.rsplit("/", 1)[-1]
    types, _ = _codes()
    return types.get(code.split("-")[0])


def _kind_from_title(title: str) -> str | None:
    match = re.match(r"\s*(" + "|".join(_KIND_WORDS) + r")(?!\w)", title, re.IGNORECASE)
    return _canonical_kind(match.group(1)) if match else None


def _canonical_kind(word: str) -> str:
    lowered = " ".join(word.lower().split())
    return next(kind for kind in _KIND_WORDS if kind.lower() == lowered)


def _scan(text: str, *, glued: bool) -> list[LegalRefSpan]:
    """Document numbers in composed text (offsets into it)."""
    found: list[LegalRefSpan] = []
    position = 0
    while (match := _PREFIX.search(text, position)) is not None:
        glued_to_previous = glued and bool(found) and match.start() == found[-1].end
        result = _read_number(text, match, glued=glued, after_number=glued_to_previous)
        if result is None:
            position = match.start() + 1
            continue
        found.append(result)
        position = result.end
    return found


def _read_number(text: str, match: re.Match[str], *, glued: bool, after_number: bool) -> LegalRefSpan | None:
    start, number = match.start(), match.group("num")
    year = match.group("year")
    before = text[start - 1] if start > 0 else " "
    if before.isdigit() and not after_number and not _YEAR_DIGITS.search(text[:start]):
        return None  # inside a longer digit run that is not "…/2018" + number
    if (before.isalpha() or before == ".") and not glued:
        return None  # "TK06/…", "1.5/…" in running text are not document numbers
    cut = _glued_year_length(text, start, number, year)
    start, number = start + cut, number[cut:]
    if match.group("dash"):
        return _read_party_number(text, match, start, number)
    code_start = match.end()
    if year and not match.group("slash"):
        code_start = None  # "80/2021" with nothing after it
    parts, end = _read_code(text, code_start) if code_start is not None else ([], match.end())
    if not parts:
        if not (year and (glued or _KIND_RIGHT_BEFORE.search(text[max(0, start - 40) : start]))):
            return None
        end = match.start("year") + len(year)
        return LegalRefSpan(start, end, _reference(text, start, end, f"{number}/{year}", [], None))
    types, _ = _codes()
    if not year and len(parts) < 2 and parts[0] not in types and not _DIGIT_PART.fullmatch(parts[0]):
        return None  # "15/UBND" alone is too weak to be a document number
    canonical = f"{number}/{year}/{'-'.join(parts)}" if year else f"{number}/{'-'.join(parts)}"
    return LegalRefSpan(start, end, _reference(text, start, end, canonical, parts, year))


def _glued_year_length(text: str, start: int, number: str, year: str | None) -> int:
    """4 when "năm 2011" is glued to "02/2011/QH13" ("201102"), else 0."""
    digits = number.split(".")[0]
    if len(digits) < 5 or not re.match(r"(?:19|20)\d{2}", digits):
        return 0
    if digits[:4] == year or _GLUED_YEAR_BEFORE.search(text[max(0, start - 8) : start]):
        return 4
    return 0


def _read_party_number(text: str, match: re.Match[str], start: int, number: str) -> LegalRefSpan | None:
    """"26-NQ/TW": number, type, slash, issuer."""
    type_parts, after_type = _read_code(text, match.end(), single=True)
    if not type_parts or after_type >= len(text) or text[after_type] != "/":
        return None
    issuer_parts, end = _read_code(text, after_type + 1)
    if not issuer_parts:
        return None
    canonical = f"{number}-{type_parts[0]}/{'-'.join(issuer_parts)}"
    return LegalRefSpan(start, end, _reference(text, start, end, canonical, type_parts + issuer_parts, None))


def _read_code(text: str, position: int, *, single: bool = False) -> tuple[list[str], int]:
    """Dash-separated code parts from `position`, and where they end."""
    parts: list[str] = []
    end = position
    while True:
        part, part_end = _read_part(text, position)
        if part is None:
            break
        parts.append(part)
        end = part_end
        hyphen = _HYPHEN.match(text, part_end)
        if single or hyphen is None:
            break
        spaced = hyphen.group(0) != "-" and hyphen.group(0) != "–"
        next_part, _ = _read_part(text, hyphen.end())
        if next_part is None or (spaced and not _is_known_part(next_part)):
            break  # "TT-BCA - Bộ Công an" is a dash in the sentence, not in the code
        position = hyphen.end()
    return parts, end


def _read_part(text: str, position: int) -> tuple[str | None, int]:
    for mixed in _MIXED_CASE_PARTS:
        if text.startswith(mixed, position) and not _continues_word(text, position + len(mixed)):
            return ("TTg" if mixed == "TTG" else mixed), position + len(mixed)
    run = _UPPER_RUN.match(text, position)
    if run is None:
        return None, position
    letters = run.group(0)
    end = run.end()
    digits = re.match(r"\d{1,2}", text[end:])
    if digits and _DIGIT_PART.fullmatch(letters + digits.group(0)) and not text[end + len(digits.group(0)) :][:1] == "/":
        return letters + digits.group(0), end + len(digits.group(0))
    letters = _trim_glued_word(letters, text[end : end + 1])
    if not letters:
        return None, position
    return letters, position + len(letters)


def _trim_glued_word(letters: str, following: str) -> str:
    """"BCAL" before "uật" → "BCA"; "CPLU" before "ẬT" → "CP"; a known code followed by a word stays."""
    if not following or not following.isalpha():
        return letters
    if _is_known_part(letters) and _LOWER.match(following):
        return letters  # "NĐ-CPsửa đổi": the next title starts in lower case
    if _LOWER.match(following):
        return letters[:-1]
    prefixes = [letters[:i] for i in range(len(letters) - 1, 0, -1) if _is_known_part(letters[:i])]
    return prefixes[0] if prefixes else letters


def _continues_word(text: str, position: int) -> bool:
    return position < len(text) and bool(_LOWER.match(text[position]))


def _is_known_part(part: str) -> bool:
    types, issuers = _codes()
    return part in types or part in issuers or bool(_DIGIT_PART.fullmatch(part))


def _reference(text: str, start: int, end: int, number: str, parts: list[str], year: str | None) -> LegalRef:
    types, issuers = _codes()
    kind = types.get(parts[0]) if parts else None
    issuer_parts = parts[1:] if kind else parts
    if not parts[:1] or parts[0].startswith("QH") or parts[0].startswith("UBTVQH"):
        kind = _kind_from_context(text, start) or ("Luật" if parts[:1] and parts[0].startswith("QH") else kind)
    elif kind is None:
        kind = _kind_from_context(text, start) or ("Công văn" if not year else None)
    names = [issuers.get(re.sub(r"\d+$", "", part), part) for part in issuer_parts]
    return LegalRef(
        number=number,
        kind=kind,
        issuer=", ".join(dict.fromkeys(names)) or None,
        date=_date_after(text, end),
    )


def _kind_from_context(text: str, start: int) -> str | None:
    match = _KIND_BEFORE.search(text[max(0, start - 140) : start])
    return _canonical_kind(match.group(1)) if match else None


def _date_after(text: str, end: int) -> str | None:
    match = _DATE_AFTER.match(text, end)
    if not match:
        return None
    day, month, year = (int(group) for group in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:  # "ngày 31/02/2020": a typo in the source; leave the date out
        return None
