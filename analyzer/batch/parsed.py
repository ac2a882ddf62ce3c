"""Parse pass: every input file read once into a parsed file, reused while the input is unchanged.

A parsed file is a gzip JSONL with one line per record in input order: the canonical record and its
content digest, or the error that stopped it. A small meta file next to it holds the file's record count, errors and
peer observations, so a warm run reads only the metas before it knows the corpus' peer statistics.
Both are named by the input's fingerprint and written atomically, so a killed parse leaves nothing
half-written and an edited input is parsed again.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from analyzer.atomic import atomic_writer, write_json_atomic
from analyzer.batch.fingerprint import canonical_json, file_fingerprint, path_tag
from analyzer.detect.peers import PeerStats
from analyzer.ingest import InputError, expand_inputs, iter_records
from analyzer.ingest.base import RecordError
from analyzer.model import Procedure


ERROR_PREFIX = '{"error": '


@dataclass(frozen=True)
class ParsedFile:
    source: Path
    records_path: Path | None  # None for an input that could not be opened at all
    records: int
    errors: list[dict[str, Any]]
    peers: list[list[Any]]  # [[field key, level key, mode], [working days, ...]] per peer group
    digests: list[str]  # content digest of each record, in order (planning needs no record decoded)
    # [code, decision, source, peer observations] of each record, in order: what the driver needs to read
    # each procedure version once (analyzer.versions) without decoding records
    versions: list[list[Any]] = field(default_factory=list)


def procedure_digest(data: dict[str, Any]) -> str:
    """Content hash of one canonical record (its source location excluded: moving a file changes nothing)."""
    content = {k: v for k, v in data.items() if k != "source"}
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def parsed_line(procedure: Procedure) -> dict[str, Any]:
    data = procedure.to_dict()
    return {"record": data, "digest": procedure_digest(data)}


def _peer_list(stats: PeerStats) -> list[list[Any]]:
    return [[list(key), values] for key, values in sorted(stats.values.items())]


def merge_peers(files: Iterable[ParsedFile]) -> PeerStats:
    stats = PeerStats()
    for parsed in files:
        for key, values in parsed.peers:
            stats.values[tuple(key)].extend(values)  # type: ignore[index]
    return stats


def _meta_path(records_path: Path) -> Path:
    return records_path.with_name(records_path.name.replace(".jsonl.gz", ".meta.json"))


def _load(records_path: Path, source: Path) -> ParsedFile | None:
    meta_path = _meta_path(records_path)
    if not (records_path.exists() and meta_path.exists()):
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if "versions" not in meta:  # written before versions were planned: parse again
        return None
    return ParsedFile(source, records_path, meta["records"], meta["errors"], meta["peers"], meta["digests"],
                      meta["versions"])


def _parse(source: Path, records_path: Path, on_record: Callable[[int], None]) -> ParsedFile:
    stats = PeerStats()
    errors: list[dict[str, Any]] = []
    digests: list[str] = []
    versions: list[list[Any]] = []
    with atomic_writer(records_path) as raw, gzip.open(raw, "wt", encoding="utf-8", compresslevel=3) as out:
        for item in iter_records([source]):
            if isinstance(item, RecordError):
                errors.append(item.to_dict())
                out.write(ERROR_PREFIX + json.dumps(item.to_dict(), ensure_ascii=False) + "}\n")
                continue
            stats.observe(item)
            own = PeerStats.from_procedures([item])
            line = parsed_line(item)
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            digests.append(line["digest"])
            versions.append([item.code, item.decision, item.source.to_dict() if item.source else None,
                             [[list(key), days] for key, values in own.values.items() for days in values]])
            on_record(1)
    parsed = ParsedFile(source, records_path, len(digests), errors, _peer_list(stats), digests, versions)
    # the meta is written last: a parsed file without its meta is an unfinished one
    write_json_atomic(_meta_path(records_path), {"records": parsed.records, "errors": errors, "peers": parsed.peers,
                                                 "digests": digests, "versions": versions, "source": str(source)})
    return parsed


def _unreadable(source: Path) -> str | None:
    """Why an input cannot be read at all (missing, a folder, no permission), checked before caching it."""
    try:
        with source.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        return f"không đọc được tệp: {exc.strerror or exc}"
    return None


def _remove_older(directory: Path, tag: str, keep: Path) -> None:
    for path in directory.glob(f"parsed-{tag}-*"):
        if path.name not in (keep.name, _meta_path(keep).name):
            path.unlink(missing_ok=True)


def _failed(source: str | Path, reason: str, code: str) -> ParsedFile:
    error = RecordError(str(source), None, reason, code=code)
    return ParsedFile(Path(source), None, 0, [error.to_dict()], [], [])


def input_files(inputs: Iterable[str | Path]) -> Iterator[Path | ParsedFile]:
    """Expanded input files in a stable order; a pattern that matches nothing becomes a failed input."""
    for item in inputs:
        try:
            yield from list(expand_inputs([item]))
        except InputError as exc:
            yield _failed(item, str(exc), "input_not_found")


def parse_inputs(
    inputs: Iterable[str | Path], store: Path, on_record: Callable[[int], None] = lambda n: None
) -> list[ParsedFile]:
    """A parsed file for every input, in input order (reused when the input is unchanged)."""
    store.mkdir(parents=True, exist_ok=True)
    parsed: list[ParsedFile] = []
    for source in input_files(inputs):
        if isinstance(source, ParsedFile):
            parsed.append(source)
            continue
        reason = _unreadable(source)
        if reason:
            parsed.append(_failed(source, reason, "cannot_open"))
            continue
        tag = path_tag(source)
        records_path = store / f"parsed-{tag}-{file_fingerprint(source)}.jsonl.gz"
        found = _load(records_path, source)
        if found is None:
            found = _parse(source, records_path, on_record)
            _remove_older(store, tag, records_path)
        else:
            on_record(found.records)
        parsed.append(found)
    return parsed


def iter_lines(files: Iterable[ParsedFile]) -> Iterator[str]:
    """The JSON text of every parsed record (error lines skipped: the parse pass reported them), in
    input order; decoding is left to the caller, who often needs only some records."""
    for parsed in files:
        if parsed.records_path is None:
            continue
        with gzip.open(parsed.records_path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith(ERROR_PREFIX):
                    yield line


def record_info(files: list[ParsedFile], wanted: set[int], kept: Callable[[int], bool] = lambda position: True
                ) -> dict[int, tuple[str, str, str | None, str | None]]:
    """Code, name, agency and level of the records at the ``wanted`` positions among those ``kept``
    (one streaming pass that decodes only those records: the driver need not keep them for every record)."""
    found: dict[int, tuple[str, str, str | None, str | None]] = {}
    if not wanted:
        return found
    lines = (line for position, line in enumerate(iter_lines(files)) if kept(position))
    for position, line in enumerate(lines):
        if position in wanted:
            record = json.loads(line)["record"]
            found[position] = (record["code"], record["name"], record.get("agency"), record.get("level"))
            if len(found) == len(wanted):
                break
    return found


def iter_digests(files: Iterable[ParsedFile]) -> Iterator[str]:
    for parsed in files:
        yield from parsed.digests
