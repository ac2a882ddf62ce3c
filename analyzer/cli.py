"""The `tthc` command line.

Exit codes: 0 success, 1 fatal error (bad arguments, unreadable config), 3 completed with errors
(some files or records could not be read; they are reported and the rest is processed).
"""

from __future__ import annotations

import functools
import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, TypeVar

import typer

from analyzer.atomic import OutputError, atomic_path, atomic_text_writer
if TYPE_CHECKING:
    from rich.console import Console

    from analyzer.versions import VersionPlan

T = TypeVar("T")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Analyse Vietnamese administrative procedures (TTHC): parse, analyse, evaluate, serve the reviewer app.",
)

EXIT_WITH_ERRORS = 3
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpus"
STORE_HELP = "Database of the reviewer app (SQLAlchemy URL; default TTHC_DB_URL or the app's SQLite file)."


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


def _report_errors(errors: list) -> None:
    for error in errors[:50]:
        _echo_err(f"lỗi: {error}")
    if len(errors) > 50:
        _echo_err(f"... và {len(errors) - 50} lỗi khác")


def _one_line_output_errors(command: Callable[..., T]) -> Callable[..., T]:
    """An output that cannot be written (a full disk, no permission) ends the command with one line naming the
    file and exit code 1, instead of a traceback; the writers have already removed their temporary files."""

    @functools.wraps(command)
    def guarded(*args: Any, **kwargs: Any) -> T:
        try:
            return command(*args, **kwargs)
        except OutputError as exc:
            _echo_err(f"lỗi: {exc}")
            raise typer.Exit(1) from exc

    return guarded


@app.command()
@_one_line_output_errors
def parse(
    inputs: list[str] = typer.Argument(..., help="Files, folders, globs or .gz in any supported format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default: standard output)."),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", help="jsonl (canonical), csv or parquet."),
) -> None:
    """Parse procedure records into the canonical model."""
    from analyzer.ingest import load_procedures

    errors: list = []
    procedures = load_procedures(inputs, errors)
    if fmt is OutputFormat.jsonl:
        lines = (json.dumps(procedure.to_dict(), ensure_ascii=False) + "\n" for procedure in procedures)
        if output is None:
            sys.stdout.writelines(lines)
        else:
            with atomic_text_writer(output) as handle:
                for line in lines:
                    handle.write(line)
    else:
        if output is None:
            raise typer.BadParameter("--format csv/parquet needs -o FILE")
        from analyzer.report.tables import procedures_frame

        frame = procedures_frame(procedures)
        with atomic_path(output) as tmp:
            if fmt is OutputFormat.csv:
                frame.to_csv(tmp, index=False)
            else:
                frame.to_parquet(tmp, index=False)
    _report_errors(errors)
    if errors:
        raise typer.Exit(EXIT_WITH_ERRORS)


@app.command("parse-report")
def parse_report(inputs: list[str] = typer.Argument(..., help="Files, folders, globs or .gz.")) -> None:
    """Coverage per source: records read, with steps, documents, durations, legal references; warnings; failures."""
    from rich.console import Console
    from rich.table import Table

    from analyzer.ingest import iter_records
    from analyzer.report.coverage import coverage_by_source, coverage_rows
    from analyzer.versions import VersionPlan, planned

    plan = VersionPlan()
    coverage = coverage_by_source(planned(iter_records(inputs), plan))
    console = Console()
    table = Table(title="Parse coverage (records whose source field is non-empty)")
    rows = coverage_rows(coverage)
    columns = ("source", "records", "steps", "documents", "durations", "legal_basis", "ambiguous_durations")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(row[c]) for c in columns))
    console.print(table)
    for row in rows:
        if row["warnings"]:
            console.print(f"[bold]{row['source']}[/bold] warnings: {row['warnings']}")
    _print_duplicates(console, plan)
    failures = coverage.get("errors").failures if "errors" in coverage else []
    console.print(f"failures: {len(failures)}")
    for failure in failures[:100]:
        console.print(f"  {failure}")
    if failures:
        raise typer.Exit(EXIT_WITH_ERRORS)


def _print_duplicates(console: "Console", plan: "VersionPlan") -> None:
    """Codes seen more than once and what reading one record per procedure version made of each record."""
    from analyzer.versions import OUTCOME_LABELS

    counts = plan.counts()
    console.print(f"duplicate codes: {counts['codes_repeated']} codes seen more than once; {counts['records']} records, "
                  f"{counts['versions']} procedure versions", soft_wrap=True)
    for outcome, label in OUTCOME_LABELS.items():
        console.print(f"  {outcome}: {counts[outcome]} ({label})", soft_wrap=True)
    for duplicate in plan.duplicates[:100]:
        row = duplicate.to_dict()
        console.print(f"  {row['outcome']}: {row['version']} in {row['source']} (first read: {row['kept_source']})",
                      markup=False, soft_wrap=True)
    if len(plan.duplicates) > 100:
        console.print(f"  ... và {len(plan.duplicates) - 100} bản ghi trùng khác (duplicates.csv của tthc analyze có đủ)")


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class Level(str, Enum):
    bo = "bo"
    tinh = "tinh"
    xa = "xa"
    local = "local"


class ActionableBy(str, Enum):
    province = "province"
    central = "central"


@app.command()
@_one_line_output_errors
def analyze(
    inputs: list[str] = typer.Argument(..., help="Files, folders, globs or .gz in any supported format."),
    outdir: Path = typer.Option(..., "-o", "--outdir", help="Output folder."),
    config: Optional[Path] = typer.Option(None, "--config", help="YAML overriding rule params/enabled/severity."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local (process pool) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
    cache: Optional[Path] = typer.Option(None, "--cache", help="Cache folder shared between runs (default: OUTDIR/.work)."),
    chunk_size: int = typer.Option(200, "--chunk-size", min=1, help="Records per chunk (unit of work and resumption)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or progress lines."),
    data: Optional[Path] = typer.Option(None, "--data", help="Data folder (state_data.yaml, detect_cues.yaml, documents.yaml) replacing the packaged files it holds."),
    cases: Optional[Path] = typer.Option(None, "--cases", help="CSV of cases per year per procedure (columns code[,decision],cases_per_year); defaults: analyzer/data/impact.yaml."),
    level: Optional[Level] = typer.Option(None, "--level", help="Keep only findings on procedures of this level (bo, tinh, xa; huyện counts as xa; local: tinh or xa, what a province reviews)."),
    actionable_by: Optional[ActionableBy] = typer.Option(None, "--actionable-by", help="Keep only findings the province, or only those the central level, can act on."),
    store_url: Optional[str] = typer.Option(None, "--store", help="After the run, import it into this database of the "
                                            "reviewer app (SQLAlchemy URL), as `tthc import OUTDIR --store URL` does."),
) -> None:
    """Detect redundant steps, repeated paperwork and long processing times over a whole corpus.

    Writes procedures.parquet, procedures.jsonl, findings.{jsonl,csv,parquet}, errors.jsonl, near_duplicates.csv,
    summary.xlsx and summary.html. Killed and restarted with the same arguments, it continues where it stopped; a re-run recomputes
    only the records whose findings can change (cache in OUTDIR/.work, or --cache DIR to share it).
    """
    from analyzer.batch import run
    from analyzer.detect import RuleConfigError
    from analyzer.detect.impact import CasesFileError
    from analyzer.resources import ResourceError

    try:
        result = run(inputs, outdir, jobs=jobs, engine=engine.value, scheduler=scheduler, config=config,
                     data=data, cache_dir=cache, chunk_size=chunk_size, progress=not quiet, cases=cases,
                     level=level.value if level else None, actionable_by=actionable_by.value if actionable_by else None)
    except CasesFileError as exc:
        _echo_err(f"lỗi tệp số hồ sơ: {exc}")
        raise typer.Exit(1) from exc
    except RuleConfigError as exc:
        _echo_err(f"lỗi cấu hình: {exc}")
        raise typer.Exit(1) from exc
    except ResourceError as exc:
        _echo_err(f"lỗi dữ liệu: {exc}")
        raise typer.Exit(1) from exc
    if result.up_to_date:
        typer.echo(f"Không có gì thay đổi từ lần chạy trước: giữ nguyên kết quả trong {outdir}")
    typer.echo(
        f"{result.procedures} thủ tục, {result.findings} phát hiện, {result.errors} lỗi; "
        f"phân tích {result.records_computed} hồ sơ, dùng lại {result.records_cached} hồ sơ "
        f"({result.chunks_reused}/{result.chunks} phần có sẵn) trong {result.seconds:.1f}s → {outdir}"
    )
    if store_url is not None:
        from analyzer.batch.store_import import import_outdir as load
        from analyzer.store import Store

        store = Store(store_url)
        try:
            typer.echo(_import_message(load(store, outdir), store))
        finally:
            store.close()
    if result.completed_with_errors:
        _echo_err(f"hoàn thành nhưng có {result.errors} lỗi: xem {outdir / 'errors.jsonl'}")
        raise typer.Exit(EXIT_WITH_ERRORS)


# what .streamlit/config.toml says, passed as flags so it holds from any working directory: no developer chrome,
# no traceback in the browser, uploads refused above the app's limit before they are sent
STREAMLIT_FLAGS = ("--client.toolbarMode", "viewer", "--client.showErrorDetails", "none",
                   "--server.maxUploadSize", "5", "--browser.gatherUsageStats", "false")


@app.command()
def serve(
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Records the reviewer app serves: imported into the "
                                          "store once (again only when the files change). Without it the app serves "
                                          "what the store holds, the bundled corpus on first start."),
    store_url: Optional[str] = typer.Option(None, "--store", help=STORE_HELP),
    port: int = typer.Option(8501, "--port"),
) -> None:
    """Start the reviewer app (Streamlit) on the corpus run held by the store."""
    import os
    import subprocess

    from analyzer.batch.store_import import corpus_files, import_files
    from analyzer.report.legal_review import default_legal_paths
    from analyzer.store import Store

    store = Store(store_url)
    try:
        password = store.accounts.ensure_admin()
        if password:
            typer.echo(f"Tài khoản quản trị đầu tiên: admin / {password}  (chỉ hiển thị lần này)")
        if corpus is not None or store.corpus.latest_run() is None:
            files = corpus_files(corpus or DEFAULT_CORPUS)
            typer.echo(f"Đang kiểm tra bộ thủ tục {', '.join(map(str, files))}…")
            summary = import_files(store, files, legal_paths=default_legal_paths())  # the pages read the review
            typer.echo(_import_message(summary, store))
    finally:
        store.close()
    env = {**os.environ, **({"TTHC_DB_URL": store_url} if store_url else {})}
    script = ROOT / "app" / "streamlit_app.py"
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *STREAMLIT_FLAGS]
    raise typer.Exit(subprocess.call(command, env=env))



def _import_message(summary: Any, store: Any) -> str:
    """What an import did (an ImportSummary), or that it was skipped (None), in Vietnamese."""
    from analyzer.report.labels import number
    from analyzer.report.stored import changes_text

    if summary is None:
        run = store.corpus.latest_run()
        return (f"Kho dữ liệu đã có bộ thủ tục này (lần nhập {run['id']}, {number(run['counts']['procedures'])} "
                "thủ tục): không nhập lại.")
    text = (f"Đã nhập lần {summary.run_id}: {number(summary.procedures)} thủ tục, {number(summary.findings)} phát "
            f"hiện, {number(summary.defects)} lỗi bản công bố.")
    if summary.previous_run is not None:
        counts = {"added": summary.added, "removed": summary.removed, "changed": summary.changed}
        text += f" So với lần nhập trước: {changes_text(counts)}; mọi đề xuất đã lưu được giữ nguyên."
    return text


@app.command("import")
@_one_line_output_errors
def import_outdir(
    outdir: Path = typer.Argument(..., help="Output folder of `tthc analyze`."),
    store_url: Optional[str] = typer.Option(None, "--store", help=STORE_HELP),
    force: bool = typer.Option(False, "--force", help="Import even when the store already holds these outputs."),
) -> None:
    """Load a `tthc analyze` output folder into the reviewer app's store. Proposals are kept; the findings added,
    removed or changed since the previous import are recorded."""
    from analyzer.batch.store_import import OutdirError, import_outdir as load
    from analyzer.report.legal_review import default_legal_paths
    from analyzer.store import Store

    store = Store(store_url)
    try:
        typer.echo(_import_message(load(store, outdir, force=force, legal_paths=default_legal_paths()), store))
    except OutdirError as exc:
        _echo_err(f"lỗi: {exc}")
        raise typer.Exit(1) from exc
    finally:
        store.close()


@app.command("eval")
def evaluate(
    gold: list[Path] = typer.Option(
        [DEFAULT_CORPUS / "gold" / "sample.yaml", DEFAULT_CORPUS / "gold" / "real.yaml"], "--gold",
        help="Gold label files (repeatable). Real gold files read their records from ../shared.",
    ),
    config: Optional[Path] = typer.Option(None, "--config", help="YAML overriding rule params/enabled/severity."),
    by_rule: bool = typer.Option(False, "--by-rule", help="Score each rule instead of each finding kind."),
    blind: list[Path] = typer.Option(
        [DEFAULT_CORPUS / "gold" / "blind" / name for name in ("dev.yaml", "test.yaml", "test_round4.yaml", "test_round5.yaml", "test_round6.yaml", "test_round7.yaml", "test_round8.yaml", "test_round9.yaml", "test_round10.yaml", "test_round11.yaml")], "--blind",
        help="Blind expert gold halves (repeatable): recall per opportunity type. The test half is never tuned on.",
    ),
    no_blind: bool = typer.Option(False, "--no-blind", help="Skip the blind gold halves."),
) -> None:
    """Precision, recall and F1 per finding kind against gold labels; recall per opportunity type on the
    blind expert gold set (dev and test halves)."""
    from analyzer.report.evaluate import evaluate_file, load_gold, resolve_corpus, scores_table

    for path in gold:
        try:
            labels = load_gold(path)
            sources = list(labels.sources.values()) or ([labels.corpus] if labels.corpus else [])
            missing = [s for s in sources if not resolve_corpus(s, ROOT).exists()]
            if missing:
                typer.echo(f"== {path}: bỏ qua, thiếu dữ liệu {', '.join(missing)} (cần ../shared)")
                continue
            scores = evaluate_file(path, root=ROOT, config=config, level="rule" if by_rule else "kind")
        except (OSError, ValueError) as exc:
            _echo_err(f"lỗi: {path}: {exc}")
            raise typer.Exit(1) from exc
        typer.echo(f"== {path}")
        typer.echo(scores_table(scores))
    if no_blind or not blind:
        return
    from analyzer.report.opportunities import evaluate_blind, recall_table

    shared = ROOT.parent / "shared"
    if not (shared / "corpus-real").exists():
        typer.echo(f"== blind gold: bỏ qua, thiếu dữ liệu {shared / 'corpus-real'} (cần ../shared)")
        return
    try:
        results = evaluate_blind(blind, shared, config=config)
    except (OSError, ValueError) as exc:
        _echo_err(f"lỗi: {exc}")
        raise typer.Exit(1) from exc
    typer.echo("== blind gold: recall per opportunity type (found/total)")
    typer.echo(recall_table(results))


@app.command()
@_one_line_output_errors
def legal(
    files: list[Path] = typer.Argument(..., help="Legal texts (txt, md, html, docx, pdf, doc) or folders of them."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="JSONL output (default: standard output)."),
    config: Optional[Path] = typer.Option(None, "--config", help="YAML overriding rule params/enabled/severity."),
    overlaps: Optional[Path] = typer.Option(None, "--overlaps", help="Also write conflicting and duplicated "
                                            "provisions between the texts (findings, JSONL) here."),
    similar: Optional[Path] = typer.Option(None, "--similar", help="Also write textually similar clause pairs "
                                           "(JSONL) here: a reading aid, not an overlap finding."),
    against: Optional[list[str]] = typer.Option(None, "--against", help="Procedure records (files, folders) to "
                                                "compare with the texts they cite as legal basis."),
    basis_out: Optional[Path] = typer.Option(None, "--basis-out", help="Where --against writes its differences "
                                             "(JSONL; default: standard error summary only)."),
    errors_path: Optional[Path] = typer.Option(None, "--errors", help="Also write the files that could not be read "
                                               "(JSONL: path, error) here."),
) -> None:
    """Parse legal texts (header, structure, citations, assignments, procedures) and appraise their procedures.

    A file that cannot be read (corrupt, empty, a scan without text, a type not supported in a folder) is
    reported and the others are read; the exit code is then 3. Output files are written whole or not at all.
    """
    from analyzer.detect import RuleConfigError
    from analyzer.detect.appraise import appraise
    from analyzer.detect.legal_overlap import find_overlaps, overlap_findings
    from analyzer.ingest.legal_files import legal_files, read_legal_text

    documents: list = []
    failures: list[tuple[str, str]] = []

    def fail(path: Path, message: str) -> None:
        failures.append((str(path), message))
        _echo_err(f"lỗi: {message}")

    def records() -> Iterable[str]:
        for path, skipped in legal_files(files):
            if skipped is not None:
                fail(path, str(skipped))
                continue
            try:
                document = read_legal_text(path)
                record = appraise(document, config)
            except RuleConfigError as exc:
                _echo_err(f"lỗi cấu hình: {exc}")
                raise typer.Exit(1) from exc
            except (OSError, ValueError) as exc:
                fail(path, _named(path, exc))
                continue
            except Exception as exc:  # noqa: BLE001 - a reader or parser bug on one file must not stop the others
                fail(path, f"{path}: lỗi không mong đợi ({type(exc).__name__}: {exc})")
                continue
            documents.append(document)
            yield json.dumps(record, ensure_ascii=False) + "\n"

    if output is None:
        for line in records():
            sys.stdout.write(line)
    else:
        with atomic_text_writer(output) as handle:
            for line in records():
                handle.write(line)
    if overlaps is not None:
        with atomic_text_writer(overlaps) as out:
            for index, finding in overlap_findings(documents):
                row = {"source": documents[index].source, **finding.model_dump(mode="json")}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if similar is not None:
        with atomic_text_writer(similar) as out:
            for pair in find_overlaps(documents):
                out.write(json.dumps(pair.to_dict(), ensure_ascii=False) + "\n")
    if against:
        _write_basis_differences(against, documents, basis_out)
    if errors_path is not None:
        with atomic_text_writer(errors_path) as out:
            for path, message in failures:
                out.write(json.dumps({"path": path, "error": message}, ensure_ascii=False) + "\n")
    if failures:
        _echo_err(f"đọc được {len(documents)} văn bản, {len(failures)} tệp không đọc được")
        raise typer.Exit(EXIT_WITH_ERRORS)


def _write_basis_differences(against: list[str], documents: list, out_path: Optional[Path]) -> None:
    """Compare the records with the legal texts read; write each difference and a one-line summary."""
    from analyzer.detect.legal_basis import compare_with_basis
    from analyzer.ingest import load_procedures

    procedures = [p for d in documents for p in d.procedures] + list(load_procedures(against))
    comparisons = compare_with_basis(procedures, documents)
    rows = [difference.row() for comparison in comparisons for difference in comparison.differences]
    if out_path is not None:
        with atomic_text_writer(out_path) as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    matched = sum(1 for comparison in comparisons if comparison.provisions)
    _echo_err(f"đối chiếu căn cứ pháp lý: {len(comparisons)} thủ tục dẫn văn bản có trong bộ văn bản, "
              f"{matched} thủ tục tìm được điều khoản tương ứng, {len(rows)} điểm khác biệt")


def _named(path: Path, exc: Exception) -> str:
    """The error's message with the file's path (the readers' messages already name it)."""
    message = str(exc)
    return message if str(path) in message else f"{path}: {message}"


class ExportKind(str, Enum):
    plan = "plan"
    decision = "decision"
    cost = "cost"
    review_form = "review-form"
    report = "report"
    impact = "impact"


@app.command()
@_one_line_output_errors
def export(
    kind: ExportKind = typer.Option(..., "--kind", help="plan (phương án đơn giản hóa; .xlsx for the table), "
                                    "decision (dự thảo quyết định thông qua phương án, the plan as its annex) or "
                                    "cost (compliance cost before/after, XLSX of formulas, Thông tư 02/2017 Điều 27; "
                                    "without --store every finding taken as proposed), "
                                    "review-form (biểu mẫu rà soát per procedure; from the records alone unless --store), "
                                    "report (báo cáo kết quả rà soát of the province, .docx or .xlsx, with charts) or "
                                    "impact (biểu mẫu đánh giá tác động of a draft's procedures, with --legal FILE)."),
    output: Path = typer.Option(..., "-o", "--output", help="Output file (.docx; .xlsx for the plan as a table and the cost sheet)."),
    store_url: Optional[str] = typer.Option(None, "--store", help="Database of the reviewers' proposals "
                                            "(SQLAlchemy URL; default TTHC_DB_URL or the app's SQLite file)."),
    codes: Optional[list[str]] = typer.Option(None, "--code", help="Only this procedure (code or code@decision); repeatable."),
    include_drafts: bool = typer.Option(False, "--include-drafts", help="Also proposals not yet approved, marked as drafts."),
    corpus: Optional[list[str]] = typer.Option(None, "--corpus",
                                               help="Procedure records the proposals were made on (default: the "
                                               "corpus run the store holds, else the bundled corpus)."),
    settings: Optional[Path] = typer.Option(None, "--settings", help="YAML replacing keys of analyzer/data/official.yaml "
                                            "(province, place, date, issuer, signer, recipients)."),
    year: Optional[int] = typer.Option(None, "--year", help="Target year measured against (2025: 30%; 2026: 50% of "
                                       "2024; analyzer/data/cost_defaults.yaml). Default: its target_year."),
    legal_texts: Optional[list[Path]] = typer.Option(None, "--legal", help="The draft legal text an impact form (--kind "
                                                     "impact) assesses: one form part per procedure it prescribes; for "
                                                     "--kind report, the legal texts (files, folders; repeatable) whose "
                                                     "overlaps and the records' differences from them are counted "
                                                     "(default: TTHC_LEGAL_TEXTS or ../shared/corpus-real/legal-texts, "
                                                     "and corpus/legal)."),
) -> None:
    """Write an official document (Nghị định 30/2020/NĐ-CP layout) from the reviewers' approved proposals."""
    from analyzer.report.export import (ExportError, document, report_document, review_form_document, sections, select,
                                        undecided_cost_document)
    from analyzer.report.official import SettingsError, load_settings
    from analyzer.report.review import ReviewCorpus
    from analyzer.store import Store

    try:
        options = load_settings(settings)
    except SettingsError as exc:
        _echo_err(f"lỗi tệp thiết lập: {exc}")
        raise typer.Exit(1) from exc
    if kind is ExportKind.impact:
        _export_impact(legal_texts or [], output, options)
        return
    saved: list = []
    stored = None  # the store's corpus run, when no --corpus names the records
    from_records = store_url is None and kind in (ExportKind.review_form, ExportKind.cost)
    if not from_records:  # a review form and a cost sheet can be made from the records alone
        store = Store(store_url)
        try:
            saved = store.proposals.all()
            if corpus is None and store.corpus.latest_run() is not None:
                from analyzer.batch.store_import import load_review_corpus

                loaded = load_review_corpus(store)
                stored = ReviewCorpus(dict(loaded.procedures.items()), dict(loaded.findings.items()), loaded.errors)
        finally:
            store.close()
    try:
        chosen = select(stored or ReviewCorpus.load(corpus or [str(DEFAULT_CORPUS / "procedures.jsonl")]), codes)
        if kind is ExportKind.review_form:
            data = review_form_document(chosen, saved, output.suffix.lower(), options)
            with atomic_path(output) as tmp:
                tmp.write_bytes(data)
            typer.echo(f"Đã ghi {output}: biểu mẫu rà soát của {len(chosen.procedures)} thủ tục.")
            return
        if kind is ExportKind.cost and from_records:
            data = undecided_cost_document(chosen, output.suffix.lower(), year)
            with atomic_path(output) as tmp:
                tmp.write_bytes(data)
            typer.echo(f"Đã ghi {output}: chi phí tuân thủ theo các phát hiện, chưa có quyết định của người rà soát.")
            return
        if kind is ExportKind.report:
            legal = _report_legal_texts(legal_texts)
            data = report_document(chosen, saved, output.suffix.lower(), year, include_drafts, options, legal)
            with atomic_path(output) as tmp:
                tmp.write_bytes(data)
            typer.echo(f"Đã ghi {output}: báo cáo kết quả rà soát {len(chosen.procedures)} thủ tục, đối chiếu "
                       f"{len(legal.documents)} văn bản quy phạm pháp luật.")
            if legal_texts and legal.skipped:  # a text named but not read: the report lacks it
                raise typer.Exit(EXIT_WITH_ERRORS)
            return
        plan = sections(chosen, saved, include_drafts=include_drafts, year=year)
        data = document(kind.value, plan, output.suffix.lower(), options)
    except ExportError as exc:
        _echo_err(f"lỗi: {exc}")
        raise typer.Exit(1) from exc
    with atomic_path(output) as tmp:
        tmp.write_bytes(data)
    drafts = sum(item.is_draft for section in plan for item in section.items)
    note = f", trong đó {drafts} đề xuất dự thảo" if drafts else ""
    typer.echo(f"Đã ghi {output}: {len(plan)} thủ tục, {sum(len(s.items) for s in plan)} đề xuất{note}.")


def _report_legal_texts(paths: Optional[list[Path]]) -> Any:
    """The legal texts the province's report compares (the defaults when none is named); each named file that
    cannot be read is listed on standard error (the defaults' are counted) and the others are used."""
    from analyzer.report.legal_review import default_legal_paths, load_legal_texts

    texts = load_legal_texts(paths or default_legal_paths())
    if paths:
        for _, reason in texts.skipped:
            _echo_err(f"lỗi: {reason}")
    elif texts.skipped:
        _echo_err(f"bỏ qua {len(texts.skipped)} tệp không đọc được trong các thư mục văn bản mặc định")
    return texts


def _export_impact(paths: list[Path], output: Path, settings: Any) -> None:
    """The impact assessment form of a draft text's procedure provisions, pre-filled from their findings."""
    from analyzer.detect import analyze
    from analyzer.ingest.legal_files import read_legal_text
    from analyzer.report.review_form import impact_forms, review_form_docx

    if len(paths) != 1:
        _echo_err("lỗi: --kind impact cần đúng một --legal TỆP (dự thảo văn bản cần đánh giá tác động)")
        raise typer.Exit(1)
    (path,) = paths
    try:
        document = read_legal_text(path)
    except (OSError, ValueError) as exc:
        _echo_err(f"lỗi: {_named(path, exc)}")
        raise typer.Exit(1) from exc
    if output.suffix.lower() == ".xlsx":
        _echo_err("lỗi: biểu mẫu đánh giá tác động chỉ xuất dạng DOCX")
        raise typer.Exit(1)
    forms = impact_forms(document, analyze(document.procedures)) if document.procedures else []
    if not forms:
        _echo_err(f"lỗi: {path}: dự thảo không có quy định về thủ tục hành chính để đánh giá tác động")
        raise typer.Exit(1)
    data = review_form_docx(forms, settings, kind="impact_form")
    with atomic_path(output) as tmp:
        tmp.write_bytes(data)
    typer.echo(f"Đã ghi {output}: biểu mẫu đánh giá tác động của {len(forms)} thủ tục.")


user_app = typer.Typer(help="Local accounts of the reviewer app.", no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def user_add(
    username: str = typer.Argument(...),
    role: str = typer.Option("reviewer", "--role", help="reviewer, approver or admin."),
    full_name: str = typer.Option("", "--name", help="Full name shown in the app."),
    password: Optional[str] = typer.Option(None, "--password", help="Asked interactively when omitted."),
) -> None:
    """Add an account (password hashed with argon2) to the app's database (TTHC_DB_URL or the SQLite file)."""
    if password is None:
        password = typer.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True)
    account = _with_accounts(lambda accounts: accounts.add(username, password, role, full_name, actor="cli"))
    typer.echo(f"Đã thêm tài khoản {account.username} ({account.role}).")


@user_app.command("reset-password")
def user_reset_password(
    username: str = typer.Argument(...),
    password: Optional[str] = typer.Option(None, "--password", help="Asked interactively when omitted."),
) -> None:
    """Set an account's password (e.g. when the only administrator has forgotten theirs)."""
    if password is None:
        password = typer.prompt("Mật khẩu mới", hide_input=True, confirmation_prompt=True)
    _with_accounts(lambda accounts: accounts.reset_password(username, password, actor="cli"))
    typer.echo(f"Đã đặt lại mật khẩu cho tài khoản {username}.")


@user_app.command("lock")
def user_lock(username: str = typer.Argument(...),
              unlock: bool = typer.Option(False, "--unlock", help="Unlock instead.")) -> None:
    """Lock an account (it can no longer sign in; what it saved stays), or unlock it."""
    _with_accounts(lambda accounts: accounts.set_active(username, unlock, actor="cli"))
    typer.echo(f"Đã {'mở khóa' if unlock else 'khóa'} tài khoản {username}.")


sessions_app = typer.Typer(help="Signed-in sessions of the reviewer app.", no_args_is_help=True)
app.add_typer(sessions_app, name="sessions")


@sessions_app.command("list")
def sessions_list() -> None:
    """List the live signed-in sessions: whose, signed in when, last seen and ending when (Vietnam time)."""
    from analyzer.report.history import local_time
    from analyzer.report.labels import label, number

    live = _with_store(lambda store: store.sessions.live())
    if not live:
        typer.echo("Không có phiên đăng nhập nào đang hoạt động.")
        return
    typer.echo(f"{number(len(live))} phiên đăng nhập đang hoạt động (giờ Việt Nam):")
    for row in live:
        details = ", ".join(filter(None, [row.full_name, label("roles", row.role)]))
        typer.echo(f"- {row.username} ({details}): đăng nhập lúc {local_time(row.created_at)}, hoạt động gần nhất "
                   f"{local_time(row.last_seen_at)}, hết hạn lúc {local_time(row.expires_at)}")


@sessions_app.command("revoke")
def sessions_revoke(
    username: Optional[str] = typer.Argument(None, help="The account whose sessions end."),
    every: bool = typer.Option(False, "--all", help="End every account's sessions."),
) -> None:
    """End the signed-in sessions of one account, or of all (--all): they must sign in again."""
    if (username is None) == (not every):
        _echo_err("lỗi: ghi tên một tài khoản hoặc --all (không ghi cả hai)")
        raise typer.Exit(1)
    if every:
        ended = _with_store(lambda store: store.sessions.revoke_all(actor="cli"))
        typer.echo(f"Đã kết thúc {ended} phiên đăng nhập của mọi tài khoản.")
    else:
        ended = _with_store(lambda store: store.sessions.revoke_account(username, actor="cli"))
        typer.echo(f"Đã kết thúc {ended} phiên đăng nhập của tài khoản {username}.")


def _with_accounts(action: Callable[[Any], T]) -> T:
    """Run ``action`` on the app's accounts (TTHC_DB_URL or the SQLite file); a refusal exits with 1."""
    return _with_store(lambda store: action(store.accounts))


def _with_store(action: Callable[[Any], T]) -> T:
    """Run ``action`` on the app's store (TTHC_DB_URL or the SQLite file); a refusal exits with 1."""
    from analyzer.store import AccountError, Store

    store = Store()
    try:
        return action(store)
    except AccountError as exc:
        _echo_err(str(exc))
        raise typer.Exit(1) from exc
    finally:
        store.close()


def main(argv: Iterable[str] | None = None) -> None:
    app(args=list(argv) if argv is not None else None)


if __name__ == "__main__":
    main()
