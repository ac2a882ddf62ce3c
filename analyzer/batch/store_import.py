"""Corpus runs into the store, and the reviewer's corpus out of it (the layer that knows both report and store).

Three ways in, one import (``import_corpus``): records files analysed here (``import_files``, what `tthc serve
--corpus` and the app's first start do), the output folder of `tthc analyze` (``import_outdir``: its
procedures.jsonl, findings.jsonl, record_defects.jsonl and errors.jsonl, nothing analysed again), or an analysed
``ReviewCorpus``. ``import_files`` and ``import_outdir`` skip an import whose inputs have the fingerprint of the
latest run (``analyzer.batch.fingerprint``: path, size, inode, times and the analyzer's code).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from analyzer.batch.fingerprint import canonical_json, file_fingerprint, short_hash
from analyzer.batch.runner import PROCEDURES_FILE
from analyzer.detect import Finding
from analyzer.detect.record_defects import RecordDefect
from analyzer.model import Procedure
from analyzer.report.legal_review import legal_review, load_legal_texts
from analyzer.report.plan import finding_version
from analyzer.report.review import ReviewCorpus
from analyzer.report.stored import StoredCorpus, corpus_rows, legal_blob
from analyzer.store import ImportSummary, Store

OUTDIR_FILES = (PROCEDURES_FILE, "findings.jsonl", "record_defects.jsonl", "errors.jsonl")


class OutdirError(ValueError):
    """An output folder that cannot be imported (Vietnamese message)."""


def corpus_files(path: str | Path) -> list[Path]:
    """The records files of a corpus: a folder holding procedures.jsonl (the bundled corpus) is that file; any
    other path is read as it is (a file, or a folder of records)."""
    path = Path(path)
    return [path / PROCEDURES_FILE] if path.is_dir() and (path / PROCEDURES_FILE).exists() else [path]


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for path in map(Path, paths):
        out.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return out


def files_fingerprint(paths: Iterable[str | Path]) -> str:
    """One fingerprint of input files (a folder: every file under it)."""
    return short_hash(canonical_json(sorted(file_fingerprint(p) for p in _files(paths))))


def import_corpus(store: Store, corpus: ReviewCorpus, sources: Sequence[str | Path], fingerprint: str = "",
                  defects: Sequence[RecordDefect] | None = None, username: str = "system",
                  legal_paths: Sequence[str | Path] = ()) -> ImportSummary:
    """Replace the store's corpus by ``corpus``; every proposal is kept (see ``CorpusStore.import_run``).
    ``legal_paths``: legal texts to compare with the corpus now and keep the result of (``LegalReview``), so the
    overlaps and export pages read it instead of reading and comparing the texts (while the files are unchanged)."""
    rows = corpus_rows(corpus, defects)
    blobs = {}
    if legal_paths:
        review = legal_review(corpus.citing, load_legal_texts(legal_paths))
        blobs = legal_blob(review, files_fingerprint(legal_paths))
    return store.corpus.import_run(rows.procedures, rows.findings, rows.defects, [str(s) for s in sources],
                                   fingerprint, corpus.errors, username, blobs)


def import_files(store: Store, paths: Sequence[str | Path], force: bool = False,
                 corpus: ReviewCorpus | None = None, legal_paths: Sequence[str | Path] = ()) -> ImportSummary | None:
    """Read and analyse records files and import them, unless the latest run came from the same files (None).
    ``corpus``: the files already analysed (ReviewCorpus.load of ``paths``); ``legal_paths``: see import_corpus."""
    fingerprint = files_fingerprint(paths)
    latest = store.corpus.latest_run()
    if not force and latest is not None and latest["fingerprint"] == fingerprint:
        return None
    return import_corpus(store, corpus or ReviewCorpus.load(paths), paths, fingerprint, legal_paths=legal_paths)


def _lines(path: Path) -> Iterator[dict]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def read_outdir(outdir: str | Path) -> tuple[ReviewCorpus, list[RecordDefect]]:
    """The corpus a `tthc analyze` output folder holds, as it was analysed (findings in their rules' order)."""
    out = Path(outdir)
    if not (out / PROCEDURES_FILE).exists():
        raise OutdirError(f"thư mục {out} không có {PROCEDURES_FILE}: hãy chạy lại `tthc analyze` với phiên bản "
                           "này để ghi đủ các thủ tục")
    procedures: dict[str, Procedure] = {}
    for record in _lines(out / PROCEDURES_FILE):
        procedure = Procedure.from_dict(record)
        procedures[procedure.version_key] = procedure
    findings: dict[str, list[Finding]] = {version: [] for version in procedures}
    for data in _lines(out / "findings.jsonl"):
        finding = Finding.from_dict(data)
        findings.setdefault(finding_version(finding), []).append(finding)
    unknown = [version for version in findings if version not in procedures]
    if unknown:
        raise OutdirError(f"findings.jsonl có phát hiện của thủ tục không có trong {PROCEDURES_FILE}: "
                           f"{', '.join(unknown[:5])}")
    for found in findings.values():  # findings.jsonl is ordered by saving; a procedure's are in rule order
        found.sort(key=Finding.sort_key)
    notes = [f"{e.get('file', '')}{'#' + str(e['record']) if e.get('record') else ''}: {e.get('message', '')}"
             for e in _lines(out / "errors.jsonl")]
    defects = [RecordDefect.from_dict(d) for d in _lines(out / "record_defects.jsonl")]
    return ReviewCorpus(procedures, findings, notes), defects


def import_outdir(store: Store, outdir: str | Path, force: bool = False,
                  legal_paths: Sequence[str | Path] = ()) -> ImportSummary | None:
    """Import a `tthc analyze` output folder, unless the latest run came from the same outputs (None);
    ``legal_paths``: see import_corpus."""
    out = Path(outdir)
    fingerprint = files_fingerprint([out / name for name in OUTDIR_FILES if (out / name).exists()])
    latest = store.corpus.latest_run()
    if not force and latest is not None and latest["fingerprint"] == fingerprint:
        return None
    corpus, defects = read_outdir(out)
    return import_corpus(store, corpus, [out], fingerprint, defects, legal_paths=legal_paths)


def keep_legal_review(store: Store, legal_paths: Sequence[str | Path]) -> None:
    """Compare legal texts with the corpus the store holds and keep the review with its run (what an import with
    ``legal_paths`` does, for a corpus written into the store otherwise)."""
    review = legal_review(load_review_corpus(store).citing, load_legal_texts(legal_paths))
    for name, data in legal_blob(review, files_fingerprint(legal_paths)).items():
        store.corpus.keep_blob(name, data)


def load_review_corpus(store: Store) -> StoredCorpus:
    """The reviewer's corpus as the store holds it: nothing is read from files or analysed."""
    return StoredCorpus(store.corpus)
