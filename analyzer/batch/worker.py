"""What runs in a worker process: analyse one chunk of canonical records into plain rows.

Lives in an importable module (not __main__, no lambdas) so process pools and Dask workers can
load it; the detection context and the NLP pipeline are built once per process and reused.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from analyzer.detect import DetectionContext, analyze_one
from analyzer.detect.peers import PeerSummary
from analyzer.detect.rules import load_rules
from analyzer.model import Procedure

_PEERS: dict[str, PeerSummary] = {}


@lru_cache(maxsize=4)
def _rules(config_json: str):
    return load_rules(json.loads(config_json) if config_json else None)


def init_worker(peers: PeerSummary, peers_id: str) -> None:
    """Process-pool initializer: keep the corpus peer table in this process."""
    _PEERS[peers_id] = peers


def analyze_records(records: list[dict[str, Any]], config_json: str, peers: PeerSummary | str) -> list[list[dict[str, Any]]]:
    """Findings rows per record, in input order. `peers` is the table or the id given to init_worker."""
    table = _PEERS[peers] if isinstance(peers, str) else peers
    context = DetectionContext(rules=_rules(config_json), peers=table)
    out = []
    for record in records:
        procedure = Procedure.from_dict(record)
        out.append([f.to_dict() for f in analyze_one(procedure, context)])
    return out
