"""Flat tables of procedures for CSV / Parquet / spreadsheets (nested parts kept as JSON text)."""

from __future__ import annotations

import json
from typing import Iterable

from analyzer.detect.impact import deciding_authority
from analyzer.model import CHANNEL_MODES, Procedure

MODES = CHANNEL_MODES


def procedure_row(procedure: Procedure) -> dict[str, object]:
    """One flat row: scalar fields, counts, working days per channel mode, nested parts as JSON."""
    data = procedure.to_dict()
    days = {f"days_{m}": None for m in MODES}
    for channel in procedure.channels:
        if channel.duration and channel.duration.working_days is not None and days[f"days_{channel.mode}"] is None:
            days[f"days_{channel.mode}"] = channel.duration.working_days
    return {
        "code": procedure.code,
        "name": procedure.name,
        "decision": procedure.decision,
        "level": procedure.level,
        "field": procedure.field,
        "agency": procedure.agency,
        "decider": deciding_authority(procedure),
        "n_steps": len(procedure.steps),
        "n_cases": len(procedure.cases),
        "n_documents": sum(len(c.documents) for c in procedure.cases),
        "n_legal_basis": len(procedure.legal_basis),
        "n_warnings": len(procedure.warnings),
        **days,
        "source_format": procedure.source.format if procedure.source else None,
        # a version read from several inputs lists each of them (analyzer.versions)
        "source_path": " | ".join(dict.fromkeys(s.path for s in procedure.sources)) if procedure.sources
        else procedure.source.path if procedure.source else None,
        **{key: json.dumps(data[key], ensure_ascii=False) for key in ("steps", "channels", "cases", "legal_basis", "warnings")},
    }


def procedures_frame(procedures: Iterable[Procedure]):
    import pandas as pd

    return pd.DataFrame([procedure_row(p) for p in procedures])
