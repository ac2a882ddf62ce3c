"""The portal's raw "Chi tiết thủ tục hành chính" DOCX exports.

python-docx cannot read these tables (they have no ``w:tblGrid``), so ``word/document.xml`` is read
with lxml: paragraphs and tables in document order, "Label: value" paragraphs opening a field,
the paragraphs after a label continuing it, and the tables of a field becoming its rows. Under
"Thành phần hồ sơ" the paragraphs before each table name its case. The result has the converted
JSONL's record shape and goes through the same mapping (portal_docx.to_procedure).

Older documents typed in TCVN3 (".VnTime", ".VnTimeH") or VNI ("VNI-Times") fonts are decoded run by
run, by font, before any label is looked at.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from analyzer.ingest import portal_docx
from analyzer.ingest._common import CHANNEL_COLUMNS, DOCUMENT_COLUMNS, FIELD_LABELS, LEGAL_COLUMNS, label_key
from analyzer.ingest._repair import annotate, repair_record, suspect_errors
from analyzer.ingest.base import RecordError
from analyzer.model import Procedure, SourceRef
from analyzer.text.legacy import decode_tcvn3, decode_vni

name = "portal_docx_raw"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
TITLE = "chi tiet thu tuc hanh chinh"
FOOTER = "de xem chi tiet thu tuc hanh chinh"
_LABEL_RE = re.compile(r"^\s*([^:\n]{2,60}?)\s*:\s*(.*)$", re.DOTALL)

# --- reading document.xml -------------------------------------------------------------------------


@dataclass
class Fonts:
    """Font of a run: its own w:rFonts, else its character style, paragraph style, document default."""

    styles: dict[str, str] = field(default_factory=dict)  # styleId -> ascii font (basedOn resolved)
    default: str | None = None

    @classmethod
    def from_xml(cls, xml: bytes | None) -> Fonts:
        if not xml:
            return cls()
        root = etree.fromstring(xml)
        default_fonts = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        own: dict[str, str | None] = {}
        based_on: dict[str, str] = {}
        for style in root.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if not style_id:
                continue
            fonts = style.find(f"{W}rPr/{W}rFonts")
            own[style_id] = _ascii_font(fonts)
            parent = style.find(f"{W}basedOn")
            if parent is not None:
                based_on[style_id] = parent.get(f"{W}val", "")
        resolved = {}
        for style_id in own:
            current, seen = style_id, set()
            while current and own.get(current) is None and current not in seen:
                seen.add(current)
                current = based_on.get(current, "")
            if current and own.get(current):
                resolved[style_id] = own[current]  # type: ignore[assignment]
        return cls(resolved, _ascii_font(default_fonts))

    def of_run(self, run: Any, paragraph_style: str | None) -> str | None:
        props = run.find(f"{W}rPr")
        if props is not None:
            font = _ascii_font(props.find(f"{W}rFonts"))
            if font:
                return font
            char_style = props.find(f"{W}rStyle")
            if char_style is not None and char_style.get(f"{W}val") in self.styles:
                return self.styles[char_style.get(f"{W}val")]
        if paragraph_style and paragraph_style in self.styles:
            return self.styles[paragraph_style]
        return self.default


def _ascii_font(fonts: Any) -> str | None:
    if fonts is None:
        return None
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")


def decode_run(text: str, font: str | None) -> str:
    """Unicode text of a run typed in a legacy Vietnamese font; other fonts pass through."""
    if not font:
        return text
    if font.startswith(".Vn"):
        return decode_tcvn3(text, upper=font.endswith("H"))
    if font.upper().startswith("VNI"):
        return decode_vni(text)
    return text


def paragraph_text(paragraph: Any, fonts: Fonts) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    style_id = style.get(f"{W}val") if style is not None else None
    parts: list[str] = []
    for run in paragraph.iter(f"{W}r"):
        font = fonts.of_run(run, style_id)
        for child in run:
            if child.tag == f"{W}t":
                parts.append(decode_run(child.text or "", font))
            elif child.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif child.tag == f"{W}tab":
                parts.append("\t")
    return "".join(parts)


def table_rows(table: Any, fonts: Fonts) -> list[list[str]]:
    """Cell texts of a table's own rows (nested tables are read as their cell's text)."""
    rows = []
    for row in table.iterchildren(f"{W}tr"):
        cells = []
        for cell in row.iterchildren(f"{W}tc"):
            lines = [paragraph_text(p, fonts) for p in cell.iter(f"{W}p")]
            cells.append("\n".join(line for line in lines if line.strip()).strip())
        rows.append(cells)
    return rows


def blocks(body: Any, fonts: Fonts) -> Iterator[tuple[str, Any]]:
    """("p", text) and ("tbl", rows) in document order; content controls are looked into."""
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            yield "p", paragraph_text(child, fonts)
        elif child.tag == f"{W}tbl":
            yield "tbl", table_rows(child, fonts)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from blocks(content, fonts)


def read_blocks(path: Path) -> list[tuple[str, Any]]:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        document = archive.read(DOCUMENT_PART)
        styles = archive.read(STYLES_PART) if STYLES_PART in names else None
    body = etree.fromstring(document).find(f"{W}body")
    if body is None:
        raise ValueError("word/document.xml has no body")
    return list(blocks(body, Fonts.from_xml(styles)))


# --- blocks -> portal_docx record -----------------------------------------------------------------


def _field_label(text: str) -> tuple[str, str] | None:
    """(label, rest) when a paragraph opens a known field ("Mã thủ tục: 1.000051")."""
    match = _LABEL_RE.match(text)
    if match and label_key(match.group(1)) in FIELD_LABELS:
        return match.group(1).strip(), match.group(2)
    return None


def _table_kind(header: list[str]) -> str | None:
    keys = {label_key(cell) for cell in header}
    for kind, columns in (("channels", CHANNEL_COLUMNS), ("documents", DOCUMENT_COLUMNS), ("legal", LEGAL_COLUMNS)):
        if len(keys & set(columns)) >= 2:
            return kind
    return None


@dataclass
class RecordBuilder:
    """Accumulates the blocks of one export into the converted JSONL's record shape."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    channels: list[dict[str, str]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    legal: list[dict[str, str]] = field(default_factory=list)
    unknown_tables: list[list[str]] = field(default_factory=list)
    current: str | None = None
    pending: list[str] = field(default_factory=list)  # paragraphs that may name the next dossier case

    def paragraph(self, text: str) -> None:
        key = label_key(text)
        if key.startswith(FOOTER):
            self._close_field()
            self.current = None
            return
        opened = _field_label(text)
        if opened:
            self._close_field()
            self.current = opened[0]
            self.fields.setdefault(self.current, [])
            if opened[1].strip():
                self._add_text(opened[1])
        elif self.current and text.strip():
            self._add_text(text)

    def _add_text(self, text: str) -> None:
        assert self.current is not None
        if FIELD_LABELS[label_key(self.current)] == "documents":
            self.pending.append(text.strip())
        else:
            self.fields[self.current].append(text.strip())

    def _close_field(self) -> None:
        """Paragraphs left under "Thành phần hồ sơ": notes after the last table, or the whole dossier."""
        if self.pending and self.current:
            if self.cases:
                self.cases.append({"truong_hop": "\n".join(self.pending), "giay_to": []})
            else:
                self.fields[self.current].extend(self.pending)
        self.pending = []

    def table(self, rows: list[list[str]]) -> None:
        if not rows:
            return
        kind = _table_kind(rows[0])
        records = [dict(zip(rows[0], row)) for row in rows[1:] if any(cell.strip() for cell in row)]
        if kind == "channels":
            self.channels.extend(records)
        elif kind == "legal":
            self.legal.extend(records)
        elif kind == "documents":
            self.cases.append({"truong_hop": "\n".join(self.pending) or None, "giay_to": records})
            self.pending = []
        else:
            self.unknown_tables.append(rows[0])

    def record(self) -> dict[str, Any]:
        self._close_field()
        return {
            "fields": {label: "\n".join(parts) for label, parts in self.fields.items()},
            portal_docx.CHANNEL_TABLE: self.channels,
            portal_docx.DOSSIER_TABLE: self.cases,
            portal_docx.LEGAL_TABLE: self.legal,
        }


def build_record(items: list[tuple[str, Any]]) -> tuple[dict[str, Any], list[list[str]]]:
    """(record in the portal_docx shape, headers of tables that were not understood)."""
    builder = RecordBuilder()
    for kind, content in items:
        if kind == "p":
            builder.paragraph(content)
        else:
            builder.table(content)
    return builder.record(), builder.unknown_tables


# --- reader protocol ------------------------------------------------------------------------------


def _is_export(items: list[tuple[str, Any]]) -> bool:
    texts = [label_key(content) for kind, content in items[:40] if kind == "p"]
    labels = sum(1 for kind, content in items if kind == "p" and _field_label(content))
    return any(text.startswith(TITLE) for text in texts) or labels >= 3


def sniff(path: Path, head: bytes) -> bool:
    if not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            if DOCUMENT_PART not in archive.namelist():
                return False
    except (zipfile.BadZipFile, OSError):
        return False  # not this format, or a zip too broken to tell: the registry names it
    try:
        return _is_export(read_blocks(path))
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, etree.XMLSyntaxError):
        return True  # a DOCX whose content is damaged: read() names the damage rather than "not UTF-8"


def _damage(exc: Exception) -> str:
    if isinstance(exc, etree.XMLSyntaxError):
        return f"{DOCUMENT_PART} is not well-formed XML ({exc})"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return f"corrupt zip file ({exc})"
    return str(exc)


def read(path: Path) -> Iterator[Procedure | RecordError]:
    try:
        items = read_blocks(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        yield RecordError(str(path), None, f"{name}: cannot read the DOCX: {_damage(exc)}", code="corrupt_docx")
        return
    record, unknown_tables = build_record(items)
    record, repairs = repair_record(record)  # legacy text typed in a Unicode font: the run fonts cannot tell
    try:
        procedure = portal_docx.to_procedure(record, SourceRef(format=name, path=str(path)))
    except ValueError as exc:
        yield RecordError(str(path), None, f"{name}: {exc}", code="record_unreadable")
        return
    for header in unknown_tables:
        procedure.warn("table_unrecognised", "source", "a table with unknown columns was skipped", " | ".join(header))
    annotate(procedure, repairs)
    yield procedure
    yield from suspect_errors(str(path), None, repairs)
