"""`tthc analyze` writes the record defects next to findings.* (issue 13 item 3), never among the findings."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from analyzer.cli import app

runner = CliRunner()


def record(code: str, channels: list[dict], legal: bool = True) -> dict:
    return {"code": code, "name": "Cấp giấy phép thử", "decision": "12/QĐ-BTP", "agency": "Sở Tư pháp",
            "channels": channels, "steps": [{"text": "Nộp hồ sơ"}, {"text": "Cấp giấy phép"}],
            "legal_basis": [{"number": "01/2020/NĐ-CP"}] if legal else []}


def test_analyze_writes_record_defects_jsonl_and_csv(tmp_path: Path) -> None:
    records = [record("D.1", [{"mode": "truc_tiep", "duration": "1"}], legal=False),
               record("D.2", [{"mode": "truc_tiep", "duration": "05 ngày làm việc"},
                              {"mode": "truc_tuyen", "duration": "05 ngày làm việc"}])]
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    defects = [json.loads(line) for line in (out / "record_defects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["procedure"], d["code"]) for d in defects] == [("D.1", "time_without_unit"), ("D.1", "no_legal_basis")]
    assert all(d["message"] and d["version"] == "D.1@12/QĐ-BTP" for d in defects)
    frame = pd.read_csv(out / "record_defects.csv")
    assert list(frame["code"]) == ["time_without_unit", "no_legal_basis"] and set(frame["send_to"]) == {"Sở Tư pháp"}
    findings = (out / "findings.jsonl").read_text(encoding="utf-8")
    assert "time_without_unit" not in findings and "no_legal_basis" not in findings
