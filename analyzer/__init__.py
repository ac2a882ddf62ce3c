"""TTHC simplification analyzer.

Importing the package is cheap: heavy parts (spaCy, underthesea, scikit-learn) load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it; resolved lazily so `import analyzer` stays light.
_LAZY = {
    "Procedure": "analyzer.model",
    "Step": "analyzer.model",
    "Channel": "analyzer.model",
    "Case": "analyzer.model",
    "DocumentRequirement": "analyzer.model",
    "Duration": "analyzer.model",
    "Fee": "analyzer.model",
    "LegalRef": "analyzer.model",
    "load_procedures": "analyzer.ingest",
    "parse_duration": "analyzer.parse.duration",
    "normalize": "analyzer.text",
    "analyze": "analyzer.detect",
    "findings_frame": "analyzer.detect",
    "record_defects": "analyzer.detect.record_defects",
    "Resources": "analyzer.resources",
    "parse_legal_text": "analyzer.parse.legal",
    "read_legal_text": "analyzer.ingest.legal_files",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
