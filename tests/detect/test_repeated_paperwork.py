"""repeated_paperwork: papers asked twice, State-held and self-issued papers, certified copies, supplements."""

from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.detect._documents import blocks, core
from analyzer.detect.repeated_paperwork import supplement_allowance
from analyzer.detect._similarity import key
from analyzer.model import Case, DocumentRequirement, Procedure, Step
from analyzer.resources import Resources

Doc = DocumentRequirement


def make(*cases: list[str | Doc], steps: tuple[str, ...] = (), name: str = "Thủ tục thử",
         agency: str | None = None) -> Procedure:
    return Procedure(
        code="T.1", name=name, agency=agency,
        steps=[Step(index=n, text=t) for n, t in enumerate(steps, start=1)],
        cases=[Case(name=f"Trường hợp {n}", documents=[d if isinstance(d, Doc) else Doc(name=d) for d in docs])
               for n, docs in enumerate(cases, start=1)],
    )


def found(procedure: Procedure, rule: str, config: dict | None = None) -> list[list[tuple]]:
    """Evidence places (field, case, index) of the findings of one rule."""
    return [[(e.field, e.case, e.index) for e in f.evidence]
            for f in detect_kind(procedure, "repeated_paperwork", DetectionContext(rules=load_rules(config))) if f.rule == rule]


# ---------------------------------------------------------------- duplicate_document


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Bản sao Giấy khai sinh", "Giấy khai sinh (bản sao)"),  # "bản sao" moved
        ("Bản chính Giấy chứng nhận kết hôn", "Giấy chứng nhận kết hôn - bản chính"),  # "bản chính" moved
        ("Giấy khai sinh", "GIẤY KHAI SINH"),  # case
        ("Giấy khai sinh;", "- Giấy khai sinh."),  # punctuation, list mark
        ("a) Giấy khai sinh", "c) 01 bản chính giấy khai sinh;"),  # numbering, count
        ("Giấy xác nhận tình trạng hôn nhân", "Giấy xác nhận về tình trạng hôn nhân"),  # filler word
        ("Giấy tờ, tài liệu là cơ sở cho việc thay đổi, cải chính hộ tịch",
         "Các giấy tờ làm căn cứ chứng minh cho việc thay đổi, cải chính hộ tịch (bản sao)"),  # reworded
        ("Hợp đồng mua bán nhà ở đã công chứng", "Hợp đồng mua bán nhà ở đã công chứng; Trường hợp mua của doanh "
                                                  "nghiệp thì không cần công chứng"),  # a note appended
    ],
)
def test_the_same_document_twice_in_one_case_is_found_under_other_wording(first: str, second: str) -> None:
    procedure = make([first, "Tờ khai theo mẫu", second])
    assert found(procedure, "duplicate_document") == [[("documents", 0, 0), ("documents", 0, 2)]]


def test_the_same_document_in_two_different_cases_is_not_a_finding() -> None:
    procedure = make(["Tờ khai", "Bản sao Giấy khai sinh"], ["Tờ khai", "Giấy khai sinh (bản sao)"])
    assert found(procedure, "duplicate_document") == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Tờ khai theo Mẫu số 01", "Tờ khai theo Mẫu số 02"),  # two forms
        ("Giấy khai sinh của cha", "Giấy khai sinh của con"),  # two people
        ("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp",
         "Giấy tờ, tài liệu chứng minh việc cho mượn, cho thuê, cho ở nhờ chỗ ở hợp pháp"),  # a narrower paper
        ("Tài liệu hướng dẫn bảo dưỡng động cơ", "Tài liệu hướng dẫn bảo dưỡng động cơ phụ"),
    ],
)
def test_different_papers_are_not_duplicates(first: str, second: str) -> None:
    assert found(make([first, second]), "duplicate_document") == []


def test_sub_cases_hidden_in_one_list_are_blocks() -> None:
    documents = [Doc(name=n) for n in [
        "a) Trường hợp cấp lần đầu:", "- Đơn đề nghị", "- Bản sao Giấy khai sinh",
        "b) Trường hợp cấp lại:", "- Đơn đề nghị", "- Bản sao Giấy khai sinh",
    ]]
    assert blocks(documents, Resources.default().cues) == [[1, 2], [4, 5]]
    assert found(make(documents), "duplicate_document") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("- Bản sao Giấy khai sinh;", "giấy khai sinh"),
        ("Giấy khai sinh (bản sao có chứng thực)", "giấy khai sinh"),
        ("c) 01 bản chính giấy khai sinh", "giấy khai sinh"),
        ("Tờ khai (Mẫu số 01)", "tờ khai mẫu số 01"),
    ],
)
def test_core_of_a_document_name(name: str, expected: str) -> None:
    assert core(name, Resources.default().cues) == expected


# ---------------------------------------------------------------- document_in_step_and_dossier


def test_a_later_step_asking_again_for_a_dossier_paper() -> None:
    procedure = make(["Tờ khai", "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp"], steps=(
        "Bước 1: Nộp hồ sơ. Công dân nộp hồ sơ tại Công an cấp xã.",
        "Bước 2: Kiểm tra chỗ ở. Cán bộ yêu cầu công dân nộp thêm 01 bản sao giấy tờ, tài liệu chứng minh chỗ ở hợp pháp.",
    ))
    assert found(procedure, "document_in_step_and_dossier") == [[("steps", None, 1), ("documents", 0, 1)]]


def test_the_submission_step_naming_the_dossier_is_not_a_finding() -> None:
    procedure = make(["Tờ khai đăng ký thường trú", "Giấy tờ chứng minh chỗ ở hợp pháp"], steps=(
        "Bước 1: Nộp hồ sơ gồm tờ khai đăng ký thường trú và giấy tờ chứng minh chỗ ở hợp pháp.",
        "Bước 2: Cán bộ kiểm tra, xuất trình bản chính giấy tờ chứng minh chỗ ở hợp pháp để đối chiếu.",
    ))
    assert found(procedure, "document_in_step_and_dossier") == []


# ---------------------------------------------------------------- state_held_document


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (Doc(name="Bản sao Thẻ căn cước của người đăng ký", copy_kind="ban_sao"), True),
        (Doc(name="Chứng minh nhân dân/Căn cước công dân", copies=1, originals=0), True),
        (Doc(name="Thẻ căn cước hoặc hộ chiếu", copy_kind="xuat_trinh"), False),  # shown to be identified
        (Doc(name="Sổ hộ khẩu (bản chính để đối chiếu)", copy_kind="xuat_trinh"), True),  # abolished, even shown
        (Doc(name="Giấy xác nhận thông tin về cư trú"), True),
        (Doc(name="Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"), False),  # the form, not the paper
        (Doc(name="Giấy tờ chứng minh nơi cư trú trong trường hợp cơ quan không thể khai thác được thông tin về cư "
                  "trú của công dân"), False),  # the lawful fallback (NĐ 104/2022)
        (Doc(name="Bản sao Giấy khai sinh"), True),  # civil-status records are digitised (default)
    ],
)
def test_state_held_documents(document: Doc, expected: bool) -> None:
    assert bool(found(make([document]), "state_held_document")) is expected


def test_civil_status_papers_follow_the_digitised_setting() -> None:
    procedure = make(["Bản sao Giấy khai sinh", "Bản sao Sổ hộ khẩu"])
    config = {"rules": {"state_held_document": {"params": {"civil_status_digitised": False}}}}
    assert found(procedure, "state_held_document", config) == [[("documents", 0, 1)]]


def test_papers_of_foreigners_are_not_state_held() -> None:
    procedure = make(["Bản sao Giấy khai sinh"], name="Cấp Phiếu lý lịch tư pháp cho người nước ngoài")
    assert found(procedure, "state_held_document") == []


# ---------------------------------------------------------------- self_issued_document


@pytest.mark.parametrize(
    ("name", "document", "agency", "expected"),
    [
        ("Trợ cấp xã hội", "Bản sao Giấy xác nhận khuyết tật do Ủy ban nhân dân cấp xã cấp", "Ủy ban nhân dân cấp xã", True),
        ("Trợ cấp xã hội", "Giấy chứng nhận hộ nghèo do UBND xã, phường, thị trấn cấp", "Ủy ban nhân dân cấp xã", True),
        ("Trợ cấp xã hội", "Bản sao Giấy xác nhận khuyết tật do Ủy ban nhân dân cấp xã cấp", "Sở Y tế", False),
        ("Đăng ký tạm trú", "Giấy xác nhận cư trú do Công an cấp xã nơi thường trú cấp", "Công an cấp xã", False),
        ("Gia hạn Giấy phép bán lẻ thuốc lá", "Bản sao Giấy phép bán lẻ thuốc lá đã được cấp", "Sở Công Thương", True),
        ("Cấp đổi Giấy chứng nhận", "Bản gốc Giấy chứng nhận đã cấp để thu hồi", "Văn phòng đăng ký đất đai", False),
        ("Đăng ký thay đổi", "Đơn theo mẫu do Sở Công Thương ban hành", "Sở Công Thương", False),  # a form
    ],
)
def test_self_issued_documents(name: str, document: str, agency: str, expected: bool) -> None:
    assert bool(found(make([document], name=name, agency=agency), "self_issued_document")) is expected


# ---------------------------------------------------------------- certified_copy


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (Doc(name="Bản sao có chứng thực Giấy chứng nhận quyền sử dụng đất"), True),
        (Doc(name="Bằng tốt nghiệp (bản công chứng)"), True),
        (Doc(name="Quyết định thành lập (bản chính hoặc bản sao có chứng thực)"), True),
        (Doc(name="Bản sao có chứng thực hoặc bản sao kèm bản chính để đối chiếu Giấy phép"), False),
        (Doc(name="Bản sao có chứng thực hoặc bản sao điện tử Giấy phép"), False),
        (Doc(name="Hóa đơn (bản sao có đóng dấu sao y bản chính của thương nhân)", copy_kind="ban_sao_chung_thuc"), False),
        (Doc(name="Hợp đồng đã được công chứng"), False),  # a notarised contract is not a copy
        (Doc(name="Trường hợp gửi hồ sơ qua bưu chính thì gửi bản sao có chứng thực các giấy tờ trên"), False),
    ],
)
def test_certified_copies(document: Doc, expected: bool) -> None:
    assert bool(found(make([document]), "certified_copy")) is expected


# ---------------------------------------------------------------- supplement_cap


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("yêu cầu bổ sung hồ sơ, tối đa 02 lần trong quá trình giải quyết", 2),
        ("chỉ được yêu cầu sửa đổi, bổ sung 01 lần", 1),
        ("nếu sau 03 lần sửa đổi, bổ sung hồ sơ mà vẫn không đáp ứng", 3),
        ("trả lời lần 2 không quá 03 ngày kể từ ngày nhận được hồ sơ bổ sung", None),  # the agency's 2nd reply
        ("công chức có thể yêu cầu bổ sung hồ sơ nhiều lần", 99),
        ("chi trả 2 lần trong năm học", None),
    ],
)
def test_supplement_allowance(text: str, allowed: int | None) -> None:
    assert supplement_allowance(key(text)) == allowed


def test_supplement_cap_is_configurable() -> None:
    procedure = make([], steps=("Bước 2: Tiếp nhận. Yêu cầu bổ sung hồ sơ tối đa 02 lần.",))
    assert found(procedure, "supplement_cap") == [[("steps", None, 0)]]
    assert found(procedure, "supplement_cap", {"rules": {"supplement_cap": {"params": {"cap": 2}}}}) == []


@pytest.mark.parametrize(
    ("name", "copy_kind", "rule", "expected"),
    [
        # an identity number to declare is not a paper to submit (found while reading 50 real findings)
        ("Tên, địa chỉ đối với cơ quan, tổ chức; tên, số thẻ Căn cước/thẻ Căn cước công dân/số định danh cá nhân",
         None, "state_held_document", False),
        ("Bản sao thẻ Căn cước công dân", "ban_sao", "state_held_document", True),
        # a notarised agreement is an original act; only a certified COPY of it is a certified_copy finding
        ("Văn bản thỏa thuận có công chứng, chứng thực giữa người sử dụng đất và chủ sở hữu tài sản", "ban_sao_chung_thuc",
         "certified_copy", False),
        ("Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp", "ban_sao_chung_thuc", "certified_copy", True),
    ],
)
def test_mentions_that_are_not_requests(name: str, copy_kind: str | None, rule: str, expected: bool) -> None:
    from analyzer.detect import analyze
    from analyzer.model import Case, DocumentRequirement, Procedure

    procedure = Procedure(code="X", name="Cấp phép hoạt động", agency="Sở Xây dựng",
                          cases=[Case(documents=[DocumentRequirement(name=name, copies=1, copy_kind=copy_kind)])])
    assert (rule in {f.rule for f in analyze([procedure])}) is expected
