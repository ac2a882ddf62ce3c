"""Content-addressed cache of findings per record and detector kind (`--cache DIR`).

An entry is found by the record's content digest, the detector kind and the code fingerprint, and
is valid while every dependency it recorded (rules and peer groups it read, see tracing) still has
the value it had. A record may keep several entries (one per set of dependency values), so switching
back to an earlier rule set finds its results again. Only the batch driver reads and writes the
cache; workers never touch it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable

from analyzer.batch.fingerprint import canonical_json, code_fingerprint, short_hash

CACHE_FILE = "findings.sqlite"


def entry_key(digest: str, kind: str) -> str:
    return short_hash(f"{code_fingerprint()}|{kind}|{digest}", 32)


class FindingsCache:
    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / CACHE_FILE
        self._db = sqlite3.connect(self.path, timeout=60)
        self._db.execute("PRAGMA busy_timeout = 60000")  # before WAL: switching to WAL may itself wait
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS entries (key TEXT NOT NULL, deps TEXT NOT NULL, value TEXT NOT NULL, "
            "PRIMARY KEY (key, deps))"
        )

    def get_many(self, keys: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """Every stored entry ({"rows", "order", "deps"}) for each key."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, list[dict[str, Any]]] = {}
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ",".join("?" * len(batch))
            for key, value in self._db.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", batch):
                found.setdefault(key, []).append(json.loads(value))
        return found

    def put_many(self, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
        rows = [(key, short_hash(canonical_json(value["deps"])), json.dumps(value, ensure_ascii=False))
                for key, value in items]
        if rows:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO entries (key, deps, value) VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        self._db.close()
