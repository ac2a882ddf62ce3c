"""Defects of the published record, apart from the findings (issue 13 item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

import analyzer
from analyzer.detect.record_defects import record_defects
from analyzer.model import Channel, LegalRef, Procedure, Step
from analyzer.parse.duration import parse_duration
from support import real_procedure


def channel(mode: str, text: str | None, description: str | None = None) -> Channel:
    return Channel(mode=mode, duration=parse_duration(text), description=description)  # type: ignore[arg-type]


def make(*channels: Channel, steps: tuple[str, ...] = (), legal: bool = True) -> Procedure:
    return Procedure(code="T.1", name="Cấp giấy phép thử", decision="12/QĐ-BTP", agency="Sở Tư pháp",
                     agencies={"co_tham_quyen": "Bộ Tư pháp"}, channels=list(channels),
                     steps=[Step(index=n, text=t) for n, t in enumerate(steps, start=1)],
                     legal_basis=[LegalRef(number="01/2020/NĐ-CP", kind="Nghị định")] if legal else [])


def codes(procedure: Procedure) -> list[tuple[str, list[int | None]]]:
    return [(d.code, [e.index for e in d.evidence]) for d in record_defects(procedure)]


@pytest.mark.parametrize(
    ("procedure", "expected"),
    [
        (make(channel("truc_tiep", "34 ngày làm việc"), channel("truc_tuyen", "34 ngày làm việc"),
              channel("buu_chinh", "5 ngày làm việc")), [("channels_disagree", [0, 1, 2])]),
        (make(channel("truc_tiep", "33 Tháng"), channel("truc_tuyen", "33 ngày")), [("unit_typo", [0])]),
        (make(channel("truc_tiep", "15 Ngày"), channel("truc_tuyen", "15 Ngày"),
              steps=("Trong thời hạn 15 ngày làm việc, Sở cấp giấy phép.",)), [("unit_mismatch", [0, 1])]),
        (make(channel("truc_tiep", "1"), channel("truc_tuyen", "1")), [("time_without_unit", [0, 1])]),
        (make(channel("truc_tiep", "5 ngày làm việc"), legal=False), [("no_legal_basis", [None])]),
    ],
)
def test_each_defect_once_per_procedure_with_every_channel(procedure: Procedure, expected: list) -> None:
    assert codes(procedure) == expected


@pytest.mark.parametrize(
    "procedure",
    [
        make(channel("truc_tiep", "5 ngày làm việc"), channel("truc_tuyen", "3 ngày làm việc")),  # a deliberate online cut
        make(channel("truc_tiep", "15 ngày"), steps=("Trong thời hạn 10 ngày làm việc, Sở thẩm định.",)),
        make(channel("truc_tiep", "Ngay trong ngày"), channel("truc_tuyen", "Ngay trong ngày")),
    ],
)
def test_records_without_defects_stay_clean(procedure: Procedure) -> None:
    assert codes(procedure) == []


def test_rows_of_one_mode_are_its_cases_not_a_disagreement() -> None:
    procedure = make(channel("truc_tiep", "7 ngày làm việc"), channel("truc_tiep", "30 ngày làm việc"),
                     channel("truc_tuyen", "7 ngày làm việc"))
    assert codes(procedure) == [("channel_rows_split", [0, 1])]  # published in two rows: one way of filing, two times


def test_a_defect_names_procedure_version_field_message_and_where_to_send_it() -> None:
    [defect] = analyzer.record_defects([make(channel("truc_tiep", "1"))])
    assert (defect.procedure, defect.version, defect.field, defect.send_to, defect.decision) == \
        ("T.1", "T.1@12/QĐ-BTP", "channels", "Bộ Tư pháp", "12/QĐ-BTP")
    assert "không ghi đơn vị thời gian" in defect.message and defect.to_dict()["message"] == defect.message
    assert set(defect.row()) >= {"procedure", "version", "code", "field", "message", "send_to", "evidence_text"}


@pytest.mark.parametrize(
    ("source", "code", "expected"),
    [
        # 30 / 14 days; "Không có thông tin"; "Bản sao từ sổ gốc hoặc được chứng thực của hợp đồng …" counted 1 bản chính
        ("portal_flat", "1.012356", {"channels_disagree", "no_legal_basis", "copy_counted_as_original"}),
        # "1" on both channels; the dossier cites "Phụ lục II ban hành kèm theo Nghị định này"; "Cấp xã" for the Chi cục
        # Hải quan khu vực
        ("portal_flat", "1.011667", {"time_without_unit", "pasted_provision", "level_mismatch"}),
        # "15 Ngày", the description says 15 ngày làm việc; a rule on scanned copies as a row counted 0/0 (blind dev)
        ("portal_docx", "1.001207", {"unit_mismatch", "zero_quantity_rows"}),
        # 3 working days online and by post, 30 days in person; "Phụ lục 3 Thông tư này"; Luật Thuế GTGT 2008 (replaced 2025)
        ("portal_flat", "1.008567", {"channels_disagree", "pasted_provision", "repealed_basis"}),
        # 21 working days on both channels, legal basis given; a catch-all dossier item (the blind dev reading too)
        ("portal_flat", "1.013336", {"open_component"}),
    ],
)
def test_real_records(source: str, code: str, expected: set[str], tmp_path: Path) -> None:
    assert {d.code for d in record_defects(real_procedure(source, code, tmp_path))} == expected


def test_no_legal_basis_is_not_reported_for_a_source_that_has_no_such_field() -> None:
    from analyzer.model import SourceRef

    procedure = make(channel("truc_tiep", "5 ngày làm việc"), legal=False)
    procedure.source = SourceRef(format="csdl_2021", path="records.json")
    assert codes(procedure) == []


# ---------------------------------------------------------------- out-of-date and open-ended records (round 3)


def _with(documents: tuple[str, ...] = (), fees: tuple[str, ...] = (), basis: tuple[str, ...] = ()) -> Procedure:
    from analyzer.model import Case, DocumentRequirement, Fee

    return Procedure(code="T.2", name="Cấp giấy phép thử", cases=[Case(documents=[DocumentRequirement(name=n) for n in documents])],
                     channels=[Channel(mode="truc_tiep", duration=parse_duration("5 ngày làm việc"),
                                       fees=[Fee(text=f) for f in fees])],
                     legal_basis=[LegalRef(number=n, kind="Luật") for n in basis] or [LegalRef(number="01/2020/NĐ-CP")])


@pytest.mark.parametrize(
    ("procedure", "code", "expected"),
    [
        # a repealed law in the legal basis (1.007954, 2.000618), and one in force
        (_with(basis=("47/2010/QH12",)), "repealed_basis", 1),
        (_with(basis=("67/2014/QH13", "61/2020/QH14")), "repealed_basis", 1),
        (_with(basis=("61/2020/QH14",)), "repealed_basis", 0),
        # the Luật Hóa chất 2007 (1.002758, 2.001550), replaced by the Luật Hóa chất 2025 from 01/01/2026, and the new law
        (_with(basis=("06/2007/QH12", "113/2017/NĐ-CP")), "repealed_basis", 1),
        (_with(basis=("69/2025/QH15",)), "repealed_basis", 0),
        # the 2005 ordinance on people with meritorious services and its decree (1.004151, raised by the blind experts), and those in force
        (_with(basis=("26/2005/PL-UBTVQH11", "31/2013/NĐ-CP")), "repealed_basis", 2),
        (_with(basis=("02/2020/UBTVQH14", "131/2021/NĐ-CP")), "repealed_basis", 0),
        # an abolished paper asked (1.000466), a number declared, a photo size, and an alternative already updated
        (_with(documents=("Giấy chứng minh nhân dân 09 số (nếu có)",)), "abolished_paper", 1),
        (_with(documents=("Bản sao Sổ hộ khẩu của cha, mẹ",)), "abolished_paper", 1),
        (_with(documents=("Sơ yếu lý lịch, có dán ảnh kiểu chứng minh nhân dân cỡ 4x6cm",)), "abolished_paper", 0),
        # offered beside the thẻ căn cước, the card is still asked (2.000748, 3.000116 raised by the blind experts)
        (_with(documents=("Bản sao Thẻ căn cước hoặc Chứng minh nhân dân",)), "abolished_paper", 1),
        (_with(documents=("Hộ chiếu/Chứng minh nhân dân/Thẻ căn cước công dân",)), "abolished_paper", 1),
        (_with(documents=("Hộ chiếu/Thẻ căn cước/Căn cước điện tử",)), "abolished_paper", 0),
        (_with(documents=("Tờ khai theo mẫu; ghi số định danh cá nhân; trường hợp chưa có thì ghi số chứng minh nhân dân",)),
         "abolished_paper", 0),
        # the fee left to another text (1.004122, 1.000070), a stated fee, and no fee
        (_with(fees=("Phí : Đồng (Theo quy định của Bộ Tài chính)",)), "fee_unstated", 1),
        (_with(fees=("Miễn phí(do Ủy ban nhân dân cấp tỉnh quy định.)",)), "fee_unstated", 1),
        (_with(fees=("Lệ phí : 50.000 Đồng (theo Thông tư 85/2019/TT-BTC)",)), "fee_unstated", 0),
        (_with(fees=("Miễn phí(Không quy định)",)), "fee_unstated", 0),
        # a dossier item that names no paper (1.000750, 3.000048), and a named one
        (_with(documents=("Các tài liệu khác (nếu có)",)), "open_component", 1),
        (_with(documents=("Tài liệu khác có liên quan để chứng minh khả năng trả nợ của tỉnh (nếu có)",)), "open_component", 1),
        (_with(documents=("Tài liệu chứng minh khả năng tài chính",)), "open_component", 0),
        # after a list mark, several kinds in one (1.011686, 1.013362), a row beside a named paper (1.115154)
        (_with(documents=("đ) Các văn bản, tài liệu khác có liên quan.",)), "open_component", 1),
        (_with(documents=("Các tài liệu, văn bản khác có liên quan (nếu có)",)), "open_component", 1),
        (_with(documents=("+ Tài liệu khác cung cấp thông tin về đợt chào bán cho nhà đầu tư (nếu có).",)), "open_component", 1),
        (_with(documents=("a) Văn bản đề nghị cấp phép", "b) Giấy tờ chứng minh khác")), "open_component", 0),
        # an item that only points to a provision (1.003176)
        (_with(documents=("Tài liệu quy định tại điểm b khoản 4 Điều 19 Nghị định số 96/2016/NĐ-CP",)), "open_component", 1),
        # a body or level gone since the 2025 reorganisation (2.002285, 1.001909), once per body, and today's
        (_with(documents=("Văn bản chấp thuận của Bộ Giao thông vận tải", "Ý kiến của Bộ Giao thông vận tải")), "abolished_body", 1),
        (_with(documents=("Văn bản của UBND cấp huyện", "Ý kiến của Sở Kế hoạch và Đầu tư")), "abolished_body", 2),
        (Procedure(code="T.3", name="Thủ tục thử", agency="Bảo hiểm xã hội cấp huyện, Bảo hiểm xã hội tỉnh"), "abolished_body", 1),
        (_with(documents=("Văn bản chấp thuận của Bộ Xây dựng", "Xác nhận của Ủy ban nhân dân cấp xã")), "abolished_body", 0),
        # the Tổng cục Hải quan, reorganised into the Cục Hải quan (1.007665); today's name, and the issuer of a text
        (_with(documents=("Doanh nghiệp gửi hồ sơ bản giấy đến Tổng cục Hải quan",)), "abolished_body", 1),
        (_with(documents=("Văn bản đề nghị gửi Cục Hải quan",)), "abolished_body", 0),
        (_with(documents=("Tờ khai theo Quyết định số 1357/QĐ-TCHQ của Tổng cục Hải quan",)), "abolished_body", 0),
        # a body a step sends the papers to after citing a text (1.010939, 1.001138) is named, not the text's issuer;
        # issuers of a joint text, written "cùa", or several words after "của" stay history
        (_with(documents=("Gửi 01 bộ hồ sơ theo quy định tại Khoản 1 Điều 19 Nghị định số 116/2021/NĐ-CP đến Ủy ban nhân dân cấp huyện nơi cư trú",)), "abolished_body", 1),
        (_with(documents=("Gửi 01 bộ hồ sơ theo quy định tại Điều 6 Thông tư số 17/2014/TT-BYT đến phòng Y tế quận, huyện, thị xã",)), "abolished_body", 1),
        (_with(fees=("Theo quy định tại Thông tư liên tịch số 72/2011/TTLT-BTC-BGTVT ngày 27/5/2011 của Bộ Tài chính - Bộ Giao thông vận tải",)), "abolished_body", 0),
        (_with(documents=("Tờ khai theo mẫu số 05/DVTHTT ban hành kèm theo Thông tư số 19/2016/TT-BTTTT ngày 30/6/2016 cùa Bộ Thông tin và Truyền thông",)), "abolished_body", 0),
        (_with(documents=("Mẫu ban hành kèm theo Quyết định số 1234/QĐ-BTNMT ngày 1/6/2020 của Bộ trưởng Bộ Tài nguyên và Môi trường",)), "abolished_body", 0),
        # the Sở Giao thông công chánh (1.009461) and the provincial NHNN branches (1.000487), merged in 2025; their successors
        (_with(documents=("Văn bản chấp thuận của Sở Giao thông công chánh TP Hồ Chí Minh",)), "abolished_body", 1),
        (_with(documents=("Văn bản đề nghị gửi Ngân hàng Nhà nước chi nhánh tỉnh, thành phố trực thuộc Trung ương",)), "abolished_body", 1),
        (_with(documents=("Văn bản đề nghị gửi Ngân hàng Nhà nước chi nhánh Khu vực nơi đặt trụ sở",)), "abolished_body", 0),
        (_with(documents=("Văn bản chấp thuận của Sở Xây dựng",)), "abolished_body", 0),
        # a fee still paid at the district level (1.005280)
        (_with(fees=("Lệ phí đăng ký kinh doanh có thể nộp trực tiếp tại bộ phận tiếp nhận hồ sơ ở cấp huyện",)), "abolished_body", 1),
    ],
)
def test_out_of_date_and_open_ended_records(procedure: Procedure, code: str, expected: int) -> None:
    defects = [d for d in record_defects(procedure) if d.code == code]
    assert len(defects) == expected
    assert all(d.message and "None" not in d.message and "{" not in d.message for d in defects)


@pytest.mark.parametrize(("name", "steps", "documents", "expected"), [
    # 1.006391: the name still says "nơi đăng ký hộ khẩu thường trú"; a step saying it (1.003930)
    ("Đăng ký lại phương tiện khi chủ phương tiện thay đổi nơi đăng ký hộ khẩu thường trú", (), (), 1),
    ("Đăng ký lại phương tiện", ("Tổ chức, cá nhân có trụ sở hoặc nơi đăng ký hộ khẩu thường trú tại tỉnh nộp hồ sơ",), (), 1),
    # the dossier item asking for the book is abolished_paper's; and today's wording
    ("Đăng ký lại phương tiện", (), ("Bản sao Sổ hộ khẩu",), 0),
    ("Đăng ký lại phương tiện khi chủ phương tiện thay đổi nơi thường trú", (), (), 0),
    # a step citing the decree that replaced the book (1.001699) speaks of the book as the decree's subject
    ("Đăng ký lại phương tiện", ("Theo Nghị định số 104/2022/NĐ-CP sửa đổi các quy định liên quan đến việc nộp, xuất trình sổ hộ khẩu giấy",), (), 0),
    # a step still asking to present the chứng minh nhân dân (1.014364, 1.010385), once per record
    ("Cấp giấy thông hành", ("Khi đến nộp hồ sơ phải xuất trình Chứng minh nhân dân hoặc Thẻ căn cước công dân còn giá trị sử dụng",
                             "Người nhận kết quả xuất trình giấy Chứng minh nhân dân/thẻ Căn cước để đối chiếu"), (), 1),
    # its number, a datum a procedure confirms (1.012566), and an old card as proof of a past fact (2.002038)
    ("Xác nhận số chứng minh nhân dân 09 số, số định danh cá nhân", ("Công dân có nhu cầu được xác nhận số chứng minh nhân dân 09 số",), (), 0),
    ("Xóa đăng ký thường trú", ("Văn bản đề nghị nêu rõ số định danh cá nhân hoặc chứng minh nhân dân 09 số của người bị xóa",), (), 0),
    ("Xác nhận có quốc tịch Việt Nam", ("Giấy tờ chứng minh từng có quốc tịch Việt Nam là Giấy khai sinh, chứng minh nhân dân hoặc căn cước",), (), 0),
    ("Cấp giấy thông hành", ("Khi đến nộp hồ sơ phải xuất trình thẻ căn cước còn giá trị sử dụng",), (), 0),
])
def test_abolished_terms(name: str, steps: tuple[str, ...], documents: tuple[str, ...], expected: int) -> None:
    from analyzer.model import Step

    procedure = _with(documents=documents)
    procedure.name = name
    procedure.steps = [Step(index=n, text=t) for n, t in enumerate(steps, start=1)]
    found = [d for d in record_defects(procedure) if d.code == "abolished_term"]
    assert len(found) == expected
    assert all(("Luật Căn cước số 26/2023/QH15" if "chứng minh" in d.message else "Luật Cư trú số 68/2020/QH14") in d.message
               for d in found)


def test_an_abolished_body_is_quoted_at_each_place_it_is_named() -> None:
    from analyzer.model import Step

    procedure = _with(documents=("Tờ khai",))
    procedure.steps = [Step(index=1, text="Nộp hồ sơ tại Bộ phận Một cửa"), Step(index=2, text="Ủy ban nhân dân cấp huyện thẩm định"),
                       Step(index=3, text="Công an cấp huyện xác minh")]  # 1.002754: the gold points at the later step
    (defect,) = [d for d in record_defects(procedure) if d.code == "abolished_body"]
    assert [(e.field, e.index) for e in defect.evidence] == [("steps", 1), ("steps", 2)]


def test_another_data_folder_lists_its_own_repealed_texts(tmp_path: Path) -> None:
    from analyzer.resources import Resources

    (tmp_path / "legal_status.yaml").write_text(
        'repealed:\n  "61/2020/QH14": {name: "Luật Đầu tư 2020", replaced_by: "Luật Đầu tư mới", since: "01/01/2030"}\n',
        encoding="utf-8")
    procedure = _with(basis=("61/2020/QH14",))
    assert [d.code for d in record_defects(procedure, Resources.from_dir(tmp_path)) if d.code == "repealed_basis"] == ["repealed_basis"]


def test_every_open_row_is_evidence() -> None:
    found = [d for d in record_defects(_with(documents=("Đơn đề nghị", "Các giấy tờ khác theo quy định", "Tài liệu khác (nếu có)")))
             if d.code == "open_component"]
    assert len(found) == 1 and [e.index for e in found[0].evidence] == [1, 2]

