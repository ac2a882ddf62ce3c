"""Read procedure records in every supported format into the typed model.

Formats are recognised by content, not file name: JSON records (JSONL, a JSON array or one
object, gzip or not) are dispatched per record to the first reader whose ``matches`` accepts
them; DOCX exports and spreadsheets are recognised by their bytes. A corpus is a stream:
``load_procedures`` yields one procedure at a time and never holds a whole file's records.

Nothing is lost without a word: JSONL is read a line at a time as bytes, so a bad line (not text,
not JSON, a field of the wrong type) is one RecordError naming its line and the rest is kept; a
file's encoding (UTF-8, UTF-16, Windows-1258, TCVN3, VNI) is decided from its first 64 KiB; legacy
text inside Unicode fields is repaired before dispatch (``_repair``), or reported when in doubt;
empty, unknown and corrupt files are each reported with the reason.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import itertools
import json
import zipfile
import zlib
from importlib import import_module
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from analyzer.ingest._repair import annotate, field_type_error, repair_record, suspect_errors
from analyzer.ingest.base import FileReader, InputError, RecordError, RecordReader
from analyzer.model import Procedure, SourceRef
from analyzer.text.decoding import LineDecodeError, TextDecodeError, decode_bytes, decode_line, detect_line_encoding

# Order matters: the most specific shapes first, the canonical form (our own output) first of all.
RECORD_READERS = (
    "analyzer.ingest.canonical",
    "analyzer.ingest.portal_flat",
    "analyzer.ingest.portal_docx",
    "analyzer.ingest.bqp",
    "analyzer.ingest.csdl",
)
FILE_READERS = (
    "analyzer.ingest.docx_export",
    "analyzer.ingest.tabular",
)
SUPPORTED_SUFFIXES = {".json", ".jsonl", ".gz", ".docx", ".csv", ".xlsx", ".tsv"}

__all__ = ["InputError", "RecordError", "expand_inputs", "iter_records", "load_procedures", "read_all"]


def _modules(names: Iterable[str]) -> list[Any]:
    return [import_module(name) for name in names]


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Files, folders (searched recursively) and glob patterns, in a stable order.

    Every file of a folder is yielded, whatever its suffix, so that one the readers cannot take is
    reported (unknown type, empty, corrupt) rather than skipped without a word. Hidden files and Office
    lock files ("~$x.docx") are not inputs but artefacts of the system or an open editor: left out.
    """
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not child.name.startswith((".", "~$")):
                    yield child
        elif any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: the pattern matches no file")
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield path


_SAMPLE_BYTES = 1 << 16  # bytes of a file looked at to decide its encoding


def _open_binary(path: Path) -> BinaryIO:
    raw = path.open("rb")
    magic = raw.read(2)
    raw.seek(0)
    return gzip.GzipFile(fileobj=raw) if magic == b"\x1f\x8b" else raw  # type: ignore[return-value]


def _line_error(path: Path, line_no: int, reason: str, code: str) -> RecordError:
    return RecordError(str(path), f"line {line_no}", reason, code=code)


def _json_object(text: str, path: Path, line_no: int) -> dict[str, Any] | RecordError:
    try:
        # strict=False: raw control characters inside strings are TCVN3 capitals (Ụ = 0x02), not a reason to drop
        obj = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        return _line_error(path, line_no, f"invalid JSON: {exc.msg} (column {exc.colno})", "invalid_json")
    return obj if isinstance(obj, dict) else _line_error(path, line_no, "not a JSON object", "not_an_object")


def _decoded_lines(path: Path, encoding: str) -> Iterator[tuple[int, str | RecordError]]:
    """(line number, text or the error of that line) for every non-blank line, read as bytes."""
    with _open_binary(path) as stream:
        if encoding.startswith("utf-16"):
            # two-byte units: split on the decoded text, not on the byte 0x0A
            with io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="\n") as text:
                line_no = 0
                try:
                    for line_no, line in enumerate(text, start=1):
                        if line.strip():
                            yield line_no, line.lstrip("\ufeff")
                except UnicodeDecodeError as exc:
                    yield line_no + 1, _line_error(path, line_no + 1, f"invalid UTF-16 ({exc.reason}): the rest of the file is not read",
                                                  "bad_encoding")
            return
        for line_no, raw in enumerate(stream, start=1):
            if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            try:
                yield line_no, decode_line(raw, encoding)
            except LineDecodeError as exc:
                yield line_no, _line_error(path, line_no, str(exc), "bad_line_encoding")


def _json_records(path: Path) -> Iterator[tuple[str, dict[str, Any] | RecordError]]:
    """Yield (record id, decoded object or error) from JSONL, a JSON array or one JSON object.

    The encoding is decided from the first 64 KiB (UTF-8, UTF-16, Windows-1258, TCVN3, VNI). JSONL is
    read a line at a time as bytes, so a bad line (not text, not JSON) costs that line only.
    """
    with _open_binary(path) as stream:
        sample = stream.read(_SAMPLE_BYTES)
    encoding = detect_line_encoding(sample, str(path), complete=len(sample) < _SAMPLE_BYTES)
    lines = _decoded_lines(path, encoding)
    first = next(lines, None)
    if first is None:
        return
    _, head = first
    stripped = head.lstrip() if isinstance(head, str) else ""
    if stripped.startswith("[") or (stripped.startswith("{") and not _is_complete_json(head)):
        lines.close()
        yield from _whole_json(path)
        return
    for line_no, text in itertools.chain([first], lines):
        record_id = f"line {line_no}"
        yield record_id, text if isinstance(text, RecordError) else _json_object(text, path, line_no)


def _whole_json(path: Path) -> Iterator[tuple[str, dict[str, Any] | RecordError]]:
    """A JSON array or one (multi-line) object: the file is one document, decoded as a whole."""
    with _open_binary(path) as stream:
        data = stream.read()
    text = decode_bytes(data, str(path))
    data_obj = json.loads(text.lstrip("\ufeff"), strict=False)
    items = data_obj if isinstance(data_obj, list) else [data_obj]
    for index, item in enumerate(items):
        yield str(index), item if isinstance(item, dict) else RecordError(str(path), str(index), "not a JSON object",
                                                                               code="not_an_object")


def _is_complete_json(line: str) -> bool:
    try:
        json.loads(line, strict=False)
    except json.JSONDecodeError:
        return False
    return True


def _record_to_procedure(readers: list[RecordReader], record: dict[str, Any], source: SourceRef) -> Iterator[Procedure | RecordError]:
    """The procedure of one JSON record, then an error for each field whose encoding stays in doubt."""
    record, repairs = repair_record(record)
    for reader in readers:
        if reader.matches(record):
            wrong_type = field_type_error(reader.name, record)
            if wrong_type:
                yield RecordError(source.path, source.record, f"{reader.name}: {wrong_type}", code="wrong_field_type")
                return
            try:
                procedure = reader.to_procedure(record, SourceRef(format=reader.name, path=source.path, record=source.record))
            except (ValueError, KeyError, TypeError) as exc:  # a malformed record, not a bug in the batch
                yield RecordError(source.path, source.record, f"{reader.name}: {type(exc).__name__}: {exc}",
                                  code="record_unreadable")
                return
            if repairs:
                annotate(procedure, repairs)
            yield procedure
            yield from suspect_errors(source.path, source.record, repairs)
            return
    keys = ", ".join(sorted(record)[:8])
    yield RecordError(source.path, source.record, f"unrecognised record shape (keys: {keys})",
                      code="record_unrecognised")


def iter_records(paths: Iterable[str | Path]) -> Iterator[Procedure | RecordError]:
    """Every procedure or error from the inputs, in order. Never raises for bad data."""
    record_readers: list[RecordReader] = _modules(RECORD_READERS)
    file_readers: list[FileReader] = _modules(FILE_READERS)
    try:
        files = list(expand_inputs(paths))
    except InputError as exc:
        yield RecordError(str(exc).split(":", 1)[0], None, str(exc).split(": ", 1)[-1], code="input_not_found")
        return
    for path in files:
        yield from _read_file(path, record_readers, file_readers)


def _zip_reason(path: Path) -> str:
    """Why a zip-based file (PK signature) was taken by no reader: corrupt, or a zip of another kind."""
    kind = {".docx": "DOCX", ".xlsx": "XLSX"}.get(path.suffix.lower(), "zip")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            broken = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        return f"cannot read the {kind}: corrupt zip file ({exc})"
    if broken is not None:
        return f"cannot read the {kind}: corrupt zip file (member {broken})"
    if "word/document.xml" in names:
        return "a DOCX that is not a procedure export (no \"Chi tiết thủ tục hành chính\" title or field labels)"
    return f"a zip archive that is neither a DOCX export nor an XLSX sheet ({len(names)} members): skipped"


def _looks_like_json(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00")
    return start[:1] in (b"{", b"[")


def _read_file(path: Path, record_readers: list[RecordReader], file_readers: list[FileReader]) -> Iterator[Procedure | RecordError]:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        yield RecordError(str(path), None, f"cannot open: {exc.strerror or exc}", code="cannot_open")
        return
    if not head:
        yield RecordError(str(path), None, "empty file (0 bytes): skipped", code="empty_file")
        return
    for reader in file_readers:
        if reader.sniff(path, head):
            try:
                yield from reader.read(path)
            except (OSError, ValueError, KeyError, zlib.error) as exc:
                yield RecordError(str(path), None, f"{reader.name}: {type(exc).__name__}: {exc}", code="file_unreadable")
            return
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in {".docx", ".xlsx"}:
        yield RecordError(str(path), None, _zip_reason(path), code="corrupt_zip")
        return
    if path.suffix.lower() not in SUPPORTED_SUFFIXES and head[:2] != b"\x1f\x8b" and not _looks_like_json(head):
        yield RecordError(str(path), None, f"unknown file type ({path.suffix or 'no suffix'}): not JSON, JSONL, DOCX or "
                                           "a spreadsheet; skipped", code="unknown_file_type")
        return
    line_no = 0
    try:
        for record_id, obj in _json_records(path):
            line_no = int(record_id.split()[-1]) if record_id.startswith("line ") else line_no
            if isinstance(obj, RecordError):
                yield obj
            else:
                yield from _record_to_procedure(record_readers, obj, SourceRef(format="", path=str(path), record=record_id))
    except TextDecodeError as exc:
        yield RecordError(str(path), None, f"not text in a supported encoding (UTF-8, UTF-16, Windows-1258, TCVN3, VNI): "
                                           f"{exc.reason}", code="bad_encoding")
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        after = f" after line {line_no}" if line_no else ""
        yield RecordError(str(path), None, f"corrupt or unreadable file{after}: {exc}", code="file_unreadable")
    except json.JSONDecodeError as exc:
        yield RecordError(str(path), None, f"invalid JSON at line {exc.lineno}: {exc.msg}", code="invalid_json")


def load_procedures(paths: str | Path | Iterable[str | Path], errors: list[RecordError] | None = None) -> Iterator[Procedure]:
    """Stream procedures from files, folders or globs in any supported format.

    Records that cannot be read are appended to ``errors`` when given (and skipped either way).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for item in iter_records(paths):
        if isinstance(item, RecordError):
            if errors is not None:
                errors.append(item)
        else:
            yield item


def read_all(paths: str | Path | Iterable[str | Path]) -> tuple[list[Procedure], list[RecordError]]:
    errors: list[RecordError] = []
    return list(load_procedures(paths, errors)), errors
