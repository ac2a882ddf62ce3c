"""Small corpora for batch tests, built in tmp_path from the bundled sample corpus (import as batch.helpers)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, Iterable

from support import SAMPLE_CORPUS

SAMPLE = SAMPLE_CORPUS / "procedures.jsonl"


def sample_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: Iterable[dict[str, Any]], gz: bool = False) -> Path:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.parent.mkdir(parents=True, exist_ok=True)
    if gz:
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def replicas(records: list[dict[str, Any]], copies: int) -> list[dict[str, Any]]:
    """The records ``copies`` times, codes made unique (same content otherwise)."""
    out = []
    for copy in range(copies):
        for record in records:
            out.append({**record, "code": f"{record['code']}-{copy}" if copy else record["code"]})
    return out


def read_bytes(outdir: Path, name: str = "findings.jsonl") -> bytes:
    return (outdir / name).read_bytes()

