"""The one rule registry: ``@rule("duplicate_document", params=...)`` binds a rule id of rules.yaml to
its function and to the schema of its params.

A rule function takes (procedure, rule, context) and yields findings. The modules that define rules are
listed in RULE_MODULES; importing them fills the registry. ``check_registry`` holds the registry and
rules.yaml to each other: a YAML rule without a function, or a function without a YAML entry, is an error.
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
    "analyzer.detect.repeated_paperwork",
    "analyzer.detect.long_processing_time",
)

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
    function: RuleFunction
    params: type[RuleParams]


_REGISTRY: dict[str, Registered] = {}


def rule(rule_id: str, params: type[RuleParams] = NoParams) -> Callable[[RuleFunction], RuleFunction]:
    """Register ``function`` as the detector of ``rule_id`` (one function per rule id)."""

    def register(function: RuleFunction) -> RuleFunction:
        existing = _REGISTRY.get(rule_id)
        if existing is not None and existing.function.__qualname__ != function.__qualname__:
            raise ValueError(f"rule {rule_id!r} is registered twice ({existing.function.__qualname__}, "
                             f"{function.__qualname__})")
        _REGISTRY[rule_id] = Registered(rule_id, function, params)
        return function

    return register


def registered() -> dict[str, Registered]:
    """Every registered rule, by id (the rule modules are imported on first use)."""
    for module in RULE_MODULES:
        import_module(module)
    return dict(_REGISTRY)


def check_registry(rule_ids: Iterable[str], registry: dict[str, Any] | None = None) -> None:
    """A RuleConfigError when rules.yaml and the registered functions do not match one to one."""
    from analyzer.detect.rules import RuleConfigError

    functions = registered() if registry is None else registry
    declared = set(rule_ids)
    unregistered = sorted(declared - set(functions))
    if unregistered:
        raise RuleConfigError(f"rules.yaml: rule {unregistered[0]!r} has no registered function (@rule)")
    undeclared = sorted(set(functions) - declared)
    if undeclared:
        raise RuleConfigError(f"rules.yaml: registered rule {undeclared[0]!r} has no entry")
