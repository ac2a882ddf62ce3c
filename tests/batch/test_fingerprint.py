"""What decides reuse: the code fingerprint and an input file's fingerprint."""

from __future__ import annotations

import os
from pathlib import Path

from analyzer.batch.fingerprint import code_fingerprint, file_fingerprint, tree_fingerprint


def test_any_source_or_data_change_changes_the_tree_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "detect").mkdir()
    (tmp_path / "detect" / "rule.py").write_text("THRESHOLD = 2\n")
    (tmp_path / "rules.yaml").write_text("a: 1\n")
    before = tree_fingerprint(tmp_path)
    (tmp_path / "rules.yaml").write_text("a: 2\n")
    after_data = tree_fingerprint(tmp_path)
    (tmp_path / "detect" / "rule.py").write_text("THRESHOLD = 3\n")
    after_code = tree_fingerprint(tmp_path)
    assert len({before, after_data, after_code}) == 3
    (tmp_path / "notes.bin").write_bytes(b"ignored")
    assert tree_fingerprint(tmp_path) == after_code


def test_code_fingerprint_is_stable_within_a_process() -> None:
    assert code_fingerprint() == code_fingerprint() and len(code_fingerprint()) == 20


def test_file_fingerprint_follows_content_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("{}\n")
    first = file_fingerprint(path)
    assert file_fingerprint(path) == first
    stat = path.stat()
    path.write_text("[]\n")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and mtime: the change time still moves
    assert file_fingerprint(path) != first
