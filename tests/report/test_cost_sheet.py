"""The compliance cost sheet: its cells are formulas that give the plan's figures and recompute when an official
edits an input. LibreOffice Calc is not part of the CI's libreoffice-writer, so the formulas are evaluated here,
from their text: references replaced by the cells' values, the arithmetic and IF computed."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook

from analyzer.report.cost_sheet import CostSheetError, cost_xlsx
from analyzer.report.savings import metrics
from official_docs import sample_sections

REF = re.compile(r"(?:'([^']+)'!)?\$?([A-Z]+)\$?(\d+)")


def cell(book: Any, sheet: str, coordinate: str) -> Any:
    value = book[sheet][coordinate].value
    return evaluate(book, sheet, value[1:]) if isinstance(value, str) and value.startswith("=") else value


def evaluate(book: Any, sheet: str, formula: str) -> Any:
    guarded = re.fullmatch(r'IF\((.+?)=0,"",(.+)\)', formula)
    if guarded:
        return "" if evaluate(book, sheet, guarded.group(1)) == 0 else evaluate(book, sheet, guarded.group(2))
    expression = REF.sub(lambda m: repr(cell(book, m.group(1) or sheet, m.group(2) + m.group(3))), formula)
    assert re.fullmatch(r"[\d.+\-*/() e]+", expression), (formula, expression)
    return eval(expression)  # noqa: S307 - digits and operators only, checked above


@pytest.fixture(scope="module")
def sections():
    return sample_sections(("SAMPLE.006", "SAMPLE.017"))


def rows(book: Any) -> dict[tuple[str, str], int]:
    sheet = book["Chi phí"]
    return {(sheet[f"A{n}"].value, sheet[f"C{n}"].value): n for n in range(2, sheet.max_row + 1)}


def test_formulas_give_the_plans_figures(sections) -> None:
    book = load_workbook(io.BytesIO(cost_xlsx([(s.before, s.after, None) for s in sections])))
    where = rows(book)
    for section in sections:
        before, after = where[(section.code, "Trước đơn giản hóa")], where[(section.code, "Sau đơn giản hóa")]
        assert book["Chi phí"][f"Q{before}"].value.startswith("=")  # a formula, not a number
        assert cell(book, "Chi phí", f"Q{before}") == pytest.approx(section.savings["before"]["cost_per_year"], abs=1)
        assert cell(book, "Chi phí", f"Q{after}") == pytest.approx(section.savings["after"]["cost_per_year"], abs=1)
        saved = section.savings["before"]["cost_per_year"] - section.savings["after"]["cost_per_year"]
        assert cell(book, "Chi phí", f"R{after}") == pytest.approx(saved, abs=1)
        assert cell(book, "Chi phí", f"S{after}") == pytest.approx(section.savings["cost_cut"], abs=1e-3)
    # hand-checked (tests/report/test_official_golden.py): SAMPLE.006 costs 106.250 đồng a performance before
    assert cell(book, "Chi phí", f"P{where[('SAMPLE.006', 'Trước đơn giản hóa')]}") == pytest.approx(106_250)


def test_editing_an_input_recomputes_the_totals(sections) -> None:
    book = load_workbook(io.BytesIO(cost_xlsx([(s.before, s.after, None) for s in sections])))
    inputs = book["Tham số"]
    income = next(n for n in range(2, inputs.max_row + 1) if inputs[f"A{n}"].value == "hourly_income")
    inputs[f"C{income}"] = 60_000
    n = rows(book)[("SAMPLE.006", "Trước đơn giản hóa")]
    book["Chi phí"][f"K{n}"] = 250  # the official's own count of cases a year
    expected = metrics(sections[0].before, {"hourly_income": 60_000, "cases_per_year": 250}).cost_per_year
    assert sections[0].code == "SAMPLE.006"
    assert cell(book, "Chi phí", f"Q{n}") == pytest.approx(expected, abs=1)


def test_inputs_carry_their_sources(sections) -> None:
    inputs = load_workbook(io.BytesIO(cost_xlsx([(s.before, s.after, None) for s in sections])))["Tham số"]
    table = {r[0]: r for r in inputs.iter_rows(min_row=2, values_only=True) if r[0]}
    assert table["hourly_income"][2] == 45_000 and "Tổng cục Thống kê" in table["hourly_income"][4]
    assert any("Điều 27" in str(r[4]) for r in inputs.iter_rows(values_only=True))


def test_procedures_with_different_shared_parameters_are_refused(sections) -> None:
    pairs = [(sections[0].before, sections[0].after, {"hourly_income": 50_000}), (sections[1].before, sections[1].after, None)]
    with pytest.raises(CostSheetError):
        cost_xlsx(pairs)


def test_the_rule_applied_to_disagreeing_sources_is_shown(sections) -> None:
    book = load_workbook(io.BytesIO(cost_xlsx([(s.before, s.after, None) for s in sections])))
    sheet, where = book["Chi phí"], rows(book)
    assert sheet["T1"].value == "Quy tắc khi các nguồn khác nhau"
    n = where[("SAMPLE.006", "Trước đơn giản hóa")]
    assert sheet[f"J{n}"].value == 5_000  # lệ phí 10.000 đồng direct, 5.000 đồng online: the lower of two
    assert sheet[f"T{n}"].value == ("Phí, lệ phí khác nhau giữa các cách thức (nộp trực tiếp: 10.000 đồng; nộp trực "
                                    "tuyến: 5.000 đồng): tính theo mức thấp trung bình 5.000 đồng (Điều 27 Thông tư "
                                    "02/2017/TT-VPCP)")
    inputs = {r[1]: r for r in book["Tham số"].iter_rows(values_only=True) if r[1]}
    assert inputs["Khi các nguồn khác nhau"][2] == "Mức thấp trung bình" and "Nguồn: Thông tư 02/2017/TT-VPCP, Điều 27" \
        in inputs["Khi các nguồn khác nhau"][4]
    assert "không tính" in inputs["Thời gian tính chi phí"][4]
    assert not any("chờ kết quả" in str(r[1]) for r in book["Tham số"].iter_rows(values_only=True))  # no waiting input
