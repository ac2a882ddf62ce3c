"""Where chunks run: in this process, a local process pool, or a dask.distributed cluster.

Every engine maps `worker.analyze_records` over chunks and yields (chunk index, result) as chunks
complete; the driver writes results by chunk index, so order of completion never changes output and
a retried task (a worker killed mid-run) cannot duplicate rows.
"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any, Iterable, Iterator

from analyzer.batch import worker
from analyzer.detect.peers import PeerSummary

Task = tuple[int, list[dict[str, Any]]]
PEERS_ID = "corpus"


def run_serial(tasks: Iterable[Task], config_json: str, peers: PeerSummary) -> Iterator[tuple[int, list]]:
    for index, records in tasks:
        yield index, worker.analyze_records(records, config_json, peers)


def run_processes(tasks: Iterable[Task], config_json: str, peers: PeerSummary, jobs: int) -> Iterator[tuple[int, list]]:
    """A bounded number of chunks in flight, so memory does not grow with the corpus."""
    with ProcessPoolExecutor(max_workers=jobs, initializer=worker.init_worker, initargs=(peers, PEERS_ID)) as pool:
        pending: dict[Any, int] = {}
        iterator = iter(tasks)
        for index, records in iterator:
            pending[pool.submit(worker.analyze_records, records, config_json, PEERS_ID)] = index
            if len(pending) >= jobs * 2:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield pending.pop(future), future.result()


def run_dask(
    tasks: Iterable[Task], config_json: str, peers: PeerSummary, jobs: int, scheduler: str | None
) -> Iterator[tuple[int, list]]:
    """On a dask.distributed cluster (`scheduler` address) or a LocalCluster of `jobs` worker processes."""
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        peers_future = client.scatter(peers, broadcast=True)
        futures = {}
        in_flight = as_completed()
        iterator = iter(tasks)
        limit = max(2, jobs * 3)
        for index, records in iterator:
            future = client.submit(worker.analyze_records, records, config_json, peers_future, pure=False, retries=2)
            futures[future] = index
            in_flight.add(future)
            while in_flight.count() >= limit:
                done = next(in_flight)
                yield futures.pop(done), done.result()
        for done in in_flight:
            yield futures.pop(done), done.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
