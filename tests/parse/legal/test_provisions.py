"""Procedure provisions as canonical procedures, and the text rules with their YAML configuration."""

from __future__ import annotations

import pytest

from analyzer.ingest.legal_files import read_legal_text
from analyzer.model import Procedure
from analyzer.parse.legal import parse_legal_text
from analyzer.detect.legal_text import apply_text_rules, load_text_rules
from analyzer.detect.rules import RuleConfigError
from support import shared_path

DECREE = """\
Điều 10. Hồ sơ cấp giấy phép
1. Đơn đề nghị cấp giấy phép (Mẫu số 01 tại Phụ lục).
2. Bản sao giấy chứng nhận đăng ký doanh nghiệp.
3. Bản sao sổ hộ khẩu của người đại diện theo pháp luật.
Điều 11. Hồ sơ cấp lại giấy phép
1. Trường hợp giấy phép bị mất, hồ sơ đề nghị cấp lại gồm:
a) Văn bản đề nghị cấp lại;
b) Bản sao có chứng thực căn cước công dân của người đề nghị.
2. Trường hợp giấy phép bị hư hỏng, hồ sơ gồm:
a) Văn bản đề nghị cấp lại;
b) Bản chính giấy phép bị hư hỏng.
Điều 12. Trình tự, thời hạn cấp giấy phép
1. Tổ chức nộp 01 bộ hồ sơ quy định tại Điều 10 hoặc Điều 11 Nghị định này bằng một trong các hình thức:
a) Nộp trực tiếp tại Sở Công Thương;
b) Gửi qua dịch vụ bưu chính;
c) Nộp trực tuyến trên Cổng dịch vụ công quốc gia.
2. Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ quy định tại Điều 10, Sở Công Thương cấp giấy phép.
3. Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ quy định tại Điều 11, Sở Công Thương cấp lại giấy phép.
4. Trường hợp hồ sơ chưa đầy đủ, cơ quan tiếp nhận được yêu cầu bổ sung hồ sơ không quá 02 lần.
Điều 13. Trách nhiệm của doanh nghiệp
Trong thời hạn 10 ngày kể từ ngày thay đổi địa chỉ, doanh nghiệp thông báo cho Sở Công Thương.
"""


@pytest.fixture(scope="module")
def decree():
    return parse_legal_text(DECREE, source="nghi_dinh_mau.txt")


def by_code(procedures: list[Procedure]) -> dict[str, Procedure]:
    return {p.code.split("#")[-1]: p for p in procedures}


def test_dossier_articles_become_procedures(decree) -> None:
    procedures = by_code(decree.procedures)
    assert sorted(procedures) == ["Điều 10", "Điều 11"]  # Điều 13's time is not about handling a dossier
    first = procedures["Điều 10"]
    assert first.name == "Hồ sơ cấp giấy phép"
    assert [d.name for d in first.cases[0].documents] == [
        "Đơn đề nghị cấp giấy phép (Mẫu số 01 tại Phụ lục)", "Bản sao giấy chứng nhận đăng ký doanh nghiệp",
        "Bản sao sổ hộ khẩu của người đại diện theo pháp luật"]
    assert first.cases[0].documents[0].form == "Mẫu số 01"
    assert first.source.format == "legal_text" and first.source.record == "Điều 10"


def test_cases_per_clause(decree) -> None:
    second = by_code(decree.procedures)["Điều 11"]
    assert [c.name.split(":")[0] for c in second.cases] == ["Khoản 1", "Khoản 2"]
    assert [len(c.documents) for c in second.cases] == [2, 2]


def test_channels_and_times_come_from_the_article_that_points_to_the_dossiers(decree) -> None:
    procedures = by_code(decree.procedures)
    for label, days in (("Điều 10", 7), ("Điều 11", 5)):
        channels = procedures[label].channels
        assert [c.mode for c in channels] == ["truc_tiep", "buu_chinh", "truc_tuyen"]
        assert {c.duration.working_days for c in channels} == {days}
    assert procedures["Điều 10"].steps  # "Trình tự" points


def test_procedures_round_trip_through_the_canonical_form(decree) -> None:
    for procedure in decree.procedures:
        assert Procedure.from_dict(procedure.to_dict()) == procedure


@pytest.mark.parametrize(
    ("clause", "cap", "hit"),
    [
        ("cơ quan tiếp nhận được yêu cầu bổ sung hồ sơ không quá 02 lần", 1, True),
        ("cơ quan tiếp nhận được yêu cầu bổ sung hồ sơ không quá 02 lần", 2, False),
        ("không được yêu cầu người dân bổ sung hồ sơ, tài liệu quá 01 lần", 1, False),
        ("không để cá nhân phải đi lại bổ sung hồ sơ quá hai lần cho một việc", 1, True),
        ("cơ quan có thể yêu cầu bổ sung giấy tờ nhiều lần trong quá trình thẩm định", 2, True),
        ("xử phạt tối đa không quá 02 lần mức phạt chung", 1, False),  # no dossier supplement in the clause
    ],
)
def test_supplement_cap_rule(clause: str, cap: int, hit: bool) -> None:
    document = parse_legal_text(f"Điều 1. Tiếp nhận hồ sơ\n1. {clause}.")
    findings = apply_text_rules(document, {"supplement_request_cap": {"params": {"cap": cap}}})
    assert [f.rule for f in findings] == (["supplement_request_cap"] if hit else [])
    if hit:
        assert findings[0].node == "dieu 1 khoan 1"
        assert "bổ sung hồ sơ" in findings[0].message and f"{cap} lần" in findings[0].message
        assert {g.document for g in findings[0].legal_ground} >= {"Nghị định 63/2010/NĐ-CP"}


@pytest.mark.parametrize(
    ("text", "papers"),
    [
        ("Điều 1. Hồ sơ\nHồ sơ gồm: tờ khai và bản sao sổ hộ khẩu.", ["so_ho_khau"]),
        ("Điều 1. Hồ sơ gồm:\n1. Tờ khai;\n2. Giấy xác nhận thông tin về cư trú.", ["xac_nhan_cu_tru"]),
        ("Điều 1. Hồ sơ\nNgười đề nghị nộp kèm bản sao có chứng thực căn cước công dân.", ["ban_sao_giay_to_tuy_than"]),
        ("Điều 1. Hồ sơ\nCơ quan không được yêu cầu nộp sổ hộ khẩu.", []),  # the requirement is lifted
        ("Điều 1. Cấp sổ\nCông an xã cấp sổ hộ khẩu cho hộ gia đình.", []),  # issued, not required
        ("Điều 1. Hồ sơ\nHồ sơ gồm tờ khai (trừ trường hợp chủ hộ đã có sổ hộ khẩu).", []),  # an aside
    ],
)
def test_state_held_document_rule(text: str, papers: list[str]) -> None:
    findings = [f for f in apply_text_rules(parse_legal_text(text)) if f.rule == "state_held_document"]
    assert [f.params["document"] for f in findings] == papers
    for finding in findings:
        assert "Cơ sở dữ liệu quốc gia về dân cư" in finding.message


def test_decree_findings(decree) -> None:
    rules = sorted((f.rule, f.params.get("document")) for f in apply_text_rules(decree))
    assert rules == [("state_held_document", "ban_sao_giay_to_tuy_than"), ("state_held_document", "so_ho_khau"),
                     ("supplement_request_cap", None)]
    assert all(p.to_dict().get("findings") is None for p in decree.procedures)  # detectors run later


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"no_such_rule": {}}, "no_such_rule"),
        ({"supplement_request_cap": {"message": "x"}}, "message"),
        ({"supplement_request_cap": {"params": {"limit": 2}}}, "limit"),
    ],
)
def test_rule_overrides_are_checked(overrides: dict, message: str) -> None:
    with pytest.raises(RuleConfigError, match=message):
        load_text_rules(overrides)


def test_a_rule_can_be_disabled(decree) -> None:
    findings = apply_text_rules(decree, {"state_held_document": {"enabled": False}})
    assert [f.rule for f in findings] == ["supplement_request_cap"]


@pytest.mark.slow
def test_decree_96_2016_procedures() -> None:
    path = shared_path("corpus-real", "legal-texts", "vzyhug__RAG_DichVuCong",
                       "Nghi_dinh_96-2016-ND-CP_dieu_kien_ANTT_nganh_nghe_kinh_doanh.txt")
    procedures = by_code(read_legal_text(path).procedures)
    assert {"Điều 19", "Điều 20", "Điều 21", "Điều 22"} <= set(procedures)
    assert len(procedures["Điều 19"].cases[0].documents) == 4
    assert [c.name.split(":")[0] for c in procedures["Điều 21"].cases] == ["Khoản 1", "Khoản 2"]
    # Điều 23 gives channels and times for the dossiers of Điều 19-22: 05 days, 04 for re-issue (Điều 21)
    assert {c.mode for c in procedures["Điều 19"].channels} == {"truc_tiep", "buu_chinh", "truc_tuyen"}
    assert procedures["Điều 19"].channels[0].duration.working_days == 5
    assert procedures["Điều 21"].channels[0].duration.working_days == 4


@pytest.mark.slow
def test_binh_thuan_annex_procedures() -> None:
    path = shared_path("corpus-real", "legal-texts", "TuanHuu168__CongBot",
                       "file_data_3__QD_1766-QD-UBND_2020_BinhThuan_cong_bo_TTHC_Tu_phap.md")
    document = read_legal_text(path)
    procedures = {p.code: p for p in document.procedures}
    assert len(procedures) == 49  # the rows of table A; table B lists repealed procedures and is skipped
    first = procedures["2.000815"]
    assert first.field == "Chứng thực" and first.level is None  # "Thủ tục hành chính áp dụng chung"
    assert procedures["2.000992"].level == "Cấp huyện"  # listed under "I.2 Thủ tục hành chính cấp huyện"
    assert [c.mode for c in first.channels] == ["truc_tiep"]  # online level 2, no postal service
    assert first.channels[0].fees[0].text.startswith("2.000đồng/trang")
    assert first.channels[0].duration.working_days == 0.5  # "Trong ngày"
    assert "23/2015/NĐ-CP" in [ref.number for ref in first.legal_basis]
    assert all(p.decision == "1766/QĐ-UBND" for p in procedures.values())
