"""The one label registry: the Vietnamese name of every code a reviewer could otherwise see, and the Vietnamese
way of writing numbers and dates.

Names come from where each concept lives: rules from rules.yaml (``label``), cost parameters from
cost_defaults.yaml (``label``), finding kinds and severities from analyzer.detect.finding, channel modes from
the vocabulary, and the rest (suggestions, columns, legal-structure levels, decisions, statuses, roles, actors,
levels) from analyzer/data/labels.yaml. A code without a name is never shown raw: ``label`` falls back to a
Vietnamese placeholder and logs the miss, and tests/report/test_labels.py fails on it.
"""

from __future__ import annotations

import logging
import math
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

import yaml

from analyzer.detect.finding import KIND_LABELS, SEVERITY_LABELS
from analyzer.detect.rules import rule_labels
from analyzer.resources.vocabulary import default_vocabulary

LOG = logging.getLogger(__name__)
UNNAMED = "(chưa có tên)"
EMPTY = "—"  # what a missing value reads as: never "None" or "nan"
CATEGORIES = ("kinds", "severities", "rules", "suggestions", "cost_params", "columns", "structure", "decisions",
              "statuses", "audit_actions", "roles", "actors", "levels", "modes", "provision_pairs", "basis_fields",
              "legal_findings", "finding_changes", "finding_marks",
              "evidence_fields")


@lru_cache(maxsize=1)
def registry() -> dict[str, dict[str, str]]:
    """category -> code -> Vietnamese name."""
    data = yaml.safe_load(resources.files("analyzer.data").joinpath("labels.yaml").read_text(encoding="utf-8"))
    costs = yaml.safe_load(resources.files("analyzer.data").joinpath("cost_defaults.yaml").read_text(encoding="utf-8"))
    names: dict[str, dict[str, str]] = {
        "kinds": dict(KIND_LABELS),
        "severities": dict(SEVERITY_LABELS),
        "rules": rule_labels(),
        "cost_params": {name: str(spec.get("label") or "") for name, spec in costs["params"].items()},
        "modes": dict(default_vocabulary().mode_labels),
    }
    for category in CATEGORIES:
        if category not in names:
            names[category] = {str(k if k is not None else ""): str(v) for k, v in (data.get(category) or {}).items()}
    return names


def labels(category: str) -> dict[str, str]:
    return registry()[category]


def label(category: str, code: Any) -> str:
    """The Vietnamese name of ``code``; an unnamed code reads as a placeholder (logged), never as itself."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return EMPTY
    name = registry()[category].get(str(code))
    if name:
        return name
    LOG.warning("no Vietnamese label for %s %r (analyzer/data/labels.yaml)", category, code)
    return UNNAMED


def rename_columns(columns: Any) -> dict[str, str]:
    """``{column: Vietnamese name}`` for a table's columns (for ``DataFrame.rename``); a column already named in
    Vietnamese (a kind label of a pivot) keeps its name."""
    names = registry()["columns"]
    return {column: names.get(str(column), str(column)) for column in columns}


def procedure_title(procedure: Any) -> str:
    """"code — name (Quyết định …)": how a procedure version (analyzer.model.Procedure) is named in choices."""
    decision = f" (Quyết định {procedure.decision})" if procedure.decision else ""
    return f"{procedure.code} — {procedure.name}{decision}"


# ------------------------------------------------------------------ numbers and dates, as Vietnamese writes them


def number(value: Any, decimals: int = 0) -> str:
    """394750000 -> "394.750.000"; 2.5 -> "2,5" (dot thousands, comma decimals); None/NaN -> "—".
    ``decimals`` is the most shown: trailing zeros of the fraction are dropped."""
    if value is None or isinstance(value, str):
        return EMPTY if not value else value
    try:
        value = float(value)
    except (TypeError, ValueError):
        return EMPTY
    if math.isnan(value):
        return EMPTY
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def parse_number(text: Any) -> float | None:
    """A number as a reviewer types it, the Vietnamese way or not: "45.000" and "1.234,5" (dot thousands, comma
    decimals), "0,5", or "0.5" (a dot not followed by groups of three digits is a decimal point). None if empty;
    ValueError (Vietnamese) if it is not a number."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    raw = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if not raw:
        return None
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif raw.count(".") and all(len(group) == 3 for group in raw.split(".")[1:]) and raw.split(".")[0].lstrip("-"):
        raw = raw.replace(".", "")
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"«{text}» không phải là một số.") from None


def percent(value: float | None, decimals: int = 0) -> str:
    """0.305 -> "31%" (comma decimals when asked); None -> "—"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return EMPTY
    return f"{number(value * 100, decimals)}%"


def day(value: Any) -> str:
    """An ISO date ("2024-01-15", a date or a datetime) as dd/mm/yyyy; dd/mm/yyyy hh:mm for a datetime."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    try:
        return date.fromisoformat(text[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return text  # already as written (a year, "tháng 3/2024"): shown as the text gave it


def cell(value: Any) -> Any:
    """A table cell as shown: numbers in the Vietnamese way, missing values as "—", lists joined."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return number(value, 2)
    if isinstance(value, int):
        return number(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(cell(v)) for v in value) if value else EMPTY
    if isinstance(value, Mapping):
        return "; ".join(str(cell(v)) for v in value.values() if v not in (None, "", [])) or EMPTY
    return value if value != "" else EMPTY
