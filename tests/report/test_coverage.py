"""Coverage flags per record: parsed, unreadable (the reader warned) or absent in the source."""

from __future__ import annotations

import pytest

from analyzer.model import Channel, Duration, Procedure, Step
from analyzer.report.coverage import coverage_by_source, coverage_rows, record_flags


def procedure(**kwargs) -> Procedure:
    return Procedure(code="P", name="Thủ tục", **kwargs)


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (Duration(text="5 ngày làm việc", value=5, unit="working_day", working_days=5), True),
        (Duration(text="Không quy định", unspecified=True), True),
        (Duration(text="5", value=5, ambiguous=True), None),  # counted apart
        (Duration(text="ba hôm nữa"), False),
    ],
)
def test_duration_flags(duration: Duration, expected: bool | None) -> None:
    flags = record_flags(procedure(channels=[Channel(mode="truc_tiep", duration=duration)]))
    assert flags["durations"] is expected


def test_unparsed_warning_puts_the_record_in_the_denominator() -> None:
    missing = procedure()
    unreadable = procedure()
    unreadable.warn("steps_unparsed", "steps", "no step found", "…")
    assert record_flags(missing)["steps"] is None
    assert record_flags(unreadable)["steps"] is False
    assert record_flags(procedure(steps=[Step(index=1, text="Nộp hồ sơ")]))["steps"] is True


def test_rows_per_source() -> None:
    good = procedure(steps=[Step(index=1, text="Nộp hồ sơ")])
    bad = procedure()
    bad.warn("steps_unparsed", "steps", "no step found")
    [row] = coverage_rows(coverage_by_source([good, bad]))
    assert row["records"] == 2 and row["steps"] == "1/2 (50.0%)"
