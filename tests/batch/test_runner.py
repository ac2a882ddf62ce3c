"""The batch gives exactly what analyze_one gives, whatever the chunk size or the number of jobs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.batch import run
from analyzer.detect import DetectionContext, PeerStats, analyze_one, load_rules
from analyzer.detect.impact import impact_order
from analyzer.model import Procedure
from batch.helpers import read_bytes, sample_records, write_jsonl


def expected_rows() -> list[dict]:
    procedures = [Procedure.from_dict(r) for r in sample_records()]
    context = DetectionContext(rules=load_rules(), peers=PeerStats.from_procedures(procedures).summary())
    rows = [f.to_dict() for p in procedures for f in analyze_one(p, context)]
    return sorted(rows, key=impact_order)  # the batch writes the largest saving first, ties in input order


def findings(outdir: Path) -> list[dict]:
    return [json.loads(line) for line in (outdir / "findings.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("chunk_size", [1, 7, 200])
def test_findings_equal_analyze_one(sample_file: Path, tmp_path: Path, chunk_size: int) -> None:
    result = run([sample_file], tmp_path / f"out{chunk_size}", chunk_size=chunk_size, progress=False)
    assert findings(tmp_path / f"out{chunk_size}") == expected_rows()
    assert result.procedures == 30 and result.errors == 0
    assert result.chunks == -(-30 // chunk_size)
    assert result.findings == len(expected_rows()) > 0


def test_process_pool_equals_serial(sample_file: Path, tmp_path: Path) -> None:
    run([sample_file], tmp_path / "serial", chunk_size=4, progress=False)
    result = run([sample_file], tmp_path / "pool", chunk_size=4, jobs=2, progress=False)
    assert result.records_computed == 30
    assert read_bytes(tmp_path / "pool") == read_bytes(tmp_path / "serial")


def test_long_time_findings_use_corpus_peers_not_chunk_peers(tmp_path: Path) -> None:
    """One record per chunk: a peer table per chunk would have no peers at all and no peer_outlier."""
    records = sample_records()
    source = write_jsonl(tmp_path / "in.jsonl", records)
    run([source], tmp_path / "one", chunk_size=1, progress=False)
    run([source], tmp_path / "all", chunk_size=len(records), progress=False)
    outliers = [f for f in findings(tmp_path / "one") if f["rule"] == "peer_outlier"]
    assert outliers, "the sample corpus has processing-time outliers"
    assert outliers == [f for f in findings(tmp_path / "all") if f["rule"] == "peer_outlier"]


def test_outputs_are_written(sample_file: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    result = run([sample_file], out, progress=False)
    assert set(result.outputs) >= {"procedures", "findings_jsonl", "findings_csv", "findings_parquet", "errors",
                                   "summary_xlsx", "summary_html", "near_duplicates"}
    assert pq.read_table(out / "procedures.parquet").num_rows == 30
    table = pq.read_table(out / "findings.parquet")
    assert table.num_rows == result.findings
    csv_lines = (out / "findings.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0].startswith("procedure,kind,rule")
    assert (out / "errors.jsonl").read_text() == ""
    assert not list(out.glob(".*.tmp")), "no temporary file is left behind"


def test_flat_rows_match_findings_frame(sample_file: Path, tmp_path: Path) -> None:
    """The csv/parquet rows made from plain dicts are the ones findings_frame makes from Findings."""
    import pyarrow.parquet as pq

    from analyzer.detect import Finding, findings_frame

    out = tmp_path / "out"
    run([sample_file], out, progress=False)
    frame = findings_frame(Finding.from_dict(f) for f in findings(out))
    written = pq.read_table(out / "findings.parquet").to_pandas()
    for column in ("procedure", "rule", "message", "suggestion", "evidence_field", "evidence_text", "legal_ground"):
        assert written[column].tolist() == frame[column].tolist(), column
    assert written["evidence_index"].astype("float").fillna(-1).tolist() == frame["evidence_index"].fillna(-1).tolist()


def test_repeated_run_into_same_outdir_is_up_to_date(sample_file: Path, tmp_path: Path) -> None:
    first = run([sample_file], tmp_path / "out", progress=False)
    again = run([sample_file], tmp_path / "out", progress=False)
    assert again.up_to_date and not first.up_to_date
    assert again.records_computed == 0 and again.findings == first.findings


def test_unknown_engine_is_refused(sample_file: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        run([sample_file], tmp_path / "out", engine="spark")


@pytest.mark.parametrize("form", ["folder", "glob"])
def test_folders_globs_and_gzip_give_the_single_file_results(sample_file: Path, tmp_path: Path, form: str) -> None:
    records = sample_records()
    folder = tmp_path / "parts"
    write_jsonl(folder / "a.jsonl", records[:12])
    write_jsonl(folder / "b.jsonl.gz", records[12:], gz=True)
    run([sample_file], tmp_path / "single", progress=False)
    inputs = [folder] if form == "folder" else [str(folder / "*.jsonl*")]
    result = run(inputs, tmp_path / "split", progress=False)
    assert result.procedures == 30 and result.errors == 0
    assert read_bytes(tmp_path / "split") == read_bytes(tmp_path / "single")
