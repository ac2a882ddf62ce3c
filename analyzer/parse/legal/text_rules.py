"""Rules for legal texts, as reviewable YAML (analyzer/data/legal_text_rules.yaml), applied to a parsed text.

- ``supplement_request_cap``: a provision that lets the agency ask for supplements to a dossier more
  times than the cap (1 after Chỉ thị 10/CT-TTg; 2 under Nghị định 63/2010/NĐ-CP Điều 20 khoản 4).
- ``state_held_document``: a provision that requires a paper the State already holds (household and
  residence books, residence confirmations — Nghị định 104/2022/NĐ-CP; copies of identity cards — Luật
  Căn cước 2023 Điều 20 khoản 3).
Findings carry the clause, its unit and the legal ground; messages are in Vietnamese.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

import yaml

from analyzer.parse.legal.model import LegalDocument, LegalGroundRef, TextFinding
from analyzer.parse.legal.patterns import collapse
from analyzer.parse.legal.provisions import DOSSIER_CUE, DOSSIER_HEADING, intro
from analyzer.resources.vocabulary import default_vocabulary

class RuleConfigError(ValueError):
    """A rule override that does not fit the rule set; the message names the key."""


_OVERRIDABLE = {"enabled", "severity", "params"}
_NUMBER_WORDS = default_vocabulary().count_words


@lru_cache(maxsize=1)
def _packaged_rules() -> dict[str, Any]:
    data = yaml.safe_load(resources.files("analyzer").joinpath("data/legal_text_rules.yaml").read_text("utf-8"))
    return data["rules"]


def load_text_rules(overrides: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The packaged rules with user overrides of ``enabled``, ``severity`` and ``params`` applied."""
    rules = {rule_id: dict(rule, params=dict(rule.get("params") or {})) for rule_id, rule in _packaged_rules().items()}
    for rule_id, override in (overrides or {}).items():
        if rule_id not in rules:
            raise RuleConfigError(f"unknown legal-text rule {rule_id!r} (known: {', '.join(sorted(rules))})")
        unknown = set(override) - _OVERRIDABLE
        if unknown:
            raise RuleConfigError(f"rule {rule_id!r}: only {sorted(_OVERRIDABLE)} can be overridden, not {sorted(unknown)}")
        params = override.get("params") or {}
        extra = set(params) - set(rules[rule_id]["params"])
        if extra:
            raise RuleConfigError(f"rule {rule_id!r}: unknown params {sorted(extra)}")
        rules[rule_id]["params"].update(params)
        rules[rule_id].update({k: v for k, v in override.items() if k != "params"})
    return rules


def apply_text_rules(document: LegalDocument, overrides: Mapping[str, Any] | None = None) -> list[TextFinding]:
    """Findings of the text rules over the body and annexes of a parsed text."""
    rules = load_text_rules(overrides)
    findings: list[TextFinding] = []
    clauses = list(_clauses(document))
    if rules["supplement_request_cap"].get("enabled", True):
        findings.extend(_supplement_cap(document, clauses, rules["supplement_request_cap"]))
    if rules["state_held_document"].get("enabled", True):
        findings.extend(_state_held(document, clauses, rules["state_held_document"]))
    return sorted(findings, key=lambda f: (f.start, f.rule))


def _clauses(document: LegalDocument) -> list[tuple[int, int]]:
    """Clauses of the body and annexes (split at ";" and sentence ends), signature block excluded."""
    text = document.text
    regions = [(document.body_start, document.body_end or len(text))]
    if document.signature and document.signature.end < len(text):
        regions.append((document.signature.end, len(text)))
    spans = []
    for start, end in regions:
        # a dot ends a clause unless it closes a list number ("2. Giấy …")
        for match in re.finditer(r"[^;\n]+?(?:[;\n]|(?<!\d)\.(?=\s)|$)", text[start:end]):
            if match.group(0).strip():
                spans.append((start + match.start(), start + match.end()))
    return spans


def _supplement_cap(document: LegalDocument, clauses: list[tuple[int, int]], rule: dict[str, Any]) -> list[TextFinding]:
    cap = int(rule["params"]["cap"])
    scope = re.compile(rule["scope"], re.IGNORECASE)
    counted = re.compile(rule["counted"], re.IGNORECASE)
    unlimited = re.compile(rule["unlimited"], re.IGNORECASE)
    findings = []
    for start, end in clauses:
        clause = document.text[start:end]
        if not scope.search(clause):
            continue
        count_match = counted.search(clause)
        if count_match:
            word = count_match.group("count").lower()
            allowed = _NUMBER_WORDS.get(word) or int(word)
            if allowed <= cap:
                continue
            allowed_text = f"tới {allowed} lần"
        elif unlimited.search(clause):
            allowed, allowed_text = None, "nhiều lần"
        else:
            continue
        findings.append(_finding(document, rule, "supplement_request_cap", start, end,
                                 {"cap": cap, "allowed": allowed}, allowed=allowed_text, cap=cap))
    return findings


def _state_held(document: LegalDocument, clauses: list[tuple[int, int]], rule: dict[str, Any]) -> list[TextFinding]:
    requirement = re.compile(rule["requirement"], re.IGNORECASE)
    negation = re.compile(rule["negations"], re.IGNORECASE)
    entries = [(entry, re.compile(entry["pattern"], re.IGNORECASE)) for entry in rule["documents"]]
    findings = []
    for start, end in clauses:
        clause = document.text[start:end]
        if negation.search(clause):
            continue
        for entry, pattern in entries:
            # A paper named inside parentheses is an exception or an aside ("trừ trường hợp … có sổ hộ khẩu").
            match = next((m for m in pattern.finditer(clause) if clause.count("(", 0, m.start()) <= clause.count(")", 0, m.start())), None)
            required = match and (requirement.search(clause, max(0, match.start() - _REQUIREMENT_REACH), match.start())
                                  or _in_dossier_list(document, start))
            if required:
                grounds = entry.get("legal_ground") or rule.get("legal_ground") or []
                findings.append(_finding(
                    document, dict(rule, legal_ground=grounds), "state_held_document", start, end,
                    {"document": entry["id"]}, paper=collapse(match.group(0)), label=entry["label"],
                    database=entry["database"],
                ))
    return findings


_REQUIREMENT_REACH = 120  # characters before a paper where the requiring word may stand


def _in_dossier_list(document: LegalDocument, offset: int) -> bool:
    """True when the offset opens an item of a list that a dossier cue introduces (the item's first
    clause names the paper; later clauses of the item say what is done with it)."""
    path = document.path_at(offset)
    if len(path) < 2 or document.text[path[-1].start:offset].strip():
        return False
    parent = path[-2]
    heading_cue = parent.kind == "dieu" and parent.heading and DOSSIER_HEADING.match(parent.heading)
    return bool(heading_cue or DOSSIER_CUE.search(collapse(intro(document.text, parent))))


def _finding(document: LegalDocument, rule: dict[str, Any], rule_id: str, start: int, end: int,
             params: dict[str, Any], **message_fields: Any) -> TextFinding:
    path = document.path_at(start)
    node = " ".join(f"{n.kind} {n.label}" for n in path) or None
    return TextFinding(
        rule=rule_id, severity=rule["severity"], message=collapse(rule["message"].format(**message_fields)),
        text=collapse(document.text[start:end]), start=start, end=end, node=node,
        legal_ground=[LegalGroundRef(document=g["document"], article=g.get("article")) for g in rule.get("legal_ground", [])],
        params=params,
    )
