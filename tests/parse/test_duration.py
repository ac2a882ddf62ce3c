"""Processing-time parsing: channel cells, durations inside free text, Vietnamese numerals."""

from __future__ import annotations

import glob
import gzip
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.model import WORKING_DAYS_PER_UNIT
from analyzer.parse._nfc import nfc, nfc_with_offsets
from analyzer.parse.duration import DEADLINE, SAME_DAY_WORKING_DAYS, find_durations, is_deadline, parse_duration
from analyzer.parse.numbers import parse_decimal, parse_number_words
from support import shared_path


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit"),
    [
        ("05 ngày làm việc", 5, None, "working_day"),
        ("15 Ngày", 15, None, "day"),
        ("30  Ngày làm việc", 30, None, "working_day"),
        ("24 giờ", 24, None, "hour"),
        ("2.5 Giờ", 2.5, None, "hour"),
        ("02 tiếng", 2, None, "hour"),
        ("03 tháng", 3, None, "month"),
        ("01 năm", 1, None, "year"),
        ("không quá 7 ngày", 7, None, "day"),
        ("Tối đa 6 ngày làm việc kể từ ngày cơ quan BHXH nhận đủ hồ sơ", 6, None, "working_day"),
        ("từ 5 đến 7 ngày", 5, 7, "day"),
        ("5 - 7 ngày", 5, 7, "day"),
        ("5-7 ngày làm việc", 5, 7, "working_day"),
        ("từ 5 ngày đến 7 ngày", 5, 7, "day"),
        ("mười lăm ngày", 15, None, "day"),
        ("ba mươi ngày", 30, None, "day"),
        ("năm ngày làm việc", 5, None, "working_day"),
        ("mười năm", 10, None, "year"),
        ("Ba mươi (30) ngày", 30, None, "day"),
        ("Trong thời hạn 03 (ba) ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.", 3, None, "working_day"),
        ("02 tháng và 15 ngày làm việc", 59, None, "working_day"),
        ("1 năm 6 tháng", 18, None, "month"),
        ("2 tuần", 14, None, "day"),
        ("30 phút", 0.5, None, "hour"),
        ("05 ngày làm việc (đối với cấp mới); 10 ngày làm việc (đối với cấp lại)", 5, 10, "working_day"),
        ("07 ngày làm việc hoặc 30 ngày làm việc", 7, 30, "working_day"),
        ("05 ngày làm việc; trường hợp phải xác minh thì thời hạn giải quyết không quá 10 ngày làm việc.", 5, 10, "working_day"),
        ("ngay trong ngày", SAME_DAY_WORKING_DAYS, None, "working_day"),
        ("Trong ngày", SAME_DAY_WORKING_DAYS, None, "working_day"),
        ("trong ngày làm việc", SAME_DAY_WORKING_DAYS, None, "working_day"),
        ("Ngay sau khi nhận được chứng từ đủ điều kiện thanh toán", SAME_DAY_WORKING_DAYS, None, "working_day"),
        (
            "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay "
            "thì trả kết quả trong ngày làm việc tiếp theo.",
            SAME_DAY_WORKING_DAYS,
            1,
            "working_day",
        ),
        ("03 năm một lần; hồ sơ xét trong 20 ngày", 20, None, "day"),
        ("Chậm nhất 02 giờ kể từ khi nhận được xác báo", 2, None, "hour"),
    ],
)
def test_parse_duration_reads_value_range_and_unit(text: str, value: float, value_max: float | None, unit: str) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert duration.text == text.strip()
    assert (duration.value, duration.value_max, duration.unit) == (value, value_max, unit)
    assert not duration.ambiguous and not duration.unspecified
    assert duration.working_days == pytest.approx(value * WORKING_DAYS_PER_UNIT[unit], abs=1e-3)


@pytest.mark.parametrize(
    ("text", "working_days"),
    [
        ("10 ngày làm việc", 10),
        ("14 ngày", 10),  # calendar days × 5/7
        ("16 giờ", 2),  # eight office hours a day
        ("2 tháng", 44),
        ("1 năm", 260),
    ],
)
def test_working_days_use_the_model_conversion(text: str, working_days: float) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert duration.working_days == pytest.approx(working_days)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("5 Ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "kể từ ngày nhận đủ hồ sơ hợp lệ"),
        ("Trong thời hạn 10 ngày làm việc, kể từ ngày nhận được đơn, cơ quan thụ lý", "kể từ ngày nhận được đơn"),
        ("30 ngày làm việc (không kể ngày nghỉ) kể từ ngày nhận đủ hồ sơ.", "kể từ ngày nhận đủ hồ sơ"),
        ("15 ngày tính từ ngày nộp phí", "tính từ ngày nộp phí"),
        ("15 ngày làm việc", None),
        ("15 ngày làm việc. Hồ sơ nộp kể từ ngày 1/7", None),  # another sentence
    ],
)
def test_qualifier_is_the_ke_tu_clause(text: str, qualifier: str | None) -> None:
    duration = parse_duration(text)
    assert duration is not None and duration.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    ["Không quy định", "không quy định", "Không có thông tin", "theo quy định", "Theo quy định của pháp luật",
     "Không xác định", "Chưa quy định cụ thể về thời gian giải quyết.", "Theo Kế hoạch tuyển sinh hằng năm",
     "Tùy theo đợt", "khác", "Không", "0 chưa quy định cụ thể", "Thời gian cụ thể tại phần mô tả",
     "Do sở giáo dục và đào tạo quy định", "Do Ủy ban nhân dân tỉnh quyết định"],
)
def test_stated_absence_is_unspecified(text: str) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert duration.unspecified and duration.value is None and duration.unit is None


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [("5", 5, None), ("0", 0, None), ("28", 28, None), ("10-25", 10, 25), (" 1 ", 1, None)],
)
def test_number_without_unit_is_ambiguous(text: str, value: float, value_max: float | None) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert duration.ambiguous
    assert (duration.value, duration.value_max, duration.unit, duration.working_days) == (value, value_max, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Trước ngày 30 tháng 9 của năm xét chọn",  # a calendar deadline
        "Chậm nhất vào ngày 15/4 hàng năm",
        "Chậm nhất vào ngày 20 tháng đầu tiên hàng quý",
        "03 năm một lần, vào dịp kỷ niệm ngày Quốc khánh 2 tháng 9",  # a schedule and a date
        "Kết thúc trước khi tàu cập cảng",  # an event
        "Chậm nhất là ngay trước khi tàu rời cảng.",
        "kể từ khi nhận đủ hồ sơ đến ngày hết hạn ghi trên giấy phép",
    ],
)
def test_deadlines_and_schedules_are_recognised_not_read_as_durations(text: str) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert duration.value is None and not duration.unspecified and not duration.ambiguous
    assert duration.qualifier == DEADLINE and is_deadline(duration)


@pytest.mark.parametrize(
    "text",
    [
        "Chậm nhất 02 giờ kể từ khi nhận được xác báo",  # "chậm nhất" before a duration is a duration
        "Trước 15 ngày làm việc",
        "Hệ thống phản hồi tự động",  # neither: unread, and not called a deadline
        "Trước ngày",
    ],
)
def test_durations_and_unread_texts_are_not_deadlines(text: str) -> None:
    assert not is_deadline(parse_duration(text))


@pytest.mark.parametrize("text", [None, "", "   ", "\n"])
def test_empty_input_gives_none(text: str | None) -> None:
    assert parse_duration(text) is None


def test_decomposed_tone_marks_parse_like_composed() -> None:
    text = unicodedata.normalize("NFD", "05 ngày làm việc kể từ ngày nhận đủ hồ sơ")
    duration = parse_duration(text)
    assert duration is not None
    assert (duration.value, duration.unit, duration.qualifier) == (5, "working_day", "kể từ ngày nhận đủ hồ sơ")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Trong thời hạn 10 ngày làm việc, kể từ ngày nhận được hồ sơ, Sở trình UBND; "
            "trong 05 ngày UBND quyết định.",
            ["10 ngày làm việc", "05 ngày"],
        ),
        ("trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
         ["trong ngày làm việc tiếp theo"]),
        ("kỷ niệm ngày 2 tháng 9, báo cáo trước ngày 20 tháng 6 và năm 2024", []),
        ("thực hiện từ 8 giờ đến 17 giờ các ngày làm việc", []),
        ("chậm nhất 02 giờ làm việc kể từ thời điểm tiếp nhận", ["02 giờ làm việc"]),
        ("Quyết định số 12/2021/QĐ-TTg ngày 24/3/2021", []),
    ],
)
def test_find_durations_in_free_text(text: str, found: list[str]) -> None:
    spans = find_durations(text)
    assert [text[span.start : span.end] for span in spans] == found
    assert all(span.duration.text == text[span.start : span.end] for span in spans)


def test_find_durations_offsets_point_into_the_original_decomposed_string() -> None:
    text = unicodedata.normalize("NFD", "Bước 2: trong thời hạn 03 ngày làm việc, cơ quan trả lời")
    (span,) = find_durations(text)
    assert unicodedata.normalize("NFC", text[span.start : span.end]) == "03 ngày làm việc"
    assert span.duration.value == 3


@pytest.mark.parametrize(
    "text",
    [
        "Tờ khai",  # already composed: offsets are the identity
        unicodedata.normalize("NFD", "Bước 2: trong thời hạn 03 ngày"),
        "Ðơn đề nghi\u0323 " + unicodedata.normalize("NFD", "cấp lại"),  # eth look-alike and mixed forms
        "a\u0301\u0323 q\u0307\u0323",  # two marks on one letter, in the non-canonical order
        "\u0301bắt đầu bằng dấu",  # a mark with no letter before it
        "\u1100\u1161 한국",  # Hangul jamo compose across starters: the exact slow path
    ],
)
def test_nfc_offsets_map_each_composed_character_to_its_source(text: str) -> None:
    composed, starts = nfc_with_offsets(text)
    assert composed == nfc(text) == unicodedata.normalize("NFC", text.replace("Ð", "Đ"))
    assert len(starts) == len(composed) + 1 and starts[-1] == len(text)
    assert starts == sorted(starts)
    for i, char in enumerate(composed):  # each composed character comes from the source piece it maps to
        end = next((start for start in starts[i + 1 :] if start > starts[i]), len(text))
        assert char in unicodedata.normalize("NFC", text[starts[i] : end].replace("Ð", "Đ"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aeoAĐð ngyà\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u1100\u1161")), max_size=40))
def test_nfc_offsets_property(text: str) -> None:
    composed, starts = nfc_with_offsets(text)
    assert composed == unicodedata.normalize("NFC", text.replace("ð", "đ"))
    assert len(starts) == len(composed) + 1 and starts == sorted(starts) and starts[-1] == len(text)


@pytest.mark.parametrize(
    ("words", "value"),
    [("mười lăm", 15), ("ba mươi", 30), ("hai mươi tư", 24), ("hai mươi mốt", 21), ("một trăm linh năm", 105),
     ("mười", 10), ("bảy", 7), ("một nghìn hai trăm", 1200), ("hai triệu", 2_000_000), ("ngày", None), ("", None)],
)
def test_number_words(words: str, value: int | None) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.200.000", 1_200_000), ("1,200,000", 1_200_000), ("50.000", 50_000), ("1,5", 1.5), ("2.5", 2.5),
     ("05", 5), ("1.500", 1500), ("1.200.000,50", 1_200_000.5), ("1,2,3", None), ("abc", None), ("", None)],
)
def test_decimal_separators(text: str, value: float | None) -> None:
    assert parse_decimal(text) == value


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,-–/()ngàyNgàylmviệcgiờthánnăm mườilăm tuầnphútkểtừ\n;ạ\u0300")), max_size=80))
def test_parse_duration_never_raises_on_duration_like_text(text: str) -> None:
    result = parse_duration(text)
    assert result is None or result.text == text.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_parse_duration_and_find_durations_never_raise(text: str) -> None:
    parse_duration(text)
    for span in find_durations(text):
        assert 0 <= span.start < span.end <= len(text)


def _channel_durations() -> list[str]:
    corpus = shared_path("corpus-real")
    texts: list[str] = []
    with gzip.open(corpus / "portal-docx" / "records.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            texts += [row.get("Thời hạn giải quyết") or "" for row in json.loads(line).get("cach_thuc_thuc_hien") or []]
    for path in glob.glob(str(corpus / "bqp-structured" / "*.json")):
        with open(path, encoding="utf-8") as handle:
            rows = (json.load(handle).get("tables") or {}).get("hinh_thuc_nop") or []
        texts += [row.get("thoi_han_giai_quyet") or "" for row in rows]
    with open(corpus / "csdl-2021" / "records.json", encoding="utf-8") as handle:
        for record in json.load(handle):
            texts += [row.get("Thời hạn giải quyết") or "" for row in record.get("Cách thức thực hiện") or []]
    return [text for text in texts if text.strip()]


@pytest.mark.slow
@pytest.mark.shared
def test_real_channel_durations_are_read() -> None:
    """≥ 97 % of non-empty cells get a value (a unit, or flagged ambiguous) or are stated as unspecified,
    and ≥ 97 % of the cells that do state a time get a value."""
    texts = _channel_durations()
    parsed = [parse_duration(text) for text in texts]
    with_value = sum(1 for d in parsed if d is not None and d.value is not None)
    unspecified = sum(1 for d in parsed if d is not None and d.unspecified)
    ambiguous = sum(1 for d in parsed if d is not None and d.ambiguous)
    assert len(texts) > 6000
    assert (with_value + unspecified) / len(texts) >= 0.97
    assert with_value / (len(texts) - unspecified) >= 0.97
    assert ambiguous / len(texts) < 0.03  # bare numbers stay rare and flagged
