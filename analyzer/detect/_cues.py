"""Reviewable detector data (cue phrases, State-held documents) loaded once and compiled to patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml

from analyzer.detect.finding import LegalGround
from analyzer.detect._similarity import key


def _load(name: str) -> dict[str, Any]:
    text = resources.files("analyzer.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    return _load("detect_cues.yaml")


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` on word boundaries, to be run on ``key(text)``."""
    keyed = sorted({key(p) for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in keyed)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


@lru_cache(maxsize=None)
def cue_pattern(*path: str) -> re.Pattern[str]:
    """The compiled pattern of the phrase list at ``path`` in detect_cues.yaml, e.g. ("recheck", "cues")."""
    node: Any = cues()
    for part in path:
        node = node[part]
    return phrase_pattern(node)


@dataclass(frozen=True)
class StateHeld:
    """A document or fact whose data a State database holds."""

    id: str
    label: str
    database: str  # the database's display name
    pattern: re.Pattern[str]
    legal_ground: tuple[LegalGround, ...] = ()
    head_pattern: re.Pattern[str] | None = None  # counts only at the start of a name
    only_copies: bool = False
    condition: str | None = None
    confidence: float = 0.8


@dataclass(frozen=True)
class StateData:
    documents: tuple[StateHeld, ...]
    facts: tuple[StateHeld, ...]
    exemptions: re.Pattern[str]  # around a mention: not the citizen's record in a Vietnamese database
    fallbacks: re.Pattern[str]  # anywhere in a document: asked only when the database cannot answer
    procedure_exemptions: re.Pattern[str]  # in a procedure's name or agency: foreigners, citizens abroad


def _entries(items: list[dict[str, Any]], databases: dict[str, Any]) -> tuple[StateHeld, ...]:
    return tuple(
        StateHeld(
            id=item["id"],
            label=item["label"],
            database=databases[item["database"]]["name"],
            pattern=phrase_pattern(item["patterns"]),
            legal_ground=tuple(LegalGround.from_dict(g) for g in item.get("legal_ground") or ()),
            head_pattern=phrase_pattern(item["head_patterns"]) if item.get("head_patterns") else None,
            only_copies=bool(item.get("only_copies", False)),
            condition=item.get("condition"),
            confidence=float(item.get("confidence", 0.8)),
        )
        for item in items
    )


@lru_cache(maxsize=1)
def state_data() -> StateData:
    data = _load("state_data.yaml")
    return StateData(
        documents=_entries(data["documents"], data["databases"]),
        facts=_entries(data["facts"], data["databases"]),
        exemptions=phrase_pattern(data["exemptions"]),
        fallbacks=phrase_pattern(data["fallbacks"]),
        procedure_exemptions=phrase_pattern(data["procedure_exemptions"]),
    )
