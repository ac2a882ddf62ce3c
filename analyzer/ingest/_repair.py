"""Record-level checks before a JSON record (or table row) is read: legacy text repaired, wrong types named.

Every string of the record is passed through :func:`analyzer.text.mojibake.repair_field`, so every
reader gets the same repair without knowing about it. A repaired field becomes a
``field_encoding_repaired`` warning (what was changed, as reviewers want to see); a field that may
still be garbled becomes a ``field_encoding_suspect`` warning *and* a record-level error naming the
field, so that `tthc parse`, `parse-report` and `tthc analyze` (errors.jsonl) all count it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from analyzer.ingest.base import RecordError
from analyzer.model import Procedure
from analyzer.text.mojibake import FieldRepair, repair_field

REPAIRED = "field_encoding_repaired"
SUSPECT = "field_encoding_suspect"
_SNIPPET = 80


@dataclass
class RecordRepairs:
    """The fields of one record that were repaired or stay suspect: (field path, repair, original text)."""

    repaired: list[tuple[str, FieldRepair, str]] = field(default_factory=list)
    suspect: list[tuple[str, FieldRepair, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.repaired or self.suspect)


def _join(prefix: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else key


def _walk(value: Any, where: str, repairs: RecordRepairs, prefer: str | None) -> Any:
    """``value`` with its strings repaired; the same object when nothing changed (no copy per record)."""
    if isinstance(value, str):
        if value.isascii() and value.isprintable():  # the common case, one C-level scan
            return value
        result = repair_field(value, prefer)
        if result.suspect:
            repairs.suspect.append((where, result, value))
        elif result.encoding:
            repairs.repaired.append((where, result, value))
        return result.text
    if isinstance(value, dict):
        items = {key: _walk(item, _join(where, str(key)), repairs, prefer) for key, item in value.items()}
        return items if any(items[key] is not value[key] for key in value) else value
    if isinstance(value, list):
        parts = [_walk(item, _join(where, index), repairs, prefer) for index, item in enumerate(value)]
        return parts if any(new is not old for new, old in zip(parts, value)) else value
    return value


def repair_record(record: dict[str, Any]) -> tuple[dict[str, Any], RecordRepairs]:
    """The record with legacy-encoded fields repaired, and what was done (see the module docstring)."""
    repairs = RecordRepairs()
    repaired = _walk(record, "", repairs, None)
    if repairs.suspect and repairs.repaired:
        # a field two encodings read equally well is settled by the encoding of the record's other fields
        prefer = Counter(result.encoding for _, result, _ in repairs.repaired).most_common(1)[0][0]
        repairs = RecordRepairs()
        repaired = _walk(record, "", repairs, prefer)
    return repaired, repairs


def annotate(procedure: Procedure, repairs: RecordRepairs) -> None:
    """Warnings on the procedure for every repaired or suspect field."""
    for where, result, original in repairs.repaired:
        procedure.warn(REPAIRED, where, f"text in {result.encoding} encoding inside Unicode: decoded", original[:_SNIPPET])
    for where, result, original in repairs.suspect:
        procedure.warn(SUSPECT, where, f"text may be in a legacy encoding: {result.reason}", original[:_SNIPPET])


def suspect_errors(path: str, record: str | None, repairs: RecordRepairs) -> list[RecordError]:
    """One record-level error per suspect field: read, but not to be taken as clean."""
    return [
        RecordError(path, record, f"field {where}: encoding suspect ({result.reason}): "
                                  f"{original[:_SNIPPET]!r}", field=where, code=SUSPECT)
        for where, result, original in repairs.suspect
    ]


# --- field types ------------------------------------------------------------------------------------

# Per record shape: which parts hold text (or nothing), lists of rows, or objects of text. A value of
# another type would be read as its Python repr ("['x']") or fail deep inside a reader: name it instead.
_TEXT, _LIST, _OBJECT = "text", "list", "object of text"
FIELD_TYPES: dict[str, dict[str, str]] = {
    "portal_flat": {"*": _TEXT},
    "portal_docx": {"fields": _OBJECT, "cach_thuc_thuc_hien": _LIST, "thanh_phan_ho_so": _LIST, "can_cu_phap_ly": _LIST},
    "bqp": {"metadata": _OBJECT, "content": _OBJECT, "tables": "object"},
    "csdl_2021": {"title": _TEXT, "Trình tự thực hiện": _TEXT, "Cách thức thực hiện": _LIST, "Thành phần hồ sơ": _LIST},
}
_TYPE_NAMES = {str: "text", int: "a number", float: "a number", bool: "a boolean", list: "a list", dict: "an object"}


def _fits(value: Any, kind: str) -> bool:
    if value is None:
        return True
    if kind == _TEXT:
        return isinstance(value, str)
    if kind == _LIST:
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    return isinstance(value, dict) and all(item is None or isinstance(item, str) for item in value.values())


def field_type_error(reader: str, record: dict[str, Any]) -> str | None:
    """"wrong type of field F: expected text, got a number" for the first field of the wrong type."""
    expected = FIELD_TYPES.get(reader, {})
    for key, value in record.items():
        kind = expected.get(key) or expected.get("*")
        if kind is None or _fits(value, kind):
            continue
        if kind == _OBJECT and isinstance(value, dict):
            inner, item = next((k, v) for k, v in value.items() if v is not None and not isinstance(v, str))
            return f"wrong type of field {key}.{inner}: expected text, got {_TYPE_NAMES.get(type(item), type(item).__name__)}"
        return f"wrong type of field {key}: expected {kind}, got {_TYPE_NAMES.get(type(value), type(value).__name__)}"
    return None
