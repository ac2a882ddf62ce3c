"""analyzer.atomic: outputs appear whole or not at all; a full disk is an OutputError naming the file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from analyzer import atomic
from analyzer.atomic import OutputError, atomic_path, atomic_text_writer, atomic_write_bytes, atomic_writer


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TMP_SUFFIX))


def test_content_appears_only_when_complete(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("old\n", encoding="utf-8")
    with atomic_text_writer(path) as handle:
        handle.write("mới\n")
        assert path.read_text(encoding="utf-8") == "old\n", "readers see the old file until the end"
    assert path.read_text(encoding="utf-8") == "mới\n" and leftovers(tmp_path) == []


def test_an_error_in_the_block_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    atomic_write_bytes(path, b"old")
    with pytest.raises(RuntimeError), atomic_writer(path) as handle:
        handle.write(b"half")
        raise RuntimeError("stop")
    assert path.read_bytes() == b"old" and leftovers(tmp_path) == []


def full_disk(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class FullDiskFile:
    """A file on a full disk: opening works, writing fails (as the kernel reports ENOSPC)."""

    def __init__(self, fd: int, mode: str) -> None:
        self._file = REAL_FDOPEN(fd, mode)

    def write(self, data: bytes) -> int:
        full_disk()
        return 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._file, name)


REAL_FDOPEN = os.fdopen


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_full_disk_names_the_file_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     where: str) -> None:
    path = tmp_path / "findings.jsonl"
    if where == "write":
        monkeypatch.setattr(atomic.os, "fdopen", FullDiskFile)
    else:
        monkeypatch.setattr(atomic.os, where, full_disk)
    with pytest.raises(OutputError) as error:
        atomic_write_bytes(path, b"x" * 100)
    assert str(error.value) == f"không ghi được {path}: hết dung lượng đĩa (ENOSPC)"
    assert error.value.errno == errno.ENOSPC and error.value.path == path
    assert not path.exists() and leftovers(tmp_path) == []


def test_library_writers_by_path(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    with atomic_path(path) as tmp:
        assert tmp.parent == tmp_path and tmp.name.endswith(atomic.TMP_SUFFIX)
        tmp.write_text("a,b\n", encoding="utf-8")
    assert path.read_text(encoding="utf-8") == "a,b\n" and leftovers(tmp_path) == []
    with pytest.raises(OutputError, match="table.csv"), atomic_path(path) as tmp:
        tmp.write_text("half", encoding="utf-8")
        full_disk()
    assert path.read_text(encoding="utf-8") == "a,b\n" and leftovers(tmp_path) == []


def test_a_reading_error_in_the_block_is_not_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), atomic_writer(tmp_path / "out.txt") as handle:
        handle.write((tmp_path / "missing.txt").read_bytes())
    assert leftovers(tmp_path) == []


def test_new_files_get_the_usual_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    atomic_write_bytes(path, b"x")
    assert path.stat().st_mode & 0o777 == atomic.FILE_MODE
