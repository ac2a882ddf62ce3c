"""2021 procedure versions scraped from csdl.dichvucong.gov.vn (hộ tịch, cư trú, BHYT, education).

A record is an object with ``title``, ``Trình tự thực hiện``, ``Cách thức thực hiện`` (channel rows),
``Thành phần hồ sơ`` (document rows, counts as "Bản chính: 1 - Bản sao: 0") and ``Cơ quan thực hiện``.
It has no procedure code and no legal basis: the code is derived from the title and the agency, stable
across runs, and flagged with a ``code_derived`` warning. HTML leftovers ("</p>", "&nbsp;") are
cleaned by the shared text normaliser; the page's "Xem chi tiết" links are dropped from fee cells.
"""

from __future__ import annotations

import re
from typing import Any

from analyzer.ingest._common import (
    DOCUMENT_COLUMNS,
    add_channel_rows,
    add_dossier,
    add_steps,
    clean,
    derived_code,
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

name = "csdl_2021"

TITLE = "title"
CHANNELS = "Cách thức thực hiện"
DOSSIER = "Thành phần hồ sơ"
_UI_LINK_RE = re.compile(r"\s*Xem chi tiết\s*")
_EMPTY_DOWNLOAD_RE = re.compile(r"[?&]ma=\s*$")


def matches(record: dict[str, Any]) -> bool:
    return TITLE in record and isinstance(record.get(CHANNELS), list) and "Trình tự thực hiện" in record


def to_procedure(record: dict[str, Any], source: SourceRef) -> Procedure:
    fields, unknown = map_fields((k, v) for k, v in record.items() if isinstance(v, str) and k != TITLE)
    fields["name"] = record.get(TITLE) or ""
    title = clean(fields["name"])
    if not title:
        raise ValueError("the record has no title")
    code = derived_code("csdl", title, clean(fields.get("agency")))
    procedure = new_procedure(fields, source, fallback_code=code)
    procedure.warn("code_derived", "code", "the source has no procedure code: derived from title and agency", code)
    warn_unknown_labels(procedure, unknown)
    add_steps(procedure, fields.get("steps"))

    channel_rows = [_without_ui_links(row) for row in record.get(CHANNELS) or []]
    add_channel_rows(procedure, channel_rows)

    document_rows = record.get(DOSSIER) or []
    mapped = [map_columns(raw, DOCUMENT_COLUMNS) for raw in document_rows]
    for row in mapped:
        row["form"] = _form(row.get("form")) or ""
    add_dossier(procedure, build_cases([dossier_table(procedure, None, mapped)]))

    warn_if_empty(procedure, {"channels": rows_text(channel_rows), "documents": rows_text(document_rows)})
    return procedure


def _without_ui_links(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _UI_LINK_RE.sub(" ", value).strip() if isinstance(value, str) else value for key, value in row.items()}


def _form(value: str | None) -> str | None:
    """The form's download link, or None for the page's empty link ("download_file.jsp?ma=")."""
    text = clean(value)
    return None if text is None or _EMPTY_DOWNLOAD_RE.search(text) else text
