"""Rule configs are validated when rules are loaded: types, ranges and booleans, the key and range named."""

from __future__ import annotations

import pytest

from analyzer.detect import RuleConfigError, load_rules
from analyzer.detect.registry import check_registry, registered
from analyzer.detect.rules import _packaged_rules


@pytest.mark.parametrize(("rule", "key", "value", "message"), [
    ("peer_outlier", "enabled", "no", "rules.peer_outlier.enabled: must be true or false (got 'no')"),
    ("vague_time", "enabled", 0, "rules.vague_time.enabled: must be true or false (got 0)"),
    ("no_online", "public_applicants", "no", "rules.no_online.public_applicants: must be true or false (got 'no')"),
    ("peer_outlier", "min_ratio", -2, "rules.peer_outlier.params.min_ratio: input should be greater than or equal to 1 (got -2)"),
    ("peer_outlier", "min_peers", -5, "rules.peer_outlier.params.min_peers: input should be greater than or equal to 1 (got -5)"),
    ("duplicate_step", "min_similarity", 7, "rules.duplicate_step.params.min_similarity: input should be less than or equal to 1 (got 7)"),
    ("peer_outlier", "min_ratio", "high", "rules.peer_outlier.params.min_ratio: input should be a valid number (got 'high')"),
    ("vague_time", "include_missing", "no", "rules.vague_time.params.include_missing: input should be a valid boolean (got 'no')"),
    ("duplicate_document", "confidence_exact", 1.5, "rules.duplicate_document.params.confidence_exact: input should be less than or equal to 1"),
    ("peer_outlier", "severity", "urgent", "rules.peer_outlier.severity: must be one of high, low, medium (got 'urgent')"),
])
def test_invalid_values_are_rejected_naming_key_and_range(rule: str, key: str, value, message: str) -> None:
    change = {key: value} if key in ("enabled", "severity", "public_applicants") else {"params": {key: value}}
    with pytest.raises(RuleConfigError) as caught:
        load_rules({"rules": {rule: change}})
    assert str(caught.value).startswith(f"config: {message}"), str(caught.value)


@pytest.mark.parametrize(("rule", "change"), [
    ("peer_outlier", {"enabled": False}),
    ("peer_outlier", {"params": {"min_ratio": 3, "min_peers": 2}}),
    ("duplicate_step", {"params": {"min_similarity": 0.7}}),
    ("vague_time", {"params": {"include_missing": False}}),
])
def test_valid_values_are_accepted(rule: str, change: dict) -> None:
    rules = load_rules({"rules": {rule: change}})
    for key, value in change.get("params", {}).items():
        assert rules[rule].params[key] == value
    if "enabled" in change:
        assert not rules.enabled(rule)


def test_params_must_be_a_mapping() -> None:
    with pytest.raises(RuleConfigError, match=r"^config: rules\.peer_outlier\.params must be a mapping \(got 5\)"):
        load_rules({"rules": {"peer_outlier": {"params": 5}}})


def test_the_error_names_the_config_file(tmp_path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  peer_outlier:\n    params:\n      min_ratio: -2\n", encoding="utf-8")
    with pytest.raises(RuleConfigError, match=rf"^{path}: rules\.peer_outlier\.params\.min_ratio"):
        load_rules(path)


def test_every_yaml_rule_has_one_function_and_every_function_an_entry() -> None:
    assert set(registered()) == set(_packaged_rules()["rules"])


@pytest.mark.parametrize(("rule_ids", "message"), [
    ({*registered(), "orphan_rule"}, "rules.orphan_rule has no registered function"),
    (set(registered()) - {"vague_time"}, "registered rule 'vague_time' has no entry in rules"),
])
def test_registry_and_yaml_mismatch_is_an_error(rule_ids: set[str], message: str) -> None:
    with pytest.raises(RuleConfigError, match=message):
        check_registry(rule_ids)
