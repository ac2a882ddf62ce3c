"""Merge chunk files into the run's outputs, streaming chunk by chunk.

procedures.parquet, findings.{jsonl,csv,parquet} are appended per chunk (memory bounded by one
chunk); summary.xlsx and summary.html are built from counters accumulated along the way.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from analyzer.batch.chunks import load_jsonl_gz, read_chunk
from analyzer.batch.corpus import CorpusAnalysis
from analyzer.detect import Finding, findings_frame
from analyzer.detect.peers import PeerStats
from analyzer.report.tables import procedure_row

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
    ("evidence_field", pa.string()), ("evidence_case", pa.float64()), ("evidence_index", pa.float64()),
    ("evidence_text", pa.string()), ("legal_ground", pa.string()),
])


class SummaryCounts:
    """Counters for the summary report, filled one chunk at a time."""

    def __init__(self) -> None:
        self.by_kind: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.by_field: Counter = Counter()
        self.by_level: Counter = Counter()
        self.by_agency: Counter = Counter()
        self.per_procedure: Counter = Counter()
        self.procedure_info: dict[str, tuple[str, str | None, str | None, str | None]] = {}
        self.procedures_by_field: Counter = Counter()
        self.procedures_by_level: Counter = Counter()
        self.days: dict[str, list[float]] = {"truc_tiep": [], "truc_tuyen": [], "buu_chinh": []}
        self.days_by_code: dict[str, dict[str, float]] = {}
        self.outliers: set[str] = set()

    def add_procedure(self, row: dict[str, Any]) -> None:
        self.procedure_info[row["code"]] = (row["name"], row["field"], row["level"], row["agency"])
        self.procedures_by_field[row["field"] or "(không rõ)"] += 1
        self.procedures_by_level[row["level"] or "(không rõ)"] += 1
        for mode in self.days:
            if row[f"days_{mode}"] is not None:
                self.days[mode].append(row[f"days_{mode}"])
                self.days_by_code.setdefault(row["code"], {})[mode] = row[f"days_{mode}"]

    def add_finding(self, finding: dict[str, Any]) -> None:
        code = finding["procedure"]
        name, field, level, agency = self.procedure_info.get(code, (None, None, None, None))
        self.by_kind[finding["kind"]] += 1
        self.by_rule[(finding["kind"], finding["rule"])] += 1
        self.by_field[(field or "(không rõ)", finding["kind"])] += 1
        self.by_level[(level or "(không rõ)", finding["kind"])] += 1
        self.by_agency[(agency or "(không rõ)", finding["kind"])] += 1
        self.per_procedure[code] += 1
        if finding["kind"] == "long_processing_time":
            self.outliers.add(code)


def write_outputs(manifest: list[dict[str, Any]], out: Path, peers: PeerStats, corpus_analyses: bool = True):
    counts = SummaryCounts()
    corpus = CorpusAnalysis() if corpus_analyses else None
    n_findings = 0
    outputs = {
        "procedures": out / "procedures.parquet",
        "findings_jsonl": out / "findings.jsonl",
        "findings_csv": out / "findings.csv",
        "findings_parquet": out / "findings.parquet",
        "errors": out / "errors.jsonl",
    }
    with pq.ParquetWriter(outputs["procedures"], PROCEDURE_SCHEMA) as proc_writer, \
            pq.ParquetWriter(outputs["findings_parquet"], FINDING_SCHEMA) as find_writer, \
            outputs["findings_jsonl"].open("w", encoding="utf-8") as jsonl, \
            outputs["findings_csv"].open("w", encoding="utf-8", newline="") as csv_out:
        header = True
        for entry in manifest:
            procedures = read_chunk(entry["path"])
            rows = [procedure_row(p) for p in procedures]
            for offset, (procedure, row) in enumerate(zip(procedures, rows)):
                counts.add_procedure(row)
                if corpus is not None:
                    corpus.add(f"{procedure.code}#{entry['index']}.{offset}", procedure)
            proc_writer.write_table(pa.Table.from_pylist(rows, schema=PROCEDURE_SCHEMA))
            findings = list(load_jsonl_gz(entry["findings_path"]))
            for finding in findings:
                jsonl.write(json.dumps(finding, ensure_ascii=False) + "\n")
                counts.add_finding(finding)
            n_findings += len(findings)
            frame = findings_frame(Finding.from_dict(f) for f in findings)
            frame.to_csv(csv_out, index=False, header=header)
            header = False
            find_writer.write_table(pa.Table.from_pandas(frame, schema=FINDING_SCHEMA, preserve_index=False))

    from analyzer.report.summary import write_summary

    outputs.update(write_summary(out, counts, corpus, peers))
    return outputs, n_findings
