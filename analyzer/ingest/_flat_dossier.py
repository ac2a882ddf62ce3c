"""The portal-flat scrape's dossier: every cell of the "thành phần hồ sơ" tables glued into one string
("…tờ khai(1).pdf1 bản chínhQuyết định…"). ``split_flat_tables`` cuts it into the tables of rows
``analyzer.parse.dossier.build_cases`` reads (count cells, form file names cut off the names).

Row order: the portal-flat scrape does not keep the portal's row order (41 of 66 tables with numbered rows
are shuffled), so its tables are built with ``ordered=False`` (see ``analyzer.parse.dossier``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.parse._nfc import LOWER_LETTERS, UPPER_LETTERS, nfc
from analyzer.parse.dossier import Dossier, DossierIssue, DossierRow, DossierTable, build_cases, suspect_dossier_text

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
