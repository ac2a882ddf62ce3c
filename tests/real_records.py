"""Real procedures read from ../shared by source and line (skipped with a reason when ../shared is absent)."""

from __future__ import annotations

import gzip
import itertools
import json
from functools import lru_cache

from support import shared_path

from analyzer.ingest import portal_docx, portal_flat
from analyzer.model import Procedure, SourceRef

_READERS = {"portal_flat": ("portal-flat", portal_flat), "portal_docx": ("portal-docx", portal_docx)}


@lru_cache(maxsize=32)
def real_procedure(source: str, line: int) -> Procedure:
    """The procedure at 1-based ``line`` of a portal crawl ("portal_flat" or "portal_docx")."""
    folder, reader = _READERS[source]
    path = shared_path("corpus-real", folder, "records.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        text = next(itertools.islice(handle, line - 1, line))
    return reader.to_procedure(json.loads(text), SourceRef(format=source, path=str(path), record=f"line {line}"))
