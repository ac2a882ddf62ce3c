"""Citations of other texts, normalised to (type, number, year, issuer code) plus date and pointer.

Three shapes are read, most specific first, and a later match never overlaps an earlier one:
1. a type word with a number: "Chỉ thị số 10/CT-TTg ngày 22/4/2019 của Thủ tướng Chính phủ";
2. a named law with a year, date or number: "Luật Phòng, chống tham nhũng năm 2018",
   "Luật Đầu tư số 61/2020/QH14", "Luật tổ chức Chính phủ ngày 19 tháng 6 năm 2015";
3. a bare number that carries its type: "57/2022/NĐ-CP", "26-NQ/TW" (read by
   ``analyzer.parse.legal_ref.find_legal_numbers``, whose code table also names issuers: TTg, BCA …).
A pointer chain just before ("khoản 2 Điều 14", "tiết v điểm 3 mục II") becomes the target; an
anaphor ("Nghị quyết trên") repeats the latest citation of that type. A text cited once with its date
and again without ("sau đây gọi tắt là Chỉ thị số 10/CT-TTg") gets the year from the first mention
(year_source "context"). References into the text itself ("khoản 3 Điều này", "Điều 33 của Luật
này") are cross-references, resolved to the unit they point to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable

from analyzer.parse.legal.header import agency_display
from analyzer.parse.legal.model import Citation, CitationTarget, CrossReference, LegalDocument, StructureNode, _number_key
from analyzer.parse.legal.patterns import (
    DATE, DOCUMENT_TYPES, NUMBER, canonical_number, collapse, date_from_match, number_parts, type_from_code,
)
from analyzer.parse.legal_ref import LegalRefSpan, find_legal_numbers
from analyzer.resources.vocabulary import default_vocabulary

_NOT_WORD = r"(?<![\wÀ-ỹ])"


def _variants(words: Iterable[str], lower: bool = True) -> str:
    forms: list[str] = []
    for word in sorted(words, key=len, reverse=True):
        forms.extend([word, word.upper()] + ([word.lower()] if lower else []))
    return "(?-i:" + "|".join(dict.fromkeys(forms)) + ")"


_COMMON_NOUNS = default_vocabulary().common_noun_kinds  # "luật": only capitalised forms cite a law
_TYPES_WITH_NUMBER = _variants([t for t in DOCUMENT_TYPES if t not in _COMMON_NOUNS]) + "|" + \
    _variants([t for t in DOCUMENT_TYPES if t in _COMMON_NOUNS], lower=False)
_NAMED_TYPES = _variants(default_vocabulary().kind_names("named_texts"), lower=False)
_ISSUERS = (
    r"Thủ tướng Chính phủ|Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội|Uỷ ban Thường vụ Quốc hội|Bộ Chính trị"
    r"|Ban Bí thư|Ban Chấp hành Trung ương[^,;()]*?|Văn phòng Chính phủ|Thanh tra Chính phủ|Kiểm toán Nhà nước"
    r"|Ngân hàng Nhà nước(?: Việt Nam)?|Tòa án nhân dân tối cao|Viện kiểm sát nhân dân tối cao|Hội nghị[^,;()]*?"
    r"|Bộ trưởng[^,;()]*?|Bộ [^,;()]*?|Ủy ban nhân dân[^,;()]*?|Uỷ ban nhân dân[^,;()]*?|UBND[^,;()]*?"
    r"|Hội đồng nhân dân[^,;()]*?|HĐND[^,;()]*?|Chủ tịch[^,;()]*?|Tổng cục[^,;()]*?|Cục [^,;()]*?|Sở [^,;()]*?"
    r"|Liên[^,;()]*?"
)
_ISSUER_STOP = (
    r"(?=\s+(?:về|quy định|hướng dẫn|ban hành|thực hiện|sửa đổi|bãi bỏ|phê duyệt|công bố|triển khai|tăng cường"
    r"|việc|để|nhằm|trong|tại|có hiệu lực|thì|đã|được|là|gồm)(?![\wÀ-ỹ])|\s*[,;.():]|\s*$)"
)
_DATE_TAIL = rf"(?:\s*,?\s*(?:ban hành\s+)?ngày\s*{DATE})?"
_ISSUER_TAIL = rf"(?:\s+của\s+(?P<issuer>(?:{_ISSUERS})){_ISSUER_STOP})?"

_TYPED = re.compile(
    rf"{_NOT_WORD}(?P<type>{_TYPES_WITH_NUMBER})\s+(?:số\s*[:.]?\s*)?(?P<number>{NUMBER}){_DATE_TAIL}{_ISSUER_TAIL}",
    re.IGNORECASE,
)
_NAME_WORD = r"(?!(?:này|của|theo|tại|Luật|luật|LUẬT|số|năm|ngày)(?![\wÀ-ỹ]))[^\s;.:()“”\"]+"
_NAMED = re.compile(
    rf"{_NOT_WORD}(?P<type>{_NAMED_TYPES})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,11}}?)"
    r"(?=\s+số\s*\d|\s*,?\s+năm\s+\d{4}|\s*,?\s+(?:ban hành\s+)?ngày\s*\d)"
    rf"(?:\s+số\s*(?P<number>{NUMBER}))?(?:\s*,?\s+năm\s+(?P<year>\d{{4}}))?{_DATE_TAIL}{_ISSUER_TAIL}",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(rf"{_NOT_WORD}(?P<type>{_TYPES_WITH_NUMBER})\s+(?:nêu\s+)?trên(?![\wÀ-ỹ])")
_POINTER_UNITS = r"(?:tiết|điểm|khoản|mục|Mục|Điều|điều|Chương|chương|Phần|phần|Phụ lục|phụ lục)"
_LABEL = r"(?:\d+[a-z]?(?:\.[0-9A-ZĐ]+)*|[a-zđ]\d?|[IVXLC]+)(?![\wÀ-ỹ])"
_POINTER_CHAIN = re.compile(
    rf"(?:{_POINTER_UNITS}\s+{_LABEL}(?:\s*,\s*{_LABEL})*(?:\s+và\s+{_LABEL})?\s+)+"
    r"(?:(?:của|thuộc|ban hành kèm theo|kèm theo)\s+)?$"
)
_POINTER_PART = re.compile(rf"({_POINTER_UNITS})\s+({_LABEL})")
_UNIT_FIELD = {"điều": "article", "khoản": "clause", "điểm": "point"}
_SELF = re.compile(
    rf"(?P<chain>(?:{_POINTER_UNITS}\s+{_LABEL}(?:\s*,\s*{_LABEL})*(?:\s+và\s+{_LABEL})?\s+)*"
    rf"(?:điểm|khoản|Điều|điều|mục)\s+(?:[0-9]+[a-z]?|[a-zđ]|này)(?![\wÀ-ỹ]))"
    r"(?P<tail>\s+(?:của\s+)?(?:" + "|".join(default_vocabulary().kind_names("self_reference")) + r"|văn bản)\s+này)?"
)


def find_citations(text: str, own_number: str | None = None) -> list[Citation]:
    """Every citation of another text, in order of appearance; the text's own number is skipped."""
    taken: list[tuple[int, int]] = []
    found: list[Citation] = []
    for pattern, builder in ((_TYPED, _from_typed), (_NAMED, _from_named)):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            citation = builder(match)
            if citation is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(citation)
    numbers = _numbers_by_paragraph(text)
    _issuers_from_codes(found, numbers)
    for span in numbers:
        if any(s < span.end and span.start < e for s, e in taken):
            continue
        citation = _from_number(text, span)
        if citation is not None:
            taken.append((span.start, span.end))
            found.append(citation)
    found.extend(_anaphors(text, found, taken))
    found.sort(key=lambda c: c.start)
    own = canonical_number(own_number) if own_number else None
    found = [c for c in found if not (own and c.number == own)]
    for citation in found:
        citation.target = _pointer_before(text, citation.start)
    _years_from_context(found)
    return found


def _from_typed(match: re.Match[str]) -> Citation | None:
    number = canonical_number(match.group("number"))
    year, type_code, issuer_code = number_parts(number)
    written_type = _type_name(match.group("type"))
    coded_type = type_from_code(type_code)
    if coded_type and written_type and coded_type != written_type and written_type not in ("Văn bản hợp nhất",):
        if not (written_type.startswith(coded_type) or coded_type.startswith(written_type)):
            return None  # "Quyết định 10/CT-TTg" is not a citation we can trust
    citation = _citation(match, written_type, number, year, issuer_code)
    return citation


def _from_named(match: re.Match[str]) -> Citation | None:
    number = canonical_number(match.group("number")) if match.group("number") else None
    year, _, issuer_code = number_parts(number) if number else (None, None, None)
    citation = _citation(match, _type_name(match.group("type")), number, year, issuer_code)
    citation.name = collapse(match.group("name")).strip(" ,")
    if citation.year is None and match.group("year"):
        citation.year, citation.year_source = int(match.group("year")), "name"
    return citation


def _numbers_by_paragraph(text: str) -> list[LegalRefSpan]:
    """find_legal_numbers paragraph by paragraph: it looks back from each number for a type word, which
    costs time in proportion to the text before the number, so short inputs keep it fast."""
    spans: list[LegalRefSpan] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        if "/" not in paragraph.group(0):
            continue
        offset = paragraph.start()
        for span in find_legal_numbers(paragraph.group(0)):
            spans.append(LegalRefSpan(span.start + offset, span.end + offset, span.ref))
    return spans


def _from_number(text: str, span: LegalRefSpan) -> Citation | None:
    """A number cited without a type word ("theo 57/2022/NĐ-CP"); the type comes from its code."""
    if not span.ref.number or text[max(0, span.start - 1):span.start] in ("/", "."):
        return None  # "số..../2016/NĐ-CP" in a form is a blank, not a citation
    number = canonical_number(span.ref.number)
    year, type_code, issuer_code = number_parts(number)
    doc_type = span.ref.kind or type_from_code(type_code)
    if doc_type is None and not (issuer_code and re.fullmatch(r"(?:UBTV)?QH\d+", issuer_code) and year):
        return None
    citation = Citation(
        type=doc_type, number=number, year=year, issuer_code=issuer_code, date=span.ref.date,
        issuer=span.ref.issuer, text=collapse(text[span.start:span.end]), start=span.start, end=span.end,
        year_source="number" if year else None,
    )
    if citation.year is None and citation.date:
        citation.year, citation.year_source = int(citation.date[:4]), "date"
    return citation


def _issuers_from_codes(citations: list[Citation], numbers: list[LegalRefSpan]) -> None:
    """"Chỉ thị số 10/CT-TTg" without "của …": the issuer code names the issuer (TTg: Thủ tướng Chính phủ)."""
    by_start = sorted(numbers, key=lambda s: s.start)
    for citation in citations:
        if citation.issuer or not citation.number:
            continue
        inside = next((s for s in by_start if citation.start <= s.start < citation.end and s.ref.issuer), None)
        if inside is not None:
            citation.issuer = inside.ref.issuer


def _citation(match: re.Match[str], doc_type: str | None, number: str | None, year: int | None, issuer_code: str | None) -> Citation:
    issued = date_from_match(match) if (match.groupdict().get("d") or match.groupdict().get("d2")) else None
    issuer = match.groupdict().get("issuer")
    citation = Citation(
        type=doc_type, number=number, year=year, issuer_code=issuer_code, date=issued,
        issuer=agency_display(collapse(issuer)) if issuer else None,
        text=collapse(match.group(0)), start=match.start(), end=match.end(),
        year_source="number" if year else None,
    )
    if citation.year is None and issued:
        citation.year, citation.year_source = int(issued[:4]), "date"
    return citation


def _type_name(written: str) -> str | None:
    lower = collapse(written).lower()
    return next((t for t in DOCUMENT_TYPES if t.lower() == lower), None)


def _anaphors(text: str, found: list[Citation], taken: list[tuple[int, int]]) -> list[Citation]:
    result = []
    for match in _ANAPHOR.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        doc_type = _type_name(match.group("type"))
        earlier = [c for c in found if c.type == doc_type and c.end <= match.start()]
        if earlier:
            antecedent = earlier[-1]
            copy = antecedent.model_copy(update={"text": collapse(match.group(0)), "start": match.start(), "end": match.end()})
            result.append(copy)
    return result


def _pointer_before(text: str, start: int) -> CitationTarget | None:
    window = text[max(0, start - 160):start]
    match = _POINTER_CHAIN.search(window)
    if not match:
        return None
    return _target(match.group(0))


def _target(chain: str) -> CitationTarget | None:
    parts = [(unit.lower(), label) for unit, label in _POINTER_PART.findall(chain) if label.lower() not in ("của", "này")]
    if not parts:
        return None
    target = CitationTarget(path=parts)
    for unit, label in parts:
        field = _UNIT_FIELD.get(unit)
        if field and getattr(target, field) is None:
            setattr(target, field, label)
    return target


def _years_from_context(citations: list[Citation]) -> None:
    """"Chỉ thị số 10/CT-TTg" repeated without its date is the same text as the dated mention."""
    dated: dict[tuple[str | None, str], Citation] = {}
    for citation in citations:
        if citation.number and citation.year is not None:
            key = (citation.type, citation.number.upper())
            if key not in dated or (citation.date and not dated[key].date):
                dated[key] = citation
    for citation in citations:
        antecedent = dated.get((citation.type, citation.number.upper())) if citation.number else None
        if antecedent is None or antecedent is citation:
            continue
        if citation.year is None:
            citation.year, citation.year_source = antecedent.year, "context"
        if citation.year == antecedent.year:
            citation.date = citation.date or antecedent.date
            citation.issuer = citation.issuer or antecedent.issuer


def find_cross_references(document: LegalDocument) -> list[CrossReference]:
    """Pointers into the text itself, resolved to the unit they name when it exists."""
    text = document.text
    cited = sorted((c.start, c.end) for c in document.citations)
    cited_starts = [start for start, _ in cited]
    references = []
    for match in _SELF.finditer(text, document.body_start, document.body_end or len(text)):
        chain = match.group("chain")
        after = text[match.end():match.end() + 40]
        if re.match(r"\s+(?:của\s+)?(?:" + _TYPES_WITH_NUMBER + r")\s+(?!này)", after, re.IGNORECASE):
            continue  # points into a cited text
        if _inside_citation(cited, cited_starts, match.end()):
            continue
        target = _target(chain + " ")
        if target is None:
            continue
        target = _relative(document, target, chain, match.start())
        if target is None:
            continue
        node = document.find(target.article, target.clause, target.point)
        references.append(CrossReference(
            text=collapse(match.group(0)), start=match.start(), end=match.end(), target=target,
            node_start=node.start if node else None, node_end=node.end if node else None,
        ))
    return references


def _inside_citation(cited: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """True when a citation covers ``offset`` or starts right after it (within 5 characters)."""
    index = bisect_right(starts, offset + 5) - 1
    return index >= 0 and offset <= cited[index][1]


def _relative(document: LegalDocument, target: CitationTarget, chain: str, at: int) -> CitationTarget | None:
    """"khoản 3 Điều này" -> the article around it; "điểm a khoản này" -> the clause around it."""
    around = {node.kind: node.label for node in document.path_at(at)}
    if target.article is None and "khoản" in chain and "Điều" not in chain and "điều" not in chain:
        target.article = around.get("dieu")
    if re.search(r"Điều\s+này|điều\s+này", chain):
        target.article = around.get("dieu")
    if re.search(r"khoản\s+này", chain):
        target.article, target.clause = around.get("dieu"), around.get("khoan")
    if target.article is None and target.clause is None and target.point is None:
        return None
    return target


def document_key(document: LegalDocument) -> tuple[str | None, int | None, str | None]:
    """(number key, year, issuer code) of a parsed text, the identity citations are resolved on."""
    if not document.number:
        return (None, None, None)
    year, _, issuer_code = number_parts(document.number)
    if year is None and document.date:
        year = int(document.date[:4])
    return (_number_key(document.number), year, issuer_code)


def resolve_citation(
    citation: Citation, documents: Iterable[LegalDocument]
) -> tuple[LegalDocument, StructureNode | None] | None:
    """The text a citation points to among ``documents`` and, when it has a target, the unit in it.

    A numbered citation resolves on (number, year, issuer code) and never on the number alone: without a
    year it stays unresolved, since "10/CT-TTg" names several directives. A named law without a number
    ("Luật Căn cước năm 2023") resolves on (type, name, year) against the text's type, title and date.
    """
    if citation.year is None:
        return None
    for document in documents:
        if citation.number:
            wanted = (_number_key(citation.number), citation.year, citation.issuer_code)
            if document_key(document) != wanted:
                continue
            if citation.type and document.type and citation.type != document.type and document.type != "Văn bản hợp nhất":
                continue
        else:
            same_name = bool(citation.name and document.title and citation.name.casefold() == document.title.casefold())
            same_year = bool(document.date and int(document.date[:4]) == citation.year)
            if not (citation.type == document.type and same_name and same_year):
                continue
        target = citation.target
        node = document.find(target.article, target.clause, target.point) if target else None
        return document, node
    return None
