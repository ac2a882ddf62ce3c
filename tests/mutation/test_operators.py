"""The harness's own paraphrase operators and mutant generators, on small records (no shared data needed)."""

from __future__ import annotations

import random

import pytest

from analyzer.model import Case, Channel, DocumentRequirement, Duration, Procedure, Step
from bench import mutation as m


def rng() -> random.Random:
    return random.Random(0)


@pytest.mark.parametrize(("operator", "text", "expected"), [
    (m.upper_case, "Đơn đề nghị cấp phép", "ĐƠN ĐỀ NGHỊ CẤP PHÉP"),
    (m.without_diacritics, "Giấy đề nghị Đăng ký", "Giay de nghi Dang ky"),
    (m.cut_to_head, "Bản sao giấy khai sinh của người con (nếu có)", "Bản sao giấy khai sinh của người con"),
    (m.cut_to_head, "Văn bản đề nghị do Sở Tài chính cấp", "Văn bản đề nghị"),
    (m.cut_to_head, "Đề án giải thể cơ sở giáo dục theo Mẫu số 02", "Đề án giải thể cơ sở giáo dục"),
    (m.cut_to_head, "Đơn đề nghị (mẫu 01)", "Đơn đề nghị (mẫu 01)"),  # the head would be too short to name a paper
    (m.swap_abbreviation, "Bản sao Giấy chứng nhận đầu tư", "Bản sao GCN đầu tư"),
    (m.swap_abbreviation, "Bản sao CCCD", "Bản sao căn cước công dân"),
    (m.swap_abbreviation, "Văn bản của Uỷ ban nhân dân xã", "Văn bản của UBND xã"),
    (m.swap_abbreviation, "Tờ khai", "Tờ khai"),
    (m.reorder_coordination, "Bản vẽ và thuyết minh", "thuyết minh và Bản vẽ"),
    (m.reorder_coordination, "Tờ khai", "Tờ khai"),
    (m.near_synonym, "Tiếp nhận hồ sơ", "Nhận hồ sơ"),
    (m.near_synonym, "Cán bộ thẩm định hồ sơ", "Cán bộ xem xét, thẩm định hồ sơ"),
    (m.near_synonym, "Bộ phận một cửa kiểm tra hồ sơ", "Bộ phận một cửa kiểm tra lại hồ sơ"),
    (m.near_synonym, "Công bố danh sách", "Công bố danh sách"),
])
def test_operator_rewrites_as_a_reviewer_would(operator, text, expected):
    assert operator(text, rng()) == expected


@pytest.mark.parametrize(("operator", "text", "choices"), [
    (m.with_count, "Đơn đề nghị", [f"{p} đơn đề nghị" for p in m.COUNT_PREFIXES]),
    (m.with_copy_note, "Giấy phép.", [f"Giấy phép{n}" for n in m.COPY_NOTES]),
    (m.with_form_reference, "Tờ khai;", [f"Tờ khai{n}" for n in m.FORM_REFERENCES]),
    (m.with_optional_remark, "Văn bản ủy quyền", [f"Văn bản ủy quyền{n}" for n in m.OPTIONAL_REMARKS]),
    (m.with_opener, "Quyết định danh sách.", [f"{o}quyết định danh sách." for o in m.OPENERS]),
])
def test_operator_adds_one_of_its_phrases(operator, text, choices):
    assert operator(text, rng()) in choices


def test_repunctuate_changes_only_punctuation():
    out = m.repunctuate("Kiểm tra hồ sơ, trả kết quả.", rng())
    assert out != "Kiểm tra hồ sơ, trả kết quả."
    assert out.replace(";", ",").rstrip(".,") == "Kiểm tra hồ sơ, trả kết quả"


def test_paraphrase_is_seeded_and_changes_the_text():
    text = "Giấy chứng nhận quyền sử dụng đất và tài sản gắn liền với đất"
    first = m.paraphrase(text, m.PAPER_OPERATORS, random.Random(7))
    assert first == m.paraphrase(text, m.PAPER_OPERATORS, random.Random(7))
    assert first != text


def record() -> Procedure:
    return Procedure(
        code="9.999999", name="Thủ tục thử", field="Thử", level="Cấp tỉnh",
        steps=[Step(index=1, text="Tiếp nhận hồ sơ"),
               Step(index=2, text="Thẩm định hồ sơ: kiểm tra tính hợp lệ của hồ sơ; trình lãnh đạo ký quyết định")],
        channels=[Channel(mode="truc_tuyen", duration=Duration(text="5 ngày", value=5, unit="working_day", working_days=5)),
                  Channel(mode="truc_tiep", duration=Duration(text="5 ngày", value=5, unit="working_day", working_days=5))],
        cases=[Case(documents=[DocumentRequirement(name="Chứng từ nộp lệ phí trước bạ"),
                               DocumentRequirement(name="Tờ khai đăng ký theo mẫu")])],
    )


def test_duplicate_document_appends_a_paraphrase_to_the_same_case():
    original = record()
    mutant = m.duplicate_document(original, set(), rng())
    assert mutant is not None and mutant.positive
    assert mutant.target == ("documents", 0, 2)
    assert mutant.procedure.cases[0].documents[2].name == mutant.mutated
    assert len(original.cases[0].documents) == 2  # the original is left as it was


def test_duplicate_step_appends_after_the_last_step():
    mutant = m.duplicate_step(record(), set(), rng())
    assert mutant is not None
    assert mutant.target == ("steps", None, 2)
    assert mutant.procedure.steps[2].index == 3


def test_long_time_without_peers_sets_200_working_days_on_every_channel_targeting_the_in_person_one():
    original = record()
    mutant = m.long_time(original, set(), rng(), peers=m_empty_peers())
    assert mutant is not None
    assert mutant.target == ("channels", None, 1)
    assert [c.duration.working_days for c in mutant.procedure.channels] == [200] * len(original.channels)
    assert original.channels[1].duration is None or original.channels[1].duration.working_days != 200


def test_generators_leave_alone_the_items_a_finding_already_points_at():
    flagged = {("channels", None, 0), ("channels", None, 1)}
    assert m.long_time(record(), flagged, rng(), peers=m_empty_peers()) is None
    papers = {("documents", 0, 0), ("documents", 0, 1)}
    assert m.duplicate_document(record(), papers, rng()) is None
    assert m.new_case(record(), papers, rng()) is None


def m_empty_peers():
    from analyzer.detect.peers import PeerStats

    return PeerStats()


def test_new_case_puts_the_same_paper_in_a_case_of_its_own():
    mutant = m.new_case(record(), set(), rng())
    assert mutant is not None and not mutant.positive
    added = mutant.procedure.cases[-1]
    assert added.name.startswith("Trường hợp") and added.documents[0].name == mutant.original


def test_instalment_pairs_two_instalments_of_a_payment_paper():
    mutant = m.instalment(record(), set(), rng())
    assert mutant is not None
    assert mutant.original == "Chứng từ nộp lệ phí trước bạ lần 1"  # only a payment paper has instalments
    assert mutant.base.cases[0].documents[0].name == mutant.original
    assert mutant.procedure.cases[0].documents[-1].name == "Chứng từ nộp lệ phí trước bạ lần 2"


def test_instalment_needs_a_payment_paper():
    procedure = record()
    procedure.cases[0].documents = [DocumentRequirement(name="Tờ khai đăng ký theo mẫu")]
    assert m.instalment(procedure, set(), rng()) is None


def test_party_copy_adds_the_other_partys_copy():
    mutant = m.party_copy(record(), set(), rng())
    assert mutant is not None
    ones = {f" của {a}" for a, _ in m.PARTIES}
    others = {f" của {b}" for _, b in m.PARTIES}
    assert any(mutant.original.endswith(o) for o in ones) and any(mutant.mutated.endswith(o) for o in others)


def test_sub_bullet_repeats_a_clause_of_the_last_step_with_its_number():
    mutant = m.sub_bullet(record(), set(), rng())
    assert mutant is not None
    added = mutant.procedure.steps[-1]
    assert added.index == 2 and added.text[:2] in ("- ", "+ ", "a)")
    assert added.text[2:].strip(" .") in mutant.original
