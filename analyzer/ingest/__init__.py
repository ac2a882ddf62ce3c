"""Read procedure records in every supported format into the typed model.

Formats are recognised by content, not file name: JSON records (JSONL, a JSON array or one
object, gzip or not) are dispatched per record to the first reader whose ``matches`` accepts
them; DOCX exports and spreadsheets are recognised by their bytes. A corpus is a stream:
``load_procedures`` yields one procedure at a time and never holds a whole file's records.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import zlib
from importlib import import_module
from pathlib import Path
from typing import Any, Iterable, Iterator

from analyzer.ingest.base import FileReader, InputError, RecordError, RecordReader
from analyzer.model import Procedure, SourceRef

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
    """Files, folders (searched recursively for supported files) and glob patterns, in a stable order."""
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUPPORTED_SUFFIXES and not child.name.startswith((".", "~$")):
                    yield child
        elif any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: the pattern matches no file")
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield path


def _open_text(path: Path) -> io.TextIOBase:
    raw = path.open("rb")
    magic = raw.read(2)
    raw.seek(0)
    stream = gzip.GzipFile(fileobj=raw) if magic == b"\x1f\x8b" else raw
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict")


def _json_records(path: Path) -> Iterator[tuple[str, dict[str, Any] | RecordError]]:
    """Yield (record id, decoded object or error) from JSONL, a JSON array or one JSON object."""
    with _open_text(path) as handle:
        first = ""
        while not first.strip():
            first = handle.readline()
            if not first:
                return
        stripped = first.lstrip()
        if stripped.startswith("[") or (stripped.startswith("{") and not _is_complete_json(first)):
            data = json.loads(first + handle.read())
            items = data if isinstance(data, list) else [data]
            for index, item in enumerate(items):
                yield str(index), item if isinstance(item, dict) else RecordError(str(path), str(index), "not a JSON object")
            return
        line_no = 1
        line = first
        while line:
            if line.strip():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield f"line {line_no}", RecordError(str(path), f"line {line_no}", f"invalid JSON: {exc.msg}")
                else:
                    if isinstance(obj, dict):
                        yield f"line {line_no}", obj
                    else:
                        yield f"line {line_no}", RecordError(str(path), f"line {line_no}", "not a JSON object")
            line = handle.readline()
            line_no += 1


def _is_complete_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _record_to_procedure(readers: list[RecordReader], record: dict[str, Any], source: SourceRef) -> Procedure | RecordError:
    for reader in readers:
        if reader.matches(record):
            try:
                return reader.to_procedure(record, SourceRef(format=reader.name, path=source.path, record=source.record))
            except (ValueError, KeyError, TypeError) as exc:  # a malformed record, not a bug in the batch
                return RecordError(source.path, source.record, f"{reader.name}: {type(exc).__name__}: {exc}")
    keys = ", ".join(sorted(record)[:8])
    return RecordError(source.path, source.record, f"unrecognised record shape (keys: {keys})")


def iter_records(paths: Iterable[str | Path]) -> Iterator[Procedure | RecordError]:
    """Every procedure or error from the inputs, in order. Never raises for bad data."""
    record_readers: list[RecordReader] = _modules(RECORD_READERS)
    file_readers: list[FileReader] = _modules(FILE_READERS)
    try:
        files = list(expand_inputs(paths))
    except InputError as exc:
        yield RecordError(str(exc).split(":", 1)[0], None, str(exc).split(": ", 1)[-1])
        return
    for path in files:
        yield from _read_file(path, record_readers, file_readers)


def _read_file(path: Path, record_readers: list[RecordReader], file_readers: list[FileReader]) -> Iterator[Procedure | RecordError]:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        yield RecordError(str(path), None, f"cannot open: {exc.strerror or exc}")
        return
    for reader in file_readers:
        if reader.sniff(path, head):
            try:
                yield from reader.read(path)
            except (OSError, ValueError, KeyError, zlib.error) as exc:
                yield RecordError(str(path), None, f"{reader.name}: {type(exc).__name__}: {exc}")
            return
    try:
        for record_id, obj in _json_records(path):
            if isinstance(obj, RecordError):
                yield obj
            else:
                yield _record_to_procedure(record_readers, obj, SourceRef(format="", path=str(path), record=record_id))
    except UnicodeDecodeError as exc:
        yield RecordError(str(path), None, f"not UTF-8 text (byte {exc.start}): use a supported encoding")
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield RecordError(str(path), None, f"corrupt or unreadable file: {exc}")
    except json.JSONDecodeError as exc:
        yield RecordError(str(path), None, f"invalid JSON at line {exc.lineno}: {exc.msg}")


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
