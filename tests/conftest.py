"""Root fixtures. Heavy objects (the NLP pipeline) are built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import SAMPLE_CORPUS, shared_path


@pytest.fixture(scope="session")
def corpus_real() -> Path:
    return shared_path("corpus-real")


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    return SAMPLE_CORPUS
