"""`tthc export --kind plan|decision`: the reviewers' approved proposals as official documents."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from analyzer.cli import app
from analyzer.report.review import ReviewCorpus
from analyzer.store import Store
from official_docs import constructed_legal_folder
from support import SAMPLE_CORPUS

runner = CliRunner()
CODES = ("SAMPLE.006", "SAMPLE.002")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two procedures of the sample corpus, so each command analyses little."""
    lines = [line for line in (SAMPLE_CORPUS / "procedures.jsonl").read_text(encoding="utf-8").splitlines()
             if json.loads(line)["code"] in CODES]
    path = tmp_path / "procedures.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store_url(tmp_path: Path, corpus: Path) -> str:
    """Every finding accepted; those of SAMPLE.006 approved, those of SAMPLE.002 left as drafts."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = Store(url)
    password = store.accounts.ensure_admin()
    admin = store.accounts.authenticate("admin", password)
    for version, findings in ReviewCorpus.load([corpus]).findings.items():
        for finding in findings:
            row = store.proposals.save(admin, version, finding.key, "accept", "")
            if version.startswith("SAMPLE.006"):
                store.proposals.set_status(admin, row["id"], "approved", row["version"])
    store.close()
    return url


def text_of(path: Path) -> str:
    document = Document(io.BytesIO(path.read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def export(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["export", *args])
    return result.exit_code, result.output


def test_plan_holds_approved_proposals_only(tmp_path: Path, corpus: Path, store_url: str) -> None:
    out = tmp_path / "plan.docx"
    code, output = export("--kind", "plan", "--store", store_url, "--corpus", str(corpus), "-o", str(out))
    assert code == 0, output
    text = text_of(out)
    assert "SAMPLE.006" in text and "SAMPLE.002" not in text and "chưa phê duyệt)" not in text
    assert "1 thủ tục, 2 đề xuất" in output


def test_drafts_on_request_are_marked(tmp_path: Path, corpus: Path, store_url: str) -> None:
    out = tmp_path / "plan.docx"
    code, output = export("--kind", "plan", "--store", store_url, "--corpus", str(corpus), "--include-drafts", "-o", str(out))
    assert code == 0, output
    text = text_of(out)
    assert "SAMPLE.002" in text and "(Dự thảo, chưa phê duyệt)" in text
    # every finding of SAMPLE.002 is a draft; SAMPLE.006's 2 are approved (test above)
    counts = re.search(r"2 thủ tục, (\d+) đề xuất, trong đó (\d+) đề xuất dự thảo", output)
    assert counts and int(counts.group(2)) == int(counts.group(1)) - 2 >= 1, output


def test_decision_for_chosen_codes_with_province_settings(tmp_path: Path, corpus: Path, store_url: str) -> None:
    settings = tmp_path / "tinh.yaml"
    settings.write_text("province: Quảng Nam\nplace: Tam Kỳ\ndate: 2026-02-05\n", encoding="utf-8")
    out = tmp_path / "decision.docx"
    code, output = export("--kind", "decision", "--store", store_url, "--corpus", str(corpus), "--include-drafts",
                          "--code", "SAMPLE.002", "--settings", str(settings), "-o", str(out))
    assert code == 0, output
    text = text_of(out)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM" in text and "Tam Kỳ, ngày 05 tháng 02 năm 2026" in text
    assert "Điều 1. Thông qua phương án đơn giản hóa 1 thủ tục hành chính" in text
    assert "SAMPLE.002" in text and "SAMPLE.006" not in text and "PHỤ LỤC" in text


def test_plan_as_a_table(tmp_path: Path, corpus: Path, store_url: str) -> None:
    out = tmp_path / "plan.xlsx"
    code, output = export("--kind", "plan", "--store", store_url, "--corpus", str(corpus), "-o", str(out))
    assert code == 0, output
    rows = list(load_workbook(out).active.values)
    assert rows[0][0] == "Mã thủ tục" and {r[0] for r in rows[1:]} == {"SAMPLE.006"}


@pytest.mark.parametrize("args, message", [
    (["--kind", "plan", "--code", "KHONG.CO"], "không có thủ tục mã KHONG.CO"),
    (["--kind", "plan", "--code", "SAMPLE.002"], "không có đề xuất nào được phê duyệt"),
    (["--kind", "decision"], "dự thảo quyết định chỉ xuất dạng DOCX"),
    (["--kind", "cost", "--code", "SAMPLE.006"], "bảng tính chi phí tuân thủ chỉ xuất dạng XLSX"),
])
def test_refusals_name_the_reason(tmp_path: Path, corpus: Path, store_url: str, args: list[str], message: str) -> None:
    out = tmp_path / ("x.xlsx" if args[1] == "decision" else "x.docx")
    code, output = export(*args, "--store", store_url, "--corpus", str(corpus), "-o", str(out))
    assert code == 1 and message in output and not out.exists()


def test_cost_sheet_of_formulas(tmp_path: Path, corpus: Path, store_url: str) -> None:
    out = tmp_path / "cost.xlsx"
    code, output = export("--kind", "cost", "--store", store_url, "--corpus", str(corpus), "-o", str(out))
    assert code == 0, output
    book = load_workbook(out)
    assert book.sheetnames == ["Chi phí", "Tham số"]
    stages = [(r[0], r[2]) for r in book["Chi phí"].iter_rows(min_row=2, values_only=True)]
    assert stages == [("SAMPLE.006", "Trước đơn giản hóa"), ("SAMPLE.006", "Sau đơn giản hóa")]
    assert str(book["Chi phí"]["Q2"].value).startswith("=P2*")


def test_target_year(tmp_path: Path, corpus: Path, store_url: str) -> None:
    out = tmp_path / "plan.docx"
    code, output = export("--kind", "plan", "--store", store_url, "--corpus", str(corpus), "--year", "2026", "-o", str(out))
    assert code == 0, output
    assert "Mục tiêu năm 2026 (Nghị quyết 66/NQ-CP): cắt giảm tối thiểu 50%" in text_of(out)
    code, output = export("--kind", "plan", "--store", store_url, "--corpus", str(corpus), "--year", "2019", "-o", str(out))
    assert code == 1 and "không có mục tiêu cho năm 2019" in output


def test_review_form_from_the_records_alone(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_DB_URL", f"sqlite:///{tmp_path / 'never-made.sqlite'}")  # not opened without --store
    out = tmp_path / "form.docx"
    code, output = export("--kind", "review-form", "--corpus", str(corpus), "--code", "SAMPLE.006", "-o", str(out))
    assert code == 0, output
    text = text_of(out)
    assert "Thủ tục «Cấp Giấy xác nhận tình trạng hôn nhân» (mã SAMPLE.006)" in text
    assert "người rà soát chưa xem xét" in text and not (tmp_path / "never-made.sqlite").exists()


def test_review_form_with_the_reviewers_decisions(tmp_path: Path, corpus: Path, store_url: str) -> None:
    out = tmp_path / "form.docx"
    code, output = export("--kind", "review-form", "--store", store_url, "--corpus", str(corpus), "--code", "SAMPLE.006",
                          "-o", str(out))
    assert code == 0, output
    text = text_of(out)
    assert "người rà soát chưa xem xét" not in text and "Sau khi thực hiện các đề xuất được chấp nhận" in text


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_province_report(tmp_path: Path, corpus: Path, store_url: str, suffix: str) -> None:
    out = tmp_path / f"report{suffix}"
    code, output = export("--kind", "report", "--store", store_url, "--corpus", str(corpus), "-o", str(out))
    assert code == 0, output
    if suffix == ".docx":
        assert "Số thủ tục hành chính được rà soát: 2" in text_of(out)
    else:
        assert load_workbook(out).sheetnames[0] == "Tổng hợp"


def test_province_report_counts_the_overlaps_of_the_legal_texts_given(tmp_path: Path, corpus: Path,
                                                                     store_url: str) -> None:
    out = tmp_path / "report.docx"
    folder = constructed_legal_folder(tmp_path / "legal", circular_days="03")
    code, output = export("--kind", "report", "--store", store_url, "--corpus", str(corpus), "--legal", str(folder),
                          "-o", str(out))
    assert code == 0, output
    assert "đối chiếu 2 văn bản quy phạm pháp luật" in output
    text = text_of(out)
    assert "Mâu thuẫn giữa các văn bản\n1" in text and "Trùng lặp giữa các văn bản\n0" in text
    assert "- Mâu thuẫn giữa các văn bản: Luật 60/2014/QH13, Điều 10 khoản 2" in text
    code, output = export("--kind", "report", "--store", store_url, "--corpus", str(corpus), "--legal", str(folder),
                          "--legal", str(tmp_path / "missing.txt"), "-o", str(out))
    assert code == 3 and "missing.txt" in output  # written without the text it could not read
    assert "Mâu thuẫn giữa các văn bản\n1" in text_of(out)


def test_impact_form_from_a_draft(tmp_path: Path) -> None:
    out = tmp_path / "impact.docx"
    draft = SAMPLE_CORPUS / "legal" / "du_thao_quyet_dinh_ho_tro_nha_o.txt"
    code, output = export("--kind", "impact", "--legal", str(draft), "-o", str(out))
    assert code == 0, output
    assert "biểu mẫu đánh giá tác động của 1 thủ tục" in output
    assert "Thủ tục «Hồ sơ đề nghị hỗ trợ»" in text_of(out)
    code, output = export("--kind", "impact", "-o", str(out))
    assert code == 1 and "--legal" in output


def test_cost_sheet_from_the_records_alone(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_DB_URL", f"sqlite:///{tmp_path / 'never-made.sqlite'}")
    out = tmp_path / "cost.xlsx"
    code, output = export("--kind", "cost", "--corpus", str(corpus), "--code", "SAMPLE.006", "-o", str(out))
    assert code == 0, output
    stages = [r[2] for r in load_workbook(out)["Chi phí"].iter_rows(min_row=2, values_only=True)]
    assert stages == ["Trước đơn giản hóa", "Sau đơn giản hóa (theo các phát hiện, chưa có quyết định)"]
    assert not (tmp_path / "never-made.sqlite").exists()
