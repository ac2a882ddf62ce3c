"""Findings numbered as the detail page lists them, and the numbers each place of the record carries.

A procedure's findings are numbered 1, 2, … in the order they are listed; every place one of them quotes as
evidence (a step, a document of a case, a channel row, a legal basis) carries the numbers of the findings that
quote it, so a reviewer reads "[2]" on a step and finds finding 2 in the list, and the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from analyzer.detect import Finding
from analyzer.model import Procedure
from analyzer.report.labels import label

Place = tuple[str, int | None, int | None]  # (evidence field, case, index): analyzer.detect.finding.Evidence


def place(field: str, case: int | None, index: int | None) -> Place:
    return (field, case, index)


def numbered(findings: Sequence[Finding]) -> list[tuple[int, Finding]]:
    """(number, finding) in listing order, numbered from 1."""
    return list(enumerate(findings, start=1))


def place_numbers(findings: Sequence[Finding]) -> dict[Place, tuple[int, ...]]:
    """Each evidence place -> the numbers of the findings quoting it, ascending, each once."""
    out: dict[Place, list[int]] = {}
    for number, finding in numbered(findings):
        for evidence in finding.evidence:
            numbers = out.setdefault(place(evidence.field, evidence.case, evidence.index), [])
            if number not in numbers:
                numbers.append(number)
    return {key: tuple(numbers) for key, numbers in out.items()}


def finding_places(finding: Finding) -> set[Place]:
    return {place(e.field, e.case, e.index) for e in finding.evidence}


def badge(numbers: Iterable[int]) -> str:
    """"[1]", "[1, 3]"; "" for none: what a place of the record shows of the findings quoting it."""
    numbers = list(numbers)
    return f"[{', '.join(str(n) for n in numbers)}]" if numbers else ""


def place_label(procedure: Procedure, at: Place) -> str:
    """Where a place is, as a reviewer reads it: "Bước 2", "Giấy tờ 1.3" (case 1, document 3; the case is named
    only when the record has several), "Cách thức thực hiện (Trực tiếp)", "Căn cứ pháp lý 2", "Tên thủ tục"."""
    field, case, index = at
    name = label("evidence_fields", field)
    if index is None:
        return name
    if field == "steps":
        return f"{name} {procedure.steps[index].index if 0 <= index < len(procedure.steps) else index + 1}"
    if field == "documents":
        return f"{name} {case + 1}.{index + 1}" if case is not None and len(procedure.cases) > 1 else f"{name} {index + 1}"
    if field == "channels" and 0 <= index < len(procedure.channels):
        return f"{name} ({label('modes', procedure.channels[index].mode)})"
    return f"{name} {index + 1}"
