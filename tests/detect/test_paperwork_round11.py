"""Paperwork readings of round 11, items quoted from real records by procedure code, with look-alikes that stay clean:
the alternatives of a "một trong các giấy tờ …" entry listed again as rows of their own (duplicate_document), a row
opening a case and naming one paper whose counts are that paper's (original_plus_copy), a postal channel note whose
certified-copy demand is its second sentence (certified_copy_postal)."""
from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Case, Channel, DocumentRequirement, Procedure

Doc = DocumentRequirement

# 1.013238, 1.013225 (construction-permit template, NĐ 175/2024/NĐ-CP Điều 53): the choice, then its alternatives again
_LISTING = ("Một trong những giấy tờ hợp pháp về đất đai chứng minh sự phù hợp mục đích sử dụng đất và sở hữu công trình "
            "để cấp phép xây dựng theo quy định tại Điều 53 của Nghị định số 175/2024/NĐ-CP bao gồm: + Giấy chứng nhận "
            "quyền sử dụng đất được cấp theo quy định của Luật Đất đai qua các thời kỳ. + Giấy chứng nhận quyền sở hữu "
            "nhà ở và quyền sử dụng đất ở được cấp theo quy định của pháp luật về đất đai, pháp luật về nhà ở qua các "
            "thời kỳ.")
_LAND = ("Giấy chứng nhận quyền sử dụng đất được cấp theo quy định của Luật Đất đai qua các thời kỳ. Trường hợp Giấy chứng "
         "nhận quyền sử dụng đất đã có trong Cơ sở dữ liệu quốc gia về đất đai thì các thông tin này được thay thế bằng "
         "dữ liệu")
_HOUSE = ("Giấy chứng nhận quyền sở hữu nhà ở và quyền sử dụng đất ở được cấp theo quy định của pháp luật về đất đai, "
          "pháp luật về nhà ở qua các thời kỳ.")


def _run(rule: str, documents: list[Doc], channels: list[Channel] | None = None) -> list:
    procedure = Procedure(code="T.1", name="Thủ tục thử", agency="Sở Xây dựng",
                          cases=[Case(name="Đối với công trình theo tuyến", documents=documents)], channels=channels or [])
    return [f for f in detect_kind(procedure, "repeated_paperwork", DetectionContext(rules=load_rules(None)))
            if f.rule == rule]


def test_alternatives_listed_again_as_rows_are_a_paper_asked_again() -> None:
    documents = [Doc(name="Đơn đề nghị cấp giấy phép xây dựng theo Mẫu số 1"), Doc(name=_LAND), Doc(name=_LISTING),
                 Doc(name=_HOUSE)]
    [finding] = _run("duplicate_document", documents)
    assert [e.index for e in finding.evidence] == [2, 1, 3]  # the choice is kept, the rows are removed
    assert "liệt kê thành mục riêng" in finding.message


@pytest.mark.parametrize(
    "documents",
    [
        # the land papers flattened from the choice, without the choice itself: alternatives (round-6/7 audits: wrong)
        [Doc(name="Đơn đề nghị"), Doc(name=_LAND), Doc(name=_HOUSE)],
        # the choice alone
        [Doc(name="Đơn đề nghị"), Doc(name=_LISTING)],
        # 1.007956: a long entry that pastes a later list ("… nộp các tài liệu sau:") is not the choice
        [Doc(name="Tài liệu quy định tại điểm c khoản 2 Điều 9 Thông tư 34/2024/TT-NHNN hoặc thư cam kết của chủ sở "
                   "hữu về việc được phép thực hiện tại nước nơi chủ sở hữu đặt trụ sở chính; (vi) Đối với trường hợp "
                   "đã tham gia hệ thống, ngân hàng nộp một trong các tài liệu sau: + Tài liệu mô tả về hệ thống thanh "
                   "toán quốc tế đề nghị cấp bổ sung"),
         Doc(name="Tài liệu mô tả về hệ thống thanh toán quốc tế đề nghị cấp bổ sung")],
    ],
)
def test_alternatives_look_alikes_stay_clean(documents: list[Doc]) -> None:
    assert _run("duplicate_document", documents) == []


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # 1.009060: "Bản chính: 2" of the one paper the case row names
        (Doc(name="Trường hợp khách mua hàng vượt định mức miễn thuế theo quy định: Phiếu thông báo", originals=2), 1),
        # 2.000667: the borrower's authorisation in two originals
        (Doc(name="Đối với người vay: Giấy ủy quyền (mẫu số 01/UQ)", originals=2), 1),
        # a case row listing several papers: the counts are of no one paper
        (Doc(name="Đối với người tham gia: - Tờ khai tham gia (Mẫu TK1-TS); - Sổ BHXH", originals=1, copies=1), 0),
        # a case row describing what to file, not naming a paper after its colon
        (Doc(name="Trường hợp khấu trừ gián tiếp: Người nộp thuế đã nộp thuế thu nhập doanh nghiệp", originals=1,
             copies=1), 0),
        # one original of the paper
        (Doc(name="Trường hợp khách mua hàng vượt định mức miễn thuế theo quy định: Phiếu thông báo", originals=1), 0),
    ],
)
def test_a_case_row_naming_one_paper_counts_that_paper(document: Doc, expected: int) -> None:
    assert len(_run("original_plus_copy", [Doc(name="Đơn đề nghị"), document])) == expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        # 1.013005, 1.013004: the postal channel's note demands certified copies in its second sentence
        ("Gửi hồ sơ qua bưu điện. Các bản sao tài liệu kèm theo phải được chứng thực.", 1),
        # said of every channel: not a demand of postal filers only
        ("Nộp trực tiếp hoặc qua bưu điện. Các bản sao tài liệu kèm theo phải được chứng thực.", 0),
        # the counter's note: a copy with the original to compare
        ("Nộp hồ sơ trực tiếp tại trụ sở cơ quan tiếp nhận hồ sơ. Các bản sao tài liệu kèm theo chưa được chứng thực thì "
         "phải có bản chính để đối chiếu.", 0),
    ],
)
def test_a_postal_channel_note_heads_its_sentences(description: str, expected: int) -> None:
    channels = [Channel(mode="buu_chinh", description=description)]
    assert len(_run("certified_copy_postal", [Doc(name="Đơn đề nghị")], channels)) == expected
