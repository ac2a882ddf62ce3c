"""Dossier (thành phần hồ sơ): the one implementation every reader uses.

From the bottom up:

* cells: copy counts ("Bản chính: 1\\nBản sao: 0", "1 bản chính,1 bản sao"), the copy kind a name asks
  for, a name without list markers;
* rows: what a row of a dossier table is (a paper, a note, a sub-case heading, a list intro, a
  "papers to show" section), and what a table heading is (a case, the default case, a section, notes);
* cases: tables of rows become ``Case``s of ``DocumentRequirement``s (``build_cases``), with issues the
  reader turns into warnings;
* portal-flat: the scrape glued every cell together ("…tờ khai(1).pdf1 bản chínhQuyết định…"):
  ``split_flat_tables`` cuts it into the same tables of rows (count cells, form file names).

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
from analyzer.parse._nfc import LOWER_LETTERS, UPPER_LETTERS, nfc
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

    def _open(self, name: str | None) -> Case:
        case = Case(name=name)
        self.cases.append(case)
        return case

    def add_table(self, table: DossierTable) -> None:
        kind = heading_kind(table.heading)
        if kind is HeadingKind.NOTE:
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


# --- portal-flat: tables glued into one string --------------------------------------------------------

FLAT_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"

# Originals are one digit in every portal export (the official DOCX never shows 10 or more), so a
# name ending in a digit ("Mẫu số 18" + "1 bản chính") gives up only its last digit to the count.
_COUNT_CELL = re.compile(r"(\d) bản chính(?:,(\d+) bản sao)?")
# "01 bản chính" written inside a name ("Tờ khai: 01 bản chính; …") goes on as prose: a space and a
# lower-case word, or ", " / "; ". The generated cell is followed by the next row, which starts with a
# capital, a digit, a marker or a bracket ("…1 bản chínhKèm theo hộ chiếu…" is a count).
_PROSE_AFTER = re.compile(rf"[ \t][{LOWER_LETTERS}]|[,;] ")


def _is_count_cell(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    # "…: 01 bản chính" — a zero-padded count after a non-digit is prose, the generated cell is "1 bản chính"
    if start >= 1 and text[start - 1] == "0" and (start < 2 or not text[start - 2].isdigit()):
        return False
    return not _PROSE_AFTER.match(text, match.end())


def split_count_cells(block: str) -> tuple[list[tuple[str, int, int]], str]:
    """(name with form, originals, copies) for each counted row of a glued table, and the text after
    the last count cell. "1 bản chính" alone means no copies: the DOCX export shows "Bản sao: 0"."""
    rows: list[tuple[str, int, int]] = []
    position = 0
    for match in _COUNT_CELL.finditer(block):
        if not _is_count_cell(block, match):
            continue
        rows.append((block[position : match.start()], int(match.group(1)), int(match.group(2) or 0)))
        position = match.end()
    return rows, block[position:]


def _split_blocks(text: str) -> list[tuple[str, str]]:
    """(heading, rows text) per table. A table's heading is the tail of the previous table after its last count."""
    parts = text.split(FLAT_HEADER)
    blocks = []
    heading = parts[0]
    for index, part in enumerate(parts[1:], start=1):
        if index == len(parts) - 1:
            blocks.append((heading, part))
            break
        _, tail = split_count_cells(part)
        blocks.append((heading, part[: len(part) - len(tail)]))
        heading = tail
    return blocks


@dataclass(frozen=True, slots=True)
class FlatTables:
    tables: list[DossierTable]
    unsplit_forms: list[str]  # names ending in a form file whose start was not found


def split_flat_tables(text: str) -> FlatTables:
    """The tables of a flattened dossier, rows with counts and form files cut off the names.

    Shape: ``<heading>Tên giấy tờMẫu đơn, tờ khaiSố lượng<name>[<form file>]<count><name>…<heading>…``;
    the last row of the last table may have an empty count cell. Text without the table header is not a
    dossier table: no table is returned (see ``read_flat_dossier``).
    """
    composed = nfc(text)
    tables: list[DossierTable] = []
    unsplit: list[str] = []
    blocks = _split_blocks(composed) if FLAT_HEADER in composed else []
    for index, (heading, body) in enumerate(blocks):
        counted, tail = split_count_cells(body)
        cells: list[tuple[str, int | None, int | None]] = list(counted)
        if index == len(blocks) - 1 and tail.strip(" .;,-+*"):
            cells.append((tail, None, None))  # a last row whose count cell is empty
        rows = []
        for cell, originals, copies in cells:
            name, forms, not_split = split_form_files(cell)
            if not_split:
                unsplit.append(name)
            if name.strip(" .;,-+*"):
                rows.append(DossierRow(name=name, form="; ".join(forms) or None, originals=originals, copies=copies))
        tables.append(DossierTable(heading=heading, rows=tuple(rows)))
    return FlatTables(tables, unsplit)


def read_flat_dossier(text: str) -> Dossier:
    """Cases of a portal-flat "thành phần hồ sơ" text; issues for what could not be read with certainty."""
    flat = split_flat_tables(text)
    if not flat.tables:
        reason = suspect_dossier_text(text) or "the dossier text has no document table"
        return Dossier([], [DossierIssue("documents_suspect", f"{reason}: no document read", text[:200])])
    dossier = build_cases(flat.tables, ordered=False)
    for name in flat.unsplit_forms:
        dossier.issues.append(DossierIssue("document_form_unsplit", "a form file name is glued to the document name", name[-200:]))
    return dossier


# --- portal-flat: form file names glued to document names --------------------------------------------
# The "Mẫu đơn, tờ khai" cell holds file names ("Mus08.docx", "Mẫu số 01.docx", "Mau01-ĐN(BHYT) (1).doc")
# glued to the end of the name: "…Nghị định số 258/2025/NĐ-CPMẫu số 01.docx". Several files run together
# ("Mus05.docxMus02.docx"). File names hold spaces, dots and brackets, so the cut is made at the leftmost
# *glue point* (two tokens joined where prose would have a space) within a window before the extension.
# Checked against the 123 name/form pairs the official DOCX gives for the same procedures: all cut right.

# no word boundary after the extension: the next file or the count follows directly ("Mus05.docxMus02.docx")
_EXTENSION = re.compile(r"\.(?:docx|doc(?!x)|pdf|xlsx|xls(?!x)|rar|zip)", re.IGNORECASE)
_MAX_FILE_NAME = 150
_LEGAL_NUMBER_TAIL = re.compile(r"\d/\d{4}/[\w-]*$")
# issuer codes that end a document number and are often glued to the next word: NĐ-CP, QĐ-TTg, NQ-CP
_ISSUER_END = re.compile(r"\d/\d{4}/[\wĐ]+-(?:CP|TTg)$")
# phrases that end a name right before a lower-case file name: "theo mẫuvăn bản đề nghị.docx"
_PHRASE_END = re.compile(r"(?:theo mẫu|theo quy định|quy định)$")
_DATE_END = re.compile(r"(?:\d/\d{4}|năm \d{4})$")
_WORD_BEFORE = re.compile(r"[^\W\d_]{2}$")
# positions worth testing with _glue_strength (a cheap pre-filter: most letter pairs are lower-lower)
_CANDIDATE = re.compile(
    rf"(?<=[.;:,)])[\w!~]|(?<=[{LOWER_LETTERS}])[{UPPER_LETTERS}0-9]|(?<=[0-9])[{UPPER_LETTERS}]"
    rf"|(?<=[{UPPER_LETTERS}])[{UPPER_LETTERS}0-9]|(?<=[uhPg])[{LOWER_LETTERS}]"
)


def split_form_files(text: str) -> tuple[str, list[str], bool]:
    """(name, form file names in order, unsplit) for a name cell with form files glued to it.

    "Văn bản đề nghị (NA20).Mau NA20-BCA.docx" → ("Văn bản đề nghị (NA20).", ["Mau NA20-BCA.docx"], False).
    ``unsplit`` is True when the text ends with a file name whose start cannot be found; the text is
    then returned whole as the name and no form is claimed for that file.
    """
    forms: list[str] = []
    name = text.rstrip()
    while _ends_with_file(name):
        start = _last_file_start(name)
        if start is None:
            return name, forms, True
        forms.insert(0, name[start:])
        name = name[:start]
    return name, forms, False


def _ends_with_file(text: str) -> bool:
    if "." not in text[-6:]:
        return False
    return any(match.end() == len(text) for match in _EXTENSION.finditer(text, max(0, len(text) - 6)))


def _last_file_start(text: str) -> int | None:
    """Start of the file name that ends ``text``, or None when no glue point can be found."""
    extensions = list(_EXTENSION.finditer(text))
    while len(extensions) > 1 and extensions[-2].end() == extensions[-1].start():
        extensions.pop()  # "báo cáo (1).docx.docx" is one file with a doubled extension
    last = extensions[-1]
    previous_end = extensions[-2].end() if len(extensions) > 1 else 0
    # a file name glued to a name needs a name before it: ".Đơn đề nghị…Mẫu 25.docx" is cut at the seam, not the dot
    first_word = next((index for index, char in enumerate(text) if char.isalnum()), len(text))
    window_start = max(first_word + 1, previous_end, last.start() - _MAX_FILE_NAME)
    strengths = {m.start(): _glue_strength(text, m.start()) for m in _CANDIDATE.finditer(text, window_start, last.start())}
    if previous_end and previous_end == window_start:
        strengths[previous_end] = 2  # "Mus05.docxMus02.docx": a file starts where the previous one ends
    # the leftmost punctuation seam wins; file names themselves hold ".", so the leftmost is the boundary
    for wanted in (2, 1):
        seams = [at for at, strength in strengths.items() if strength == wanted]
        if seams:
            return min(seams)
    return None


def _glue_strength(text: str, at: int) -> int:
    """How surely a file name starts at ``at``: 2 after punctuation, 1 at a case or issuer seam, 0 not at all."""
    before, char = text[at - 1], text[at]
    if before.isspace() or not (char.isalnum() or char in "!_~"):
        return 0
    if before in ".;:,)":
        if before in ".," and text[at - 2 : at - 1].isdigit() and not _DATE_END.search(text, 0, at - 1):
            return 0  # "12.12" is a number and "Mẫu số 29.NT", "11.1.PLcp" are codes, unlike "ngày 30/6/2023.NA5"
        return 2
    return 1 if before.isalnum() and _is_seam(text, at) else 0


def _is_seam(text: str, at: int) -> bool:
    """Two words joined without a space: "tếMau01", "NĐ-CPMẫu", "BGTVTMẫu", "05Phụ", "mẫuvăn"."""
    before, char = text[at - 1], text[at]
    window = text[max(0, at - 40) : at]
    if before in "Pg" and _ISSUER_END.search(window):
        return True
    if before.islower() and char.islower():  # only "theo mẫu|văn bản"
        return before in "uh" and bool(_PHRASE_END.search(window))
    in_number = bool(_LEGAL_NUMBER_TAIL.search(window))
    if before.islower() and char.isupper():
        return not in_number  # "QĐ-TTg" is one code
    if before.islower() and char.isdigit():
        return bool(_WORD_BEFORE.search(window)) and not in_number  # not "4x6"
    if before.isdigit() and char.isupper():
        return text[at + 1 : at + 2].islower()  # "Phụ lục số 05Phụ lục số 05_TT24.docx"
    if before.isupper() and in_number:
        if _ISSUER_END.search(text, max(0, at - 39), at + 1):
            return False  # inside the code itself: "NĐ-C|Pmau"
        # "89/2019/NĐ-CP11.1.docx", "19/2017/TT-BGTVTMẫu số 3.docx"
        return char.isdigit() or (char.isupper() and text[at + 1 : at + 3].isalpha() and text[at + 1 : at + 3].islower())
    return False
