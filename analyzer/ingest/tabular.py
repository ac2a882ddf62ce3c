"""Procedures from spreadsheets and delimited text (XLSX, CSV, TSV), one procedure per row.

Columns are recognised by their header through the documented alias list in
``analyzer/data/tabular_columns.yaml`` (accent-, case- and punctuation-insensitive). The header row
is found among the first rows, since official list exports open with a title block. A sheet without a
name column is reported as an error naming the headers it has; a sheet that lacks other fields (the
official lists carry only code, name, agencies and field) gives procedures with those parts empty and
a ``fields_missing`` warning naming them.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from analyzer.ingest._common import (
    add_steps,
    clean,
    derived_code,
    documents_from_text,
    label_key,
    legal_basis_from_text,
    make_channel,
    modes_mentioned,
    new_procedure,
    warn_if_empty,
)
from analyzer.ingest._repair import annotate, repair_record, suspect_errors
from analyzer.ingest.base import RecordError
from analyzer.model import ChannelMode, Procedure, SourceRef
from analyzer.text.decoding import TextDecodeError, decode_bytes

name = "tabular"

COLUMNS_FILE = "tabular_columns.yaml"
HEADER_SCAN_ROWS = 30
DELIMITED_SUFFIXES = {".csv", ".tsv"}
# The parts of a procedure a sheet may lack; named in the fields_missing warning.
EXPECTED_FIELDS = ("code", "steps", "channels", "duration", "fees", "documents", "legal_basis")


@cache
def column_aliases() -> dict[str, str]:
    """Folded header alias -> canonical field, from the documented YAML file."""
    text = resources.files("analyzer").joinpath("data", COLUMNS_FILE).read_text(encoding="utf-8")
    mapping: dict[str, list[str]] = yaml.safe_load(text)
    return {label_key(alias): field for field, aliases in mapping.items() for alias in aliases}


# --- files ----------------------------------------------------------------------------------------


def _is_xlsx(path: Path, head: bytes) -> bool:
    if not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def sniff(path: Path, head: bytes) -> bool:
    if _is_xlsx(path, head):
        return True
    # Delimited text has no signature: trust the suffix, but never take JSON that was named .csv.
    return path.suffix.lower() in DELIMITED_SUFFIXES and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


def read_sheets(path: Path) -> dict[str, pd.DataFrame]:
    """Every sheet as a frame of strings with no header applied ("" for empty cells)."""
    if path.suffix.lower() in DELIMITED_SUFFIXES and not _is_xlsx(path, path.read_bytes()[:4]):
        separator = "\t" if path.suffix.lower() == ".tsv" else None  # None: let the csv sniffer decide
        text = decode_bytes(path.read_bytes(), str(path)).lstrip("\ufeff")  # UTF-8/16, cp1258, TCVN3 or VNI
        frame = pd.read_csv(io.StringIO(text), sep=separator, engine="python", header=None, dtype=str,
                            keep_default_na=False, skip_blank_lines=False)
        return {path.name: frame}
    sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=str, engine="openpyxl")
    return {sheet: frame.fillna("") for sheet, frame in sheets.items()}


def read(path: Path) -> Iterator[Procedure | RecordError]:
    try:
        sheets = read_sheets(path)
    except TextDecodeError as exc:
        yield RecordError(str(path), None, f"{name}: not text in a supported encoding: {exc.reason}", code="bad_encoding")
        return
    except (ValueError, OSError, zipfile.BadZipFile, csv.Error, pd.errors.ParserError) as exc:
        yield RecordError(str(path), None, f"{name}: cannot read the table: {exc}", code="file_unreadable")
        return
    for sheet, frame in sheets.items():
        yield from read_sheet(path, sheet, frame)


# --- sheets ---------------------------------------------------------------------------------------


def find_header(frame: pd.DataFrame) -> tuple[int, dict[int, str]] | None:
    """(row index, column index -> canonical field) of the row matching the most aliases."""
    aliases = column_aliases()
    best: tuple[int, dict[int, str]] | None = None
    for row_index in range(min(HEADER_SCAN_ROWS, len(frame))):
        columns: dict[int, str] = {}
        for col_index, cell in enumerate(frame.iloc[row_index]):
            field = aliases.get(label_key(str(cell))) if str(cell).strip() else None
            if field and field not in columns.values():
                columns[col_index] = field
        if columns and (best is None or len(columns) > len(best[1])):
            best = (row_index, columns)
    return best


def _headers_found(frame: pd.DataFrame) -> str:
    for row_index in range(min(HEADER_SCAN_ROWS, len(frame))):
        cells = [str(c).strip() for c in frame.iloc[row_index] if str(c).strip()]
        if len(cells) >= 2:
            return ", ".join(f'"{c[:40]}"' for c in cells)
    return "none"


def read_sheet(path: Path, sheet: str, frame: pd.DataFrame) -> Iterator[Procedure | RecordError]:
    if frame.empty or not any(str(c).strip() for c in frame.to_numpy().ravel()):
        return  # an empty sheet holds no procedure and no error
    header = find_header(frame)
    if header is None or "name" not in header[1].values():
        yield RecordError(str(path), sheet, f"{name}: no procedure-name column (Tên thủ tục); headers found: {_headers_found(frame)}",
                          code="table_without_names")
        return
    header_row, columns = header
    missing = [field for field in EXPECTED_FIELDS if field not in columns.values()]
    for row_index in range(header_row + 1, len(frame)):
        cells = {field: str(frame.iat[row_index, col]) for col, field in columns.items()}
        if not any(value.strip() for value in cells.values()):
            continue
        record = f"{sheet}!row {row_index + 1}"
        cells, repairs = repair_record(cells)  # legacy-encoded cells (VNI, TCVN3 ...) inside the sheet
        try:
            procedure = row_to_procedure(cells, SourceRef(format=name, path=str(path), record=record), missing)
        except ValueError as exc:
            yield RecordError(str(path), record, f"{name}: {exc}", code="record_unreadable")
            continue
        annotate(procedure, repairs)
        yield procedure
        yield from suspect_errors(str(path), record, repairs)


def row_to_procedure(cells: dict[str, str], source: SourceRef, missing: list[str]) -> Procedure:
    title = clean(cells.get("name"))
    if not title:
        raise ValueError("the row has no procedure name")
    code = clean(cells.get("code"))
    agency = clean(cells.get("agency"))
    procedure = new_procedure(cells, source, fallback_code=None if code else derived_code("tab", title, agency))
    if not code:
        procedure.warn("code_derived", "code", "the row has no procedure code: derived from name and agency", procedure.code)
    if missing:
        procedure.warn("fields_missing", "source", f"the sheet has no column for: {', '.join(missing)}")
    add_steps(procedure, cells.get("steps"))
    add_channels(procedure, cells.get("channels"), cells.get("duration"), cells.get("fees"))
    documents_from_text(procedure, cells.get("documents"), fallback=False)
    legal_basis_from_text(procedure, cells.get("legal_basis"), fallback=False)
    warn_if_empty(procedure, {
        "channels": cells.get("channels") or cells.get("duration") or cells.get("fees"),
        "documents": cells.get("documents"),
        "legal_basis": cells.get("legal_basis"),
    })
    return procedure


def add_channels(procedure: Procedure, modes_text: str | None, duration: str | None, fees: str | None) -> None:
    """One channel per mode the channel cell names, each with the row's duration and fees."""
    modes: list[ChannelMode] = modes_mentioned(clean(modes_text))
    if not modes:
        if not (clean(duration) or clean(fees)):
            return
        # A time or fee with no mode still describes the procedure; say which mode was assumed.
        modes = ["truc_tiep"]
        procedure.warn("channel_mode_assumed", "channels", "no submission mode given: assumed in person (truc_tiep)",
                       clean(modes_text))
    first = make_channel(procedure, modes[0], duration, fees, clean(modes_text))
    procedure.channels = [first] + [first.model_copy(update={"mode": mode}, deep=True) for mode in modes[1:]]
