"""Everything a detector may consult besides the procedure itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.detect.peers import PeerStats, PeerSummary
from analyzer.detect.rules import RuleSet, load_rules


@dataclass
class DetectionContext:
    rules: RuleSet = field(default_factory=load_rules)
    peers: PeerStats | PeerSummary = field(default_factory=PeerStats)
