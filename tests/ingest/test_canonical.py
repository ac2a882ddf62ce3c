"""A canonical JSON record written by an analyst: text-only durations and steps without an index (issue 12 §3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.detect import analyze
from analyzer.ingest import load_procedures
from analyzer.ingest.canonical import completed_duration


def hand_written(channel_time: object, steps: list) -> dict:
    return {"code": "H.1", "name": "Cấp giấy phép thử", "field": "Thử", "level": "Cấp tỉnh",
            "channels": [{"mode": "truc_tiep", "duration": channel_time}], "steps": steps}


def load_one(tmp_path: Path, record: dict):
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    [procedure] = list(load_procedures(path))
    return procedure


@pytest.mark.parametrize(
    ("given", "value", "unit", "unspecified", "ambiguous"),
    [
        ("Theo quy định của pháp luật", None, None, True, False),
        ({"text": "Theo quy định của pháp luật"}, None, None, True, False),
        ("05 ngày làm việc", 5.0, "working_day", False, False),
        ({"text": "05 ngày làm việc"}, 5.0, "working_day", False, False),
        ("1", 1.0, None, False, True),
    ],
)
def test_a_duration_given_as_text_gets_value_unit_and_flags(given: object, value: float | None, unit: str | None,
                                                           unspecified: bool, ambiguous: bool) -> None:
    duration = completed_duration(given)
    assert (duration["value"], duration["unit"], duration["unspecified"], duration["ambiguous"]) == \
        (value, unit, unspecified, ambiguous)


def test_a_duration_with_derived_fields_is_kept_as_written() -> None:
    written = {"text": "05 ngày", "value": 5.0, "unit": "working_day", "working_days": 5.0}
    assert completed_duration(written) is written


def test_steps_without_index_take_their_position(tmp_path: Path) -> None:
    procedure = load_one(tmp_path, hand_written("05 ngày làm việc", [
        {"text": "Nộp hồ sơ"}, "Thẩm định hồ sơ", {"index": 7, "text": "Trả kết quả", "duration": "01 ngày làm việc"}]))
    assert [(s.index, s.text) for s in procedure.steps] == [(1, "Nộp hồ sơ"), (2, "Thẩm định hồ sơ"), (7, "Trả kết quả")]
    assert procedure.steps[2].duration is not None and procedure.steps[2].duration.working_days == 1.0
    assert procedure.channels[0].duration is not None and procedure.channels[0].duration.working_days == 5.0


def test_a_vague_time_written_as_text_is_seen_by_vague_time(tmp_path: Path) -> None:
    procedure = load_one(tmp_path, hand_written("Theo quy định của pháp luật", [{"text": "Nộp hồ sơ"}, {"text": "Cấp giấy phép"}]))
    assert [f.rule for f in analyze([procedure]) if f.rule == "vague_time"] == ["vague_time"]
    definite = load_one(tmp_path, hand_written("05 ngày làm việc", [{"text": "Nộp hồ sơ"}, {"text": "Cấp giấy phép"}]))
    assert [f.rule for f in analyze([definite]) if f.rule == "vague_time"] == []
