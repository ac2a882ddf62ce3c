"""Fault injection on slices of the real corpus: one table of input faults, each with its exit code, message
and surviving records, compared with the clean run of the same slice.

A row builds the faulty input in tmp_path from 30 real portal-flat records and says what `tthc parse` and
`tthc analyze` must do: exit 0 (clean), 3 (completed, errors reported) or 1 (fatal), which message fragment
names the fault, and which of the 30 records survive. Surviving records must equal the clean run's, field
for field (source location and the ``field_encoding_repaired`` notes aside).

The already-passing fault handling (kill -9, dask worker loss, concurrent writers, version conflicts) is
covered by the tests named in REFERENCED, which this module checks are still there.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import random
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from analyzer.cli import app
from analyzer.text.legacy import encode_tcvn3, encode_vni
from support import ROOT, shared_path

SLICE = 30
TONES = "\u0301\u0300\u0309\u0303\u0323"


# --- building faulty inputs ---------------------------------------------------------------------------


def real_lines() -> list[bytes]:
    """The first 30 lines of the real portal-flat scrape, as bytes without the newline."""
    source = shared_path("corpus-real", "portal-flat", "records.jsonl.gz")
    with gzip.open(source, "rb") as handle:
        return [next(handle).rstrip(b"\n") for _ in range(SLICE)]


def _escape_unencodable(text: str, encode_char: Callable[[str], bytes]) -> bytes:
    """JSON text in a legacy encoding; a character it cannot hold becomes a JSON \\u escape (same value)."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):  # a lone combining mark has no legacy code
        try:
            out += encode_char(char)
        except (UnicodeEncodeError, ValueError):
            out += json.dumps(char)[1:-1].encode("ascii")
    return bytes(out)


def _cp1258_char(char: str) -> bytes:
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(mark for mark in decomposed if mark in TONES)
    letter = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in TONES))
    return (letter + tone).encode("cp1258")


WHOLE_FILE_ENCODERS: dict[str, Callable[[str], bytes]] = {
    "cp1258": lambda text: _escape_unencodable(text, _cp1258_char),
    "tcvn3": lambda text: _escape_unencodable(text, lambda c: encode_tcvn3(c, controls=True).encode("latin-1")),
    "vni": lambda text: _escape_unencodable(text, lambda c: encode_vni(c).encode("cp1252")),
}


def _as_cp1252_text(data: bytes) -> str:
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data)


FIELD_MANGLERS: dict[str, Callable[[str], str]] = {
    "vni": encode_vni,
    "tcvn3": lambda text: encode_tcvn3(text, controls=True),
    "cp1258-as-cp1252": lambda text: _as_cp1252_text(b"".join(_cp1258_char(c) for c in text)),
}


def mangle_record(line: bytes, mangle: Callable[[str], str]) -> bytes:
    """Every text field of the record re-typed in a legacy encoding, written inside a UTF-8 line (raw
    control characters included, as the TCVN3 capitals come out of iconv)."""
    record = json.loads(line)
    for key, value in record.items():
        if isinstance(value, str) and key not in ("detail_url", "_source_path"):
            try:
                record[key] = mangle(value)
            except ValueError:  # a character TCVN3 cannot hold: leave that field as it is
                pass
    text = json.dumps(record, ensure_ascii=False)
    # json.dumps escapes control characters; put the raw ones back, as a careless converter writes them
    return text.encode("utf-8").replace(b"\\u0002", b"\x02").replace(b"\\u0016", b"\x16")


@dataclass(frozen=True)
class Built:
    inputs: list[str]
    surviving: list[int]  # indexes (0-based) of the slice's records that must come out, in order
    flagged: frozenset[int] = frozenset()  # surviving records kept with a doubt (compared apart)


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path, list[bytes]], Built]
    exit_code: int  # of `tthc parse` and `tthc analyze` alike
    message: str | None  # fragment of the error output (stderr / errors.jsonl) naming the fault
    warning: str | None = None  # a warning code the surviving records must carry
    extra: dict[str, Any] = field(default_factory=dict)


def _write(path: Path, lines: list[bytes], newline_at_end: bool = True) -> str:
    path.write_bytes(b"\n".join(lines) + (b"\n" if newline_at_end else b""))
    return str(path)


def garbage_line(tmp: Path, lines: list[bytes]) -> Built:
    noise = bytes(random.Random(11).randrange(0x80, 0x100) for _ in range(300))
    return Built([_write(tmp / "in.jsonl", lines[:15] + [b"{\"ma_thu_tuc\": \"" + noise + b"\"}"] + lines[15:])],
                 list(range(SLICE)))


def truncated_last_line(tmp: Path, lines: list[bytes]) -> Built:
    last = lines[-1]
    cut = next(i for i in range(len(last) // 2, len(last)) if last[i] >= 0xC0) + 1  # inside a character
    return Built([_write(tmp / "in.jsonl", lines[:-1] + [last[:cut]], newline_at_end=False)], list(range(SLICE - 1)))


def invalid_json_line(tmp: Path, lines: list[bytes]) -> Built:
    broken = lines[:9] + [lines[9][: len(lines[9]) // 2].decode("utf-8", "ignore").encode()] + lines[10:]
    return Built([_write(tmp / "in.jsonl", broken)], [i for i in range(SLICE) if i != 9])


def wrong_field_type(tmp: Path, lines: list[bytes]) -> Built:
    record = json.loads(lines[4])
    record["ten_thu_tuc"] = 12345
    changed = lines[:4] + [json.dumps(record, ensure_ascii=False).encode()] + lines[5:]
    return Built([_write(tmp / "in.jsonl", changed)], [i for i in range(SLICE) if i != 4])


def whole_file(encoding: str) -> Callable[[Path, list[bytes]], Built]:
    def build(tmp: Path, lines: list[bytes]) -> Built:
        text = "\n".join(line.decode("utf-8") for line in lines) + "\n"
        if encoding.startswith("utf-16"):
            data = text.encode(encoding)
        else:
            data = b"\n".join(WHOLE_FILE_ENCODERS[encoding](line) for line in text.splitlines()) + b"\n"
        (tmp / "in.jsonl").write_bytes(data)
        return Built([str(tmp / "in.jsonl")], list(range(SLICE)))

    return build


def mangled_fields(encoding: str) -> Callable[[Path, list[bytes]], Built]:
    def build(tmp: Path, lines: list[bytes]) -> Built:
        mangled = [mangle_record(line, FIELD_MANGLERS[encoding]) if i in (2, 7, 20) else line for i, line in enumerate(lines)]
        return Built([_write(tmp / "in.jsonl", mangled)], list(range(SLICE)))

    return build


def ambiguous_field(tmp: Path, lines: list[bytes]) -> Built:
    record = json.loads(lines[3])
    record["linh_vuc"] = encode_tcvn3("sử sử")  # "sö sö": TCVN3 "sử sử" or VNI "sư sư", nothing else to tell
    changed = lines[:3] + [json.dumps(record, ensure_ascii=False).encode()] + lines[4:]
    return Built([_write(tmp / "in.jsonl", changed)], list(range(SLICE)), frozenset({3}))


def _docx_sample() -> Path:
    folder = shared_path("corpus-real", "portal-docx", "sample_docx")
    return sorted(folder.rglob("*.docx"))[0]


def with_extra_file(name: str, content: Callable[[], bytes], in_folder: bool = True) -> Callable[[Path, list[bytes]], Built]:
    def build(tmp: Path, lines: list[bytes]) -> Built:
        folder = tmp / "corpus"
        folder.mkdir()
        _write(folder / "in.jsonl", lines)
        (folder / name).write_bytes(content())
        inputs = [str(folder)] if in_folder else [str(folder / "in.jsonl"), str(folder / name)]
        return Built(inputs, list(range(SLICE)))

    return build


def corrupt_docx() -> bytes:
    data = _docx_sample().read_bytes()
    return data[: len(data) // 2]


def corrupt_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records.jsonl", "x" * 5000)
    data = buffer.getvalue()
    return data[:40] + b"\x00" * 30 + data[70:]  # the member's compressed bytes overwritten


def binary_file(tmp: Path, lines: list[bytes]) -> Built:
    folder = tmp / "corpus"
    folder.mkdir()
    _write(folder / "in.jsonl", lines)
    (folder / "rac.jsonl").write_bytes(bytes(random.Random(5).randrange(0x80, 0x100) for _ in range(5000)))
    return Built([str(folder)], list(range(SLICE)))


CASES = [
    Case("binary-garbage-line-mid-file", garbage_line, 3, "in.jsonl#line 16: invalid UTF-8 at column 17"),
    Case("truncated-last-line", truncated_last_line, 3, "line 30: invalid UTF-8 at column"),
    Case("invalid-json-line", invalid_json_line, 3, "in.jsonl#line 10: invalid JSON"),
    Case("wrong-field-type", wrong_field_type, 3, "line 5: portal_flat: wrong type of field ten_thu_tuc"),
    Case("whole-file-utf-16", whole_file("utf-16"), 0, None),
    Case("whole-file-utf-16-le-no-bom", whole_file("utf-16-le"), 0, None),
    Case("whole-file-cp1258", whole_file("cp1258"), 0, None),
    Case("whole-file-tcvn3", whole_file("tcvn3"), 0, None),
    Case("whole-file-vni", whole_file("vni"), 0, None),
    Case("vni-fields", mangled_fields("vni"), 0, None, "field_encoding_repaired"),
    Case("tcvn3-fields-with-control-capitals", mangled_fields("tcvn3"), 0, None, "field_encoding_repaired"),
    Case("cp1258-read-as-cp1252-fields", mangled_fields("cp1258-as-cp1252"), 0, None, "field_encoding_repaired"),
    Case("ambiguous-legacy-field", ambiguous_field, 3, "line 4: field linh_vuc: encoding suspect", "field_encoding_suspect"),
    Case("corrupt-docx", with_extra_file("ho-so.docx", corrupt_docx), 3, "ho-so.docx: cannot read the DOCX: corrupt zip file"),
    Case("corrupt-zip", with_extra_file("goi.zip", corrupt_zip, in_folder=False), 3, "goi.zip: cannot read the zip: corrupt zip file"),
    Case("zero-byte-file", with_extra_file("rong.jsonl", bytes), 3, "rong.jsonl: empty file (0 bytes)"),
    Case("unknown-file-type", with_extra_file("ghi-chu.txt", lambda: "Ghi chú của cán bộ".encode()), 3,
         "ghi-chu.txt: unknown file type (.txt)"),
    Case("binary-file", binary_file, 3, "rac.jsonl: not text in a supported encoding"),
]


# --- running the CLI ----------------------------------------------------------------------------------


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A canonical record without where it came from and without the notes that say text was repaired."""
    out = {key: value for key, value in record.items() if key != "source"}
    out["warnings"] = [w for w in record.get("warnings", []) if w["code"] != "field_encoding_repaired"]
    return out


def parse(inputs: list[str], output: Path) -> tuple[int, str, list[dict[str, Any]]]:
    result = CliRunner().invoke(app, ["parse", *inputs, "-o", str(output)])
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()] if output.exists() else []
    return result.exit_code, result.output, records


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("clean")
    code, output, records = parse([_write(folder / "in.jsonl", real_lines())], folder / "out.jsonl")
    assert code == 0, output
    assert len(records) == SLICE
    return records


def _relative(text: str, tmp_path: Path) -> str:
    return text.replace(str(tmp_path) + "/", "").replace("corpus/", "")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_tthc_parse(case: Case, clean: list[dict[str, Any]], tmp_path: Path) -> None:
    built = case.build(tmp_path, real_lines())
    code, output, records = parse(built.inputs, tmp_path / "out.jsonl")
    assert code == case.exit_code, output
    if case.message:
        assert case.message in _relative(output, tmp_path), output
    assert len(records) == len(built.surviving)
    expected = [comparable(clean[i]) for i in built.surviving]
    for position, (got, index) in enumerate(zip(records, built.surviving)):
        if index in built.flagged:
            assert {w["code"] for w in got["warnings"]} >= {"field_encoding_suspect"}
        else:
            assert comparable(got) == expected[position], f"record {index} differs from the clean run"
    if case.warning:
        assert any(w["code"] == case.warning for r in records for w in r["warnings"])


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_tthc_analyze(case: Case, tmp_path: Path) -> None:
    built = case.build(tmp_path, real_lines())
    result = CliRunner().invoke(app, ["analyze", *built.inputs, "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == case.exit_code, result.output
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    named = [_relative(f"{e['file']}#{e['record']}: {e['reason']}" if e["record"] else f"{e['file']}: {e['reason']}", tmp_path)
             for e in errors]
    if case.message:
        assert any(case.message in line for line in named), named
    else:
        assert named == []
    run = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert run["result"]["procedures"] == len(built.surviving)


# --- fault handling covered elsewhere ------------------------------------------------------------------

REFERENCED = [
    ("kill -9 mid-run, then restart: byte-identical outputs", "batch/test_resume.py", "test_sigkill_mid_run_then_restart"),
    ("crash mid-run, then restart (1 and 2 jobs)", "batch/test_resume.py", "test_restart_after_crash_equals_uninterrupted_run"),
    ("dask worker killed mid-run: nothing lost or duplicated", "batch/test_dask.py",
     "test_worker_killed_mid_run_loses_and_duplicates_nothing"),
    ("8 processes writing proposals into one SQLite file", "store/test_proposals.py",
     "test_eight_parallel_writers_no_lost_or_duplicated_proposals"),
    ("concurrent edit of one proposal: version conflict refused", "store/test_proposals.py",
     "test_second_concurrent_edit_gets_a_conflict_and_loses_nothing"),
    ("parallel updates of one proposal conflict", "store/test_proposals.py",
     "test_parallel_updates_of_one_proposal_conflict_instead_of_overwriting"),
    ("200 MB-class input streams in bounded memory", "batch/test_streaming.py",
     "test_driver_memory_per_record_is_a_fraction_of_a_record"),
]


@pytest.mark.parametrize(("behaviour", "module", "test"), REFERENCED, ids=[row[0] for row in REFERENCED])
def test_passing_fault_handling_keeps_its_test(behaviour: str, module: str, test: str) -> None:
    """The test guarding each already-passing behaviour still exists and is not skipped by a marker."""
    path = ROOT / "tests" / module
    spec = importlib.util.spec_from_file_location(f"reliability_ref_{path.stem}", path)
    assert spec and spec.loader, f"{module} is gone ({behaviour})"
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    function = getattr(loaded, test, None)
    assert callable(function), f"{module}::{test} is gone ({behaviour})"
    marks = {mark.name for mark in getattr(function, "pytestmark", [])}
    assert not marks & {"skip", "xfail"}, f"{module}::{test} is disabled ({behaviour})"


# --- configuration, duplicate codes, legal texts, full disk: the other faults of issue 11 --------------------

SAMPLE = str(ROOT / "corpus" / "procedures.jsonl")


def _config(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    return ["analyze", SAMPLE, "-o", str(tmp_path / "out"), "--config", str(tmp_path / "rules.yaml")]


def _duplicate_code(tmp_path: Path) -> list[str]:
    line = Path(SAMPLE).read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "twice.jsonl").write_text(f"{line}\n{line}\n", encoding="utf-8")
    return ["analyze", str(tmp_path / "twice.jsonl"), "-o", str(tmp_path / "out")]


def _legal_with_a_corrupt_docx(tmp_path: Path) -> list[str]:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (folder / "ke_hoach.txt").write_text((ROOT / "corpus" / "legal" / "ke_hoach_ra_soat_tthc_2026.txt")
                                         .read_text(encoding="utf-8"), encoding="utf-8")
    return ["legal", str(folder), "-o", str(tmp_path / "legal.jsonl")]


def _outputs(tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "out"
    findings = out / "findings.jsonl"
    return {
        "out_exists": out.exists(),
        "findings": [json.loads(line) for line in findings.read_text(encoding="utf-8").splitlines()] if findings.exists() else [],
        "legal": (tmp_path / "legal.jsonl").read_text(encoding="utf-8").splitlines() if (tmp_path / "legal.jsonl").exists() else [],
        "temporaries": [p.name for p in tmp_path.rglob("*.tmp*")],
    }


def _no_output(result: dict[str, Any]) -> bool:
    return not result["out_exists"]


def _one_version(result: dict[str, Any]) -> bool:
    return len({f["version"] for f in result["findings"]}) <= 1 and len({json.dumps(f, sort_keys=True) for f in result["findings"]}) == len(result["findings"])


def _good_legal_text_kept(result: dict[str, Any]) -> bool:
    return len(result["legal"]) == 1 and not result["temporaries"]


OTHER_CASES = [
    ("config-enabled-not-a-boolean", lambda p: _config(p, 'rules:\n  peer_outlier:\n    enabled: "no"\n'), 1,
     "rules.peer_outlier.enabled", _no_output),
    ("config-negative-ratio", lambda p: _config(p, "rules:\n  peer_outlier:\n    params:\n      min_ratio: -2\n"), 1,
     "rules.peer_outlier.params.min_ratio", _no_output),
    ("config-negative-peers", lambda p: _config(p, "rules:\n  peer_outlier:\n    params:\n      min_peers: -5\n"), 1,
     "rules.peer_outlier.params.min_peers", _no_output),
    ("config-similarity-above-one", lambda p: _config(p, "rules:\n  duplicate_step:\n    params:\n      min_similarity: 7\n"), 1,
     "min_similarity", _no_output),
    ("config-ratio-not-a-number", lambda p: _config(p, "rules:\n  peer_outlier:\n    params:\n      min_ratio: high\n"), 1,
     "rules.peer_outlier.params.min_ratio", _no_output),
    ("duplicate-code-read-once", _duplicate_code, 0, None, _one_version),
    ("legal-goes-on-after-a-corrupt-docx", _legal_with_a_corrupt_docx, 3, "hong.docx", _good_legal_text_kept),
]


@pytest.mark.parametrize(("name", "arguments", "exit_code", "message", "check"), OTHER_CASES,
                         ids=[case[0] for case in OTHER_CASES])
def test_other_faults(name: str, arguments: Callable[[Path], list[str]], exit_code: int, message: str | None,
                      check: Callable[[dict[str, Any]], bool], tmp_path: Path) -> None:
    result = CliRunner().invoke(app, arguments(tmp_path))
    assert result.exit_code == exit_code, result.output
    if message:
        assert message in result.output, result.output
    assert "Traceback" not in result.output
    assert check(_outputs(tmp_path)), _outputs(tmp_path)


def test_full_disk_is_one_line_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    from analyzer import atomic

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full_disk)  # the data reaches the disk at fsync: it is full
    target = tmp_path / "parsed.jsonl"
    result = CliRunner().invoke(app, ["parse", SAMPLE, "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert str(target) in result.output and "ENOSPC" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert not target.exists() and not list(tmp_path.glob("*.tmp*"))
