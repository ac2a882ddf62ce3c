"""`tthc analyze --store`, `tthc import OUTDIR` and what `tthc serve` imports: the store then holds the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.batch.store_import import load_review_corpus
from analyzer.cli import app
from analyzer.report.keys import ProposalKey
from analyzer.report.review import ReviewCorpus
from analyzer.store import Store
from support import SAMPLE_CORPUS

runner = CliRunner()
PROCEDURES = SAMPLE_CORPUS / "procedures.jsonl"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample corpus analysed into an output folder and imported by `analyze --store`."""
    folder = tmp_path_factory.mktemp("import")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    result = runner.invoke(app, ["analyze", str(PROCEDURES), "-o", str(folder / "out"), "-q", "--store", url])
    assert result.exit_code == 0, result.output
    assert "Đã nhập lần 1: 30 thủ tục" in result.output
    return folder / "out", url


def test_analyze_writes_every_procedure_in_canonical_json(analysed: tuple[Path, str]) -> None:
    out, _ = analysed
    records = [json.loads(line) for line in (out / "procedures.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = ReviewCorpus.load([PROCEDURES])
    assert [r["code"] for r in records] == [p.code for p in expected.procedures.values()]
    assert records == [p.to_dict() for p in expected.procedures.values()]


def test_the_imported_run_is_the_corpus_as_analysed_in_memory(analysed: tuple[Path, str]) -> None:
    _, url = analysed
    store = Store(url)
    stored, expected = load_review_corpus(store), ReviewCorpus.load([PROCEDURES])
    assert dict(stored.procedures.items()) == expected.procedures
    assert dict(stored.findings.items()) == expected.findings
    assert [d.to_dict() for d in stored.defects()] == [d.to_dict() for d in expected.defects()]
    store.close()


def test_import_skips_the_same_outputs_and_a_forced_one_keeps_the_proposals(analysed: tuple[Path, str]) -> None:
    out, url = analysed
    store = Store(url)
    corpus = load_review_corpus(store)
    version = next(v for v, fs in corpus.findings.items() if fs)
    user = store.accounts.add("nguoi-ra-soat", "mat-khau-dai", "reviewer")
    store.proposals.save(user, version, ProposalKey.for_finding(corpus.findings[version][0].key).format(), "accept")
    saved = store.proposals.all()

    again = runner.invoke(app, ["import", str(out), "--store", url])
    assert again.exit_code == 0 and "không nhập lại" in again.output, again.output
    forced = runner.invoke(app, ["import", str(out), "--store", url, "--force"])
    assert forced.exit_code == 0, forced.output
    assert "Đã nhập lần 2" in forced.output and "0 phát hiện mới, 0 phát hiện không còn, 0 phát hiện thay đổi" in forced.output
    assert store.proposals.all() == saved
    store.close()


def test_import_names_a_folder_without_procedures(tmp_path: Path) -> None:
    (tmp_path / "findings.jsonl").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["import", str(tmp_path), "--store", f"sqlite:///{tmp_path / 's.sqlite'}"])
    assert result.exit_code == 1
    assert "không có procedures.jsonl" in result.output and str(tmp_path) in result.output


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """`tthc serve` up to starting Streamlit: the command it would run is recorded instead."""
    import subprocess

    started: list[list[str]] = []
    monkeypatch.setattr(subprocess, "call", lambda command, env=None: started.append(command) or 0)
    return started


def test_serve_imports_its_corpus_once_then_serves_the_store(tmp_path: Path, no_server: list[list[str]]) -> None:
    url = f"sqlite:///{tmp_path / 'serve.sqlite'}"
    first = runner.invoke(app, ["serve", "--store", url])  # an empty store: the bundled corpus
    assert first.exit_code == 0 and "Đã nhập lần 1: 30 thủ tục" in first.output, first.output
    second = runner.invoke(app, ["serve", "--store", url])  # a store holding a run: served as it is
    assert second.exit_code == 0 and "Đã nhập" not in second.output and "Đang kiểm tra" not in second.output
    same = runner.invoke(app, ["serve", "--store", url, "--corpus", str(SAMPLE_CORPUS)])
    assert same.exit_code == 0 and "không nhập lại" in same.output, same.output
    one = tmp_path / "one.jsonl"
    one.write_text(PROCEDURES.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    other = runner.invoke(app, ["serve", "--store", url, "--corpus", str(one)])
    assert other.exit_code == 0 and "Đã nhập lần 2: 1 thủ tục" in other.output, other.output
    assert len(no_server) == 4 and all("streamlit" in command for command in no_server)
    store = Store(url)
    assert [run["sources"] for run in store.corpus.runs()] == [[str(one)], [str(PROCEDURES)]]
    store.close()


def test_export_reads_the_corpus_run_the_store_holds(tmp_path: Path) -> None:
    """Without --corpus, `tthc export --store` takes the procedures from the store: here a one-record run."""
    from analyzer.batch.store_import import import_files

    one = tmp_path / "one.jsonl"
    one.write_text(PROCEDURES.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'export.sqlite'}"
    store = Store(url)
    import_files(store, [one])
    store.close()
    result = runner.invoke(app, ["export", "--kind", "report", "--store", url, "--include-drafts", "-o",
                                 str(tmp_path / "report.docx")])
    assert result.exit_code == 0, result.output
    assert "báo cáo kết quả rà soát 1 thủ tục" in result.output
