"""Defects of a record's header (record_defects.*, issue 13 item 3): a level of execution that the executing agency
cannot have ("Cấp xã" for a Chi cục Hải quan khu vực). Which bodies do not sit at commune level is data of
legal_status.yaml (``not_commune_bodies``); the wording is in record_defects.yaml.
"""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.detect.finding import Evidence
from analyzer.detect.record_defect import RecordDefect, make_defect
from analyzer.model import Procedure
from analyzer.resources import Resources
from analyzer.resources.patterns import phrase_key, phrase_pattern

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


DATA_CHECKS = (level_mismatch,)
