"""The project's own canonical JSON (what `tthc parse` writes)."""

from __future__ import annotations

from typing import Any

from analyzer.model import Procedure, SourceRef

name = "canonical"


def matches(record: dict[str, Any]) -> bool:
    return "code" in record and "name" in record and ("steps" in record or "cases" in record or "channels" in record)


def to_procedure(record: dict[str, Any], source: SourceRef) -> Procedure:
    procedure = Procedure.from_dict(record)
    if procedure.source is None:
        procedure.source = source
    return procedure
