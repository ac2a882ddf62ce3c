"""Defects of how a record publishes its dossier (record_defects.*, issue 13 item 3): rows counted "0 bản chính,
0 bản sao" beside rows that are counted, i.e. notes or headings published as papers, or papers without their
quantity; the dossier's heading or a whole list published as one paper; a copy counted as an original. The wording is
in record_defects.yaml.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from analyzer.detect._documents import is_dossier_heading, is_note, is_rule_row
from analyzer.detect._similarity import shorten
from analyzer.detect.finding import Evidence
from analyzer.detect.record_defect import RecordDefect, make_defect
from analyzer.detect.record_text_defects import _COPY_ROW, quantities_pasted
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
            if _zero(document) and not is_note(document.name, resources.cues) and not is_rule_row(document.name)
            and (_NOTE_OPENING.match(document.name) or not _SHOWN.search(document.name))]
    if rows:
        yield make_defect(procedure, "zero_quantity_rows", "documents",
                          [Evidence(field="documents", case=c, index=i, text=shorten(n)) for c, i, n in rows[:ZERO_ROWS_QUOTED]],
                          text=shorten(rows[0][2], 90), count=len(rows))


HEADING_ROWS_QUOTED = 10


def dossier_headings_as_papers(procedure: Procedure) -> Iterator[RecordDefect]:
    """Rows of the dossier list that are its heading, its count of sets or the whole list run into one row, each
    published as one paper with one quantity. One defect, the rows as evidence."""
    rows = [(c, i, d.name) for c, i, d in procedure.documents if is_dossier_heading(d.name)]
    if rows:
        yield make_defect(procedure, "dossier_heading_as_paper", "documents",
                          [Evidence(field="documents", case=c, index=i, text=shorten(n)) for c, i, n in rows[:HEADING_ROWS_QUOTED]],
                          text=shorten(rows[0][2], 90), count=len(rows))


# a row that names itself a copy in brackets ("Hợp đồng mua bán (bản sao)", "… (bản sao có chứng thực)")
_COPY_BRACKETS = re.compile(r"\(\s*(?:01\s+|1\s+|một\s+)?bản sao(?: có chứng thực| chứng thực| y| hợp lệ| hợp pháp)?\s*\)", re.IGNORECASE)
# a row that offers the original too, or another form of the paper ("Bản sao hoặc bản chính", "bản điện tử")
_OTHER_FORM = re.compile(r"bản chính|bản gốc|hoặc\s+(?:\S+\s+){0,2}?bản|bản điện tử|bản chụp|bản scan", re.IGNORECASE)
COPY_ROWS_QUOTED = 10


def _copy_counted_as_original(document: DocumentRequirement) -> bool:
    name = " ".join(document.name.split())
    return ((_COPY_ROW.match(name) is not None or _COPY_BRACKETS.search(name) is not None) and not _OTHER_FORM.search(name)
            and (document.originals or 0) > 0 and not document.copies)


def copies_counted_as_originals(procedure: Procedure) -> Iterator[RecordDefect]:
    """Rows that name the paper a copy ("Bản sao Giấy phép thành lập …", "… (bản sao)") counted as originals only
    ("1 bản chính, 0 bản sao"): the quantity asks for the original. A record whose every row carries one pasted
    quantity is quantity_pasted's. One defect, the rows as evidence."""
    rows = [(c, i, d.name) for c, i, d in procedure.documents if _copy_counted_as_original(d)]
    if rows and not any(quantities_pasted(procedure)):
        yield make_defect(procedure, "copy_counted_as_original", "documents",
                          [Evidence(field="documents", case=c, index=i, text=shorten(n)) for c, i, n in rows[:COPY_ROWS_QUOTED]],
                          text=shorten(rows[0][2], 90), count=len(rows))


CHECKS = (dossier_headings_as_papers, copies_counted_as_originals)
DATA_CHECKS = (zero_quantity_rows,)
