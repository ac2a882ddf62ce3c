"""Reviewer-app benchmark (issue 14): pages and search served from a store, at 1x and 16x the real corpus.

Two stores are built once and kept under --workdir (never in the repo): the four real sources analysed and
imported (``analyzer.batch.store_import.import_files``), and a synthetic 16x store made from it as
``bench/corpus_gen.py`` makes larger corpora (copy k: codes suffixed "-Rk", names reworded with its synonyms),
written row by row without analysing again. ``--rebuild`` builds them anew.

Each run of the page figures is a fresh process (so the first page pays for opening the store's corpus, as after
a server start) driving the app through ``streamlit.testing.v1.AppTest``: the first page after sign-in (Tổng
quan), the detail page (and how many options its chooser sends), both again warm, a search typed on the list
page, then the export page and the overlaps page, each first and again warm. The bench account accepts and
approves every finding of the first ``SEEDED_PROCEDURES`` procedures with findings once, so the export has a plan
to make; the real store is imported with the default legal texts compared (as `tthc serve --corpus` does), and
the 16x one has them compared once written (``keep_legal_review``), so both pages read the kept review. Search is
also timed alone at
16x: the store's candidates (FTS5) ranked by ``analyzer.report.search.rank``, against ranking the whole table in
memory (the ratio). Every figure is the median of --runs runs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.corpus_gen import perturb_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus-real"
REAL_SOURCES = [SHARED / "portal-flat" / "records.jsonl.gz", SHARED / "portal-docx" / "records.jsonl.gz",
                SHARED / "bqp-structured", SHARED / "csdl-2021" / "records.json"]
APP = ROOT / "app" / "streamlit_app.py"
USER, PASSWORD = "bench", "bench-app-2026"
QUERIES = ("khai sinh", "DANG KY KET HON", "giấy phép xây dựng", "cấp lại", "1.00")
SEEDED_PROCEDURES = 50  # procedures whose findings the bench accepts and approves (the export's plan)
GOAL_PAGE_S = 3.0
GOAL_SEARCH_S = 0.3


def median(values: list[float]) -> float:
    return float(statistics.median(values))


# ---------------------------------------------------------------- stores


def _fresh(path: Path) -> None:
    """Remove a store file and its WAL, to build it anew."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        (path.parent / name).unlink(missing_ok=True)


def build_real(path: Path, rebuild: bool) -> str:
    """The store of the four real sources (analysed once: several minutes)."""
    from analyzer.batch.store_import import import_files, keep_legal_review
    from analyzer.report.legal_review import default_legal_paths
    from analyzer.store import AccountError, Store

    if rebuild:
        _fresh(path)
    url = f"sqlite:///{path}"
    store = Store(url)
    try:
        run = store.corpus.latest_run()
        stale = run is None or run["sources"] != [str(s) for s in REAL_SOURCES] or not _has_basis(store)
        if not (rebuild or stale) and not _legal_kept(store):  # other texts or code since: compared again
            keep_legal_review(store, default_legal_paths())
        if rebuild or stale:
            started = time.perf_counter()  # the legal texts compared at import, as `tthc serve --corpus` does
            summary = import_files(store, REAL_SOURCES, force=True, legal_paths=default_legal_paths())
            print(f"real store: {summary.procedures} procedures, {summary.findings} findings, {summary.defects} "
                  f"defects in {time.perf_counter() - started:.0f} s", flush=True)
        try:
            store.accounts.add(USER, PASSWORD, "approver", full_name="Đo hiệu năng")
        except AccountError:
            pass  # made by an earlier build
        seed_proposals(store)
    finally:
        store.close()
    return url


def seed_proposals(store: Any, procedures: int = SEEDED_PROCEDURES) -> int:
    """Every finding of the first ``procedures`` procedure versions with findings accepted and approved by the bench
    account, once (what the export page's plan and report are made of); how many proposals the store holds."""
    from analyzer.detect import Finding
    from analyzer.report.keys import ProposalKey
    from analyzer.report.plan import ACCEPTED

    if not store.proposals.all():
        user = store.accounts.authenticate(USER, PASSWORD)
        listing = store.corpus.snapshot("procedures")
        versions = [str(v) for v, n in zip(listing["version"], listing["n_findings"]) if n][:procedures]
        for version, found in store.corpus.findings(versions).items():
            for finding in found:
                key = ProposalKey.for_finding(Finding.from_dict(finding).key).format()
                store.proposals.save(user, version, key, "accept", "Đo hiệu năng")
            store.proposals.approve_procedure(user, version, ACCEPTED)
    return len(store.proposals.all())


def _legal_kept(store: Any) -> bool:
    """Whether the run keeps the review of the default legal texts as they are, by this code."""
    from analyzer.batch.store_import import files_fingerprint, load_review_corpus
    from analyzer.report.legal_review import default_legal_paths

    return load_review_corpus(store).kept_legal_review(files_fingerprint(default_legal_paths())) is not None


def _has_basis(store: Any) -> bool:
    """Whether the run has the "basis" snapshot (stores built before it are built again)."""
    from analyzer.report.stored import BASIS_SNAPSHOT

    return "version" in store.corpus.snapshot(BASIS_SNAPSHOT).columns


def _copies(real: Any, factor: int, table: Any, column: str = "data") -> Iterator[dict[str, Any]]:
    """Rows of ``table`` for copies 0..factor-1 of the real store (read again per copy: memory stays small)."""
    from sqlalchemy import select

    for copy in range(factor):
        with real.engine.connect() as connection:
            rows = connection.execute(select(table).order_by(table.c.position if "position" in table.c else table.c.id))
            for row in rows:
                yield copy, dict(row._mapping)


def _renamed(code: str, copy: int) -> str:
    return code if copy == 0 else f"{code}-R{copy}"


def build_synthetic(real_url: str, path: Path, factor: int, rebuild: bool) -> str:
    """``factor`` copies of the real store's corpus, reworded as bench/corpus_gen.py does, imported in batches."""
    from analyzer.batch.store_import import keep_legal_review
    from analyzer.model import version_key
    from analyzer.report.legal_review import default_legal_paths
    from analyzer.report.search import Entry
    from analyzer.report.stored import BASIS_SNAPSHOT, packed
    from analyzer.store import AccountError, Store
    from analyzer.store.corpus_tables import StoredDefect, StoredFinding, StoredProcedure

    if rebuild:
        _fresh(path)
    url = f"sqlite:///{path}"
    real, store = Store(real_url), Store(url)
    try:
        tag = f"x{factor}:{real.corpus.latest_run()['id']}:{real.corpus.latest_run()['fingerprint']}"
        run = store.corpus.latest_run()
        if not rebuild and run is not None and run["fingerprint"] == tag and _has_basis(store):
            if not _legal_kept(store):
                keep_legal_review(store, default_legal_paths())
            seed_proposals(store)
            return url
        def version(old: str, copy: int) -> str:
            code, _, decision = old.partition("@")
            return version_key(_renamed(code, copy), decision or None)

        # a missing text reads back from Parquet as NaN: None again, or the column mixes floats and strings
        listings = [{k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
                    for row in real.corpus.snapshot("procedures").to_dict("records")]
        cited: dict[str, list[str]] = {}  # a copy cites what its original cites
        for row in real.corpus.snapshot(BASIS_SNAPSHOT).to_dict("records"):
            cited.setdefault(row["version"], []).append(row["key"])

        def procedures() -> Iterator[dict[str, Any]]:
            for copy, row in _copies(real, factor, StoredProcedure.__table__):
                code = _renamed(row["code"], copy)
                name = row["name"] if copy == 0 else perturb_text(row["name"], random.Random(f"{row['code']}/{copy}"))
                entry = Entry.of(code, name, row["field"], row["agency"], row["decision"])
                v = version(row["version_key"], copy)
                listing = {**listings[row["position"]], "version": v, "code": code, "name": name, **packed(entry)}
                yield {**row, "version_key": v, "code": code, "name": name, "code_key": entry.code, "listing": listing,
                       "search_text": " ".join([*entry.name, *(w for o in entry.others for w in o)]),
                       "basis_keys": cited.get(row["version_key"], []),
                       "data": {**row["data"], "code": code, "name": name}}

        def findings() -> Iterator[dict[str, Any]]:
            for copy, row in _copies(real, factor, StoredFinding.__table__):
                v, code = version(row["version_key"], copy), _renamed(row["procedure"], copy)
                yield {**row, "version_key": v, "procedure": code, "data": {**row["data"], "procedure": code, "version": v}}

        def defects() -> Iterator[dict[str, Any]]:
            for copy, row in _copies(real, factor, StoredDefect.__table__):
                v = version(row["version_key"], copy)
                yield {"version_key": v, "data": {**row["data"], "procedure": _renamed(row["data"]["procedure"], copy),
                                                  "version": v}}

        started = time.perf_counter()
        summary = store.corpus.import_run(procedures(), findings(), defects(), [real_url], tag)
        print(f"x{factor} store: {summary.procedures} procedures, {summary.findings} findings in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()  # the legal texts compared with the copies, as an import of them would
        keep_legal_review(store, default_legal_paths())
        print(f"x{factor} legal review in {time.perf_counter() - started:.0f} s", flush=True)
        try:
            store.accounts.add(USER, PASSWORD, "approver", full_name="Đo hiệu năng")
        except AccountError:
            pass
        seed_proposals(store)
    finally:
        real.close()
        store.close()
    return url


# ---------------------------------------------------------------- measures


def _login(at: Any) -> Any:
    at.text_input(key="login_user").input(USER)
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return at.run()


def _timed(action: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def measure_pages(url: str) -> dict[str, float]:
    """One fresh process's page times (seconds), through AppTest."""
    os.environ["TTHC_DB_URL"] = url
    os.environ.pop("TTHC_CORPUS", None)  # serve what the store holds: nothing is imported
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=900)
    at.run()
    out: dict[str, float] = {}
    out["first_page_s"], at = _timed(lambda: _login(at))
    if at.exception or [t.value for t in at.title][:1] != ["Tổng quan"]:
        raise RuntimeError(f"first page failed: {[t.value for t in at.title]} {at.exception}")
    out["detail_s"], at = _timed(lambda: at.switch_page("views/detail.py").run())
    if at.exception:
        raise RuntimeError(f"detail page failed: {at.exception}")
    chooser = at.selectbox(key="procedure_choice")  # what the chooser sends the browser on every run
    out["chooser_options"], out["chooser_kb"] = len(chooser.options), chooser.proto.ByteSize() / 1024
    out["first_page_warm_s"], at = _timed(lambda: at.switch_page("views/overview.py").run())
    out["detail_warm_s"], at = _timed(lambda: at.switch_page("views/detail.py").run())
    at.switch_page("views/procedures.py").run()
    out["search_page_s"], at = _timed(lambda: at.text_input(key="search_query").input(QUERIES[0]).run())
    if at.exception:
        raise RuntimeError(f"list page failed: {at.exception}")
    # the export page first reads the legal texts (once per process) and compares the records citing them; the
    # overlaps page then compares the texts with each other
    for name, page in (("export", "views/export.py"), ("overlaps", "views/overlaps.py")):
        out[f"{name}_s"], at = _timed(lambda: at.switch_page(page).run())
        if at.exception:
            raise RuntimeError(f"{name} page failed: {at.exception}")
        out[f"{name}_warm_s"], at = _timed(lambda: at.run())
    return out


def measure_search(url: str, runs: int) -> dict[str, Any]:
    """Per query: the store's candidates ranked, and the whole table ranked in memory (medians, seconds)."""
    from analyzer.batch.store_import import load_review_corpus
    from analyzer.report.review import search
    from analyzer.store import Store

    store = Store(url)
    corpus = load_review_corpus(store)
    table = corpus.table()
    figures: dict[str, Any] = {}
    for query in QUERIES:
        stored, memory = [], []
        for _ in range(runs):
            seconds, found = _timed(lambda: search(table, query, None, corpus.candidates(query)))
            stored.append(seconds)
            seconds, expected = _timed(lambda: search(table, query))
            memory.append(seconds)
            if list(found["version"]) != list(expected["version"]):
                raise RuntimeError(f"store search differs from the in-memory search for {query!r}")
        figures[query] = {"store_s": median(stored), "first_s": stored[0], "memory_s": median(memory),
                          "results": len(found)}
    store.close()
    return figures


def _pages_in_fresh_processes(url: str, runs: int) -> dict[str, float]:
    samples: list[dict[str, float]] = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-m", "bench", "app", "--measure-pages", url], cwd=ROOT,
                                capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        if result.returncode:
            raise RuntimeError(f"page measure failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
        samples.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return {key: median([s[key] for s in samples]) for key in samples[0]}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench app", description="Reviewer-app benchmark (issue 14).")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "tthc-bench" / "app"))
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is reported)")
    parser.add_argument("--factor", type=int, default=16)
    parser.add_argument("--rebuild", action="store_true", help="build the stores anew")
    parser.add_argument("--measure-pages", help=argparse.SUPPRESS)  # one fresh process's page times
    args = parser.parse_args(argv)
    if args.measure_pages:
        print(json.dumps(measure_pages(args.measure_pages)), flush=True)
        return 0
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    real = build_real(workdir / "real.sqlite", args.rebuild)
    synthetic = build_synthetic(real, workdir / f"x{args.factor}.sqlite", args.factor, args.rebuild)
    report: dict[str, Any] = {"runs": args.runs}
    for name, url in (("x1", real), (f"x{args.factor}", synthetic)):
        pages = _pages_in_fresh_processes(url, args.runs)
        report[name] = {"pages": pages}
        print(f"{name}: " + ", ".join(f"{k} {v:.2f}" + (" s" if k.endswith("_s") else "") for k, v in pages.items()),
              flush=True)
    searched = measure_search(synthetic, max(args.runs, 5))
    report[f"x{args.factor}"]["search"] = searched
    for query, figures in searched.items():
        print(f"x{args.factor} search {query!r}: store {figures['store_s'] * 1000:.0f} ms (first {figures['first_s'] * 1000:.0f} ms), in memory "
              f"{figures['memory_s'] * 1000:.0f} ms (ratio {figures['store_s'] / figures['memory_s']:.2f}), "
              f"{figures['results']} results", flush=True)
    worst_page = max(v for name in ("x1", f"x{args.factor}") for k, v in report[name]["pages"].items()
                     if k in ("first_page_s", "detail_s") or (name == "x1" and k in ("export_s", "overlaps_s")))
    worst_search = max(f["store_s"] for f in searched.values())
    report["goals"] = {"pages_s": GOAL_PAGE_S, "search_s": GOAL_SEARCH_S, "worst_page_s": worst_page,
                       "worst_search_s": worst_search,
                       "met": worst_page <= GOAL_PAGE_S and worst_search <= GOAL_SEARCH_S}
    print(json.dumps(report["goals"]), flush=True)
    (workdir / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0
