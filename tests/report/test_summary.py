"""summary.xlsx (sheets per kind, field, agency, level...) and a self-contained summary.html."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from analyzer.batch.corpus import CorpusAnalysis
from analyzer.report.counts import SummaryCounts
from analyzer.detect import PeerStats
from analyzer.report.summary import KIND_LABELS, breakdown, write_summary

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def row(code: str, field: str | None, level: str, agency: str, days: float | None) -> dict:
    channels = [{"mode": "truc_tiep", "duration": {"text": f"{days} ngày", "working_days": days}}] if days else []
    return {"code": code, "name": f"Thủ tục {code}", "field": field, "level": level, "agency": agency,
            "days_truc_tiep": days, "days_truc_tuyen": None, "days_buu_chinh": None, "channels": json.dumps(channels)}


def finding(code: str, kind: str, rule: str, days: float | None = None) -> dict:
    params = {"current_working_days": days} if days else {}
    return {"procedure": code, "kind": kind, "rule": rule, "suggestion": {"action": "x", "params": params},
            "evidence": [{"field": "channels", "index": 0, "text": ""}]}


@pytest.fixture()
def counts() -> SummaryCounts:
    counts = SummaryCounts()
    rows = [row("A", "Hộ tịch", "Cấp xã", "UBND xã", 3.0), row("B", "Hộ tịch", "Cấp xã", "UBND xã", 30.0),
            row("C", "Đất đai", "Cấp tỉnh", "Sở Tài nguyên", 10.0), row("D", None, "Cấp tỉnh", "Sở Tài nguyên", None)]
    findings = {
        "B": [finding("B", "long_processing_time", "peer_outlier", 30.0), finding("B", "repeated_paperwork", "certified_copy")],
        "C": [finding("C", "redundant_step", "recheck_step")],
    }
    for r in rows:
        counts.add_record(r, findings.get(r["code"], []))
    return counts


def test_breakdown_counts_procedures_and_findings_per_kind(counts: SummaryCounts) -> None:
    frame = breakdown(counts.by_field, counts.procedures_by_field, "Lĩnh vực").set_index("Lĩnh vực")
    assert frame.loc["Hộ tịch", "Số thủ tục"] == 2
    assert frame.loc["Hộ tịch", KIND_LABELS["long_processing_time"]] == 1
    assert frame.loc["Hộ tịch", "Tổng phát hiện"] == 2
    assert frame.loc["(không rõ)", "Tổng phát hiện"] == 0
    assert list(counts.outlier_days["truc_tiep"]) == [30.0]
    assert counts.flagged == 2 and [t[0] for t in counts.top_procedures()] == ["B", "C"]


def test_workbook_has_a_sheet_per_view(counts: SummaryCounts, tmp_path: Path) -> None:
    write_summary(tmp_path, counts, CorpusAnalysis(), PeerStats(), plot_cache=tmp_path / "plots")
    book = load_workbook(tmp_path / "summary.xlsx", read_only=True)
    assert {"Theo loại", "Theo lĩnh vực", "Theo cơ quan", "Theo cấp", "Nhiều phát hiện nhất", "Giấy tờ phổ biến",
            "Thủ tục gần trùng", "Trung vị theo nhóm"} <= set(book.sheetnames)
    by_agency = list(book["Theo cơ quan"].values)
    assert by_agency[0][:2] == ("Cơ quan", "Số thủ tục")
    assert ("Sở Tài nguyên", 2) == by_agency[1][:2] or ("UBND xã", 2) == by_agency[1][:2]
    by_kind = {r[1]: r[2] for r in list(book["Theo loại"].values)[1:]}
    assert by_kind == {"peer_outlier": 1, "certified_copy": 1, "recheck_step": 1}


def test_page_is_self_contained_with_charts(counts: SummaryCounts, tmp_path: Path) -> None:
    write_summary(tmp_path, counts, CorpusAnalysis(), PeerStats())
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no external resource"
    images = re.findall(r"src='data:image/png;base64,([^']+)'", page)
    assert len(images) >= 3  # processing times, by field, by level, by agency
    assert all(base64.b64decode(data).startswith(PNG_MAGIC) for data in images)
    for text in ("Phân bố thời hạn giải quyết", "Phát hiện theo lĩnh vực", "Phát hiện theo cấp",
                 "Giấy tờ được yêu cầu ở nhiều thủ tục nhất", "vượt xa trung vị"):
        assert text in page
    assert '<html lang="vi">' in page


def test_charts_are_reused_when_data_is_unchanged(counts: SummaryCounts, tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    write_summary(tmp_path / "a", counts, None, PeerStats(), plot_cache=tmp_path / "plots")
    drawn = sorted(p.name for p in (tmp_path / "plots").iterdir())
    write_summary(tmp_path / "b", counts, None, PeerStats(), plot_cache=tmp_path / "plots")
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == drawn
    assert (tmp_path / "a" / "summary.html").read_bytes() == (tmp_path / "b" / "summary.html").read_bytes()
    counts.add_record(row("E", "Hộ tịch", "Cấp xã", "UBND xã", 5.0), [])
    write_summary(tmp_path / "b", counts, None, PeerStats(), plot_cache=tmp_path / "plots")
    assert len(list((tmp_path / "plots").iterdir())) > len(drawn), "new data, new chart"
