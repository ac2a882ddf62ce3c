"""Cue phrases the detectors look for (analyzer/data/detect_cues.yaml), with their compiled patterns
cached on the object (one Cues per Resources, so two data folders never share a pattern)."""

from __future__ import annotations

import re
from typing import Any, Mapping

from analyzer.resources.patterns import phrase_pattern


class Cues:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data
        self._patterns: dict[tuple[str, ...], re.Pattern[str]] = {}

    def __getitem__(self, section: str) -> Any:
        return self._data[section]

    def value(self, *path: str) -> Any:
        node: Any = self._data
        for part in path:
            node = node[part]
        return node

    def pattern(self, *path: str) -> re.Pattern[str]:
        """The compiled pattern of the phrase list at ``path``, e.g. ("recheck", "cues")."""
        found = self._patterns.get(path)
        if found is None:
            found = self._patterns[path] = phrase_pattern(self.value(*path))
        return found
