"""The label registry names every code a reviewer could see, in Vietnamese; numbers and dates read the Vietnamese way."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
import yaml

from analyzer.detect.finding import EvidenceField, FindingKind, Severity
from analyzer.parse.legal.structure import RANK
from analyzer.report import labels as L
from analyzer.report.peer_table import COMPARISON_COLUMNS, PEER_COLUMNS
from analyzer.report.review import EDIT_ACTIONS, ReviewCorpus
from analyzer.report.savings import STRUCTURAL_ACTIONS
from analyzer.store.corpus import CHANGES
from analyzer.store.schema import DECISIONS, ROLES
from support import ROOT, SAMPLE_CORPUS

DATA = ROOT / "analyzer" / "data"
DIACRITIC = re.compile(r"[^\x00-\x7f]")
ASCII_VIETNAMESE = {"Cao"}  # the only names written without a diacritic


def vietnamese(name: str) -> bool:
    """A name has a Vietnamese letter with a diacritic, or is one of the few Vietnamese words without one."""
    return bool(DIACRITIC.search(name)) or name in ASCII_VIETNAMESE


def rules_yaml() -> dict:
    return yaml.safe_load((DATA / "rules.yaml").read_text(encoding="utf-8"))


def suggestion_actions() -> set[str]:
    """Every suggestion a finding or an edit can carry: rules.yaml defaults, detectors' own, structural changes."""
    actions = {entry["suggestion"] for entry in rules_yaml()["rules"].values()}
    for source in (ROOT / "analyzer" / "detect").rglob("*.py"):
        actions |= set(re.findall(r'\baction="([a-z_]+)"', source.read_text(encoding="utf-8")))
    return actions | STRUCTURAL_ACTIONS | set(EDIT_ACTIONS.values())


def structure_kinds() -> set[str]:
    """The node kinds analyzer/parse/legal/structure.py writes: its marker families, numbered ones renamed."""
    return (set(RANK) - {"letter_section", "number", "subnumber"}) | {"section", "khoan", "item"}


def audit_actions() -> set[str]:
    """Every action the proposal store writes to the audit log ("proposal_{status}" for each status it sets)."""
    source = (ROOT / "analyzer" / "store" / "proposals.py").read_text(encoding="utf-8")
    actions = set(re.findall(r'"((?:proposal|procedure)_[a-z]+)"', source))
    return actions | {"proposal_approved", "proposal_returned"}


@pytest.fixture(scope="module")
def sample() -> ReviewCorpus:
    return ReviewCorpus.load([SAMPLE_CORPUS / "procedures.jsonl"])


CODES = {
    "kinds": lambda: set(typing.get_args(FindingKind)),
    "severities": lambda: set(typing.get_args(Severity)),
    "rules": lambda: set(rules_yaml()["rules"]) | set(rules_yaml()["text_rules"]),
    "suggestions": suggestion_actions,
    "cost_params": lambda: set(yaml.safe_load((DATA / "cost_defaults.yaml").read_text(encoding="utf-8"))["params"]),
    "structure": structure_kinds,
    "decisions": lambda: set(DECISIONS) | {""},
    "statuses": lambda: {"draft", "approved", "returned", "needs_reapproval"},
    "audit_actions": lambda: audit_actions(),
    "roles": lambda: set(ROLES),
    "actors": lambda: {"province", "central"},
    "provision_pairs": lambda: {"conflict", "duplication"},
    "basis_fields": lambda: {"time_limit", "papers"},
    "legal_findings": lambda: {"conflict", "duplication", "time_limit", "papers"},
    "finding_changes": lambda: set(CHANGES),
    "evidence_fields": lambda: set(typing.get_args(EvidenceField)),
    "finding_marks": lambda: set(CHANGES) - {"removed"},  # a removed finding is not shown to be marked
}


@pytest.mark.parametrize("category", sorted(CODES))
def test_every_code_has_a_vietnamese_name(category: str) -> None:
    names = L.labels(category)
    codes = CODES[category]()
    assert codes, category
    missing = sorted(c for c in codes if not names.get(c))
    assert not missing, f"{category} without a label: {missing}"
    for code in codes:
        assert names[code] != code and vietnamese(names[code]), (category, code, names[code])


def test_every_column_the_app_can_show_is_named(sample: ReviewCorpus) -> None:
    shown = ((set(sample.table().columns) - {"search_key", "version"}) | set(sample.findings_table().columns)
             | set(PEER_COLUMNS) | set(COMPARISON_COLUMNS))
    names = L.labels("columns")
    assert not sorted(shown - set(names))
    assert all(vietnamese(names[c]) for c in shown)


def test_rules_carry_their_label_into_the_rule_set() -> None:
    from analyzer.detect.rules import load_rules

    rules = load_rules().rules
    assert all(rule.label == L.label("rules", rule_id) for rule_id, rule in rules.items())


def test_an_unnamed_code_is_never_shown_as_itself(caplog: pytest.LogCaptureFixture) -> None:
    assert L.label("rules", "no_such_rule") == L.UNNAMED
    assert "no_such_rule" in caplog.text  # the miss is logged for the developers
    assert L.label("rules", None) == L.EMPTY
    assert L.label("rules", float("nan")) == L.EMPTY


@pytest.mark.parametrize(("value", "decimals", "shown"), [
    (394750000, 0, "394.750.000"),
    (394750000.4, 0, "394.750.000"),
    (2.5, 1, "2,5"),
    (2.0, 1, "2"),
    (1234.56, 2, "1.234,56"),
    (-1500, 0, "-1.500"),
    (0, 0, "0"),
    (None, 0, "—"),
    (float("nan"), 0, "—"),
])
def test_numbers_use_dot_thousands_and_comma_decimals(value, decimals: int, shown: str) -> None:
    assert L.number(value, decimals) == shown


@pytest.mark.parametrize(("value", "shown"), [
    ("2024-01-15", "15/01/2024"),
    ("2025-03-26T10:00:00", "26/03/2025"),
    (None, "—"),
    ("tháng 3/2024", "tháng 3/2024"),
])
def test_dates_are_day_month_year(value, shown: str) -> None:
    assert L.day(value) == shown


def test_percent_and_cells() -> None:
    assert L.percent(0.3) == "30%" and L.percent(None) == "—" and L.percent(0.125, 1) == "12,5%"
    assert [L.cell(v) for v in (None, True, 1234, 2.5, ["a", "b"], "", "x")] == ["—", "Có", "1.234", "2,5", "a; b", "—", "x"]


def test_columns_keep_a_name_already_vietnamese() -> None:
    assert L.rename_columns(["level", "Bước thừa"]) == {"level": "Cấp thực hiện", "Bước thừa": "Bước thừa"}


@pytest.mark.parametrize(("typed", "value"), [
    ("45.000", 45000.0), ("1.234,5", 1234.5), ("0,5", 0.5), ("0.5", 0.5), ("2.25", 2.25), ("1.000.000", 1e6),
    ("12", 12.0), (" 3 ", 3.0), (7, 7.0), ("", None), (None, None),
])
def test_numbers_are_read_as_reviewers_type_them(typed, value) -> None:
    assert L.parse_number(typed) == value


def test_a_word_is_not_a_number() -> None:
    with pytest.raises(ValueError, match="không phải là một số"):
        L.parse_number("mười")


def test_a_number_reads_back_as_written() -> None:
    for value in (45000.0, 0.5, 1234.5, 2.0):
        assert L.parse_number(L.number(value, 2)) == value
