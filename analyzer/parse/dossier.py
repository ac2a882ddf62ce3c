"""Dossier (thành phần hồ sơ) helpers (stub signatures; full implementation follows)."""

from __future__ import annotations

from analyzer.model import CopyKind


def parse_copy_counts(text: str | None) -> tuple[int | None, int | None]:
    """(originals, copies) from a quantity cell such as "Bản chính: 1\\nBản sao: 0"."""
    return (None, None)


def detect_copy_kind(name: str, originals: int | None = None, copies: int | None = None) -> CopyKind | None:
    """The kind of copy a document name asks for."""
    return None


def split_glued_count(text: str | None) -> list[tuple[str, int | None, int | None]]:
    """Split portal-flat's "Name1 bản chínhName2 bản sao" into (name, originals, copies)."""
    return []


def clean_document_name(name: str) -> str:
    """Strip list markers and trailing punctuation from a document name."""
    return " ".join(name.split())
