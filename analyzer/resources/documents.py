"""The curated document list the canonicaliser maps names to (analyzer/data/documents.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.resources.legal_ground import LegalGround
from analyzer.resources.schema import CuratedSchema


@dataclass(frozen=True)
class CuratedDocument:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    state_held: bool = False  # the state already holds the data (a database agencies must consult)
    issued_by: str | None = None  # kind of agency that issues it
    legal_ground: LegalGround | None = None
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    @classmethod
    def from_schema(cls, entry: CuratedSchema) -> "CuratedDocument":
        return cls(
            id=entry.id,
            name=entry.name,
            aliases=tuple(entry.aliases),
            state_held=entry.state_held,
            issued_by=entry.issued_by,
            legal_ground=LegalGround(**entry.legal_ground.model_dump()) if entry.legal_ground else None,
            note=entry.note,
        )
