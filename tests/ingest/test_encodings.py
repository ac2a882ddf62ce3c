"""Property: records written in any supported encoding, whole file or field by field, read back as the same model."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.ingest import iter_records
from analyzer.ingest._repair import REPAIRED
from analyzer.ingest.base import RecordError
from analyzer.text.legacy import encode_tcvn3, encode_vni
from support import SAMPLE_CORPUS

TONES = "\u0301\u0300\u0309\u0303\u0323"
RECORDS = [json.loads(line) for line in (SAMPLE_CORPUS / "procedures.jsonl").read_text(encoding="utf-8").splitlines()]


def _cp1258_char(char: str) -> bytes:
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(mark for mark in decomposed if mark in TONES)
    letter = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in TONES))
    return (letter + tone).encode("cp1258")


CHAR_ENCODERS = {
    "cp1258": _cp1258_char,
    "tcvn3": lambda char: encode_tcvn3(char, controls=True).encode("latin-1"),
    "vni": lambda char: encode_vni(char).encode("cp1252"),
}


def encode_json(text: str, encoding: str) -> bytes:
    """JSON text in ``encoding``; a character it cannot hold becomes a \\u escape (the same value)."""
    if encoding.startswith("utf-16"):
        return text.encode(encoding)
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):  # a lone combining mark has no legacy code
        try:
            out += CHAR_ENCODERS[encoding](char)
        except (UnicodeEncodeError, ValueError):
            out += json.dumps(char)[1:-1].encode("ascii")
    return bytes(out)


def models(path: Path) -> list[dict[str, Any]]:
    items = list(iter_records([path]))
    assert not [item for item in items if isinstance(item, RecordError)]
    out = []
    for item in items:
        data = item.to_dict()
        data.pop("source", None)
        data["warnings"] = [w for w in data["warnings"] if w["code"] != REPAIRED]
        out.append(data)
    return out


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(indexes=st.lists(st.integers(0, len(RECORDS) - 1), min_size=1, max_size=8, unique=True),
       encoding=st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "cp1258", "tcvn3", "vni"]),
       layout=st.sampled_from(["jsonl", "array"]))
def test_whole_file_in_any_encoding_reads_as_the_utf8_file(indexes: list[int], encoding: str, layout: str) -> None:
    records = [RECORDS[i] for i in indexes]
    if layout == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        text = json.dumps(records, ensure_ascii=False, indent=1)
    with tempfile.TemporaryDirectory() as folder:
        clean, encoded = Path(folder) / "clean.json", Path(folder) / "encoded.json"
        clean.write_text(text, encoding="utf-8")
        encoded.write_bytes(encode_json(text, encoding))
        assert models(encoded) == models(clean)


def _mangle_strings(value: Any, mangle: Any) -> Any:
    if isinstance(value, str):
        try:
            return mangle(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: _mangle_strings(v, mangle) for k, v in value.items()}
    if isinstance(value, list):
        return [_mangle_strings(v, mangle) for v in value]
    return value


@SETTINGS
@given(index=st.integers(0, len(RECORDS) - 1), encoding=st.sampled_from(["vni", "tcvn3"]))
def test_record_typed_in_a_legacy_encoding_inside_utf8_reads_as_the_original(index: int, encoding: str) -> None:
    mangle = encode_vni if encoding == "vni" else (lambda text: encode_tcvn3(text, controls=True))
    record = RECORDS[index]
    mangled = {**_mangle_strings(record, mangle), "code": record["code"]}
    with tempfile.TemporaryDirectory() as folder:
        clean, encoded = Path(folder) / "clean.jsonl", Path(folder) / "mangled.jsonl"
        clean.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        encoded.write_text(json.dumps(mangled, ensure_ascii=False) + "\n", encoding="utf-8")
        items = list(iter_records([encoded]))
        # repaired to the same model, or every field left in doubt reported: never garbled and clean
        suspect = {item.field for item in items if isinstance(item, RecordError)}
        got = [item for item in items if not isinstance(item, RecordError)]
        assert len(got) == 1
        if not suspect:
            assert models(encoded) == models(clean)
