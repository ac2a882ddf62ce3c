"""A procedure next to its peers: the same-name procedures of other versions and agencies, and the medians of its
field (lĩnh vực) for processing time, papers and fees.

The three measures are those of a proposal's before/after (``analyzer.report.savings.metrics``): the longest
declared channel time in working days, the documents of the largest case (what one applicant prepares) and the
VND fees of one performance (0 when the record states none). Each procedure's measures are kept in its list row
(``ReviewCorpus.list_row``, so a store keeps them in its snapshot); a ``PeerTable`` is built once per corpus from
those rows (one group-by; ~84,000 rows in well under a second) and answers a page in a dictionary look-up.

Same name: the name as the search and the filters fold it (``analyzer.report.search.name_key``: case,
diacritics, spacing, punctuation and abbreviations folded), so "Cấp giấy phép …" and "CẤP GIẤY PHÉP …" are one
name. Same field: the field's name folded the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analyzer.model import Procedure
from analyzer.report.savings import metrics
from analyzer.report.search import name_key

MEASURES = ("working_days", "documents", "fees")
PEER_COLUMNS = ["code", "decision", "agency", "level", "field", *MEASURES]  # a same-name procedure, as listed
COMPARISON_COLUMNS = ["measure", "this_value", "name_median", "field_median"]
_ROW_COLUMNS = ["version", "code", "name", "decision", "field", "level", "agency", "name_key", *MEASURES]


def peer_values(procedure: Procedure) -> dict[str, float | None]:
    """The procedure's three measures (see the module doc)."""
    found = metrics(procedure)
    return {"working_days": found.working_days, "documents": float(found.documents), "fees": float(found.fees)}


def _median(values: pd.Series) -> float | None:
    values = values.dropna()
    return float(values.median()) if len(values) else None


@dataclass(frozen=True)
class PeerTable:
    """Every procedure's measures, its rows grouped by name, and each field's medians."""

    rows: pd.DataFrame  # _ROW_COLUMNS, one row per procedure version
    position: Mapping[str, int]  # version -> row
    by_name: Mapping[str, np.ndarray]  # name key -> rows
    fields: pd.DataFrame  # field key -> the median of each measure, and "count" (procedures of the field)
    field_keys: pd.Series  # per row: its field key ("" for none)

    @classmethod
    def of(cls, rows: pd.DataFrame) -> "PeerTable":
        """``rows``: one per procedure version with ``_ROW_COLUMNS`` ("name_key": ``name_key`` of the name); a
        missing measure column (a store imported before the measures were listed) reads as unknown."""
        frame = rows.reindex(columns=_ROW_COLUMNS).reset_index(drop=True)
        for column in MEASURES:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
        keys = {value: name_key(value) if isinstance(value, str) else "" for value in frame["field"].drop_duplicates()}
        field_keys = frame["field"].map(keys).fillna("")
        grouped = frame[list(MEASURES)].groupby(field_keys.to_numpy(), sort=False)
        fields = grouped.median().assign(count=grouped.size())
        names = frame["name_key"].fillna("").astype(str)
        return cls(frame, {v: i for i, v in enumerate(frame["version"].astype(str))},
                   names.groupby(names.to_numpy(), sort=False).indices, fields, field_keys)

    def same_name(self, version: str) -> pd.DataFrame:
        """The other versions of ``version``'s name (other decisions, other agencies): ``PEER_COLUMNS`` and
        "version", by agency then code then decision."""
        at = self.position[version]
        key = self.rows.at[at, "name_key"]
        positions = [p for p in self.by_name.get(key, ()) if p != at] if key else []
        found = self.rows.iloc[positions][["version", *PEER_COLUMNS]]
        return found.sort_values(["agency", "code", "decision"], kind="stable", na_position="last").reset_index(drop=True)

    def field_medians(self, version: str) -> dict[str, Any]:
        """The medians of ``version``'s field (measure -> median or None) and its "count"; none without a field."""
        key = self.field_keys.iat[self.position[version]]
        if not key or key not in self.fields.index:
            return {**{m: None for m in MEASURES}, "count": 0}
        row = self.fields.loc[key]
        return {**{m: None if pd.isna(row[m]) else float(row[m]) for m in MEASURES}, "count": int(row["count"])}

    def comparison(self, version: str, values: Mapping[str, float | None] | None = None) -> pd.DataFrame:
        """One row per measure: this procedure's value (``values``, else its listed one), the median of the
        same-name procedures (itself included) and the field's median; None where unknown."""
        at = self.position[version]
        own = {m: _known((values if values is not None else self.rows.loc[at]).get(m)) for m in MEASURES}
        others = self.same_name(version)
        field = self.field_medians(version)
        return pd.DataFrame([{"measure": m, "this_value": own[m],
                              "name_median": _median(pd.concat([others[m], pd.Series([own[m]], dtype=float)])),
                              "field_median": field[m]} for m in MEASURES], columns=COMPARISON_COLUMNS)


def _known(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
