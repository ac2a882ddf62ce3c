"""Phrase lists compiled to one regex, matched on the matching key of a text (case, tone placement and
spacing do not matter)."""

from __future__ import annotations

import re
from typing import Iterable

from analyzer.text import match_key


def phrase_key(text: str | None) -> str:
    """The matching key of a text: canonical form, lower case, single spaces (what detectors search)."""
    return " ".join(match_key(text or "").lower().split())


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` on word boundaries, to be run on ``phrase_key(text)``."""
    keyed = sorted({phrase_key(p) for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in keyed)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")
