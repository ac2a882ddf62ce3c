"""Read a legal text file (txt, md, html, docx, pdf; legacy .doc when LibreOffice is installed) as text.

Tables become "| cell | cell |" lines, one per row, so the legal-text parser sees a web page, a DOCX
and a markdown export the same way. Text files of any supported encoding (UTF-8/16, cp1258, TCVN3,
VNI) are decoded by ``analyzer.text.decode_bytes``; DOCX runs typed in the legacy fonts (".VnTime",
".VnTimeH", "VNI-Times") are decoded by font. Errors name the file and say what to do.

``legal_files(inputs)`` expands files and folders and names every file it skips; ``read_legal_text(path)``
reads and parses one file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from analyzer.ingest.base import InputError
from analyzer.text import TextDecodeError, decode_bytes

if TYPE_CHECKING:
    from analyzer.parse.legal import LegalDocument

_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_DOCX_SUFFIXES = {".docx", ".docm"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLOCK_TAGS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "blockquote",
    "pre", "ul", "ol", "dd", "dt", "hr", "header", "footer", "main",
}
_CONVERT_TIMEOUT = 120  # seconds LibreOffice may take to convert one .doc
# rFonts naming a TCVN3 (".VnTime", ".VnArialH") or VNI ("VNI-Times") font, in document.xml or styles.xml
_LEGACY_FONT = re.compile(rb'w:(?:ascii|hAnsi)="(?:\.Vn|VNI)', re.IGNORECASE)


def legal_files(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, InputError | None]]:
    """(path, None) for each file to read, in order: each named file, and the files of each named folder
    (recursively, sorted, hidden and Office lock files left out). A folder's file of a type this module cannot
    read comes as (path, InputError saying it was skipped), so every file is accounted for."""
    for item in inputs:
        path = Path(item)
        if not path.is_dir():
            yield path, None
            continue
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.startswith((".", "~$")):
                continue
            try:
                kind = _kind(child, _head(child))
            except OSError:
                kind = "text"  # unreadable: read_legal_file says why
            if kind == "unknown":
                yield child, InputError(f"{child}: bỏ qua, loại tệp không hỗ trợ ({child.suffix or 'không có đuôi'}); "
                                        "đọc được: txt, md, html, docx, pdf, doc")
            else:
                yield child, None


def read_legal_text(path: str | Path, source: str | None = None) -> LegalDocument:
    """Read a legal text file and parse it (``analyzer.parse.legal.parse_legal_text``); ``source`` defaults
    to the path. Raises InputError for a file that cannot be read (the message says why)."""
    from analyzer.parse.legal import parse_legal_text

    return parse_legal_text(read_legal_file(path), source=source or str(path))


UPLOAD_TYPES = ("txt", "md", "html", "htm", "docx", "pdf")  # what a reviewer may upload in the app
_KIND_NAMES = {"pdf": "PDF", "docx": "DOCX", "html": "HTML", "htm": "HTML", "txt": "văn bản", "md": "văn bản"}
_LIBRARY_DETAIL = re.compile(r"\s*\([A-Za-z][\w.]*(?:Error|Exception)\b[^)]*\)")


def read_legal_upload(name: str, data: bytes) -> LegalDocument:
    """Parse a file a reviewer uploaded. Raises InputError with a Vietnamese message that names the file and the
    reason: a type not accepted, an empty file, a corrupt PDF or DOCX — never a library's traceback."""
    import logging

    name = Path(name).name or "tệp tải lên"
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in UPLOAD_TYPES:
        kind = f"«.{suffix}»" if suffix else "không có phần mở rộng"
        raise InputError(f"Tệp «{name}»: loại tệp {kind} không được hỗ trợ (chỉ nhận {', '.join(UPLOAD_TYPES)}).")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return read_legal_text(path, source=name)
        except InputError as exc:
            raise InputError(f"Không đọc được tệp «{name}»: {_reason(str(exc), str(path))}.") from exc
        except Exception as exc:  # a library's own error on a damaged file: said in Vietnamese, traced in the log
            logging.getLogger(__name__).exception("upload %s could not be read", name)
            raise InputError(f"Không đọc được tệp «{name}»: tệp {_KIND_NAMES[suffix]} bị hỏng hoặc không đúng "
                             "định dạng.") from exc


def _reason(message: str, path: str) -> str:
    """The Vietnamese reason inside a reader's message: without the temporary path, the English half
    ("… — tiếng Việt") and the library's exception detail."""
    reason = message.removeprefix(f"{path}: ").replace(path, "tệp")
    if " — " in reason:
        reason = reason.rsplit(" — ", 1)[1]
    return _LIBRARY_DETAIL.sub("", reason).strip().rstrip(".")


def read_legal_file(path: str | Path) -> str:
    """The text of a legal document file; raises InputError with the reason when it cannot."""
    path = Path(path)
    try:
        size = path.stat().st_size
        head = _head(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from exc
    if size == 0:
        raise InputError(f"{path}: tệp rỗng (0 byte), không có văn bản để đọc")
    kind = _kind(path, head)
    readers = {"text": _read_text, "html": _read_html, "docx": _read_docx, "zip": _read_zip, "pdf": _read_pdf,
               "doc": _read_doc}
    reader = readers.get(kind, _read_text)  # a file named explicitly is tried as text whatever its name
    try:
        return reader(path)
    except TextDecodeError as exc:
        raise InputError(str(exc)) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(8)


def _kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if suffix in _DOCX_SUFFIXES:
        return "docx"  # even when its bytes are not a zip: then it is a broken DOCX, and said so
    if head.startswith(b"PK\x03\x04") or suffix == ".zip":
        return "zip"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _TEXT_SUFFIXES:
        return "text"
    if suffix == ".pdf":
        return "pdf"
    return "unknown"


def _read_zip(path: Path) -> str:
    """A zip archive not named .docx: a DOCX saved under another name is read, anything else is refused."""
    if not zipfile.is_zipfile(path):
        raise InputError(f"{path}: tệp zip hỏng (không mở được), không đọc được văn bản")
    with zipfile.ZipFile(path) as archive:
        is_docx = "word/document.xml" in archive.namelist()
    if not is_docx:
        raise InputError(f"{path}: tệp nén zip không phải văn bản DOCX (không có word/document.xml); "
                         "giải nén và chọn từng văn bản")
    return _read_docx(path)


def _read_text(path: Path) -> str:
    text = decode_bytes(path.read_bytes(), str(path))
    if re.match(r"\s*(?:<!DOCTYPE html|<html)", text[:200], re.IGNORECASE):
        return html_to_text(text)
    return text


def _read_html(path: Path) -> str:
    return html_to_text(decode_bytes(path.read_bytes(), str(path)))


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: one line per block, table rows as "| a | b |"."""
    import lxml.html

    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    if not markup.strip():
        return ""
    root = lxml.html.document_fromstring(markup)
    for element in root.xpath("//script|//style|//noscript|//head|//template"):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str):
            element.text = _squash(element.text)
            element.tail = _squash(element.tail)
    for row in list(root.iter("tr")):
        cells = [" ".join(cell.text_content().split()) for cell in row if cell.tag in ("td", "th")]
        for child in list(row):
            row.remove(child)
        row.text = "| " + " | ".join(cells) + " |"
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.tag != "br":
                element.text = "\n" + (element.text or "")
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(_drop_repeated_blanks(lines)).strip() + "\n"


def _squash(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text)


def _drop_repeated_blanks(lines: Iterable[str]) -> list[str]:
    result: list[str] = []
    for line in lines:
        if line or (result and result[-1]):
            result.append(line)
    return result


# what python-docx, zipfile and lxml raise on a damaged DOCX (PackageNotFoundError: not a zip or no package)
def _docx_errors() -> tuple[type[BaseException], ...]:
    from docx.opc.exceptions import OpcError
    from lxml import etree

    return (KeyError, ValueError, IndexError, AttributeError, EOFError, zipfile.BadZipFile, zlib.error, OpcError,
            etree.XMLSyntaxError)


def _read_docx(path: Path) -> str:
    """Paragraphs and tables in document order (python-docx), or from word/document.xml when python-docx
    cannot read the file (the portal's exports have tables without w:tblGrid). A document typed in legacy
    fonts is read run by run from its XML, each run decoded by its font."""
    errors = _docx_errors()
    if not zipfile.is_zipfile(path):
        raise InputError(f"{path}: tệp DOCX hỏng (không phải tệp zip hợp lệ), không đọc được văn bản")
    try:
        if _uses_legacy_fonts(path):
            return _docx_by_font(path)
        return _docx_with_python_docx(path)
    except errors as exc:
        try:
            return _docx_from_xml(path)
        except errors as xml_exc:
            raise InputError(f"{path}: tệp DOCX hỏng, không đọc được ({type(exc).__name__}: {exc}; "
                             f"{type(xml_exc).__name__}: {xml_exc})") from xml_exc


def _uses_legacy_fonts(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        return any(_LEGACY_FONT.search(archive.read(part))
                   for part in ("word/document.xml", "word/styles.xml") if part in names)


def _docx_by_font(path: Path) -> str:
    """Text of a DOCX typed in TCVN3 or VNI fonts. The upper-case TCVN3 fonts (".VnTimeH") show the lower-case
    codes as capitals, so a run's font, not its bytes, says whether "ô" is "ụ" or "Ụ"."""
    from analyzer.ingest.docx_export import read_blocks

    lines: list[str] = []
    for kind, content in read_blocks(path):
        if kind == "p":
            lines.append(content)
        else:
            lines.extend("| " + " | ".join(" ".join(cell.split()) for cell in row) + " |" for row in content)
    return "\n".join(lines)


def _docx_with_python_docx(path: Path) -> str:
    import docx
    from docx.table import Table

    document = docx.Document(str(path))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_rows(block))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _table_rows(table: "object") -> list[str]:
    rows = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated once per spanned column
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(" ".join(p.text for p in cell.paragraphs).split()))
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _docx_from_xml(path: Path) -> str:
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    body = root.find(f"{_W}body")
    lines: list[str] = []
    for element in body if body is not None else []:
        if element.tag == f"{_W}p":
            lines.append(_xml_paragraph(element))
        elif element.tag == f"{_W}tbl":
            for row in element.iter(f"{_W}tr"):
                cells = [" ".join(" ".join(_xml_paragraph(p) for p in cell.iter(f"{_W}p")).split())
                         for cell in row.findall(f"{_W}tc")]
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _xml_paragraph(paragraph: "object") -> str:
    parts = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):  # type: ignore[attr-defined]
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        else:
            parts.append(" " if node.tag == f"{_W}tab" else "\n")
    return "".join(parts)


def _read_pdf(path: Path) -> str:
    """The text layer of a PDF, laid out (column gaps and indentation kept, as in Công báo conversions)."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [page.extract_text(layout=True) or "" for page in pdf.pages]
    except (PDFSyntaxError, PdfminerException, ValueError, KeyError) as exc:
        raise InputError(f"{path}: tệp PDF hỏng, không đọc được ({type(exc).__name__}: {exc})") from exc
    if not any(page.strip() for page in pages):
        raise InputError(
            f"{path}: the PDF has no text layer (a scan) and needs OCR — tệp PDF không có lớp chữ (bản quét), "
            "cần nhận dạng ký tự (OCR) trước khi phân tích"
        )
    return "\n".join(page.rstrip() for page in pages)


def _read_doc(path: Path) -> str:
    """Legacy Word: converted to DOCX by LibreOffice when installed (fonts kept for TCVN3 detection)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise InputError(
            f"{path}: legacy Word .doc needs conversion to .docx first (install LibreOffice, e.g. Debian's "
            "libreoffice-writer-nogui, or run: soffice --headless --convert-to docx FILE) — tệp .doc cần "
            "chuyển sang .docx trước khi phân tích"
        )
    with tempfile.TemporaryDirectory() as folder:
        command = [office, "--headless", "--convert-to", "docx", "--outdir", folder, str(path)]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=_CONVERT_TIMEOUT)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise InputError(f"{path}: LibreOffice could not convert the .doc file ({exc})") from exc
        converted = Path(folder) / (path.stem + ".docx")
        if not converted.exists():
            raise InputError(f"{path}: LibreOffice produced no .docx file")
        return _read_docx(converted)
