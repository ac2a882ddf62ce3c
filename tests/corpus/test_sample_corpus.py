"""The project's own sample corpus: canonical records, consistent durations and gold labels that point at real items."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer.detect.rules import load_rules
from analyzer.ingest import read_all
from analyzer.model import WORKING_DAYS_PER_UNIT, Duration, Procedure
from support import SAMPLE_CORPUS

RECORDS_PATH = SAMPLE_CORPUS / "procedures.jsonl"
GOLD_PATH = SAMPLE_CORPUS / "gold" / "sample.yaml"
LEGAL_DIR = SAMPLE_CORPUS / "legal"


def _lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in RECORDS_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


LINES = _lines()
PROCEDURES = {line["code"]: Procedure.from_dict(line) for line in LINES}
GOLD = yaml.safe_load(GOLD_PATH.read_text(encoding="utf-8"))
GOLD_ENTRIES = GOLD["procedures"]


def _gold_findings() -> list[tuple[str, dict[str, Any]]]:
    return [(entry["code"], finding) for entry in GOLD_ENTRIES for finding in entry["findings"]]


def _finding_id(item: tuple[str, dict[str, Any]]) -> str:
    return f"{item[0]}:{item[1]['rule']}"


# ---------------------------------------------------------------- records


@pytest.mark.parametrize("line", LINES, ids=[line["code"] for line in LINES])
def test_line_is_exactly_the_canonical_form(line: dict[str, Any]) -> None:
    procedure = Procedure.from_dict(line)
    assert procedure.to_dict() == line  # no missing, extra or coerced key
    assert Procedure.from_dict(procedure.to_dict()) == procedure


def test_corpus_is_large_and_varied_enough() -> None:
    codes = [line["code"] for line in LINES]
    assert len(codes) >= 24
    assert len(set(codes)) == len(codes)
    assert all(code.startswith("SAMPLE.") for code in codes)
    assert len({p.field for p in PROCEDURES.values()}) >= 6
    assert {"Cấp tỉnh", "Cấp xã"} <= {p.level for p in PROCEDURES.values()}


def test_sample_loads_through_the_ingest_registry() -> None:
    procedures, errors = read_all(RECORDS_PATH)
    assert errors == []
    assert [p.code for p in procedures] == [line["code"] for line in LINES]
    assert {p.source.format for p in procedures if p.source} == {"canonical"}


def _durations(procedure: Procedure) -> list[tuple[str, Duration]]:
    found = [(f"channels[{i}]", c.duration) for i, c in enumerate(procedure.channels) if c.duration]
    found += [(f"steps[{i}]", s.duration) for i, s in enumerate(procedure.steps) if s.duration]
    return found


@pytest.mark.parametrize("procedure", PROCEDURES.values(), ids=PROCEDURES.keys())
def test_working_days_follow_value_and_unit(procedure: Procedure) -> None:
    for where, duration in _durations(procedure):
        if duration.unspecified:
            assert duration.value is None and duration.working_days is None, where
            continue
        assert duration.value is not None and duration.unit is not None, where
        expected = duration.value * WORKING_DAYS_PER_UNIT[duration.unit]
        assert duration.working_days is not None and math.isclose(duration.working_days, expected, abs_tol=0.01), where


def test_texts_are_nfc() -> None:
    for path in [RECORDS_PATH, GOLD_PATH, *LEGAL_DIR.iterdir()]:
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name


# ---------------------------------------------------------------- gold


def test_gold_covers_every_record_once() -> None:
    codes = [entry["code"] for entry in GOLD_ENTRIES]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(PROCEDURES)
    assert all(isinstance(entry["findings"], list) for entry in GOLD_ENTRIES)  # clean = explicit []


def test_gold_has_clean_and_flawed_records() -> None:
    flawed = [entry for entry in GOLD_ENTRIES if entry["findings"]]
    assert len(flawed) >= 12
    assert len(GOLD_ENTRIES) - len(flawed) >= 8


def _referenced_text(procedure: Procedure, evidence: dict[str, Any]) -> str:
    """The item an evidence points at; IndexError/KeyError when it points nowhere."""
    field, index = evidence["field"], evidence["index"]
    assert index >= 0 and evidence.get("case", 0) >= 0
    if field == "steps":
        return procedure.steps[index].text
    if field == "channels":
        duration = procedure.channels[index].duration
        return duration.text if duration else ""
    if field == "documents":
        return procedure.cases[evidence["case"]].documents[index].name
    raise KeyError(f"unknown evidence field {field!r}")


@pytest.mark.parametrize("item", _gold_findings(), ids=_finding_id)
def test_gold_finding_uses_a_known_rule_and_points_at_real_items(item: tuple[str, dict[str, Any]]) -> None:
    code, finding = item
    rule = load_rules()[finding["rule"]]
    assert finding["kind"] == rule.kind
    assert finding["evidence"]
    procedure = PROCEDURES[code]
    for evidence in finding["evidence"]:
        assert ("case" in evidence) == (evidence["field"] == "documents")
        quoted = _referenced_text(procedure, evidence)
        assert evidence.get("text", "") in quoted


@pytest.mark.parametrize("procedure", PROCEDURES.values(), ids=PROCEDURES.keys())
def test_time_labels_agree_with_the_durations(procedure: Procedure) -> None:
    rules = {f["rule"] for code, f in _gold_findings() if code == procedure.code}
    by_mode = {c.mode: c.duration.working_days for c in procedure.channels if c.duration}
    online, direct = by_mode.get("truc_tuyen"), by_mode.get("truc_tiep")
    not_faster = online is not None and direct is not None and online >= direct
    assert ("online_not_faster" in rules) == not_faster
    vague = any(c.duration and c.duration.unspecified for c in procedure.channels)
    assert ("vague_time" in rules) == vague


def test_same_document_in_different_cases_occurs_and_is_never_labelled() -> None:
    labelled = {
        (code, e["case"], e["index"])
        for code, f in _gold_findings()
        if f["rule"] == "duplicate_document"
        for e in f["evidence"]
    }
    across_cases = [
        (code, ci, di)
        for code, p in PROCEDURES.items()
        for ci, di, doc in p.documents
        if any(doc.name == other.name for cj, _, other in p.documents if cj != ci)
    ]
    assert len({code for code, _, _ in across_cases}) >= 2
    assert not labelled & set(across_cases)


# ---------------------------------------------------------------- legal texts


@pytest.mark.parametrize("path", sorted(LEGAL_DIR.glob("*.txt")), ids=lambda p: p.name)
def test_legal_text_keeps_the_official_layout(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("ỦY BAN NHÂN DÂN\n")
    for marker in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:",
                   "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"):
        assert marker in text, marker
    assert re.search(r"^Số: .*/(KH|QĐ)-UBND$", text, re.M)


def _plain_lines(text: str) -> list[str]:
    """Non-empty lines without Markdown markup or separator rules, for comparing the .md with the .txt."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^#+ ", "", line.strip()).strip("*")
        if line and set(line) != {"-"}:
            lines.append(line)
    return lines


def test_markdown_copy_has_the_same_text() -> None:
    markdown = sorted(LEGAL_DIR.glob("*.md"))
    assert markdown
    for md in markdown:
        txt = md.with_suffix(".txt")
        assert _plain_lines(md.read_text(encoding="utf-8")) == _plain_lines(txt.read_text(encoding="utf-8"))
