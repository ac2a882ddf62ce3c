"""The detection pass: chunks planned (reused, read from the cache or sent to an engine), finished
into result files and handed to the output writer in input order."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import Any, Iterator

from analyzer.atomic import atomic_write_bytes
from analyzer.batch.cache import FindingsCache, entry_key
from analyzer.batch.fingerprint import short_hash
from analyzer.batch.io import dump_jsonl_gz, load_jsonl_gz
from analyzer.batch.progress import Progress
from analyzer.batch.tracing import DependencyCheck
from analyzer.batch.worker import KINDS, PRODUCTS, SUMMARY
from analyzer.ingest.base import RecordError

Task = tuple[int, list[dict[str, Any]]]


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _record_error(record: dict[str, Any], reason: str) -> dict[str, Any]:
    source = record.get("source") or {}
    return RecordError(source.get("path") or "", source.get("record") or record.get("code"), reason,
                       code="detector_failed").to_dict()


class InOrder:
    """Hands finished chunks to the output writer in input order. A chunk finished before its
    predecessors waits on disk (its result file), never in memory."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer
        self.next = 0
        self.parked: dict[int, Path] = {}

    def offer(self, index: int, lines: list[dict[str, Any]] | None, path: Path) -> None:
        """``lines`` of a chunk just finished (None: read them from ``path``, which then exists)."""
        if index != self.next:
            self.parked[index] = path
            return
        self.writer.add_chunk(lines if lines is not None else list(load_jsonl_gz(path)))
        self.next += 1
        while self.next in self.parked:
            self.writer.add_chunk(list(load_jsonl_gz(self.parked.pop(self.next))))
            self.next += 1


class Detection:
    """Plans chunks (reuse, cache or engine) and finishes them into result files and the outputs."""

    def __init__(self, work: Path, cache: FindingsCache, check: DependencyCheck, run_part: str,
                 chunk_size: int, bar: Progress, in_order: InOrder, data_fp: str = "") -> None:
        self.work, self.cache, self.check, self.run_part = work, cache, check, run_part
        self.data_fp = data_fp  # fingerprint of a data folder (--data): its findings are cached apart
        self.chunk_size, self.bar, self.in_order = chunk_size, bar, in_order
        self.paths: dict[int, Path] = {}
        self.written: set[Path] = set()
        self.pending: dict[int, dict[str, Any]] = {}
        self.chunks = self.reused = self.records_cached = self.records_computed = 0
        self.by_kind = {kind: 0 for kind in KINDS}

    def _entry_key(self, digest: str, kind: str) -> str:
        return entry_key(f"{digest}|{self.data_fp}" if self.data_fp else digest, kind)

    def tasks(self, digests: Iterator[str], lines: Iterator[str]) -> Iterator[Task]:
        """Chunks whose results are neither under .work nor all in the cache, as engine tasks.
        ``lines`` are the parsed records' JSON texts, decoded only for the records to analyse."""
        for index, chunk in enumerate(_chunks(digests, self.chunk_size)):
            texts = list(islice(lines, len(chunk)))
            self.chunks += 1
            self.paths[index] = path = self.work / f"findings-{index:05d}-{short_hash(self.run_part + ''.join(chunk))}.jsonl.gz"
            if path.exists():
                self.reused += 1
                self.written.add(path)
                self._mark_done(index, None, cached=len(chunk))
                continue
            hits = self._lookup(chunk)
            misses = [[k for k in PRODUCTS if k not in found] for found in hits]
            positions = [i for i, kinds in enumerate(misses) if kinds]
            records = {i: json.loads(texts[i])["record"] for i in positions}
            state = {"hits": hits, "positions": positions, "digests": chunk, "records": records}
            if not positions:
                self._finish(index, state, [])
                continue
            self.pending[index] = state
            yield index, [{"record": records[i], "kinds": misses[i]} for i in positions]

    def _lookup(self, digests: list[str]) -> list[dict[str, dict[str, Any]]]:
        """Per record: kind -> valid cached entry."""
        keys = [{kind: self._entry_key(digest, kind) for kind in PRODUCTS} for digest in digests]
        stored = self.cache.get_many(k for per in keys for k in per.values())
        hits = []
        for per in keys:
            found = {}
            for kind, key in per.items():
                entry = next((e for e in stored.get(key, ()) if self.check.holds(e["deps"])), None)
                if entry is not None:
                    found[kind] = entry
            hits.append(found)
        return hits

    def finish(self, index: int, computed: list[dict[str, Any]]) -> None:
        self._finish(index, self.pending.pop(index), computed)

    def _finish(self, index: int, state: dict[str, Any], computed: list[dict[str, Any]]) -> None:
        fresh: list[tuple[str, dict[str, Any]]] = []
        by_position = dict(zip(state["positions"], computed, strict=True))
        lines = []
        for position, (found, digest) in enumerate(zip(state["hits"], state["digests"], strict=True)):
            result = by_position.get(position, {"kinds": {}, "errors": {}})
            for kind, entry in result["kinds"].items():
                fresh.append((self._entry_key(digest, kind), entry))
                if kind in self.by_kind:
                    self.by_kind[kind] += 1
            entries = {**found, **result["kinds"]}
            ordered = sorted(
                ((tuple(order), row) for kind in KINDS if kind in entries
                 for order, row in zip(entries[kind]["order"], entries[kind]["rows"], strict=True)),
                key=lambda pair: pair[0],
            )
            errors = [_record_error(state["records"][position], f"bộ phát hiện {kind} lỗi: {reason}")
                      for kind, reason in result["errors"].items()]
            lines.append({"rows": [row for _, row in ordered], "errors": errors, "summary": entries[SUMMARY]["summary"]})
        computed_records = len(state["positions"])
        # a chunk with computed records is written for a restart to resume from; one read wholly
        # from the cache is written only when it must wait for a predecessor
        if computed_records or index != self.in_order.next:
            atomic_write_bytes(self.paths[index], dump_jsonl_gz(lines))
            self.written.add(self.paths[index])
        self.cache.put_many(fresh)
        self.records_computed += computed_records
        self._mark_done(index, lines, cached=len(lines) - computed_records, computed=computed_records)

    def _mark_done(self, index: int, lines: list[dict[str, Any]] | None, cached: int = 0, computed: int = 0) -> None:
        self.records_cached += cached
        self.bar.update(cached + computed)
        self.in_order.offer(index, lines, self.paths[index])
