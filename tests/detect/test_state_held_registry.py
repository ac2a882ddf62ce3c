"""state_held_document over the registry entries of round 6: health certificates, business-register changes,
nationality papers, vehicle safety certificates, poor and near-poor households, người có công decisions; the foreign
alternative of an item ("… hoặc bản dịch … do nước ngoài cấp", the foreigner's passport branch) does not make the
Vietnamese paper foreign (items from real records, by procedure code)."""
from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Case, DocumentRequirement, Procedure, Step

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
        # 1.007607: division, merger and revocation of a branch registration are in the business register (not in a tax
        # registration, round 11: 2.002321)
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


# ---------------------------------------------------------------- round 7: lists of alternatives, waivers, new papers

_SERVICE_PROOFS_1_013143 = (
    "* Thành phần hồ sơ 2: Một hoặc một số giấy tờ làm căn cứ xét duyệt, đủ yếu tố chứng minh đúng đối tượng, điều kiện "
    "hưởng chế độ và thời gian công tác của đối tượng (bản chính hoặc bản sao của cấp có thẩm quyền): - Quyết định phục "
    "viên, xuất ngũ, thôi việc; - Lý lịch quân nhân; - Phiếu lập sổ trợ cấp phục viên, xuất ngũ, chuyển ngành; sổ bảo "
    "hiểm xã hội; quyết định cấp giấy chứng nhận thương binh")
_SERVICE_PROOFS_2_002757 = (
    "Thành phần hồ sơ 2 (nếu có): Một hoặc một số giấy tờ làm căn cứ xét duyệt, gồm: - Giấy tờ gốc hoặc được coi như giấy "
    "tờ gốc: + Giấy xác nhận quá trình công tác của đơn vị cũ trước khi thôi việc hoặc hết nhiệm vụ; + Quyết định tuyển "
    "dụng, thôi việc hoặc hết nhiệm vụ; + Lý lịch cán bộ công chức, viên chức; lý lịch đảng viên; sổ bảo hiểm xã hội (nếu có).")
_LAND_LOOKUP_1_009645 = (
    "Thông tin về tài liệu chứng minh quyền sử dụng đất để cơ quan nhà nước có thẩm quyền tra cứu trên cơ sở dữ liệu hoặc "
    "bản sao hợp lệ Quyết định giao đất hoặc bản sao Quyết định cho thuê đất, hợp đồng cho thuê quyền sử dụng đất hoặc bản "
    "sao Giấy chứng nhận quyền sử dụng đất, Giấy chứng nhận quyền sở hữu nhà ở và quyền sử dụng đất ở")
_LAND_PROOFS_2_002750 = (
    "Bản sao một trong các giấy tờ chứng minh đang có quyền sử dụng đất đối với tổ chức kinh doanh bất động sản đang có "
    "quyền sử dụng đất trong các trường hợp: + Tổ chức đang sử dụng đất và đã được cấp Giấy chứng nhận quyền sử dụng đất")
_TERMINATION_2_000839 = (
    "Đối với người lao động không thuộc các trường hợp nêu trên nộp: + Đề nghị hưởng trợ cấp thất nghiệp theo Mẫu số 03; "
    "+ Bản chính hoặc bản sao có chứng thực của một trong các giấy tờ xác nhận về việc chấm dứt hợp đồng lao động hoặc hợp "
    "đồng làm việc; + Sổ bảo hiểm xã hội")
_PENSIONER_1_002759 = (
    "hồ sơ gồm một trong các loại giấy tờ sau a) Người chỉ tham gia BHYT thay đổi họ, tên. Hồ sơ gửi kèm theo gồm một trong "
    "các giấy tờ sau: Căn cước công dân hoặc hộ chiếu hoặc giấy Thông báo số định danh cá nhân và thông tin trong Cơ sở dữ "
    "liệu quốc gia về dân cư b) Trường hợp người tham gia đang hưởng chế độ hưu trí hoặc trợ cấp BHXH do cơ quan BHXH quản "
    "lý đề nghị điều chỉnh để đi khám bệnh, chữa bệnh: Căn cước công dân (theo hướng dẫn tại Công văn số 2754/BHXH-CSXH)")


@pytest.mark.parametrize(
    ("document", "agency", "database"),
    [
        # 2.002165: the claimant's identity paper, named generically
        (Doc(name="Giấy tờ chứng minh nhân thân của người yêu cầu bồi thường", copy_kind="ban_chinh"), None, "dân cư"),
        # 1.012910, 1.013817: copies of Vietnamese diplomas, named generically
        (Doc(name="Bản sao chứng thực bằng tốt nghiệp từ trung học phổ thông (hoặc tương đương) trở lên.",
             copy_kind="ban_sao_chung_thuc"), None, "văn bằng"),
        (Doc(name="Bản sao văn bằng, chứng chỉ, chứng nhận chuyên môn về chuyên ngành công tác xã hội", copy_kind="ban_sao"),
         None, "văn bằng"),
        # 1.009644: the land right of the project site, named generically (no lookup offered in this row)
        (Doc(name="Trường hợp dự án đầu tư không đề nghị Nhà nước giao đất, cho thuê đất thì nộp bản sao giấy tờ về quyền "
                  "sử dụng đất hoặc bản sao tài liệu khác xác định quyền sử dụng địa điểm", copy_kind="ban_sao"),
         None, "đất đai"),
        # 1.004694: the UBND tỉnh asks the port's land paper; it does not endorse it, so the original asks the data again
        (Doc(name="Văn bản thể hiện quyền sử dụng vùng đất của cảng", copy_kind="ban_chinh"), "Ủy ban nhân dân cấp tỉnh",
         "đất đai"),
        # 1.003204: a list headed by the State-held paper still asks for it
        (Doc(name="Bản sao hợp lệ một trong các loại văn bản sau đây: a) Giấy chứng nhận đăng ký kinh doanh; Giấy chứng nhận "
                  "đăng ký doanh nghiệp", copy_kind="ban_sao"), None, "đăng ký doanh nghiệp"),
        # 2.000839: a list without a colon ends at the next item; the insurance book after it is asked on its own
        (Doc(name=_TERMINATION_2_000839), "Trung tâm Dịch vụ việc làm", "bảo hiểm"),
        # 1.002759: a new case ends the list; the pensioner's case asks the card alone
        (Doc(name=_PENSIONER_1_002759, copy_kind="ban_sao"), _BHXH, "dân cư"),
    ],
)
def test_round7_papers_are_state_held(document: Doc, agency: str | None, database: str) -> None:
    [finding] = _findings(document, agency=agency)
    assert database in finding.message_params["database"]
    assert finding.suggestion.action == "reuse_state_data"


@pytest.mark.parametrize(
    ("document", "name"),
    [
        # 1.013143, 2.002757 (QĐ 5132/QĐ-BQP): the insurance book is one proof of wartime service among many
        (Doc(name=_SERVICE_PROOFS_1_013143), "Thủ tục thử"),
        (Doc(name=_SERVICE_PROOFS_2_002757), "Thủ tục thử"),
        # 2.002750: the land certificate is one alternative further down a list of land proofs
        (Doc(name=_LAND_PROOFS_2_002750, copy_kind="ban_sao"), "Thủ tục thử"),
        # 1.008759: direct tax registration; the organisation is not in the business register
        (Doc(name="Bản sao Quyết định tách tổ chức hoặc Bản sao hợp đồng sáp nhập hoặc văn bản tương đương",
             copy_kind="ban_sao"), "Đăng ký thuế trong trường hợp chia, tách, hợp nhất, sáp nhập tổ chức"),
        # 1.009645: the investor may give only the reference of the land paper for a lookup
        (Doc(name=_LAND_LOOKUP_1_009645, copy_kind="ban_sao"), "Thủ tục thử"),
        # a procedure on the diploma itself: the copy is its object, not a lookup
        (Doc(name="Bản sao văn bằng, chứng chỉ", copy_kind="ban_sao"), "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"),
        # a foreign diploma is not in the Vietnamese database
        (Doc(name="Bản sao văn bằng, chứng chỉ do cơ sở giáo dục nước ngoài cấp", copy_kind="ban_sao"), "Thủ tục thử"),
    ],
)
def test_round7_look_alikes_stay_clean(document: Doc, name: str) -> None:
    assert _findings(document, name=name) == []


def test_the_business_register_change_still_fires_outside_direct_tax_registration() -> None:
    document = Doc(name="Bản sao Quyết định tách tổ chức hoặc Bản sao hợp đồng sáp nhập hoặc văn bản tương đương",
                   copy_kind="ban_sao")
    [finding] = _findings(document, name="Đăng ký thay đổi nội dung đăng ký doanh nghiệp")
    assert "đăng ký doanh nghiệp" in finding.message_params["database"]


def test_the_insurance_book_outside_a_proof_list_fires() -> None:
    assert len(_findings(Doc(name="Sổ bảo hiểm xã hội", copy_kind="ban_sao"))) == 1


def test_a_case_only_for_applicants_without_an_electronic_identity_is_not_state_held() -> None:
    """2.002016: the ID copy is asked only in the case "Trường hợp chưa có tài khoản định danh điện tử"."""
    copy = Doc(name="Hồ sơ đăng ký doanh nghiệp phải kèm theo bản sao thẻ Căn cước hoặc thẻ Căn cước công dân của người uỷ "
                    "quyền", copy_kind="ban_sao")
    cases = [Case(name="Trường hợp chưa có tài khoản định danh điện tử để thực hiện xác thực điện tử", documents=[copy]),
             Case(name="Trường hợp ủy quyền cho cá nhân", documents=[copy])]
    procedure = Procedure(code="2.002016", name="Hiệu đính thông tin đăng ký doanh nghiệp", agency="Sở Nội vụ", cases=cases)
    findings = [f for f in detect_kind(procedure, "repeated_paperwork", DetectionContext(rules=load_rules(None)))
                if f.rule == "state_held_document"]
    assert [f.evidence[0].case for f in findings] == [1]


def test_a_paper_for_a_stated_case_inside_a_proof_list_fires() -> None:
    """1.002754: in a list of proofs, the death certificate asked "(trường hợp đã từ trần)" is not an alternative."""
    document = Doc(name="Một hoặc một số giấy tờ gốc hoặc được coi như giấy tờ gốc: - Lý lịch cán bộ; sổ bảo hiểm xã hội "
                        "(nếu có); giấy chứng tử, giấy báo tử (trường hợp đã từ trần)", copy_kind="ban_sao")
    [finding] = _findings(document)
    assert "hộ tịch" in finding.message_params["database"]


def test_a_revocation_decision_is_not_the_registers_in_a_tax_registration() -> None:
    """2.002321: the round-10 blind audit judged this finding wrong (not_in_named_database): the organisations that
    register tax at the tax office are outside business registration, so the revocation of their dependent unit's
    certificate is a licensing body's act, not the register's (the expectation before round 11 was the opposite)."""
    document = Doc(name="Bản sao không yêu cầu chứng thực Quyết định chấm dứt hoạt động đơn vị phụ thuộc, hoặc Quyết định "
                        "thu hồi giấy chứng nhận đăng ký hoạt động đối với đơn vị phụ thuộc của cơ quan có thẩm quyền",
                   copy_kind="ban_sao")
    assert not _findings(document, name="Đăng ký thuế đối với trường hợp chuyển đổi mô hình hoạt động của tổ chức")
    # outside a tax registration the same row is still the register's
    [finding] = _findings(document, name="Chấm dứt hoạt động đơn vị phụ thuộc")
    assert "đăng ký doanh nghiệp" in finding.message_params["database"]


@pytest.mark.parametrize(
    ("document", "database"),
    [
        # 1.004157: the port opening asks a copy of the project's EIA approval decision
        (Doc(name="Bản sao hoặc bản sao điện tử Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường "
                  "của dự án", copy_kind="ban_sao"), "môi trường"),
        # 1.014257: the mining licence asks the approved EIA report or the environmental licence
        (Doc(name="Báo cáo đánh giá tác động môi trường đã được phê duyệt kết quả thẩm định hoặc báo cáo đề xuất cấp giấy "
                  "phép môi trường đã được cấp giấy phép môi trường theo quy định của pháp luật"), "môi trường"),
        # 1.003814, 2.001191: each imported shipment's inspection asks the self-declaration filed with the authority
        (Doc(name="Bản tự công bố sản phẩm theo quy định"), "tự công bố"),
    ],
)
def test_round7_environment_and_self_declaration_papers_are_state_held(document: Doc, database: str) -> None:
    [finding] = _findings(document, name="Kiểm tra nhà nước về an toàn thực phẩm nhập khẩu")
    assert database in finding.message_params["database"]
    assert any("66.7/2025" in g.document for g in finding.legal_ground)


@pytest.mark.parametrize(
    ("document", "name"),
    [
        # the application for the licence, not the licence
        (Doc(name="Văn bản đề nghị cấp giấy phép môi trường"), "Thủ tục thử"),
        # a procedure on the licence itself: the licence is its object
        (Doc(name="Giấy phép môi trường đã được cấp"), "Cấp lại giấy phép môi trường"),
        (Doc(name="Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường"),
         "Thẩm định báo cáo đánh giá tác động môi trường"),
    ],
)
def test_round7_environment_look_alikes_stay_clean(document: Doc, name: str) -> None:
    assert _findings(document, name=name) == []


@pytest.mark.parametrize(
    "name",
    [  # 2.002603, 1.009644: the investor's legal status (Luật Đầu tư), for a Vietnamese investor in national databases
        "Tài liệu về tư cách pháp lý của nhà đầu tư",
        "Giải trình hoặc cung cấp tài liệu liên quan đến việc điều chỉnh (nếu có), bao gồm: + Tài liệu về tư cách pháp lý "
        "của nhà đầu tư",
    ],
)
def test_an_investors_legal_status_is_state_held(name: str) -> None:
    [finding] = _findings(Doc(name=name), name="Thủ tục chấp thuận chủ trương đầu tư")
    assert "nhà đầu tư trong nước" in finding.message_params["database"]


def test_a_foreign_investors_legal_status_is_not_state_held() -> None:
    document = Doc(name="Tài liệu về tư cách pháp lý của nhà đầu tư nước ngoài đã được hợp pháp hóa lãnh sự")
    assert _findings(document, name="Thủ tục chấp thuận chủ trương đầu tư") == []


# ---------------------------------------------------------------- round 8: procedures a representative mission handles


@pytest.mark.parametrize(
    ("name", "agency", "expected"),
    [
        # 2.000698: Vietnamese citizens registering abroad at a mission: their residence is abroad, although the name
        # says "công dân Việt Nam" (which keeps citizens' papers in procedures that also serve foreigners in Việt Nam)
        ("Thủ tục ghi vào sổ hộ tịch việc ly hôn, huỷ việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có "
         "thẩm quyền của nước ngoài", "Cơ quan đại diện ngoại giao", False),
        ("Thủ tục đăng ký công dân Việt Nam ở nước ngoài", "Cơ quan đại diện Việt Nam ở nước ngoài", False),  # 2.000476
        ("Cấp bản sao trích lục hộ tịch", "Cơ quan lãnh sự", False),
        # look-alikes: the same paper at a commune, and a procedure serving both citizens and foreigners in Việt Nam
        ("Đăng ký kết hôn", "Ủy ban nhân dân cấp xã", True),
        ("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", "Sở Tư pháp", True),
    ],
)
def test_a_procedure_handled_by_a_mission_abroad_asks_no_state_held_paper(name: str, agency: str, expected: bool) -> None:
    document = Doc(name="Giấy tờ chứng minh nơi cư trú để xác định thẩm quyền")
    assert bool(_findings(document, name=name, agency=agency)) is expected


# ---------------------------------------------------------------- round 8: vessel and vehicle registration papers

_INLAND_REGISTRATION = "Đăng ký phương tiện lần đầu đối với phương tiện đang khai thác trên đường thủy nội địa"


@pytest.mark.parametrize(
    ("document", "name", "agency", "database"),
    [
        # 1.004047: the safety certificate shown to the body registering the vessel; the receipt of the registration fee
        (Doc(name="Giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường của phương tiện còn hiệu lực đối với phương tiện "
                  "thuộc diện đăng kiểm", copy_kind="xuat_trinh"), _INLAND_REGISTRATION, "Sở Xây dựng", "đăng kiểm"),
        (Doc(name="Biên lai nộp lệ phí trước bạ (bản chính hoặc bản sao có chứng thực hoặc bản sao điện tử được chứng thực "
                  "từ bản chính) đối với phương tiện thuộc diện phải nộp lệ phí trước bạ", copy_kind="ban_sao_chung_thuc"),
         _INLAND_REGISTRATION, "Sở Xây dựng", "quản lý thuế"),
        # 1.003650: the receipt of a fishing vessel's registration fee
        (Doc(name="Thông tin của Biên lai nộp thuế trước bạ (số, ngày cấp, nơi cấp) do cơ quan thuế phát hành hoặc bản chính "
                  "Biên lai nộp thuế trước bạ của tàu"), "Cấp giấy chứng nhận đăng ký tàu cá",
         "Cơ quan quản lý nhà nước về thủy sản cấp tỉnh", "quản lý thuế"),
        # 1.013076: a car changing owner, at the police
        (Doc(name="Chứng từ lệ phí trước bạ xe"), "Cấp chứng nhận đăng ký xe, biển số xe trong trường hợp thay đổi chủ xe",
         "Công an Xã", "quản lý thuế"),
        # 1.006391: a vessel re-registered for a new seat is not a civil-status record re-registered after a loss
        (Doc(name="Giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường của phương tiện còn hiệu lực để cơ quan đăng ký "
                  "phương tiện kiểm tra", copy_kind="xuat_trinh"),
         "Đăng ký lại phương tiện trong trường hợp chủ phương tiện thay đổi trụ sở", "Uỷ ban Nhân dân cấp xã", "đăng kiểm"),
    ],
)
def test_round8_vessel_and_vehicle_papers_are_state_held(document: Doc, name: str, agency: str, database: str) -> None:
    findings = _findings(document, name=name, agency=agency)
    assert len(findings) == 1 and database in findings[0].message


@pytest.mark.parametrize(
    ("document", "name", "agency"),
    [
        # the registry inspecting the vessel again takes its own certificate in
        (Doc(name="Giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường của phương tiện", copy_kind="ban_chinh"),
         "Cấp lại giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường", "Chi cục Đăng kiểm"),
        # 1.013066: the online registration already uses the fee data ("sử dụng dữ liệu điện tử")
        (Doc(name="Giấy tờ của xe (sử dụng dữ liệu điện tử của Hóa đơn điện tử; Lệ phí trước bạ; Hải quan điện tử). Giấy "
                  "chứng nhận chất lượng an toàn kỹ thuật và bảo vệ môi trường xe nhập khẩu", copy_kind="dien_tu"),
         "Đăng ký xe lần đầu trực tuyến toàn trình đối với xe nhập khẩu", "Công an tỉnh"),
        # the declaration of the fee is filed with the tax office: it is the procedure's own form, not a receipt
        (Doc(name="Tờ khai lệ phí trước bạ theo mẫu 01/LPTB"), "Khai lệ phí trước bạ nhà, đất", "Chi cục Thuế"),
        # a civil-status record re-registered after a loss keeps its exclusion
        (Doc(name="Bản sao Giấy khai sinh"), "Đăng ký lại kết hôn", "Ủy ban nhân dân cấp xã"),
    ],
)
def test_round8_vessel_and_vehicle_look_alikes_stay_clean(document: Doc, name: str, agency: str) -> None:
    assert _findings(document, name=name, agency=agency) == []


# ---------------------------------------------------------------- round 8: diplomas attached or asked without a form


@pytest.mark.parametrize(
    ("document", "name", "agency", "expected"),
    [
        # 1.010939, 3.000525: the diplomas "kèm theo" the head's CV, asked by the body licensing a rehabilitation service
        (Doc(name="Bản lý lịch tóm tắt của người đứng đầu hoặc người đại diện theo pháp luật của cơ sở cung cấp dịch vụ cai "
                  "nghiện ma túy tự nguyện theo Mẫu số 04 kèm theo các văn bằng, chứng chỉ đối với trường hợp thay đổi người "
                  "đại diện theo pháp luật", copy_kind="ban_chinh"),
         "Công bố lại tổ chức, cá nhân cung cấp dịch vụ cai nghiện ma túy tự nguyện", "Ủy ban nhân dân cấp Huyện", True),
        # 3.000522: the diplomas listed with an original count
        (Doc(name="Các văn bằng, chứng chỉ theo quy định tại Khoản 4 Điều 9 Nghị định số 116/2021/NĐ-CP",
             copy_kind="ban_chinh", originals=1, copies=1),
         "Cấp lại giấy phép hoạt động cai nghiện ma túy tự nguyện", "Công an cấp Tỉnh", True),
        # a copy "kèm bản chính để đối chiếu" is still a copy asked (1.003915)
        (Doc(name="Bản sao có chứng thực hoặc bản sao kèm theo bản chính để đối chiếu bằng tốt nghiệp từ đại học trở lên"),
         "Cấp Chứng chỉ hành nghề đấu giá", "Sở Tư pháp", True),
        # look-alikes: a school or education authority acts on the diploma itself; foreign diplomas are exempt
        (Doc(name="Bằng tốt nghiệp trung học cơ sở", copy_kind="ban_chinh"), "Tuyển sinh vào lớp 10",
         "Trường trung học phổ thông", False),
        (Doc(name="Các văn bằng, chứng chỉ do cơ sở giáo dục nước ngoài cấp", copy_kind="ban_chinh"),
         "Công nhận giám đốc trung tâm giáo dục nghề nghiệp", "Ủy ban nhân dân tỉnh", False),
    ],
)
def test_round8_diplomas_asked_outside_education_bodies_are_state_held(document: Doc, name: str, agency: str,
                                                                        expected: bool) -> None:
    assert bool(_findings(document, name=name, agency=agency)) is expected


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # 2.000605: the first paper of a list of proofs of a served sentence, asked by the BHXH settling a pension
        (Doc(name="Trường hợp đã chấp hành xong hình phạt tù giam từ ngày 01/01/1995 đến trước ngày 01/01/2016 thì có thêm "
                  "bản sao của một trong các giấy tờ sau: Giấy chứng nhận chấp hành xong hình phạt tù hoặc Giấy đặc xá tha "
                  "tù trước thời hạn hoặc Quyết định miễn hoặc tạm hoãn chấp hành hình phạt tù", copy_kind="ban_sao"), True),
        # 2.000762
        (Doc(name="Bản sao Giấy chứng nhận chấp hành xong hình phạt tù đối với trường hợp đối tượng bị phạt tù nhưng không "
                  "được hưởng án treo", copy_kind="ban_sao"), True),
        # look-alikes: the applicant's own statement of the sentence, and a court decision (not in this entry)
        (Doc(name="Bản tự khai về thời gian chấp hành hình phạt tù"), False),
        (Doc(name="Bản sao quyết định của Tòa án về việc tuyên bố mất tích", copy_kind="ban_sao"), False),
    ],
)
def test_round8_a_served_sentence_is_in_the_judicial_record_database(document: Doc, expected: bool) -> None:
    findings = _findings(document, name="Giải quyết hưởng lương hưu, trợ cấp hàng tháng", agency="Bảo hiểm xã hội cấp huyện")
    assert bool(findings) is expected
    assert not findings or "lý lịch tư pháp" in findings[0].message


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # 3.000243: the judicial record attached ("kèm theo") to the statement of the person in charge
        (Doc(name="Bản khai lý lịch (Mẫu số 02 tại Phụ lục ban hành kèm theo Nghị định số 56/2023/NĐ-CP) kèm theo Phiếu lý "
                  "lịch tư pháp hoặc Bản khai nhân sự của người chịu trách nhiệm về an ninh, trật tự"), True),
        # look-alikes: a statement that only names the paper; a paper asked only if the national portal lacks it (2.002831)
        (Doc(name="Bản khai lý lịch ghi rõ đã có Phiếu lý lịch tư pháp"), False),
        (Doc(name="Giấy chứng nhận đăng ký doanh nghiệp trong trường hợp tài liệu này chưa được đăng tải trên Cổng thông tin "
                  "quốc gia về đăng ký doanh nghiệp"), False),
    ],
)
def test_round8_a_paper_attached_to_a_statement_is_asked(document: Doc, expected: bool) -> None:
    assert bool(_findings(document, name="Cấp mới Giấy chứng nhận đủ điều kiện về an ninh, trật tự",
                          agency="Công an Xã")) is expected


@pytest.mark.parametrize(
    ("document", "name", "agency", "expected"),
    [
        # 2.000998: the social-policy bank asking for the disability certificate the commune issued
        (Doc(name="Đối với hộ gia đình: Giấy xác nhận khuyết tật của người khuyết tật do Chủ tịch Uỷ ban nhân dân cấp xã xác "
                  "nhận: 02 bản sao", copy_kind="ban_sao"),
         "Thủ tục phê duyệt cho vay đối với Hộ gia đình vay vốn dự án Nippon", "Ngân hàng Chính sách xã hội", True),
        # 1.001776: the commune asking it is asking its own record (self_issued_document's matter)
        (Doc(name="Giấy xác nhận khuyết tật đối với trường hợp người khuyết tật", copy_kind="xuat_trinh"),
         "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng", "Ủy ban nhân dân cấp xã", False),
        # the application to have the certificate issued or exchanged is not the certificate
        (Doc(name="Đơn đề nghị cấp đổi, cấp lại giấy xác nhận khuyết tật theo mẫu số 01"), "Đổi, cấp lại Giấy xác nhận khuyết "
         "tật", "Ủy ban nhân dân xã, phường, thị trấn", False),
    ],
)
def test_round8_the_disability_certificate_is_the_communes_record(document: Doc, name: str, agency: str,
                                                                  expected: bool) -> None:
    assert bool(_findings(document, name=name, agency=agency)) is expected


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # 2.000063: the foreign trader's registration, issued where it was founded and consularly legalised (round-9
        # blind audit, foreign_document): not in Việt Nam's business register
        (Doc(name="Bản sao Giấy đăng ký kinh doanh hoặc giấy tờ có giá trị tương đương của thương nhân nước ngoài"), False),
        (Doc(name="Bản sao Giấy chứng nhận đăng ký doanh nghiệp của doanh nghiệp nước ngoài"), False),
        (Doc(name="Bản sao giấy chứng nhận đăng ký kinh doanh của công ty nước ngoài"), False),
        # look-alike that must still fire: the Vietnamese enterprise's own registration (1.001195)
        (Doc(name="Bản sao Giấy chứng nhận đăng ký doanh nghiệp"), True),
    ],
)
def test_round10_a_foreign_companys_registration_is_not_state_held(document: Doc, expected: bool) -> None:
    assert bool(_findings(document, name="Cấp Giấy phép thành lập Văn phòng đại diện", agency="Sở Công Thương")) is expected


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # 1.002483, 1.002564: a Vietnamese enterprise's business registration or a foreign trader's representative-office
        # licence: the foreign owner belongs to the second alternative only, the registration is still State-held
        (Doc(name="Giấy chứng nhận đăng ký kinh doanh của doanh nghiệp hoặc giấy phép thành lập văn phòng đại diện của "
                  "thương nhân nước ngoài"), True),
        (Doc(name="Trường hợp đơn vị đề nghị xác nhận nội dung quảng cáo là đơn vị được ủy quyền thì phải có các giấy tờ "
                  "sau đây: - Văn bản ủy quyền hợp lệ; - Giấy chứng nhận đăng ký kinh doanh hoặc Giấy phép thành lập Văn "
                  "phòng đại diện của thương nhân nước ngoài của đơn vị được ủy quyền"), True),
        # the foreign alternative first, the registration after it: the registration is a Vietnamese one
        (Doc(name="Bản sao giấy phép thành lập văn phòng đại diện của thương nhân nước ngoài hoặc giấy chứng nhận đăng ký "
                  "kinh doanh"), True),
        # look-alikes that stay clean: 2.000063, an equivalent after the registration shares its foreign owner; the
        # owner in the registration's own alternative; the owner in the part after ";" is not this paper's
        (Doc(name="Bản sao Giấy đăng ký kinh doanh hoặc giấy tờ có giá trị tương đương của thương nhân nước ngoài"), False),
        (Doc(name="Bản sao Giấy đăng ký kinh doanh hoặc giấy tờ khác có giá trị tương đương của công ty nước ngoài"), False),
        (Doc(name="Giấy phép thành lập văn phòng đại diện hoặc giấy chứng nhận đăng ký kinh doanh của doanh nghiệp nước "
                  "ngoài"), False),
    ],
)
def test_round10_a_foreign_owner_exempts_only_its_alternative(document: Doc, expected: bool) -> None:
    assert bool(_findings(document, name="Xác nhận nội dung quảng cáo", agency="Sở Y tế")) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # "…; Giấy chứng nhận đăng ký doanh nghiệp": the foreign owner of the paper before ";" does not reach it
        ("Văn bản của thương nhân nước ngoài cử người đứng đầu; Bản sao Giấy chứng nhận đăng ký doanh nghiệp", True),
        ("Bản sao Giấy chứng nhận đăng ký doanh nghiệp; văn bản của thương nhân nước ngoài", True),
    ],
)
def test_round10_a_foreign_owner_stops_at_a_semicolon(name: str, expected: bool) -> None:
    assert bool(_findings(Doc(name=name), name="Cấp giấy phép kinh doanh", agency="Sở Công Thương")) is expected


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # 1.005138, 3.000466, 3.000468 (round-9 blind gold): the extract of a civil-status change or correction is in
        # the electronic civil-status database
        (Doc(name="Trích lục hoặc quyết định thay đổi hoặc cải chính hộ tịch, xác định lại dân tộc, xác định lại giới "
                  "tính đối với trường hợp chỉnh sửa văn bằng, chứng chỉ do thay đổi hoặc cải chính hộ tịch"), True),
        (Doc(name="Bản sao trích lục thay đổi, cải chính hộ tịch"), True),
        # look-alikes that stay clean: the application to change it, and the extract of a land plot
        (Doc(name="Tờ khai đăng ký thay đổi, cải chính hộ tịch"), False),
        (Doc(name="Trích lục vị trí khu đất mà nhà đầu tư đề xuất thực hiện dự án"), False),
    ],
)
def test_round10_a_civil_status_change_extract_is_state_held(document: Doc, expected: bool) -> None:
    assert bool(_findings(document, name="Chỉnh sửa nội dung văn bằng, chứng chỉ", agency="Sở Giáo dục và Đào tạo")) \
        is expected


@pytest.mark.parametrize(
    ("name", "document", "expected"),
    [
        # 1.000350: in a procedure for a foreign trader, its registration is the foreign one wherever the item names it
        ("Cấp giấy chứng nhận đăng ký quyền xuất khẩu, quyền nhập khẩu của thương nhân nước ngoài không có hiện diện "
         "tại Việt Nam",
         "Bản sao Giấy chứng nhận đăng ký kinh doanh hoặc giấy tờ khác có giá trị tương đương và bản sao giấy chứng minh "
         "thư; báo cáo tài chính và hoạt động của năm trước đó đối với thương nhân nước ngoài là tổ chức kinh tế", False),
        # the same item in a procedure for a Vietnamese trader: the foreign trader is named in another part only
        ("Cấp giấy chứng nhận đăng ký quyền xuất khẩu",
         "Bản sao Giấy chứng nhận đăng ký kinh doanh hoặc giấy tờ khác có giá trị tương đương và bản sao giấy chứng minh "
         "thư; báo cáo tài chính và hoạt động của năm trước đó đối với thương nhân nước ngoài là tổ chức kinh tế", True),
        # 1.001865: a foreign paper in the next sentence's case does not exempt the enterprise registration
        ("Cấp giấy phép hoạt động dịch vụ việc làm",
         "Bản sao quyết định bổ nhiệm của người đại diện theo pháp luật của doanh nghiệp hoặc bản sao giấy chứng nhận đăng "
         "ký doanh nghiệp (đối với trường hợp là người đại diện theo pháp luật). Trường hợp văn bản là văn bản của nước "
         "ngoài thì phải được dịch ra tiếng Việt", True),
    ],
)
def test_round10_a_foreign_owners_procedure(name: str, document: str, expected: bool) -> None:
    assert bool(_findings(Doc(name=document), name=name, agency="Sở Công Thương")) is expected


def _with_steps(documents: list[str], steps: list[str], name: str = "Thủ tục thử", agency: str = "Sở Tư pháp") -> list:
    procedure = Procedure(code="T.1", name=name, agency=agency,
                          steps=[Step(index=i + 1, text=t) for i, t in enumerate(steps)],
                          cases=[Case(name="Trường hợp 1", documents=[Doc(name="Đơn đề nghị"),
                                                                    *(Doc(name=d) for d in documents)])])
    return [f.evidence[0].text for f in detect_kind(procedure, "repeated_paperwork", DetectionContext())
            if f.rule == "state_held_document"]


_ADOPTION_STEP = ("Sở Tư pháp khai thác, sử dụng thông tin trên các cơ sở dữ liệu để thay thế thành phần hồ sơ của người "
                  "nhận con nuôi, cụ thể:\n+) Thông tin trên Cơ sở dữ liệu quốc gia về dân cư để thay thế Hộ chiếu; Thẻ "
                  "Căn cước; Căn cước công dân; Giấy chứng nhận căn cước;\n+) Thông tin trên dữ liệu Sổ sức khỏe điện tử "
                  "tích hợp trên ứng dụng VNeID để thay thế Giấy khám sức khỏe.\nTrường hợp không khai thác được thì hướng "
                  "dẫn người nhận con nuôi bổ sung hồ sơ.")
_NAMED_STEP = ("Thông tin trên Cơ sở dữ liệu quốc gia về dân cư để thay thế Thẻ Căn cước.\nTrường hợp không có thẻ căn cước "
               "thì nộp Giấy khai sinh.")


@pytest.mark.parametrize(
    ("steps", "documents", "kept"),
    [
        # 1.003198, 2.001263 (round-10 blind audit, already_reduced): a step of the 2025 templates says which database
        # replaces which paper, or that the databases replace the dossier's papers: the rows it covers are not findings
        ([_ADOPTION_STEP], ["Bản sao Hộ chiếu, Thẻ căn cước hoặc giấy tờ có giá trị thay thế", "Giấy khám sức khỏe do "
                            "bệnh viện đa khoa cấp", "Giấy khai sinh"], []),
        # 2.001610: replacing "thành phần hồ sơ" from the business register covers its papers, not the tax certificate
        (["Phòng Đăng ký kinh doanh khai thác, sử dụng thông tin đã có trong Cơ sở dữ liệu quốc gia về đăng ký doanh "
          "nghiệp để thay thế thành phần hồ sơ giải quyết thủ tục hành chính."],
         ["Bản sao Giấy chứng nhận đăng ký doanh nghiệp", "Bản sao Giấy chứng nhận đăng ký thuế"],
         ["Bản sao Giấy chứng nhận đăng ký thuế"]),
        # a step that names one paper covers that paper only; the rest of the step (a fallback) waives nothing
        ([_NAMED_STEP], ["Bản sao thẻ căn cước", "Giấy khai sinh"], ["Giấy khai sinh"]),
        # look-alikes that stay clean of the waiver: a step that only looks the file over, or replaces without a database
        (["Sở Tư pháp kiểm tra hồ sơ, tra cứu thông tin người nhận con nuôi."], ["Bản sao thẻ căn cước"],
         ["Bản sao thẻ căn cước"]),
        (["Sử dụng số hộ chiếu của thí sinh để thay thế."], ["Bản sao thẻ căn cước"], ["Bản sao thẻ căn cước"]),
    ],
)
def test_round11_a_waiver_stated_in_a_step_covers_its_papers(steps: list[str], documents: list[str],
                                                            kept: list[str]) -> None:
    assert _with_steps(documents, steps) == kept


@pytest.mark.parametrize(
    ("name", "document", "expected"),
    [
        # 2.002321 (round-10 blind audit, wrong): a tax registration at the tax office is for organisations outside
        # business registration; their dependent unit's certificate and its revocation are a licensing body's
        ("Đăng ký thuế đối với trường hợp chuyển đổi mô hình hoạt động của tổ chức",
         "Bản sao Quyết định thu hồi giấy chứng nhận đăng ký hoạt động đối với đơn vị phụ thuộc của cơ quan có thẩm quyền",
         False),
        ("Đăng ký thuế lần đầu đối với người nộp thuế là tổ chức", "Bản sao Giấy chứng nhận đăng ký hoạt động địa điểm "
         "kinh doanh", False),
        # a border country's organisation registered under its own law
        ("Cấp giấy phép vận tải qua biên giới", "Bản sao Giấy chứng nhận đăng ký kinh doanh theo quy định của pháp luật "
         "của nước có chung biên giới", False),
        # look-alikes that still fire: the same papers outside a tax registration
        ("Cấp giấy phép vận tải qua biên giới", "Bản sao Giấy chứng nhận đăng ký kinh doanh", True),
        ("Giải thể văn phòng đại diện", "Bản sao quyết định thu hồi giấy chứng nhận đăng ký hoạt động chi nhánh", True),
    ],
)
def test_round11_papers_outside_the_business_register(name: str, document: str, expected: bool) -> None:
    assert bool(_findings(Doc(name=document), name=name, agency="Sở Tài chính")) is expected


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # 1.002578 (blind gold): a cooperative's registration, the foreign owner only in the other alternative
        (Doc(name="Bản chính hoặc bản sao có chứng thực: Giấy chứng nhận đăng ký hợp tác xã, liên hiệp hợp tác xã (đối "
                  "với trường hợp chủ tàu là hợp tác xã) hoặc giấy phép thành lập chi nhánh hoặc văn phòng đại diện tại "
                  "Việt Nam (đối với trường hợp chủ tàu là tổ chức nước ngoài)"), True),
        (Doc(name="Bản sao Giấy chứng nhận đăng ký liên hiệp hợp tác xã"), True),
        # look-alikes that stay clean: the foreign organisation's own paper, the application to register a cooperative
        (Doc(name="Bản sao giấy chứng nhận đăng ký kinh doanh của tổ chức nước ngoài"), False),
        (Doc(name="Giấy đề nghị đăng ký hợp tác xã"), False),
    ],
)
def test_round11_a_cooperatives_registration_is_state_held(document: Doc, expected: bool) -> None:
    assert bool(_findings(document, name="Đăng ký tàu biển đang đóng", agency="Chi cục Hàng hải")) is expected


def test_round11_the_cooperative_registers_own_procedure_asks_no_state_held_certificate() -> None:
    """2.002648: the register updating its own record ("Bản sao Giấy chứng nhận đăng ký hợp tác xã") looks nothing up."""
    assert not _findings(Doc(name="Bản sao Giấy chứng nhận đăng ký hợp tác xã"),
                         name="Hiệu đính, cập nhật, bổ sung thông tin đăng ký hợp tác xã", agency="Ủy ban nhân dân cấp xã")
