"""Defects of how a record publishes its dossier (record_defects.*, issue 13 item 3): rows counted "0 bản chính,
0 bản sao" beside rows that are counted, i.e. notes or headings published as papers, or papers without their
quantity. The wording is in record_defects.yaml.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from analyzer.detect._documents import is_note
from analyzer.detect._similarity import shorten
from analyzer.detect.finding import Evidence
from analyzer.detect.record_defect import RecordDefect, make_defect
from analyzer.model import DocumentRequirement, Procedure
from analyzer.resources import Resources

ZERO_ROWS_QUOTED = 10  # rows given as evidence (the message quotes the first)
# a paper shown, not filed ("Xuất trình Hộ chiếu", "… để đối chiếu"), and a row that gives its count in its name
# ("02 ảnh 4x6"): zero copies filed is what they mean
_SHOWN = re.compile(r"xuất trình|để đối chiếu|^\W*\d+\s*(?:\(\w+\)\s*)?(?:ảnh|bản|bộ|tờ)(?!\w)", re.IGNORECASE)
# a row that opens as a note ("Trường hợp giấy tờ tùy thân sử dụng là … thì … chỉ cần xuất trình", "Lưu ý: …") is not a
# paper shown, whatever it says of showing one
_NOTE_OPENING = re.compile(r"^\W*(?:trường hợp|lưu ý|ghi chú|nếu)(?!\w)", re.IGNORECASE)


def _counted(document: DocumentRequirement) -> bool:
    return (document.originals or 0) + (document.copies or 0) > 0


def _zero(document: DocumentRequirement) -> bool:
    return document.originals == 0 and document.copies == 0


def zero_quantity_rows(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """One defect for the rows of a case counted 0 original and 0 copy while other rows of that case are counted.
    Rows already reported as notes (note_as_paper) and papers shown rather than filed are left out."""
    cases: dict[int | None, list[tuple[int | None, DocumentRequirement]]] = defaultdict(list)
    for case, index, document in procedure.documents:
        cases[case].append((index, document))
    rows = [(case, index, document.name) for case, documents in cases.items() if any(_counted(d) for _, d in documents)
            for index, document in documents
            if _zero(document) and not is_note(document.name, resources.cues)
            and (_NOTE_OPENING.match(document.name) or not _SHOWN.search(document.name))]
    if rows:
        yield make_defect(procedure, "zero_quantity_rows", "documents",
                          [Evidence(field="documents", case=c, index=i, text=shorten(n)) for c, i, n in rows[:ZERO_ROWS_QUOTED]],
                          text=shorten(rows[0][2], 90), count=len(rows))


DATA_CHECKS = (zero_quantity_rows,)
