"""Paperwork readings from the blind rounds, items quoted from real records by procedure code, with look-alikes
that stay clean: State-held papers (invoices, National Single Window results, the vehicle owner's papers, tax-office
confirmations, land papers, the foreigner's work permit, lists of insured workers), several originals stated in an
item's wording ("02 bản gốc"), certified copies demanded of the papers sent by post, a certified copy with only an
electronic alternative."""
from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Case, DocumentRequirement, Procedure

Doc = DocumentRequirement


def _found(document: Doc, rule: str, name: str = "Thủ tục thử", agency: str | None = "Sở Công Thương") -> list:
    procedure = Procedure(code="T.1", name=name, agency=agency,
                          cases=[Case(name="Trường hợp 1", documents=[Doc(name="Đơn đề nghị"), document])])
    return [f for f in detect_kind(procedure, "repeated_paperwork", DetectionContext(rules=load_rules(None)))
            if f.rule == rule]


@pytest.mark.parametrize(
    ("document", "agency", "database"),
    [
        # 1.011669, 1.000431: lists and copies of invoices issued in Việt Nam are in the e-invoice database
        (Doc(name="Bảng kê hoá đơn giá trị gia tăng tương ứng với số lượng sản phẩm CNHT ô tô đã bán"),
         "Chi cục Hải quan khu vực", "hóa đơn điện tử"),
        (Doc(name="Bản sao hóa đơn, bản sao phiếu xuất kho hoặc giấy tờ chứng minh nguồn gốc, xuất xứ hợp pháp"),
         "Công an tỉnh", "hóa đơn điện tử"),  # 3.000390
        # 1.007754, 1.007885, 1.003524: specialised-inspection results and tariff-quota licences come through the NSW
        (Doc(name="Giấy chứng nhận kiểm tra chuyên ngành: 01 bản chính."), "Chi cục Hải quan khu vực", "một cửa quốc gia"),
        (Doc(name="Giấy đăng ký kiểm tra hoặc giấy thông báo miễn kiểm tra hoặc giấy thông báo kết quả kiểm tra"),
         "Chi cục Hải quan khu vực", "một cửa quốc gia"),
        (Doc(name="- Bản sao Giấy phép nhập khẩu theo hạn ngạch thuế quan (nếu có);"), "Chi cục Hải quan khu vực",
         "một cửa quốc gia"),
        # 1.013065, 1.013067: the vehicle owner's papers are his identity, in the population database
        (Doc(name="Giấy tờ của chủ xe theo quy định;"), "Công an tỉnh", "dân cư"),
        # 1.000381, 2.000334: the tax office's confirmations
        (Doc(name="6. Văn bản của cơ quan thuế xác nhận việc thực hiện nghĩa vụ nộp thuế của nhà đầu tư"),
         "Sở Tài chính", "thuế"),
        (Doc(name="c) Tài liệu của cơ quan thuế chứng minh không còn nợ thuế quá hạn."), "Sở Công Thương", "thuế"),
        # 1.009454, 1.012971: land papers as the records name them
        (Doc(name="Bản sao có chứng thực giấy tờ về sử dụng đất để xây dựng bến thủy nội địa"), "Sở Xây dựng", "đất đai"),
        (Doc(name="Bản sao các văn bản pháp lý chứng minh quyền sử dụng đất, quyền sở hữu nhà hoặc hợp đồng thuê địa "
                  "điểm cơ sở giáo dục"), "Sở Giáo dục và Đào tạo", "đất đai"),
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
def test_papers_whose_data_the_state_holds(document: Doc, agency: str, database: str) -> None:
    [finding] = _found(document, "state_held_document", agency=agency)
    assert database in finding.message_params["database"]
    assert any("66.7/2025" in g.document for g in finding.legal_ground)


@pytest.mark.parametrize(
    ("document", "name"),
    [
        # a foreign seller's invoice of an import is not in the Vietnamese e-invoice database (1.003524)
        (Doc(name="Bản sao Hóa đơn (Invoice) có xác nhận của người nhập khẩu"), "Thủ tục nhập khẩu hàng hóa"),
        # a procedure on the invoices themselves
        (Doc(name="Bản sao hóa đơn đã lập"), "Thủ tục hủy hóa đơn điện tử"),
        # the tax office's paper waived where the database answers
        (Doc(name="Tài liệu của cơ quan thuế chứng minh không còn nợ thuế quá hạn (trường hợp đã có thông tin trên "
                  "cơ sở dữ liệu thì không phải nộp)"), "Thủ tục thử"),
        # the applicant's own commitment, not the tax office's paper
        (Doc(name="Cam kết không còn nợ thuế"), "Thủ tục thử"),
        # the form to apply for an inspection, not its result
        (Doc(name="Giấy đăng ký kiểm tra chuyên ngành theo mẫu"), "Thủ tục thử"),
        # 1.006429: the inspection certificate is a condition of the entrustment contract asked, not a paper asked
        (Doc(name="Hợp đồng ủy thác: 01 bản chụp đối với trường hợp ủy thác xuất khẩu hàng hóa thuộc diện phải có giấy "
                  "phép xuất khẩu, giấy chứng nhận kiểm tra chuyên ngành"), "Thủ tục thử"),
        # 1.006442: the record already routes the results through the Single Window
        (Doc(name="Giấy thông báo miễn kiểm tra hoặc Giấy thông báo kết quả kiểm tra của cơ quan kiểm tra chuyên ngành, "
                  "nếu áp dụng cơ chế một cửa quốc gia, cơ quan quản lý nhà nước chuyên ngành gửi văn bản thông báo kết "
                  "quả kiểm tra thông qua hệ thống"), "Thủ tục thử"),
        # a certificate of origin's commercial invoice (1.002960), a hospital bill (1.012537)
        (Doc(name="d) Bản sao hoá đơn thương mại (có đóng dấu sao y bản chính của thương nhân);"), "Thủ tục thử"),
        (Doc(name="Bản sao hóa đơn thu tiền, giấy ra viện"), "Thủ tục thử"),
        # 2.002233: a charity's receipts, not invoices
        (Doc(name="Bản sao các hoá đơn chứng từ chứng minh khoản đóng góp vào quỹ từ thiện"), "Thủ tục thử"),
    ],
)
def test_state_held_look_alikes_by_procedure_stay_clean(document: Doc, name: str) -> None:
    assert _found(document, "state_held_document", name=name) == []


@pytest.mark.parametrize(
    ("name", "originals", "expected"),
    [
        ("a) Tờ khai hải quan: 02 bản chính", 0, 1),  # 1.007751: the count columns say nothing
        # 1.007754: a row opening a case, naming its paper and the count
        ("Trường hợp thực hiện trên tờ khai hải quan giấy theo quy định tại khoản 2 Điều 25 Nghị định số 08/2015/NĐ-CP, "
         "người khai hải quan khai và nộp 02 bản chính tờ khai hải quan theo mẫu HQ/2015/NK", 1, 1),
        ("Tờ khai hải quan: 01 bản chính", 1, 0),  # one original
        ("Bản kê chi tiết hàng hóa: nộp 02 bản chính hoặc bản sao có chứng thực", 0, 0),  # the kinds are alternatives
        ("02 (hai) bản chính ảnh chân dung", 0, 0),  # photos: several prints by nature
        ("Bản vẽ thiết kế: 02 bản chính", 0, 0),  # drawings: one set comes back stamped
        ("Tờ khai theo Mẫu số 2 bản chính", 0, 0),  # a form's number, not a count
    ],
)
def test_several_originals_stated_in_the_wording(name: str, originals: int, expected: int) -> None:
    assert len(_found(Doc(name=name, originals=originals), "original_plus_copy")) == expected


@pytest.mark.parametrize(
    "name",
    [
        # round-11 blind audit, wrong (1.013797): the list's heading and the form's name counted "1 bản chính, 1 bản sao"
        "Thành phần hồ sơ: + Văn bản đề nghị (theo mẫu); + Chương trình tổ chức cuộc lễ; dự kiến thành phần tham dự "
        "cuộc lễ. - Số lượng hồ sơ: 01 (bộ)",
        "Tên mẫu đơn, mẫu tờ khai: Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo (Mẫu B34 Phụ lục ban hành kèm theo Nghị "
        "định số 95/2023/NĐ-CP)",
        "b)Số lượng hồ sơ: 01 bộ",  # 1.001889
        "Mục I. Thành phần hồ sơ bao gồm",  # 1.014044
    ],
)
def test_a_heading_or_form_name_row_is_not_an_original_plus_copy(name: str) -> None:
    assert _found(Doc(name=name, originals=1, copies=1), "original_plus_copy") == []


def test_a_paper_counted_original_plus_copy_is_found() -> None:  # the look-alike above must still fire on a paper
    assert len(_found(Doc(name="Văn bản đề nghị tổ chức cuộc lễ (theo mẫu)", originals=1, copies=1), "original_plus_copy")) == 1


def test_the_stated_count_of_originals_is_in_the_message() -> None:
    [finding] = _found(Doc(name="a) Tờ khai hải quan: 02 bản chính"), "original_plus_copy")
    assert "02 bản chính" in finding.message or "2 bản chính" in finding.message


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Bản sao có chứng thực hoặc bản sao điện tử có chứng thực hộ chiếu còn giá trị sử dụng", "hộ chiếu còn giá trị"),
        ("Bản sao có chứng thực hoặc tệp tin bản sao điện tử được chứng thực theo quy định: Văn bằng do cơ sở đào tạo",
         "văn bằng do cơ sở"),
        ("Hồ sơ xác định tuổi của phương tiện (Bản sao có chứng thực hoặc bản sao điện tử có giá trị pháp lý)",
         "hồ sơ xác định tuổi của phương tiện»"),
    ],
)
def test_a_certified_copy_with_only_an_electronic_alternative_names_the_paper(name: str, shown: str) -> None:
    [finding] = _found(Doc(name=name), "certified_copy")
    assert shown in finding.message


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
def test_state_held_look_alikes_by_agency_stay_clean(document: Doc, agency: str) -> None:
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
    assert len(_found(Doc(name=name), "certified_copy_postal", agency="Sở Y tế")) == expected
    assert _found(Doc(name=name), "certified_copy", agency="Sở Y tế") == []  # the postal rule's, not the general one's


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
    assert len(_found(Doc(name=name), "original_plus_copy", agency="Sở Y tế")) == expected
