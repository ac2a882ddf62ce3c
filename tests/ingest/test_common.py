"""Building blocks every reader shares (analyzer.ingest._common): agency roles, subjects, levels, duration warnings."""

from __future__ import annotations

import pytest

from analyzer.ingest import portal_flat
from analyzer.ingest._common import AGENCY_ROLES, FIELD_LABELS, level_text, split_subjects, warn_duration
from analyzer.ingest.tabular import column_aliases
from analyzer.model import Procedure
from analyzer.parse.duration import parse_duration


def test_every_reader_uses_the_shared_agency_roles() -> None:
    labelled = {key.split(".", 1)[1] for key in FIELD_LABELS.values() if key.startswith("agencies.")}
    tabular = {field.split(".", 1)[1] for field in column_aliases().values() if field.startswith("agencies.")}
    flat = set(portal_flat._AGENCY_KEYS)
    assert labelled | tabular | flat | {"thuc_hien"} <= set(AGENCY_ROLES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam", ["Tổ chức (không bao gồm doanh nghiệp, HTX)", "Công dân Việt Nam"]),
        ("Cán bộ, công chức, viên chức, Doanh nghiệp", ["Cán bộ, công chức, viên chức", "Doanh nghiệp"]),
        ("Hợp tác xã", ["Hợp tác xã"]),
        ("Công dân Việt Nam; Người nước ngoài\nDoanh nghiệp", ["Công dân Việt Nam", "Người nước ngoài", "Doanh nghiệp"]),
        ("", []),
        (None, []),
    ],
)
def test_subjects(text: str | None, expected: list[str]) -> None:
    assert split_subjects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cấp Bộ", "Cấp bộ"),  # portal-docx spelling
        ("Cấp bộ", "Cấp bộ"),  # portal-flat spelling of the same level
        ("Cấp Tỉnh, Cấp Xã, Cơ quan khác", "Cấp tỉnh, Cấp xã, Cơ quan khác"),
        ("Cấp tỉnh,Cấp xã", "Cấp tỉnh, Cấp xã"),
        (None, None),
    ],
)
def test_level_text_spells_each_level_once(text: str | None, expected: str | None) -> None:
    assert level_text(text) == expected


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("05 ngày làm việc", []),
        ("Không quy định", []),
        ("Do sở giáo dục và đào tạo quy định", []),
        ("10", ["duration_ambiguous"]),
        ("Chậm nhất vào ngày 15/4 hàng năm", ["duration_is_deadline"]),
        ("Phản hồi tự động", ["duration_unparsed"]),
    ],
)
def test_duration_warnings(text: str, codes: list[str]) -> None:
    procedure = Procedure(code="1", name="x")
    warn_duration(procedure, "truc_tiep", parse_duration(text), text)
    assert [w.code for w in procedure.warnings] == codes
