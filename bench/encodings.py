"""Legacy encodings on the real corpus: whole files re-encoded, and 10% of the fields mangled inside UTF-8.

    python -m bench encodings [--seed 11] [--share 0.1] [--findings]

For each of the four real sources (portal-flat, portal-docx, bqp-structured, csdl-2021):

1. whole file: the source re-encoded into UTF-16, Windows-1258, TCVN3 and VNI (a character the encoding
   cannot hold is written as a JSON \\u escape, which parses to the same value); the records read back
   must equal the clean run's;
2. fields: 10% of the text fields (fixed seed, only fields with a non-ASCII letter, since ASCII is the
   same in every encoding) re-typed in VNI or TCVN3 inside the UTF-8 record; the share repaired to the
   original by the readers' repair step is reported, and every field that is not is listed;
3. ``--findings``: `tthc analyze` on the clean and on the field-mangled corpus; the findings must be
   equal, or differ only in records with a reported field.

Reads ../shared/corpus-real in place; writes only under --workdir.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from analyzer.ingest import iter_records
from analyzer.ingest._repair import REPAIRED, SUSPECT, repair_record
from analyzer.ingest.base import RecordError
from analyzer.text.legacy import encode_tcvn3, encode_vni

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-real"
SOURCES = {
    "portal-flat": "portal-flat/records.jsonl.gz",
    "portal-docx": "portal-docx/records.jsonl.gz",
    "bqp-structured": "bqp-structured",
    "csdl-2021": "csdl-2021/records.json",
}
TONES = "\u0301\u0300\u0309\u0303\u0323"
SKIP_KEYS = {"detail_url", "_source_path", "source_file", "all_source_files"}  # paths and links, not text


# --- encoders --------------------------------------------------------------------------------------


def _cp1258_char(char: str) -> bytes:
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(mark for mark in decomposed if mark in TONES)
    letter = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in TONES))
    return (letter + tone).encode("cp1258")


CHAR_ENCODERS: dict[str, Callable[[str], bytes]] = {
    "cp1258": _cp1258_char,
    "tcvn3": lambda char: encode_tcvn3(char, controls=True).encode("latin-1"),
    "vni": lambda char: encode_vni(char).encode("cp1252"),
}
FIELD_MANGLERS: dict[str, Callable[[str], str]] = {
    "vni": encode_vni,
    "tcvn3": lambda text: encode_tcvn3(text, controls=True),
}


def encode_json_text(text: str, encoding: str) -> bytes:
    """JSON text in ``encoding``; characters it cannot hold become \\u escapes (all non-ASCII JSON
    characters sit inside strings, where an escape means the same character)."""
    if encoding.startswith("utf-16"):
        return text.encode(encoding)
    encode_char = CHAR_ENCODERS[encoding]
    out = bytearray()
    # NFC first: a legacy encoding has no code for a lone combining horn (NFD "trợ" in the source), and an
    # escaped one followed by a raw tone byte would be recomposed with the escape's last digit
    for char in unicodedata.normalize("NFC", text):
        try:
            out += encode_char(char)
        except (UnicodeEncodeError, ValueError):
            out += json.dumps(char)[1:-1].encode("ascii")
    return bytes(out)


# --- sources ---------------------------------------------------------------------------------------


def source_files(name: str) -> list[Path]:
    path = REAL / SOURCES[name]
    return sorted(path.glob("*.json")) if path.is_dir() else [path]


def read_text(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8")


def canonical(paths: list[Path]) -> tuple[list[dict[str, Any]], list[RecordError]]:
    """Records as canonical dicts without source and repair notes (what must equal), and the errors."""
    records, errors = [], []
    for item in iter_records(paths):
        if isinstance(item, RecordError):
            errors.append(item)
            continue
        data = item.to_dict()
        data.pop("source", None)
        data["warnings"] = [w for w in data.get("warnings", []) if w["code"] not in (REPAIRED, SUSPECT)]
        records.append(data)
    return records, errors


def whole_file(name: str, encoding: str, workdir: Path) -> list[Path]:
    out = []
    for path in source_files(name):
        target = workdir / "whole" / encoding / name / path.name.removesuffix(".gz")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(encode_json_text(read_text(path), encoding))
        out.append(target)
    return out


# --- fields ----------------------------------------------------------------------------------------


def _leaves(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIP_KEYS:
                yield from _leaves(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{where}[{index}]")


def _set(value: Any, where: str, text: str) -> Any:
    """``value`` with the leaf at ``where`` replaced (paths as _leaves writes them)."""
    leaves = dict(_leaves(value))
    assert where in leaves
    def walk(item: Any, here: str) -> Any:
        if here == where:
            return text
        if isinstance(item, dict):
            return {k: (walk(v, f"{here}.{k}" if here else str(k)) if k not in SKIP_KEYS else v) for k, v in item.items()}
        if isinstance(item, list):
            return [walk(v, f"{here}[{i}]") for i, v in enumerate(item)]
        return item
    return walk(value, "")


def mangle_records(records: list[dict[str, Any]], share: float, rng: random.Random) -> tuple[list[dict[str, Any]], list[tuple[int, str, str, str, str]]]:
    """The records with ``share`` of their non-ASCII text fields re-typed; (record, field, encoding,
    original, mangled) for each."""
    mangled_records, mangled = [], []
    for index, record in enumerate(records):
        for where, text in list(_leaves(record)):
            if text.isascii() or rng.random() >= share:
                continue
            encoding = rng.choice(sorted(FIELD_MANGLERS))
            try:
                new = FIELD_MANGLERS[encoding](text)
            except ValueError:  # TCVN3 has no code for a character (a symbol): type it in VNI instead
                encoding, new = "vni", FIELD_MANGLERS["vni"](text)
            if new != text:
                record = _set(record, where, new)
                mangled.append((index, where, encoding, text, new))
        mangled_records.append(record)
    return mangled_records, mangled


def raw_records(name: str) -> list[tuple[Path, list[dict[str, Any]], bool]]:
    """(file, its JSON records, is JSONL) for each file of a source."""
    out = []
    for path in source_files(name):
        text = read_text(path)
        if path.name.endswith((".jsonl", ".jsonl.gz")):
            out.append((path, [json.loads(line) for line in text.splitlines() if line.strip()], True))
        else:
            data = json.loads(text)
            out.append((path, data if isinstance(data, list) else [data], False))
    return out


def field_run(name: str, workdir: Path, share: float, rng: random.Random) -> dict[str, Any]:
    files, fields, repaired, unrepaired = [], 0, 0, []
    for path, records, is_jsonl in raw_records(name):
        mangled_records, mangled = mangle_records(records, share, rng)
        fields += len(mangled)
        by_record: dict[int, list[tuple[str, str, str, str]]] = {}
        for index, where, encoding, original, new in mangled:
            by_record.setdefault(index, []).append((where, encoding, original, new))
        for index, items in by_record.items():
            fixed, _ = repair_record(mangled_records[index])
            leaves = dict(_leaves(fixed))
            for where, encoding, original, new in items:
                if leaves[where] == unicodedata.normalize("NFC", original):  # readers compose to NFC anyway
                    repaired += 1
                else:
                    unrepaired.append({"file": path.name, "record": index, "field": where, "encoding": encoding,
                                       "mangled": new[:120], "got": leaves[where][:120], "original": original[:120]})
        target = workdir / "fields" / name / path.name.removesuffix(".gz")
        target.parent.mkdir(parents=True, exist_ok=True)
        if is_jsonl:
            target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in mangled_records), encoding="utf-8")
        else:
            payload = mangled_records if path.name == "records.json" else mangled_records[0]
            target.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        files.append(target)
    return {"files": files, "fields": fields, "repaired": repaired, "unrepaired": unrepaired}


def _differences(clean: list[dict[str, Any]], other: list[dict[str, Any]]) -> list[str]:
    if len(clean) != len(other):
        return [f"{len(other)} records instead of {len(clean)}"]
    return [a.get("code", "?") for a, b in zip(clean, other) if a != b]


def _findings(inputs: list[Path], out: Path) -> list[str]:
    from analyzer.batch import run

    run([str(p) for p in inputs], out, jobs=2, progress=False)
    return sorted((out / "findings.jsonl").read_text(encoding="utf-8").splitlines())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench encodings", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "tthc-bench-encodings")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--share", type=float, default=0.1, help="share of text fields mangled")
    parser.add_argument("--encodings", nargs="*", default=["utf-16", "cp1258", "tcvn3", "vni"])
    parser.add_argument("--findings", action="store_true", help="also compare `tthc analyze` findings (slow)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    totals: Counter[str] = Counter()
    all_unrepaired: list[dict[str, Any]] = []
    clean_inputs, mangled_inputs = [], []
    for name in SOURCES:
        clean, clean_errors = canonical(source_files(name))
        clean_inputs += source_files(name)
        print(f"{name}: {len(clean)} records, {len(clean_errors)} errors in the clean run")
        for encoding in args.encodings:
            records, errors = canonical(whole_file(name, encoding, args.workdir))
            differing = _differences(clean, records)
            totals["whole_files_equal" if not differing and not errors else "whole_files_differing"] += 1
            print(f"  whole file {encoding:7}: {len(records)} records, {len(errors)} errors, "
                  f"{len(differing)} differ from clean {differing[:5]}")
        run = field_run(name, args.workdir, args.share, rng)
        mangled_inputs += run["files"]
        records, errors = canonical(run["files"])
        suspect = [e for e in errors if e.field]
        differing = _differences(clean, records)
        totals.update(fields=run["fields"], repaired=run["repaired"])
        all_unrepaired += [{**u, "source": name} for u in run["unrepaired"]]
        print(f"  fields: {run['repaired']}/{run['fields']} mangled fields repaired; {len(suspect)} reported suspect; "
              f"{len(errors) - len(suspect)} other errors; {len(differing)} records differ from clean")
    share = totals["repaired"] / totals["fields"] if totals["fields"] else 1.0
    print(f"\nwhole files equal to the clean run: {totals['whole_files_equal']}/"
          f"{totals['whole_files_equal'] + totals['whole_files_differing']}")
    print(f"mangled fields repaired to the original: {totals['repaired']}/{totals['fields']} ({share:.2%})")
    for item in all_unrepaired:
        print(f"  not repaired: {json.dumps(item, ensure_ascii=False)}")
    if args.findings:
        clean_findings = _findings(clean_inputs, args.workdir / "analyze-clean")
        mangled_findings = _findings(mangled_inputs, args.workdir / "analyze-fields")
        only_clean = set(clean_findings) - set(mangled_findings)
        only_mangled = set(mangled_findings) - set(clean_findings)
        print(f"findings: clean {len(clean_findings)}, field-mangled {len(mangled_findings)}; "
              f"{len(only_clean)} only in clean, {len(only_mangled)} only in mangled")
        for line in sorted(only_clean | only_mangled)[:40]:
            print("  " + line[:240])
    return 0
