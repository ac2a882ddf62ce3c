"""`tthc analyze` over whole corpora: streamed, parallel, resumable, cached.

1. Parse: every input file is parsed once into a parsed file (reused while the input is unchanged);
   the corpus' peer statistics come from the parsed files' metas.
2. Detect: the parsed records are cut into chunks. A chunk whose result file already exists under
   OUTDIR/.work (named by its records, the rules, the peer table and the code) is reused: that is
   how a killed run continues. Otherwise each record and detector kind is looked up in the findings
   cache and the misses are sent to the engine (serial, process pool or Dask), at most a few chunks
   in flight; workers also make each record's summary for the outputs. Each finished chunk is
   written atomically.
3. Output: chunks are appended to the outputs in input order as soon as they and their predecessors
   are done; the corpus-wide analyses and the summary follow.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping


from analyzer.atomic import remove_temporaries, write_json_atomic
from analyzer.batch import engines
from analyzer.batch.cache import FindingsCache
from analyzer.batch.detection import Detection, InOrder
from analyzer.batch.fingerprint import canonical_json, code_fingerprint, short_hash
from analyzer.batch.parsed import ParsedFile, iter_digests, iter_lines, merge_peers, parse_inputs, record_info
from analyzer.batch.progress import Progress
from analyzer.batch.tracing import DependencyCheck, peers_digest
from analyzer.batch.worker import KINDS, settings_json
from analyzer.detect.peers import PeerSummary
from analyzer.detect.rules import load_rules, read_config
from analyzer.resources import Resources

ENGINES = ("local", "dask")
RUN_FILE = "run.json"


@dataclass
class BatchResult:
    outdir: Path
    procedures: int = 0
    findings: int = 0
    errors: int = 0
    chunks: int = 0
    chunks_reused: int = 0  # chunk results found under OUTDIR/.work (a resumed or repeated run)
    records_cached: int = 0  # records whose findings were all reused (chunk results or the cache)
    records_computed: int = 0  # records on which at least one detector ran
    computed_by_kind: dict[str, int] = field(default_factory=dict)  # detector runs per kind
    up_to_date: bool = False  # nothing changed since the last complete run into OUTDIR
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def completed_with_errors(self) -> bool:
        return self.errors > 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["outdir"] = str(self.outdir)
        data["outputs"] = {k: str(v) for k, v in self.outputs.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "BatchResult":
        data = dict(data)
        data["outdir"] = Path(data["outdir"])
        data["outputs"] = {k: Path(v) for k, v in data["outputs"].items()}
        return cls(**data)


def _engine_results(engine: str, tasks: Iterator[engines.Task], config_json: str, peers: PeerSummary,
                    jobs: int, scheduler: str | None) -> Iterator[engines.Result]:
    if engine == "dask":
        return engines.run_dask(tasks, config_json, peers, jobs, scheduler)
    if jobs > 1:
        return engines.run_processes(tasks, config_json, peers, jobs)
    return engines.run_serial(tasks, config_json, peers)


def _errors_of(parsed: list[ParsedFile]) -> list[dict[str, Any]]:
    return [error for item in parsed for error in item.errors]


def _run_key(parsed: list[ParsedFile], rules_fp: str, peers: PeerSummary, chunk_size: int, corpus: bool) -> str:
    inputs = [item.records_path.name if item.records_path else item.errors for item in parsed]
    return short_hash(canonical_json([code_fingerprint(), rules_fp, peers_digest(peers), inputs, chunk_size, corpus]))


def _previous_run(out: Path, key: str) -> BatchResult | None:
    """The result of the last complete run into OUTDIR when it had the same key and its outputs remain."""
    path = out / RUN_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("key") != key:
        return None
    result = BatchResult.from_dict(data["result"])
    if not all(p.exists() for p in result.outputs.values()):
        return None
    return result


def _remove_stale(work: Path, keep: Iterable[Path], parsed_store: Path | None, parsed: list[ParsedFile]) -> None:
    names = {p.name for p in keep}
    for path in work.glob("findings-*.jsonl.gz"):
        if path.name not in names:
            path.unlink()
    if parsed_store is not None:  # the run's own parsed files (a shared --cache keeps other inputs' files)
        used = {item.records_path.name.removesuffix(".jsonl.gz") for item in parsed if item.records_path}
        for path in parsed_store.glob("parsed-*"):
            if path.name.split(".")[0] not in used:
                path.unlink()


def run(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    config: str | Path | Mapping[str, Any] | None = None,
    data: str | Path | None = None,
    cache_dir: str | Path | None = None,
    chunk_size: int = 200,
    progress: bool = True,
    progress_interval: float = 10.0,
    corpus_analyses: bool = True,
) -> BatchResult:
    """Analyse every record of the inputs into OUTDIR (see module docstring).

    Without ``cache_dir`` the cache lives in OUTDIR/.work, so repeated runs into one OUTDIR still
    recompute only what changed; with it, parsed inputs and findings are shared between OUTDIRs.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if chunk_size < 1 or jobs < 1:
        raise ValueError("chunk_size and jobs must be at least 1")
    started = time.perf_counter()
    config_map = read_config(config)
    rules = load_rules(config_map)  # fail fast on a bad config, before any work
    resources = Resources.from_dir(data) if data else None  # likewise a bad data folder (ResourceError)
    data_fp = resources.fingerprint if resources else ""
    config_json = settings_json(canonical_json(config_map) if config_map else "", str(data) if data else None)
    out = Path(outdir)
    work = out / ".work"
    work.mkdir(parents=True, exist_ok=True)
    remove_temporaries(work)
    remove_temporaries(out)
    store = Path(cache_dir) if cache_dir else work

    bar = Progress("đọc hồ sơ", None, progress, progress_interval)
    parsed = parse_inputs(inputs, store / "parsed", on_record=bar.update)
    bar.close()
    peer_stats = merge_peers(parsed)
    peers = peer_stats.summary()
    rules_fp = rules.fingerprint() + (f"|data:{data_fp}" if data_fp else "")
    key = _run_key(parsed, rules_fp, peers, chunk_size, corpus_analyses)
    previous = _previous_run(out, key)
    if previous is not None:
        previous.up_to_date = True
        previous.chunks_reused, previous.records_cached, previous.records_computed = previous.chunks, previous.procedures, 0
        previous.computed_by_kind = {kind: 0 for kind in KINDS}
        previous.seconds = time.perf_counter() - started
        return previous
    (out / RUN_FILE).unlink(missing_ok=True)

    from analyzer.batch.outputs import OutputWriter  # pyarrow and datasketch: not needed when up to date

    total = sum(item.records for item in parsed)
    corpus_key = short_hash(code_fingerprint() + "".join(iter_digests(parsed)))
    writer = OutputWriter(out, corpus_analyses, plot_cache=store / "plots", corpus_cache=store / "corpus" / f"{corpus_key}.json",
                          record_info=lambda wanted: record_info(parsed, wanted))
    writer.add_errors(_errors_of(parsed))
    cache = FindingsCache(store)
    bar = Progress("phân tích", total, progress, progress_interval)
    run_part = canonical_json([code_fingerprint(), rules_fp, peers_digest(peers)])
    detection = Detection(work, cache, DependencyCheck(rules, peers), run_part, chunk_size, bar, InOrder(writer), data_fp)
    try:
        tasks = detection.tasks(iter_digests(parsed), iter_lines(parsed))
        for index, computed in _engine_results(engine, tasks, config_json, peers, jobs, scheduler):
            detection.finish(index, computed)
    except BaseException:
        writer.abort()
        raise
    finally:
        cache.close()
        bar.close()
    outputs = writer.finish(peer_stats)
    _remove_stale(work, detection.written, store / "parsed" if store == work else None, parsed)

    result = BatchResult(
        outdir=out, procedures=total, findings=writer.findings, errors=writer.errors, chunks=detection.chunks,
        chunks_reused=detection.reused, records_cached=detection.records_cached,
        records_computed=detection.records_computed, computed_by_kind=detection.by_kind, outputs=outputs,
    )
    result.seconds = time.perf_counter() - started
    write_json_atomic(out / RUN_FILE, {"key": key, "result": result.to_dict()})
    return result
