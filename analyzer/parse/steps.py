"""Splitting procedure text into steps (stub signatures; full implementation follows)."""

from __future__ import annotations

from analyzer.model import Step


def split_steps(text: str | None) -> list[Step]:
    """Split "Trình tự thực hiện" into numbered steps."""
    if not text or not text.strip():
        return []
    return [Step(index=1, text=text.strip())]
