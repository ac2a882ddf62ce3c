"""The run's outputs, appended chunk by chunk in input order (memory bounded by one chunk).

procedures.parquet, findings.{jsonl,csv,parquet} and errors.jsonl are written under temporary names
and renamed when the run completes, so a killed run never leaves outputs that look finished.
summary.xlsx and summary.html are built at the end from counters accumulated along the way.
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import io
import json
import os
from array import array
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from analyzer.batch.corpus import CorpusAnalysis, CorpusFigures, InfoLookup
from analyzer.batch.io import TMP_SUFFIX, atomic_write_bytes, write_json_atomic
from analyzer.detect.peers import PeerStats

UNKNOWN = "(không rõ)"
MODES = ("truc_tiep", "truc_tuyen", "buu_chinh")
PROCEDURE_SCHEMA = pa.schema([
    ("code", pa.string()), ("name", pa.string()), ("decision", pa.string()), ("level", pa.string()),
    ("field", pa.string()), ("agency", pa.string()), ("n_steps", pa.int64()), ("n_cases", pa.int64()),
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
}


def finding_row(finding: dict[str, Any]) -> dict[str, Any]:
    """A finding's flat row (as ``analyzer.detect.findings_frame`` makes it), from its plain dict."""
    evidence = finding.get("evidence") or []
    first = evidence[0] if evidence else {}
    return {
        "procedure": finding["procedure"],
        "kind": finding["kind"],
        "rule": finding["rule"],
        "severity": finding["severity"],
        "confidence": finding["confidence"],
        "message": finding["message"],
        "suggestion": finding["suggestion"]["action"],
        "evidence_field": first.get("field"),
        "evidence_case": first.get("case"),
        "evidence_index": first.get("index"),
        "evidence_text": " | ".join(e["text"] for e in evidence),
        "legal_ground": "; ".join(
            " ".join(filter(None, [g.get("article"), g.get("document")])) for g in finding.get("legal_ground") or []
        ),
    }


class SummaryCounts:
    """Counters for the summary report, filled one record at a time. Per record it keeps only its
    processing times (8 bytes each); the most-flagged procedures are a bounded heap."""

    TOP = 50

    def __init__(self) -> None:
        self.by_kind: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.by_field: Counter = Counter()
        self.by_level: Counter = Counter()
        self.by_agency: Counter = Counter()
        self.procedures_by_field: Counter = Counter()
        self.procedures_by_level: Counter = Counter()
        self.procedures_by_agency: Counter = Counter()
        self.days: dict[str, array] = {mode: array("d") for mode in MODES}
        self.outlier_days: dict[str, array] = {mode: array("d") for mode in MODES}
        self.procedures = 0
        self.flagged = 0  # procedures with at least one finding
        self._top: list[tuple[int, int, str, str, str | None]] = []  # (findings, -order, code, name, agency)

    def add_record(self, row: dict[str, Any], findings: list[dict[str, Any]]) -> None:
        self.add_procedure(row)
        for finding in findings:
            self.add_finding(finding, row)
        if findings:
            self.flagged += 1
            entry = (len(findings), -self.procedures, row["code"], row["name"], row["agency"])
            if len(self._top) < self.TOP:
                heapq.heappush(self._top, entry)
            else:
                heapq.heappushpop(self._top, entry)

    def add_procedure(self, row: dict[str, Any]) -> None:
        self.procedures += 1
        self.procedures_by_field[row["field"] or UNKNOWN] += 1
        self.procedures_by_level[row["level"] or UNKNOWN] += 1
        self.procedures_by_agency[row["agency"] or UNKNOWN] += 1
        for mode, values in self.days.items():
            if row[f"days_{mode}"] is not None:
                values.append(row[f"days_{mode}"])

    def add_finding(self, finding: dict[str, Any], row: dict[str, Any]) -> None:
        """``row`` is the procedure row of the record the finding belongs to."""
        kind = finding["kind"]
        self.by_kind[kind] += 1
        self.by_rule[(kind, finding["rule"])] += 1
        self.by_field[(row["field"] or UNKNOWN, kind)] += 1
        self.by_level[(row["level"] or UNKNOWN, kind)] += 1
        self.by_agency[(row["agency"] or UNKNOWN, kind)] += 1
        if finding["rule"] == "peer_outlier":  # the time-distribution plot marks these channels
            days = finding["suggestion"].get("params", {}).get("current_working_days")
            for evidence in finding.get("evidence") or []:
                mode = _channel_mode(row, evidence.get("index")) if evidence.get("field") == "channels" else None
                if mode in self.outlier_days and days is not None:
                    self.outlier_days[mode].append(days)

    def top_procedures(self) -> list[tuple[str, str, str | None, int]]:
        """(code, name, agency, findings) of the most-flagged procedures, most first, then input order."""
        return [(code, name, agency, n) for n, _, code, name, agency in sorted(self._top, reverse=True)]

    def days_digest(self) -> str:
        """A hash of the processing times and outliers (what the time chart is drawn from)."""
        digest = hashlib.sha256()
        for values in (*self.days.values(), *self.outlier_days.values()):
            digest.update(len(values).to_bytes(8, "little") + values.tobytes())
        return digest.hexdigest()


def _channel_mode(row: dict[str, Any], index: int | None) -> str | None:
    channels = json.loads(row["channels"])
    return channels[index].get("mode") if index is not None and 0 <= index < len(channels) else None


class OutputWriter:
    """Appends each chunk to the outputs; ``finish`` renames them into place and writes the summary."""

    def __init__(self, out: Path, corpus_analyses: bool = True, plot_cache: Path | None = None,
                 corpus_cache: Path | None = None, record_info: InfoLookup | None = None) -> None:
        """``corpus_cache``: where the corpus-wide figures of exactly these records are (or will be) kept;
        ``record_info``: reads code, name, agency and level of records by position at the end."""
        self.out, self.plot_cache, self.corpus_cache = out, plot_cache, corpus_cache
        self.paths = {name: out / file for name, file in OUTPUT_FILES.items()}
        self.partial = {name: out / f".{file}{TMP_SUFFIX}" for name, file in OUTPUT_FILES.items()}
        self.counts = SummaryCounts()
        self.figures: CorpusFigures | None = None
        if corpus_analyses and corpus_cache is not None and corpus_cache.exists():
            self.figures = CorpusFigures.from_dict(json.loads(corpus_cache.read_text(encoding="utf-8")))
        self.corpus = CorpusAnalysis(record_info) if corpus_analyses and self.figures is None else None
        self.findings = 0
        self.errors = 0
        self._records = 0
        self._procedures = pq.ParquetWriter(self.partial["procedures"], PROCEDURE_SCHEMA)
        self._findings_parquet = pq.ParquetWriter(self.partial["findings_parquet"], FINDING_SCHEMA)
        self._jsonl = self.partial["findings_jsonl"].open("w", encoding="utf-8")
        self._csv_file = self.partial["findings_csv"].open("w", encoding="utf-8", newline="")
        self._csv = csv.DictWriter(self._csv_file, fieldnames=FINDING_COLUMNS)
        self._csv.writeheader()
        self._errors = self.partial["errors"].open("w", encoding="utf-8")

    def add_errors(self, errors: list[dict[str, Any]]) -> None:
        for error in errors:
            self._errors.write(json.dumps(error, ensure_ascii=False) + "\n")
        self.errors += len(errors)

    def add_chunk(self, results: list[dict[str, Any]]) -> None:
        """``results``: per record of the chunk, in order, its findings, errors and summary."""
        rows = [result["summary"]["row"] for result in results]
        flat: list[dict[str, Any]] = []
        for row, result in zip(rows, results, strict=True):
            self.counts.add_record(row, result["rows"])
            if self.corpus is not None:
                self.corpus.add(self._records, result["summary"])
            self._records += 1
            for finding in result["rows"]:
                self._jsonl.write(json.dumps(finding, ensure_ascii=False) + "\n")
                flat.append({**finding_row(finding), "version": finding.get("version"),
                             "source_file": row["source_path"], "decision": row["decision"], "level": row["level"]})
            self.add_errors(result.get("errors") or [])
        self.findings += len(flat)
        self._procedures.write_table(pa.Table.from_pylist(rows, schema=PROCEDURE_SCHEMA))
        if flat:
            self._findings_parquet.write_table(pa.Table.from_pylist(flat, schema=FINDING_SCHEMA))
            self._csv.writerows(flat)

    def close(self) -> None:
        self._procedures.close()
        self._findings_parquet.close()
        for handle in (self._jsonl, self._csv_file, self._errors):
            handle.close()

    def _write_groups(self, figures: CorpusFigures) -> Path:
        path = self.out / "near_duplicates.csv"
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, fieldnames=DUPLICATE_COLUMNS)
        writer.writeheader()
        writer.writerows(figures.duplicate_groups())
        atomic_write_bytes(path, text.getvalue().encode("utf-8"))
        return path

    def finish(self, peers: PeerStats) -> dict[str, Path]:
        self.close()
        for name, partial in self.partial.items():
            os.replace(partial, self.paths[name])
        from analyzer.report.summary import write_summary

        outputs: dict[str, Path] = dict(self.paths)
        if self.corpus is not None:
            self.figures = self.corpus.figures()
            if self.corpus_cache is not None:
                self.corpus_cache.parent.mkdir(parents=True, exist_ok=True)
                write_json_atomic(self.corpus_cache, self.figures.to_dict())
        if self.figures is not None:
            outputs["near_duplicates"] = self._write_groups(self.figures)
        outputs.update(write_summary(self.out, self.counts, self.figures, peers, self.errors, self.plot_cache))
        return outputs
