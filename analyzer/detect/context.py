"""Everything a detector may consult besides the procedure itself: rules, peer statistics and the
domain resources (cue phrases, State-held registry, canonicaliser). Detectors read nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.detect.impact import ImpactModel
from analyzer.detect.peers import PeerStats, PeerSummary
from analyzer.detect.rules import RuleSet, load_rules
from analyzer.resources import Resources


@dataclass
class DetectionContext:
    rules: RuleSet = field(default_factory=load_rules)
    peers: PeerStats | PeerSummary = field(default_factory=PeerStats)
    resources: Resources = field(default_factory=Resources.default)
    impact: ImpactModel = field(default_factory=ImpactModel.default)  # cost data and cases per year (post-pass)
