"""`tthc analyze` over whole corpora: streamed, parallel, resumable, cached.

1. Parse: every input file is parsed once into a parsed file (reused while the input is unchanged);
   the corpus' peer statistics come from the parsed files' metas.
2. Detect: the parsed records are cut into chunks. A chunk whose result file already exists under
   OUTDIR/.work (named by its records, the rules, the peer table and the code) is reused: that is
   how a killed run continues. Otherwise each record and detector kind is looked up in the findings
   cache and the misses are sent to the engine (serial, process pool or Dask), at most a few chunks
   in flight; workers also make each record's summary for the outputs. Each finished chunk is
   written atomically.
   Each procedure version is read once (analyzer.versions): planned from the parsed files' metas,
   a later record of a version already read is skipped (its source noted on the first) and leaves
   the peer statistics; OUTDIR/duplicates.csv lists every code seen more than once.
3. Output: chunks are appended to the outputs in input order as soon as they and their predecessors
   are done; the corpus-wide analyses and the summary follow.
"""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import asdict, dataclass, field
from itertools import tee
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping


from analyzer.atomic import atomic_text_writer, atomic_write_bytes, remove_temporaries, write_json_atomic
from analyzer.batch import engines
from analyzer.batch.cache import FindingsCache
from analyzer.batch.detection import Detection, InOrder
from analyzer.batch.fingerprint import canonical_json, code_fingerprint, short_hash
from analyzer.batch.parsed import (
    ParsedFile, iter_digests, iter_lines, merge_peers, parse_inputs, procedure_digest, record_info,
)
from analyzer.batch.progress import Progress
from analyzer.batch.tracing import DependencyCheck, peers_digest
from analyzer.batch.worker import KINDS, settings_json
from analyzer.detect.peers import PeerStats, PeerSummary
from analyzer.detect.impact import FindingFilter, ImpactModel
from analyzer.detect.rules import load_rules, read_config
from analyzer.resources import Resources
from analyzer.versions import VersionPlan, with_sources

ENGINES = ("local", "dask")
RUN_FILE = "run.json"
DUPLICATES_FILE = "duplicates.csv"
PROCEDURES_FILE = "procedures.jsonl"
DUPLICATE_COLUMNS = ["code", "version", "outcome", "source", "kept_source"]


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
    records_read: int = 0  # records in the inputs; ``procedures`` counts each procedure version once
    duplicates: dict[str, int] = field(default_factory=dict)  # VersionPlan.counts()
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


def plan_versions(parsed: list[ParsedFile]) -> VersionPlan:
    """Which records are read (one per procedure version), from the parsed files' metas alone."""
    plan = VersionPlan()
    for item in parsed:
        for (code, decision, source, _), digest in zip(item.versions, item.digests, strict=True):
            plan.add(code, decision, digest, source)
    return plan


def version_peers(parsed: list[ParsedFile], plan: VersionPlan) -> PeerStats:
    """The corpus peer statistics without the records skipped as another copy of a version."""
    stats = merge_peers(parsed)
    if not plan.dropped:
        return stats
    position = 0
    for item in parsed:
        for _, _, _, observations in item.versions:
            if position in plan.dropped:
                for key, days in observations:
                    stats.values[tuple(key)].remove(days)  # type: ignore[index]
            position += 1
    return stats


def versioned_records(parsed: list[ParsedFile], plan: VersionPlan) -> Iterator[tuple[str, str]]:
    """(digest, JSON line) of every record read, in input order: a merged record notes all its sources
    (and so gets its own digest); the other copies of its version are skipped."""
    for position, (digest, line) in enumerate(zip(iter_digests(parsed), iter_lines(parsed), strict=True)):
        if not plan.kept(position):
            continue
        sources = plan.extra_sources.get(position)
        if sources:
            record = with_sources(json.loads(line)["record"], sources)
            digest = procedure_digest(record)
            line = json.dumps({"record": record, "digest": digest}, ensure_ascii=False)
        yield digest, line


def _write_procedures(out: Path, parsed: list[ParsedFile], plan: VersionPlan) -> Path:
    """OUTDIR/procedures.jsonl: every procedure version read, in canonical JSON (what `tthc import` loads into
    the store next to findings.jsonl, so the app needs neither the inputs nor an analysis)."""
    path = out / PROCEDURES_FILE
    with atomic_text_writer(path) as sink:
        for _, line in versioned_records(parsed, plan):
            sink.write(json.dumps(json.loads(line)["record"], ensure_ascii=False) + "\n")
    return path


def _write_duplicates(out: Path, plan: VersionPlan) -> Path:
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=DUPLICATE_COLUMNS)
    writer.writeheader()
    writer.writerows(d.to_dict() for d in plan.duplicates)
    path = out / DUPLICATES_FILE
    atomic_write_bytes(path, text.getvalue().encode("utf-8"))
    return path


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
    cases: str | Path | None = None,
    level: str | None = None,
    actionable_by: str | None = None,
) -> BatchResult:
    """Analyse every record of the inputs into OUTDIR (see module docstring).

    Without ``cache_dir`` the cache lives in OUTDIR/.work, so repeated runs into one OUTDIR still
    recompute only what changed; with it, parsed inputs and findings are shared between OUTDIRs.
    ``cases``: a province's CSV of cases per year (analyzer.detect.impact); ``level`` (bo/tinh/xa) and
    ``actionable_by`` (province/central) keep only the matching findings in the outputs.
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
    keep = FindingFilter(level, actionable_by)
    impact = ImpactModel.default().with_cases(cases)  # a bad CSV fails here (CasesFileError)
    impact_fp = canonical_json([sorted(impact.cases.items()), level, actionable_by])
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
    plan = plan_versions(parsed)
    peer_stats = version_peers(parsed, plan)
    peers = peer_stats.summary()
    rules_fp = rules.fingerprint() + (f"|data:{data_fp}" if data_fp else "")
    key = _run_key(parsed, rules_fp + f"|impact:{short_hash(impact_fp)}", peers, chunk_size, corpus_analyses)
    previous = _previous_run(out, key)
    if previous is not None:
        previous.up_to_date = True
        previous.chunks_reused, previous.records_cached, previous.records_computed = previous.chunks, previous.procedures, 0
        previous.computed_by_kind = {kind: 0 for kind in KINDS}
        previous.seconds = time.perf_counter() - started
        return previous
    (out / RUN_FILE).unlink(missing_ok=True)

    from analyzer.batch.outputs import OutputWriter  # pyarrow and datasketch: not needed when up to date

    total = plan.records - len(plan.dropped)
    # the corpus figures read names and documents, never sources: the digests of the records read name them
    kept_digests = (d for position, d in enumerate(iter_digests(parsed)) if plan.kept(position))
    corpus_key = short_hash(code_fingerprint() + "".join(kept_digests))
    writer = OutputWriter(out, corpus_analyses, plot_cache=store / "plots", corpus_cache=store / "corpus" / f"{corpus_key}.json",
                          record_info=lambda wanted: record_info(parsed, wanted, plan.kept), impact=impact, keep=keep)
    writer.add_errors(_errors_of(parsed))
    cache = FindingsCache(store)
    bar = Progress("phân tích", total, progress, progress_interval)
    run_part = canonical_json([code_fingerprint(), rules_fp, peers_digest(peers)])
    detection = Detection(work, cache, DependencyCheck(rules, peers), run_part, chunk_size, bar, InOrder(writer), data_fp)
    try:
        # one stream split in two: the planner takes a chunk of digests, then as many lines (tee keeps one chunk)
        digest_side, line_side = tee(versioned_records(parsed, plan))
        tasks = detection.tasks((d for d, _ in digest_side), (line for _, line in line_side))
        for index, computed in _engine_results(engine, tasks, config_json, peers, jobs, scheduler):
            detection.finish(index, computed)
    except BaseException:
        writer.abort()
        raise
    finally:
        cache.close()
        bar.close()
    outputs = writer.finish(peer_stats)
    outputs["duplicates"] = _write_duplicates(out, plan)
    outputs["procedures_jsonl"] = _write_procedures(out, parsed, plan)
    _remove_stale(work, detection.written, store / "parsed" if store == work else None, parsed)

    result = BatchResult(
        outdir=out, procedures=total, findings=writer.findings, errors=writer.errors, chunks=detection.chunks,
        chunks_reused=detection.reused, records_cached=detection.records_cached,
        records_computed=detection.records_computed, computed_by_kind=detection.by_kind, outputs=outputs,
        records_read=plan.records, duplicates=plan.counts(),
    )
    result.seconds = time.perf_counter() - started
    write_json_atomic(out / RUN_FILE, {"key": key, "result": result.to_dict()})
    return result
