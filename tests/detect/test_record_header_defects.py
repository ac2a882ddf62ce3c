"""A record's header: a level of execution its executing agency cannot have (analyzer.detect.record_header_defects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.detect.record_defects import record_defects
from analyzer.model import Procedure
from support import real_procedure


def header(level: str | None, agency: str | None) -> Procedure:
    return Procedure(code="T.1", name="Thủ tục hải quan đối với hàng hóa", level=level, agency=agency)


def mismatches(procedure: Procedure) -> list:
    return [d for d in record_defects(procedure) if d.code == "level_mismatch"]


@pytest.mark.parametrize(("level", "agency", "expected"), [
    ("Cấp xã", "Chi cục Hải quan khu vực", 1),  # 1.009076, 1.007865 and 91 more on the portal
    ("Cấp Xã", "Chi cục Hải quan", 1),  # 2.000038 (portal_docx)
    ("Cấp xã", "Hải quan cửa khẩu, Hải quan ngoài cửa khẩu", 1),
    ("Cấp xã", "Sở Giáo dục và Đào tạo", 1),  # 2.001904: filed at commune level while the Sở decides
    # look-alikes: commune bodies, mixed levels, a commune body beside the customs office, no agency
    ("Cấp xã", "Ủy ban nhân dân cấp xã", 0),
    ("Cấp xã", "Công an Xã", 0),
    ("Cấp tỉnh, Cấp xã", "Chi cục Hải quan khu vực", 0),
    ("Cấp bộ", "Cục Hải quan", 0),
    ("Cấp xã", "Chi cục Hải quan khu vực, Ủy ban nhân dân cấp xã", 0),
    ("Cấp xã", "Bộ phận tiếp nhận và trả kết quả", 0),
    ("Cấp xã", None, 0),
])
def test_commune_level_for_a_body_that_is_not_a_commune_one(level: str, agency: str | None, expected: int) -> None:
    found = mismatches(header(level, agency))
    assert len(found) == expected
    assert all(agency in d.message and "{" not in d.message for d in found)


@pytest.mark.parametrize(("source", "code", "expected"), [
    ("portal_flat", "1.009076", 1),  # kinh doanh hàng miễn thuế, Cấp xã, Chi cục Hải quan khu vực
    ("portal_flat", "1.000110", 0),  # khai sinh, Cấp xã, Ủy ban Nhân dân xã, phường, thị trấn
])
def test_real_records(source: str, code: str, expected: int, tmp_path: Path) -> None:
    assert len(mismatches(real_procedure(source, code, tmp_path))) == expected
