"""CSDL 2021 scrape: no code (derived, stable), HTML leftovers, the page's UI strings."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import Any

import pytest

from analyzer.ingest import csdl
from analyzer.ingest._common import clean, rows_text
from analyzer.model import SourceRef
from analyzer.text.keys import match_key
from ingest.acceptance import Coverage
from support import shared_path

SOURCE = SourceRef(format="csdl_2021", path="records.json", record="0")


def record(**overrides: Any) -> dict[str, Any]:
    base = {
        "_id": {"$oid": "612362818d18c024c839e7ce"},
        "title": "Đăng ký thường trú",
        "Trình tự thực hiện": "- Bước 1: Cá nhân chuẩn bị hồ sơ.&nbsp;\n- Bước 2: Cá nhân nộp hồ sơ tại Công an cấp xã.</p>",
        "Cách thức thực hiện": [
            {"Hình thức nộp": "Trực tiếp", "Thời hạn giải quyết": "07 Ngày làm việc", "Phí, lệ phí": "Lệ phí: 200000 ĐồngXem chi tiết", "Mô tả": ""},
        ],
        "Thành phần hồ sơ": [
            {"Tên giấy tờ": "- Tờ khai thay đổi thông tin cư trú;", "Mẫu đơn, tờ khai": "https://csdl.example/download_file.jsp?ma=3fd9",
             "Số lượng - bản chính": "Bản chính: 1 - Bản sao: 0"},
            {"Tên giấy tờ": "- Giấy tờ chứng minh chỗ ở hợp pháp.", "Mẫu đơn, tờ khai": "https://csdl.example/download_file.jsp?ma=",
             "Số lượng - bản chính": "Bản chính: 0 - Bản sao: 1"},
        ],
        "Cơ quan thực hiện": "Công an Xã",
    }
    return {**base, **overrides}


def test_matches_by_content() -> None:
    assert csdl.matches(record())
    assert not csdl.matches({"title": "x"})


def test_code_is_derived_stably_and_flagged() -> None:
    procedure = csdl.to_procedure(record(), SOURCE)
    key = f"{match_key('Đăng ký thường trú')}|{match_key('Công an Xã')}"
    assert procedure.code == "csdl-" + hashlib.sha1(key.encode()).hexdigest()[:10]
    assert csdl.to_procedure(record(), SOURCE).code == procedure.code
    assert csdl.to_procedure(record(**{"Cơ quan thực hiện": "Công an Huyện"}), SOURCE).code != procedure.code
    assert [w.code for w in procedure.warnings] == ["code_derived"]


def test_html_leftovers_are_cleaned() -> None:
    procedure = csdl.to_procedure(record(), SOURCE)
    assert [s.index for s in procedure.steps] == [1, 2]
    assert all("</p>" not in s.text and "&nbsp;" not in s.text for s in procedure.steps)


def test_ui_link_dropped_from_fees_and_empty_form_links() -> None:
    procedure = csdl.to_procedure(record(), SOURCE)
    [channel] = procedure.channels
    assert [(f.amount, f.currency) for f in channel.fees] == [(200000, "VND")]
    assert all("Xem chi tiết" not in f.text for f in channel.fees)
    first, second = (d for _, _, d in procedure.documents)
    assert first.name == "Tờ khai thay đổi thông tin cư trú" and first.form.endswith("ma=3fd9")
    assert (first.originals, first.copies) == (1, 0)
    assert second.form is None and (second.originals, second.copies) == (0, 1)


def test_missing_title_is_an_error() -> None:
    with pytest.raises(ValueError):
        csdl.to_procedure(record(title="  "), SOURCE)


# --- the real corpus ------------------------------------------------------------------------------


def presence(data: dict[str, Any]) -> dict[str, bool]:
    return {
        "steps": bool(clean(data.get("Trình tự thực hiện"))),
        "documents": bool(clean(rows_text(data.get("Thành phần hồ sơ")))),
        "duration": any(clean(row.get("Thời hạn giải quyết")) for row in data.get("Cách thức thực hiện") or []),
    }


@pytest.mark.slow
def test_real_csdl_coverage_and_unique_ids() -> None:
    path = shared_path("corpus-real", "csdl-2021", "records.json")
    records = json.loads(path.read_text(encoding="utf-8"))
    coverage = Coverage()
    contents_by_code: dict[str, set[str]] = defaultdict(set)
    for index, data in enumerate(records):
        assert csdl.matches(data)
        procedure = csdl.to_procedure(data, SourceRef(format="csdl_2021", path=str(path), record=str(index)))
        coverage.add(procedure, presence(data))
        content = json.dumps({k: v for k, v in data.items() if k != "_id"}, ensure_ascii=False, sort_keys=True)
        contents_by_code[procedure.code].add(content)
    print(f"csdl: {len(records)} records, {len(contents_by_code)} ids; {coverage.summary()}")
    assert len(records) == 87
    # Records that share an id are exact duplicates (same content, another database _id), never two procedures.
    assert all(len(contents) == 1 for contents in contents_by_code.values())
    assert coverage.below_threshold() == {}
