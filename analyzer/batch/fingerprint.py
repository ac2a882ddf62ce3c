"""Fingerprints that decide what a batch may reuse: the analyzer's code and an input file.

The code fingerprint covers every source and data file of the package plus the versions of the NLP
libraries, so a cache never serves results computed by other code (the package version alone does
not change while the project is developed). An input file is fingerprinted by path, size, inode and
modification and change times, as make and rsync do: cheap for a 200 MB file, and any edit changes it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
CODE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".tsv", ".txt"}
# libraries whose models or algorithms shape parsed records and findings
LIBRARIES = ("underthesea", "underthesea_core", "spacy", "pydantic", "datasketch")


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def short_hash(text: str | bytes, size: int = 20) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()[:size]


def _library_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def tree_fingerprint(root: Path) -> str:
    """Hash of the names and contents of the source and data files under ``root``."""
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the analyzer's sources and data files and of the NLP libraries' versions."""
    return short_hash(canonical_json([_library_versions(), tree_fingerprint(PACKAGE_ROOT)]))


def file_fingerprint(path: Path) -> str:
    """Path, size, inode and modification and change times of an input file, with the code fingerprint.

    The change time moves on chmod too, so a file that could not be read is read again once it can."""
    stat = path.stat()
    facts = [str(path.resolve()), stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, code_fingerprint()]
    return short_hash(canonical_json(facts))


def path_tag(path: Path) -> str:
    """A stable name part for one input path (its parsed form is replaced when the file changes)."""
    return short_hash(str(path.resolve()), 12)
