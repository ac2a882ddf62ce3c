"""Streaming: a bounded number of chunks in flight, and no record kept once its chunk is written."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from analyzer.batch import engines, run, worker
from batch.helpers import SAMPLE, replicas, sample_records, write_jsonl


def counting_tasks(n: int, pulled: list[int]):
    record = sample_records()[0]
    for index in range(n):
        pulled[0] += 1
        yield index, [{"record": record, "kinds": []}]


@pytest.mark.parametrize("jobs", [1, 2])
def test_engines_keep_few_chunks_in_flight(jobs: int) -> None:
    pulled, received = [0], 0
    results = engines.run_serial(counting_tasks(12, pulled), "", None) if jobs == 1 else \
        engines.run_processes(counting_tasks(12, pulled), "", None, jobs)
    seen = []
    for index, _ in results:
        received += 1
        seen.append(index)
        assert pulled[0] - received <= 2 * jobs, "tasks are pulled only as results come back"
    assert sorted(seen) == list(range(12))


def decoded_record_size() -> float:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    tracemalloc.start()
    kept = [json.loads(line) for line in lines]
    size = tracemalloc.get_traced_memory()[0] / len(kept)
    tracemalloc.stop()
    return size


def test_driver_memory_per_record_is_a_fraction_of_a_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver holds per record only small index entries (digest, counters, MinHash signature):
    the peak heap grows by far less than one decoded record per additional record."""
    monkeypatch.setattr(worker, "run_kind", lambda procedure, kind, rules, peers: {"rows": [], "order": [], "deps": {}})
    records = sample_records()

    def peak(copies: int) -> int:
        source = write_jsonl(tmp_path / f"in{copies}.jsonl", replicas(records, copies))
        tracemalloc.start()
        run([source], tmp_path / f"out{copies}", chunk_size=10, progress=False)
        high = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return high

    # module-level caches (rules, regexes, the text-key LRU over every replica's strings) fill on a first run as
    # large as the largest measured, so that the difference below is what the driver keeps per record
    peak(8)
    small, large = peak(2), peak(8)
    per_record = (large - small) / (6 * len(records))
    assert per_record < 0.5 * decoded_record_size()


def test_chunks_finished_early_wait_on_disk_and_are_written_in_order(tmp_path: Path) -> None:
    from analyzer.atomic import atomic_write_bytes
    from analyzer.batch.io import dump_jsonl_gz
    from analyzer.batch.detection import InOrder

    class Writer:
        def __init__(self) -> None:
            self.chunks: list[list[dict]] = []

        def add_chunk(self, lines: list[dict]) -> None:
            self.chunks.append(lines)

    writer = Writer()
    in_order = InOrder(writer)
    paths = {i: tmp_path / f"chunk-{i}.jsonl.gz" for i in range(3)}
    for index in (2, 1):  # finished before chunk 0: written to disk, nothing kept in memory
        atomic_write_bytes(paths[index], dump_jsonl_gz([{"chunk": index}]))
        in_order.offer(index, [{"chunk": index, "in_memory": True}], paths[index])
    assert writer.chunks == [] and set(in_order.parked) == {1, 2}
    in_order.offer(0, [{"chunk": 0}], paths[0])
    assert writer.chunks == [[{"chunk": 0}], [{"chunk": 1}], [{"chunk": 2}]]
    assert in_order.parked == {}
