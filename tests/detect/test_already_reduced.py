"""Data-reuse findings on an item the record already reduces (the blind audits' `already_reduced`): the item waives
itself where the database answers, lets the applicant give only the paper's number, or the agency looks the paper
up itself. Look-alikes whose waiver names no database, or whose paper the agency issued itself, stay findings."""
from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Case, DocumentRequirement, Procedure

Doc = DocumentRequirement


def _findings(procedure: Procedure, rule: str) -> list:
    found = detect_kind(procedure, "repeated_paperwork", DetectionContext(rules=load_rules(None)))
    return [f for f in found if f.rule == rule]


def _state_held(item: str) -> list:
    procedure = Procedure(code="T.1", name="Thủ tục thử", agency="Sở Nội vụ",
                          cases=[Case(name="Trường hợp 1", documents=[Doc(name="Đơn đề nghị"), Doc(name=item)])])
    return _findings(procedure, "state_held_document")


@pytest.mark.parametrize(
    ("item", "reported"),
    [
        # 1.000987 (round-7 audit): the diplomas are waived where the education database is connected
        ("Bản sao có chứng thực: Văn bằng, chứng chỉ của đội ngũ nhân viên. Trường hợp văn bằng, chứng chỉ nêu tại điểm "
         "này đã được lưu trữ tại cơ sở dữ liệu giáo dục và đào tạo được kết nối, chia sẻ hoặc đã được tích hợp trên "
         "Ứng dụng định danh quốc gia (VNeID) thì không cần nộp các bản sao văn bằng, chứng chỉ quy định tại điểm này",
         False),
        # 1.014092: the criminal-record certificate is no longer asked once its data is shared
        ("Phiếu lý lịch tư pháp. Không yêu cầu nộp Phiếu lý lịch tư pháp kể từ ngày dữ liệu về lý lịch tư pháp được "
         "chia sẻ theo quy định tại khoản 5 Điều 127 của Nghị định số 163/2025/NĐ-CP", False),
        # 1.003583: "CSDLHTĐT, CSDLQGVDC" are the civil-status and population databases
        ("Giấy chứng nhận kết hôn nếu cha, mẹ đã đăng ký kết hôn. Trường hợp đã có thông tin về việc kết hôn của cha, "
         "mẹ trong CSDLHTĐT, CSDLQGVDC thì không phải xuất trình", False),
        # 1.004873: only the paper's particulars, the civil-status office looks it up
        ("Trường hợp người yêu cầu đã ly hôn thì người yêu cầu có trách nhiệm cung cấp thông tin về giấy tờ (cơ quan "
         "cấp, số, ngày tháng năm ban hành Bản án/Quyết định ly hôn); cơ quan đăng ký hộ tịch có trách nhiệm tra cứu, "
         "khai thác thông tin của các giấy tờ này thông qua kết nối với Cơ sở dữ liệu hộ tịch điện tử", False),
        # look-alikes: a waiver for some applicants that names no database (2.001116), and the same diplomas without it
        ("Sơ yếu lý lịch và Phiếu lý lịch tư pháp. Trường hợp người được đề nghị bổ nhiệm giám định viên tư pháp đang là "
         "công chức, viên chức thì không cần có Phiếu lý lịch tư pháp", True),
        ("Bản sao có chứng thực: Văn bằng, chứng chỉ của đội ngũ nhân viên", True),
    ],
)
def test_state_held_document_leaves_an_item_the_record_already_reduces(item: str, reported: bool) -> None:
    assert bool(_state_held(item)) is reported


@pytest.mark.parametrize(
    ("source", "code", "rule", "row", "reported"),
    [
        # 1.000987 (round-7 audit): the diplomas row waives itself (both cases)
        ("portal_flat", "1.000987", "state_held_document", "Văn bằng, chứng chỉ và hợp đồng lao động", False),
        # 1.014140 (round-5 audit): the health-insurance card's copy, or only its number for an electronic card
        ("portal_docx", "1.014140", "self_issued_document", "hoặc mã số bảo hiểm y tế", False),
        ("portal_docx", "1.014140", "state_held_document", "hoặc mã số bảo hiểm y tế", False),
        # look-alike in the same record: the old and new cards of a changed benefit level, no number offered
        # (the BHXH asks for the card it issued itself: self_issued_document, round 8)
        ("portal_docx", "1.014140", "self_issued_document", "thẻ BHYT có mức hưởng cũ", True),
        # look-alike: a revocation decision the licensing Sở issued itself, asked "(không áp dụng đối với trường hợp
        # … đã được kết nối, chia sẻ trên Hệ thống thông tin …)": the Sở holds it anyway (blind gold, test half)
        ("portal_docx", "1.012272", "self_issued_document", "quyết định thu hồi giấy phép hành nghề", True),
    ],
)
def test_already_reduced_on_real_records(source: str, code: str, rule: str, row: str, reported: bool,
                                         tmp_path) -> None:
    from support import real_procedure

    findings = [f for f in _findings(real_procedure(source, code, tmp_path), rule) if row in f.evidence[0].text]
    assert bool(findings) is reported


@pytest.mark.parametrize(
    ("source", "code", "row", "reported"),
    [
        # 1.009759 (round-8 audit): "(Trường hợp khai thác, sử dụng được thông tin về tài liệu tư cách pháp lý của nhà
        # đầu tư, … hoặc các văn bản, giấy tờ khác mà đã có trong các cơ sở dữ liệu … thì hồ sơ không bao gồm bản sao
        # của các giấy tờ này)", stated once in case 9, covers the investors' papers of every case
        ("portal_flat", "1.009759", "Tài liệu về tư cách pháp lý của nhà đầu tư", False),
        ("portal_flat", "1.009759", "Bản sao Giấy chứng nhận đăng ký đầu tư", False),
        # 1.014567 (round-8 audit): the ID copy is asked only "Trường hợp việc kết nối … với Cơ sở dữ liệu quốc gia về
        # dân cư bị gián đoạn"
        ("portal_flat", "1.014567", "Bản sao thẻ Căn cước", False),
        # look-alike: a waiver of the business registration does not waive a Ministry's licence (1.011669, blind gold)
        ("portal_flat", "1.011669", "đủ điều kiện sản xuất, lắp ráp ô tô", True),
        # 2.001610: the item waiver of the owner's personal papers does not reach the household-business registration,
        # but since round 11 the record's step does ("Phòng Đăng ký kinh doanh … khai thác, sử dụng thông tin đã có trong
        # Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp/… để thay thế thành phần hồ sơ": a waiver stated in a step,
        # round-10 blind audit cause already_reduced, 1.003198 and 2.001263); the tax certificate, of a database the
        # step does not name, is still reported
        ("portal_flat", "2.001610", "Giấy chứng nhận đăng ký hộ kinh doanh", False),
        ("portal_flat", "2.001610", "Giấy chứng nhận đăng ký thuế", True),
        # look-alike: "Bản sao … văn bằng …; giấy chứng nhận đủ sức khỏe … Trường hợp văn bằng, chứng chỉ được lưu trữ
        # tại cơ sở dữ liệu … thì không cần nộp …" waives the diplomas, not the health certificate of another row
        ("portal_flat", "1.000049", "Giấy chứng nhận sức khỏe", True),
        # look-alike: "(không áp dụng đối với trường hợp các giấy tờ này đã được kết nối …)" inside an item is that
        # item's papers, not the founding decision of another row (1.012278)
        ("portal_docx", "1.012278", "quyết định thành lập", True),
    ],
)
def test_a_waiver_stated_elsewhere_in_the_record(source: str, code: str, row: str, reported: bool, tmp_path) -> None:
    from support import real_procedure

    findings = [f for f in _findings(real_procedure(source, code, tmp_path), "state_held_document")
                if row in f.evidence[0].text]
    assert bool(findings) is reported
