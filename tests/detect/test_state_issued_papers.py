"""state_held_document over papers another Vietnamese State body issued (state_data.yaml issued_papers and the fire-safety
and petroleum entries): the receiving agency gets them from the issuer. Items from real records, by procedure code; the
look-alikes are foreign papers, papers of companies and of the applicant, consents the applicant brings
(applicant_collects), the receiving agency's own papers (self_issued_document) and alternatives of a list."""
from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Case, DocumentRequirement, Procedure

Doc = DocumentRequirement
CUSTOMS = "Chi cục Hải quan khu vực"


def _findings(name: str, agency: str | None = CUSTOMS, procedure: str = "Thủ tục thử", rule: str = "state_held_document",
              copies: int | None = None) -> list:
    record = Procedure(code="T.1", name=procedure, agency=agency,
                       cases=[Case(name="Trường hợp 1", documents=[Doc(name="Đơn đề nghị"), Doc(name=name, copies=copies)])])
    return [f for f in detect_kind(record, "repeated_paperwork", DetectionContext(rules=load_rules(None))) if f.rule == rule]


@pytest.mark.parametrize(
    ("name", "agency", "database"),
    [
        # 1.006468: customs asks for the Bộ Công Thương's licence and business code
        ("i.1) Giấy chứng nhận mã số kinh doanh tạm nhập tái xuất do Bộ Công Thương cấp: 01 bản chụp", CUSTOMS, "đã cấp"),
        ("i.2) Giấy phép tạm nhập, tái xuất do Bộ Công Thương cấp đối với mặt hàng theo quy định phải được Bộ Công Thương "
         "cấp phép: 01 bản chính", CUSTOMS, "đã cấp"),
        # 1.011669: the car-assembly certificate of the Bộ Công Thương, asked as a certified copy
        ("Giấy chứng nhận đủ điều kiện sản xuất, lắp ráp ô tô do Bộ Công Thương cấp (trừ trường hợp đã nộp khi đăng ký "
         "tham gia Chương trình): 01 bản sao có chứng thực", CUSTOMS, "đã cấp"),
        # 1.009567: the investment approval, by the securities commission
        ("f) Quyết định của cấp có thẩm quyền tại Việt Nam phê duyệt dự án đầu tư.", "Ủy ban Chứng khoán Nhà nước - Bộ tài chính",
         "đã cấp"),
        # 1.000927, 1.001038: the yearly capital plan the province notifies, asked by the development bank
        ("II. Khi tạm ứng vốn: Kế hoạch vốn do UBND tỉnh thông báo - Bản chính hoặc bản sao có đóng dấu sao y bản chính của "
         "chủ đầu tư", "Chi nhánh NHPT Sơn La, Lai Châu, Điện Biên", "đã cấp"),
        # 1.002381: the oversize-load permit, asked by the Sở Xây dựng
        ("Giấy phép vận chuyển hàng siêu trường, siêu trọng hoặc hàng nguy hiểm do cơ quan có thẩm quyền của Việt Nam cấp "
         "(Bản sao hoặc bản sao có chứng thực)", "Sở Xây dựng", "đã cấp"),
        # 1.005280: the investment registry's approval of a foreign investor's capital contribution is a Vietnamese paper
        ("(7) Bản sao văn bản của cơ quan đăng ký đầu tư chấp thuận về việc góp vốn, mua cổ phần, mua phần vốn góp của nhà "
         "đầu tư nước ngoài", "Uỷ ban Nhân dân cấp xã, phường, thị trấn", "đã cấp"),
        # 1.007900: a State Bank licence asked by customs
        ("Văn bản của Ngân hàng nhà nước cấp cho ngân hàng thương mại được hoạt động ngoại hối: 01 bản chụp",
         "Cục Hải quan - Bộ tài chính", "đã cấp"),
        # 1.004157: the fire police's acceptance, asked by the maritime administration
        ("Bản sao hoặc bản sao điện tử Văn bản nghiệm thu về phòng cháy và chữa cháy theo quy định của pháp luật về phòng "
         "cháy chữa cháy", "Cục Hàng hải và Đường thủy Việt Nam", "phòng cháy"),
        ("Bản sao văn bản chấp thuận kết quả nghiệm thu về phòng cháy và chữa cháy của cơ quan Cảnh sát phòng cháy và chữa "
         "cháy đối với từng kho chứa hóa chất", "Ủy ban nhân dân cấp tỉnh", "phòng cháy"),  # 1.012438
        # 2.000015, 1.003122: the petroleum trading licence and the gas certificate, with each first declaration
        ("Giấy phép kinh doanh xuất nhập khẩu xăng dầu: 01 bản chụp", CUSTOMS, "Bộ Công Thương"),
        ("Trường hợp Thương nhân làm thủ tục lần đầu tại Chi cục Hải quan thì nộp thêm các giấy tờ sau:- Giấy chứng nhận đủ "
         "điền kiện xuất khẩu khí hoặc văn bản có giá trị tương đương: 01 bản chụp", CUSTOMS, "Bộ Công Thương"),
    ],
)
def test_a_paper_another_state_body_issued_is_state_held(name: str, agency: str, database: str) -> None:
    [finding] = _findings(name, agency)
    assert database in finding.message_params["database"]
    assert any("66.7/2025" in g.document for g in finding.legal_ground)
    assert any("63/2010" in g.document and g.article and "khoản 7" in g.article for g in finding.legal_ground)


@pytest.mark.parametrize(
    "name",
    [
        # foreign issuers and papers
        "Giấy phép nhập khẩu do cơ quan có thẩm quyền nước ngoài cấp",
        "Văn bản của Bộ Thương mại Vương quốc Campuchia đề nghị cho phép quá cảnh hàng hóa: 01 bản chính",  # 1.000678
        "Giấy chứng nhận xuất xứ do cơ quan có thẩm quyền của nước xuất khẩu cấp",
        # a company, a notary, a bank or the applicant is not a State body
        "Giấy chứng nhận đủ điều kiện do doanh nghiệp cấp",
        "Giấy chứng nhận hợp chuẩn do tổ chức chứng nhận cấp",
        "Quyết định hủy niêm yết của Sở giao dịch chứng khoán (trong trường hợp quỹ giải thể do bị hủy niêm yết)",  # 1.009498
        "Quyết định của cấp có thẩm quyền theo điều lệ công ty về việc góp vốn thành lập",  # 1.009806
        # a consent, appraisal or opinion the applicant brings (applicant_collects; blind gold 2.002831)
        "Văn bản thẩm định của Bộ Công an đối với hồ sơ đề xuất an toàn hệ thống thông tin cấp độ 4 của tổ chức đăng ký",
        "Văn bản chấp thuận của Ủy ban nhân dân cấp tỉnh nơi trường đại học đặt trụ sở chính",  # 3.000296
        "Văn bản của Ủy ban nhân dân cấp tỉnh nơi trường đại học đặt trụ sở chính về việc thành lập trường",  # 1.012976
        # a text or form cited, not the paper's issuer
        "Thông báo tổ chức triển lãm (mẫu số 06 ban hành kèm theo Nghị định số 23/2019/NĐ-CP của Chính phủ)",  # 1.001147
        "Văn bản phê duyệt độ cao công trình theo quy định của Chính phủ về quản lý độ cao chướng ngại vật",
        # a paper drawn up on a form for this file, not a State record
        "Giấy chứng nhận bị thương của Công an đơn vị, địa phương (mẫu TB1)",  # 1.004089
        # a paper the item only describes, not the one it asks for
        "Hợp đồng mua bán sản phẩm CNHT ô tô với các doanh nghiệp có giấy chứng nhận đủ điều kiện sản xuất, lắp ráp ô tô "
        "do Bộ Công Thương cấp",  # 1.011669
        # one alternative of a list of papers (land papers: NĐ 175/2024 Điều 53)
        "Một trong những giấy tờ hợp pháp về đất đai bao gồm: + Quyết định giao đất của cơ quan nhà nước có thẩm quyền",
        # the investor's own approval of its project, the fire acceptance report it draws up
        "Quyết định phê duyệt dự án của chủ đầu tư",
        "Báo cáo công tác nghiệm thu về phòng cháy và chữa cháy của chủ đầu tư",  # 3.000490
    ],
)
def test_look_alikes_stay_clean(name: str) -> None:
    assert _findings(name) == []


def test_without_a_named_agency_the_issuer_may_be_the_receiver() -> None:
    assert _findings("Giấy phép tạm nhập, tái xuất do Bộ Công Thương cấp: 01 bản chính", agency=None) == []


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        # the issuer is the agency that receives the file: self_issued_document's finding, not this one
        ("Quyết định của Bộ Công thương xác nhận thực hiện chương trình tuân thủ nội bộ", "Bộ Công thương"),  # 1.014400
        ("Văn bản của Ngân hàng Nhà nước chấp thuận cho ngân hàng thương mại được thực hiện hoạt động ngoại hối",
         "Ngân hàng Nhà nước Việt Nam"),  # 1.007956
        # the issuer under its former name: "Cục Thú y" is now part of the "Cục Chăn nuôi và Thú y" (1.003462)
        ("Bản sao giấy chứng nhận đủ điều kiện nhập khẩu thuốc thú y do Cục Thú y cấp",
         "Cục Chăn nuôi và Thú y - Bộ Nông nghiệp và Môi trường"),
        # the fire police reading their own acceptance
        ("Văn bản nghiệm thu về phòng cháy và chữa cháy", "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn cứu hộ"),
    ],
)
def test_the_receiving_agencys_own_paper_is_not_state_held(name: str, agency: str) -> None:
    assert _findings(name, agency) == []


def test_the_receiving_agencys_own_paper_is_one_finding_of_self_issued_document() -> None:
    name = "Bản sao Giấy phép tạm nhập, tái xuất do Bộ Công Thương cấp"
    assert _findings(name, "Bộ Công Thương") == []
    assert len(_findings(name, "Bộ Công Thương", rule="self_issued_document")) == 1


TRAFFIC_POLICE = "Cục Cảnh sát giao thông"
CARD = ("Bản sao hoặc bản sao điện tử được chứng thực từ bản chính một trong các giấy tờ sau: thẻ tạm trú, thẻ thường trú, "
        "chứng minh thư ngoại giao, chứng minh thư công vụ (đối với người nước ngoài)")


@pytest.mark.parametrize(
    ("name", "agency", "procedure"),
    [
        (CARD, TRAFFIC_POLICE, "Cấp giấy phép lái xe"),  # 3.000346: the card Việt Nam issued to the foreigner
        # a procedure for foreigners in Việt Nam: the residence card still applies
        ("Bản sao thẻ tạm trú còn thời hạn", TRAFFIC_POLICE, "Đổi giấy phép lái xe của người nước ngoài"),
        # 1.002903: aviation
        ("Bản sao có chứng thực các tài liệu sau: thẻ thường trú tại Việt Nam (đối với công dân nước ngoài thường trú tại "
         "Việt Nam)", "Cục Hàng không Việt Nam", "Cấp Giấy chứng nhận đăng ký hoạt động hàng không chung"),
    ],
)
def test_a_foreigners_residence_card_is_state_held(name: str, agency: str, procedure: str) -> None:
    [finding] = _findings(name, agency, procedure)
    assert "xuất nhập cảnh" in finding.message_params["database"]
    assert any("47/2014/QH13" in g.document for g in finding.legal_ground)


@pytest.mark.parametrize(
    ("name", "agency", "procedure"),
    [
        # the immigration office reading its own card
        (CARD, "Phòng Quản lý xuất nhập cảnh - Công an tỉnh", "Cấp lại thẻ thường trú cho người nước ngoài"),
        # issued abroad
        ("Bản sao thẻ thường trú do nước ngoài cấp", TRAFFIC_POLICE, "Cấp giấy phép lái xe"),
        # shown, it identifies the foreigner (3.000353)
        ("Xuất trình hộ chiếu, thẻ thường trú (đối với người nước ngoài)", TRAFFIC_POLICE, "Cấp giấy phép lái xe quốc tế"),
        # named inside an exception, not asked (3.000351)
        ("Giấy khám sức khỏe của người lái xe còn hiệu lực (trừ người nước ngoài đổi giấy phép lái xe theo thời hạn ghi "
         "trong thị thực nhập cảnh hoặc thẻ tạm trú)", TRAFFIC_POLICE, "Đổi giấy phép lái xe của người nước ngoài"),
        # citizens abroad: no entry applies
        ("Bản sao thẻ tạm trú", "Cơ quan đại diện Việt Nam ở nước ngoài", "Cấp hộ chiếu cho công dân ở nước ngoài"),
        # in a procedure for foreigners, the citizens' papers still do not apply
        ("Bản sao giấy khám sức khỏe", TRAFFIC_POLICE, "Đổi giấy phép lái xe của người nước ngoài"),
    ],
)
def test_residence_card_look_alikes_stay_clean(name: str, agency: str, procedure: str) -> None:
    assert _findings(name, agency, procedure) == []
