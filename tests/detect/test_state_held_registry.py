"""state_held_document over the registry entries of round 6: health certificates, business-register changes,
nationality papers, vehicle safety certificates (items from real records, by procedure code)."""
from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Case, DocumentRequirement, Procedure

Doc = DocumentRequirement


def _findings(document: Doc, name: str = "Thủ tục thử", agency: str | None = "Sở Nội vụ",
              config: dict | None = None) -> list:
    procedure = Procedure(code="T.1", name=name, agency=agency,
                          cases=[Case(name="Trường hợp 1", documents=[Doc(name="Đơn đề nghị"), document])])
    return [f for f in detect_kind(procedure, "repeated_paperwork", DetectionContext(rules=load_rules(config)))
            if f.rule == "state_held_document"]


@pytest.mark.parametrize(
    ("document", "database"),
    [
        # 3.000349, 1.013211: a driver's health certificate is sent by the clinic to the electronic health book
        (Doc(name="Giấy khám sức khỏe của người lái xe do cơ sở khám bệnh, chữa bệnh đủ tiêu chuẩn cấp"), "sức khỏe"),
        (Doc(name="Giấy chứng nhận sức khỏe do cơ quan y tế có thẩm quyền cấp"), "sức khỏe"),  # 1.013817
        # 1.007607, 2.002321: division, merger and revocation of a branch registration are in the business register
        (Doc(name="Bản sao quyết định chia, bản sao hợp đồng hợp nhất, bản sao hợp đồng sáp nhập."), "đăng ký doanh nghiệp"),
        (Doc(name="Bản sao quyết định thu hồi giấy chứng nhận đăng ký hoạt động chi nhánh, văn phòng đại diện"),
         "đăng ký doanh nghiệp"),
        (Doc(name="Bản sao chụp quyết định giải thể hoặc phá sản (nếu có) của cơ quan có thẩm quyền"),
         "đăng ký doanh nghiệp"),  # 1.000058
        # 2.000755: nationality is a field of the population database
        (Doc(name="Bản sao Giấy xác nhận của cơ quan có thẩm quyền về việc thôi quốc tịch Việt Nam"), "dân cư"),
        # 1.011667: the type-approval certificate of a vehicle assembled in Việt Nam is in the đăng kiểm database
        (Doc(name="Bản sao Giấy chứng nhận chất lượng an toàn kỹ thuật và bảo vệ môi trường ô tô sản xuất, lắp ráp"),
         "đăng kiểm"),
    ],
)
def test_round6_registry_papers_are_state_held(document: Doc, database: str) -> None:
    [finding] = _findings(document)
    assert database in finding.message_params["database"]
    assert finding.suggestion.action == "reuse_state_data"
    assert any("66.7/2025" in g.document for g in finding.legal_ground)


@pytest.mark.parametrize(
    ("document", "name"),
    [
        # issued abroad, or the lookup already offered: not a finding
        (Doc(name="Giấy khám sức khỏe do cơ quan y tế có thẩm quyền nước ngoài cấp"), "Thủ tục thử"),
        (Doc(name="Giấy khám sức khỏe (trường hợp đã có dữ liệu trên ứng dụng VNeID thì không phải nộp)"), "Thủ tục thử"),
        # the form or the application for the paper, not the paper
        (Doc(name="Đơn đề nghị cấp giấy chứng nhận sức khỏe"), "Thủ tục thử"),
        # a dissolution decided by the enterprise itself is not a State record yet
        (Doc(name="Quyết định giải thể doanh nghiệp"), "Thủ tục thử"),
        # re-registration where the State's record was lost
        (Doc(name="Giấy khám sức khỏe"), "Đăng ký lại khai sinh"),
    ],
)
def test_round6_look_alikes_stay_clean(document: Doc, name: str) -> None:
    assert _findings(document, name=name) == []


def test_a_business_registration_office_reading_its_own_register_is_not_state_held() -> None:
    document = Doc(name="Bản sao quyết định thu hồi giấy chứng nhận đăng ký hoạt động chi nhánh")
    assert _findings(document, agency="Phòng Đăng ký kinh doanh - Sở Tài chính") == []


@pytest.mark.parametrize(
    "name",
    [  # 2.002060, 1.013842: the merger registration receives the contract itself; it is its input, not a lookup
        "Hợp đồng sáp nhập theo quy định tại Điều 201 Luật Doanh nghiệp",
        "Hợp đồng sáp nhập Văn phòng công chứng, trong đó có các nội dung chủ yếu sau: Tên, địa chỉ",
    ],
)
def test_a_merger_contract_filed_to_register_the_merger_is_not_state_held(name: str) -> None:
    assert _findings(Doc(name=name)) == []
