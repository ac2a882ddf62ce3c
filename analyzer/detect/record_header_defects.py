"""Defects of a record's header (record_defects.*, issue 13 item 3): a level of execution that the executing agency
cannot have ("Cấp xã" for a Chi cục Hải quan khu vực), a decision number that is a template ("QĐ/0001-BCA"), an
executing agency published as "Không có thông tin". Which bodies do not sit at commune level, and the template
numbers, are data of legal_status.yaml (``not_commune_bodies``, ``record_header``); the wording is in
record_defects.yaml.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from analyzer.detect.finding import Evidence
from analyzer.detect.record_defect import RecordDefect, make_defect
from analyzer.model import Procedure
from analyzer.resources import Resources
from analyzer.resources.patterns import phrase_key, phrase_pattern
from analyzer.text import fold

_COMMUNE_LEVEL = re.compile(r"^\W*cấp\s+xã\W*$", re.IGNORECASE)
# an agency that names a commune, ward or its People's Committee is (also) a commune body
_COMMUNE_BODY = re.compile(r"(?<!\w)(?:xã|phường|thị trấn|đặc khu)(?!\w)")


def _not_commune(resources: Resources) -> re.Pattern[str]:
    cache_key = "record_header_defects.not_commune_bodies"
    if cache_key not in resources.cache:
        phrases = resources.legal_status().get("not_commune_bodies") or []
        resources.cache[cache_key] = re.compile(r"^(?:" + phrase_pattern(phrases).pattern + ")") if phrases else None
    return resources.cache[cache_key]


def level_mismatch(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """The record is published at "Cấp xã" alone while every executing agency it names is a body that does not sit
    at commune level (a customs office, a ministry's department, a provincial department)."""
    pattern = _not_commune(resources)
    level, agency = (procedure.level or "").strip(), (procedure.agency or "").strip()
    if pattern is None or not _COMMUNE_LEVEL.match(level) or not agency:
        return
    bodies = [phrase_key(part) for part in agency.split(",") if part.strip()]
    if bodies and all(pattern.match(body) and not _COMMUNE_BODY.search(body) for body in bodies):
        yield make_defect(procedure, "level_mismatch", "name",
                          [Evidence(field="name", text=level), Evidence(field="name", text=agency)],
                          level=level, agency=agency)


def _header(resources: Resources) -> dict[str, Any]:
    return resources.legal_status().get("record_header") or {}


def decision_placeholder(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """The record's publishing decision is a template number ("QĐ/0001-BCA", "QĐ/0001-NHPTVN", "Demo/QĐ-BCA"): the
    reader of the record cannot find the decision that published it."""
    decision = " ".join((procedure.decision or "").split())
    prefixes = [fold(p) for p in _header(resources).get("placeholder_decisions") or ()]
    if decision and any(fold(decision).startswith(p) for p in prefixes):
        yield make_defect(procedure, "decision_placeholder", "name", [Evidence(field="name", text=decision)], text=decision)


def agency_unpublished(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """The record's "Cơ quan thực hiện" reads "Không có thông tin" (read as empty) in a source that publishes the field:
    the body that handles the procedure, a required part of it (Nghị định 63/2010 Điều 8 khoản 2 điểm g), is not
    published. The competent body, where it is published, is named in the message as the likely one."""
    formats = _header(resources).get("agency_published_in") or ()
    if procedure.source is None or procedure.source.format not in formats or (procedure.agency or "").strip():
        return
    if procedure.agencies.get("thuc_hien"):
        return  # the agency is published under its role only
    competent = (procedure.agencies.get("co_tham_quyen") or "").strip()
    named = f" (cơ quan có thẩm quyền: {competent})" if competent else ""
    yield make_defect(procedure, "agency_unpublished", "name", [Evidence(field="name", text="Cơ quan thực hiện: Không có thông tin")],
                      named=named)


DATA_CHECKS = (level_mismatch, decision_placeholder, agency_unpublished)
