"""Chunk files: the unit of work, of resumption and of atomic output.

A chunk is a gzip JSONL of canonical procedures. Every file is written to a temporary name and
renamed into place, so a run killed at any moment leaves only complete files behind.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from analyzer.model import Procedure


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_jsonl_gz(rows: Iterable[dict[str, Any]]) -> bytes:
    text = "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)
    return gzip.compress(text.encode("utf-8"), compresslevel=3, mtime=0)


def load_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def procedure_digest(procedure: Procedure) -> str:
    """Content hash of one procedure's canonical JSON (its source location excluded)."""
    data = procedure.to_dict()
    data.pop("source", None)
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def write_chunk(path: Path, procedures: list[Procedure]) -> None:
    atomic_write_bytes(path, dump_jsonl_gz(p.to_dict() for p in procedures))


def read_chunk(path: Path) -> list[Procedure]:
    return [Procedure.from_dict(row) for row in load_jsonl_gz(path)]
