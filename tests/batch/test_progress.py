"""Progress: tqdm with rate and ETA on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from analyzer.batch import run
from analyzer.batch.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_have_count_rate_and_eta() -> None:
    stream = io.StringIO()
    bar = Progress("phân tích", total=100, interval=0.0, stream=stream)
    for _ in range(4):
        bar.update(25)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("phân tích: 25/100 hồ sơ (")
    assert re.search(r"\d+(\.\d)? hồ sơ/s, còn khoảng \d+s\)$", lines[0])
    assert lines[-1].startswith("phân tích: 100/100 hồ sơ") and "xong trong" in lines[-1]
    assert "?" not in stream.getvalue()


def test_first_record_does_not_print_a_line() -> None:
    """The old bar printed "1/?" at once; lines now come after an interval and at the end."""
    stream = io.StringIO()
    bar = Progress("đọc hồ sơ", total=None, interval=60.0, stream=stream)
    bar.update(1)
    assert stream.getvalue() == ""
    bar.update(9)
    bar.close()
    assert stream.getvalue().splitlines() == [stream.getvalue().strip()]
    assert stream.getvalue().startswith("đọc hồ sơ: 10 hồ sơ (")


def test_terminal_gets_a_tqdm_bar_with_rate_and_eta() -> None:
    stream = Terminal()
    bar = Progress("phân tích", total=10, stream=stream)
    for _ in range(10):
        bar.update(1)
    bar.close()
    text = stream.getvalue()
    assert "10/10" in text and "hồ sơ/s" in text and "<" in text  # tqdm's "elapsed<remaining"


def test_disabled_progress_is_silent(sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    run([sample_file], tmp_path / "out", progress=False)
    assert capsys.readouterr().err == ""


def test_batch_prints_plain_lines_when_not_a_terminal(sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    run([sample_file], tmp_path / "out", progress=True, progress_interval=0.0, chunk_size=10)
    err = capsys.readouterr().err
    assert "đọc hồ sơ: 30 hồ sơ" in err
    assert re.search(r"phân tích: 10/30 hồ sơ \(.*còn khoảng", err)
    assert "phân tích: 30/30 hồ sơ" in err
