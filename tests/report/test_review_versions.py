"""The reviewer's corpus holds one entry per procedure version, each with its own findings."""

from __future__ import annotations

import json
from pathlib import Path

from analyzer.report.review import ReviewCorpus
from support import SAMPLE_CORPUS

PROCEDURES = SAMPLE_CORPUS / "procedures.jsonl"


def test_two_crawls_give_one_entry_per_version(tmp_path: Path) -> None:
    records = [json.loads(line) for line in PROCEDURES.read_text(encoding="utf-8").splitlines() if line.strip()]
    second = tmp_path / "second.jsonl"
    copies = [records[0], {**records[1], "decision": "9999/QĐ-UBND"}]
    second.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in copies), encoding="utf-8")
    single = ReviewCorpus.load([PROCEDURES])
    both = ReviewCorpus.load([PROCEDURES, second])
    assert len(both.procedures) == len(single.procedures) + 1
    newer = f"{records[1]['code']}@9999/QĐ-UBND"
    assert both.procedures[newer].decision == "9999/QĐ-UBND"
    assert all(f.version == newer for f in both.findings[newer])
    first = both.procedures[f"{records[0]['code']}@{records[0]['decision']}"]
    assert [s.path for s in first.sources] == [str(PROCEDURES), str(second)]
    assert any("1 bản ghi trùng hoàn toàn" in note and "1 bản ghi là phiên bản khác" in note for note in both.errors)
    table = both.table()
    assert set(table["version"]) == set(both.procedures) and len(both.findings_table()) == sum(map(len, both.findings.values()))
