"""Bad files and records are reported in errors.jsonl (file, record, reason); the rest completes."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.batch import run
from analyzer.cli import EXIT_WITH_ERRORS, app
from batch.helpers import sample_records, write_jsonl


def corrupt_gzip(path: Path) -> Path:
    data = gzip.compress(("\n".join(json.dumps(r, ensure_ascii=False) for r in sample_records()[:6]) + "\n").encode())
    path.write_bytes(data[: len(data) // 2] + b"\x00garbage" * 50)
    return path


def truncated_lines(path: Path) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in sample_records()[:4]]
    lines[1] = lines[1][: len(lines[1]) // 3]  # a line cut mid-record
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def no_encoding(path: Path) -> Path:
    # UTF-16 and the legacy encodings are read since issue 11; bytes that are text in none of them are not
    path.write_bytes(bytes(range(0x80, 0x100)) * 16)
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


BAD_FILES = {
    "corrupt.jsonl.gz": corrupt_gzip,
    "truncated.jsonl": truncated_lines,
    "binary.jsonl": no_encoding,
    "empty.jsonl": empty_file,
}


def errors_of(outdir: Path) -> list[dict]:
    return [json.loads(line) for line in (outdir / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_reported_and_the_rest_completes(tmp_path: Path, name: str) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", sample_records()[10:20])
    bad = BAD_FILES[name](tmp_path / name)
    result = run([good, bad], tmp_path / "out", progress=False)
    errors = errors_of(tmp_path / "out")
    assert errors and result.errors == len(errors) and result.completed_with_errors
    assert all(e["file"] == str(bad) and e["reason"] for e in errors)
    assert set(errors[0]) == {"file", "record", "code", "message", "reason"}
    assert result.procedures >= 10, "the good file is analysed in full"


def test_truncated_line_names_its_record(tmp_path: Path) -> None:
    bad = truncated_lines(tmp_path / "truncated.jsonl")
    result = run([bad], tmp_path / "out", progress=False)
    assert result.procedures == 3
    assert [e["record"] for e in errors_of(tmp_path / "out")] == ["line 2"]


@pytest.mark.parametrize("kind", ["missing", "dangling-symlink", "no-match-pattern"])
def test_input_that_cannot_be_opened(tmp_path: Path, kind: str) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", sample_records()[:3])
    target = tmp_path / "absent.jsonl"
    if kind == "dangling-symlink":
        target = tmp_path / "link.jsonl"
        target.symlink_to(tmp_path / "gone.jsonl")
    elif kind == "no-match-pattern":
        target = tmp_path / "nothing-*.jsonl"
    result = run([good, target], tmp_path / "out", progress=False)
    assert result.procedures == 3
    [error] = errors_of(tmp_path / "out")
    assert error["file"] == str(target) and error["record"] is None and error["reason"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode (CI runs as root)")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = write_jsonl(tmp_path / "locked.jsonl", sample_records()[:2])
    locked.chmod(0)
    try:
        result = run([locked], tmp_path / "out", progress=False)
    finally:
        locked.chmod(0o644)
    assert result.errors == 1 and result.procedures == 0
    assert errors_of(tmp_path / "out")[0]["file"] == str(locked)


def test_unreadable_file_is_read_once_it_can_be(tmp_path: Path) -> None:
    """A failure to open is never cached as the file's content."""
    target = tmp_path / "later.jsonl"
    first = run([target], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False)
    assert first.errors == 1
    write_jsonl(target, sample_records()[:2])
    second = run([target], tmp_path / "out", cache_dir=tmp_path / "cache", progress=False)
    assert (second.errors, second.procedures) == (0, 2)


def test_cli_exit_code_says_completed_with_errors(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", sample_records()[:3])
    bad = truncated_lines(tmp_path / "truncated.jsonl")
    runner = CliRunner()
    failed = runner.invoke(app, ["analyze", str(good), str(bad), "-o", str(tmp_path / "out"), "-q"])
    assert failed.exit_code == EXIT_WITH_ERRORS, failed.output
    assert "errors.jsonl" in failed.output
    clean = runner.invoke(app, ["analyze", str(good), "-o", str(tmp_path / "clean"), "-q"])
    assert clean.exit_code == 0, clean.output
    assert "3 thủ tục" in clean.output
