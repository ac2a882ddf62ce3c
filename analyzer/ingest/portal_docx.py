"""The portal's "Chi tiết thủ tục hành chính" DOCX exports, converted to JSONL with tables kept.

A record holds ``fields`` (label -> text) and three tables: ``cach_thuc_thuc_hien`` (channels),
``thanh_phan_ho_so`` (cases, each with ``giay_to`` rows) and ``can_cu_phap_ly`` (legal basis). When a
table is empty but its field text is not, the text is parsed instead and a warning says so. The raw
DOCX reader (docx_export) builds the same record shape and comes through here too.
"""

from __future__ import annotations

from typing import Any

from analyzer.ingest._common import (
    DOCUMENT_COLUMNS,
    add_channels,
    add_dossier,
    add_legal_basis,
    add_steps,
    clean,
    documents_from_text,
    dossier_table,
    map_columns,
    map_fields,
    new_procedure,
    rows_text,
    warn_if_empty,
    warn_unknown_labels,
)
from analyzer.model import Procedure, SourceRef
from analyzer.parse.dossier import build_cases

name = "portal_docx"

CHANNEL_TABLE = "cach_thuc_thuc_hien"
DOSSIER_TABLE = "thanh_phan_ho_so"
LEGAL_TABLE = "can_cu_phap_ly"


def matches(record: dict[str, Any]) -> bool:
    return isinstance(record.get("fields"), dict) and (CHANNEL_TABLE in record or DOSSIER_TABLE in record)


def to_procedure(record: dict[str, Any], source: SourceRef) -> Procedure:
    fields, unknown = map_fields(record["fields"].items())
    procedure = new_procedure(fields, source)
    warn_unknown_labels(procedure, unknown)
    add_steps(procedure, fields.get("steps"))
    channel_rows = record.get(CHANNEL_TABLE) or []
    add_channels(procedure, channel_rows, fields.get("channels"))
    blocks = record.get(DOSSIER_TABLE) or []
    if blocks:
        add_cases(procedure, blocks)
    else:
        documents_from_text(procedure, fields.get("documents"))
    legal_rows = record.get(LEGAL_TABLE) or []
    add_legal_basis(procedure, legal_rows, fields.get("legal_basis"))
    warn_if_empty(procedure, {
        "channels": rows_text(channel_rows) or fields.get("channels"),
        "documents": "\n".join(rows_text(block.get("giay_to")) for block in blocks) or fields.get("documents"),
        "legal_basis": rows_text(legal_rows) or fields.get("legal_basis"),
    })
    return procedure


def add_cases(procedure: Procedure, blocks: list[dict[str, Any]]) -> None:
    """The cases of the "truong_hop" blocks, read in order (the export keeps the portal's row order)."""
    tables = []
    for block in blocks:
        rows = [map_columns(raw, DOCUMENT_COLUMNS) for raw in block.get("giay_to") or []]
        if not rows and clean(block.get("truong_hop")):
            procedure.warn("case_without_documents", "cases", "a dossier case lists no document", block.get("truong_hop"))
        tables.append(dossier_table(procedure, block.get("truong_hop"), rows))
    add_dossier(procedure, build_cases(tables, ordered=True))
