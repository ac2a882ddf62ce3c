"""The run's outputs, appended chunk by chunk in input order (memory bounded by one chunk).

procedures.parquet, findings.{jsonl,csv,parquet} and errors.jsonl are written under temporary names
and renamed when the run completes, so a killed run never leaves outputs that look finished.
summary.xlsx and summary.html are built at the end from counters accumulated along the way.
Each finding gets its impact here (analyzer.detect.impact, from the record's row: the cached detector results
stay independent of the cases CSV), the --level / --actionable-by filters drop findings, and at the end the
findings files are reordered, largest estimated saving first.
"""

from __future__ import annotations

import csv
import io
import json
import os
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Callable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from analyzer.atomic import as_output_error, atomic_write_bytes, temporary_name, write_json_atomic
from analyzer.batch.corpus import CorpusAnalysis, CorpusFigures, InfoLookup
from analyzer.batch.fingerprint import code_fingerprint
from analyzer.detect.finding import finding_row
from analyzer.detect.impact import FindingFilter, ImpactModel, ProcedureFacts, impact_order, with_impact
from analyzer.detect.peers import PeerStats
from analyzer.detect.record_defects import DEFECT_COLUMNS, RecordDefect
from analyzer.report.counts import SummaryCounts

PROCEDURE_SCHEMA = pa.schema([
    ("code", pa.string()), ("name", pa.string()), ("decision", pa.string()), ("level", pa.string()),
    ("field", pa.string()), ("agency", pa.string()), ("decider", pa.string()), ("n_steps", pa.int64()),
    ("n_cases", pa.int64()),
    ("n_documents", pa.int64()), ("n_legal_basis", pa.int64()), ("n_warnings", pa.int64()),
    ("days_truc_tiep", pa.float64()), ("days_truc_tuyen", pa.float64()), ("days_buu_chinh", pa.float64()),
    ("source_format", pa.string()), ("source_path", pa.string()), ("steps", pa.string()), ("channels", pa.string()),
    ("cases", pa.string()), ("legal_basis", pa.string()), ("warnings", pa.string()),
])
FINDING_SCHEMA = pa.schema([
    ("procedure", pa.string()), ("kind", pa.string()), ("rule", pa.string()), ("severity", pa.string()),
    ("confidence", pa.float64()), ("message", pa.string()), ("suggestion", pa.string()),
    ("evidence_field", pa.string()), ("evidence_case", pa.int64()), ("evidence_index", pa.int64()),
    ("evidence_text", pa.string()), ("legal_ground", pa.string()),
    ("days_saved", pa.float64()), ("vnd_saved", pa.float64()), ("actionable_by", pa.string()),
    ("actionable_text", pa.string()),
    # the procedure version and record the finding is about (issue 12 §4), from the record's row
    ("version", pa.string()), ("source_file", pa.string()), ("decision", pa.string()), ("level", pa.string()),
])
FINDING_COLUMNS = FINDING_SCHEMA.names
DUPLICATE_COLUMNS = ["group", "size", "code", "name", "agency", "level", "similarity"]
OUTPUT_FILES = {
    "procedures": "procedures.parquet",
    "findings_jsonl": "findings.jsonl",
    "findings_csv": "findings.csv",
    "findings_parquet": "findings.parquet",
    "errors": "errors.jsonl",
    # defects of the published records, to send back to the publishing agency (not findings: issue 13 item 3)
    "defects_jsonl": "record_defects.jsonl",
    "defects_csv": "record_defects.csv",
}




class OutputWriter:
    """Appends each chunk to the outputs; ``finish`` renames them into place and writes the summary.

    A write that fails (a full disk) raises OutputError naming the output; ``abort`` then closes and removes
    the unfinished files, so no output is left half-written."""

    def __init__(self, out: Path, corpus_analyses: bool = True, plot_cache: Path | None = None,
                 corpus_cache: Path | None = None, record_info: InfoLookup | None = None,
                 impact: ImpactModel | None = None, keep: FindingFilter | None = None) -> None:
        """``corpus_cache``: where the corpus-wide figures of exactly these records are (or will be) kept;
        ``record_info``: reads code, name, agency and level of records by position at the end;
        ``impact``: cost data and cases per year; ``keep``: the findings to write (level, who can act)."""
        self.out, self.plot_cache, self.corpus_cache = out, plot_cache, corpus_cache
        self.impact, self.keep = impact or ImpactModel.default(), keep or FindingFilter()
        self.paths = {name: out / file for name, file in OUTPUT_FILES.items()}
        self.partial = {name: temporary_name(path) for name, path in self.paths.items()}
        self.counts = SummaryCounts()
        self.figures: CorpusFigures | None = None
        if corpus_analyses and corpus_cache is not None and corpus_cache.exists():
            self.figures = CorpusFigures.from_dict(json.loads(corpus_cache.read_text(encoding="utf-8")))
        self.corpus = CorpusAnalysis(record_info) if corpus_analyses and self.figures is None else None
        self.findings = 0
        self.errors = 0
        self.defects = 0
        self._records = 0
        self._open: dict[str, Any] = {}  # output name -> its open writer or handle
        try:
            self._procedures = self._opened("procedures", lambda p: pq.ParquetWriter(p, PROCEDURE_SCHEMA))
            self._findings_parquet = self._opened("findings_parquet", lambda p: pq.ParquetWriter(p, FINDING_SCHEMA))
            self._jsonl = self._opened("findings_jsonl", lambda p: p.open("w", encoding="utf-8"))
            self._csv_file = self._opened("findings_csv", lambda p: p.open("w", encoding="utf-8", newline=""))
            self._csv = csv.DictWriter(self._csv_file, fieldnames=FINDING_COLUMNS)
            with self._writing("findings_csv"):
                self._csv.writeheader()
            self._errors = self._opened("errors", lambda p: p.open("w", encoding="utf-8"))
            self._defects_jsonl = self._opened("defects_jsonl", lambda p: p.open("w", encoding="utf-8"))
            self._defects_file = self._opened("defects_csv", lambda p: p.open("w", encoding="utf-8", newline=""))
            self._defects_csv = csv.DictWriter(self._defects_file, fieldnames=DEFECT_COLUMNS)
            with self._writing("defects_csv"):
                self._defects_csv.writeheader()
        except BaseException:
            self.abort()
            raise

    def _opened(self, name: str, open_output: Callable[[Path], Any]) -> Any:
        with self._writing(name):
            self._open[name] = open_output(self.partial[name])
        return self._open[name]

    @contextmanager
    def _writing(self, name: str) -> Iterator[None]:
        """OSErrors while writing output ``name`` become OutputError naming its final path."""
        try:
            yield
        except OSError as exc:
            raise as_output_error(self.paths[name], exc) from exc

    def add_errors(self, errors: list[dict[str, Any]]) -> None:
        with self._writing("errors"):
            for error in errors:
                self._errors.write(json.dumps(error, ensure_ascii=False) + "\n")
        self.errors += len(errors)

    def _add_defects(self, defects: list[dict[str, Any]]) -> None:
        with self._writing("defects_jsonl"):
            for defect in defects:
                self._defects_jsonl.write(json.dumps(defect, ensure_ascii=False) + "\n")
        with self._writing("defects_csv"):
            self._defects_csv.writerows(RecordDefect.from_dict(defect).row() for defect in defects)
        self.defects += len(defects)

    def add_chunk(self, results: list[dict[str, Any]]) -> None:
        """``results``: per record of the chunk, in order, its findings, errors and summary."""
        rows = [result["summary"]["row"] for result in results]
        flat: list[dict[str, Any]] = []
        for row, result in zip(rows, results, strict=True):
            found = with_impact(result["rows"], ProcedureFacts.from_row(row), self.impact)
            result["rows"] = [f for f in found if self.keep.keeps(f, row["level"], self.impact, row.get("agency"),
                                                                row.get("decider"))]
            self.counts.add_record(row, result["rows"])
            if self.corpus is not None:
                self.corpus.add(self._records, result["summary"])
            self._records += 1
            with self._writing("findings_jsonl"):
                for finding in result["rows"]:
                    self._jsonl.write(json.dumps(finding, ensure_ascii=False) + "\n")
            flat.extend({**finding_row(finding), "version": finding.get("version"), "source_file": row["source_path"],
                         "decision": row["decision"], "level": row["level"]} for finding in result["rows"])
            self.add_errors(result.get("errors") or [])
            self._add_defects(result["summary"].get("defects") or [])
        self.findings += len(flat)
        with self._writing("procedures"):
            self._procedures.write_table(pa.Table.from_pylist(rows, schema=PROCEDURE_SCHEMA))
        if flat:
            with self._writing("findings_parquet"):
                self._findings_parquet.write_table(pa.Table.from_pylist(flat, schema=FINDING_SCHEMA))
            with self._writing("findings_csv"):
                self._csv.writerows(flat)

    def close(self) -> None:
        """Close every output (still under its temporary name); the first failure is raised."""
        opened, self._open = self._open, {}
        for name, output in opened.items():
            with self._writing(name):
                output.close()

    def abort(self) -> None:
        """Close and remove the unfinished outputs (after an error; a killed run's are removed by the next run)."""
        opened, self._open = self._open, {}
        for output in opened.values():
            with suppress(OSError):  # flushing fails again on a full disk: the first error is the one raised
                output.close()
        for partial in self.partial.values():
            partial.unlink(missing_ok=True)

    def _write_groups(self, figures: CorpusFigures) -> Path:
        path = self.out / "near_duplicates.csv"
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, fieldnames=DUPLICATE_COLUMNS)
        writer.writeheader()
        writer.writerows(figures.duplicate_groups())
        atomic_write_bytes(path, text.getvalue().encode("utf-8"))
        return path

    def _sort_by_impact(self) -> None:
        """Reorder the three findings files (same rows, same order) largest saving first; ties keep input order."""
        table = pq.read_table(self.partial["findings_parquet"])
        order = sorted(range(table.num_rows), key=lambda i: impact_order(
            {"vnd_saved": table["vnd_saved"][i].as_py(), "days_saved": table["days_saved"][i].as_py()}))
        if order == list(range(table.num_rows)):
            return
        pq.write_table(table.take(order), self.partial["findings_parquet"])
        lines = self.partial["findings_jsonl"].read_text(encoding="utf-8").splitlines(keepends=True)
        self.partial["findings_jsonl"].write_text("".join(lines[i] for i in order), encoding="utf-8")
        with self.partial["findings_csv"].open(encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle))
        with self.partial["findings_csv"].open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FINDING_COLUMNS)
            writer.writeheader()
            writer.writerows(records[i] for i in order)

    def finish(self, peers: PeerStats) -> dict[str, Path]:
        try:
            self.close()
            with self._writing("findings_parquet"):
                self._sort_by_impact()
            for name, partial in self.partial.items():
                with self._writing(name):
                    os.replace(partial, self.paths[name])
        except BaseException:
            self.abort()
            raise
        from analyzer.report.summary import write_summary

        outputs: dict[str, Path] = dict(self.paths)
        if self.corpus is not None:
            self.figures = self.corpus.figures()
            if self.corpus_cache is not None:
                self.corpus_cache.parent.mkdir(parents=True, exist_ok=True)
                write_json_atomic(self.corpus_cache, self.figures.to_dict())
        if self.figures is not None:
            outputs["near_duplicates"] = self._write_groups(self.figures)
        outputs.update(write_summary(self.out, self.counts, self.figures, peers, self.errors, self.plot_cache,
                                     plot_version=code_fingerprint()))
        return outputs
