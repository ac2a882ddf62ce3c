"""`tthc analyze` over whole corpora: streamed, parallel, resumable, cached.

Pass 1 streams the inputs once, writes canonical chunks and gathers corpus-wide peer statistics.
Pass 2 runs the detectors chunk by chunk on an engine (serial, process pool or Dask); each chunk's
findings are written atomically under OUTDIR/.work, named by a key of everything they depend on,
so a killed run restarted with the same arguments reuses every finished chunk. Pass 3 merges the
chunk files into the outputs and runs the corpus-wide analyses.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import yaml

from analyzer.batch import engines
from analyzer.batch.cache import FindingsCache, record_key
from analyzer.batch.chunks import atomic_write_bytes, dump_jsonl_gz, load_jsonl_gz, procedure_digest, read_chunk, write_chunk
from analyzer.detect.peers import PeerStats, PeerSummary
from analyzer.detect.rules import RuleConfigError, load_rules
from analyzer.ingest import iter_records
from analyzer.ingest.base import RecordError
from analyzer.model import Procedure

log = logging.getLogger("analyzer.batch")
ENGINES = ("local", "dask")


@dataclass
class BatchResult:
    outdir: Path
    procedures: int = 0
    findings: int = 0
    errors: int = 0
    chunks: int = 0
    chunks_reused: int = 0
    records_cached: int = 0
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def completed_with_errors(self) -> bool:
        return self.errors > 0


def _config_mapping(config: str | Path | Mapping[str, Any] | None) -> dict[str, Any] | None:
    if config is None or isinstance(config, Mapping):
        return dict(config) if config else None
    path = Path(config)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RuleConfigError(f"{path}: cannot read rules config: {exc}") from exc
    if not isinstance(data, Mapping):
        raise RuleConfigError(f"{path}: a rules config must be a mapping")
    return dict(data)


class _Progress:
    """tqdm on a terminal; plain periodic log lines otherwise (clean CI logs)."""

    def __init__(self, total: int | None, desc: str, enabled: bool) -> None:
        from tqdm import tqdm

        self.enabled = enabled
        self.tty = enabled and sys.stderr.isatty()
        self.bar = tqdm(total=total, desc=desc, unit="rec", disable=not self.tty)
        self.desc, self.total, self.done, self.start, self.last = desc, total, 0, time.monotonic(), 0.0

    def update(self, n: int) -> None:
        self.done += n
        self.bar.update(n)
        now = time.monotonic()
        if self.enabled and not self.tty and now - self.last >= 10:
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            eta = f", ETA {((self.total or 0) - self.done) / rate:.0f}s" if self.total and rate else ""
            print(f"{self.desc}: {self.done}/{self.total or '?'} ({rate:.0f}/s{eta})", file=sys.stderr, flush=True)

    def close(self) -> None:
        self.bar.close()


def _parse_pass(inputs: Iterable[str | Path], work: Path, chunk_size: int, errors_path: Path, progress: bool):
    """Stream inputs into canonical chunk files; return chunk manifest, peer stats and error count."""
    peers = PeerStats()
    manifest: list[dict[str, Any]] = []
    buffer: list[Procedure] = []
    digests: list[str] = []
    n_errors = 0
    bar = _Progress(None, "đọc hồ sơ", progress)

    def flush() -> None:
        index = len(manifest)
        digest = hashlib.sha256("".join(digests).encode()).hexdigest()[:20]
        path = work / f"parsed-{index:05d}-{digest}.jsonl.gz"
        if not path.exists():
            write_chunk(path, buffer)
        manifest.append({"index": index, "path": path, "digest": digest, "records": len(buffer), "record_digests": list(digests)})
        buffer.clear()
        digests.clear()

    with errors_path.open("w", encoding="utf-8") as errors_out:
        for item in iter_records(inputs):
            if isinstance(item, RecordError):
                n_errors += 1
                errors_out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                continue
            peers.observe(item)
            buffer.append(item)
            digests.append(procedure_digest(item))
            bar.update(1)
            if len(buffer) >= chunk_size:
                flush()
        if buffer:
            flush()
    bar.close()
    return manifest, peers, n_errors


def run(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    config: str | Path | Mapping[str, Any] | None = None,
    cache_dir: str | Path | None = None,
    chunk_size: int = 200,
    progress: bool = True,
    corpus_analyses: bool = True,
) -> BatchResult:
    """Analyse every record of the inputs into OUTDIR (see module docstring)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    config_map = _config_mapping(config)
    rules = load_rules(config_map)  # fail fast on a bad config, before any work
    config_json = json.dumps(config_map, sort_keys=True, ensure_ascii=False) if config_map else ""
    out = Path(outdir)
    work = out / ".work"
    work.mkdir(parents=True, exist_ok=True)
    result = BatchResult(outdir=out)

    manifest, peer_stats, result.errors = _parse_pass(inputs, work, chunk_size, out / "errors.jsonl", progress)
    peers = peer_stats.summary()
    result.chunks = len(manifest)
    result.procedures = sum(c["records"] for c in manifest)
    cache = FindingsCache(Path(cache_dir)) if cache_dir else None
    try:
        result.chunks_reused, result.records_cached = _detect_pass(
            manifest, work, rules.fingerprint(), config_json, peers, cache, engine, jobs, scheduler, progress
        )
    finally:
        if cache:
            cache.close()
    _remove_stale(work, manifest)

    from analyzer.batch.outputs import write_outputs

    result.outputs, result.findings = write_outputs(manifest, out, peer_stats, corpus_analyses=corpus_analyses)
    result.seconds = time.perf_counter() - started
    return result


def _findings_path(work: Path, entry: dict[str, Any], keys: list[str]) -> Path:
    chunk_key = hashlib.sha256("".join(keys).encode()).hexdigest()[:20]
    return work / f"findings-{entry['index']:05d}-{chunk_key}.jsonl.gz"


def _detect_pass(manifest, work, fingerprint, config_json, peers: PeerSummary, cache, engine, jobs, scheduler, progress):
    reused = cached_records = 0
    pending: dict[int, dict[str, Any]] = {}
    tasks: list[tuple[int, list[dict[str, Any]]]] = []
    for entry in manifest:
        procedures = read_chunk(entry["path"])
        keys = [record_key(p, d, fingerprint, peers) for p, d in zip(procedures, entry["record_digests"])]
        entry["findings_path"] = target = _findings_path(work, entry, keys)
        if target.exists():
            reused += 1
            continue
        hits = cache.get_many(keys) if cache else {}
        cached_records += sum(1 for k in keys if k in hits)
        misses = [i for i, k in enumerate(keys) if k not in hits]
        pending[entry["index"]] = {"keys": keys, "hits": hits, "misses": misses, "target": target}
        if misses:
            tasks.append((entry["index"], [procedures[i].to_dict() for i in misses]))
        else:
            _finish_chunk(pending.pop(entry["index"]), [], cache)

    bar = _Progress(sum(len(t[1]) for t in tasks), "phân tích", progress)
    if engine == "dask":
        results = engines.run_dask(iter(tasks), config_json, peers, jobs, scheduler)
    elif jobs > 1:
        results = engines.run_processes(iter(tasks), config_json, peers, jobs)
    else:
        results = engines.run_serial(iter(tasks), config_json, peers)
    for index, rows in results:
        _finish_chunk(pending.pop(index), rows, cache)
        bar.update(len(rows))
    bar.close()
    return reused, cached_records


def _finish_chunk(state: dict[str, Any], computed: list[list[dict[str, Any]]], cache) -> None:
    by_position = dict(zip(state["misses"], computed))
    rows_per_record = [state["hits"][k] if k in state["hits"] else by_position[i] for i, k in enumerate(state["keys"])]
    atomic_write_bytes(state["target"], dump_jsonl_gz(row for rows in rows_per_record for row in rows))
    if cache is not None and computed:
        cache.put_many({state["keys"][i]: rows for i, rows in by_position.items()})


def _remove_stale(work: Path, manifest: list[dict[str, Any]]) -> None:
    keep = {entry["path"].name for entry in manifest} | {entry["findings_path"].name for entry in manifest}
    for path in work.glob("*.jsonl.gz"):
        if path.name not in keep:
            path.unlink()


def iter_chunk_findings(manifest: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for entry in manifest:
        yield from load_jsonl_gz(entry["findings_path"])


def iter_chunk_procedures(manifest: list[dict[str, Any]]) -> Iterator[Procedure]:
    for entry in manifest:
        yield from read_chunk(entry["path"])
