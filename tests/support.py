"""Helpers importable from any test module (``from support import shared_path``)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS_REAL = SHARED / "corpus-real"
SAMPLE_CORPUS = ROOT / "corpus"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; skips the calling test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared reference data at {path} (../shared is absent on this machine)")
    return path
