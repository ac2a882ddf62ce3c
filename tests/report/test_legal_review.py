"""Rows of the overlaps page: unreadable texts are listed with their reason, the rest are read."""

from __future__ import annotations

from pathlib import Path

from analyzer.report.legal_review import basis_rows, load_legal_texts, overlap_rows

TEXT = """QUỐC HỘI
Luật số: 99/2099/QH99

LUẬT THỬ

Điều 1. Phạm vi điều chỉnh
Luật này quy định về thủ tục thử.
"""


def test_unreadable_files_are_listed_and_the_others_read(tmp_path: Path) -> None:
    (tmp_path / "luat.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "rong.txt").write_bytes(b"")
    (tmp_path / "anh.png").write_bytes(b"\x89PNG")
    loaded = load_legal_texts([tmp_path])
    assert len(loaded.documents) == 1
    assert sorted(Path(name).name for name, _ in loaded.skipped) == ["anh.png", "rong.txt"]
    assert all(reason for _, reason in loaded.skipped)
    assert overlap_rows(loaded.documents) == []  # one text: nothing to compare
    assert basis_rows([], loaded.documents) == (0, [])
