"""Splitting "Trình tự thực hiện" into steps."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.parse.steps import split_steps
from support import shared_path


@pytest.mark.parametrize(
    ("text", "texts", "titles"),
    [
        (
            "Bước 1: Nộp hồ sơ tại UBND.\nBước 2: Kiểm tra hồ sơ.\nBước 3: Trả kết quả.",
            ["Nộp hồ sơ tại UBND.", "Kiểm tra hồ sơ.", "Trả kết quả."],
            ["Nộp hồ sơ tại UBND", "Kiểm tra hồ sơ", "Trả kết quả"],
        ),
        (  # run together in one paragraph, with and without a colon
            "Bước 1: Nộp hồ sơ hợp lệ.Bước 2: Kiểm tra. Bước 3 Trả kết quả",
            ["Nộp hồ sơ hợp lệ.", "Kiểm tra.", "Trả kết quả"],
            ["Nộp hồ sơ hợp lệ", "Kiểm tra", "Trả kết quả"],
        ),
        (
            "- Bước 1: Chuẩn bị hồ sơ.\n- Bước 2: Nộp hồ sơ.\n+ Trường hợp nộp trực tuyến: qua Cổng.\n- Bước 3: Nhận kết quả.",
            ["Chuẩn bị hồ sơ.", "Nộp hồ sơ.\n+ Trường hợp nộp trực tuyến: qua Cổng.", "Nhận kết quả."],
            ["Chuẩn bị hồ sơ", "Nộp hồ sơ", "Nhận kết quả"],
        ),
        ("Bước 1. Nộp\nBước 2. Nhận", ["Nộp", "Nhận"], ["Nộp", "Nhận"]),
        ("BƯỚC 1: Nộp\nBƯỚC 2: Nhận", ["Nộp", "Nhận"], ["Nộp", "Nhận"]),
        ("B1: nộp hồ sơ\nB2: nhận kết quả", ["nộp hồ sơ", "nhận kết quả"], ["nộp hồ sơ", "nhận kết quả"]),
        ("Bước một: Nộp\nBước hai: Nhận", ["Nộp", "Nhận"], ["Nộp", "Nhận"]),
        (
            "Bước 1: Thụ lý giải quyết khiếu nại\n\nNgười khiếu nại gửi đơn.\nBước 2: Xác minh",
            ["Thụ lý giải quyết khiếu nại\n\nNgười khiếu nại gửi đơn.", "Xác minh"],
            ["Thụ lý giải quyết khiếu nại", "Xác minh"],
        ),
    ],
)
def test_buoc_markers(text: str, texts: list[str], titles: list[str]) -> None:
    steps = split_steps(text)
    assert [step.text for step in steps] == texts
    assert [step.title for step in steps] == titles
    assert [step.index for step in steps] == list(range(1, len(texts) + 1))
    assert all(step.actor is None and step.action is None for step in steps)


@pytest.mark.parametrize(
    "text",
    [
        "Bước 1: Nộp hồ sơ; thực hiện từng bước theo hướng dẫn, các bước tiếp theo do cơ quan báo.\nBước 2: Nhận kết quả.",
        "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả, nếu thiếu thì quay lại Bước 1 theo Bước 1 đã nêu.",
        "Bước 1: Nộp hồ sơ (xem bước 3 của quy trình).\nBước 2: Nhận kết quả.",
    ],
)
def test_buoc_as_an_ordinary_word_or_reference_does_not_split(text: str) -> None:
    assert len(split_steps(text)) == 2


def test_restart_at_one_starts_a_new_sequence() -> None:
    text = "Trường hợp nộp trực tiếp:\nBước 1: Nộp\nBước 2: Nhận\nTrường hợp nộp trực tuyến:\nBước 1: Gửi\nBước 2: Nhận"
    assert [step.title for step in split_steps(text)] == ["Nộp", "Nhận", "Gửi", "Nhận"]


@pytest.mark.parametrize(
    ("text", "texts"),
    [
        ("1. Nộp hồ sơ\n1.1. Kiểm tra\n2. Giải quyết\n3. Trả kết quả", ["Nộp hồ sơ\n1.1. Kiểm tra", "Giải quyết", "Trả kết quả"]),
        ("1) Nộp\n2) Nhận", ["Nộp", "Nhận"]),
        ("I. Nộp hồ sơ\nII. Xử lý", ["Nộp hồ sơ", "Xử lý"]),
        ("a) Nộp hồ sơ:\nCơ sở gửi hồ sơ.\nb) Giải quyết:\nCục cấp giấy.", ["Nộp hồ sơ:\nCơ sở gửi hồ sơ.", "Giải quyết:\nCục cấp giấy."]),
        ("- Người dân nộp hồ sơ;\n+ chi tiết\n- Cơ quan giải quyết.", ["Người dân nộp hồ sơ;\n+ chi tiết", "Cơ quan giải quyết."]),
        ("+ Doanh nghiệp nộp hồ sơ.\n+ Bộ có công văn.", ["Doanh nghiệp nộp hồ sơ.", "Bộ có công văn."]),
        ("1. Nộp hồ sơ\n3. Không theo thứ tự\n2. Giải quyết", ["Nộp hồ sơ\n3. Không theo thứ tự", "Giải quyết"]),
    ],
)
def test_numbered_lettered_and_bulleted_lists(text: str, texts: list[str]) -> None:
    steps = split_steps(text)
    assert [step.text for step in steps] == texts
    assert all(step.title is None for step in steps)


def test_numbering_wins_over_bullets_and_buoc_over_numbering() -> None:
    assert len(split_steps("1. Nộp\n- chi tiết a\n- chi tiết b\n2. Nhận")) == 2
    assert len(split_steps("Bước 1: Nộp\n1. hồ sơ a\n2. hồ sơ b\n3. hồ sơ c\nBước 2: Nhận")) == 2


@pytest.mark.parametrize(
    "text",
    ["Cơ quan tiếp nhận hồ sơ và trả kết quả trong thời hạn 05 ngày làm việc.", "- Chỉ một gạch đầu dòng"],
)
def test_text_without_structure_is_one_step(text: str) -> None:
    (step,) = split_steps(text)
    assert (step.index, step.text, step.title) == (1, text, None)


@pytest.mark.parametrize("text", [None, "", "  \n ", "Không có thông tin", "Không"])
def test_nothing_to_split(text: str | None) -> None:
    assert split_steps(text) == []


def test_each_step_gets_its_first_duration() -> None:
    steps = split_steps(
        "Bước 1: Nộp hồ sơ.\nBước 2: Trong thời hạn 10 ngày làm việc, kể từ ngày nhận đủ hồ sơ, Sở thẩm định; "
        "sau đó 05 ngày trình UBND.\nBước 3: Trả kết quả ngay trong ngày."
    )
    assert [step.duration.value if step.duration else None for step in steps] == [None, 10, 0.5]
    assert steps[1].duration is not None and steps[1].duration.unit == "working_day"


@pytest.mark.parametrize("text", ["Trình tự thực hiện:\nBước 1: Nộp\nBước 2: Nhận",
                                  "Trình tự thực hiện:\n- Bước 1: Nộp\n- Bước 2: Nhận"])
def test_short_heading_before_the_first_step_is_dropped(text: str) -> None:
    assert [s.title for s in split_steps(text)] == ["Nộp", "Nhận"]


def test_a_long_preamble_is_kept() -> None:
    preamble = "Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định.\nHồ sơ gồm giấy tờ nêu tại mục Thành phần hồ sơ."
    steps = split_steps(preamble + "\nBước 1: Nộp\nBước 2: Nhận")
    assert steps[0].text == preamble and steps[0].title is None and len(steps) == 3


def test_html_leftovers_are_removed() -> None:
    steps = split_steps("- Bước 1: Chuẩn bị hồ sơ.</p> \n- Bước 2: Nộp hồ sơ tại Công an cấp xã.</p>")
    assert [step.text for step in steps] == ["Chuẩn bị hồ sơ.", "Nộp hồ sơ tại Công an cấp xã."]


def test_long_first_sentence_gives_no_title() -> None:
    (step, _) = split_steps("Bước 1: " + "Cơ sở lập hồ sơ đề nghị " * 10 + "gửi Bộ.\nBước 2: Nhận")
    assert step.title is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Bước 12.:-+ \nabc;()Bbưkhông")), max_size=100))
def test_split_steps_never_raises_and_numbers_from_one(text: str) -> None:
    steps = split_steps(text)
    assert [step.index for step in steps] == list(range(1, len(steps) + 1))
    assert all(step.text for step in steps)


@pytest.mark.slow
@pytest.mark.shared
def test_real_step_texts_with_numbered_buoc_are_split() -> None:
    path = shared_path("corpus-real", "portal-docx", "records.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["fields"].get("Trình tự thực hiện") or "" for line in lines]
    with_two = [text for text in texts if re.search(r"Bước\s*1\b", text) and re.search(r"Bước\s*2\b", text)]
    split = [len(split_steps(text)) >= 2 for text in with_two]
    assert len(with_two) > 500
    assert sum(split) / len(split) >= 0.99
