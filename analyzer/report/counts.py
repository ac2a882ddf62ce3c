"""Counters for the summary report, filled one record at a time by whoever produces the records (the batch)."""

from __future__ import annotations

import hashlib
import heapq
import json
from array import array
from collections import Counter
from typing import Any

from analyzer.report.tables import MODES

UNKNOWN = "(không rõ)"


class SummaryCounts:
    """Counters for the summary report, filled one record at a time. Per record it keeps only its
    processing times (8 bytes each); the procedures with the largest estimated savings are a bounded heap.

    A procedure's savings: the sum of its findings' VND per year (two findings on one paper both count, so
    it is an upper estimate) and the largest working-days cut of one case (time findings on one channel overlap)."""

    TOP = 50

    def __init__(self) -> None:
        self.by_kind: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.vnd_by_rule: Counter = Counter()  # (kind, rule) -> VND per year saved
        self.by_field: Counter = Counter()
        self.by_level: Counter = Counter()
        self.by_agency: Counter = Counter()
        self.procedures_by_field: Counter = Counter()
        self.procedures_by_level: Counter = Counter()
        self.procedures_by_agency: Counter = Counter()
        self.days: dict[str, array] = {mode: array("d") for mode in MODES}
        self.outlier_days: dict[str, array] = {mode: array("d") for mode in MODES}
        self.procedures = 0
        self.flagged = 0  # procedures with at least one finding
        # (vnd per year, days per case, findings, -order, code, name, agency)
        self._top: list[tuple[float, float, int, int, str, str, str | None]] = []

    def add_record(self, row: dict[str, Any], findings: list[dict[str, Any]]) -> None:
        self.add_procedure(row)
        for finding in findings:
            self.add_finding(finding, row)
        if findings:
            self.flagged += 1
            vnd = float(sum(f.get("vnd_saved") or 0.0 for f in findings))
            days = float(max((f.get("days_saved") or 0.0 for f in findings), default=0.0))
            entry = (vnd, days, len(findings), -self.procedures, row["code"], row["name"], row["agency"])
            if len(self._top) < self.TOP:
                heapq.heappush(self._top, entry)
            else:
                heapq.heappushpop(self._top, entry)

    def add_procedure(self, row: dict[str, Any]) -> None:
        self.procedures += 1
        self.procedures_by_field[row["field"] or UNKNOWN] += 1
        self.procedures_by_level[row["level"] or UNKNOWN] += 1
        self.procedures_by_agency[row["agency"] or UNKNOWN] += 1
        for mode, values in self.days.items():
            if row[f"days_{mode}"] is not None:
                values.append(row[f"days_{mode}"])

    def add_finding(self, finding: dict[str, Any], row: dict[str, Any]) -> None:
        """``row`` is the procedure row of the record the finding belongs to."""
        kind = finding["kind"]
        self.by_kind[kind] += 1
        self.by_rule[(kind, finding["rule"])] += 1
        self.vnd_by_rule[(kind, finding["rule"])] += finding.get("vnd_saved") or 0.0
        self.by_field[(row["field"] or UNKNOWN, kind)] += 1
        self.by_level[(row["level"] or UNKNOWN, kind)] += 1
        self.by_agency[(row["agency"] or UNKNOWN, kind)] += 1
        if finding["rule"] == "peer_outlier":  # the time-distribution plot marks these channels
            days = finding["suggestion"].get("params", {}).get("current_working_days")
            for evidence in finding.get("evidence") or []:
                mode = _channel_mode(row, evidence.get("index")) if evidence.get("field") == "channels" else None
                if mode in self.outlier_days and days is not None:
                    self.outlier_days[mode].append(days)

    def top_procedures(self) -> list[tuple[str, str, str | None, int, float, float]]:
        """(code, name, agency, findings, VND per year, working days per case) of the procedures with the
        largest estimated savings: VND first, then days, then findings, then input order."""
        return [(code, name, agency, n, vnd, days)
                for vnd, days, n, _, code, name, agency in sorted(self._top, reverse=True)]

    def days_digest(self) -> str:
        """A hash of the processing times and outliers (what the time chart is drawn from)."""
        digest = hashlib.sha256()
        for values in (*self.days.values(), *self.outlier_days.values()):
            digest.update(len(values).to_bytes(8, "little") + values.tobytes())
        return digest.hexdigest()


def _channel_mode(row: dict[str, Any], index: int | None) -> str | None:
    channels = json.loads(row["channels"])
    return channels[index].get("mode") if index is not None and 0 <= index < len(channels) else None
