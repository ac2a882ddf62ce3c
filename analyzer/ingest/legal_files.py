"""Read a legal text file (txt, md, html, docx, pdf; legacy .doc when LibreOffice is installed) as text.

Tables become "| cell | cell |" lines, one per row, so the legal-text parser sees a web page, a DOCX
and a markdown export the same way. Text files of any supported encoding (UTF-8/16, cp1258, TCVN3,
VNI) are decoded by ``analyzer.text.read_text_file``. Errors name the file and say what to do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable

from analyzer.ingest.base import InputError
from analyzer.text import TextDecodeError, decode_bytes

name = "legal_files"

_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLOCK_TAGS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "blockquote",
    "pre", "ul", "ol", "dd", "dt", "hr", "header", "footer", "main",
}
_CONVERT_TIMEOUT = 120  # seconds LibreOffice may take to convert one .doc


def sniff(path: Path, head: bytes) -> bool:
    """True for the formats this module reads (it does not read procedure records)."""
    return _kind(path, head) != "unknown"


def read_legal_file(path: str | Path) -> str:
    """The text of a legal document file; raises InputError with the reason when it cannot."""
    path = Path(path)
    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from exc
    kind = _kind(path, head)
    readers = {"text": _read_text, "html": _read_html, "docx": _read_docx, "pdf": _read_pdf, "doc": _read_doc}
    reader = readers.get(kind, _read_text)
    try:
        return reader(path)
    except TextDecodeError as exc:
        raise InputError(str(exc)) from exc


def _kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if suffix in {".docx", ".docm", ""} or zipfile.is_zipfile(path) else "unknown"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _TEXT_SUFFIXES:
        return "text"
    if suffix == ".pdf":
        return "pdf"
    return "unknown"


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


def _read_docx(path: Path) -> str:
    """Paragraphs and tables in document order (python-docx), or from word/document.xml when python-docx
    cannot read the file (the portal's exports have tables without w:tblGrid)."""
    try:
        return _docx_with_python_docx(path)
    except (KeyError, ValueError, IndexError, AttributeError, zipfile.BadZipFile) as exc:
        try:
            return _docx_from_xml(path)
        except (KeyError, zipfile.BadZipFile) as xml_exc:
            raise InputError(f"{path}: not a readable DOCX file ({type(exc).__name__}: {exc}; {xml_exc})") from xml_exc


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

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [page.extract_text(layout=True) or "" for page in pdf.pages]
    except (PDFSyntaxError, ValueError, KeyError) as exc:
        raise InputError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
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
