"""Rules are data: every rule has a legal ground; overrides are checked key by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.detect.rules import RuleConfigError, load_rules


def test_every_rule_cites_a_document() -> None:
    rules = load_rules()
    assert rules.rules
    for rule in rules.rules.values():
        assert rule.legal_ground and all(g.document for g in rule.legal_ground), rule.id
        assert rule.kind in {"redundant_step", "repeated_paperwork", "long_processing_time"}


def test_override_params_and_enabled() -> None:
    rules = load_rules({"rules": {"supplement_cap": {"params": {"cap": 2}}, "vague_time": {"enabled": False}}})
    assert rules["supplement_cap"].params["cap"] == 2
    assert not rules.enabled("vague_time")
    assert load_rules().fingerprint() != rules.fingerprint()


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ({"rulez": {}}, "rulez"),
        ({"rules": {"no_such_rule": {}}}, "no_such_rule"),
        ({"rules": {"supplement_cap": {"treshold": 1}}}, "rules.supplement_cap.treshold"),
        ({"rules": {"supplement_cap": {"params": {"capp": 2}}}}, "rules.supplement_cap.params.capp"),
    ],
)
def test_unknown_config_key_is_an_error_naming_it(config: dict, named: str) -> None:
    with pytest.raises(RuleConfigError, match=named.replace(".", r"\.")):
        load_rules(config)


def test_config_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules: [unclosed", encoding="utf-8")
    with pytest.raises(RuleConfigError, match="rules.yaml"):
        load_rules(path)
