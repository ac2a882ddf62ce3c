"""A record's header: a level of execution its executing agency cannot have, a template decision number, an executing
agency not published (analyzer.detect.record_header_defects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.detect.record_defects import record_defects
from analyzer.model import Procedure, SourceRef
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


def header_codes(procedure: Procedure, code: str) -> list:
    return [d for d in record_defects(procedure) if d.code == code]


@pytest.mark.parametrize(("decision", "expected"), [
    ("QĐ/0001-BCA", 1),  # 1.003116, 1.001294, 2.000639 (the blind experts noted it)
    ("QĐ/0001-NHPTVN", 1),  # 1.000371
    ("Demo/QĐ-BCA", 1),
    # look-alikes: real decisions, a decision numbered 1 or 10001
    ("1025/QĐ-BCA", 0),
    ("01/QĐ-BNNMT", 0),
    ("10001/QĐ-BCA", 0),
    (None, 0),
])
def test_template_decision_number(decision: str | None, expected: int) -> None:
    procedure = Procedure(code="T.2", name="Cấp thẻ bảo hiểm y tế", decision=decision)
    found = header_codes(procedure, "decision_placeholder")
    assert len(found) == expected
    assert all(decision in d.message and "{" not in d.message for d in found)


@pytest.mark.parametrize(("source", "agency", "agencies", "expected"), [
    # "Cơ quan thực hiệnKhông có thông tin" (1.005319, 1.003434; 302 portal_flat versions), with or without a competent body
    ("portal_flat", None, {}, 1),
    ("portal_flat", None, {"co_tham_quyen": "Chủ tịch ủy ban nhân dân cấp tỉnh"}, 1),
    # look-alikes: an agency published, a source without the field, an agency under its role only
    ("portal_flat", "Ủy ban nhân dân cấp xã", {}, 0),
    ("csdl_2021", None, {}, 0),
    ("portal_flat", None, {"thuc_hien": "Sở Tư pháp"}, 0),
])
def test_executing_agency_not_published(source: str, agency: str | None, agencies: dict[str, str], expected: int) -> None:
    procedure = Procedure(code="T.3", name="Đăng ký hoạt động", agency=agency, agencies=agencies,
                          source=SourceRef(format=source, path="records.jsonl.gz", record="line 1"))
    found = header_codes(procedure, "agency_unpublished")
    assert len(found) == expected
    assert all("{" not in d.message and agencies.get("co_tham_quyen", "") in d.message for d in found)


@pytest.mark.parametrize(("source", "code", "kind"), [
    ("portal_flat", "1.005319", "agency_unpublished"),
    ("portal_docx", "1.001294", "decision_placeholder"),
])
def test_real_header_records(source: str, code: str, kind: str, tmp_path: Path) -> None:
    assert kind in {d.code for d in record_defects(real_procedure(source, code, tmp_path))}
