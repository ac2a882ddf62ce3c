"""Provision frames: the subject, act, object and values a clause sets, with offsets into the text."""

from __future__ import annotations

import pytest

from analyzer.parse.legal import parse_legal_text
from analyzer.parse.legal.frames import read_frame, read_frames, time_limits

LAW = """\
LUẬT
CƯ TRÚ
Điều 28. Giấy chuyển hộ khẩu
1. Công dân khi chuyển nơi thường trú thì được cấp giấy chuyển hộ khẩu.
2. Trong thời hạn ba ngày làm việc, kể từ ngày nhận đủ hồ sơ, cơ quan có thẩm quyền phải cấp giấy chuyển hộ khẩu cho công dân.
Điều 29. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2007.
"""


@pytest.mark.parametrize("text, expected", [
    ("Trong thời hạn 05 ngày làm việc, kể từ ngày nhận đủ hồ sơ", [(5.0, "working_day")]),
    ("trong thời hạn ba mươi ngày, kể từ ngày đến", [(30.0, "day")]),
    ("không quá 02 (hai) ngày làm việc", [(2.0, "working_day")]),
    ("Trong thời hạn 12 tháng, kể từ ngày chuyển đến", [(12.0, "month")]),
    ("trả kết quả ngay trong ngày tiếp nhận", [(0.0, "working_day")]),
    # a time of day and the day after are not limits
    ("nếu tiếp nhận yêu cầu sau 15 giờ", []),
    ("trả kết quả trong ngày làm việc tiếp theo", []),
])
def test_time_limits(text: str, expected: list[tuple[float, str]]) -> None:
    assert [limit.key for limit in time_limits(text)] == expected


def test_limit_reads_its_trigger_and_the_act_it_governs() -> None:
    (limit,) = time_limits("Trong thời hạn 02 (hai) ngày làm việc, kể từ ngày tiếp nhận hồ sơ, cơ quan Công an phải "
                           "cấp giấy chuyển hộ khẩu cho công dân.")
    assert limit.trigger == "tiếp nhận hồ sơ"
    assert limit.governs == "cấp giấy chuyển hộ khẩu"  # six words at most, never ending on "cho"


def test_frames_of_a_text_carry_units_offsets_object_and_values() -> None:
    document = parse_legal_text(LAW, source="luat.txt")
    frames = read_frames(document)
    clause = next(f for f in frames if f.unit == "Điều 28 khoản 2")
    assert document.text[clause.start:clause.end].startswith("2. Trong thời hạn ba ngày làm việc")
    assert clause.object == "Giấy chuyển hộ khẩu"  # the heading names the object
    assert [t.key for t in clause.time_limits] == [(3.0, "working_day")]
    assert clause.subject == "cơ quan có thẩm quyền"
    assert clause.source_kind == "Luật"


def test_phap_dien_article_is_attributed_to_the_text_its_note_names() -> None:
    text = ("Điều 15.1.NĐ.7. Thời hạn thực hiện yêu cầu chứng thực\n"
            "(Điều 7 Nghị định số 23/2015/NĐ-CP Về cấp bản sao từ sổ gốc, có hiệu lực thi hành kể từ ngày 10/04/2015)\n"
            "Thời hạn thực hiện yêu cầu chứng thực phải được bảo đảm ngay trong ngày cơ quan, tổ chức tiếp nhận yêu cầu.\n")
    (frame,) = read_frames(parse_legal_text(text))
    assert (frame.source_kind, frame.source_number, frame.source_article) == ("Nghị định", "23/2015/NĐ-CP", "7")
    assert frame.text_id == "Nghị định:23/2015/NĐ-CP"


def test_papers_after_a_dossier_cue() -> None:
    frame = read_frame("Hồ sơ gồm: a) Tờ khai theo mẫu; b) Bản sao giấy khai sinh; c) Giấy tờ chứng minh nơi cư trú.")
    assert frame.papers == ("Tờ khai theo mẫu", "Bản sao giấy khai sinh", "Giấy tờ chứng minh nơi cư trú")
