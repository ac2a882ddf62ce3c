"""Parse coverage per source format: what `tthc parse-report` prints.

A record counts for a field when the reader produced at least one item, and enters the denominator
when it produced one or warned that the source field was non-empty but unreadable (``<field>_unparsed``).
Readers must warn in that case, so the figure counts only records whose source field is non-empty.
A duration counts as read when it has a value or states that there is no time limit (unspecified);
records whose only times are a bare number (ambiguous) or a calendar deadline are counted apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from analyzer.ingest.base import RecordError
from analyzer.model import Procedure
from analyzer.parse.duration import is_deadline

FIELDS = ("steps", "documents", "durations", "legal_basis")
UNPARSED_CODE = {
    "steps": "steps_unparsed",
    "documents": "documents_unparsed",
    "durations": "channels_unparsed",
    "legal_basis": "legal_basis_unparsed",
}


def record_flags(procedure: Procedure) -> dict[str, bool | None]:
    """For each field: True parsed, False source non-empty but unparsed, None absent in the source."""
    codes = {w.code for w in procedure.warnings}
    durations = [c.duration for c in procedure.channels if c.duration is not None]
    parsed = {
        "steps": bool(procedure.steps),
        "documents": any(case.documents for case in procedure.cases),
        "durations": any((d.value is not None and not d.ambiguous) or d.unspecified for d in durations),
        "legal_basis": bool(procedure.legal_basis),
    }
    set_apart = any(d.ambiguous or is_deadline(d) for d in durations)
    flags: dict[str, bool | None] = {}
    for name in FIELDS:
        if parsed[name]:
            flags[name] = True
        elif name == "durations" and set_apart:
            flags[name] = None  # counted in ambiguous_durations / deadlines, not in the rate
        elif UNPARSED_CODE[name] in codes or (name == "durations" and durations):
            flags[name] = False
        else:
            flags[name] = None
    return flags


@dataclass
class SourceCoverage:
    records: int = 0
    parsed: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)
    ambiguous_durations: int = 0
    warnings: Counter = field(default_factory=Counter)
    failures: list[RecordError] = field(default_factory=list)

    def add(self, procedure: Procedure) -> None:
        self.records += 1
        for name, flag in record_flags(procedure).items():
            if flag is not None:
                self.present[name] += 1
                self.parsed[name] += int(flag)
        if not record_flags(procedure)["durations"] and any(c.duration and c.duration.ambiguous for c in procedure.channels):
            self.ambiguous_durations += 1
        self.warnings.update(w.code for w in procedure.warnings)

    def share(self, name: str) -> float | None:
        return self.parsed[name] / self.present[name] if self.present[name] else None


def coverage_by_source(items: Iterable[Procedure | RecordError]) -> dict[str, SourceCoverage]:
    """Coverage keyed by source format; failures are keyed by file under 'errors'."""
    result: dict[str, SourceCoverage] = defaultdict(SourceCoverage)
    for item in items:
        if isinstance(item, RecordError):
            result["errors"].failures.append(item)
        else:
            result[item.source.format if item.source else "unknown"].add(item)
    return dict(result)


def coverage_rows(coverage: dict[str, SourceCoverage]) -> list[dict[str, object]]:
    rows = []
    for source, cov in sorted(coverage.items()):
        if source == "errors":
            continue
        row: dict[str, object] = {"source": source, "records": cov.records}
        for name in FIELDS:
            share = cov.share(name)
            row[name] = f"{cov.parsed[name]}/{cov.present[name]} ({share:.1%})" if share is not None else "-"
        row["ambiguous_durations"] = cov.ambiguous_durations
        row["warnings"] = ", ".join(f"{code}={n}" for code, n in cov.warnings.most_common())
        rows.append(row)
    return rows
