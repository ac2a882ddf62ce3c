"""Round 10 (session 25) recall of paperwork: the foreigner's work permit and the list of insured workers as
State-held papers, certified copies demanded of the papers sent by post in the civil-status templates, several
originals stated as "bản gốc" (items from real records, by procedure code), with look-alikes that stay clean."""
from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Case, DocumentRequirement, Procedure

Doc = DocumentRequirement


def _found(document: Doc, rule: str, name: str = "Thủ tục thử", agency: str | None = "Sở Y tế") -> list:
    procedure = Procedure(code="T.1", name=name, agency=agency,
                          cases=[Case(name="Trường hợp 1", documents=[Doc(name="Đơn đề nghị"), document])])
    return [f for f in detect_kind(procedure, "repeated_paperwork", DetectionContext(rules=load_rules(None)))
            if f.rule == rule]


@pytest.mark.parametrize(
    ("document", "agency", "database"),
    [
        # 1.004756: the foreigner's work permit, issued and kept by Việt Nam's labour authority
        (Doc(name="Đối với người nước ngoài, ngoài những giấy tờ nêu trên còn phải có Giấy phép lao động hoặc giấy xác "
                  "nhận không thuộc diện cấp giấy phép lao động"), "Sở Y tế", "giấy phép lao động"),
        # 1.007631: a foreign auditor's work permit asked by the Bộ Tài chính
        (Doc(name="Bản sao Giấy phép lao động tại Việt Nam của kiểm toán viên là người nước ngoài trừ trường hợp pháp "
                  "luật lao động Việt Nam quy định không cần phải có giấy phép lao động"), "Bộ Tài chính",
         "giấy phép lao động"),
        # 1.003116, 2.000639: the list of workers already insured, certified by the insurance agency
        (Doc(name="Danh sách người lao động đang tham gia bảo hiểm xã hội trong Công an nhân dân (nếu có)"),
         "Cục Tổ chức cán bộ", "bảo hiểm"),
        # 1.007610: the list of workers with their contribution levels
        (Doc(name="Hồ sơ hỗ trợ kinh phí đóng bảo hiểm: Danh sách lao động là người dân tộc thiểu số, mức đóng bảo hiểm "
                  "xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp có xác nhận của cơ quan bảo hiểm"),
         "Cục Phát triển doanh nghiệp nhà nước - Bộ tài chính", "bảo hiểm"),
    ],
)
def test_round10_papers_are_state_held(document: Doc, agency: str, database: str) -> None:
    [finding] = _found(document, "state_held_document", agency=agency)
    assert database in finding.message_params["database"]
    assert any("66.7/2025" in g.document for g in finding.legal_ground)


@pytest.mark.parametrize(
    ("document", "agency"),
    [
        # a permit a foreign authority issued is not in a Vietnamese record
        (Doc(name="Bản sao giấy phép lao động do cơ quan có thẩm quyền nước ngoài cấp"), "Sở Y tế"),
        # the labour authority renewing the permit asks its own record (self_issued_document's, not this rule's)
        (Doc(name="Giấy phép lao động đã được cấp"), "Cục Việc làm"),
        # the insurance agency asking its own participants' list
        (Doc(name="Danh sách người lao động đang tham gia bảo hiểm xã hội trong Công an nhân dân (nếu có)"),
         "Bảo hiểm xã hội tỉnh"),
        # a list of people to be insured is new data the applicant draws up, not the insurance records
        (Doc(name="Danh sách người lao động đề nghị tham gia bảo hiểm xã hội theo mẫu"), "Sở Y tế"),
        # a declared number of the permit, not the paper
        (Doc(name="Tờ khai ghi rõ số giấy phép lao động"), "Sở Y tế"),
    ],
)
def test_round10_look_alikes_stay_clean(document: Doc, agency: str) -> None:
    assert _found(document, "state_held_document", agency=agency) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # 2.000527 (and the civil-status templates 2.000616, 2.000689, 1.000797 …): certified copies only by post
        ("Giấy tờ chứng minh nhân thân. Trường hợp gửi hồ sơ qua đường hệ thống bưu chính thì nộp bản sao các giấy tờ "
         "nêu trên đã được chứng thực hợp lệ.", 1),
        # 1.013004: the channel note of a rooftop-solar registration
        ("Gửi hồ sơ qua bưu điện. Các bản sao tài liệu kèm theo phải được chứng thực.", 1),
        # a plain copy by post: nothing to reduce
        ("Trường hợp gửi hồ sơ qua đường bưu chính thì nộp bản sao các giấy tờ nêu trên.", 0),
    ],
)
def test_certified_copies_of_the_papers_sent_by_post(name: str, expected: int) -> None:
    assert len(_found(Doc(name=name), "certified_copy_postal")) == expected
    assert _found(Doc(name=name), "certified_copy") == []  # the postal rule's, not the general one's


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # 3.000121: "bản gốc" is an original
        ("Số lượng Giấy đăng ký sử dụng tài khoản và mẫu dấu, mẫu chữ ký là 02 bản gốc; số lượng mỗi thành phần hồ sơ "
         "quy định tại điểm b, c, d mục Thành phần hồ sơ thủ tục này là 01 bản (bản chính hoặc bản sao y)", 1),
        ("Giấy đề nghị: 01 bản gốc", 0),  # one original
        ("Giấy đề nghị: 02 bản gốc hoặc bản sao có chứng thực", 0),  # the kinds are alternatives
        # 3.000115: a payment voucher, one original for each party (the payer keeps his as the receipt)
        ("Trường hợp người nộp ngân sách nhà nước tại ngân hàng chưa tham gia phối hợp thu thì cần lập 02 bản gốc chứng "
         "từ nộp ngân sách nhà nước", 0),
    ],
)
def test_several_originals_stated_as_ban_goc(name: str, expected: int) -> None:
    assert len(_found(Doc(name=name), "original_plus_copy")) == expected
