"""Legal-basis rows wrong in themselves, a law its decree details left out, and texts citing a repealed text
(analyzer.detect.record_basis_defects, record_defects.repealed_cited); each with real codes and look-alikes."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.detect.record_defects import record_defects
from analyzer.model import Case, Channel, DocumentRequirement, Fee, LegalRef, Procedure, SourceRef, Step
from support import real_procedure


def basis(*refs: LegalRef, source: str = "portal_flat") -> Procedure:
    return Procedure(code="T.7", name="Cấp giấy phép thử", legal_basis=list(refs),
                     source=SourceRef(format=source, path="records.jsonl.gz", record="line 1"))


def codes(procedure: Procedure, code: str) -> list:
    return [d for d in record_defects(procedure) if d.code == code]


DECREE = LegalRef(number="168/2025/NĐ-CP", kind="Nghị định", issuer="Chính phủ", title="Nghị định về đăng ký doanh nghiệp")


@pytest.mark.parametrize(
    ("ref", "source", "problem"),
    [
        # a misspelt kind (1.002032, 2.002018) and a kind cut at its first letter (3.000346)
        (LegalRef(number="47/2019/TT-BTC", kind="Thông tư", title="Thông thư 47/2019/TT-BTC"), "portal_flat", "«Thông thư»"),
        (LegalRef(number="06/2025/TT-BTC", kind="Thông tư", title="hông tư số 06/2025/TT-BTC của Bộ Tài chính"), "portal_flat", "«hông tư»"),
        # a number without its year (2.002603) or with a cut symbol (1.013827)
        (LegalRef(number="225/NĐ-CP", kind="Nghị định", title="Nghị định số 225/2025/NĐ-CP của Chính phủ"), "portal_flat", "thiếu năm"),
        (LegalRef(number="118/2025/NĐ-C", kind="Nghị định", title="Thực hiện thủ tục hành chính theo cơ chế một cửa"), "portal_flat", "ký hiệu"),
        # a law whose year is outside its Quốc hội's term (5.003812: the Luật Kiến trúc is 40/2019/QH14)
        (LegalRef(number="40/2029/QH14", kind="Luật", title="Luật Kiến trúc"), "portal_flat", "nhiệm kỳ"),
        # a decree issued by a provincial department (1.000509), by "Phòng Chính phủ số" (2.000358)
        (LegalRef(number="143/2016/NĐ-CP", kind="Nghị định", issuer="Sở Lao động - Thương binh và Xã hội - tỉnh Quảng Bình"),
         "portal_docx", "cơ quan ban hành"),
        (LegalRef(number="78/2002/NĐ-CP", kind="Nghị định", issuer="Phòng Chính phủ số"), "portal_docx", "cơ quan ban hành"),
        # the title dates the row's number otherwise than its date column (1.012591, 3.000350, 2.000131)
        (LegalRef(number="02/2016/QH14", kind="Luật", date="2016-07-17",
                  title="Luật tín ngưỡng, tôn giáo (Luật số 02/2016/QH14 ngày 18/11/2016)."), "portal_docx",
         "tên ghi ngày ban hành 18/11/2016 nhưng cột ngày ban hành ghi 17/07/2016"),
        (LegalRef(number="12/2025/TT-BCA", kind="Thông tư", date="2024-02-28",
                  title="Thông tư số 12/2025/TT-BCA ngày 28/02/2025 của Bộ trưởng Bộ Công an quy định về sát hạch, cấp giấy phép lái xe"),
         "portal_docx", "ngày ban hành 28/02/2025"),
        (LegalRef(number="07/2007/TTLT-BTM-BTC", kind="Thông tư liên tịch", date="2007-06-07",
                  title="Thông tư Liên tịch số 07/2007/TTLT-BTM-BTC ngày 06 tháng 7 năm 2007 của Bộ Thương mại và Bộ Tài chính"),
         "portal_docx", "ngày ban hành 06/07/2007"),
        # a title that names another text than the row's number (1.003220, 2.000750), in the DOCX export's columns
        (LegalRef(number="191/2005/TTLT", kind="Thông tư liên tịch", title="Quyết định 188/2007/QĐ-TTg"), "portal_docx",
         "tên ghi văn bản khác («188/2007/QĐ-TTg»)"),
        (LegalRef(number="7/2014/NĐ-CP", kind="Nghị định", issuer="Chính phủ", title="Nghị định 97/2014/NĐ-CP"), "portal_docx",
         "văn bản khác («97/2014/NĐ-CP»)"),
        # the decision that publishes the record, listed as its basis (1.014193, 1.013866)
        (LegalRef(number="2306/QĐ-BYT", kind="Quyết định", issuer="Bộ Y tế",
                  title="Công bố thủ tục hành chính mới trong lĩnh vực Bảo hiểm y tế"), "portal_docx", "quyết định công bố thủ tục hành chính"),
        (LegalRef(number="3613/QĐ-BYT", kind="Quyết định", title="Quyết định công bố thủ tục hành chính được sửa đổi, bổ sung"),
         "portal_flat", "quyết định công bố thủ tục hành chính"),
        # a number without its symbol: "nghị định 146/2025" (1.003992, 1.013412), "Thông tư 21/2019" (3.000468)
        (LegalRef(number="146/2025", kind="Nghị định", date="2025-06-12", title="Nghị định số 146/2025/NĐ-CP"), "portal_docx",
         "«146/2025» thiếu ký hiệu"),
        (LegalRef(number="21/2019", kind="Thông tư", title="Thông tư 21/2019/tt-bgdđt"), "portal_docx", "«21/2019» thiếu ký hiệu"),
    ],
)
def test_rows_wrong_in_themselves(ref: LegalRef, source: str, problem: str) -> None:
    found = codes(basis(ref, DECREE, source=source), "basis_row")
    assert len(found) == 1 and problem in found[0].message
    assert found[0].evidence[0].index == 0


@pytest.mark.parametrize(
    ("ref", "source"),
    [
        (LegalRef(number="47/2019/TT-BTC", kind="Thông tư", title="Thông tư 47/2019/TT-BTC quy định mức thu lệ phí"), "portal_flat"),
        (LegalRef(number="15/2023/QH15", kind="Luật", issuer="Quốc hội", title="Luật Khám bệnh, chữa bệnh"), "portal_docx"),
        (LegalRef(number="40/2019/QH14", kind="Luật", title="Luật Kiến trúc"), "portal_flat"),
        (LegalRef(number="66/NQ-CP", kind="Nghị quyết", title="Nghị quyết 66/NQ-CP về cắt giảm thủ tục"), "portal_flat"),
        # a decree of 1994, numbered before numbers carried the year
        (LegalRef(number="73/NĐ-CP", kind="Nghị định", title="Nghị định 73/NĐ-CP ngày 30/7/1994 của Chính phủ"), "portal_flat"),
        # signed by the Thủ tướng for the Chính phủ; and an issuer the reader derived from the symbol (portal_flat)
        (LegalRef(number="101/2012/NĐ-CP", kind="Nghị định", issuer="Thủ tướng Chính phủ"), "portal_docx"),
        (LegalRef(number="118/2025/NĐ-CP", kind="Nghị định", issuer="ND, Chính phủ"), "portal_flat"),
        (LegalRef(number="18/2021/ND-CP", kind="Nghị định", issuer="Chính phủ"), "portal_flat"),
        # a title dated as its date column, or dating another text (the one it amends)
        (LegalRef(number="02/2016/QH14", kind="Luật", date="2016-11-18",
                  title="Luật tín ngưỡng, tôn giáo (Luật số 02/2016/QH14 ngày 18/11/2016)."), "portal_docx"),
        (LegalRef(number="18/2023/NĐ-CP", kind="Nghị định", date="2023-10-28",
                  title="Nghị định sửa đổi, bổ sung một số điều của Nghị định số 40/2018/NĐ-CP ngày 12 tháng 3 năm 2018"), "portal_flat"),
        # a title opening with its own number; another number in a title the reader split from one text (portal_flat)
        (LegalRef(number="07/2014/NĐ-CP", kind="Nghị định", title="Nghị định số 7/2014/NĐ-CP về …"), "portal_docx"),
        (LegalRef(number="10/2020/TT-BTP", kind="Thông tư", title="Nghị định số 06/2025/NĐ-CP ngày 08 tháng 01 năm 2025"), "portal_flat"),
        # a decree on the publication of procedures (a text that sets how they are published), not a publication decision
        (LegalRef(number="63/2010/NĐ-CP", kind="Nghị định", title="Về kiểm soát thủ tục hành chính"), "portal_flat"),
        (LegalRef(number="02/2017/TT-VPCP", kind="Thông tư", title="Hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính"), "portal_flat"),
    ],
)
def test_rows_written_right_stay_clean(ref: LegalRef, source: str) -> None:
    assert codes(basis(ref, DECREE, source=source), "basis_row") == []


CIRCULAR = LegalRef(number="66/2025/TT-BNNMT", kind="Thông tư", title="Quy định về chăn nuôi động vật khác")


@pytest.mark.parametrize(
    ("refs", "expected"),
    [
        # 1.014954: TT 66/2025/TT-BNNMT alone (the Luật Chăn nuôi missing); 1.013092: two circulars of the Bộ GTVT
        ((CIRCULAR,), 1),
        ((LegalRef(number="47/2024/TT-BGTVT", kind="Thông tư"), LegalRef(number="11/2024/TT-BGTVT", kind="Thông tư")), 1),
        # 2.000639: a joint circular; and a row without a kind, a circular by its symbol
        ((LegalRef(number="09/2015/TTLT-BCA-BYT-BTC", kind="Thông tư liên tịch"),), 1),
        ((LegalRef(number="09/2015/TTLT-BCA-BYT-BTC", kind=""),), 1),
        # look-alikes: a law or a decree beside the circular, a decision of a ministry, no basis at all
        ((CIRCULAR, LegalRef(number="32/2018/QH14", kind="Luật", title="Luật Chăn nuôi")), 0),
        ((CIRCULAR, DECREE), 0),
        ((LegalRef(number="51/2002/QĐ-BGDĐT", kind="Quyết định"),), 0),
        ((LegalRef(number="32/2018/QH14", kind="", title="Luật Chăn nuôi"),), 0),
        ((), 0),
    ],
)
def test_basis_of_circulars_only(refs: tuple[LegalRef, ...], expected: int) -> None:
    found = codes(basis(*refs), "basis_circulars_only")
    assert len(found) == expected
    assert all("{" not in d.message and f"{len(refs)} văn bản" in d.message for d in found)


DETAILING = LegalRef(number="15/2018/NĐ-CP", kind="Nghị định",
                     title="Quy định chi tiết thi hành một số điều của Luật an toàn thực phẩm")


@pytest.mark.parametrize(
    ("refs", "expected"),
    [
        # 1.003814: the decree detailing the Luật An toàn thực phẩm, the law not cited
        ((DETAILING,), "Luật An toàn thực phẩm"),
        ((LegalRef(number="96/2023/NĐ-CP", kind="Nghị định",
                   title="Nghị định quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh"),), "Luật Khám bệnh, chữa bệnh"),
        ((DETAILING, LegalRef(number="55/2010/QH12", kind="Luật", title="Luật An toàn thực phẩm")), None),
        # a law cited by its number only: which law it is cannot be read
        ((DETAILING, LegalRef(number="55/2010/QH12", kind="Luật", title="Luật 55/2010/QH12")), None),
        # an amending decree, and a decree detailing the law that amends another
        ((LegalRef(number="24/2019/NĐ-CP", kind="Nghị định", title="Sửa đổi, bổ sung Nghị định quy định chi tiết Luật Nuôi con nuôi"),), None),
        ((LegalRef(number="99/2019/NĐ-CP", kind="Nghị định",
                   title="Quy định chi tiết và hướng dẫn thi hành một số điều của Luật sửa đổi, bổ sung một số điều của Luật Giáo dục đại học"),), None),
    ],
)
def test_law_a_decree_details_is_cited(refs: tuple[LegalRef, ...], expected: str | None) -> None:
    found = codes(basis(*refs), "basis_law_missing")
    assert [expected in d.message for d in found] == ([True] if expected else [])


def test_texts_citing_a_repealed_text() -> None:
    procedure = basis(DECREE)
    procedure.cases = [Case(documents=[DocumentRequirement(name="Tờ khai (Mẫu số PC12 ban hành kèm theo Nghị định số 50/2024/NĐ-CP)"),
                                       DocumentRequirement(name="Văn bản thay thế Nghị định số 50/2024/NĐ-CP"),
                                       DocumentRequirement(name="Giấy chứng nhận cấp theo Luật Đầu tư số 67/2014/QH13")])]
    procedure.channels = [Channel(mode="truc_tiep", fees=[Fee(text="20.000 đ / tờ khai theo Thông tư số 172/2010/TT-BTC")])]
    found = {d.params["number"]: d for d in codes(procedure, "repealed_cited")}
    assert set(found) == {"50/2024/NĐ-CP", "172/2010/TT-BTC"}
    assert [(e.field, e.index) for e in found["50/2024/NĐ-CP"].evidence] == [("documents", 0)]
    assert found["172/2010/TT-BTC"].field == "channels" and "274/2016/TT-BTC" in found["172/2010/TT-BTC"].message


@pytest.mark.parametrize(
    ("source", "code", "expected"),
    [
        ("portal_flat", "2.002018", "basis_row"),  # "Thông thư 47/2019/TT-BTC"
        ("portal_flat", "5.003812", "basis_row"),  # "Luật Kiến trúc 40/2029/QH14"
        ("portal_docx", "2.000358", "basis_row"),  # NĐ 78/2002/NĐ-CP issued by "Phòng Chính phủ số"
        ("portal_docx", "1.012591", "basis_row"),  # the Luật tín ngưỡng, tôn giáo "ngày 18/11/2016" dated 17-07-2016
        ("portal_flat", "1.003814", "basis_law_missing"),  # NĐ 15/2018 without the Luật An toàn thực phẩm
        ("portal_docx", "3.000493", "repealed_cited"),  # Mẫu số PC12 of NĐ 50/2024/NĐ-CP
        ("portal_docx", "2.000048", "repealed_cited"),  # the fee under Thông tư 172/2010/TT-BTC
        ("portal_docx", "1.014193", "basis_row"),  # the publication decision 2306/QĐ-BYT listed as a basis
        ("portal_flat", "1.014954", "basis_circulars_only"),  # TT 66/2025/TT-BNNMT alone
        ("portal_docx", "1.003992", "basis_row"),  # "nghị định 146/2025" without its symbol
        ("portal_docx", "1.000836", "repealed_basis"),  # the Luật Viễn thông 41/2009/QH12
        ("portal_docx", "2.000236", "repealed_basis"),  # Nghị định 64/2001/NĐ-CP on payments
    ],
)
def test_real_records(source: str, code: str, expected: str, tmp_path: Path) -> None:
    assert expected in {d.code for d in record_defects(real_procedure(source, code, tmp_path))}


@pytest.mark.parametrize(("text", "expected"), [
    ("Thực hiện theo Nghị định số 40/2025/NĐ-CP ngày 25/01/2026 của Chính phủ", 1),  # 1.014847
    ("Mẫu ban hành kèm theo Thông tư số 19/2016/TT-BLĐTBXH ngày 19 tháng 10 năm 2015", 1),  # 1.000546
    ("Thực hiện theo Nghị định số 40/2026/NĐ-CP ngày 25/01/2026 của Chính phủ", 0),
    # a law is numbered by the year it is passed, and its date may be another (the Luật Công chứng 2024)
    ("Luật Công chứng số 46/2024/QH15 ngày 26/11/2024", 0),
])
def test_a_cited_number_carries_the_year_of_its_date(text: str, expected: int) -> None:
    procedure = basis(DECREE)
    procedure.steps = [Step(index=1, text=text)]
    found = codes(procedure, "citation_misdated")
    assert len(found) == expected and all(d.evidence[0].field == "steps" for d in found)


def _with_paper(name: str, *refs: LegalRef) -> Procedure:
    procedure = basis(*refs)
    procedure.cases = [Case(documents=[DocumentRequirement(name=name)])]
    return procedure


@pytest.mark.parametrize(
    ("paper", "refs", "expected"),
    [
        # the form's decree is not in the basis (1.014779: Mẫu 09.QLT of NĐ 32/2026/NĐ-CP; 3.000149: TT 42/2020/TT-BTC)
        ("Đơn đề nghị theo Mẫu số 09.QLT Phụ lục IA ban hành kèm theo Nghị định số 32/2026/NĐ-CP",
         (LegalRef(number="35/2016/NĐ-CP", kind="Nghị định", title="quy định chi tiết một số điều của Luật Thú y"),), "32/2026/NĐ-CP"),
        ("Văn bản đề nghị miễn bảo lãnh theo Mẫu số 08/TBMBL tại Phụ lục VI ban hành kèm theo Thông tư số 42/2020/TT-BTC",
         (LegalRef(number="46/2020/NĐ-CP", kind="Nghị định", title="Nghị định số 46/2020/NĐ-CP"),), "42/2020/TT-BTC"),
        # a number glued to the next word keeps its own symbol
        ("Tờ khai (Mẫu số 02 ban hành kèm theo Nghị định số 77/2023/NĐ-CPngày 02/11/2023)", (DECREE,), "77/2023/NĐ-CP"),
        # cited in the basis, by number or in a row's title, even with the symbol cut in one place (1.008003)
        ("Đơn (Mẫu số 01 ban hành kèm theo Nghị định số 168/2025/NĐ-CP)", (DECREE,), None),
        ("Đơn (Mẫu số 20 Phụ lục II ban hành kèm theo Thông tư số 07/2026/TT-BNNM)",
         (LegalRef(number="07/2026/TT-BNNMT", kind="Thông tư", title="Thông tư quy định chi tiết Luật Bảo vệ và kiểm dịch thực vật"),), None),
        ("Đơn (Mẫu số 02 ban hành kèm theo Thông tư số 12/2022/TT-NHNN)",
         (LegalRef(number="80/2025/TT-NHNN", kind="Thông tư", title="Sửa đổi Thông tư số 12/2022/TT-NHNN hướng dẫn về quản lý ngoại hối"),), None),
        # a paper the applicant holds, issued on another agency's form (1.002759), a form "as amended by" a text (1.007037)
        ("Bản sao Quyết định nghỉ hưu theo mẫu ban hành kèm theo Nghị định số 46/2010/NĐ-CP", (DECREE,), None),
        ("Căn cước hoặc giấy Thông báo số định danh cá nhân (Mẫu số 01 ban hành kèm theo Thông tư số 59/2021/TT-BCA)", (DECREE,), None),
        ("Giấy đề nghị theo mẫu số 01/HT Phụ lục I Thông tư số 80/2021/TT-BTC (đã được sửa đổi tại Thông tư số 40/2025/TT-BTC)",
         (LegalRef(number="80/2021/TT-BTC", kind="Thông tư", title="Thông tư 80/2021/TT-BTC"),), None),
        # a repealed text is repealed_cited's
        ("Tờ khai (Mẫu số PC12 ban hành kèm theo Nghị định số 50/2024/NĐ-CP)", (DECREE,), None),
    ],
)
def test_cited_text_not_in_basis(paper: str, refs: tuple[LegalRef, ...], expected: str | None) -> None:
    found = codes(_with_paper(paper, *refs), "cited_text_not_in_basis")
    assert [d.params["numbers"] for d in found] == ([expected] if expected else [])
    assert all(d.evidence[0].field == "legal_basis" and "bổ sung vào căn cứ pháp lý văn bản quy định mẫu đơn" in d.message for d in found)


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        # a step done under a provision of a text the basis leaves out (2.000581: TT 11/2020/TT-BTP; 3.000284: NĐ 27/2022)
        ("Trong thời hạn 10 ngày, kể từ ngày nhận được quyết định bổ nhiệm kèm theo hồ sơ quy định tại khoản 1 Điều 6 "
         "Thông tư số 11/2020/TT-BTP ngày 31/12/2020", "11/2020/TT-BTP"),
        ("Nội dung quyết định thực hiện theo quy định tại điểm đ khoản 3 Điều 22 Nghị định số 27/2022/NĐ-CP", "27/2022/NĐ-CP"),
        # the one-stop decree every procedure is filed under (1.014069), a text the basis cites, a text named without a provision
        ("Việc nộp hồ sơ thực hiện theo quy định tại Điều 15 Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025", None),
        ("Hồ sơ quy định tại Điều 5 Nghị định số 168/2025/NĐ-CP", None),
        ("Cơ quan thuế xử lý theo Nghị định số 126/2020/NĐ-CP", None),
    ],
)
def test_step_provision_not_in_basis(step: str, expected: str | None) -> None:
    procedure = basis(DECREE)
    procedure.steps = [Step(index=1, text=step)]
    found = codes(procedure, "cited_text_not_in_basis")
    assert [d.params["numbers"] for d in found] == ([expected] if expected else [])


def test_cited_text_not_in_basis_leaves_an_empty_basis_to_no_legal_basis() -> None:
    procedure = _with_paper("Đơn (Mẫu số 01 ban hành kèm theo Nghị định số 100/2020/NĐ-CP)")
    assert codes(procedure, "cited_text_not_in_basis") == [] and codes(procedure, "no_legal_basis")


@pytest.mark.parametrize(("source", "code"), [
    ("portal_flat", "1.014779"),  # Mẫu 09.QLT … of NĐ 32/2026/NĐ-CP (blind round 8 raised it)
    ("portal_docx", "1.012167"),  # Phụ lục IX of NĐ 77/2023/NĐ-CP, the basis only the Luật Quản lý ngoại thương
    ("portal_flat", "3.000149"),  # Mẫu số 08/TBMBL of TT 42/2020/TT-BTC
    ("portal_docx", "2.000581"),  # a step under khoản 1 Điều 6 of TT 11/2020/TT-BTP (blind round 8 raised it)
])
def test_cited_text_not_in_basis_on_real_records(source: str, code: str, tmp_path: Path) -> None:
    assert "cited_text_not_in_basis" in {d.code for d in record_defects(real_procedure(source, code, tmp_path))}
