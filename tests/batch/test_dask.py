"""--engine dask gives the local results, also when a worker dies mid-run."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from analyzer.batch import run
from batch.helpers import read_bytes, replicas, sample_records, write_jsonl

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def sorted_lines(path: Path) -> list[bytes]:
    return sorted(path.read_bytes().splitlines())


def test_dask_equals_local(cluster, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", replicas(sample_records(), 2))
    local = run([source], tmp_path / "local", chunk_size=6, progress=False)
    on_dask = run([source], tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address, chunk_size=6,
                  progress=False)
    assert on_dask.records_computed == local.records_computed == 60
    assert sorted_lines(tmp_path / "dask" / "findings.jsonl") == sorted_lines(tmp_path / "local" / "findings.jsonl")
    # chunks are written by index, so even the order is the same
    assert read_bytes(tmp_path / "dask") == read_bytes(tmp_path / "local")
    assert read_bytes(tmp_path / "dask", "findings.csv") == read_bytes(tmp_path / "local", "findings.csv")


def test_dask_without_scheduler_starts_a_local_cluster(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", sample_records())
    local = run([source], tmp_path / "local", chunk_size=10, progress=False)
    on_dask = run([source], tmp_path / "dask", engine="dask", jobs=2, chunk_size=10, progress=False)
    assert on_dask.findings == local.findings
    assert read_bytes(tmp_path / "dask") == read_bytes(tmp_path / "local")


def test_worker_killed_mid_run_loses_and_duplicates_nothing(cluster, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", replicas(sample_records(), 3))
    local = run([source], tmp_path / "local", chunk_size=3, progress=False)
    client = distributed.Client(cluster)
    outcome: dict = {}

    def analyse() -> None:
        try:
            outcome["result"] = run([source], tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address,
                                    chunk_size=3, progress=False)
        except BaseException as exc:  # handed to the test thread below
            outcome["error"] = exc

    thread = threading.Thread(target=analyse)
    thread.start()
    work = tmp_path / "dask" / ".work"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not list(work.glob("findings-*.jsonl.gz")):
        time.sleep(0.05)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    chunks_done_at_kill = len(list(work.glob("findings-*.jsonl.gz")))
    thread.join(timeout=300)
    client.close()

    assert "error" not in outcome, outcome.get("error")
    result = outcome["result"]
    assert chunks_done_at_kill < result.chunks, "the worker died while chunks were still to do"
    assert result.findings == local.findings and result.procedures == 90
    assert read_bytes(tmp_path / "dask") == read_bytes(tmp_path / "local")
