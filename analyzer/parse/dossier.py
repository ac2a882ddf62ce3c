"""Dossier (thành phần hồ sơ): the one implementation every reader uses.

From the bottom up:

* cells: copy counts ("Bản chính: 1\\nBản sao: 0", "1 bản chính,1 bản sao"), the copy kind a name asks
  for, a name without list markers;
* rows: what a row of a dossier table is (a paper, a note, a sub-case heading, a list intro, a
  "papers to show" section), and what a table heading is (a case, the default case, a section, notes);
* cases: tables of rows become ``Case``s of ``DocumentRequirement``s (``build_cases``), with issues the
  reader turns into warnings.

Each reader cuts its own format into ``DossierTable``s first (the portal-flat scrape's glued cells:
``analyzer.ingest._flat_dossier``).

Row order: the official DOCX export keeps the portal's row order (125 of 130 tables with numbered rows are
in order) but the portal-flat scrape does not (41 of 66 are shuffled). A heading *row* ("- Trường hợp ủy
quyền:", "Giấy tờ phải xuất trình:") names the rows after it, so it is only followed when the rows are in
order; otherwise the papers stay in their table's case and an issue says which headings were not applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from analyzer.model import Case, CopyKind, DocumentRequirement
from analyzer.parse._nfc import nfc
from analyzer.resources.vocabulary import default_vocabulary

# --- cells: counts, copy kinds, names ---------------------------------------------------------------

# "Bản chính: 1", "Bản sao : 0" (portal DOCX, BQP, CSDL quantity cells); matched on lower-cased text
_LABELLED_ORIGINALS = re.compile(r"bản\s+(?:chính|gốc)\s*[:：]\s*(\d+)")
_LABELLED_COPIES = re.compile(r"bản\s+(?:sao|chụp|photo)\s*[:：]\s*(\d+)")
# "1 bản chính", "02 bản sao", "01 (một) bản chính"
_COUNT = r"(\d{1,3})\s*(?:\([^()\d]{1,12}\)\s*)?"
_COUNTED_ORIGINALS = re.compile(_COUNT + r"bản\s+(?:chính|gốc)(?!\w)")
_COUNTED_COPIES = re.compile(_COUNT + r"bản\s+(?:sao|chụp|photo)(?!\w)")

# Copy kinds, tested on lower-cased text in this order (the wording wins over the counts); the phrasings
# are vocabulary.yaml copy_phrasings.
_CERTIFIED = default_vocabulary().copy_phrasing("certified")
SELF_CERTIFIED = default_vocabulary().copy_phrasing("self_certified")  # a copy the applicant vouches for
_SHOW_FIRST = default_vocabulary().copy_phrasing("show_first")
_ELECTRONIC = default_vocabulary().copy_phrasing("electronic")
_COPY = default_vocabulary().copy_phrasing("copy")
_SHOW = default_vocabulary().copy_phrasing("show")

_LEADING_MARKERS = default_vocabulary().list_marker("name_prefix")
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,200}>")


def parse_copy_counts(text: str | None) -> tuple[int | None, int | None]:
    """(originals, copies) from "Bản chính: 1\\nBản sao: 0", "1 bản chính,1 bản sao", "02 bản sao"."""
    if not text:
        return (None, None)
    lower = nfc(text).lower()
    if "bản" not in lower:
        return (None, None)
    originals = _first_int(_LABELLED_ORIGINALS, lower)
    copies = _first_int(_LABELLED_COPIES, lower)
    if originals is None:
        originals = _first_int(_COUNTED_ORIGINALS, lower)
    if copies is None:
        copies = _first_int(_COUNTED_COPIES, lower)
    return (originals, copies)


def detect_copy_kind(name: str, originals: int | None = None, copies: int | None = None) -> CopyKind | None:
    """The kind of paper a document line asks for; the wording wins over the counts.

    Certified copies first ("bản sao có chứng thực"; a copy stamped by the applicant itself is a plain one), then papers to show ("Xuất trình …"), electronic
    papers, plain copies, papers shown for comparison ("bản chính để đối chiếu"), and finally the counts.
    """
    text = nfc(name or "").lower()
    # substring guards first: most names contain none of these words, and the regexes are the cost
    has_copy = "sao" in text or "chụp" in text or "photo" in text
    has_show = "xuất" in text or "đối chiếu" in text
    if has_copy and _CERTIFIED.search(text):
        return "ban_sao" if SELF_CERTIFIED.search(text) else "ban_sao_chung_thuc"
    if has_show and _SHOW_FIRST.search(text):
        return "xuat_trinh"
    if ("điện" in text or "scan" in text or "quét" in text) and _ELECTRONIC.search(text):
        return "dien_tu"
    if has_copy and _COPY.search(text):
        return "ban_sao"
    if has_show and _SHOW.search(text):
        return "xuat_trinh"
    if originals:
        return "ban_chinh"
    if copies:
        return "ban_sao"
    return None


def clean_document_name(name: str) -> str:
    """Strip list markers ("- ", "+ ", "a)", "1.", "(i)"), HTML leftovers and trailing ";" / "." / ",".

    The wording itself is kept: "(nếu có)", "theo Mẫu TK06" and the like carry meaning.
    """
    text = nfc(name or "")
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    text = " ".join(text.split())
    text = _LEADING_MARKERS.sub("", text)
    return text.rstrip(" ;.,:").strip()


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match.group(1)) if match else None


# --- rows and headings ------------------------------------------------------------------------------

# list markers: "* ", "- ", "+ ", Wingdings bullets, "1.", "1.2.", "2/", "(3)", "a) ", "b.1) ", "(ii)"
_MARKERS = default_vocabulary().list_marker("row_prefix")
_NOTE = re.compile(r"^(?:lưu ý|ghi chú|ví dụ|chú ý)\b", re.IGNORECASE)
# notes, and the number of dossier sets ("* Số lượng hồ sơ: 01 (một) bộ."): rows that are not papers
_PSEUDO_ROW = re.compile(r"^(?:lưu ý|ghi chú|ví dụ|chú ý|số lượng hồ sơ|số bộ hồ sơ)\b", re.IGNORECASE)
_SHOW_SECTION = re.compile(
    r"^(?:các\s+)?(?:giấy tờ|chứng từ)\s+(?:phải\s+)?xuất trình"
    r"|^xuất trình"
    r"|xuất trình\s+(?:các|những|một trong các|một trong những)\s+giấy tờ sau",
    re.IGNORECASE,
)
_SUBMIT_SECTION = re.compile(r"^(?:các\s+)?(?:giấy tờ|chứng từ)\s+(?:phải\s+)?nộp\b(?!.*\bđối với\b)", re.IGNORECASE)
# headings that only introduce the list: the single default case
_GENERIC_HEADING = re.compile(r"^(?:thành phần hồ sơ|hồ sơ)?\s*(?:bao gồm|gồm có|gồm)?\W*$", re.IGNORECASE)
# "- Trường hợp ủy quyền:", "Đối với phương tiện thương mại:", "Hồ sơ do Cơ sở đào tạo nộp:",
# "Hồ sơ đề nghị chấp thuận việc … gồm:" — but not the generic "Hồ sơ gồm (các giấy tờ sau):"
_SUB_CASE_ROW = re.compile(
    r"^(?:(?:thành phần\s+)?hồ sơ\s+)?(?:trường hợp|đối với)\b"
    r"|^(?:thành phần\s+)?hồ sơ\s+(?!(?:gồm|bao gồm|gồm có|bao gồm có)\b)\w",
    re.IGNORECASE,
)
# a row that only introduces the papers after it: "Người có yêu cầu … nộp các giấy tờ sau:", "Hồ sơ gồm:"
_INTRO_END = re.compile(r"(?:\bsau(?:\s+đây)?|\bnhư sau|\bgồm(?:\s+có)?|\bbao gồm)\s*:\s*$", re.IGNORECASE)
_INTRO_START = re.compile(r"^(?:(?:thành phần\s+)?hồ sơ|người|cá nhân|tổ chức|để|ngoài)\b", re.IGNORECASE)


class RowRole(Enum):
    DOCUMENT = "document"  # a paper to hand in (or to show)
    NOTE = "note"  # "Lưu ý: …", "Số lượng hồ sơ: 01 bộ"
    INTRO = "intro"  # "… các giấy tờ sau:": introduces the rows after it
    SUB_CASE = "sub_case"  # "- Trường hợp ủy quyền:": the rows after it are a case of their own
    SHOW_SECTION = "show_section"  # "Giấy tờ phải xuất trình:": the rows after it are shown, not handed in
    SUBMIT_SECTION = "submit_section"  # "Giấy tờ phải nộp:": the rows after it are handed in


class HeadingKind(Enum):
    DEFAULT = "default"  # none, "--", "Bao gồm", "Thành phần hồ sơ": the default case
    CASE = "case"  # "Trường hợp …" or any other name: a case of its own
    SUBMIT = "submit"  # "* Giấy tờ phải nộp:": papers of the current case
    SHOW = "show"  # "* Giấy tờ phải xuất trình:": papers of the current case, shown not handed in
    NOTE = "note"  # "* Lưu ý:": a table of remarks, not papers


def strip_markers(text: str) -> str:
    """Text without its list markers ("* ", "- ", "a) ", "1.2. ", "(ii) ")."""
    return _MARKERS.sub("", text.strip()).strip()


def heading_kind(heading: str | None) -> HeadingKind:
    """What the text above a dossier table (its case heading) makes of the table."""
    bare = strip_markers(heading or "")
    if not bare.strip(" -:"):
        return HeadingKind.DEFAULT
    if _NOTE.match(bare):
        return HeadingKind.NOTE
    if _SHOW_SECTION.search(bare):
        return HeadingKind.SHOW
    if _SUBMIT_SECTION.match(bare):
        return HeadingKind.SUBMIT
    if _GENERIC_HEADING.match(bare):
        return HeadingKind.DEFAULT
    return HeadingKind.CASE


def row_role(name: str, originals: int | None = None, copies: int | None = None) -> RowRole:
    """What a row of a dossier table is. Only rows ending in ":" can be headings; a heading row's count
    cell is the portal's default and says nothing, except that a counted row is never a mere intro."""
    bare = strip_markers(name)
    if _PSEUDO_ROW.match(bare):
        return RowRole.NOTE
    if not bare.endswith(":"):
        return RowRole.DOCUMENT
    if _SHOW_SECTION.search(bare):
        return RowRole.SHOW_SECTION
    if _SUBMIT_SECTION.match(bare):
        return RowRole.SUBMIT_SECTION
    if _SUB_CASE_ROW.match(bare):
        return RowRole.SUB_CASE
    if not originals and not copies and (_INTRO_END.search(bare) or _INTRO_START.match(bare)):
        return RowRole.INTRO
    return RowRole.DOCUMENT


def case_title(text: str) -> str | None:
    """A heading as a case name: no list markers, no final colon."""
    return strip_markers(text).rstrip(" :").strip() or None


# --- rows to cases ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DossierRow:
    """One row of a dossier table, cells as the source gives them (counts already read)."""

    name: str
    form: str | None = None
    originals: int | None = None
    copies: int | None = None


@dataclass(frozen=True, slots=True)
class DossierTable:
    heading: str | None  # the text above the table: a case name, a section, "--", None
    rows: tuple[DossierRow, ...]


@dataclass(frozen=True, slots=True)
class DossierIssue:
    """Something the reader should report as a warning (code, English message, source text)."""

    code: str
    message: str
    text: str


@dataclass
class Dossier:
    cases: list[Case] = field(default_factory=list)
    issues: list[DossierIssue] = field(default_factory=list)


def make_document(row: DossierRow, shown: bool = False) -> DocumentRequirement | None:
    """The paper a row asks for; None when the row has no name left once cleaned."""
    name = clean_document_name(row.name)
    if not name:
        return None
    kind: CopyKind | None = "xuat_trinh" if shown else detect_copy_kind(name, row.originals, row.copies)
    form = " ".join(row.form.split()) if row.form and row.form.strip() else None
    return DocumentRequirement(name=name, originals=row.originals, copies=row.copies, copy_kind=kind, form=form)


class _CaseBuilder:
    """Tables become cases: named tables open a case, sections add to the current one."""

    def __init__(self, ordered: bool) -> None:
        self.ordered = ordered
        self.cases: list[Case] = []
        self.issues: list[DossierIssue] = []
        self.default: Case | None = None
        self.current: Case | None = None

    def _default_case(self) -> Case:
        if self.default is None:
            self.default = Case(name=None)
            self.cases.append(self.default)
        return self.default

    def _note(self, text: str) -> None:
        """A remark published as a row (or table) of the dossier: left out of the papers, and reported, since the
        published record should carry it in its description (a record defect)."""
        self.issues.append(DossierIssue("dossier_note_row", "a note is published as a row of the dossier list",
                                        " ".join(text.split())[:300]))

    def _open(self, name: str | None) -> Case:
        case = Case(name=name)
        self.cases.append(case)
        return case

    def add_table(self, table: DossierTable) -> None:
        kind = heading_kind(table.heading)
        if kind is HeadingKind.NOTE:
            self._note(" ".join(filter(None, [table.heading, *(row.name for row in table.rows)])))
            return
        if kind is HeadingKind.DEFAULT:
            self.current = self._default_case()
        elif kind is HeadingKind.CASE:
            self.current = self._open(case_title(table.heading or ""))
        target = self.current or self._default_case()
        self._add_rows(target, table.rows, shown=kind is HeadingKind.SHOW)

    def _add_rows(self, table_case: Case, rows: Iterable[DossierRow], shown: bool) -> None:
        target, ignored = table_case, []
        for row in rows:
            role = row_role(row.name, row.originals, row.copies)
            if role is RowRole.NOTE and _NOTE.match(strip_markers(row.name)):
                self._note(row.name)
            if role in (RowRole.NOTE, RowRole.INTRO):
                continue
            if role is not RowRole.DOCUMENT:
                if not self.ordered:
                    ignored.append(strip_markers(row.name))
                elif role is RowRole.SUB_CASE:
                    title = case_title(row.name)
                    target = self._open(f"{table_case.name} — {title}" if table_case.name else title)
                else:
                    shown = role is RowRole.SHOW_SECTION
                continue
            document = make_document(row, shown)
            if document is not None:
                target.documents.append(document)
        if ignored:
            self.issues.append(DossierIssue(
                "dossier_rows_unordered",
                "heading rows inside a table whose row order the source does not keep: "
                "the papers stay in the table's case",
                " | ".join(ignored),
            ))


def build_cases(tables: Iterable[DossierTable], *, ordered: bool = True) -> Dossier:
    """Cases from dossier tables in source order; ``ordered`` says whether rows keep the source's order.

    Tables headed "--" / none / "Bao gồm" share the default case; "Giấy tờ phải nộp / xuất trình" tables
    add to the current case (shown papers get ``copy_kind="xuat_trinh"``); notes are skipped. Papers are
    never copied between cases: the source does not say that they are shared. Empty cases are dropped.
    """
    builder = _CaseBuilder(ordered)
    for table in tables:
        builder.add_table(table)
    return Dossier([case for case in builder.cases if case.documents], builder.issues)


# --- steps or other text where a dossier should be ---------------------------------------------------

_STEP_MARKER = re.compile(r"(?:^|[\s.;:])(?:Bước|BƯỚC)\s*\d", re.MULTILINE)


def suspect_dossier_text(text: str) -> str | None:
    """Why a text given as the dossier is not one (the scrape put the steps there), or None."""
    if _STEP_MARKER.search(text):
        return "the dossier text holds numbered steps (Bước n), not papers"
    return None
