"""normalize(): each clean-up step on a table of cases, the steps reported, and the real seed texts."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from analyzer.text import normalize, normalize_with_map
from support import shared_path

INVISIBLE = ("\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Ð/ð look-alikes (Icelandic eth) -> Vietnamese Đ/đ
        ("Ðà Nẵng", "Đà Nẵng"),
        ("ðường", "đường"),
        # HTML leftovers
        ("Bước 1&nbsp;nộp hồ sơ", "Bước 1 nộp hồ sơ"),
        ("Phí &amp; lệ phí", "Phí & lệ phí"),
        ("Phí &amp;amp; lệ phí", "Phí & lệ phí"),  # double escaped
        ("A&amp;nbsp;B", "A B"),
        ("kết quả.</p>", "kết quả."),
        ("<p>Bước 1</p><p>Bước 2</p>", "Bước 1\n\nBước 2"),
        ("dòng 1<br>dòng 2<br/>dòng 3", "dòng 1\ndòng 2\ndòng 3"),
        ('<span style="x">Hộ tịch</span>', "Hộ tịch"),
        ("<td>Trực tiếp</td><td>5 ngày</td>", "Trực tiếp 5 ngày"),
        ("a <!-- ghi chú --> b", "a b"),
        ("x < y và R&D", "x < y và R&D"),  # not tags or entities: kept
        ("&#7841;", "ạ"),
        # invisible characters
        ("hồ\u200b sơ", "hồ sơ"),
        ("\ufeffThủ tục", "Thủ tục"),
        ("chứng\u00adthực", "chứngthực"),
        ("Hạnh\u00a0phúc", "Hạnh phúc"),
        ("a\u202fb\u2009c", "a b c"),
        ("x\x00y\x07z", "xyz"),
        # NFC
        ("Vie\u0323\u0302t", "Việt"),
        ("hoa\u0300", "hoà"),  # NFC only: tone placement is not changed by normalize
        ("e\u200b\u0301", "é"),  # removing the zero-width space lets the mark compose
        # whitespace
        ("  Bước   1:\tNộp  ", "Bước 1: Nộp"),
        ("dòng 1   \r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("a\n \n\t\nb", "a\n\nb"),
        ("a\vb\fc\u2028d", "a\nb\nc\nd"),
        # legacy encodings are repaired first (0xAD is "ư" in TCVN3, not a soft hyphen)
        ("Xin chµo tÊt c¶ mäi ng\u00adêi", "Xin chào tất cả mọi người"),
        ("Xin chaøo taát caû moïi ngöôøi", "Xin chào tất cả mọi người"),
        # a second pass finishes what the first one uncovered
        ("a &am\u200bp; b", "a & b"),
        ("ch\u200bµo tÊt c¶", "chào tất cả"),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "steps"),
    [
        ("Thủ tục hành chính", []),
        ("Ðà Nẵng", ["fix_eth"]),
        ("a&nbsp;b", ["strip_html", "remove_invisible"]),
        ("Vie\u0323\u0302t  Nam", ["nfc", "collapse_whitespace"]),
        ("Xin chµo tÊt c¶", ["fix_legacy"]),
        ("</p>hồ\u200bsơ", ["strip_html", "remove_invisible", "collapse_whitespace"]),
    ],
)
def test_changed_by_names_the_steps_that_changed_something(raw: str, steps: list[str]) -> None:
    result = normalize_with_map(raw)
    assert result.changed_by == steps
    assert result.text == normalize(raw)
    assert result.original == raw


def test_normalize_keeps_tone_placement() -> None:
    assert normalize("hoà thuỷ khoẻ") == "hoà thuỷ khoẻ"
    assert normalize("hòa thủy khỏe") == "hòa thủy khỏe"


def _seed_texts() -> list[Path]:
    seeds = shared_path("seeds")
    paths = sorted(seeds.glob("*.txt"))
    if not paths:
        pytest.skip(f"no seed texts in {seeds}")
    return paths


@pytest.mark.shared
def test_normalize_seed_texts() -> None:
    for path in _seed_texts():
        raw = path.read_text(encoding="utf-8")
        once = normalize(raw)
        assert normalize(once) == once, path.name
        assert unicodedata.is_normalized("NFC", once), path.name
        assert not any(char in once for char in INVISIBLE), path.name
        # Letters are never lost: the same letters in the same order.
        assert [c for c in once if c.isalnum()] == [c for c in unicodedata.normalize("NFC", raw) if c.isalnum()]
