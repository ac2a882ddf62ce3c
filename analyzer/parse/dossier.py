"""Dossier (thành phần hồ sơ) helpers: copy counts, copy kind, portal-flat glued rows, clean names."""

from __future__ import annotations

import re

from analyzer.model import CopyKind
from analyzer.parse._nfc import LOWER_LETTERS, nfc

# "Bản chính: 1", "Bản sao : 0" (portal DOCX, BQP, CSDL quantity cells)
_LABELLED_ORIGINALS = re.compile(r"bản\s+(?:chính|gốc)\s*[:：]\s*(\d+)", re.IGNORECASE)
_LABELLED_COPIES = re.compile(r"bản\s+(?:sao|chụp|photo)\s*[:：]\s*(\d+)", re.IGNORECASE)
# "1 bản chính", "02 bản sao", "01 (một) bản chính"
_COUNT = r"(\d{1,3})\s*(?:\([^()\d]{1,12}\)\s*)?"
_COUNTED_ORIGINALS = re.compile(_COUNT + r"bản\s+(?:chính|gốc)(?!\w)", re.IGNORECASE)
_COUNTED_COPIES = re.compile(_COUNT + r"bản\s+(?:sao|chụp|photo)(?!\w)", re.IGNORECASE)

_CERTIFIED = re.compile(
    r"bản\s+sao\s+(?:có\s+|được\s+)?(?:chứng\s+thực|công\s+chứng)|bản\s+sao\s+có\s+công\s+chứng"
    r"|bản\s+sao\s+(?:có\s+)?chứng\s+thực|sao\s+y\s+bản\s+chính",
    re.IGNORECASE,
)
_SHOW_FIRST = re.compile(r"^\W*xuất\s+trình|\(\s*xuất\s+trình", re.IGNORECASE)
_ELECTRONIC = re.compile(
    r"bản\s+(?:sao\s+)?điện\s+tử|bản\s+scan|bản\s+quét|dữ\s+liệu\s+điện\s+tử|định\s+dạng\s+điện\s+tử|tệp\s+tin\s+điện\s+tử",
    re.IGNORECASE,
)
_COPY = re.compile(r"bản\s+(?:sao|chụp|photo)", re.IGNORECASE)
_SHOW = re.compile(r"xuất\s+trình|(?:bản\s+(?:chính|gốc)\s+)?để\s+(?:kiểm\s+tra\s+,?\s*)?đối\s+chiếu", re.IGNORECASE)

# portal-flat: a row is NAME + COUNT glued ("Đơn khiếu nại1 bản chính"); the count column reads
# "N bản chính" or "N bản chính,M bản sao". The same words inside a name ("… 01 bản chính hoặc
# 01 bản sao") are followed by a continuation of the sentence, which is how they are told apart.
_GLUED_COUNT = re.compile(r"(?P<digits>\d+) bản chính(?:\s*,\s*(?P<copies>\d+) bản sao)?")
_SENTENCE_GOES_ON = re.compile(
    r"\s*(?:hoặc|và|kèm|để|có|của|theo|đối|trong|được|do|nếu|cho|từ|tại|đã|phải|\)|/|,\s*\d|\.\s*[a-zđ])",
    re.IGNORECASE,
)
_TABLE_HEADER = re.compile(r"^\s*-*\s*Tên\s+giấy\s+tờ\s*Mẫu\s+đơn,\s*tờ\s+khai\s*Số\s+lượng\s*", re.IGNORECASE)
_PUNCTUATION = " \t\n.,;:-+*•–"
_LOWER_OR_OPEN = re.compile(r"[\s(:;," + LOWER_LETTERS + "]")

_LEADING_MARKERS = re.compile(
    r"^(?:\s*(?:[-+*•–—]+|\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-zđ][.)]|\(?[ivx]{1,5}[.)]|\([a-zđ\d]{1,3}\)|[IVX]{1,5}\.)\s+)+",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,200}>")
_FORM_FILE = re.compile(r"\.(?:docx?|pdf|xlsx?|rtf|odt|zip|rar)(?![\w])", re.IGNORECASE)
_FILE_OPENER = re.compile(
    r"(?:Mẫu|Mau|Phụ\s+lục|Phu\s+luc|PHỤ\s+LỤC|Phlc|PL|BM|TK|Tờ\s+khai|Biểu\s+mẫu|Don|Đơn)(?=[\s\d_.-]|[A-ZĐ])"
)


def parse_copy_counts(text: str | None) -> tuple[int | None, int | None]:
    """(originals, copies) from "Bản chính: 1\\nBản sao: 0", "1 bản chính,1 bản sao", "02 bản sao"."""
    if not text:
        return (None, None)
    composed = nfc(text)
    originals = _first_int(_LABELLED_ORIGINALS, composed)
    copies = _first_int(_LABELLED_COPIES, composed)
    if originals is None:
        originals = _first_int(_COUNTED_ORIGINALS, composed)
    if copies is None:
        copies = _first_int(_COUNTED_COPIES, composed)
    return (originals, copies)


def detect_copy_kind(name: str, originals: int | None = None, copies: int | None = None) -> CopyKind | None:
    """The kind of paper a document line asks for; the wording wins over the counts.

    Certified copies first ("bản sao có chứng thực"), then papers to show ("Xuất trình …"), electronic
    papers, plain copies, papers shown for comparison ("bản chính để đối chiếu"), and finally the counts.
    """
    text = nfc(name or "")
    if _CERTIFIED.search(text):
        return "ban_sao_chung_thuc"
    if _SHOW_FIRST.search(text):
        return "xuat_trinh"
    if _ELECTRONIC.search(text):
        return "dien_tu"
    if _COPY.search(text):
        return "ban_sao"
    if _SHOW.search(text):
        return "xuat_trinh"
    if originals:
        return "ban_chinh"
    if copies:
        return "ban_sao"
    return None


def split_glued_count(text: str | None) -> list[tuple[str, int | None, int | None]]:
    """Split portal-flat's "Đơn khiếu nại1 bản chínhQuyết định1 bản chính" into (name, originals, copies).

    A leading "--Tên giấy tờMẫu đơn, tờ khaiSố lượng" table header is skipped. The count's digits are
    told apart from digits ending the name ("mẫu TK061 bản chính" is "mẫu TK06" + 1): a lone digit
    is the count; a zero-padded "01" after a space or a word is the count; otherwise only the last
    digit is. Text after the last count (a truncated row) is returned with no counts.
    """
    if not text:
        return []
    composed = _TABLE_HEADER.sub("", nfc(text))
    rows: list[tuple[str, int | None, int | None]] = []
    row_start = cursor = 0
    for match in _GLUED_COUNT.finditer(composed):
        if _inside_brackets(composed, cursor, match.start()) or _SENTENCE_GOES_ON.match(composed, match.end()):
            continue
        digits = match.group("digits")
        count_start = match.start() + len(digits) - len(_count_digits(composed, match.start(), digits))
        if not composed[cursor:count_start].strip(_PUNCTUATION):
            if not rows:
                continue
            # "…: 01 bản chính.1 bản chính": the previous count was part of the name
            rows.pop()
        else:
            row_start = cursor
        originals = int(composed[count_start : match.start() + len(digits)])
        copies = int(match.group("copies")) if match.group("copies") else None
        rows.append((composed[row_start:count_start].strip(), originals, copies))
        cursor = match.end()
    tail = composed[cursor:].strip()
    if tail.strip(_PUNCTUATION):
        rows.append((tail, None, None))
    return rows


def _count_digits(text: str, start: int, digits: str) -> str:
    """The part of a digit run that is the count (see split_glued_count)."""
    if len(digits) == 1:
        return digits
    before = text[start - 1] if start > 0 else " "
    if len(digits) == 2 and digits[0] == "0" and _LOWER_OR_OPEN.match(before):
        return digits
    return digits[-1]


def _inside_brackets(text: str, start: int, end: int) -> bool:
    segment = text[start:end]
    return segment.count("(") > segment.count(")")


def split_form_files(name: str) -> tuple[str, list[str]]:
    """Separate template file names glued after a document name (portal-flat), best effort.

    "Văn bản đề nghị (NA20).Mau NA20-BCA.docx" → ("Văn bản đề nghị (NA20).", ["Mau NA20-BCA.docx"]).
    A file name starts at a template word ("Mẫu", "Mau", "Phụ lục", "TK" …) glued to the text before
    it or after ".", ";", ")"; failing that, after the last "." or ";" followed by a letter.
    When no start can be found the name is returned unchanged.
    """
    rest = nfc(name).strip()
    files: list[str] = []
    while True:
        extension = _last_extension(rest)
        if extension is None:
            break
        start = _file_start(rest, extension)
        if start is None:
            break
        files.insert(0, rest[start:].strip())
        rest = rest[:start].strip()
    return rest, files


def _last_extension(text: str) -> int | None:
    """Start of the extension when `text` ends with a file extension."""
    ends = [m for m in _FORM_FILE.finditer(text) if m.end() == len(text)]
    return ends[-1].start() if ends else None


def _file_start(text: str, extension_start: int) -> int | None:
    window = max(0, extension_start - 120)
    openers = [_with_number_prefix(text, m.start()) for m in _FILE_OPENER.finditer(text, window, extension_start)]
    openers = [index for index in openers if _is_glue_point(text, index)]
    if openers:
        return openers[-1]
    for i in range(extension_start - 1, window, -1):
        if text[i] in ".;" and text[i + 1].isalpha():
            return i + 1
    return None


def _with_number_prefix(text: str, index: int) -> int:
    """Include an upload number glued before the template word: "(Mẫu NA9).10-Mẫu NA9.doc"."""
    prefix = re.search(r"\d{1,3}\s*-\s*$", text[max(0, index - 6) : index])
    return index - len(prefix.group(0)) if prefix else index


def _is_glue_point(text: str, index: int) -> bool:
    """A file name can start here: after ".", ";", ")" or glued to the previous word."""
    if index == 0:
        return False  # the whole line would be a file name: keep it as the name
    before = text[index - 1]
    return before in ".;)" or before.isalpha()


def clean_document_name(name: str) -> str:
    """Strip list markers ("- ", "+ ", "a)", "1.", "(i)"), HTML leftovers and trailing ";" / "." / ",".

    The wording itself is kept: "(nếu có)", "theo Mẫu TK06" and the like carry meaning.
    """
    text = _HTML_TAG.sub(" ", nfc(name or ""))
    text = " ".join(text.split())
    text = _LEADING_MARKERS.sub("", text)
    return text.rstrip(" ;.,:").strip()


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match.group(1)) if match else None
