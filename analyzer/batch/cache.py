"""Content-addressed cache of per-record findings (`--cache DIR`).

The key of a record covers everything its findings depend on: its canonical content, the rules
fingerprint, the peer statistics of its own peer groups and the analyzer version. A re-run after a
rules change therefore recomputes exactly the records whose inputs changed. One process (the batch
driver) reads and writes the cache; workers never touch it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable

from analyzer import __version__
from analyzer.detect.peers import PeerStats, PeerSummary, peer_key
from analyzer.model import Procedure


def record_key(procedure: Procedure, digest: str, rules_fingerprint: str, peers: PeerStats | PeerSummary) -> str:
    groups = sorted({peer_key(procedure, c.mode) for c in procedure.channels})
    peer_part = [(list(g), peers.count(g), peers.median(g)) for g in groups]
    payload = json.dumps([__version__, digest, rules_fingerprint, peer_part], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class FindingsCache:
    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "findings-cache.sqlite"
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS findings (key TEXT PRIMARY KEY, rows TEXT NOT NULL)")

    def get_many(self, keys: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        keys = list(keys)
        found: dict[str, list[dict[str, Any]]] = {}
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ",".join("?" * len(batch))
            for key, rows in self._db.execute(f"SELECT key, rows FROM findings WHERE key IN ({marks})", batch):
                found[key] = json.loads(rows)
        return found

    def put_many(self, items: dict[str, list[dict[str, Any]]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO findings (key, rows) VALUES (?, ?)",
                [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()],
            )

    def close(self) -> None:
        self._db.close()
