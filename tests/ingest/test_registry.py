"""The format registry: dispatch by content, streaming, and bad input reported per file and record."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from analyzer.ingest import expand_inputs, iter_records, load_procedures, read_all
from analyzer.ingest.base import RecordError
from analyzer.model import Procedure

CANONICAL = {"code": "T.1", "name": "Đăng ký khai sinh", "steps": [{"index": 1, "text": "Nộp hồ sơ"}]}


def write_jsonl(path: Path, records: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_canonical_jsonl_round_trip(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [CANONICAL])
    [procedure] = list(load_procedures(path))
    assert procedure.code == "T.1" and procedure.steps[0].text == "Nộp hồ sơ"
    assert Procedure.from_dict(procedure.to_dict()) == procedure


def test_gzip_detected_by_bytes_not_name(tmp_path: Path) -> None:
    path = tmp_path / "records.data"
    path.write_bytes(gzip.compress((json.dumps(CANONICAL) + "\n").encode()))
    procedures, errors = read_all(path)
    assert [p.code for p in procedures] == ["T.1"] and errors == []


def test_json_array_and_single_object(tmp_path: Path) -> None:
    (tmp_path / "arr.json").write_text(json.dumps([CANONICAL, {**CANONICAL, "code": "T.2"}]), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({**CANONICAL, "code": "T.3"}, indent=2), encoding="utf-8")
    procedures, errors = read_all(tmp_path)
    assert sorted(p.code for p in procedures) == ["T.1", "T.2", "T.3"] and errors == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"code": "T.9", "name": "x", "steps": [', "invalid JSON"),
        ('{"foo": 1}', "unrecognised record shape"),
        ("[1, 2]", "not a JSON object"),
    ],
)
def test_bad_record_reported_and_batch_goes_on(tmp_path: Path, content: str, reason: str) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [CANONICAL, content, {**CANONICAL, "code": "T.2"}])
    items = list(iter_records([path]))
    errors = [i for i in items if isinstance(i, RecordError)]
    assert [p.code for p in items if isinstance(p, Procedure)] == ["T.1", "T.2"]
    assert len(errors) == 1 and reason in errors[0].reason and errors[0].path == str(path)


def test_corrupt_gzip_names_the_file(tmp_path: Path) -> None:
    good = gzip.compress((json.dumps(CANONICAL) + "\n") .encode() * 50)
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(good[: len(good) // 2])
    items = list(iter_records([path]))
    errors = [i for i in items if isinstance(i, RecordError)]
    assert errors and errors[-1].path == str(path) and "corrupt" in errors[-1].reason


def test_utf16_without_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "utf16.jsonl"
    path.write_bytes(json.dumps({**CANONICAL, "name": "Đăng ký"}, ensure_ascii=False).encode("utf-16-le"))
    [procedure] = list(iter_records([path]))
    assert isinstance(procedure, Procedure) and procedure.name == "Đăng ký"


def test_bytes_in_no_supported_encoding_are_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "rac.jsonl"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8)
    [error] = list(iter_records([path]))
    assert isinstance(error, RecordError) and error.path == str(path)
    assert "not text in a supported encoding" in error.reason and "TCVN3" in error.reason


def test_missing_file_and_unmatched_glob(tmp_path: Path) -> None:
    items = list(iter_records([tmp_path / "nope.jsonl"]))
    assert isinstance(items[0], RecordError) and "cannot open" in items[0].reason
    items = list(iter_records([str(tmp_path / "*.nothing")]))
    assert isinstance(items[0], RecordError) and "matches no file" in items[0].reason


def test_folders_are_expanded_in_stable_order(tmp_path: Path) -> None:
    # every file is an input (an unknown one is then reported); hidden files and Office lock files are not
    for name in ("b.jsonl", "a.json", "notes.txt", ".hidden.json", "~$draft.docx"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in expand_inputs([tmp_path])] == ["a.json", "b.jsonl", "notes.txt"]


def test_load_procedures_is_lazy(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [CANONICAL] * 3)
    stream = load_procedures(path)
    assert next(stream).code == "T.1"  # a generator: nothing read beyond what is asked
