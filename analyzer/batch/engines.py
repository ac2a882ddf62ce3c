"""Where chunks run: in this process, a local process pool, or a dask.distributed cluster.

Every engine maps ``worker.analyze_records`` over tasks and yields (chunk index, result) as chunks
complete, with a bounded number of chunks in flight (memory does not grow with the corpus). The
driver writes each chunk's result once, by index, so the order of completion never changes the
output and a task run twice after a worker died cannot duplicate rows.
"""

from __future__ import annotations

import logging
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Iterable, Iterator

from analyzer.batch import worker
from analyzer.detect.peers import PeerSummary

log = logging.getLogger("analyzer.batch")
Task = tuple[int, list[dict[str, Any]]]
Result = tuple[int, list[dict[str, Any]]]
PEERS_ID = "corpus"
MAX_POOL_RESTARTS = 3


def run_serial(tasks: Iterable[Task], config_json: str, peers: PeerSummary) -> Iterator[Result]:
    for index, items in tasks:
        yield index, worker.analyze_records(items, config_json, peers)


def run_processes(tasks: Iterable[Task], config_json: str, peers: PeerSummary, jobs: int) -> Iterator[Result]:
    """A local process pool. A worker process that dies (killed, out of memory) breaks the pool: the
    pool is started again and the chunks that were in flight are submitted again."""
    iterator = iter(tasks)
    in_flight: dict[int, list[dict[str, Any]]] = {}  # kept until done, to resubmit after a crash
    exhausted, restarts = False, 0
    while True:
        with ProcessPoolExecutor(max_workers=jobs, initializer=worker.init_worker, initargs=(peers, PEERS_ID)) as pool:
            futures = {pool.submit(worker.analyze_records, items, config_json, PEERS_ID): index
                       for index, items in in_flight.items()}
            try:
                while True:
                    while not exhausted and len(futures) < jobs * 2:
                        try:
                            index, items = next(iterator)
                        except StopIteration:
                            exhausted = True
                            break
                        in_flight[index] = items
                        futures[pool.submit(worker.analyze_records, items, config_json, PEERS_ID)] = index
                    if not futures:
                        return
                    done, _ = wait(futures, return_when=FIRST_COMPLETED)
                    for future in done:
                        index = futures.pop(future)
                        result = future.result()
                        del in_flight[index]
                        yield index, result
            except BrokenProcessPool:
                restarts += 1
                if restarts > MAX_POOL_RESTARTS:
                    raise
                log.warning("a worker process died; restarting the pool and resubmitting %d chunks", len(in_flight))


def run_dask(
    tasks: Iterable[Task], config_json: str, peers: PeerSummary, jobs: int, scheduler: str | None
) -> Iterator[Result]:
    """On a dask.distributed cluster (``scheduler`` address) or a LocalCluster of ``jobs`` worker processes.

    The scheduler reruns the tasks of a worker that dies; each future is read once, so nothing is
    lost or counted twice. The peer table travels inside each task (a few kilobytes next to a chunk
    of records) rather than scattered once, so no task depends on data held by a worker that died."""
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        slots = max(1, sum(client.nthreads().values())) if scheduler else jobs
        futures: dict[Any, int] = {}
        in_flight = as_completed()
        for index, items in tasks:
            future = client.submit(worker.analyze_records, items, config_json, peers, pure=False, retries=2)
            futures[future] = index
            in_flight.add(future)
            while in_flight.count() >= slots * 2:
                done = next(in_flight)
                yield futures.pop(done), done.result()
        for done in in_flight:
            yield futures.pop(done), done.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
