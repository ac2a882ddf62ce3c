"""The curated document list the canonicaliser maps names to (analyzer/data/documents.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from analyzer.resources.legal_ground import LegalGround
from analyzer.resources.schema import CuratedSchema


@dataclass(frozen=True)
class CuratedDocument:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    state_held: bool = False  # the State-held registry lists it (state_data.yaml)
    issued_by: str | None = None  # kind of agency that issues it
    legal_ground: LegalGround | None = None  # the registry's first ground for it
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    @classmethod
    def from_schema(cls, entry: CuratedSchema, held: Mapping[str, tuple[LegalGround, ...]]) -> "CuratedDocument":
        """``held``: the ids the State-held registry lists, with their legal grounds."""
        grounds = held.get(entry.id)
        return cls(
            id=entry.id,
            name=entry.name,
            aliases=tuple(entry.aliases),
            state_held=grounds is not None,
            issued_by=entry.issued_by,
            legal_ground=grounds[0] if grounds else None,
            note=entry.note,
        )
