"""Coverage figures for the readers of the real corpus (imported by the slow tests as ``ingest.acceptance``).

Only records whose source part is non-empty count for that part. A duration counts as parsed when it
has a value or is a recognised "no time limit" (``unspecified``); ambiguous ones (a number with no
unit) are counted apart and left out of the rate, as are texts that give a deadline, not a duration
(``analyzer.parse.duration.is_deadline``: "Trước ngày 30 tháng 9 hằng năm").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from analyzer.model import Procedure
from analyzer.parse.duration import is_deadline

PARTS = ("steps", "documents", "duration", "legal_basis")
THRESHOLDS = {"steps": 0.99, "documents": 0.98, "duration": 0.97, "legal_basis": 0.97}


@dataclass
class Coverage:
    counts: Counter[str] = field(default_factory=Counter)
    misses: dict[str, list[str]] = field(default_factory=lambda: {part: [] for part in PARTS})

    def add(self, procedure: Procedure, present: dict[str, bool]) -> None:
        parsed = {
            "steps": bool(procedure.steps),
            "documents": bool(procedure.documents),
            "legal_basis": bool(procedure.legal_basis),
        }
        for part in ("steps", "documents", "legal_basis"):
            if present.get(part):
                self._count(part, parsed[part], procedure.code)
        if present.get("duration"):
            durations = [c.duration for c in procedure.channels if c.duration is not None]
            if any(d.value is not None and not d.ambiguous or d.unspecified for d in durations):
                self._count("duration", True, procedure.code)
            elif any(d.ambiguous for d in durations):
                self.counts["duration_ambiguous"] += 1
            elif any(is_deadline(d) for d in durations):
                self.counts["duration_deadline"] += 1
            else:
                self._count("duration", False, procedure.code)

    def _count(self, part: str, ok: bool, code: str) -> None:
        self.counts[f"{part}_n"] += 1
        self.counts[f"{part}_ok"] += ok
        if not ok:
            self.misses[part].append(code)

    def rate(self, part: str) -> float | None:
        total = self.counts[f"{part}_n"]
        return self.counts[f"{part}_ok"] / total if total else None

    def summary(self) -> str:
        parts = []
        for part in PARTS:
            rate = self.rate(part)
            if rate is not None:
                parts.append(f"{part} {self.counts[part + '_ok']}/{self.counts[part + '_n']} = {rate:.2%}")
        parts.append(f"duration ambiguous (apart) {self.counts['duration_ambiguous']}")
        parts.append(f"deadline, not a duration (apart) {self.counts['duration_deadline']}")
        return "; ".join(parts)

    def below_threshold(self) -> dict[str, str]:
        """Parts under their threshold, with a few of the codes that missed."""
        return {
            part: f"{rate:.2%} < {THRESHOLDS[part]:.0%}, e.g. {self.misses[part][:5]}"
            for part in PARTS
            if (rate := self.rate(part)) is not None and rate < THRESHOLDS[part]
        }
