"""Processing-time parsing (stub signatures; full implementation follows)."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.model import Duration


@dataclass(frozen=True, slots=True)
class DurationSpan:
    """A duration found inside a longer text: character offsets into that text and its value."""

    start: int
    end: int
    duration: Duration


def parse_duration(text: str | None) -> Duration | None:
    """Parse a channel processing-time cell; None for empty input. Never raises."""
    if not text or not text.strip():
        return None
    return Duration(text=text.strip(), ambiguous=True)


def find_durations(text: str | None) -> list[DurationSpan]:
    """Every duration mentioned in a free text, with offsets."""
    return []
