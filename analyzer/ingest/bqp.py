"""Ministry of Defence (BQP) procedures scraped from the portal's DOCX exports.

A record has ``thu_tuc_id``, ``metadata`` and ``content`` (snake_case Vietnamese labels such as
``mã_thủ_tục``, matched like the portal's labels) and ``tables`` (``hinh_thuc_nop``,
``thanh_phan_ho_so``, ``can_cu_phap_ly``). The dossier table's columns are shifted in most rows:
``so_luong`` holds the form's file name and ``ghi_chu`` the "Bản chính: 1 / Bản sao: 0" counts. The
shift is decided per row from the cells' content, with a warning when the content does not decide it.
"""

from __future__ import annotations

import re
from typing import Any

from analyzer.ingest._common import (
    add_channels,
    add_dossier,
    add_legal_basis,
    add_steps,
    clean,
    documents_from_text,
    dossier_table,
    map_fields,
    new_procedure,
    rows_text,
    warn_if_empty,
    warn_unknown_labels,
)
from analyzer.model import Procedure, SourceRef
from analyzer.parse.dossier import build_cases, parse_copy_counts

name = "bqp"

_FILE_RE = re.compile(r"\.(docx?|pdf|xlsx?|rtf|odt|zip|rar|jpe?g|png)\s*$", re.IGNORECASE)


def matches(record: dict[str, Any]) -> bool:
    return "thu_tuc_id" in record and isinstance(record.get("tables"), dict) and "metadata" in record


def to_procedure(record: dict[str, Any], source: SourceRef) -> Procedure:
    pairs = [*(record.get("metadata") or {}).items(), *(record.get("content") or {}).items()]
    fields, unknown = map_fields(pairs)
    procedure = new_procedure(fields, source, fallback_code=clean(record.get("thu_tuc_id")))
    warn_unknown_labels(procedure, unknown)
    add_steps(procedure, fields.get("steps"))

    tables = record.get("tables") or {}
    channel_rows = tables.get("hinh_thuc_nop") or []
    add_channels(procedure, channel_rows, fields.get("channels"))
    document_rows = tables.get("thanh_phan_ho_so") or []
    if document_rows:
        add_documents(procedure, document_rows)
    else:
        documents_from_text(procedure, fields.get("documents"))
    legal_rows = tables.get("can_cu_phap_ly") or []
    add_legal_basis(procedure, legal_rows, fields.get("legal_basis"))
    warn_if_empty(procedure, {
        "channels": rows_text(channel_rows) or fields.get("channels"),
        "documents": rows_text(document_rows) or fields.get("documents"),
        "legal_basis": rows_text(legal_rows) or fields.get("legal_basis"),
    })
    return procedure


def looks_like_count(text: str | None) -> bool:
    """A quantity cell ("Bản chính: 1\\nBản sao: 0", "02"), not a form file named "Bản khai ….pdf"."""
    if not text or _FILE_RE.search(text):
        return False
    return text.strip().isdigit() or parse_copy_counts(text) != (None, None)


def split_shifted_row(row: dict[str, Any]) -> tuple[str | None, str | None, bool]:
    """(form, count text, ambiguous) for one dossier row, whichever way its columns are laid out."""
    quantity, note = clean(row.get("so_luong")), clean(row.get("ghi_chu"))
    quantity_is_count, note_is_count = looks_like_count(quantity), looks_like_count(note)
    if quantity_is_count and not note_is_count:
        return None, quantity, bool(note)  # the documented layout; a note we cannot place is doubt
    if note_is_count and not quantity_is_count:
        return quantity, note, False  # the usual shift: so_luong is the form, ghi_chu the counts
    if note_is_count and quantity_is_count:
        return None, note, True
    return quantity, None, bool(note)


def add_documents(procedure: Procedure, rows: list[dict[str, Any]]) -> None:
    mapped = []
    for row in rows:
        form, count, ambiguous = split_shifted_row(row)
        if ambiguous:
            procedure.warn("documents_columns_ambiguous", "cases",
                           "cannot tell which column holds the counts (so_luong / ghi_chu)",
                           f"so_luong={row.get('so_luong')!r} ghi_chu={row.get('ghi_chu')!r}")
        mapped.append({"name": row.get("ten_giay_to") or "", "form": form or "", "count": count or ""})
    add_dossier(procedure, build_cases([dossier_table(procedure, None, mapped)]))
