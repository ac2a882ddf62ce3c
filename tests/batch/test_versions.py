"""Duplicate codes in a batch: each procedure version is read once, with all its sources; another decision is another version."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analyzer.batch import run
from batch.helpers import read_bytes, sample_records, write_jsonl


def findings(outdir: Path) -> list[dict]:
    return [json.loads(line) for line in (outdir / "findings.jsonl").read_text(encoding="utf-8").splitlines()]


def duplicates(outdir: Path) -> list[dict]:
    with (outdir / "duplicates.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def single(tmp_path: Path) -> Path:
    source = write_jsonl(tmp_path / "a.jsonl", sample_records())
    run([source], tmp_path / "single", progress=False)
    return tmp_path / "single"


def test_an_identical_second_crawl_is_read_once_with_both_sources(tmp_path: Path, single: Path) -> None:
    records = sample_records()
    a, b = tmp_path / "a.jsonl", write_jsonl(tmp_path / "b.jsonl", records)
    result = run([a, b], tmp_path / "both", chunk_size=7, progress=False)
    assert (result.procedures, result.records_read) == (30, 60)
    assert result.duplicates == {"codes_repeated": 30, "records": 60, "versions": 30, "identical": 30, "differs": 0,
                                 "version": 0}
    assert read_bytes(tmp_path / "both") == read_bytes(single)  # findings not doubled, peers not doubled
    for name in ("summary.html", "near_duplicates.csv"):  # summary counts count each version once
        assert read_bytes(tmp_path / "both", name) == read_bytes(single, name), name
    table = pq.read_table(tmp_path / "both" / "procedures.parquet").to_pylist()
    assert len(table) == 30 and all(row["source_path"] == f"{a} | {b}" for row in table)
    assert {row["outcome"] for row in duplicates(tmp_path / "both")} == {"identical"}
    flat = list(csv.DictReader((tmp_path / "both" / "findings.csv").open(encoding="utf-8")))
    assert flat and all(row["source_file"] == f"{a} | {b}" for row in flat)


def test_another_decision_is_a_separate_version(tmp_path: Path, single: Path) -> None:
    newer = [{**r, "decision": "9999/QĐ-UBND"} for r in sample_records()]
    b = write_jsonl(tmp_path / "b.jsonl", newer)
    result = run([tmp_path / "a.jsonl", b], tmp_path / "both", progress=False)
    assert (result.procedures, result.duplicates["version"]) == (60, 30)
    rows = findings(tmp_path / "both")
    newer_rows = [r for r in rows if r["version"].endswith("@9999/QĐ-UBND")]
    older_rows = [r for r in rows if r not in newer_rows]
    # each version is analysed on its own: the same findings for both (the two are peers of each other)
    assert [(r["procedure"], r["rule"]) for r in newer_rows] == [(r["procedure"], r["rule"]) for r in older_rows]
    assert newer_rows and len({r["version"] for r in rows}) == 2 * len({r["procedure"] for r in rows})
    flat = list(csv.DictReader((tmp_path / "both" / "findings.csv").open(encoding="utf-8")))
    assert {row["decision"] for row in flat} >= {"9999/QĐ-UBND"} and all(row["source_file"] for row in flat)


def test_same_version_with_other_content_keeps_the_first_and_lists_the_other(tmp_path: Path, single: Path) -> None:
    edited = [{**r, "name": r["name"] + " (bản khác)"} for r in sample_records()]
    b = write_jsonl(tmp_path / "b.jsonl", edited)
    result = run([tmp_path / "a.jsonl", b], tmp_path / "both", progress=False)
    assert (result.procedures, result.duplicates["differs"]) == (30, 30)
    assert [r["message"] for r in findings(tmp_path / "both")] == [r["message"] for r in findings(single)]
    listed = duplicates(tmp_path / "both")
    assert {row["outcome"] for row in listed} == {"differs"} and all(str(b) in row["source"] for row in listed)


def test_a_repeated_run_with_duplicates_is_up_to_date(tmp_path: Path, single: Path) -> None:
    b = write_jsonl(tmp_path / "b.jsonl", sample_records())
    run([tmp_path / "a.jsonl", b], tmp_path / "both", chunk_size=4, progress=False)
    again = run([tmp_path / "a.jsonl", b], tmp_path / "both", chunk_size=4, progress=False)
    assert again.up_to_date and again.procedures == 30
