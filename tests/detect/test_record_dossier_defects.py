"""Dossier rows counted 0 original and 0 copy beside counted rows, headings published as papers, copies counted as
originals (analyzer.detect.record_dossier_defects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.detect.record_defects import record_defects
from analyzer.model import Case, DocumentRequirement, Procedure
from support import real_procedure


def dossier(*rows: tuple[str, int | None, int | None]) -> Procedure:
    return Procedure(code="T.6", name="Cấp giấy phép thử",
                     cases=[Case(documents=[DocumentRequirement(name=n, originals=o, copies=c) for n, o, c in rows])])


def zero_rows(procedure: Procedure) -> list:
    return [d for d in record_defects(procedure) if d.code == "zero_quantity_rows"]


FORM = ("Đơn đề nghị theo mẫu", 1, 0)


@pytest.mark.parametrize(("rows", "indices"), [
    # 2.000513: notes counted 0/0 among the papers; 2.000314: papers without their quantity
    ((FORM, ("Trường hợp các thông tin cá nhân trong các giấy tờ này đã có trong Cơ sở dữ liệu quốc gia về dân cư", 0, 0)), [1]),
    ((FORM, ("Danh sách chủ nợ và số nợ chưa thanh toán", 0, 0), ("Danh sách người lao động", 0, 0)), [1, 2]),
    # every row 0/0 (nothing to compare with), a paper shown, a count in the name, a row without quantity, a note
    ((("Đơn đề nghị", 0, 0), ("Bản sao hợp đồng", 0, 0)), []),
    ((FORM, ("Xuất trình Hộ chiếu, thẻ thường trú", 0, 0)), []),
    ((FORM, ("02 ảnh 4x6 chụp 06 tháng trở lại đây", 0, 0)), []),
    ((FORM, ("Bản sao hợp đồng", None, None)), []),
    ((FORM, ("Lưu ý: người tiếp nhận kiểm tra bản chính", 0, 0)), []),
])
def test_rows_counted_zero_beside_counted_rows(rows: tuple, indices: list[int]) -> None:
    found = zero_rows(dossier(*rows))
    assert [[e.index for e in d.evidence] for d in found] == ([indices] if indices else [])
    assert all(f"{len(indices)} thành phần hồ sơ" in d.message for d in found)


@pytest.mark.parametrize(("source", "code"), [("portal_docx", "2.000314"), ("portal_flat", "2.000513")])
def test_real_records(source: str, code: str, tmp_path: Path) -> None:
    assert zero_rows(real_procedure(source, code, tmp_path))


@pytest.mark.parametrize(("name", "reported"), [
    # 1.000110, 2.000806: rules published as rows, counted 0/0, that speak of showing a paper
    ("Trường hợp giấy tờ tùy thân sử dụng là: Hộ chiếu, Thẻ căn cước thì người có yêu cầu chỉ cần xuất trình", True),
    ("Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình nêu trên", True),
    # look-alikes: papers shown, not filed
    ("Xuất trình Hộ chiếu hoặc Thẻ căn cước", False),
    ("Giấy khai sinh (bản chính để đối chiếu)", False),
])
def test_a_note_row_is_reported_whatever_it_says_of_showing_a_paper(name: str, reported: bool) -> None:
    rows = zero_rows(dossier(("Tờ khai theo mẫu", 1, 0), (name, 0, 0)))
    assert bool(rows) is reported


def headings(procedure: Procedure) -> list:
    return [d for d in record_defects(procedure) if d.code == "dossier_heading_as_paper"]


@pytest.mark.parametrize(("name", "reported"), [
    ("Mục I. Thành phần hồ sơ bao gồm", True),  # 1.014044
    ("Mục II. Số lượng hồ sơ: 01 bộ đầy đủ", True),
    ("Hồ sơ đề nghị cấp Mã số tân trang bao gồm", True),  # 1.012523
    ("Thành phần hồ sơ: + Văn bản đề nghị (theo mẫu); + Chương trình tổ chức cuộc lễ; dự kiến thành phần", True),  # 1.013797
    ("Hồ sơ pháp lý bao gồm: - Văn bản của cơ quan có thẩm quyền cho phép; - Bản sao giấy chứng nhận", True),  # 1.012286
    # 1.010091: the filing sentence that announces the list
    ("Người tham gia lực lượng xung kích phòng chống thiên tai cấp xã hoặc người đại diện hợp pháp gửi hồ sơ về Ủy ban nhân "
     "dân cấp xã, thành phần hồ sơ bao gồm", True),
    # look-alikes: a heading before one paper names that paper, a row pointing to a provision (open_component's),
    # papers whose names speak of a dossier
    ("Thành phần hồ sơ gồm: Tờ khai đề nghị hỗ trợ chi phí mai táng (theo Mẫu số 02)", False),  # 1.014028
    ("Thành phần hồ sơ quy định tại khoản 3 Điều 16 Thông tư số 12/2022/TT-NHNN", False),
    ("Hồ sơ bao gồm các giấy tờ tương ứng với nội dung đăng ký thay đổi; bản sao quyết định", False),
    ("Hồ sơ thiết kế kỹ thuật của phương tiện", False),
    ("Bản sao hồ sơ gồm có giấy chứng nhận", False),
    ("Bản kê danh mục hồ sơ gồm các tài liệu đã nộp", False),
])
def test_dossier_headings_and_whole_lists_published_as_papers(name: str, reported: bool) -> None:
    found = headings(dossier(FORM, (name, 1, 1)))
    assert bool(found) is reported
    assert all([e.index for e in d.evidence] == [1] and "{" not in d.message for d in found)


def copies_as_originals(procedure: Procedure) -> list:
    return [d for d in record_defects(procedure) if d.code == "copy_counted_as_original"]


@pytest.mark.parametrize(("name", "originals", "copies", "reported"), [
    ("Bản sao Giấy phép bán buôn sản phẩm thuốc lá đã được cấp (nếu có)", 1, 0, True),  # 2.000167
    ("Bản sao (photocopy) toàn bộ quá trình công tác của cá nhân đối tượng", 2, 0, True),  # 1.003220
    ("Văn bản thông báo về việc chấm dứt tham gia thực hiện dự án của cơ quan, tổ chức (bản sao)", 1, 0, True),  # 3.000542
    ("-Bản sao Hộ chiếu hoặc giấy tờ có giá trị thay thế", 2, None, True),  # 1.004878
    ("Quyết định thành lập (bản sao có chứng thực)", 1, 0, True),  # 2.001660
    # look-alikes: counted as a copy; the original offered too; another form of the paper; a copy named inside the
    # paper's name ("Bản sao hồ sơ" is not a copy of a paper); a paper that is not a copy
    ("Bản sao Giấy phép bán buôn sản phẩm thuốc lá", 0, 1, False),
    ("Bản sao hoặc bản chính nghị quyết về việc thay đổi thành viên", 1, 0, False),  # 2.002011
    ("Bản sao hộ chiếu hoặc bản sao thẻ căn cước của người đứng đầu", 1, 0, False),
    ("Bản sao điện tử hoặc bản chụp Giấy chứng nhận", 1, 0, False),
    ("Giấy đề nghị cấp bản sao văn bằng", 1, 0, False),
    ("Danh sách thành viên", 1, 0, False),
])
def test_copies_counted_as_originals(name: str, originals: int, copies: int | None, reported: bool) -> None:
    found = copies_as_originals(dossier(FORM, (name, originals, copies)))
    assert bool(found) is reported
    assert all([e.index for e in d.evidence] == [1] and "{" not in d.message and "bản sao" in d.message for d in found)


def test_one_quantity_pasted_on_every_row_is_left_to_quantity_pasted() -> None:
    pasted = dossier(("Tờ khai", 1, 0), ("Bản sao Giấy phép", 1, 0), ("Báo cáo", 1, 0))
    assert copies_as_originals(pasted) == []
    assert [d.code for d in record_defects(pasted) if d.code == "quantity_pasted"] == ["quantity_pasted"]


@pytest.mark.parametrize(("source", "code", "expected"), [
    ("portal_flat", "3.000542", 1),  # "… (bản sao);1 bản chính" (the blind test reading raised it)
    ("portal_docx", "2.000167", 1),  # "Bản sao Giấy phép bán buôn …", "Bản chính: 1, Bản sao: 0"
])
def test_copies_counted_as_originals_on_real_records(source: str, code: str, expected: int, tmp_path: Path) -> None:
    assert len(copies_as_originals(real_procedure(source, code, tmp_path))) == expected
