"""Dependency tracing: what a detector read, and whether it still holds under other rules or peers."""

from __future__ import annotations

import pytest

from analyzer.batch.tracing import DependencyCheck, Recorder, TracedPeers, TracedRules
from analyzer.batch.worker import run_kind
from analyzer.detect import PeerStats, load_rules
from analyzer.detect.peers import PeerSummary
from analyzer.model import Procedure
from batch.helpers import sample_records

PEERS = PeerSummary({("ho tich", "cap xa", "truc_tiep"): (6, 3.0)})


def traced(rules=None, peers=PEERS):
    rules = rules or load_rules()
    recorder = Recorder(rules, peers)
    return recorder, TracedRules(rules, recorder), TracedPeers(peers, recorder)


def test_reads_are_recorded_with_their_values() -> None:
    recorder, rules, peers = traced()
    assert rules.enabled("peer_outlier")
    assert rules["online_not_faster"].params.get("target_cut") == 0.3
    assert peers.median(("ho tich", "cap xa", "truc_tiep")) == 3.0
    assert recorder.read == {
        "enabled:peer_outlier": "true",
        "param:online_not_faster:target_cut": "0.3",
        "peer:ho tich\x1fcap xa\x1ftruc_tiep": "[6,3.0]",
    }


@pytest.mark.parametrize(
    ("override", "still_holds"),
    [
        ({"online_not_faster": {"params": {"target_cut": 0.5}}}, False),
        ({"peer_outlier": {"params": {"min_ratio": 3.0}}}, True),  # a parameter that was not read
        ({"peer_outlier": {"enabled": False}}, False),
        ({"vague_time": {"severity": "high"}}, True),
    ],
)
def test_dependencies_hold_until_what_was_read_changes(override: dict, still_holds: bool) -> None:
    recorder, rules, _ = traced()
    rules.enabled("peer_outlier")
    rules["online_not_faster"].params.get("target_cut")
    check = DependencyCheck(load_rules({"rules": override}), PEERS)
    assert check.holds(recorder.read) is still_holds


def test_a_finding_depends_on_the_whole_rule() -> None:
    recorder, rules, _ = traced()
    rules["vague_time"].severity  # noqa: B018 - reading an attribute other than params is a dependency
    assert "rule:vague_time" in recorder.read
    assert not DependencyCheck(load_rules({"rules": {"vague_time": {"severity": "high"}}}), PEERS).holds(recorder.read)


def test_iterating_params_depends_on_all_of_them() -> None:
    recorder, rules, _ = traced()
    dict(rules["peer_outlier"].params)
    assert "params:peer_outlier" in recorder.read


def test_peer_lookups_hold_only_while_count_and_median_stay() -> None:
    recorder, _, peers = traced()
    peers.count(("ho tich", "cap xa", "truc_tiep"))
    same = PeerSummary({**PEERS.groups, ("dat dai", "cap tinh", "truc_tiep"): (3, 10.0)})
    moved = PeerSummary({("ho tich", "cap xa", "truc_tiep"): (7, 3.0)})
    assert DependencyCheck(load_rules(), same).holds(recorder.read)
    assert not DependencyCheck(load_rules(), moved).holds(recorder.read)


def test_record_without_field_reads_no_peers() -> None:
    record = {**sample_records()[0], "field": None}
    procedure = Procedure.from_dict(record)
    peers = PeerStats.from_procedures([Procedure.from_dict(r) for r in sample_records()]).summary()
    result = run_kind(procedure, "long_processing_time", load_rules(), peers)
    assert not any(token.startswith("peer") for token in result["deps"])
    with_field = run_kind(Procedure.from_dict(sample_records()[0]), "long_processing_time", load_rules(), peers)
    assert any(token.startswith("peer:") for token in with_field["deps"])


def test_whether_a_rule_reads_public_bodies_filings_is_part_of_the_rule() -> None:
    """detect_kind reads ``public_applicants`` (a public body's own filing skipped): switching it back on must
    invalidate what the rule's skip produced."""
    recorder, rules, _ = traced()
    assert rules["no_online"].public_applicants is False
    check = DependencyCheck(load_rules({"rules": {"no_online": {"public_applicants": True}}}), PEERS)
    assert not check.holds(recorder.read)
