"""OutputWriter: a write that fails (a full disk) names the output, and abort leaves no unfinished file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analyzer.atomic import OutputError
from analyzer.batch.outputs import OUTPUT_FILES, OutputWriter


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


ROW = {"code": "1.1", "name": "Thủ tục", "decision": None, "level": None, "field": None, "agency": None,
       "n_steps": 0, "n_cases": 0, "n_documents": 0, "n_legal_basis": 0, "n_warnings": 0, "days_truc_tiep": None,
       "days_truc_tuyen": None, "days_buu_chinh": None, "source_format": None, "source_path": None, "steps": "[]",
       "channels": "[]", "cases": "[]", "legal_basis": "[]", "warnings": "[]"}


def test_full_disk_names_the_output_and_abort_removes_the_partial_files(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    writer = OutputWriter(tmp_path, corpus_analyses=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f".{name}.tmp" for name in OUTPUT_FILES.values())
    monkeypatch.setattr(pq.ParquetWriter, "write_table", no_space)
    with pytest.raises(OutputError, match="procedures.parquet: hết dung lượng đĩa"):
        writer.add_chunk([{"summary": {"row": ROW}, "rows": [], "errors": []}])
    writer.abort()
    assert list(tmp_path.iterdir()) == []


def test_opening_on_a_full_disk_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = Path.open

    def open_or_fail(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == f".{OUTPUT_FILES['errors']}.tmp":
            no_space()
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_or_fail)
    with pytest.raises(OutputError, match="errors.jsonl"):
        OutputWriter(tmp_path, corpus_analyses=False)
    assert list(tmp_path.iterdir()) == []
