"""state_held_document over the registry entries of round 6: health certificates, business-register changes,
nationality papers, vehicle safety certificates, poor and near-poor households, người có công decisions; the foreign
alternative of an item ("… hoặc bản dịch … do nước ngoài cấp", the foreigner's passport branch) does not make the
Vietnamese paper foreign (items from real records, by procedure code)."""
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


_BHXH = "Bảo hiểm xã hội cấp tỉnh"  # the handling agency of the round-6b items
_RENUNCIATION_2_000755 = ("Bản sao Giấy xác nhận của cơ quan có thẩm quyền về việc thôi quốc tịch Việt Nam hoặc bản dịch "
                          "tiếng Việt được chứng thực của một trong các giấy tờ sau: - Hộ chiếu do nước ngoài cấp. - Thị "
                          "thực của cơ quan nước ngoài có thẩm quyền cấp")
_RENUNCIATION_1_001613 = ("Đối với người ra nước ngoài để định cư phải nộp thêm bản sao Giấy xác nhận của cơ quan có thẩm "
                          "quyền về việc thôi quốc tịch Việt Nam hoặc bản dịch tiếng Việt được chứng thực hoặc công chứng "
                          "một trong các giấy tờ sau đây: - Hộ chiếu do nước ngoài cấp.")


@pytest.mark.parametrize(
    ("document", "database"),
    [
        (Doc(name=_RENUNCIATION_2_000755, copy_kind="ban_sao"), "dân cư"),  # 2.000755
        (Doc(name=_RENUNCIATION_1_001613, copy_kind="ban_sao"), "dân cư"),  # 1.001613
        (Doc(name="Giấy chứng nhận hộ nghèo."), "hộ nghèo"),  # 2.000829
        (Doc(name="Giấy chứng nhận hộ cận nghèo kèm theo Giấy chứng nhận khuyết tật do cơ quan có thẩm quyền cấp"),
         "hộ nghèo"),  # 2.000829
        (Doc(name="Giấy chứng nhận là hộ nghèo hoặc hộ cận nghèo do uỷ ban nhân dân xã (bản sao có công chứng)"),
         "hộ nghèo"),  # 1.001714
        # 2.000829: legal aid for người có công: their recognition and allowance decisions are the State's records
        (Doc(name="Quyết định của cơ quan có thẩm quyền công nhận là người có công với cách mạng theo quy định của Pháp "
                  "lệnh ưu đãi người có công với cách mạng"), "người có công"),
        (Doc(name="Quyết định trợ cấp, phụ cấp do cơ quan có thẩm quyền cấp xác định là người có công với cách mạng"),
         "người có công"),
        # 2.000129, 1.000376: the Vietnamese head of a foreign trader's branch; the passport branch is the foreigner's
        (Doc(name="Bản sao hộ chiếu hoặc giấy chứng minh nhân dân hoặc thẻ căn cước công dân (nếu là người Việt Nam) hoặc "
                  "bản sao hộ chiếu (nếu là người nước ngoài) của người đứng đầu mới của Chi nhánh", copy_kind="ban_sao"),
         "dân cư"),
    ],
)
def test_round6b_papers_are_state_held(document: Doc, database: str) -> None:
    [finding] = _findings(document, agency=_BHXH)
    assert database in finding.message_params["database"]
    assert finding.suggestion.action == "reuse_state_data"
    assert any("66.7/2025" in g.document for g in finding.legal_ground)


@pytest.mark.parametrize(
    "document",
    [
        # the foreign paper itself, before or without a translation alternative: still foreign
        Doc(name="Bản sao Hộ chiếu do nước ngoài cấp hoặc bản dịch tiếng Việt được chứng thực"),
        Doc(name="Bản sao Giấy xác nhận về việc thôi quốc tịch Việt Nam do cơ quan có thẩm quyền nước ngoài cấp"),
        # the translation is the alternative: a foreign exemption before "hoặc bản dịch" still applies to its paper
        Doc(name="Giấy xác nhận mất quốc tịch Việt Nam do nước ngoài cấp hoặc bản dịch có chứng thực"),
        # the lookup is already offered, or the household is described, not its certificate
        Doc(name="Giấy chứng nhận hộ nghèo (trường hợp đã có dữ liệu trên cơ sở dữ liệu thì không phải nộp)"),
        Doc(name="Đơn đề nghị của người thuộc hộ nghèo, hộ cận nghèo"),
        # a statement about the person, not the State's decision
        Doc(name="Bản khai của thân nhân người có công với cách mạng"),
        # 1.010237: the Vietnamese branch is itself limited to the database not running yet (a fallback)
        Doc(name="Chứng minh nhân dân hoặc căn cước công dân (đối với người Việt Nam) trong trường hợp cơ sở dữ liệu quốc "
                 "gia về dân cư chưa đưa vào vận hành hoặc hộ chiếu (đối với người nước ngoài) còn hiệu lực (bản sao có "
                 "chứng thực)", copy_kind="ban_sao_chung_thuc"),
        # only the foreigner's branch is asked
        Doc(name="Bản sao hộ chiếu (nếu là người nước ngoài) của người đứng đầu Chi nhánh", copy_kind="ban_sao"),
    ],
)
def test_round6b_look_alikes_stay_clean(document: Doc) -> None:
    assert _findings(document, agency=_BHXH) == []


def test_a_lost_record_reregistration_is_not_state_held() -> None:
    assert _findings(Doc(name="Giấy chứng nhận hộ nghèo"), name="Đăng ký lại khai sinh", agency=_BHXH) == []
