"""legal_to_json: the object `tthc legal` writes, one per input file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer import parse_legal_text as lazy_parse
from analyzer import read_legal_text as lazy_read
from analyzer.detect.legal_text import apply_text_rules
from analyzer.ingest.legal_files import read_legal_text
from analyzer.parse.legal import legal_to_json, parse_legal_text

TEXT = """\
ỦY BAN NHÂN DÂN TỈNH MẪU
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 5/QĐ-UBND
Tỉnh Mẫu, ngày 2 tháng 1 năm 2025
QUYẾT ĐỊNH
VỀ VIỆC GIAO NHIỆM VỤ
Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;
QUYẾT ĐỊNH:
Điều 1. Giao Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ rà soát thủ tục trước ngày 30/6/2025.
Điều 2. Hồ sơ đề nghị gồm:
1. Tờ khai;
2. Bản sao sổ hộ khẩu.
Điều 3. Quyết định này có hiệu lực từ ngày ký./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
CHỦ TỊCH
Đỗ Văn Tâm
"""


def test_json_keys_and_shapes() -> None:
    document = parse_legal_text(TEXT, source="qd5.txt")
    document.findings = apply_text_rules(document)  # the text rules live in the detection layer
    data = legal_to_json(document)
    json.dumps(data, ensure_ascii=False)
    assert {key: data[key] for key in ("source", "type", "number", "issuer", "place", "date", "title")} == {
        "source": "qd5.txt", "type": "Quyết định", "number": "5/QĐ-UBND", "issuer": "Ủy ban nhân dân tỉnh Mẫu",
        "place": "Tỉnh Mẫu", "date": "2025-01-02", "title": "VỀ VIỆC GIAO NHIỆM VỤ"}
    assert [(n["kind"], n["label"]) for n in data["structure"]] == [("dieu", "1"), ("dieu", "2"), ("dieu", "3")]
    assert set(data["structure"][1]) == {"kind", "label", "heading", "start", "end", "children"}
    (citation,) = data["citations"]
    assert citation["number"] == "63/2010/NĐ-CP" and citation["year"] == 2010 and citation["date"] == "2010-06-08"
    assert set(citation["target"] or {}) <= {"article", "clause", "point", "path"}
    (assignment,) = data["assignments"]
    assert assignment["lead"] == "Sở Tư pháp" and assignment["partners"] == ["Sở Nội vụ"]
    assert assignment["deadline"]["date"] == "2025-06-30"
    assert data["signature"]["position"] == "CHỦ TỊCH" and data["signature"]["signer"] == "Đỗ Văn Tâm"
    assert data["recipients"] == ["Như Điều 3", "Lưu: VT."]
    (procedure,) = data["procedures"]
    assert procedure["findings"] == [] and procedure["source"]["format"] == "legal_text"
    assert [f["rule"] for f in data["findings"]] == ["state_held_document"]
    assert "text" not in data and "text" in legal_to_json(parse_legal_text(TEXT), include_text=True)


def test_package_exports_the_parser_lazily() -> None:
    assert lazy_parse is parse_legal_text


def test_package_exports_the_file_reader_lazily() -> None:
    assert lazy_read is read_legal_text


def test_parser_takes_text_and_the_reader_takes_paths(tmp_path: Path) -> None:
    path = tmp_path / "qd5.txt"
    path.write_text(TEXT, encoding="utf-8")
    from_file = read_legal_text(path)
    assert from_file.source == str(path) and from_file.number == "5/QĐ-UBND"
    assert legal_to_json(from_file) == legal_to_json(parse_legal_text(TEXT, source=str(path)))
    with pytest.raises(TypeError, match="read_legal_text"):
        parse_legal_text(path)  # type: ignore[arg-type]
    # a string is always the text, even when it names an existing file: no guessing
    assert parse_legal_text(str(path)).number is None
