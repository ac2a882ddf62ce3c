"""Impact of a finding, computed by hand with the packaged unit costs (analyzer/data/cost_defaults.yaml):
hourly income 45,000 VND; 0.5 h per paper; 2 h and 30,000 VND travel per trip; copy 1,000 VND, certification
2,000 VND; 0.25 h per step; default 1,000 cases a year; online uptake 30% (impact.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from analyzer.detect.impact import (
    CasesFileError, FindingFilter, ImpactModel, LegalText, Paper, ProcedureFacts, low_average, performance_cost,
    read_cases, yearly_cost,
)
from analyzer.model import Case, Channel, DocumentRequirement, LegalRef, Procedure

CERTIFIED = Paper("ban_sao_chung_thuc", 1)
ORIGINAL = Paper("ban_chinh", None)


def facts(level: str = "Cấp tỉnh", papers: dict | None = None, basis: tuple = ()) -> ProcedureFacts:
    return ProcedureFacts(code="1.000001", decision="10/QĐ-UBND", level=level, papers=papers or {}, legal_basis=basis)


def finding(rule: str, action: str, params: dict[str, Any] | None = None, evidence: list | None = None,
            severity: str = "high", confidence: float = 1.0) -> dict[str, Any]:
    return {"rule": rule, "severity": severity, "confidence": confidence,
            "suggestion": {"action": action, "params": params or {}}, "evidence": evidence or []}


PAPER_REMOVED = finding("duplicate_document", "remove_document", {"remove": [{"case": 0, "index": 1}]})
TIME_SHORTENED = finding("peer_outlier", "shorten_time", {"current_working_days": 20.0, "target_working_days": 14.0},
                         confidence=0.9)
NO_ONLINE = finding("no_online", "add_online")
PLAIN_COPY = finding("certified_copy", "accept_plain_copy", {"document": {"case": 0, "index": 1}})
STATE_HELD = finding("state_held_document", "reuse_state_data", evidence=[{"field": "documents", "case": 0, "index": 0}])
CHECKED_ON_RECEIPT = finding("completeness_check_time", "check_on_receipt",
                            {"current_working_days": 10.0, "target_working_days": 1.0}, confidence=0.7)
PAPERS = {(0, 0): ORIGINAL, (0, 1): CERTIFIED}


@pytest.mark.parametrize(
    ("name", "item", "cases", "days", "vnd", "severity"),
    [
        # 0.5 h × 45,000 + copy 1,000 + certification 2,000 = 25,500 per case
        ("paper removed, default cases", PAPER_REMOVED, None, 0.0, 25_500_000, "medium"),
        ("paper removed, CSV cases", PAPER_REMOVED, 40, 0.0, 1_020_000, "low"),
        # 20 − 14 = 6 days; no VND (opportunity cost not counted); 0.9 × 6 × 1000 = 5,400 days a year ≥ 2,000
        ("time shortened, default cases", TIME_SHORTENED, None, 6.0, 0, "high"),
        ("time shortened, CSV cases", TIME_SHORTENED, 100, 6.0, 0, "medium"),  # 0.9 × 600 = 540 ≥ 200
        # 2 trips × (2 h × 45,000 + 30,000) × 30% = 72,000 per case
        ("no online, default cases", NO_ONLINE, None, 0.0, 72_000_000, "high"),
        ("no online, CSV cases", NO_ONLINE, 10, 0.0, 720_000, "low"),
        # certification 2,000 only (the trip to certify is shared by several papers: not counted)
        ("plain copy accepted", PLAIN_COPY, None, 0.0, 2_000_000, "low"),
        # an original looked up instead: only its preparation, 0.5 h × 45,000
        ("state-held original", STATE_HELD, None, 0.0, 22_500_000, "medium"),
        # a 10-day completeness check done on receipt (1 day): 9 days earlier for every case, no VND;
        # 0.7 × 9 × 1000 = 6,300 days a year ≥ 2,000, and 0.7 × 9 × 30 = 189 < 200
        ("checked on receipt, default cases", CHECKED_ON_RECEIPT, None, 9.0, 0, "high"),
        ("checked on receipt, CSV cases", CHECKED_ON_RECEIPT, 30, 9.0, 0, "low"),
    ],
)
def test_hand_computed_savings(name: str, item: dict, cases: int | None, days: float, vnd: float,
                               severity: str) -> None:
    model = ImpactModel.default()
    if cases is not None:
        model = ImpactModel(params=model.params, spec=model.spec, cases={"1.000001@10/QĐ-UBND": float(cases)})
    impact = model.impact(item, facts(papers=PAPERS))
    assert (impact.days_saved, impact.vnd_saved, impact.severity) == (days, vnd, severity), name


def test_configured_severity_is_a_cap() -> None:
    impact = ImpactModel.default().impact({**NO_ONLINE, "severity": "low"}, facts())
    assert impact.vnd_saved == 72_000_000 and impact.severity == "low"


def test_confidence_lowers_severity() -> None:
    # expected 0.5 × 72,000,000 = 36,000,000 < 50,000,000: medium
    assert ImpactModel.default().impact({**NO_ONLINE, "confidence": 0.5}, facts()).severity == "medium"


def test_scm_arithmetic() -> None:
    assert performance_cost(2.0, 30_000, 45_000) == 120_000
    assert yearly_cost(120_000, 1000, 2) == 240_000_000


NĐ = LegalText("Nghị định", "23/2015/NĐ-CP", "Chính phủ")
LUẬT = LegalText("Luật", "60/2014/QH13", "Quốc hội")
LOCAL = LegalText("Quyết định", "12/2021/QĐ-UBND", "Ủy ban nhân dân tỉnh Cần Thơ")


@pytest.mark.parametrize(
    ("level", "item", "basis", "by", "text"),
    [
        ("Cấp tỉnh", TIME_SHORTENED, (NĐ,), "province", "UBND tỉnh chỉ đạo"),
        ("Cấp huyện", NO_ONLINE, (NĐ,), "province", "UBND tỉnh chỉ đạo"),  # huyện: commune since 2025
        ("Cấp Bộ", TIME_SHORTENED, (NĐ,), "central", "Kiến nghị Bộ, ngành sửa Nghị định 23/2015/NĐ-CP"),
        ("Cấp xã", PAPER_REMOVED, (NĐ, LUẬT), "central", "Kiến nghị Bộ, ngành sửa Luật 60/2014/QH13"),
        ("Cấp tỉnh", PAPER_REMOVED, (LOCAL,), "province", "UBND tỉnh sửa Quyết định 12/2021/QĐ-UBND"),
        ("Cấp bộ, Cấp tỉnh", PAPER_REMOVED, (LOCAL, NĐ), "central", "Kiến nghị Bộ, ngành sửa Nghị định 23/2015/NĐ-CP"),
        ("Cấp Bộ", PAPER_REMOVED, (), "central", "Kiến nghị Bộ, ngành sửa văn bản quy định thủ tục"),
    ],
)
def test_who_can_act(level: str, item: dict, basis: tuple, by: str, text: str) -> None:
    impact = ImpactModel.default().impact(item, facts(level, PAPERS, basis))
    assert impact.actionable_by == by and impact.actionable_text.startswith(text)


@pytest.mark.parametrize(
    ("level", "expected"),
    [("Cấp Bộ", {"bo"}), ("Cấp tỉnh, Cấp xã", {"tinh", "xa"}), ("Cấp Huyện", {"xa"}), ("Cơ quan khác", set()),
     (None, set())],
)
def test_levels(level: str | None, expected: set[str]) -> None:
    assert ImpactModel.default().levels(level) == expected


def test_cases_csv(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("code,decision,cases_per_year\n1.000001,10/QĐ-UBND,250\n2.000002,,12\n", encoding="utf-8")
    model = ImpactModel.default().with_cases(path)
    assert model.cases_per_year(facts()) == 250
    assert model.cases_per_year(ProcedureFacts(code="2.000002", decision="5/QĐ-BCA")) == 12  # code alone matches any decision
    assert model.cases_per_year(ProcedureFacts(code="3.000003")) == 1000  # the documented default


@pytest.mark.parametrize(
    ("text", "message"),
    [("code,cases\n1,2\n", "cần các cột"), ("code,cases_per_year\n1,nhiều\n", ":2: cases_per_year không phải là số"),
     ("code,cases_per_year\n1,-3\n", "âm")],
)
def test_bad_cases_csv(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CasesFileError, match=message):
        read_cases(path)


def test_facts_from_procedure_and_from_row_agree() -> None:
    from analyzer.report.tables import procedure_row

    procedure = Procedure(
        code="1.000001", name="Thủ tục", decision="10/QĐ-UBND", level="Cấp tỉnh",
        channels=[Channel(mode="truc_tiep")],
        cases=[Case(documents=[DocumentRequirement(name="Đơn", copy_kind="ban_chinh"),
                               DocumentRequirement(name="Giấy phép", copy_kind="ban_sao_chung_thuc", copies=1)])],
        legal_basis=[LegalRef(number="23/2015/NĐ-CP", kind="Nghị định", issuer="Chính phủ")],
    )
    assert ProcedureFacts.from_procedure(procedure) == ProcedureFacts.from_row(procedure_row(procedure))


@pytest.mark.parametrize(
    ("keep", "level", "by", "kept"),
    [(FindingFilter(level="bo"), "Cấp Bộ, Cấp tỉnh", "central", True), (FindingFilter(level="xa"), "Cấp tỉnh", "province", False),
     (FindingFilter(actionable_by="province"), "Cấp tỉnh", "central", False), (FindingFilter(), None, None, True),
     # what a province reviews: every procedure it performs, none that only a ministry performs
     (FindingFilter(level="local"), "Cấp Bộ, Cấp tỉnh", "central", True), (FindingFilter(level="local"), "Cấp Huyện", "central", True),
     (FindingFilter(level="local"), "Cấp Bộ", "central", False), (FindingFilter(level="local"), None, "province", False)],
)
def test_filter(keep: FindingFilter, level: str | None, by: str | None, kept: bool) -> None:
    assert keep.keeps({"actionable_by": by}, level) is kept


def test_filter_refuses_unknown_values() -> None:
    with pytest.raises(ValueError, match="level"):
        FindingFilter(level="huyen")


@pytest.mark.parametrize("values, expected", [
    ([7_500], 7_500),  # one source: its value
    ([10_000, 5_000], 5_000),  # two sources: the lower
    ([200_000, 160_000, 160_000], 160_000),  # three: the mean of the lower two (the middle one included)
    ([40, 10, 20, 30], 15),  # four: the mean of the lower two, (10 + 20) / 2
    ([1, 2, 3, 4, 100], 2),  # five: (1 + 2 + 3) / 3; the outlier changes nothing
])
def test_low_average_of_disagreeing_sources(values: list[float], expected: float) -> None:
    assert low_average(values) == pytest.approx(expected)


def test_low_average_needs_a_value() -> None:
    with pytest.raises(ValueError):
        low_average([])


@pytest.mark.parametrize(
    ("agency", "kept"),
    [("Ngân hàng Nhà nước Chi nhánh Khu vực 5", False), ("Ngân hàng Chính sách xã hội tỉnh", False),
     ("Chi cục Hải quan khu vực", False),  # customs: a central body (round-5 audit)
     ("Chi nhánh NHPT Sơn La, Lai Châu, Điện Biên", False),  # the Development Bank, abbreviated (round-7 audit)
     ("Kho bạc nhà nước các cấp", False),  # 3.000261: the State Treasury's own vouchers (round-7 audit)
     ("Kho bạc Nhà nước - Bộ tài chính", False),  # 1.001664
     ("Sở giao dịch, Chi nhánh NHPT", False),  # 1.002254: the NHPT's head office, not a provincial Sở
     # the province's own bodies perform it with the treasury: the province's (2.002842, 1.005411)
     ("Ủy ban nhân dân cấp tỉnh, Sở Tài chính các tỉnh, thành phố, Thuế tỉnh, thành phố, Kho bạc Nhà nước khu vực", True),
     ("Kho bạc Nhà nước khu vực, Sở Nông nghiệp và Môi trường Thành phố Hà Nội, Sở Tài chính Thành phố Hà Nội", True),
     ("Sở Tư pháp", True), (None, True)],
)
def test_a_central_bodys_local_office_is_outside_a_provinces_review(agency: str | None, kept: bool) -> None:
    assert FindingFilter(level="local").keeps({"actionable_by": "central"}, "Cấp tỉnh", agency=agency) is kept
    assert FindingFilter(level="tinh").keeps({"actionable_by": "central"}, "Cấp tỉnh", agency=agency)
    by, text = ImpactModel.default().actionable("practice", ProcedureFacts(code="3.000261", level="Cấp tỉnh", agency=agency))
    assert (by == "central") is not kept
    if not kept:
        assert text.startswith("Kiến nghị Bộ, ngành sửa") and "cơ quan trung ương" in text


@pytest.mark.parametrize(
    ("agency", "decider", "kept"),
    # 1.000416: the NHPT's accounting units execute, the NHPT's Director General decides (round-7 audit)
    [("Ban Tài chính kế toán, Phòng tài chính kế toán, Bộ phận kế toán", "Tổng Giám đốc NHPT", False),
     ("Ban Tài chính kế toán, Phòng tài chính kế toán, Bộ phận kế toán", "Giám đốc Sở Tài chính", True)],
)
def test_a_central_body_named_as_deciding_authority_is_outside_a_provinces_review(agency: str, decider: str,
                                                                                  kept: bool) -> None:
    assert FindingFilter(level="local").keeps({"actionable_by": "province"}, "Cấp Tỉnh", agency=agency,
                                              decider=decider) is kept
    by, _ = ImpactModel.default().actionable("practice", ProcedureFacts(code="1.000416", level="Cấp Tỉnh",
                                                                       agency=agency, decider=decider))
    assert (by == "central") is not kept


@pytest.mark.parametrize(
    ("decider", "central"),
    [("Chủ tịch nước", True),  # 2.002036: renouncing nationality, filed at the Sở Tư pháp
     ("Thủ tướng Chính phủ, Chủ tịch nước", True),
     ("Chủ tịch nước, Vụ Tổ chức cán bộ - Bộ Y tế", True),  # 1.012422: the "Thầy thuốc Nhân dân" title
     ("Bộ Quốc phòng", True),
     ("Ủy ban nhân dân cấp tỉnh, Bộ Quốc phòng", False),  # 1.012892: the province decides too
     ("Bộ phận một cửa", False), ("Bộ Chỉ huy quân sự tỉnh", False),
     ("Cục Phòng bệnh - Bộ Y tế", True),  # 1.009346: a ministry's award, named by its department (round-7 audit)
     ("Cục Thuế - Bộ tài chính", True),  # 1.010237: the tax-agent certificate (round-6 audit)
     ("Cục Thuế - Bộ tài chính, Thuế tỉnh, thành phố", False),  # the provincial tax office decides too
     ("Cục Lãnh sự - Bộ Ngoại giao, Sở Ngoại vụ Thành phố Hồ Chí Minh - Bộ Ngoại giao", False),  # a province's Sở
     ("Phòng Tham mưu - Bộ Chỉ huy quân sự tỉnh", False), ("Chi cục Thuế doanh nghiệp lớn - Cục Thuế", False),
     ("Sở Tư pháp", False), ("", False), (None, False)],
)
def test_a_procedure_only_a_central_authority_decides(decider: str | None, central: bool) -> None:
    model = ImpactModel.default()
    assert model.decided_centrally(decider) is central
    assert FindingFilter(level="local").keeps({"actionable_by": "central"}, "Cấp tỉnh", decider=decider) is not central
    by, text = model.actionable("text", ProcedureFacts(code="2.002036", level="Cấp tỉnh", decider=decider))
    assert (by == "central") is central
    if central:
        assert text.startswith("Kiến nghị Bộ, ngành sửa") and (decider or "").strip() in text


@pytest.mark.parametrize(
    ("signer", "level", "decider", "actor"),
    [("province", "Cấp tỉnh", "Chủ tịch Ủy ban nhân dân cấp tỉnh", "province"),  # 1.001928: Sở → Chủ tịch UBND tỉnh
     ("province", "Cấp xã", None, "province"),  # 1.010092: UBND cấp xã → Chủ tịch UBND tỉnh
     ("department", "Cấp tỉnh", None, "province"),
     ("ministry", "Cấp Bộ", "Bộ trưởng Bộ Giáo dục và Đào tạo", "central"),  # 1.000367: Cục → Bộ trưởng
     ("government", "Cấp tỉnh", None, "central"),
     ("province", "Cấp bộ", None, "central"),  # 1.014719: a Bộ's record; the province does not publish it
     ("province", "Cấp tỉnh", "Chủ tịch nước", "central"),  # a central decider wins
     (None, "Cấp tỉnh", None, "central")],  # no chain (a consultation only): the legal text decides, as before
)
def test_the_top_of_an_approval_chain_decides_who_can_delegate(signer: str | None, level: str, decider: str | None,
                                                                actor: str) -> None:
    facts = ProcedureFacts(code="1.001928", level=level, decider=decider,
                           legal_basis=(LegalText("Nghị định", "123/2021/NĐ-CP", "Chính phủ"),))
    by, text = ImpactModel.default().actionable("signer", facts, {"signer": signer})
    assert by == actor
    assert ("ủy quyền" in text) is (actor == "province")
