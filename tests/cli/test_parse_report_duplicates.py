"""`tthc parse-report` lists the codes seen more than once and what became of each record."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from analyzer.cli import app
from support import SAMPLE_CORPUS

PROCEDURES = SAMPLE_CORPUS / "procedures.jsonl"


def test_parse_report_lists_duplicates(tmp_path: Path) -> None:
    records = [json.loads(line) for line in PROCEDURES.read_text(encoding="utf-8").splitlines() if line.strip()]
    second = tmp_path / "second.jsonl"
    # record 0 again, record 1 under another decision, record 2 with other content
    copies = [records[0], {**records[1], "decision": "9999/QĐ-UBND"}, {**records[2], "name": "Tên khác"}]
    second.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in copies), encoding="utf-8")
    result = CliRunner().invoke(app, ["parse-report", str(PROCEDURES), str(second)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "duplicate codes: 3 codes seen more than once; 33 records, 31 procedure versions" in result.output
    for outcome in ("identical: 1", "differs: 1", "version: 1"):
        assert outcome in result.output
    assert f"version: {records[1]['code']}@9999/QĐ-UBND in {second}#line 2" in result.output


def test_parse_report_without_duplicates_says_so() -> None:
    result = CliRunner().invoke(app, ["parse-report", str(PROCEDURES)], terminal_width=200)
    assert "duplicate codes: 0 codes seen more than once; 30 records, 30 procedure versions" in result.output
