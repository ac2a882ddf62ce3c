"""The one rule registry: ``@rule("duplicate_document", params=...)`` binds a rule id of rules.yaml to
its function and to the schema of its params.

A procedure rule (scope "procedure", rules.yaml ``rules``) takes (procedure, rule, context) and yields
findings; a legal-text rule (scope "legal_text", rules.yaml ``text_rules``) takes (document, clauses,
rule, resources) and returns text findings. The modules that define rules are listed in RULE_MODULES;
importing them fills the registry. ``check_registry`` holds the registry and rules.yaml to each other: a
YAML rule without a function, or a function without a YAML entry, is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any, Callable, Iterable

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from analyzer.detect.context import DetectionContext
    from analyzer.detect.finding import Finding
    from analyzer.detect.rules import Rule
    from analyzer.model import Procedure

RULE_MODULES = (
    "analyzer.detect.redundant_steps",
    "analyzer.detect.collection_steps",
    "analyzer.detect.step_consultations",
    "analyzer.detect.repeated_paperwork",
    "analyzer.detect.long_processing_time",
    "analyzer.detect.time_targets",
    "analyzer.detect.stage_clocks",
    "analyzer.detect.legal_text",
)
PROCEDURE, LEGAL_TEXT = "procedure", "legal_text"
SECTIONS = {PROCEDURE: "rules", LEGAL_TEXT: "text_rules"}  # the rules.yaml section of each scope

RuleFunction = Callable[["Procedure", "Rule", "DetectionContext"], Iterable["Finding"]]


class RuleParams(BaseModel):
    """Base of every rule's params schema: strict types (``"no"`` is not a boolean, ``"high"`` not a
    number), no unknown keys, every key given (the values live in rules.yaml)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class NoParams(RuleParams):
    pass


@dataclass(frozen=True)
class Registered:
    id: str
    function: Callable[..., Any]
    params: type[RuleParams]
    scope: str = PROCEDURE


_REGISTRY: dict[tuple[str, str], Registered] = {}
_IMPORTED: list[bool] = []  # non-empty once RULE_MODULES are imported (registration is code, done once)


def rule(rule_id: str, params: type[RuleParams] = NoParams, scope: str = PROCEDURE) -> Callable[[Any], Any]:
    """Register ``function`` as the detector of ``rule_id`` in ``scope`` (one function per rule id)."""
    if scope not in SECTIONS:
        raise ValueError(f"unknown rule scope {scope!r}")

    def register(function: Any) -> Any:
        existing = _REGISTRY.get((scope, rule_id))
        if existing is not None and existing.function.__qualname__ != function.__qualname__:
            raise ValueError(f"rule {rule_id!r} is registered twice ({existing.function.__qualname__}, "
                             f"{function.__qualname__})")
        _REGISTRY[(scope, rule_id)] = Registered(rule_id, function, params, scope)
        return function

    return register


def registered(scope: str = PROCEDURE) -> dict[str, Registered]:
    """Every registered rule of ``scope``, by id (the rule modules are imported on first use)."""
    if not _IMPORTED:
        for module in RULE_MODULES:
            import_module(module)
        _IMPORTED.append(True)
    return {rule_id: entry for (entry_scope, rule_id), entry in _REGISTRY.items() if entry_scope == scope}


def check_registry(rule_ids: Iterable[str], registry: dict[str, Any] | None = None, scope: str = PROCEDURE) -> None:
    """A RuleConfigError when a rules.yaml section and the registered functions do not match one to one."""
    from analyzer.detect.rules import RuleConfigError

    functions = registered(scope) if registry is None else registry
    declared = set(rule_ids)
    section = SECTIONS[scope]
    unregistered = sorted(declared - set(functions))
    if unregistered:
        raise RuleConfigError(f"rules.yaml: {section}.{unregistered[0]} has no registered function (@rule)")
    undeclared = sorted(set(functions) - declared)
    if undeclared:
        raise RuleConfigError(f"rules.yaml: registered rule {undeclared[0]!r} has no entry in {section}")
