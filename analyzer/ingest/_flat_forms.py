"""Cut form file names off portal-flat document names.

The "Mẫu đơn, tờ khai" cell holds file names ("Mus08.docx", "Mẫu số 01.docx",
"Mau01-ĐN(BHYT) (1).doc") that the scrape glued to the end of the name cell:
"…theo Mẫu số 01 Phụ lục I của Nghị định số 258/2025/NĐ-CPMẫu số 01.docx". Several files run
together ("Mus05.docxMus02.docx"). File names may hold spaces, dots and brackets, so the cut is
made at the leftmost *glue point* (two tokens joined without a space where prose would have one)
within a window before the extension. Checked against the 123 name/form pairs that the official
DOCX exports give for the same procedures (where the two crawls agree): all cut right.
"""

from __future__ import annotations

import re

# no word boundary after the extension: the next file or the count follows directly ("Mus05.docxMus02.docx")
_EXTENSION = re.compile(r"\.(?:docx|doc(?!x)|pdf|xlsx|xls(?!x)|rar|zip)", re.I)
_MAX_FILE_NAME = 150
_LEGAL_NUMBER_TAIL = re.compile(r"\d/\d{4}/[\w-]*$")
# issuer codes that end a document number and are often glued to the next word: NĐ-CP, QĐ-TTg, NQ-CP
_ISSUER_END = re.compile(r"\d/\d{4}/[\wĐ]+-(?:CP|TTg)$")
# phrases that end a name right before a lower-case file name: "theo mẫuvăn bản đề nghị.docx"
_PHRASE_END = re.compile(r"(?:theo mẫu|theo quy định|quy định)$")
_DATE_END = re.compile(r"(?:\d/\d{4}|năm \d{4})$")
_WORD_BEFORE = re.compile(r"[^\W\d_]{2}$")
_UPPER = "".join(chr(code) for code in range(0x41, 0x1F00) if chr(code).isupper() and chr(code).isalpha())
_LOWER = "".join(chr(code) for code in range(0x61, 0x1F00) if chr(code).islower() and chr(code).isalpha())
# positions worth testing with _glue_strength (a cheap pre-filter: most letter pairs are lower-lower)
_CANDIDATE = re.compile(
    rf"(?<=[.;:,)])[\w!~]|(?<=[{_LOWER}])[{_UPPER}0-9]|(?<=[0-9])[{_UPPER}]|(?<=[{_UPPER}])[{_UPPER}0-9]"
    rf"|(?<=[uhPg])[{_LOWER}]"
)


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


def _ends_with_file(text: str) -> bool:
    return any(match.end() == len(text) for match in _EXTENSION.finditer(text))


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


def split_forms(text: str) -> tuple[str, list[str], bool]:
    """(name, form file names in order, unsplit) for a name cell with form files glued to it.

    ``unsplit`` is True when the text ends with a file name whose start cannot be found; the
    text is then returned whole as the name and no form is claimed for that file.
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
