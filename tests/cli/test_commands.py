"""The `tthc` commands end to end on the bundled corpus and on bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from analyzer.cli import EXIT_WITH_ERRORS, app
from support import ROOT, SAMPLE_CORPUS

runner = CliRunner()
PROCEDURES = str(SAMPLE_CORPUS / "procedures.jsonl")


def test_parse_writes_canonical_jsonl_that_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "parsed.jsonl"
    result = runner.invoke(app, ["parse", PROCEDURES, "-o", str(out)])
    assert result.exit_code == 0, result.output
    again = tmp_path / "again.jsonl"
    assert runner.invoke(app, ["parse", str(out), "-o", str(again)]).exit_code == 0
    first = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    second = [json.loads(line) for line in again.read_text(encoding="utf-8").splitlines()]
    strip = lambda rows: [{k: v for k, v in r.items() if k != "source"} for r in rows]  # noqa: E731
    assert len(first) >= 24 and strip(first) == strip(second)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_parse_tables(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"p.{fmt}"
    assert runner.invoke(app, ["parse", PROCEDURES, "-o", str(out), "--format", fmt]).exit_code == 0
    frame = pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
    assert {"code", "name", "n_steps", "days_truc_tiep"} <= set(frame.columns) and len(frame) >= 24


def test_bad_input_completes_with_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(b'{"code": "X"')[:-6])
    result = runner.invoke(app, ["parse", PROCEDURES, str(broken), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == EXIT_WITH_ERRORS
    assert "broken.jsonl.gz" in result.output
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) >= 24


def test_parse_report_prints_coverage() -> None:
    result = runner.invoke(app, ["parse-report", PROCEDURES])
    assert result.exit_code == 0, result.output
    assert "canonical" in result.output and "failures: 0" in result.output


def test_analyze_writes_findings(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", PROCEDURES, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and {"procedure", "kind", "rule", "severity", "message", "evidence", "legal_ground", "suggestion",
                     "confidence"} <= set(rows[0])
    assert len(pd.read_csv(tmp_path / "findings.csv")) == len(rows)


def test_unknown_config_key_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "rules.yaml"
    config.write_text("rules:\n  supplement_cap:\n    params:\n      capp: 2\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", PROCEDURES, "-o", str(tmp_path / "out"), "--config", str(config)])
    assert result.exit_code == 1 and "capp" in result.output


def test_legal_appraises_procedures(tmp_path: Path) -> None:
    out = tmp_path / "legal.jsonl"
    files = sorted(str(p) for p in (SAMPLE_CORPUS / "legal").glob("*.txt"))
    result = runner.invoke(app, ["legal", *files, "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(files)
    assert any(p["findings"] for r in records for p in r["procedures"])


def test_user_add(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_DB_URL", f"sqlite:///{tmp_path / 'users.sqlite'}")
    result = runner.invoke(app, ["user", "add", "an", "--role", "approver", "--password", "matkhau-an-1"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["user", "add", "an", "--password", "matkhau-an-1"]).exit_code == 1
    from analyzer.store import Store

    assert Store(f"sqlite:///{tmp_path / 'users.sqlite'}").accounts.authenticate("an", "matkhau-an-1").role == "approver"


def test_user_reset_password_and_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.store import Store

    monkeypatch.setenv("TTHC_DB_URL", f"sqlite:///{tmp_path / 'users.sqlite'}")
    accounts = Store(f"sqlite:///{tmp_path / 'users.sqlite'}").accounts
    accounts.add("admin", "matkhau-admin-1", "admin")
    result = runner.invoke(app, ["user", "reset-password", "admin", "--password", "matkhau-moi-22"])
    assert result.exit_code == 0, result.output
    assert accounts.authenticate("admin", "matkhau-moi-22") is not None
    refused = runner.invoke(app, ["user", "lock", "admin"])  # the last administrator
    assert refused.exit_code == 1 and "cuối cùng" in refused.output
    accounts.add("an", "matkhau-an-1", "reviewer")
    assert runner.invoke(app, ["user", "lock", "an"]).exit_code == 0
    assert accounts.authenticate("an", "matkhau-an-1") is None
    assert runner.invoke(app, ["user", "lock", "an", "--unlock"]).exit_code == 0
    assert accounts.authenticate("an", "matkhau-an-1") is not None
    assert runner.invoke(app, ["user", "reset-password", "khong-co", "--password", "matkhau-123"]).exit_code == 1


def test_eval_prints_scores_per_kind() -> None:
    # one blind half is enough to exercise the blind path (all ten took over a minute of the suite)
    blind = ROOT / "corpus" / "gold" / "blind" / "dev.yaml"
    result = runner.invoke(app, ["eval", "--gold", str(SAMPLE_CORPUS / "gold" / "sample.yaml"), "--blind", str(blind)])
    assert result.exit_code == 0, result.output
    for kind in ("long_processing_time", "redundant_step", "repeated_paperwork", "all"):
        assert kind in result.output
    assert "blind gold" in result.output


@pytest.mark.parametrize(("config", "named"), [
    ("rules:\n  peer_outlier:\n    enabled: \"no\"\n", "rules.peer_outlier.enabled"),
    ("rules:\n  peer_outlier:\n    params:\n      min_ratio: high\n", "rules.peer_outlier.params.min_ratio"),
    ("rules:\n  duplicate_step:\n    params:\n      min_similarity: 7\n", "less than or equal to 1"),
])
def test_invalid_config_value_is_fatal_before_any_record(tmp_path: Path, config: str, named: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(config, encoding="utf-8")
    result = runner.invoke(app, ["analyze", PROCEDURES, "-o", str(tmp_path / "out"), "--config", str(path)])
    assert result.exit_code == 1 and named in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_malformed_data_folder_is_fatal(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "state_data.yaml").write_text("version: 1\ndatabases: {}\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", PROCEDURES, "-o", str(tmp_path / "out"), "--data", str(tmp_path / "data")])
    assert result.exit_code == 1 and "state_data.yaml: documents: field required" in result.output, result.output
