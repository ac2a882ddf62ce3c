"""The compliance cost sheet (XLSX) whose cells are formulas: Thông tư 02/2017/TT-VPCP, Điều 27.

Sheet «Tham số» holds the inputs with their units and sources (analyzer/data/cost_defaults.yaml, or the reviewer's
values for the procedure); sheet «Chi phí» holds, per procedure, the counts read from the record before and after
simplification and formulas for the rest, so an official who edits an input or a count sees the totals recompute:

    hours of one performance = papers × h/paper + trips × h/trip + steps × h/step
    other costs              = copies × copy cost + certified copies × certification fee + trips × travel cost
    cost of one performance  = hours × hourly income + fees and charges + other costs
    cost per year            = cost of one performance × frequency × cases per year

Waiting for the result is not counted (opportunity cost); fees that differ between channels are taken at their
low-average, and the row says so in its last column (cost_defaults.yaml ``method``, with the sources, is printed on
«Tham số»).

The same arithmetic as analyzer.report.savings.metrics (which the plan prints), so both give the same figures.
"""

from __future__ import annotations

import io
from typing import Any, Iterable, Mapping

from analyzer.model import Procedure
from analyzer.report.savings import cost_defaults, default_params, metrics
from analyzer.report.wording import fee_rule

PER_PROCEDURE = ("cases_per_year", "frequency")  # columns of «Chi phí»: each procedure has its own
INPUTS = ("hourly_income", "hours_per_document", "hours_per_trip", "trips_in_person",
          "hours_per_step_for_applicant", "copy_cost", "certification_fee", "travel_cost")
LABELS = {
    "hourly_income": "Thu nhập bình quân một giờ",
    "cases_per_year": "Số hồ sơ một năm",
    "frequency": "Số lần thực hiện một hồ sơ",
    "hours_per_document": "Thời gian chuẩn bị một giấy tờ",
    "hours_per_trip": "Thời gian một lượt đi lại, chờ đợi",
    "trips_in_person": "Số lượt đi lại khi chỉ nộp trực tiếp",
    "hours_per_step_for_applicant": "Thời gian theo dõi, phối hợp một bước",
    "copy_cost": "Chi phí sao chụp một bản",
    "certification_fee": "Phí chứng thực một bản",
    "travel_cost": "Chi phí đi lại một lượt",
}
COLUMNS = ("Mã thủ tục", "Tên thủ tục", "Giai đoạn", "Số giấy tờ", "Số bản sao", "Số bản sao chứng thực", "Số bước",
           "Chỉ nộp trực tiếp (1: có, 0: không)", "Thời hạn giải quyết (ngày làm việc)", "Phí, lệ phí (đồng)",
           "Số hồ sơ một năm", "Số lần thực hiện một hồ sơ",
           "Số lượt đi lại", "Số giờ thực hiện", "Chi phí khác (đồng)", "Chi phí một lần thực hiện (đồng)",
           "Chi phí một năm (đồng)", "Chi phí tiết kiệm một năm (đồng)", "Tỷ lệ cắt giảm",
           "Quy tắc khi các nguồn khác nhau")


class CostSheetError(ValueError):
    """Procedures whose shared parameters differ cannot share one «Tham số» sheet (message in Vietnamese)."""


def _flat(text: Any) -> str:
    return " ".join(str(text or "").split())


def _ref(params_row: Mapping[str, int], name: str) -> str:
    return f"'Tham số'!$C${params_row[name]}"


AFTER = "Sau đơn giản hóa"
AFTER_UNDECIDED = "Sau đơn giản hóa (theo các phát hiện, chưa có quyết định)"


def cost_xlsx(pairs: Iterable[tuple[Procedure, Procedure, Mapping[str, float] | None]], after_label: str = AFTER) -> bytes:
    """``pairs``: (procedure before, procedure after, cost parameters or None for the defaults); ``after_label``
    names the second stage (AFTER_UNDECIDED when every finding is taken as proposed, nothing decided yet)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    pairs = list(pairs)
    book = Workbook()
    sheet = book.active  # first, so it is the sheet a reader (or a CSV conversion) opens on
    sheet.title = "Chi phí"
    inputs = book.create_sheet("Tham số")
    sources = cost_defaults()["params"]
    shared = [{k: v for k, v in (p or {}).items() if k not in PER_PROCEDURE} for _, _, p in pairs]
    if any(s != shared[0] for s in shared[1:]):
        raise CostSheetError("các thủ tục dùng tham số chi phí khác nhau; hãy xuất bảng chi phí cho từng thủ tục")
    values = {**default_params(), **(shared[0] if shared else {})}
    inputs.append(["Mã", "Tham số", "Giá trị", "Đơn vị", "Nguồn"])
    row_of = {}
    for name in INPUTS:
        spec = sources.get(name, {})
        inputs.append([name, LABELS[name], values[name], spec.get("unit", ""), _flat(spec.get("source", ""))])
        row_of[name] = inputs.max_row
    inputs.append([])
    for name in PER_PROCEDURE:
        inputs.append(["", LABELS[name], "(từng thủ tục, ở trang Chi phí)", sources.get(name, {}).get("unit", ""),
                       " ".join(str(sources.get(name, {}).get("source", "")).split())])
    inputs.append(["", "Căn cứ", "", "", "Thông tư 02/2017/TT-VPCP, Điều 27: chi phí một lần thực hiện = thời gian "
                   "thực hiện × thu nhập bình quân + phí, lệ phí + chi phí khác; chi phí một năm = chi phí một lần × "
                   "số lần thực hiện × số hồ sơ một năm."])
    method = cost_defaults()["method"]
    inputs.append(["", "Thời gian tính chi phí", "", "", _flat(method["activity_time"]["rule"]) + " Nguồn: "
                   + _flat(method["activity_time"]["source"])])
    inputs.append(["", "Khi các nguồn khác nhau", method["disagreeing_sources"]["label"], "",
                   _flat(method["disagreeing_sources"]["definition"]) + " Nguồn: "
                   + _flat(method["disagreeing_sources"]["source"])])
    sheet.append(list(COLUMNS))
    r = lambda name: _ref(row_of, name)  # noqa: E731
    for before, after, own in pairs:
        params = {**values, **(own or {})}
        first = sheet.max_row + 1
        for stage, procedure in (("Trước đơn giản hóa", before), (after_label, after)):
            m = metrics(procedure, params)
            n = sheet.max_row + 1
            sheet.append([procedure.code, procedure.name, stage, m.documents, m.copies, m.certified_copies, m.steps,
                          1 if m.in_person_only or not procedure.channels else 0, m.working_days or 0, m.fees,
                          params["cases_per_year"], params["frequency"]])
            sheet[f"T{n}"] = fee_rule(m.fee_sources, m.fees)
            sheet[f"M{n}"] = f"=H{n}*{r('trips_in_person')}"
            sheet[f"N{n}"] = (f"=D{n}*{r('hours_per_document')}+M{n}*{r('hours_per_trip')}"
                              f"+G{n}*{r('hours_per_step_for_applicant')}")
            sheet[f"O{n}"] = f"=E{n}*{r('copy_cost')}+F{n}*{r('certification_fee')}+M{n}*{r('travel_cost')}"
            sheet[f"P{n}"] = f"=N{n}*{r('hourly_income')}+J{n}+O{n}"
            sheet[f"Q{n}"] = f"=P{n}*L{n}*K{n}"
        last = sheet.max_row
        sheet[f"R{last}"] = f"=Q{first}-Q{last}"
        sheet[f"S{last}"] = f'=IF(Q{first}=0,"",R{last}/Q{first})'
    _format(inputs, sheet, Font, Alignment)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _format(inputs: Any, sheet: Any, font: Any, alignment: Any) -> None:
    from openpyxl.utils import get_column_letter

    for ws, widths in ((inputs, [28, 38, 14, 24, 90]), (sheet, [14, 40, 20] + [14] * 16 + [60])):
        for position, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(position)].width = width
        for cell in ws[1]:
            cell.font = font(bold=True)
            cell.alignment = alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    for row in sheet.iter_rows(min_row=2):
        for cell in (row[9], *row[14:18]):
            cell.number_format = "#,##0"
        row[13].number_format = "0.00"
        row[18].number_format = "0.0%"
    sheet.auto_filter.ref = sheet.dimensions
