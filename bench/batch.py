"""Batch benchmark: `tthc analyze` against the underthesea floor, warm caches, scaling, engines.

Every figure is the median of --runs runs (at least 3). Each `tthc analyze` runs as a subprocess
whose whole process tree (driver, pool or Dask workers) is sampled with psutil for peak memory:
the sum of RSS (counts pages shared by forked workers once per process, so it is an upper bound)
and the sum of PSS (shares them out). Inputs and outputs live under --workdir, never in the repo.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench.corpus_gen import replicate

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus-real" / "portal-flat" / "records.jsonl.gz"
GOAL_FLOOR_RATIO = 1.5
GOAL_WARM_RATIO = 0.1
GOAL_TIME_PER_RECORD_RATIO = 1.25
GOAL_MEMORY_RATIO = 1.5


@dataclass
class Measure:
    seconds: float
    peak_rss: int
    peak_pss: int
    returncode: int
    stdout: str = ""


@dataclass
class Bench:
    workdir: Path
    runs: int = 3
    jobs: int = 2
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    cwd: Path = ROOT  # `python -m` puts the working folder first on sys.path: the snapshot's, when there is one
    log: list[str] = field(default_factory=list)

    def measure(self, command: list[str]) -> Measure:
        return measure(command, self.env, self.cwd)

    def say(self, text: str) -> None:
        print(text, flush=True)
        self.log.append(text)


# ---------------------------------------------------------------- processes


def _tree_memory(process: psutil.Process) -> tuple[int, int]:
    rss = pss = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss, pss


def measure(command: list[str], env: dict[str, str], cwd: Path | None = None, interval: float = 0.25) -> Measure:
    """Wall time and peak memory of a command's process tree."""
    start = time.perf_counter()
    process = psutil.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak_rss = peak_pss = 0
    while process.poll() is None:
        try:
            rss, pss = _tree_memory(process)
        except psutil.NoSuchProcess:
            break
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(interval)
    output = process.stdout.read() if process.stdout else ""
    seconds = time.perf_counter() - start
    return Measure(seconds, peak_rss, peak_pss, process.returncode, output)


def analyze_command(inputs: list[Path], outdir: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "analyzer.cli", "analyze", *map(str, inputs), "-o", str(outdir),
            "--jobs", str(jobs), "-q", *extra]


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def _mb(value: float) -> str:
    return f"{value / 2**20:,.0f} MB"


def _check(bench: Bench, measure_: Measure, what: str) -> None:
    if measure_.returncode not in (0, 3):
        raise RuntimeError(f"{what} failed with exit code {measure_.returncode}:\n{measure_.stdout[-3000:]}")


# ---------------------------------------------------------------- machine


def machine_notes() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    from importlib import metadata

    versions = {name: metadata.version(name) for name in ("underthesea", "spacy", "dask", "datasketch", "pyarrow")}
    return {
        "cpu": cpu, "logical_cpus": os.cpu_count(), "memory": _mb(psutil.virtual_memory().total),
        "python": platform.python_version(), "platform": platform.platform(), "load_average": os.getloadavg(),
        "versions": versions,
    }


# ---------------------------------------------------------------- parts


def floor_and_cache(bench: Bench, source: Path) -> dict[str, Any]:
    """(a) floor vs cold run with --jobs N, and warm re-runs with the same --cache."""
    floors, colds, warm_same, warm_new, cold_mem = [], [], [], [], []
    for run in range(bench.runs):
        floor = bench.measure([sys.executable, "-m", "bench.floor", str(source)])
        _check(bench, floor, "floor")
        floor_data = json.loads(floor.stdout.strip().splitlines()[-1])
        floors.append(floor_data["seconds"])
        cache, out = fresh(bench.workdir / "cache"), fresh(bench.workdir / "out-cold")
        cold = bench.measure(analyze_command([source], out, bench.jobs, "--cache", str(cache)))
        _check(bench, cold, "cold run")
        again = bench.measure(analyze_command([source], out, bench.jobs, "--cache", str(cache)))
        other = bench.measure(analyze_command([source], fresh(bench.workdir / "out-warm"), bench.jobs, "--cache", str(cache)))
        _check(bench, other, "warm run")
        colds.append(cold.seconds)
        cold_mem.append(cold.peak_rss)
        warm_same.append(again.seconds)
        warm_new.append(other.seconds)
        bench.say(f"  run {run + 1}: floor {floor_data['seconds']:.1f}s ({floor_data['syllables']:,} syllables), "
                  f"cold {cold.seconds:.1f}s, warm same OUTDIR {again.seconds:.2f}s, warm new OUTDIR {other.seconds:.2f}s")
    result = {
        "floor_s": median(floors), "cold_s": median(colds), "warm_same_outdir_s": median(warm_same),
        "warm_new_outdir_s": median(warm_new), "cold_peak_rss": median(cold_mem),
        "syllables": floor_data["syllables"],
    }
    result["cold_over_floor"] = result["cold_s"] / result["floor_s"]
    result["warm_new_over_cold"] = result["warm_new_outdir_s"] / result["cold_s"]
    result["warm_same_over_cold"] = result["warm_same_outdir_s"] / result["cold_s"]
    return result


def scaling(bench: Bench, source: Path, factors: list[int]) -> dict[str, Any]:
    """(b)+(c) 1×, 4×, 16× the corpus: time per record and peak memory of the process tree."""
    records = sum(1 for _ in _open_lines(source))
    rows = {}
    for factor in factors:
        data = source if factor == 1 else replicate(source, bench.workdir / f"corpus-x{factor}.jsonl.gz", factor)
        times, rss, pss = [], [], []
        for run in range(bench.runs):
            m = bench.measure(analyze_command([data], fresh(bench.workdir / f"out-x{factor}"), bench.jobs))
            _check(bench, m, f"{factor}× run")
            times.append(m.seconds)
            rss.append(m.peak_rss)
            pss.append(m.peak_pss)
            bench.say(f"  {factor}× run {run + 1}: {m.seconds:.1f}s, peak RSS {_mb(m.peak_rss)}, PSS {_mb(m.peak_pss)}")
        n = records * factor
        rows[factor] = {"records": n, "seconds": median(times), "ms_per_record": 1000 * median(times) / n,
                        "records_per_s": n / median(times), "peak_rss": median(rss), "peak_pss": median(pss)}
    return rows


def engines(bench: Bench, source: Path) -> dict[str, Any]:
    """(c) --engine local vs --engine dask (a LocalCluster of --jobs workers) on this machine."""
    rows = {}
    for engine in ("local", "dask"):
        times, rss = [], []
        for run in range(bench.runs):
            m = bench.measure(analyze_command([source], fresh(bench.workdir / f"out-{engine}"), bench.jobs, "--engine", engine))
            _check(bench, m, f"engine {engine}")
            times.append(m.seconds)
            rss.append(m.peak_rss)
            bench.say(f"  {engine} run {run + 1}: {m.seconds:.1f}s, peak RSS {_mb(m.peak_rss)}")
        rows[engine] = {"seconds": median(times), "peak_rss": median(rss)}
    same = (bench.workdir / "out-local" / "findings.jsonl").read_bytes() == \
        (bench.workdir / "out-dask" / "findings.jsonl").read_bytes()
    rows["identical_findings"] = same
    return rows


def large_file(bench: Bench, source: Path, factor: int) -> dict[str, Any]:
    """A ~200 MB plain JSONL file (the corpus replicated): streamed, memory bounded."""
    data = replicate(source, bench.workdir / f"large-x{factor}.jsonl", factor, compress=False)
    m = bench.measure(analyze_command([data], fresh(bench.workdir / "out-large"), bench.jobs))
    _check(bench, m, "large file")
    bench.say(f"  {_mb(data.stat().st_size)} file: {m.seconds:.1f}s, peak RSS {_mb(m.peak_rss)}, exit {m.returncode}")
    return {"size": data.stat().st_size, "seconds": m.seconds, "peak_rss": m.peak_rss, "peak_pss": m.peak_pss,
            "exit_code": m.returncode}


def _open_lines(path: Path):
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from (line for line in handle if line.strip())


# ---------------------------------------------------------------- report


def verdict(value: float, goal: float) -> str:
    return f"met (goal ≤ {goal:g})" if value <= goal else f"MISSED by {value / goal - 1:.0%} (goal ≤ {goal:g})"


def report(bench: Bench, results: dict[str, Any]) -> None:
    say = bench.say
    say("\n== Results (medians) ==")
    machine = results["machine"]
    say(f"machine: {machine['cpu']}, {machine['logical_cpus']} logical CPUs, {machine['memory']} RAM, "
        f"Python {machine['python']}, load average at start {machine['load_average'][0]:.2f}")
    if "floor" in results:
        f = results["floor"]
        say(f"floor (underthesea word_tokenize, 1 core, {f['syllables']:,} syllables): {f['floor_s']:.1f}s")
        say(f"cold `tthc analyze --jobs {bench.jobs}`: {f['cold_s']:.1f}s = {f['cold_over_floor']:.2f}× floor — "
            f"{verdict(f['cold_over_floor'], GOAL_FLOOR_RATIO)}")
        say(f"warm re-run, new OUTDIR, same --cache: {f['warm_new_outdir_s']:.2f}s = {f['warm_new_over_cold']:.3f}× cold — "
            f"{verdict(f['warm_new_over_cold'], GOAL_WARM_RATIO)}")
        say(f"warm re-run, same OUTDIR and --cache: {f['warm_same_outdir_s']:.2f}s = {f['warm_same_over_cold']:.3f}× cold — "
            f"{verdict(f['warm_same_over_cold'], GOAL_WARM_RATIO)}")
    if "scaling" in results:
        rows = results["scaling"]
        say("scale | records | time | ms/record | records/s | peak RSS (sum) | peak PSS (sum)")
        for factor, row in rows.items():
            say(f"{factor}× | {row['records']:,} | {row['seconds']:.1f}s | {row['ms_per_record']:.1f} | "
                f"{row['records_per_s']:.1f} | {_mb(row['peak_rss'])} | {_mb(row['peak_pss'])}")
        factors = sorted(rows)
        base, top = rows[factors[0]], rows[factors[-1]]
        if len(factors) > 1:
            ratio = top["ms_per_record"] / base["ms_per_record"]
            say(f"time per record {factors[-1]}×/{factors[0]}×: {ratio:.2f} — {verdict(ratio, GOAL_TIME_PER_RECORD_RATIO)}")
            for key in ("peak_rss", "peak_pss"):
                ratio = top[key] / base[key]
                say(f"{key} {factors[-1]}×/{factors[0]}×: {ratio:.2f} — {verdict(ratio, GOAL_MEMORY_RATIO)}")
    if "engines" in results:
        e = results["engines"]
        say(f"engine local: {e['local']['seconds']:.1f}s, peak RSS {_mb(e['local']['peak_rss'])}; "
            f"engine dask (LocalCluster, {bench.jobs} workers): {e['dask']['seconds']:.1f}s, "
            f"peak RSS {_mb(e['dask']['peak_rss'])}; identical findings: {e['identical_findings']}")
    if "large" in results:
        lf = results["large"]
        say(f"large file {_mb(lf['size'])}: {lf['seconds']:.1f}s, peak RSS {_mb(lf['peak_rss'])}, "
            f"PSS {_mb(lf['peak_pss'])}, exit code {lf['exit_code']}")


def snapshot_package(workdir: Path) -> tuple[dict[str, str], Path]:
    """Run the benchmark on a copy of the package: edits made to the working tree while it runs
    would otherwise change the code fingerprint and turn warm runs cold. Returns the environment
    and the folder to run in."""
    target = fresh(workdir / "snapshot")
    shutil.copytree(ROOT / "analyzer", target / "analyzer", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "bench", target / "bench", ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target), env.get("PYTHONPATH")]))
    where = subprocess.run([sys.executable, "-c", "import analyzer; print(analyzer.__file__)"], env=env, cwd=target,
                           capture_output=True, text=True, check=True).stdout.strip()
    if not where.startswith(str(target)):
        raise RuntimeError(f"the snapshot is not the package that runs ({where})")
    return env, target


def run_all(args) -> dict[str, Any]:
    source = Path(args.input)
    if not source.exists():
        print(f"skipped: {source} is absent (the shared reference data is not on this machine)")
        return {}
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(workdir, max(3, args.runs), args.jobs)
    if args.snapshot:
        bench.env, bench.cwd = snapshot_package(workdir)
    results: dict[str, Any] = {"machine": machine_notes(), "runs": bench.runs, "jobs": bench.jobs}
    bench.say(f"machine: {results['machine']}")
    parts = {
        "floor": ("(a) floor, cold and warm runs", lambda: floor_and_cache(bench, source)),
        "scaling": ("(b) scaling", lambda: scaling(bench, source, args.scales)),
        "engines": ("(c) local vs dask", lambda: engines(bench, source)),
        "large": ("large file", lambda: large_file(bench, source, args.large_factor)),
    }
    for name, (title, measure_part) in parts.items():
        if name in args.parts:
            bench.say(f"== {title} ==")
            results[name] = measure_part()
    results["machine_at_end"] = {"load_average": os.getloadavg()}
    report(bench, results)
    out = workdir / "results.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"\n(results: {out})")
    return results
