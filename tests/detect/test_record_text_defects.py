"""How a record is written: pasted provisions, notes as papers, fees and times that disagree between channels,
wrong legal-basis rows, malformed names, steps out of order (analyzer.detect.record_text_defects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.detect.record_defects import record_defects
from analyzer.model import Case, Channel, DocumentRequirement, Fee, LegalRef, Procedure, Step
from analyzer.parse.duration import parse_duration
from support import real_procedure


def record(*, name: str = "Cấp giấy phép thử", steps: tuple[str, ...] = (), documents: tuple[str, ...] = (),
           channels: tuple[tuple[str, str | None, str], ...] = (("truc_tiep", "5 ngày làm việc", "Miễn phí"),),
           basis: tuple[LegalRef, ...] = (LegalRef(number="01/2020/NĐ-CP", kind="Nghị định"),)) -> Procedure:
    from analyzer.parse.fees import parse_fees

    return Procedure(
        code="T.9", name=name, steps=[Step(index=n, text=t) for n, t in enumerate(steps, start=1)],
        cases=[Case(documents=[DocumentRequirement(name=d) for d in documents])],
        channels=[Channel(mode=m, duration=parse_duration(t) if t else None, fees=parse_fees(f) if f else [])  # type: ignore[arg-type]
                  for m, t, f in channels],
        legal_basis=list(basis))


def quantities(*rows: tuple[str, int, int]) -> Procedure:
    """A record whose dossier rows are (name, originals, copies)."""
    procedure = record()
    procedure.cases = [Case(documents=[DocumentRequirement(name=n, originals=o, copies=c) for n, o, c in rows])]
    return procedure


def found(procedure: Procedure, code: str) -> list:
    return [d for d in record_defects(procedure) if d.code == code]


LAW = LegalRef(number="15/2023/QH15", kind="Luật", issuer="Ủy ban thường vụ quốc hội", title="Luật Khám bệnh, chữa bệnh")


@pytest.mark.parametrize(
    ("procedure", "code", "expected"),
    [
        # text copied from the legal text (1.012962, 3.000468, 1.004416), and references a record may make
        (record(steps=("Tổ chức, cá nhân gửi 01 bộ hồ sơ quy định tại điểm b khoản 3 Điều này",)), "pasted_provision", 1),
        (record(documents=("Đơn theo Mẫu số 01 ban hành kèm theo Thông tư này",)), "pasted_provision", 1),
        (record(steps=("Nếu kết quả kiểm tra đáp ứng các yêu cầu quy định tại Phần này", "Cục cấp giấy chứng nhận.")),
         "pasted_provision", 1),
        (record(steps=("Nộp hồ sơ theo quy định tại khoản 3 Điều 13 Thông tư 72/2014/TT-BTC",
                       "Ngay trong ngày này, Sở trả kết quả")), "pasted_provision", 0),
        # a channel without fee information where another states one (1.001117), a fee of 1 đồng (1.002032)
        (record(channels=(("truc_tiep", "3 ngày làm việc", "Miễn phí"), ("truc_tuyen", "3 ngày làm việc", "Không có thông tin"))),
         "fee_missing_on_channel", 1),
        (record(channels=(("truc_tiep", "3 ngày làm việc", "Không có thông tin"),)), "fee_missing_on_channel", 0),
        (record(channels=(("truc_tuyen", "10 ngày làm việc", "1 Việt Nam Đồng"),)), "fee_implausible", 1),
        (record(channels=(("truc_tuyen", "10 ngày làm việc", "100.000 Đồng"),)), "fee_implausible", 0),
        # no fee published while a step has the applicant pay (1.008002), and a step that pays nothing
        (record(channels=(("truc_tiep", "2 giờ", "Không có thông tin"),), steps=("Người dân nộp phí, lệ phí theo thông báo",)),
         "fee_unstated_charged", 1),
        (record(channels=(("truc_tiep", "2 giờ", "Không có thông tin"),), steps=("Nộp hồ sơ tại Bộ phận Một cửa",)),
         "fee_unstated_charged", 0),
        # only amending texts cited (1.006391), and the amended text with them
        (record(basis=(LegalRef(number="09/2025/TT-BXD", kind="Thông tư", title="Sửa đổi, bổ sung một số điều của Thông tư 75/2014"),)),
         "basis_only_amendments", 1),
        (record(basis=(LegalRef(number="09/2025/TT-BXD", kind="Thông tư", title="Sửa đổi, bổ sung một số điều của Thông tư 75/2014"),
                       LegalRef(number="75/2014/TT-BGTVT", kind="Thông tư", title="Quy định về đăng ký phương tiện thủy nội địa"))),
         "basis_only_amendments", 0),
        # a channel mode without time where another mode has one (2.001680); rows of one mode are its cases
        (record(channels=(("truc_tiep", "5 ngày làm việc", "Miễn phí"), ("truc_tuyen", "Không có thông tin", "Miễn phí"))),
         "time_missing_on_channel", 1),
        (record(channels=(("truc_tiep", "5 ngày làm việc", "Miễn phí"), ("truc_tiep", "Không có thông tin", "Miễn phí"))),
         "time_missing_on_channel", 0),
        # each channel published in two rows, one per stage (1.014403), and one row per channel
        (record(channels=(("truc_tiep", "7 ngày làm việc", "Miễn phí"), ("truc_tiep", "7 ngày làm việc", "Miễn phí"),
                          ("truc_tuyen", "7 ngày làm việc", "Miễn phí"))), "channel_rows_split", 1),
        (record(channels=(("truc_tiep", "7 ngày làm việc", "Miễn phí"), ("truc_tuyen", "5 ngày làm việc", "Miễn phí"))),
         "channel_rows_split", 0),
        # a step whose time lost its unit (2.000015, 1.008759), and a time with it
        (record(steps=("Nộp hồ sơ", "Trong thời hạn bảy làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")), "step_time_without_unit", 1),
        (record(steps=("trong thời hạn 10 (mười) làm việc ngày kể từ ngày được chấp thuận",)), "step_time_without_unit", 1),
        (record(steps=("Trong thời hạn mười ngày làm việc, kể từ ngày nhận đủ hồ sơ",)), "step_time_without_unit", 0),
        (record(steps=("Người đứng đầu có ít nhất 03 năm làm việc trong lĩnh vực",)), "step_time_without_unit", 0),
        # tax, fee and charge paid in a step (1.008002)
        (record(channels=(("truc_tiep", "2 giờ", "Không có thông tin"),), steps=("Cư dân biên giới thực hiện việc nộp thuế, phí, lệ phí",)),
         "fee_unstated_charged", 1),
        (record(channels=(("truc_tiep", "2 giờ", "Không có thông tin"),), steps=("Người nộp thuế nộp tờ khai",)),
         "fee_unstated_charged", 0),
        # channels in working days, the decision in calendar days from receipt (1.009523); a request to complete the dossier
        (record(channels=(("truc_tiep", "15 ngày làm việc", "Miễn phí"),),
                steps=("Trong thời hạn 15 (mười lăm) ngày kể từ khi nhận được hồ sơ đầy đủ, hợp lệ, Ủy ban cấp Giấy chứng nhận",)),
         "unit_mismatch_steps", 1),
        (record(channels=(("truc_tiep", "7 ngày làm việc", "Miễn phí"),),
                steps=("Trường hợp hồ sơ chưa đầy đủ, trong thời hạn 07 ngày kể từ ngày nhận hồ sơ, Ủy ban yêu cầu bổ sung",)),
         "unit_mismatch_steps", 0),
        (record(channels=(("truc_tiep", "15 ngày làm việc", "Miễn phí"),),
                steps=("Trong thời hạn 15 ngày kể từ ngày phát hiện giấy phép bị mất, tổ chức phải báo cáo",)),
         "unit_mismatch_steps", 0),
        # a time of "1" and a fee of "25 VNĐ" run together in the source: no fee is "missing" on that channel
        (record(channels=(("truc_tiep", "3 ngày làm việc", "Miễn phí"), ("truc_tuyen", "125 VNĐ", "Không có thông tin"))),
         "fee_missing_on_channel", 0),
        # a law attributed to the Standing Committee (1.012416), a text listed twice, rows pasted together
        (record(basis=(LAW,)), "basis_row", 1),
        (record(basis=(LegalRef(number="15/2023/QH15", kind="Luật", issuer="Quốc hội"),)), "basis_row", 0),
        (record(basis=(LegalRef(number="15/2022/TT-BCA", title="Quy định về quản lý con dấu"),
                       LegalRef(number="15/2022/TT-BCA", title="Quy định về quản lý con dấu"))), "basis_row", 1),
        # one row the reader split in two (hand reading, round 5): not a repeat
        (record(basis=(LegalRef(number="15/2022/TT-BCA", title="Quy định về quản lý"),
                       LegalRef(number="15/2022/TT-BCA", title="con dấu và giấy chứng nhận"))), "basis_row", 0),
        (record(basis=(LegalRef(number="40/2009/QH12", title="1- Luật khám bệnh, chữa bệnh số 40/2009/QH12. 2- Nghị định số 87/2011/NĐ-CP"),)),
         "basis_row", 1),
        (record(basis=(LegalRef(number="04/2024/TT-BTP", title="Sửa đổi, bổ sung một số điều của Thông tư số 01/2020/TT-BTP"),)),
         "basis_row", 0),
        # conditions only by reference (1.008681), and conditions stated
        (record(name="Thực hiện kỹ thuật thụ tinh trong ống nghiệm"), "conditions_by_reference", 0),
        # a folder path, a stray mark, a doubled phrase (1.000800, 2.002321, 2.002804), and a plain name
        (record(name="Thanh toán vốn bồi thường\\cấp vốn\\Các khoản hỗ trợ"), "malformed_name", 1),
        (record(name=". Đăng ký thuế đối với trường hợp chuyển đổi mô hình"), "malformed_name", 1),
        (record(name="Cấp giấy phép nhận chìm ở biển ở biển và giao khu vực biển"), "malformed_name", 1),
        (record(name="Cấp, cấp lại giấy phép xuất bản bản tin"), "malformed_name", 0),
        # one quantity pasted on every row, rows named "Bản sao …" included (1.012910, 1.012583), and look-alikes:
        # the quantities differ, the copy row offers the original, too few rows, every row without a quantity
        (quantities(("Đơn đăng ký dự thi", 1, 1), ("01 Bản sao chứng thực bằng tốt nghiệp", 1, 1), ("02 ảnh mầu cỡ 4x6cm", 1, 1)),
         "quantity_pasted", 1),
        (quantities(("Văn bản đề nghị (theo mẫu)", 1, 0), ("Bản sao quyết định công nhận tổ chức tôn giáo", 1, 0),
                    ("Bản sao văn bản chấp thuận thành lập", 1, 0)), "quantity_pasted", 1),
        (quantities(("Văn bản đề nghị (theo mẫu)", 1, 0), ("Bản sao quyết định công nhận", 0, 1), ("Bản sao điều lệ", 0, 1)),
         "quantity_pasted", 0),
        (quantities(("Tờ khai", 1, 0), ("Bản sao hoặc bản chính Giấy phép", 1, 0), ("Báo cáo tài chính", 1, 0)), "quantity_pasted", 0),
        (quantities(("Tờ khai", 1, 0), ("Bản sao Giấy phép", 1, 0)), "quantity_pasted", 0),
        (quantities(("Tờ khai", 0, 0), ("Bản sao Giấy phép", 0, 0), ("Bản sao điều lệ", 0, 0)), "quantity_pasted", 0),
    ],
)
def test_each_check_and_its_look_alikes(procedure: Procedure, code: str, expected: int) -> None:
    defects = found(procedure, code)
    assert len(defects) == expected
    assert all(d.message and "None" not in d.message and "{" not in d.message for d in defects)


@pytest.mark.parametrize(
    ("source", "code", "expected"),
    [
        ("portal_flat", "2.000829", "note_as_paper"),  # "Lưu ý: Việc nộp Giấy khai sinh chỉ thực hiện …" as a row
        ("portal_docx", "1.003197", "note_as_paper"),  # "*Lưu ý: Việc nộp hồ sơ đăng ký cư trú …"
        ("portal_docx", "1.012962", "pasted_provision"),  # "hồ sơ quy định tại điểm b khoản 3 Điều này"
        ("portal_docx", "1.013080", "fee_unstated"),  # "Lệ phí :  Đồng": the amount cell is empty
        ("portal_docx", "1.000927", "steps_out_of_order"),  # Bước 3, 4, 5 then 1, 2
        ("portal_flat", "1.012910", "quantity_pasted"),  # "1 bản chính,1 bản sao" on all 7 rows, photos and copies
        ("portal_docx", "1.012583", "quantity_pasted"),  # "Bản chính: 1, Bản sao: 0" on rows named "Bản sao …"
        ("portal_docx", "1.008720", "time_only_in_description"),  # every time cell empty, 30 working days described
        ("portal_flat", "2.000015", "step_time_without_unit"),  # "Trong thời hạn bảy làm việc"
    ],
)
def test_real_records(source: str, code: str, expected: str, tmp_path: Path) -> None:
    assert expected in {d.code for d in record_defects(real_procedure(source, code, tmp_path))}


@pytest.mark.parametrize(
    ("text", "out_of_order"),
    [
        ("- Bước 3: Phòng nghiệp vụ tiếp nhận.\n- Bước 4: Lãnh đạo duyệt.\n- Bước 1: Tiếp nhận hồ sơ.\n- Bước 2: Trình ký.", True),
        ("Bước 1: Nộp hồ sơ.\nBước 2: Thẩm định.\nBước 3: Trả kết quả.", False),
        # two cases, each numbered from 1
        ("Bước 1: Nộp hồ sơ.\nBước 2: Trả kết quả.\nBước 1: Nộp hồ sơ cấp lại.\nBước 2: Trả kết quả.", False),
    ],
)
def test_the_reader_warns_of_steps_published_out_of_order(text: str, out_of_order: bool) -> None:
    from analyzer.ingest._common import add_steps

    procedure = Procedure(code="T.8", name="Thủ tục thử")
    add_steps(procedure, text)
    assert bool(found(procedure, "steps_out_of_order")) is out_of_order


@pytest.mark.parametrize(("conditions", "expected"), [
    ("Thực hiện theo quy định tại Khoản 1, Điều 3, Nghị định số 10/2015/NĐ-CP ngày 28/01/2015 của Chính phủ", 1),
    ("Cơ sở có đủ điều kiện theo quy định tại Điều 5: a) có địa điểm cố định; b) có người phụ trách chuyên môn", 0),
])
def test_conditions_only_by_reference(conditions: str, expected: int) -> None:
    procedure = record()
    procedure.conditions = conditions
    assert len(found(procedure, "conditions_by_reference")) == expected


@pytest.mark.parametrize(("times", "descriptions", "expected"), [
    # 1.008720: every time cell empty, "Trường hợp hợp lệ: 30 ngày làm việc" in the descriptions
    ((None, None), ("Trường hợp hợp lệ: 30 ngày làm việc, kể từ ngày nhận đủ hồ sơ.",) * 2, 1),
    ((None, "30 ngày làm việc"), ("Trường hợp hợp lệ: 30 ngày làm việc.",) * 2, 0),
    ((None, None), ("Nộp hồ sơ tại Bộ phận Một cửa",) * 2, 0),
])
def test_time_only_in_the_descriptions(times: tuple[str | None, ...], descriptions: tuple[str, ...], expected: int) -> None:
    procedure = record()
    procedure.channels = [Channel(mode=mode, duration=parse_duration(t) if t else None, description=d)  # type: ignore[arg-type]
                          for mode, t, d in zip(("truc_tiep", "truc_tuyen"), times, descriptions)]
    found_ = found(procedure, "time_only_in_description")
    assert len(found_) == expected
    assert all("30 ngày làm việc" in d.message and [e.index for e in d.evidence] == [0, 1] for d in found_)


def test_steps_out_of_order_point_at_the_first_step_and_the_one_that_comes_back() -> None:
    from analyzer.ingest._common import add_steps

    procedure = Procedure(code="T.8", name="Thủ tục thử")
    add_steps(procedure, "- Bước 3: Phòng nghiệp vụ tiếp nhận.\n- Bước 4: Lãnh đạo duyệt.\n- Bước 1: Tiếp nhận hồ sơ.\n- Bước 2: Trình ký.")
    (defect,) = found(procedure, "steps_out_of_order")
    assert [e.index for e in defect.evidence] == [0, 2]


def test_rows_that_name_their_case_are_published_as_they_should_be() -> None:
    procedure = record()
    procedure.channels = [Channel(mode="truc_tuyen", duration=parse_duration("5 ngày làm việc"), description="Trường hợp thông thường"),
                          Channel(mode="truc_tuyen", duration=parse_duration("2 ngày làm việc"), description="Trường hợp xử lý ưu tiên")]
    assert found(procedure, "channel_rows_split") == []
    procedure.channels[1].description = None  # a stage or a case the row does not name
    assert len(found(procedure, "channel_rows_split")) == 1


def flat(procedure: Procedure) -> Procedure:
    from analyzer.model import SourceRef

    procedure.source = SourceRef(format="portal_flat", path="records.jsonl.gz", record="line 1")
    return procedure


NO_FEE = (("truc_tiep", "3 ngày làm việc", ""), ("truc_tuyen", "3 ngày làm việc", ""))


@pytest.mark.parametrize(("procedure", "expected"), [
    (flat(record(name="Cấp đổi thẻ thường trú cho người nước ngoài", channels=NO_FEE)), 1),  # 2.000473
    (flat(record(name="Thủ tục chấp thuận nguyên tắc thành lập quỹ tín dụng nhân dân", channels=NO_FEE)), 1),  # 1.115133
    (flat(record(name="Gia hạn thời gian lưu hành tại Việt Nam cho phương tiện", channels=NO_FEE)), 1),  # 1.001737
    # look-alikes: a fee stated on one channel, a step that charges (fee_unstated_charged's), a claim or a report
    # (no fee to publish), the DOCX export (its empty fee cell says nothing), officials filing
    (flat(record(name="Cấp đổi thẻ thường trú", channels=(NO_FEE[0], ("truc_tuyen", "3 ngày làm việc", "Miễn phí")))), 0),
    (flat(record(name="Cấp đổi thẻ thường trú", channels=NO_FEE, steps=("Người nước ngoài nộp lệ phí và nhận thẻ",))), 0),
    (flat(record(name="Xét trợ cấp đối với người hoạt động kháng chiến", channels=NO_FEE)), 0),  # 1.004205
    (flat(record(name="Trình báo mất hộ chiếu phổ thông", channels=NO_FEE)), 0),
    (record(name="Cấp đổi thẻ thường trú", channels=NO_FEE), 0),
])
def test_no_fee_information_on_any_channel(procedure: Procedure, expected: int) -> None:
    defects = found(procedure, "fee_no_information")
    assert len(defects) == expected
    assert all(len(d.evidence) == len(procedure.channels) for d in defects)


def test_no_fee_information_leaves_out_officials_filing() -> None:
    procedure = flat(record(name="Cấp giấy chứng nhận nội bộ", channels=NO_FEE))
    procedure.subjects = ["Cán bộ, công chức, viên chức"]
    assert found(procedure, "fee_no_information") == []


@pytest.mark.parametrize(("source", "code", "expected"), [
    ("portal_flat", "2.000473", 1),  # Cấp đổi thẻ thường trú … tại Công an cấp tỉnh: "Không có thông tin" on its channel
    ("portal_flat", "1.008002", 0),  # no fee information, but step 2 charges: fee_unstated_charged
])
def test_no_fee_information_on_real_records(source: str, code: str, expected: int, tmp_path: Path) -> None:
    assert len(found(real_procedure(source, code, tmp_path), "fee_no_information")) == expected


def test_every_note_row_is_evidence() -> None:
    notes = tuple(f"Lưu ý: người tiếp nhận kiểm tra bản chính giấy tờ số {n}" for n in range(1, 6))
    defects = found(record(documents=("Tờ khai theo mẫu", *notes)), "note_as_paper")
    assert [[e.index for e in d.evidence] for d in defects] == [[1, 2, 3, 4, 5]]
    assert "5 dòng" in defects[0].message


@pytest.mark.parametrize(("fee", "expected"), [
    ("Miễn phí(- Công nhận lâm phần tuyển chọn: 600.000 đồng/lô giống; - Công nhận vườn giống: 2.400.000 đồng/vườn giống)", 1),  # 3.000198
    ("Miễn phí(Lệ phí cấp mới 40.000đồng/lần; lệ phí cấp lại 20.000 đồng/lần.)", 1),  # 1.004359
    # look-alikes: free, a fee set elsewhere (fee_unstated's), an amount without "Miễn phí", an exemption then no amount
    ("Miễn phí", 0),
    ("Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định)", 0),
    ("50.000 Đồng(Lệ phí cấp giấy phép)", 0),
    ("Miễn phí(Miễn lệ phí theo Thông tư số 47/2019/TT-BTC)", 0),
])
def test_free_then_priced(fee: str, expected: int) -> None:
    defects = found(record(channels=(("truc_tiep", "5 ngày làm việc", fee), ("truc_tuyen", "5 ngày làm việc", fee))), "fee_free_but_priced")
    assert len(defects) == expected
    assert all([e.index for e in d.evidence] == [0, 1] and "{" not in d.message for d in defects)


@pytest.mark.parametrize(("name", "reported"), [
    ("Các văn bản trong hồ sơ nếu bằng tiếng nước ngoài phải kèm theo bản dịch tiếng Việt", True),  # 1.001082
    ("Tài liệu được lập bằng tiếng nước ngoài phải được gửi kèm bản dịch chứng thực sang tiếng Việt;", True),  # 1.009801
    ("Trường hợp không quy định rõ bản chính thì có thể nộp bản sao hợp lệ", True),  # 1.001613
    # look-alikes: the translation itself as a paper, a foreign paper asked for
    ("Bản dịch tiếng Việt có chứng thực của giấy tờ bằng tiếng nước ngoài", False),
    ("Giấy tờ bằng tiếng nước ngoài đã được hợp pháp hóa lãnh sự", False),
])
def test_rules_on_the_papers_published_as_rows(name: str, reported: bool) -> None:
    defects = found(record(documents=("Tờ khai theo mẫu", name)), "note_as_paper")
    assert bool(defects) is reported
    assert all([e.index for e in d.evidence] == [1] for d in defects)


@pytest.mark.parametrize(("name", "reported"), [
    # 2.000720: who answers for the authorisation
    ("Người ủy quyền và người được ủy quyền thực hiện thủ tục đăng ký hộ kinh doanh chịu trách nhiệm trước pháp luật về "
     "tính hợp pháp, trung thực và chính xác của việc ủy quyền", True),
    # 2.002668
    ("Tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã tự chịu trách nhiệm trước pháp luật về tính chính xác, trung thực của "
     "các thông tin cung cấp tại hồ sơ đăng ký nhu cầu hỗ trợ", True),
    # 1.000110: a case spared a paper
    ("Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh hoặc cơ quan đăng ký hộ tịch đã khai thác được dữ liệu "
     "điện tử có ký số của Giấy chứng sinh thì không phải nộp bản giấy", True),
    # look-alikes: the commitment paper itself, a paper asked in one case, a paper that names a responsibility
    ("Văn bản cam kết chịu trách nhiệm về tính chính xác của hồ sơ", False),
    ("Trường hợp ủy quyền thì nộp Giấy ủy quyền theo quy định", False),
    ("Bản sao Hợp đồng lao động và cá nhân ký cam kết chịu trách nhiệm vào bản sao", False),
    ("Giấy xác nhận của người chịu trách nhiệm về chuyên môn", False),
])
def test_rules_on_the_papers_are_notes(name: str, reported: bool) -> None:
    procedure = quantities(("Tờ khai theo mẫu", 1, 0), (name, 1, 0))
    assert bool(found(procedure, "note_as_paper")) is reported


STEP_WITH_CONDITIONS = ("Trường hợp sau xác minh, nếu chủ rừng đáp ứng được điều kiện cấp, cấp lại mã số theo quy định tại "
                        "khoản 2 Điều 13 Thông tư số 84/2025/TT-BNNMT thì cấp mã số")  # 1.014605, step 3


@pytest.mark.parametrize(("conditions", "steps", "expected"), [
    (None, ("Nộp hồ sơ", STEP_WITH_CONDITIONS), 1),
    ("Không", ("Nộp hồ sơ", STEP_WITH_CONDITIONS), 1),
    # 2.001403: "Nếu hồ sơ không đủ điều kiện theo quy định tại Điều 5 Nghị định số 99/…"
    (None, ("Nếu hồ sơ không đủ điều kiện theo quy định tại Điều 5 Nghị định số 99/2016/NĐ-CP thì trả lại",), 1),
    # look-alikes: conditions published; a certificate named after conditions; the next clause's reference
    ("Chủ rừng có phương án quản lý rừng bền vững", (STEP_WITH_CONDITIONS,), 0),
    (None, ("Trình tự cấp lại Giấy chứng nhận cơ sở đủ điều kiện: Khi thuộc trường hợp quy định tại khoản 3 Điều 25 Luật",), 0),
    (None, ("Trường hợp hồ sơ đáp ứng điều kiện, thực hiện theo quy định tại khoản 5 Điều 18 Nghị định",), 0),
    (None, ("Trường hợp hồ sơ không đủ điều kiện, trả lời bằng văn bản",), 0),
])
def test_conditions_unpublished_while_a_step_applies_them(conditions: str | None, steps: tuple[str, ...], expected: int) -> None:
    procedure = record(steps=steps)
    procedure.conditions = conditions
    defects = found(procedure, "conditions_unpublished")
    assert len(defects) == expected
    for defect in defects:
        assert [(e.field, e.index) for e in defect.evidence][0] == ("conditions", None)
        assert defect.evidence[1].field == "steps" and "điều kiện" in defect.evidence[1].text
        assert "công bố đầy đủ từng yêu cầu, điều kiện" in defect.message


# 5.002587, step 1: the whole step published twice in a row
ONCE = ("Cục Hàng không Việt Nam chủ trì, phối hợp với Cục Tác chiến, Quân chủng Phòng không - Không quân xác định và công bố "
        "phương thức liên lạc chung đối với hoạt động bay trong vùng trời cho khu vực bay.")
# 2.000567: a list of conditions pasted twice
CONDITIONS = ("- Người đại diện hộ gia đình đứng tên vay vốn đang chấp hành án phạt tù; - Người thay người đại diện hộ gia đình "
              "đứng tên trên Sổ vay vốn phải đủ 18 tuổi trở lên;")


@pytest.mark.parametrize(("steps", "conditions", "field", "index"), [
    ((f"{ONCE} {ONCE}",), None, "steps", 0),
    (("Nộp hồ sơ tại Cục Hàng không Việt Nam.", ONCE, ONCE), None, "steps", 2),  # 1.001148: a step published twice
    (("Nộp hồ sơ",), f"{CONDITIONS} {CONDITIONS}", "conditions", None),
    # look-alikes: each case's own steps repeat the same sentence with other text between; short pieces repeated
    # (a heading); two lists under their own headings (1.000567: "+ Bậc 1: . Bản chụp … + Từ bậc 1 đến bậc 2: . Bản chụp …")
    ((f"Trường hợp cấp mới: {ONCE} Trường hợp cấp lại: {ONCE}",), None, None, None),
    (("Bước 1. Nộp hồ sơ. Bước 1. Nộp hồ sơ.",), None, None, None),
    (("Nộp hồ sơ",), f"+ Bậc 1: {CONDITIONS} + Từ bậc 1 đến bậc 2: {CONDITIONS}", None, None),
])
def test_text_pasted_twice(steps: tuple[str, ...], conditions: str | None, field: str | None, index: int | None) -> None:
    procedure = record(steps=steps)
    procedure.conditions = conditions
    defects = found(procedure, "text_pasted_twice")
    assert [(d.field, d.evidence[0].index) for d in defects] == ([(field, index)] if field else [])
    assert all("hai lần liền nhau" in d.message and "{" not in d.message for d in defects)
