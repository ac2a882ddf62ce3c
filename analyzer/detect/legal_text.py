"""Rules over the clauses of a legal text (rules.yaml ``text_rules``), registered like the procedure rules.

- ``supplement_request_cap``: a provision that lets the agency ask for supplements to a dossier more
  times than the cap (1 after Chỉ thị 10/CT-TTg; 2 under Nghị định 63/2010/NĐ-CP Điều 20 khoản 4).
- ``provision_conflict`` / ``provision_duplication``: two clauses of different enacting texts that set
  different (the same) time limits for one act on one object (``analyzer.detect.legal_overlap``); on one
  document they compare the texts a Pháp điển topic gathers, across documents ``overlap_findings`` runs them.
- ``state_held_document``: a provision that requires a paper the State already holds (household and
  residence books, residence confirmations — Nghị định 104/2022/NĐ-CP; copies of identity cards — Luật
  Căn cước 2023 Điều 20 khoản 3): the papers of the State-held registry (state_data.yaml ``legal_texts``).
Findings carry the clause, its unit and the legal ground; messages are in Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Mapping

from pydantic import Field, ValidationError

from analyzer.detect.registry import LEGAL_TEXT, NoParams, RuleParams, check_registry, registered, rule as register
from analyzer.detect.rules import OVERRIDABLE, RuleConfigError, SEVERITIES, _packaged_rules
from analyzer.parse.legal.model import LegalDocument, LegalGroundRef, TextFinding
from analyzer.parse.legal.patterns import collapse
from analyzer.parse.legal.provisions import DOSSIER_CUE, DOSSIER_HEADING, intro
from analyzer.resources.vocabulary import default_vocabulary
from analyzer.resources import LegalGround, Resources
from analyzer.resources.schema import describe

_NUMBER_WORDS = default_vocabulary().count_words
Clause = tuple[int, int]


@dataclass(frozen=True)
class TextRule:
    id: str
    severity: str
    message: str
    params: Mapping[str, Any]
    patterns: Mapping[str, re.Pattern[str]]  # the rule's regular expressions, by key
    legal_ground: tuple[LegalGround, ...] = ()
    enabled: bool = True


_PATTERN_KEYS = {"supplement_request_cap": ("scope", "counted", "unlimited"),
                 "state_held_document": ("requirement", "negations")}


def load_text_rules(overrides: Mapping[str, Any] | None = None) -> dict[str, TextRule]:
    """The packaged text rules with user overrides of ``enabled``, ``severity`` and ``params`` applied
    (per rule id: ``{"supplement_request_cap": {"params": {"cap": 2}}}``), params validated."""
    section = _packaged_rules()["text_rules"]
    check_registry(section, scope=LEGAL_TEXT)
    rules = {rule_id: dict(data, params=dict(data.get("params") or {})) for rule_id, data in section.items()}
    for rule_id, override in (overrides or {}).items():
        if rule_id not in rules:
            raise RuleConfigError(f"unknown legal-text rule {rule_id!r} (known: {', '.join(sorted(rules))})")
        unknown = set(override) - OVERRIDABLE
        if unknown:
            raise RuleConfigError(f"rule {rule_id!r}: only {sorted(OVERRIDABLE)} can be overridden, not {sorted(unknown)}")
        params = override.get("params") or {}
        extra = set(params) - set(rules[rule_id]["params"])
        if extra:
            raise RuleConfigError(f"rule {rule_id!r}: unknown params {sorted(extra)}")
        rules[rule_id]["params"].update(params)
        rules[rule_id].update({k: v for k, v in override.items() if k != "params"})
    return {rule_id: _build(rule_id, data) for rule_id, data in rules.items()}


def _build(rule_id: str, data: dict[str, Any]) -> TextRule:
    if data["severity"] not in SEVERITIES:
        raise RuleConfigError(f"text_rules.{rule_id}.severity: must be one of {', '.join(sorted(SEVERITIES))} "
                              f"(got {data['severity']!r})")
    if not isinstance(data.get("enabled", True), bool):
        raise RuleConfigError(f"text_rules.{rule_id}.enabled: must be true or false (got {data['enabled']!r})")
    try:
        registered(LEGAL_TEXT)[rule_id].params.model_validate(data["params"])
    except ValidationError as exc:
        raise RuleConfigError(f"text_rules.{rule_id}.params.{describe(exc)}") from None
    return TextRule(
        id=rule_id, severity=data["severity"], message=data["message"], params=data["params"],
        patterns={k: re.compile(data[k], re.IGNORECASE) for k in _PATTERN_KEYS.get(rule_id, ())},
        legal_ground=tuple(LegalGround.from_dict(g) for g in data.get("legal_ground") or ()),
        enabled=data.get("enabled", True),
    )


def apply_text_rules(document: LegalDocument, overrides: Mapping[str, Any] | None = None,
                     resources: Resources | None = None) -> list[TextFinding]:
    """Findings of the enabled text rules over the body and annexes of a parsed text."""
    rules = load_text_rules(overrides)
    resources = resources or Resources.default()
    clauses = _clauses(document)
    findings: list[TextFinding] = []
    for rule_id, entry in registered(LEGAL_TEXT).items():
        if rules[rule_id].enabled:
            findings.extend(entry.function(document, clauses, rules[rule_id], resources))
    return sorted(findings, key=lambda f: (f.start, f.rule))


def _clauses(document: LegalDocument) -> list[Clause]:
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


class SupplementRequestCapParams(RuleParams):
    cap: Annotated[int, Field(ge=1)]


@register("supplement_request_cap", params=SupplementRequestCapParams, scope=LEGAL_TEXT)
def supplement_cap(document: LegalDocument, clauses: list[Clause], rule: TextRule,
                   resources: Resources) -> list[TextFinding]:
    cap = int(rule.params["cap"])
    scope, counted, unlimited = (rule.patterns[k] for k in ("scope", "counted", "unlimited"))
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
        findings.append(_finding(document, rule, rule.legal_ground, start, end,
                                 {"cap": cap, "allowed": allowed}, allowed=allowed_text, cap=cap))
    return findings


@register("state_held_document", params=NoParams, scope=LEGAL_TEXT)
def state_held(document: LegalDocument, clauses: list[Clause], rule: TextRule,
               resources: Resources) -> list[TextFinding]:
    requirement, negation = rule.patterns["requirement"], rule.patterns["negations"]
    papers = resources.state_data.legal_text_papers
    findings = []
    for start, end in clauses:
        clause = document.text[start:end]
        if negation.search(clause):
            continue
        for paper in papers:
            # A paper named inside parentheses is an exception or an aside ("trừ trường hợp … có sổ hộ khẩu").
            match = next((m for m in paper.pattern.finditer(clause) if clause.count("(", 0, m.start()) <= clause.count(")", 0, m.start())), None)
            required = match and (requirement.search(clause, max(0, match.start() - _REQUIREMENT_REACH), match.start())
                                  or _in_dossier_list(document, start))
            if required:
                findings.append(_finding(
                    document, rule, paper.legal_ground or rule.legal_ground, start, end,
                    {"document": paper.id}, paper=collapse(match.group(0)), label=paper.label,
                    database=paper.database,
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


def _finding(document: LegalDocument, rule: TextRule, grounds: tuple[LegalGround, ...], start: int, end: int,
             params: dict[str, Any], **message_fields: Any) -> TextFinding:
    path = document.path_at(start)
    node = " ".join(f"{n.kind} {n.label}" for n in path) or None
    return TextFinding(
        rule=rule.id, severity=rule.severity, message=collapse(rule.message.format(**message_fields)),
        text=collapse(document.text[start:end]), start=start, end=end, node=node,
        legal_ground=[LegalGroundRef(document=g.document, article=g.article) for g in grounds],
        params=params,
    )


class ProvisionPairParams(RuleParams):
    object_similarity: Annotated[float, Field(gt=0.0, le=1.0)]
    governs_similarity: Annotated[float, Field(gt=0.0, le=1.0)]


@register("provision_conflict", params=ProvisionPairParams, scope=LEGAL_TEXT)
def provision_conflict(document: LegalDocument, clauses: list[Clause], rule: TextRule,
                       resources: Resources) -> list[TextFinding]:
    from analyzer.detect.legal_overlap import pair_findings

    return pair_findings([document], rule, "conflict", resources)


@register("provision_duplication", params=ProvisionPairParams, scope=LEGAL_TEXT)
def provision_duplication(document: LegalDocument, clauses: list[Clause], rule: TextRule,
                          resources: Resources) -> list[TextFinding]:
    from analyzer.detect.legal_overlap import pair_findings

    return pair_findings([document], rule, "duplication", resources)

