"""Findings, procedures and the summary are ranked by estimated savings; filters by level and by who can act."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.cli import app
from analyzer.detect import analyze, findings_frame
from analyzer.model import Procedure
from analyzer.report.counts import SummaryCounts
from analyzer.report.summary import TOP_SAVINGS, VND_SAVED, summary_tables
from support import SAMPLE_CORPUS

PROCEDURES = SAMPLE_CORPUS / "procedures.jsonl"


def sample() -> list[Procedure]:
    return [Procedure.from_dict(json.loads(line)) for line in PROCEDURES.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_findings_frame_sorted_by_savings() -> None:
    frame = findings_frame(analyze(sample()))
    assert len(frame) > 10 and frame["vnd_saved"].notna().all() and set(frame["actionable_by"]) == {"province", "central"}
    keys = list(zip(-frame["vnd_saved"], -frame["days_saved"], strict=True))
    assert keys == sorted(keys)


@pytest.mark.parametrize("by", ["province", "central"])
def test_analyze_filters_by_actor(by: str) -> None:
    everything = analyze(sample())
    kept = analyze(sample(), actionable_by=by)
    assert kept and all(f.actionable_by == by for f in kept)
    assert len(kept) == sum(f.actionable_by == by for f in everything)


def test_analyze_filters_by_level() -> None:
    procedures = sample()
    levels = {p.version_key: p.level for p in procedures}
    kept = analyze(procedures, level="xa")  # the sample: 17 Cấp xã, 2 Cấp huyện (now communes), 11 Cấp tỉnh
    assert kept and all(levels[f.version] in ("Cấp xã", "Cấp huyện") for f in kept)
    assert len(kept) < len(analyze(procedures)) and not analyze(procedures, level="bo")
    frame = findings_frame(analyze(procedures), level="xa", levels=levels)
    assert len(frame) == len(kept)


def test_top_procedures_ranked_by_savings_not_counts() -> None:
    counts = SummaryCounts()
    row = {"field": "F", "level": "Cấp tỉnh", "agency": "A", "days_truc_tiep": None, "days_truc_tuyen": None,
           "days_buu_chinh": None}
    cheap = [{"kind": "long_processing_time", "rule": "vague_time", "suggestion": {}, "vnd_saved": 0.0,
              "days_saved": 0.0}] * 5
    costly = [{"kind": "repeated_paperwork", "rule": "certified_copy", "suggestion": {}, "vnd_saved": 122e6,
               "days_saved": 0.0}]
    counts.add_record({**row, "code": "MANY", "name": "Nhiều phát hiện"}, cheap)
    counts.add_record({**row, "code": "COSTLY", "name": "Tốn kém"}, costly)
    top = summary_tables(counts, None)[TOP_SAVINGS]
    assert list(top["Mã"]) == ["COSTLY", "MANY"] and list(top[VND_SAVED]) == [122_000_000, 0]


def test_cli_analyze_with_cases_and_filter(tmp_path: Path) -> None:
    records = sample()
    cases = tmp_path / "cases.csv"
    cases.write_text("code,cases_per_year\n" + "".join(f"{p.code},10\n" for p in records), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["analyze", str(PROCEDURES), "-o", str(out), "-q", "--cases", str(cases),
                                      "--actionable-by", "central"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["actionable_by"] == "central" for r in rows)
    # 10 cases a year instead of 1000: every VND figure is a hundredth of the default one
    defaults = {(f.version, f.rule, json.dumps(f.to_dict()["evidence"])): f.vnd_saved
                for f in analyze(records, actionable_by="central")}
    for r in rows:
        assert r["vnd_saved"] == pytest.approx(defaults[(r["version"], r["rule"], json.dumps(r["evidence"]))] / 100, abs=1)


def test_cli_refuses_bad_cases_file(tmp_path: Path) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text("ma,so\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(PROCEDURES), "-o", str(tmp_path / "out"), "-q", "--cases", str(cases)])
    assert result.exit_code == 1 and "cần các cột code, cases_per_year" in result.output
