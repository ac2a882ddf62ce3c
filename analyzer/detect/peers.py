"""Peer statistics for processing times, computed once per corpus.

A channel's peers are the channels with the same mode in procedures of the same field, level and kind of
decision: a re-issue, exchange, change or extension (named "cấp lại", "cấp đổi", "điều chỉnh", "gia hạn" ...)
is lighter work than a first licence with its inspection, so the two kinds are never compared (blind audit
of the baseline, corpus/gold/blind/audit_baseline.md, cause 4).
The statistics are a pure function of the corpus (not of chunking or the engine), so a record's
"long time" finding is the same in a notebook, a local batch and a Dask run.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median
from typing import Iterable

from analyzer.model import Procedure
from analyzer.text import match_key

PeerKey = tuple[str, str, str, str]  # (field key, level key, channel mode, kind of decision)

FIRST, LIGHTER, ANY = "first", "lighter", "any"  # ANY: both kinds pooled
# Name cues of the lighter kind of decision. A fixed part of the peer-table format (the table is a pure
# function of the corpus, computed where no resources are at hand), hence a constant, not a cue of
# detect_cues.yaml: changing it changes every peer median.
LIGHTER_KIND = re.compile(r"(?<!\w)(?:cấp lại|cấp đổi|điều chỉnh|gia hạn|sửa đổi|thay đổi|bổ sung|đính chính)(?!\w)")


def decision_kind(name: str) -> str:
    """"lighter" for a re-issue, exchange, change or extension ("Cấp lại Giấy phép ..."), else "first"."""
    return LIGHTER if LIGHTER_KIND.search(match_key(name)[:60]) else FIRST


def peer_key(procedure: Procedure, mode: str) -> PeerKey:
    return (match_key(procedure.field or ""), match_key(procedure.level or ""), mode, decision_kind(procedure.name))


@dataclass
class PeerStats:
    """Working days per peer group; `observe` then `median`/`count`. Mergeable across chunks."""

    values: dict[PeerKey, list[float]] = field(default_factory=lambda: defaultdict(list))

    def observe(self, procedure: Procedure) -> None:
        # every channel row counts, as in the gold labels (corpus/gold/real_notes.md "Peer medians"): a record
        # with two in-person rows (two cases) contributes both times
        for channel in procedure.channels:
            days = channel.duration.working_days if channel.duration else None
            if days is not None and days > 0 and not (channel.duration.ambiguous or channel.duration.unspecified):
                key = peer_key(procedure, channel.mode)
                self.values[key].append(days)
                self.values[key[:3] + (ANY,)].append(days)

    def count(self, key: PeerKey) -> int:
        return len(self.values.get(key, ()))

    def median(self, key: PeerKey) -> float | None:
        vals = self.values.get(key)
        return float(median(vals)) if vals else None

    @classmethod
    def from_procedures(cls, procedures: Iterable[Procedure]) -> "PeerStats":
        stats = cls()
        for procedure in procedures:
            stats.observe(procedure)
        return stats

    def to_dict(self) -> dict[str, list[float]]:
        return {"|".join(k): sorted(v) for k, v in sorted(self.values.items())}

    @classmethod
    def from_dict(cls, data: dict[str, list[float]]) -> "PeerStats":
        stats = cls()
        for key, vals in data.items():
            stats.values[tuple(key.split("|"))].extend(vals)  # type: ignore[index]
        return stats

    def summary(self) -> "PeerSummary":
        return PeerSummary({key: (len(vals), float(median(vals))) for key, vals in self.values.items() if vals})


@dataclass(frozen=True)
class PeerSummary:
    """The compact, read-only form shipped to workers: (count, median) per peer group."""

    groups: dict[PeerKey, tuple[int, float]]

    def count(self, key: PeerKey) -> int:
        found = self.groups.get(key)
        return found[0] if found else 0

    def median(self, key: PeerKey) -> float | None:
        found = self.groups.get(key)
        return found[1] if found else None
