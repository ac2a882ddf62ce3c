"""Every input file of `tthc legal` accounted for; outputs whole or absent; a full disk is one line."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from analyzer import atomic
from analyzer.cli import EXIT_WITH_ERRORS, app
from support import SAMPLE_CORPUS

runner = CliRunner()
PROCEDURES = str(SAMPLE_CORPUS / "procedures.jsonl")
LEGAL_TEXT = sorted((SAMPLE_CORPUS / "legal").glob("*.txt"))[0]
EMPTY_PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] "
             b"/Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
             b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")

# file in the folder -> what its error must say
BAD_FILES = {
    "a_hong.docx": (b"not a zip", "tệp DOCX hỏng"),
    "b_rong.txt": (b"", "tệp rỗng"),
    "c_anh.png": (b"\x89PNG\r\n\x1a\n", "loại tệp không hỗ trợ"),
    "d_ban_quet.pdf": (EMPTY_PDF, "OCR"),
    "e_nen.zip": (b"PK\x03\x04 cut", "tệp zip hỏng"),
}


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(f"*{atomic.TMP_SUFFIX}")]


def test_legal_goes_on_after_bad_files_and_lists_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (content, _) in BAD_FILES.items():
        (folder / name).write_bytes(content)
    shutil.copy(LEGAL_TEXT, folder / "z_tot.txt")  # sorted last: read after every bad file
    out, errors = tmp_path / "legal.jsonl", tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["legal", str(folder), "-o", str(out), "--errors", str(errors)])
    assert result.exit_code == EXIT_WITH_ERRORS, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), "no traceback"
    assert [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        str(folder / "z_tot.txt")]
    listed = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [Path(row["path"]).name for row in listed] == sorted(BAD_FILES)
    for row in listed:
        assert BAD_FILES[Path(row["path"]).name][1] in row["error"]
        assert f"lỗi: {row['error']}" in result.stderr
    assert "1 văn bản, 5 tệp không đọc được" in result.stderr
    assert temporaries(tmp_path) == []


def test_legal_without_errors_writes_an_empty_errors_file(tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["legal", str(LEGAL_TEXT), "-o", str(tmp_path / "out.jsonl"), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert errors.read_text(encoding="utf-8") == ""


def test_a_config_error_leaves_no_output(tmp_path: Path) -> None:
    config = tmp_path / "rules.yaml"
    config.write_text("rules:\n  khong_co_quy_tac: {}\n", encoding="utf-8")
    out = tmp_path / "legal.jsonl"
    result = runner.invoke(app, ["legal", str(LEGAL_TEXT), "-o", str(out), "--config", str(config)])
    assert result.exit_code == 1 and "lỗi cấu hình" in result.stderr
    assert not out.exists() and temporaries(tmp_path) == []


# --- a full disk ------------------------------------------------------------------------------------------

REAL_FDOPEN = os.fdopen


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class FullDiskFile:
    """An output file on a full disk: it opens, and writing fails as the kernel reports ENOSPC."""

    def __init__(self, fd: int, mode: str) -> None:
        self._file = REAL_FDOPEN(fd, mode)

    def write(self, data: bytes) -> int:
        no_space()
        return 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._file, name)


def half_written_parquet(self: pd.DataFrame, path: Path, **kwargs: object) -> None:
    Path(path).write_bytes(b"PAR1 half")
    no_space()


# (case, arguments with OUT for the output path, what fails, the file the error names)
FULL_DISK = [
    ("parse jsonl", ["parse", PROCEDURES, "-o", "OUT/p.jsonl"], "fdopen", "OUT/p.jsonl"),
    ("parse parquet", ["parse", PROCEDURES, "--format", "parquet", "-o", "OUT/p.parquet"], "to_parquet",
     "OUT/p.parquet"),
    ("legal", ["legal", str(LEGAL_TEXT), "-o", "OUT/l.jsonl"], "fdopen", "OUT/l.jsonl"),
    ("analyze outputs", ["analyze", PROCEDURES, "-o", "OUT", "-q"], "write_table", "OUT/procedures.parquet"),
    ("analyze work files", ["analyze", PROCEDURES, "-o", "OUT", "-q"], "fdopen", "OUT/.work/parsed/parsed-"),
]


@pytest.mark.parametrize(("arguments", "failing", "named"), [case[1:] for case in FULL_DISK],
                         ids=[case[0] for case in FULL_DISK])
def test_full_disk_is_one_line_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               arguments: list[str], failing: str, named: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if failing == "fdopen":
        monkeypatch.setattr(atomic.os, "fdopen", FullDiskFile)
    elif failing == "to_parquet":
        monkeypatch.setattr(pd.DataFrame, "to_parquet", half_written_parquet)
    else:
        import pyarrow.parquet as pq

        monkeypatch.setattr(pq.ParquetWriter, "write_table", no_space)
    result = runner.invoke(app, [arg.replace("OUT", str(out)) for arg in arguments])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), "no traceback"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"lỗi: không ghi được {named.replace('OUT', str(out))}")
    assert lines[0].endswith("hết dung lượng đĩa (ENOSPC)")
    assert temporaries(tmp_path) == [], "temporary files are removed"
    produced = [p for p in out.iterdir() if p.is_file() and p.suffix in {".jsonl", ".parquet", ".csv"}]
    assert produced == [], "no output is left half-written"
