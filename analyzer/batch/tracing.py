"""What a detector read while it analysed one record: the exact dependencies of its findings.

The batch hands detectors a rule set and peer table that record every read, like a build system
traces file reads. A cached result stays valid while everything it read still has the same value,
so after a change of one rule's parameter only the records whose detector actually read that
parameter (or got a finding from that rule) are analysed again; a change of the peer statistics
reaches only the records that looked those peer groups up.

A dependency is a token with the canonical JSON of the value read:
  ``enabled:R``  whether rule R is on       ``param:R:P``  parameter P of rule R
  ``params:R``   all parameters of R        ``rule:R``     everything about R (it produced a finding)
  ``kind:K``     the enabled rules of kind K ``rules``     the whole rule set
  ``peer:F|L|M`` (count, median) of one peer group          ``peers``  the whole peer table
  ``public:R``   whether rule R runs on a public body's own filing (``public_applicants``)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterator

from analyzer.batch.fingerprint import canonical_json, short_hash
from analyzer.detect.peers import PeerKey, PeerSummary
from analyzer.detect.rules import Rule, RuleSet

Dependencies = dict[str, str]
PEER_SEPARATOR = "\x1f"  # never inside a field or level name


def rule_digest(rule: Rule) -> str:
    return short_hash(canonical_json({
        "kind": rule.kind, "severity": rule.severity, "message": rule.message, "suggestion": rule.suggestion,
        "legal_ground": [g.to_dict() for g in rule.legal_ground], "params": dict(rule.params),
        "enabled": rule.enabled, "description": rule.description, "public_applicants": rule.public_applicants,
    }))


def peers_digest(peers: PeerSummary) -> str:
    return short_hash(canonical_json(sorted([list(k), list(v)] for k, v in peers.groups.items())))


def current_value(token: str, rules: RuleSet, peers: PeerSummary) -> str:
    """The value a dependency token has under these rules and peers (canonical JSON)."""
    head, _, rest = token.partition(":")
    if head == "enabled":
        rule = rules.rules.get(rest)
        return canonical_json(bool(rule and rule.enabled))
    if head == "param":
        rule_id, _, name = rest.partition(":")
        params = rules.rules[rule_id].params if rule_id in rules.rules else {}
        return canonical_json(params.get(name, "\x00absent"))
    if head == "params":
        return canonical_json(dict(rules.rules[rest].params) if rest in rules.rules else None)
    if head == "rule":
        return canonical_json(rule_digest(rules.rules[rest]) if rest in rules.rules else None)
    if head == "public":
        rule = rules.rules.get(rest)
        return canonical_json(bool(rule is None or rule.public_applicants))
    if head == "kind":
        return canonical_json(sorted(r.id for r in rules.for_kind(rest)))
    if head == "rules":
        return canonical_json(rules.fingerprint())
    if head == "peer":
        key: PeerKey = tuple(rest.split(PEER_SEPARATOR))  # type: ignore[assignment]
        return canonical_json([peers.count(key), peers.median(key)])
    if head == "peers":
        return canonical_json(peers_digest(peers))
    raise ValueError(f"unknown dependency token {token!r}")


class DependencyCheck:
    """Validates recorded dependencies against the current rules and peers (values memoised per token)."""

    def __init__(self, rules: RuleSet, peers: PeerSummary) -> None:
        self.rules, self.peers = rules, peers
        self._values: dict[str, str] = {}

    def value(self, token: str) -> str:
        found = self._values.get(token)
        if found is None:
            found = self._values[token] = current_value(token, self.rules, self.peers)
        return found

    def holds(self, dependencies: Dependencies) -> bool:
        return all(self.value(token) == value for token, value in dependencies.items())


class Recorder:
    """Collects the dependency tokens of one detector run over one record."""

    def __init__(self, rules: RuleSet, peers: PeerSummary) -> None:
        self.check = DependencyCheck(rules, peers)
        self.read: Dependencies = {}

    def note(self, token: str) -> None:
        if token not in self.read:
            self.read[token] = self.check.value(token)


class TracedParams(Mapping):
    """A rule's parameters; reading one records it, iterating records them all."""

    def __init__(self, rule: Rule, recorder: Recorder) -> None:
        self._params, self._rule_id, self._recorder = rule.params, rule.id, recorder

    def __getitem__(self, name: str) -> Any:
        self._recorder.note(f"param:{self._rule_id}:{name}")
        return self._params[name]

    def __contains__(self, name: object) -> bool:
        self._recorder.note(f"param:{self._rule_id}:{name}")
        return name in self._params

    def get(self, name: str, default: Any = None) -> Any:
        self._recorder.note(f"param:{self._rule_id}:{name}")
        return self._params.get(name, default)

    def __iter__(self) -> Iterator[str]:
        self._recorder.note(f"params:{self._rule_id}")
        return iter(self._params)

    def __len__(self) -> int:
        self._recorder.note(f"params:{self._rule_id}")
        return len(self._params)


class TracedRule:
    """A rule whose parameter reads and findings are recorded; its id and kind are free to read."""

    def __init__(self, rule: Rule, recorder: Recorder) -> None:
        self._rule, self._recorder = rule, recorder
        self.id, self.kind = rule.id, rule.kind

    @property
    def params(self) -> TracedParams:
        return TracedParams(self._rule, self._recorder)

    @property
    def public_applicants(self) -> bool:  # read by detect_kind for every record: its own token, not the whole rule
        self._recorder.note(f"public:{self._rule.id}")
        return self._rule.public_applicants

    def finding(self, *args: Any, **kwargs: Any) -> Any:
        self._recorder.note(f"rule:{self._rule.id}")
        return self._rule.finding(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # severity, message, legal ground...: the whole rule matters
        self._recorder.note(f"rule:{self._rule.id}")
        return getattr(self._rule, name)


class TracedRules:
    """The RuleSet interface detectors use, recording each read."""

    def __init__(self, rules: RuleSet, recorder: Recorder) -> None:
        self._rules, self._recorder = rules, recorder

    def enabled(self, rule_id: str) -> bool:
        self._recorder.note(f"enabled:{rule_id}")
        return self._rules.enabled(rule_id)

    def __getitem__(self, rule_id: str) -> TracedRule:
        return TracedRule(self._rules[rule_id], self._recorder)

    def for_kind(self, kind: str) -> list[TracedRule]:
        self._recorder.note(f"kind:{kind}")
        return [TracedRule(r, self._recorder) for r in self._rules.for_kind(kind)]

    @property
    def rules(self) -> Mapping[str, Rule]:
        self._recorder.note("rules")
        return self._rules.rules

    def fingerprint(self) -> str:
        self._recorder.note("rules")
        return self._rules.fingerprint()


class TracedPeers:
    """The PeerSummary interface detectors use, recording each peer group looked up."""

    def __init__(self, peers: PeerSummary, recorder: Recorder) -> None:
        self._peers, self._recorder = peers, recorder

    def _note(self, key: PeerKey) -> None:
        self._recorder.note("peer:" + PEER_SEPARATOR.join(key))

    def count(self, key: PeerKey) -> int:
        self._note(key)
        return self._peers.count(key)

    def median(self, key: PeerKey) -> float | None:
        self._note(key)
        return self._peers.median(key)

    @property
    def groups(self) -> dict[PeerKey, tuple[int, float]]:
        self._recorder.note("peers")
        return self._peers.groups
