"""Fixtures of the batch tests (helpers live in batch/helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from batch.helpers import sample_records, write_jsonl


@pytest.fixture()
def sample_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "in" / "procedures.jsonl", sample_records())
