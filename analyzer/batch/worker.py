"""What runs in a worker process: the detectors of the asked kinds over a chunk of canonical records.

Lives in an importable module (not __main__, no lambdas) so process pools and Dask workers can load
it; rules are built once per process, the NLP pipeline is cached by the detectors themselves.

Each detector kind runs on its own with a tracing rule set and peer table (see tracing), so its
result can be cached and reused apart from the other kinds. The record's summary for the outputs
(procedure row, MinHash signature, document keys) is one more such product, computed here in
parallel rather than in the driver. Joined in KINDS order and sorted by
``Finding.sort_key``, the rows are exactly what ``analyze_one`` returns (a test holds this).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterable

from analyzer.batch.tracing import Recorder, TracedPeers, TracedRules
from analyzer.detect import KINDS, DetectionContext, Finding, detect_kind
from analyzer.detect.peers import PeerSummary
from analyzer.detect.rules import RuleSet, load_rules
from analyzer.model import Procedure
from analyzer.resources import Resources

SUMMARY = "summary"  # what the outputs need from a record: cached and computed like a detector kind
PRODUCTS = (*KINDS, SUMMARY)
_PEERS: dict[str, PeerSummary] = {}


@lru_cache(maxsize=4)
def rules_for(config_json: str) -> RuleSet:
    return load_rules(json.loads(config_json) if config_json else None)


@lru_cache(maxsize=4)
def resources_for(data_dir: str) -> Resources:
    """The resources of a data folder ("" for the packaged data), built once per process."""
    return Resources.from_dir(data_dir) if data_dir else Resources.default()


def init_worker(peers: PeerSummary, peers_id: str) -> None:
    """Process-pool initializer: keep the corpus peer table in this process."""
    _PEERS[peers_id] = peers


def run_kind(procedure: Procedure, kind: str, rules: RuleSet, peers: PeerSummary,
             resources: Resources | None = None) -> dict[str, Any]:
    """One kind's findings for one record: rows, their sort keys and what the detector read."""
    recorder = Recorder(rules, peers)
    context = DetectionContext(rules=TracedRules(rules, recorder), peers=TracedPeers(peers, recorder),  # type: ignore[arg-type]
                               resources=resources or Resources.default())
    findings = sorted(detect_kind(procedure, kind, context), key=Finding.sort_key)
    for finding in findings:  # as analyze_one does
        finding.version = procedure.version_key
    return {"rows": [f.to_dict() for f in findings], "order": [list(f.sort_key()) for f in findings],
            "deps": recorder.read}


def summarise(procedure: Procedure) -> dict[str, Any]:
    """The record's procedure row, MinHash signature and document keys (a function of its content)."""
    from analyzer.batch.corpus import document_keys, signature
    from analyzer.report.tables import procedure_row

    from analyzer.detect.record_defects import record_defects

    summary = {"row": procedure_row(procedure), "minhash": signature(procedure), "docs": document_keys(procedure),
               "defects": [defect.to_dict() for defect in record_defects(procedure)]}
    return {"summary": summary, "deps": {}}


def analyze_item(record: dict[str, Any], kinds: Iterable[str], rules: RuleSet, peers: PeerSummary,
                 resources: Resources | None = None) -> dict[str, Any]:
    """Results per kind, and the reason of each kind that failed (reported, never cached)."""
    results: dict[str, Any] = {}
    errors: dict[str, str] = {}
    try:
        procedure = Procedure.from_dict(record)
    except ValueError as exc:  # pydantic's ValidationError: a canonical record that no longer validates
        return {"kinds": results, "errors": {kind: f"invalid record: {exc}" for kind in kinds}}
    for kind in kinds:
        if kind == SUMMARY:  # no try: a failure here is a bug of the batch itself, not of one detector
            results[kind] = summarise(procedure)
            continue
        try:
            results[kind] = run_kind(procedure, kind, rules, peers, resources)
        except Exception as exc:  # a detector bug on one record must not stop a national batch
            errors[kind] = f"{type(exc).__name__}: {exc}"
    return {"kinds": results, "errors": errors}


def settings_json(config_json: str, data_dir: str | None) -> str:
    """What a worker needs besides the records: the rules config and the data folder, as one string."""
    return json.dumps({"config": config_json, "data": data_dir or ""}) if data_dir else config_json


def analyze_records(items: list[dict[str, Any]], config_json: str, peers: PeerSummary | str) -> list[dict[str, Any]]:
    """``items`` are {"record", "kinds"}; ``peers`` is the table or the id given to init_worker;
    ``config_json`` is the rules config, or ``settings_json`` of it and a data folder."""
    table = _PEERS[peers] if isinstance(peers, str) else peers
    data_dir = ""
    if config_json.startswith('{"config":'):
        settings = json.loads(config_json)
        config_json, data_dir = settings["config"], settings["data"]
    rules, resources = rules_for(config_json), resources_for(data_dir)
    return [analyze_item(item["record"], item["kinds"], rules, table, resources) for item in items]
