"""Legal-document references (stub signatures; full implementation follows)."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.model import LegalRef


@dataclass(frozen=True, slots=True)
class LegalRefSpan:
    """A legal-document number found in a text: offsets into that text and the normalised reference."""

    start: int
    end: int
    ref: LegalRef


def find_legal_numbers(text: str | None) -> list[LegalRefSpan]:
    """Every document number ("22/2023/TT-BCA") in a text, with kind and date when given."""
    return []


def split_glued_legal_basis(text: str | None) -> list[LegalRef]:
    """Title/number pairs from portal-flat's flattened legal-basis table."""
    return []
