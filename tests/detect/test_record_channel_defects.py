"""A record's channels: an online or postal row that describes filing in person (analyzer.detect.record_channel_defects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.detect.record_defects import record_defects
from analyzer.model import Channel, Procedure
from support import real_procedure


def described(*rows: tuple[str, str]) -> list:
    procedure = Procedure(code="T.2", name="Cấp giấy phép thử", channels=[Channel(mode=m, description=d) for m, d in rows])  # type: ignore[arg-type]
    return [d for d in record_defects(procedure) if d.code == "channel_described_in_person"]


@pytest.mark.parametrize(("rows", "indices"), [
    ((("truc_tiep", "Nộp trực tiếp tại Sở Công Thương."), ("truc_tuyen", "Nộp trực tiếp tại Sở Công Thương.")), [1]),  # 2.000210
    ((("buu_chinh", "Trực tiếp tại Bộ phận Một cửa"),), [0]),  # 1.009809
    ((("truc_tuyen", "- Nộp hồ sơ trực tiếp tại Công an cấp xã hoặc Bộ phận một cửa cấp xã (nếu đã triển khai)."),
      ("buu_chinh", "Nộp hồ sơ trực tiếp tại địa điểm tiếp nhận của Ủy ban nhân dân cấp xã.")), [0, 1]),  # 1.014056, 3.000527
    # look-alikes: the in-person row itself, an online row that names the portal, a postal row that names the post,
    # a description that speaks of in-person filing further on
    ((("truc_tiep", "Nộp trực tiếp tại Sở Công Thương."),), []),
    ((("truc_tuyen", "Trực tiếp tại Cổng dịch vụ công quốc gia"),), []),
    ((("buu_chinh", "Nộp trực tiếp tại bưu điện hoặc gửi qua dịch vụ bưu chính công ích"),), []),
    ((("truc_tuyen", "07 ngày làm việc. Trường hợp hồ sơ cần bổ sung, nộp trực tiếp tại Sở"),), []),
])
def test_online_or_postal_rows_described_as_in_person(rows: tuple, indices: list[int]) -> None:
    found = described(*rows)
    assert [[e.index for e in d.evidence] for d in found] == ([indices] if indices else [])
    assert all("{" not in d.message and "trực tiếp" in d.message for d in found)


@pytest.mark.parametrize(("source", "code", "expected"), [
    ("portal_flat", "2.001680", 1),  # trợ giúp pháp lý: the online row reads "Nộp hồ sơ trực tiếp tại trụ sở …"
    ("portal_flat", "1.000110", 0),
])
def test_real_records(source: str, code: str, expected: int, tmp_path: Path) -> None:
    found = [d for d in record_defects(real_procedure(source, code, tmp_path)) if d.code == "channel_described_in_person"]
    assert len(found) == expected
