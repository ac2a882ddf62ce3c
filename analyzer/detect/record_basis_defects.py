"""Defects of a record's legal basis (record_defects.*, issue 13 item 3): rows that are wrong in themselves (a
misspelt or cut kind, a number without its year or with a cut symbol, a law whose year is outside its Quốc hội's
term, a decree or law given another issuer, a text listed twice, several texts in one row), a basis of amending
texts only, and a decree or circular detailing a law the basis does not cite. The facts (terms of the Quốc hội,
who issues what) are data of legal_status.yaml (``basis_rows``); the wording is in record_defects.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterator

from analyzer.detect._similarity import shorten
from analyzer.detect.finding import Evidence
from analyzer.detect.record_defect import RecordDefect, body_texts, make_defect
from analyzer.model import LegalRef, Procedure
from analyzer.resources import Resources
from analyzer.text import fold

QUOTED = 3  # rows quoted in one defect's evidence

_KINDS = r"(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Thông tư|Quyết định|Nghị quyết)"
# "1- Luật khám bệnh … 2- Nghị định số 87/2011 …": a numbered list of texts in one row
_LISTED_TEXT = re.compile(rf"(?:^|\s)\d{{1,2}}\s*[-.)]\s*{_KINDS}(?!\w)")
# "… của Luật thú yNghị định số 35/2016 …": the next row's text glued to this one
_GLUED_TEXT = re.compile(rf"[a-zà-ỹđ]{_KINDS} số", re.UNICODE)
_LAW_NUMBER = re.compile(r"/QH\d+$", re.IGNORECASE)
_STANDING_COMMITTEE = re.compile(r"thường vụ", re.IGNORECASE)
# "Quyết định công bố thủ tục hành chính được sửa đổi, bổ sung …", "Công bố thủ tục hành chính mới trong lĩnh vực …": the
# decision that publishes the record, not a text that sets the procedure
_PUBLICATION = re.compile(r"(?:^|\W)công bố (?:danh mục )?(?:các )?thủ tục hành chính", re.IGNORECASE)
_AMENDING = re.compile(r"sửa đổi|bổ sung một số điều", re.IGNORECASE)  # a text that amends another one
# "225/NĐ-CP", "28/TT-NHNN": a decree, circular or law numbered without its year
_NO_YEAR = re.compile(r"^\d+/(?:NĐ-CP|TT-|TTLT-|QH\d)", re.IGNORECASE)
# "nghị định 146/2025", "21/2019": a number without the symbol of the text (…/NĐ-CP, …/TT-BGDĐT)
_NO_SYMBOL = re.compile(r"^\d{1,4}/\d{4}$")
# "118/2025/NĐ-C": a decree number whose symbol is cut
_DECREE_NUMBER = re.compile(r"^\d+/\d{4}/(.+)$")
_OLD_YEAR = re.compile(r"(?<!\d)(?:19\d\d|2000)(?!\d)")  # a text of the years before numbers carried the year
_NAMED = re.compile(r"[a-zà-ỹđ]{2,}")
_LAW_YEAR = re.compile(r"^\d+/(\d{4})/QH(\d+)$", re.IGNORECASE)
# "Quy định chi tiết (thi hành) (một số điều của) Luật Đất đai", "hướng dẫn thi hành Luật …": the law a text details
_DETAILS_LAW = re.compile(r"(?:quy định chi tiết|hướng dẫn(?: chi tiết)?)(?: và hướng dẫn)?(?: thi hành)?(?: một số điều(?: và biện pháp thi hành)?)?"
                          r"(?: của)? (luật|bộ luật) ((?:\S+\s*){1,10})", re.IGNORECASE)


# "Luật số 02/2016/QH14 ngày 18/11/2016", "… số 07/2007/TTLT-BTM-BTC ngày 06 tháng 7 năm 2007": a number dated in the title
_DATED_NUMBER = re.compile(r"(\d+/\d{4}/[a-zđ0-9-]+)\s*,?\s*(?:\S+\s+){0,6}?ngày\s+(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)(\d{1,2})"
                           r"\s*(?:/|-|\.|\s+năm\s+)(\d{4})", re.IGNORECASE)


def _title_date(ref: LegalRef) -> str | None:
    """The date the row's title gives its own number ("dd/mm/yyyy"), where it is not the row's date."""
    number = (ref.number or "").strip().upper()
    if not number or not ref.date:
        return None
    for found in _DATED_NUMBER.finditer(" ".join((ref.title or "").split())):
        day, month, year = (int(found.group(i)) for i in (2, 3, 4))
        if found.group(1).upper() == number and 1 <= day <= 31 and 1 <= month <= 12 and f"{year:04d}-{month:02d}-{day:02d}" != ref.date[:10]:
            return f"{day:02d}/{month:02d}/{year:04d}"
    return None


# "Quyết định 188/2007/QĐ-TTg" as the title of the row 191/2005/TTLT: a title that opens with a text's number
_TITLE_NUMBER = re.compile(r"^\W*(?:(?:luật|bộ luật|pháp lệnh|nghị định|thông tư liên tịch|thông tư|quyết định|nghị quyết)\s+)?"
                           r"(?:số\s*)?(\d{1,4}/\d{4}/[A-ZĐ][\w-]*)", re.IGNORECASE)


def _title_number(ref: LegalRef) -> str | None:
    """The number the row's title opens with, where it is not the row's own (number and year compared)."""
    found = _TITLE_NUMBER.match(" ".join((ref.title or "").split()))
    number = (ref.number or "").strip()
    if found is None or not re.match(r"\d{1,4}/\d{4}", number):
        return None
    return found.group(1) if _number_key(found.group(1)) != _number_key(number) else None


def _settings(resources: Resources) -> dict[str, Any]:
    return resources.legal_status().get("basis_rows") or {}


def _kind_written_wrong(ref: LegalRef, settings: dict[str, Any]) -> str | None:
    """The title starts with a misspelt kind ("Thông thư") or a kind cut at its first letter ("hông tư")."""
    title = " ".join((ref.title or "").split())
    lowered = title.lower()
    for wrong in settings.get("misspelt_kinds") or ():
        if lowered.startswith(wrong + " ") or lowered == wrong:
            return title[:len(wrong)]
    kind = (ref.kind or "").lower()
    if kind and title[:1].islower() and not lowered.startswith(kind):
        for cut in (1, 2):
            if len(kind) - cut >= 4 and lowered.startswith(kind[cut:] + " "):
                return title[:len(kind) - cut]
    return None


def _row_problems(ref: LegalRef, settings: dict[str, Any], issuer_published: bool) -> list[str]:
    """What is wrong with one row in itself (Vietnamese, for the message). The issuer, and a title naming another text,
    are judged only where the source publishes each row's columns apart (elsewhere the reader derives the issuer from
    the number's symbol, and splits one text into rows, so a title may be the next row's)."""
    problems = []
    number = (ref.number or "").strip()
    kind = (ref.kind or "").strip()
    if number and _LAW_NUMBER.search(number) and ref.issuer and _STANDING_COMMITTEE.search(ref.issuer):
        problems.append("luật của Quốc hội nhưng ghi cơ quan ban hành là Ủy ban thường vụ Quốc hội")
    if (wrong := _kind_written_wrong(ref, settings)) is not None:
        problems.append(f"tên loại văn bản viết sai («{wrong}»)")
    if number and _NO_YEAR.match(number) and not _OLD_YEAR.search(f"{ref.title or ''} {ref.date or ''}"):
        problems.append(f"số hiệu «{number}» thiếu năm ban hành")
    if _NO_SYMBOL.match(number):
        problems.append(f"số hiệu «{number}» thiếu ký hiệu văn bản")
    symbols = settings.get("symbols") or {}
    if number and kind in symbols and (found := _DECREE_NUMBER.match(number)) and fold(found.group(1)) != fold(symbols[kind]):
        problems.append(f"số hiệu «{number}» ghi sai ký hiệu (đúng là …/{symbols[kind]})")
    terms = settings.get("legislatures") or {}
    if (law := _LAW_YEAR.match(number)) and (term := terms.get(int(law.group(2)))) and not term[0] <= int(law.group(1)) <= term[1]:
        problems.append(f"số hiệu «{number}» có năm ngoài nhiệm kỳ Quốc hội khóa {law.group(2)} ({term[0]}–{term[1]})")
    issuers = settings.get("issuers") or {}
    issuer = " ".join((ref.issuer or "").lower().split())
    if issuer_published and issuer and kind in issuers and issuer not in issuers[kind] and not _STANDING_COMMITTEE.search(issuer):
        problems.append(f"{kind.lower()} ghi cơ quan ban hành là «{ref.issuer}»")
    if issuer_published and (other := _title_number(ref)) is not None:
        problems.append(f"số hiệu «{number}» nhưng tên ghi văn bản khác («{other}»)")
    if (dated := _title_date(ref)) is not None:
        shown = "/".join(reversed((ref.date or "")[:10].split("-")))
        problems.append(f"tên ghi ngày ban hành {dated} nhưng cột ngày ban hành ghi {shown}")
    if _PUBLICATION.search(ref.title or ""):
        problems.append("là quyết định công bố thủ tục hành chính, không phải văn bản quy định thủ tục")
    if len(_LISTED_TEXT.findall(ref.title or "")) >= 2 or _GLUED_TEXT.search(ref.title or ""):
        problems.append("nhiều văn bản gộp chung một dòng")
    return problems


def _cited(ref: LegalRef) -> str:
    return " ".join(filter(None, [ref.kind, (ref.number or "").strip(), ref.title]))


def basis_rows(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """One defect for the rows that are wrong in themselves (each row's problems in the message, the first rows
    quoted); and one for a basis of amending texts only (the text they amend is missing)."""
    settings = _settings(resources)
    issuer_published = procedure.source is not None and procedure.source.format in (settings.get("issuer_published_in") or ())
    problems: list[tuple[int, str, str]] = []  # (row, what, quoted text)
    counts = Counter((ref.number or "").strip().upper() for ref in procedure.legal_basis if ref.number)
    seen: set[str] = set()
    for position, ref in enumerate(procedure.legal_basis):
        number = (ref.number or "").strip()
        problems += [(position, what, _cited(ref)) for what in _row_problems(ref, settings, issuer_published)]
        if number and counts[number.upper()] > 1 and number.upper() not in seen and _same_rows(procedure, number):
            seen.add(number.upper())
            problems.append((position, "văn bản được liệt kê nhiều lần", _cited(ref)))
    cited = [" ".join(filter(None, [ref.kind, ref.title])).lower() for ref in procedure.legal_basis]
    if cited and all(_AMENDING.search(text) for text in cited):
        yield make_defect(procedure, "basis_only_amendments", "legal_basis",
                          [Evidence(field="legal_basis", index=p, text=shorten(_cited(r)))
                           for p, r in enumerate(procedure.legal_basis[:QUOTED])],
                          text=shorten(" ".join(filter(None, [procedure.legal_basis[0].number, procedure.legal_basis[0].title])), 80))
    if problems:
        rows = list(dict.fromkeys(p for p, _, _ in problems))
        yield make_defect(procedure, "basis_row", "legal_basis",
                          [Evidence(field="legal_basis", index=p, text=shorten(next(t for q, _, t in problems if q == p)))
                           for p in rows[:QUOTED]],
                          text=shorten(problems[0][2], 80), problem="; ".join(dict.fromkeys(w for _, w, _ in problems)))


def _is_circular(ref: LegalRef, settings: dict[str, Any]) -> bool:
    """A circular by its kind, or by its number's symbol where the row gives no kind ("09/2015/TTLT-BCA-BYT-BTC")."""
    kind = " ".join((ref.kind or "").lower().split())
    if kind:
        return kind in (settings.get("circular_kinds") or ())
    symbol = (ref.number or "").strip().upper().split("/")[2:3]
    return bool(symbol) and any(symbol[0].startswith(s.upper()) for s in settings.get("circular_symbols") or ())


def basis_circulars_only(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """Every row of the basis is a circular ("Thông tư 66/2025/TT-BNNMT" alone, "TTLT 09/2015" alone): the law (or the
    decree) that assigns the procedure and that the circular details is not cited (Nghị định 63/2010 Điều 8 khoản 3:
    a text other than a law sets a procedure only where a law assigns it)."""
    settings = _settings(resources)
    refs = procedure.legal_basis
    if not refs or not all(_is_circular(ref, settings) for ref in refs):
        return
    yield make_defect(procedure, "basis_circulars_only", "legal_basis",
                      [Evidence(field="legal_basis", index=p, text=shorten(_cited(r))) for p, r in enumerate(refs[:QUOTED])],
                      text=shorten(_cited(refs[0]), 80), count=len(refs))


def _same_rows(procedure: Procedure, number: str) -> bool:
    """Two rows cite the same number with the same title: the text is listed twice. Rows that differ are mostly one row
    the reader split (the hand reading of round 5: 5 of 10 "listed twice" were), so they are not reported."""
    titles = [" ".join((ref.title or "").lower().split()) for ref in procedure.legal_basis
              if (ref.number or "").strip().upper() == number.upper()]
    return len(titles) >= 2 and all(titles) and len(set(titles)) < len(titles)


_STOP_WORDS = {"số", "năm", "ngày", "về", "của", "đã", "được", "tại", "theo", "quy", "đối", "do", "trong"}


def _law_name(words: str) -> str:
    """"Khám bệnh, chữa bệnh số 15/2023", "an toàn thực phẩm15/2018/NĐ-CP" -> the law's name: the words up to a
    number, a date, a stop word, or a mark not followed by a lower-case word ("Khám bệnh, chữa bệnh" goes on; "và" only
    in a listed name: "Khoa học, công nghệ và đổi mới sáng tạo")."""
    kept: list[str] = []
    tokens = words.split()
    for position, word in enumerate(tokens):
        letters = re.match(r"[^\d/]*", word).group(0)  # type: ignore[union-attr]
        letters = _glued_at(letters)  # "Chăn nuôiNghị định": the next row glued on
        clean = letters.strip(".,;:()\"“”")
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if not clean or clean.lower() in _STOP_WORDS or (clean.lower() == "và" and not (following[:1].islower() and any(k.endswith(",") for k in kept))):
            break
        kept.append(letters.rstrip(".;:()\"“”"))
        if letters != word or letters.rstrip(",") != letters.rstrip(".,;:()\"“”") or (letters.endswith(",") and not following[:1].islower()):
            break
    return " ".join(kept).rstrip(",")


def _glued_at(word: str) -> str:
    """The word up to a capital glued after a small letter ("nuôiNghị" -> "nuôi")."""
    for position in range(1, len(word)):
        if word[position].isupper() and word[position - 1].islower():
            return word[:position]
    return word


def _name_key(text: str) -> str:
    """Words without marks: a law is cited when every word of its name is in a law row ("Luật Khám, chữa bệnh")."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())


def law_not_cited(procedure: Procedure) -> Iterator[RecordDefect]:
    """A decree or circular of the basis details a law ("quy định chi tiết một số điều của Luật An toàn thực phẩm")
    that no row of the basis cites: the law the procedure rests on is missing."""
    refs = procedure.legal_basis
    laws = [" ".join(_cited(r).lower().split()) for r in refs if (r.kind or "").lower() in ("luật", "bộ luật")
            or _LAW_NUMBER.search((r.number or "").strip())]
    if any(not _NAMED.search(re.sub(r"\d+/\d{4}/qh\d+|bộ luật|luật|số", " ", law)) for law in laws):
        return  # a law cited by its number only ("Luật 65/2006/QH11"): which law it is cannot be read
    for position, ref in enumerate(refs):
        if (ref.kind or "").lower() in ("luật", "bộ luật") or _AMENDING.search(ref.title or ""):
            continue
        found = _DETAILS_LAW.search(" ".join((ref.title or "").split()))
        if found is None:
            continue
        name = _law_name(found.group(2))
        if len(name.split()) < 2 or name.lower().startswith("sửa đổi") or any(set(_name_key(name).split()) <= set(_name_key(law).split()) for law in laws):
            continue
        law = f"{found.group(1).capitalize()} {name[:1].upper()}{name[1:]}"
        yield make_defect(procedure, "basis_law_missing", "legal_basis",
                          [Evidence(field="legal_basis", index=position, text=shorten(_cited(ref)))],
                          text=shorten(_cited(ref), 80), law=law)
        return


# "40/2025/NĐ-CP ngày 25/01/2026": a text's number carries the year it is signed in (laws, numbered by the Quốc
# hội's term, are left out: their number also carries the year they are passed)
_NUMBER_AND_DATE = re.compile(r"(?<![\w/])\d{1,4}/(\d{4})/(?!QH)[A-ZĐ][\w-]*\s+(?:ngày\s+)?\d{1,2}\s*(?:/|-|tháng)\s*\d{1,2}"
                              r"\s*(?:/|-|năm)\s*(\d{4})", re.IGNORECASE)


def citations_misdated(procedure: Procedure) -> Iterator[RecordDefect]:
    """One defect for the citations whose number's year is not the year of the date written with it."""
    texts = [*body_texts(procedure), *(("legal_basis", None, p, ref.title or "") for p, ref in enumerate(procedure.legal_basis)),
             *(("channels", None, p, " ".join(f.text for f in c.fees)) for p, c in enumerate(procedure.channels))]
    found = [(field, case, index, match.group(0)) for field, case, index, text in texts
             for match in _NUMBER_AND_DATE.finditer(text) if match.group(1) != match.group(2)]
    if found:
        field, _, _, text = found[0]
        yield make_defect(procedure, "citation_misdated", field,
                          [Evidence(field=f, case=c, index=i, text=t) for f, c, i, t in found[:QUOTED]], text=" ".join(text.split()))


# "… số 85/2025/TT-BNNMT": a cited text's number. The symbol is read case-sensitively: a number glued to the next word
# ("50/2024/NĐ-CPngày") keeps its own symbol only.
_CITED_NUMBER = (r"(?i:nghị định|thông tư liên tịch|thông tư|quyết định)\s+(?i:số\s*)?"
                 r"(\d{1,4}/\d{4}/(?:NĐ-CP|ND-CP|NQ-CP|QĐ-TTg|TTLT(?:-[A-ZĐ]+)+|TT-[A-ZĐ]+|QĐ-[A-ZĐ]+))(?![A-ZĐ0-9-])")
# "Mẫu số 35 Phụ lục II ban hành kèm theo Thông tư số 85/2025/TT-BNNMT", "theo mẫu tại Phụ lục IX ban hành kèm theo
# Nghị định 77/2023/NĐ-CP": a form (or an appendix) the record uses, and the text that issues it
_FORM_SOURCE = re.compile(r"(?i:mẫu|phụ lục)[^.;]{0,80}?(?i:kèm theo|tại|của)\s+" + _CITED_NUMBER)
# "… hồ sơ quy định tại khoản 1 Điều 6 Thông tư số 11/2020/TT-BTP": a step done as a provision of a text sets it
_STEP_PROVISION = re.compile(r"(?i:quy định tại)\s+(?i:(?:điểm|khoản|điều)\s+[\w.]+[\s,]*(?:(?:và\s+|của\s+)?(?:điểm|khoản|điều)\s+[\w.]+[\s,]*){0,3})"
                             r"(?i:của\s+)?" + _CITED_NUMBER)
# papers the applicant holds, issued by another agency on its own form ("Bản sao Quyết định nghỉ hưu theo mẫu ban hành
# kèm theo Nghị định số 46/2010/NĐ-CP", "Thông báo số định danh cá nhân (Mẫu số 01 ban hành kèm theo Thông tư số
# 59/2021/TT-BCA)"): their form is not one of the procedure's; and a form "as amended by" a text (the amending text)
_HELD_PAPER = re.compile(r"^\W*(?:[a-zđ0-9]{1,2}[.)]\s*)?(?:bản chính|bản sao|bản chụp|quyết định|giấy chứng nhận|thông báo|giấy phép|"
                         r"chứng chỉ|thẻ|sổ)(?!\w)", re.IGNORECASE)
_HELD_BEFORE = re.compile(r"căn cước|hộ chiếu|chứng minh nhân dân|định danh", re.IGNORECASE)
_AMENDED_BY = re.compile(r"sửa đổi|bổ sung|thay thế", re.IGNORECASE)
_ANY_NUMBER = re.compile(r"(?<![\d.])\d{1,4}/\d{4}(?!\d)")


def _number_key(number: str) -> str:
    """"85/2025/TT-BNNMT" -> "85/2025": a text is matched on its number and year only, since a symbol is often cut
    ("07/2026/TT-BNNM") or left out ("146/2025") in one of the places; two texts of one number and year are rare."""
    return "/".join(str(int(part)) for part in number.strip().split("/")[:2])


def _citations(procedure: Procedure) -> Iterator[re.Match[str]]:
    """The record's citations of the texts that set its forms and steps: a form or appendix anywhere in its body (not
    a paper the applicant holds, nor a form "as amended by" a text), a provision a step is done under."""
    for field, _, _, text in body_texts(procedure):
        if field == "documents" and _HELD_PAPER.match(text):
            continue
        for found in _FORM_SOURCE.finditer(text):
            if not (_AMENDED_BY.search(found.group(0)) or _HELD_BEFORE.search(text[max(0, found.start() - 200):found.start()])):
                yield found
        if field == "steps":
            yield from _STEP_PROVISION.finditer(text)


def cited_text_not_in_basis(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """A form or appendix of the record is issued by a text ("Mẫu số 35 ban hành kèm theo Thông tư số 85/2025/TT-BNNMT"),
    or a step is done under a provision of one ("hồ sơ quy định tại khoản 1 Điều 6 Thông tư số 11/2020/TT-BTP"), that no
    row of the legal basis cites (by its number or in its title): a text the procedure rests on is missing from its
    basis. An empty basis is no_legal_basis's; a repealed text is repealed_cited's; the texts on how every procedure is
    handled (legal_status.yaml basis_rows.general_texts: the one-stop mechanism, online filing) are not the procedure's."""
    refs = procedure.legal_basis
    if not any(ref.number for ref in refs):
        return
    cited = {_number_key(found.group(0)) for ref in refs for found in _ANY_NUMBER.finditer(f"{ref.number or ''} {ref.title or ''}")}
    repealed = {number.strip().upper().replace("ND-CP", "NĐ-CP") for number in resources.legal_status().get("repealed") or {}}
    general = {_number_key(number) for number in _settings(resources).get("general_texts") or ()}
    missing: dict[str, str] = {}  # number -> the first place quoted
    for found in _citations(procedure):
        number = found.group(1).replace("ND-CP", "NĐ-CP")
        key = _number_key(number)
        if key not in cited and key not in general and number.upper() not in repealed and number not in missing:
            missing[number] = " ".join(found.group(0).split())
    if missing:
        numbers = list(missing)
        yield make_defect(procedure, "cited_text_not_in_basis", "legal_basis",
                          [Evidence(field="legal_basis", text=shorten(missing[n])) for n in numbers[:QUOTED]],
                          text=shorten(missing[numbers[0]], 120), numbers=", ".join(numbers[:QUOTED]))


CHECKS = (law_not_cited, citations_misdated)
DATA_CHECKS = (basis_rows, cited_text_not_in_basis, basis_circulars_only)
