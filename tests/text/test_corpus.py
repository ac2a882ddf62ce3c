"""normalize and legacy detection over every string of the real portal records (slow: ~10 s)."""

from __future__ import annotations

import gzip
import json
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from analyzer.text import detect_legacy, normalize
from support import shared_path

INVISIBLE = ("\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("folder", ["portal-flat", "portal-docx"])
def test_normalize_and_detection_on_real_records(folder: str) -> None:
    path = shared_path("corpus-real", folder, "records.jsonl.gz")
    seen = 0
    detected: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            for text in _strings(json.loads(line)):
                seen += 1
                clean = normalize(text)
                assert normalize(clean) == clean, text[:200]
                assert unicodedata.is_normalized("NFC", clean)
                assert not any(char in clean for char in INVISIBLE), text[:200]
                if detect_legacy(text) is not None:
                    detected.append(text)
    # Real legacy strings are pure Latin-1 look-alikes; a hit on Unicode Vietnamese (ư, ơ, đ, ạ ...)
    # would be a false positive.
    assert all(max(map(ord, text)) <= 0xFF for text in detected), detected[:5]
    assert len(detected) <= seen / 1000
