"""Root fixtures. Heavy objects (the NLP pipeline) are built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS_REAL = SHARED / "corpus-real"
SAMPLE_CORPUS = ROOT / "corpus"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, skipping the calling test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared reference data at {path} (../shared is absent on this machine)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def corpus_real() -> Path:
    return shared_path("corpus-real")


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    return SAMPLE_CORPUS
