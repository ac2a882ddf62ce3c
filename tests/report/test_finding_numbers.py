"""Findings numbered as listed; each place of the record carries the numbers of the findings quoting it."""

from __future__ import annotations

import pytest

from analyzer.detect import Finding
from analyzer.detect.finding import Evidence, Suggestion
from analyzer.model import Case, Channel, DocumentRequirement, Procedure, Step
from analyzer.report.numbering import badge, finding_places, numbered, place_label, place_numbers


def finding(rule: str, *places: tuple[str, int | None, int | None]) -> Finding:
    return Finding(procedure="T.1", kind="redundant_step", rule=rule, severity="low", template=rule, confidence=0.9,
                   suggestion=Suggestion(action="remove_step"),
                   evidence=[Evidence(field=f, case=c, index=i, text="x") for f, c, i in places])


def procedure(cases: int = 1) -> Procedure:
    return Procedure(code="T.1", name="Thủ tục thử",
                     steps=[Step(index=n + 1, text=f"Bước {n + 1}") for n in range(3)],
                     channels=[Channel(mode="truc_tiep"), Channel(mode="truc_tuyen")],
                     cases=[Case(name=f"Trường hợp {c + 1}", documents=[DocumentRequirement(name="Tờ khai"),
                                                                        DocumentRequirement(name="Ảnh")])
                            for c in range(cases)])


def test_places_carry_the_numbers_of_the_findings_quoting_them_in_listing_order() -> None:
    first = finding("a", ("steps", None, 1), ("steps", None, 2))
    second = finding("b", ("steps", None, 2), ("documents", 0, 1), ("steps", None, 2))  # a place twice: once
    third = finding("c", ("channels", None, 0))
    assert [n for n, _ in numbered([first, second, third])] == [1, 2, 3]
    assert place_numbers([first, second, third]) == {
        ("steps", None, 1): (1,), ("steps", None, 2): (1, 2), ("documents", 0, 1): (2,), ("channels", None, 0): (3,)}
    assert place_numbers([third, first]) == {("channels", None, 0): (1,), ("steps", None, 1): (2,),
                                             ("steps", None, 2): (2,)}  # the numbers follow the list
    assert finding_places(second) == {("steps", None, 2), ("documents", 0, 1)}
    assert place_numbers([]) == {}


@pytest.mark.parametrize(("numbers", "shown"), [((), ""), ((2,), "[2]"), ((1, 3, 12), "[1, 3, 12]")])
def test_a_badge_lists_the_numbers(numbers: tuple[int, ...], shown: str) -> None:
    assert badge(numbers) == shown


@pytest.mark.parametrize(("cases", "at", "shown"), [
    (1, ("steps", None, 1), "Bước 2"),
    (1, ("documents", 0, 1), "Giấy tờ 2"),
    (2, ("documents", 1, 0), "Giấy tờ 2.1"),  # the case is named when the record has several
    (1, ("channels", None, 1), "Cách thức thực hiện (Trực tuyến)"),
    (1, ("legal_basis", None, 0), "Căn cứ pháp lý 1"),
    (1, ("name", None, None), "Tên thủ tục"),
    (1, ("conditions", None, None), "Yêu cầu, điều kiện"),
])
def test_a_place_is_named_as_a_reviewer_counts(cases: int, at: tuple, shown: str) -> None:
    assert place_label(procedure(cases), at) == shown
