"""Corpus-wide analyses: near-duplicate procedures (MinHash LSH) and documents asked by many procedures."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analyzer.batch import corpus, run
from analyzer.batch.corpus import CorpusAnalysis, NearDuplicateIndex, document_keys, signature
from analyzer.model import Procedure
from batch.helpers import sample_records, write_jsonl


def republished(record: dict, suffix: str, agency: str, level: str) -> dict:
    """The same procedure published by another agency and level, with small wording changes."""
    steps = [{**step, "text": step["text"].replace("Ủy ban nhân dân", "UBND") + " (theo quy định)"}
             for step in record["steps"]]
    return {**record, "code": record["code"] + suffix, "agency": agency, "level": level, "steps": steps,
            "name": record["name"] + " (cấp lại)"}


def summary(record: dict) -> dict:
    procedure = Procedure.from_dict(record)
    from analyzer.report.tables import procedure_row

    return {"row": procedure_row(procedure), "minhash": signature(procedure), "docs": document_keys(procedure)}


def test_republished_procedures_form_one_group() -> None:
    records = sample_records()
    copy_a = republished(records[6], "-A", "Công an tỉnh", "Cấp tỉnh")
    copy_b = republished(records[6], "-B", "Công an xã", "Cấp xã")
    analysis = CorpusAnalysis()
    for index, record in enumerate([*records, copy_a, copy_b]):
        analysis.add(index, summary(record))
    groups = {}
    for row in analysis.duplicate_groups():
        groups.setdefault(row["group"], set()).add(row["code"])
    assert {records[6]["code"], copy_a["code"], copy_b["code"]} in groups.values()
    # sample procedures that are different procedures stay apart
    assert all(len(codes) <= 3 for codes in groups.values())


def test_documents_counted_once_per_procedure() -> None:
    records = sample_records()
    analysis = CorpusAnalysis()
    for index, record in enumerate(records):
        analysis.add(index, summary(record))
    top = analysis.top_documents(5)
    assert top[0]["procedures"] >= top[-1]["procedures"] > 1
    asked = sum(1 for r in records if top[0]["key"] in {k for k, _ in document_keys(Procedure.from_dict(r))})
    assert top[0]["procedures"] == asked


def test_index_does_not_compare_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Distinct texts: LSH candidates are few, so exact comparisons stay far below n²/2."""
    import random

    rng = random.Random(5)
    vocabulary = [f"từ{i}" for i in range(3000)]
    index = NearDuplicateIndex()
    compared = 0
    real = NearDuplicateIndex.similarity

    def counting(self, *args, **kwargs):
        nonlocal compared
        compared += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(NearDuplicateIndex, "similarity", counting)
    n = 400
    for i in range(n):
        text = " ".join(rng.choice(vocabulary) for _ in range(60))
        procedure = Procedure(code=f"X{i}", name=text)
        index.add(i, signature(procedure))
    assert compared < n  # an all-pairs loop would make n(n-1)/2 = 79,800 comparisons
    assert index.members() == {}


def test_batch_writes_near_duplicate_groups(tmp_path: Path) -> None:
    records = sample_records()
    extra = republished(records[0], "-B", "UBND xã khác", "Cấp xã")
    source = write_jsonl(tmp_path / "in.jsonl", [*records, extra])
    run([source], tmp_path / "out", progress=False)
    with (tmp_path / "out" / "near_duplicates.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = {row["code"] for row in rows}
    assert {records[0]["code"], extra["code"]} <= codes
    assert all(float(row["similarity"]) >= corpus.THRESHOLD or row["code"] == records[0]["code"] for row in rows)
