"""Atomic files: written under a temporary name in the same folder, synced, then renamed into place.

A run killed at any moment therefore leaves only complete files behind (plus temporary ones, which
carry a leading dot and are removed by the next run).
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

TMP_SUFFIX = ".tmp"


def _file_mode() -> int:
    """The mode a plain open() would give (mkstemp's files are private to the owner)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """A binary handle whose content appears at ``path`` only if the block completes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(data)


def write_json_atomic(path: Path, data: Any) -> None:
    atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def dump_jsonl_gz(rows: Iterable[Any]) -> bytes:
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)  # key order kept: outputs equal
    return gzip.compress(text.encode("utf-8"), compresslevel=3, mtime=0)


def load_jsonl_gz(path: Path) -> Iterator[Any]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def remove_temporaries(directory: Path) -> None:
    """Leftovers of a run killed while writing (never a complete file)."""
    if directory.exists():
        for path in directory.glob(f".*{TMP_SUFFIX}"):
            path.unlink(missing_ok=True)
