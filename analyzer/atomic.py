"""Atomic output files, the one implementation every writer uses (batch outputs, CLI ``-o``, reports).

A file is written under a temporary name in its own folder (a leading dot and ``.tmp``), synced, then
renamed into place, so a reader never sees half a file. When writing fails the temporary file is
removed and the error becomes an :class:`OutputError` naming the path ("disk full" for ENOSPC). A run
killed outright leaves only temporary files, which :func:`remove_temporaries` clears.

This module sits below every layer: it knows files, not procedures.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, Iterator

TMP_SUFFIX = ".tmp"


def _file_mode() -> int:
    """The mode a plain open() would give (mkstemp's files are private to the owner)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


class OutputError(OSError):
    """An output file that could not be written; the message names the file and the reason."""

    def __init__(self, path: Path, cause: OSError) -> None:
        self.path = Path(path)
        self.cause = cause
        if cause.errno == errno.ENOSPC:
            reason = "hết dung lượng đĩa (ENOSPC)"
        else:
            reason = cause.strerror or str(cause)
        super().__init__(cause.errno, f"không ghi được {self.path}: {reason}")

    def __str__(self) -> str:
        return str(self.strerror)


def as_output_error(path: Path, exc: OSError) -> OutputError:
    """``exc`` raised while writing ``path``, as an OutputError (unchanged when it already is one)."""
    return exc if isinstance(exc, OutputError) else OutputError(path, exc)


def temporary_name(path: Path) -> Path:
    """The fixed temporary name of a file written in several steps (see :func:`remove_temporaries`)."""
    return path.with_name(f".{path.name}{TMP_SUFFIX}")


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path to write to (for libraries that write by name: pandas, pyarrow, openpyxl); its
    content is synced and appears at ``path`` only if the block completes. An OSError raised in the block is
    taken as the writer's and becomes OutputError; the temporary file is removed whatever the error."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
        os.fchmod(fd, FILE_MODE)
        os.close(fd)
    except OSError as exc:
        raise as_output_error(path, exc) from exc
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise as_output_error(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class _GuardedHandle:
    """A binary handle whose write errors name the output file (other attributes pass through, so
    ``gzip.open(handle, "wt")`` works)."""

    def __init__(self, handle: IO[bytes], path: Path) -> None:
        self._handle = handle
        self._path = path

    def write(self, data: bytes) -> int:
        try:
            return self._handle.write(data)
        except OSError as exc:
            raise as_output_error(self._path, exc) from exc

    def flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as exc:
            raise as_output_error(self._path, exc) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """A binary handle whose content appears at ``path`` only if the block completes. Errors in writing,
    syncing or renaming become OutputError; the temporary file is removed whatever the error."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    except OSError as exc:
        raise as_output_error(path, exc) from exc
    tmp = Path(name)
    handle = os.fdopen(fd, "wb")
    try:
        os.fchmod(fd, FILE_MODE)
        yield _GuardedHandle(handle, path)  # type: ignore[misc]
    except BaseException:
        _discard(handle, tmp)
        raise
    try:
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(tmp, path)
    except OSError as exc:
        _discard(handle, tmp)
        raise as_output_error(path, exc) from exc


def _discard(handle: IO[bytes], tmp: Path) -> None:
    """Close and remove an unfinished temporary file. Closing flushes what is buffered, which fails again on a
    full disk; that second error is dropped on purpose, the first one is being raised."""
    with suppress(OSError):
        handle.close()
    tmp.unlink(missing_ok=True)


class TextSink:
    """``write(str)`` as UTF-8 onto a binary handle (what csv and JSONL writers need; no newline translation,
    as with ``open(..., newline="")``)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw

    def write(self, text: str) -> int:
        self._raw.write(text.encode("utf-8"))
        return len(text)


@contextmanager
def atomic_text_writer(path: Path) -> Iterator[TextSink]:
    """A UTF-8 text sink whose content appears at ``path`` only if the block completes."""
    with atomic_writer(path) as raw:
        yield TextSink(raw)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(data)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_json_atomic(path: Path, data: Any) -> None:
    atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def remove_temporaries(directory: Path) -> None:
    """Leftovers of a run killed while writing (never a complete file)."""
    if directory.exists():
        for path in directory.glob(f".*{TMP_SUFFIX}"):
            path.unlink(missing_ok=True)
