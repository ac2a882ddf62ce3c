"""Gzipped JSONL, the format of the batch's parsed files and chunk results (written atomically with
``analyzer.atomic``)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, Iterable, Iterator


def dump_jsonl_gz(rows: Iterable[Any]) -> bytes:
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)  # key order kept: outputs equal
    return gzip.compress(text.encode("utf-8"), compresslevel=3, mtime=0)


def load_jsonl_gz(path: Path) -> Iterator[Any]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
