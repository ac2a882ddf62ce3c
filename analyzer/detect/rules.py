"""Rules as reviewable data: thresholds, messages and legal ground live in YAML, not in code.

The packaged rule set is analyzer/data/rules.yaml. A user config (``--config``) overrides
``enabled``, ``severity``, ``public_applicants`` and ``params`` of existing rules; any unknown key is an error that names it,
so a typo never silently falls back to a default. Every rule's params are validated against the schema
its function registered (analyzer.detect.registry): a wrong type or a value out of range is an error
naming the key and the allowed range, raised here, before any record is read.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml
from pydantic import ValidationError

from analyzer.detect.finding import Evidence, Finding, Suggestion
from analyzer.resources import LegalGround
from analyzer.resources.schema import describe

RULES_FILE = "rules.yaml"
OVERRIDABLE = {"enabled", "severity", "params", "public_applicants"}
SEVERITIES = {"high", "medium", "low"}


class RuleConfigError(ValueError):
    """A rules file or override that does not fit the rule set; the message names the key."""


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    message: str  # Vietnamese template, str.format fields filled by the detector
    suggestion: str  # default suggestion action
    legal_ground: tuple[LegalGround, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    enabled: bool = True
    description: str = ""
    opportunity: str | None = None  # the type of simplification opportunity it finds (opportunities.yaml)
    label: str = ""  # the rule's Vietnamese name, shown to reviewers instead of its id
    # false: the rule leaves alone procedures whose applicant is itself a public body (detect/_applicants.py)
    public_applicants: bool = True

    def finding(
        self,
        procedure: str,
        evidence: list[Evidence],
        confidence: float,
        suggestion_params: dict[str, Any] | None = None,
        action: str | None = None,
        **message_fields: Any,
    ) -> Finding:
        return Finding(
            procedure=procedure,
            kind=self.kind,  # type: ignore[arg-type]
            rule=self.id,
            severity=self.severity,  # type: ignore[arg-type]
            template=self.id,
            message_params=message_fields,
            evidence=evidence,
            legal_ground=list(self.legal_ground),
            suggestion=Suggestion(action=action or self.suggestion, params=suggestion_params or {}),
            confidence=round(min(max(confidence, 0.0), 1.0), 3),
        )


@dataclass(frozen=True)
class RuleSet:
    rules: Mapping[str, Rule]

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def enabled(self, rule_id: str) -> bool:
        rule = self.rules.get(rule_id)
        return bool(rule and rule.enabled)

    def for_kind(self, kind: str) -> list[Rule]:
        return [r for r in self.rules.values() if r.kind == kind and r.enabled]

    def fingerprint(self) -> str:
        """A stable hash of everything that can change findings (for batch caches)."""
        import hashlib
        import json

        payload = {
            rid: {"enabled": r.enabled, "severity": r.severity, "params": dict(r.params), "message": r.message,
                  "public_applicants": r.public_applicants}
            for rid, r in sorted(self.rules.items())
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def _build_rule(rule_id: str, data: Mapping[str, Any], origin_of: Callable[[str], str]) -> Rule:
    """One rule from its merged entry; ``origin_of(key)`` names the file a key's value came from."""
    from analyzer.detect.registry import registered

    required = {"label", "kind", "severity", "message", "suggestion", "legal_ground"}
    missing = required - set(data)
    if missing:
        raise RuleConfigError(f"rule {rule_id!r}: missing key(s) {', '.join(sorted(missing))}")
    if data["severity"] not in SEVERITIES:
        raise RuleConfigError(f"{origin_of('severity')}: rules.{rule_id}.severity: must be one of "
                              f"{', '.join(sorted(SEVERITIES))} (got {data['severity']!r})")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):  # "no" or 0 must not pass as a truth value
        raise RuleConfigError(f"{origin_of('enabled')}: rules.{rule_id}.enabled: must be true or false "
                              f"(got {enabled!r})")
    grounds = tuple(LegalGround.from_dict(g) for g in data["legal_ground"])
    if not grounds:
        raise RuleConfigError(f"rule {rule_id!r}: every rule needs at least one legal ground")
    opportunity = data.get("opportunity")
    if opportunity is not None and opportunity not in opportunity_types():
        raise RuleConfigError(f"{origin_of('opportunity')}: rules.{rule_id}.opportunity: must be one of "
                              f"{', '.join(opportunity_types())} (got {opportunity!r})")
    public_applicants = data.get("public_applicants", True)
    if not isinstance(public_applicants, bool):
        raise RuleConfigError(f"{origin_of('public_applicants')}: rules.{rule_id}.public_applicants: must be true or "
                              f"false (got {public_applicants!r})")
    params = dict(data.get("params") or {})
    schema = registered()[rule_id].params
    try:
        schema.model_validate(params)
    except ValidationError as exc:
        name = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else ""
        raise RuleConfigError(f"{origin_of('params.' + name)}: rules.{rule_id}.params.{describe(exc)}") from None
    return Rule(
        id=rule_id,
        kind=data["kind"],
        severity=data["severity"],
        message=data["message"].strip(),
        suggestion=data["suggestion"],
        legal_ground=grounds,
        params=params,
        enabled=enabled,
        description=str(data.get("description", "")).strip(),
        opportunity=opportunity,
        label=str(data["label"]).strip(),
        public_applicants=public_applicants,
    )


@lru_cache(maxsize=1)
def opportunity_types() -> tuple[str, ...]:
    """The fixed taxonomy of simplification opportunities (analyzer/data/opportunities.yaml)."""
    text = resources.files("analyzer.data").joinpath("opportunities.yaml").read_text(encoding="utf-8")
    return tuple(yaml.safe_load(text)["types"])


def rule_labels() -> dict[str, str]:
    """Every rule id of rules.yaml (procedure and legal-text rules) -> its Vietnamese name (``label``)."""
    data = _packaged_rules()
    return {rule_id: str(entry.get("label") or "").strip()
            for section in ("rules", "text_rules") for rule_id, entry in data[section].items()}


@lru_cache(maxsize=1)
def _packaged_rules() -> dict[str, Any]:
    text = resources.files("analyzer.data").joinpath(RULES_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _apply_overrides(base: dict[str, Any], overrides: Mapping[str, Any], origin: str) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    unknown_top = set(overrides) - {"rules"}
    if unknown_top:
        raise RuleConfigError(f"{origin}: unknown key {sorted(unknown_top)[0]!r} (only 'rules' is allowed)")
    for rule_id, change in (overrides.get("rules") or {}).items():
        if rule_id not in merged["rules"]:
            raise RuleConfigError(f"{origin}: unknown rule {rule_id!r}")
        if not isinstance(change, Mapping):
            raise RuleConfigError(f"{origin}: rules.{rule_id} must be a mapping")
        for key, value in change.items():
            if key not in OVERRIDABLE:
                raise RuleConfigError(f"{origin}: unknown key 'rules.{rule_id}.{key}'")
            if key == "params":
                if not isinstance(value, Mapping):
                    raise RuleConfigError(f"{origin}: rules.{rule_id}.params must be a mapping (got {value!r})")
                known = merged["rules"][rule_id].get("params") or {}
                for param in value:
                    if param not in known:
                        raise RuleConfigError(f"{origin}: unknown key 'rules.{rule_id}.params.{param}'")
                merged["rules"][rule_id]["params"] = {**known, **value}
            else:
                merged["rules"][rule_id][key] = value
    return merged


def read_config(config: str | Path | Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A rules override as a plain mapping: given as one, or read from a YAML file (errors name the file)."""
    if config is None or isinstance(config, Mapping):
        return dict(config) if config else None
    path = Path(config)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise RuleConfigError(f"{path}: cannot read rules config: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise RuleConfigError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, Mapping):
        raise RuleConfigError(f"{path}: a rules config must be a mapping")
    return dict(data)


def load_rules(config: str | Path | Mapping[str, Any] | None = None) -> RuleSet:
    """The packaged rules, optionally overridden by a YAML file path or a mapping; checked against the
    registered rule functions and their params schemas."""
    from analyzer.detect.registry import check_registry

    data = _packaged_rules()
    check_registry(data["rules"])
    overrides = read_config(config)
    origin = "config" if isinstance(config, Mapping) else str(config)
    if overrides is not None:
        data = _apply_overrides(data, overrides, origin)
    changed = (overrides or {}).get("rules") or {}

    def origin_for(rule_id: str) -> Callable[[str], str]:
        def origin_of(key: str) -> str:
            change = changed.get(rule_id) or {}
            head, _, param = key.partition(".")
            overridden = param in (change.get("params") or {}) if head == "params" else head in change
            return origin if overridden else RULES_FILE
        return origin_of

    return RuleSet(rules={rid: _build_rule(rid, r, origin_for(rid)) for rid, r in data["rules"].items()})
