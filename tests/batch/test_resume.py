"""A run killed mid-way and restarted with the same arguments continues and ends as an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyzer.batch import run, runner
from batch.helpers import read_bytes, replicas, sample_records, write_jsonl

OUTPUTS = ("findings.jsonl", "findings.csv", "errors.jsonl", "near_duplicates.csv")


class SimulatedCrash(RuntimeError):
    pass


def crash_after(chunks: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the engine die after ``chunks`` chunk results, like a machine going down."""
    real = runner._engine_results

    def failing(*args, **kwargs):
        for done, item in enumerate(real(*args, **kwargs)):
            if done == chunks:
                raise SimulatedCrash("engine lost")
            yield item

    monkeypatch.setattr(runner, "_engine_results", failing)


@pytest.mark.parametrize("jobs", [1, 2])
def test_restart_after_crash_equals_uninterrupted_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", sample_records())
    clean = run([source], tmp_path / "clean", chunk_size=5, progress=False)

    crash_after(2, monkeypatch)
    with pytest.raises(SimulatedCrash):
        run([source], tmp_path / "out", chunk_size=5, jobs=jobs, progress=False)
    assert not (tmp_path / "out" / "findings.jsonl").exists(), "a killed run leaves no output that looks finished"
    monkeypatch.undo()

    resumed = run([source], tmp_path / "out", chunk_size=5, jobs=jobs, progress=False)
    assert resumed.chunks_reused >= 2
    assert resumed.records_computed <= 30 - 2 * 5
    assert resumed.records_computed + resumed.records_cached == 30
    for name in OUTPUTS:
        assert read_bytes(tmp_path / "out", name) == read_bytes(tmp_path / "clean", name), name
    assert resumed.findings == clean.findings


def test_changed_arguments_do_not_reuse_stale_chunks(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", sample_records())
    run([source], tmp_path / "out", chunk_size=5, progress=False)
    changed = run([source], tmp_path / "out", chunk_size=5, progress=False,
                  config={"rules": {"peer_outlier": {"enabled": False}}})
    assert changed.chunks_reused == 0
    assert b"peer_outlier" not in read_bytes(tmp_path / "out")
    assert len(list((tmp_path / "out" / ".work").glob("findings-*.jsonl.gz"))) == changed.chunks


@pytest.mark.slow
def test_sigkill_mid_run_then_restart(tmp_path: Path) -> None:
    """A real `tthc analyze` process killed with SIGKILL while chunks are being written."""
    source = write_jsonl(tmp_path / "in.jsonl", replicas(sample_records(), 3))

    def command(out: str) -> list[str]:
        return [sys.executable, "-m", "analyzer.cli", "analyze", str(source), "-o", str(tmp_path / out),
                "--chunk-size", "3", "-q"]

    clean = subprocess.run(command("clean"), capture_output=True, text=True)
    assert clean.returncode == 0, clean.stderr

    process = subprocess.Popen(command("out"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    work = tmp_path / "out" / ".work"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(work.glob("findings-*.jsonl.gz"))) < 3:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done_before = len(list(work.glob("findings-*.jsonl.gz")))
    assert 3 <= done_before < 30, "killed while chunks remained"

    resumed = subprocess.run(command("out"), capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    for name in OUTPUTS:
        assert read_bytes(tmp_path / "out", name) == read_bytes(tmp_path / "clean", name), name
