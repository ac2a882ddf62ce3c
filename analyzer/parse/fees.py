"""Fee parsing (stub signatures; full implementation follows)."""

from __future__ import annotations

from analyzer.model import Fee


def parse_fees(text: str | None) -> list[Fee]:
    """Every fee in a fee cell. Never raises."""
    if not text or not text.strip():
        return []
    return [Fee(text=text.strip())]
