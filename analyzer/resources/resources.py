"""``Resources``: the domain knowledge detectors consult, loaded from reviewable YAML and immutable.

``Resources.default()`` is the packaged data (analyzer/data), read once per process;
``Resources.from_dir(path)`` reads a folder with the same file names (another province's data, next
year's list of State-held papers), each missing file falling back to the packaged one. Every file is
validated against its schema (analyzer.resources.schema) when loaded.

The document canonicaliser and the NLP pipeline are built from these resources by the nlp layer
(``analyzer.nlp.documents.canonicalizer_for``), which keeps them in ``cache``: this package never
imports the nlp layer.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from analyzer.resources.cues import Cues
from analyzer.resources.documents import CuratedDocument
from analyzer.resources.legal_ground import LegalGround
from analyzer.resources.schema import CuesSchema, DocumentsSchema, ResourceError, StateDataSchema, validate
from analyzer.resources.state_data import StateData
from analyzer.resources.vocabulary import VOCABULARY_FILE, Vocabulary, VocabularyError, parse_vocabulary

DATA_PACKAGE = "analyzer.data"
STATE_DATA_FILE = "state_data.yaml"
CUES_FILE = "detect_cues.yaml"
DOCUMENTS_FILE = "documents.yaml"
DATA_FILES = (STATE_DATA_FILE, CUES_FILE, DOCUMENTS_FILE, VOCABULARY_FILE)
LEGAL_STATUS_FILE = "legal_status.yaml"  # repealed texts and abolished papers (analyzer.detect.record_defects)
PAIR_MODEL_FILE = "pair_model_{kind}.json"  # the fitted same-paper / same-step models (analyzer.detect.pair_model)


def _packaged_text(name: str) -> str:
    return files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _parse_yaml(text: str, name: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ResourceError(f"{name}: invalid YAML: {exc}") from None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: caches key on the instance
class Resources:
    state_data: StateData
    cues: Cues
    documents: tuple[CuratedDocument, ...]
    fingerprint: str  # hash of every data file's text: batch caches key on it
    source: str = "packaged"  # the data folder, or "packaged"
    # number words, list markers, legal kinds, channel modes, abbreviations, copy kinds (vocabulary.yaml).
    # The field parsers, which run without a context, use the packaged one (default_vocabulary()).
    vocabulary: Vocabulary | None = None
    # built lazily by the layers above from these resources (canonicaliser, NLP pipeline), one per instance
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def _data_text(self, name: str) -> str:
        """A data file read lazily: the data folder's when it has one, else the packaged one."""
        candidate = Path(self.source) / name if self.source != "packaged" else None
        return candidate.read_text(encoding="utf-8") if candidate and candidate.is_file() else _packaged_text(name)

    def pair_model_data(self, kind: str) -> dict[str, Any]:
        """The fitted pairwise model of ``kind`` ("papers" or "steps") as parsed JSON: the data folder's
        pair_model_<kind>.json when it has one, else the packaged artefact. The detect layer builds the
        model from it (``analyzer.detect.pair_model.model_for``); read once per instance."""
        cache_key = f"resources.pair_model_data.{kind}"
        if cache_key not in self.cache:
            name = PAIR_MODEL_FILE.format(kind=kind)
            try:
                self.cache[cache_key] = json.loads(self._data_text(name))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ResourceError(f"{name}: cannot read the pair model: {exc}") from None
        return self.cache[cache_key]

    def legal_status(self) -> dict[str, Any]:
        """Repealed legal texts and abolished papers (legal_status.yaml: the data folder's, else the packaged
        one), parsed once per instance."""
        cache_key = "resources.legal_status"
        if cache_key not in self.cache:
            try:
                text = self._data_text(LEGAL_STATUS_FILE)
            except (OSError, UnicodeDecodeError) as exc:
                raise ResourceError(f"{LEGAL_STATUS_FILE}: cannot read: {exc}") from None
            data = _parse_yaml(text, LEGAL_STATUS_FILE) or {}
            for section in ("repealed", "abolished_papers", "abolished_bodies", "abolished_terms"):
                if not isinstance(data.get(section) or {}, dict):
                    raise ResourceError(f"{LEGAL_STATUS_FILE}: '{section}' must be a mapping")
            self.cache[cache_key] = data
        return self.cache[cache_key]

    @classmethod
    def default(cls) -> "Resources":
        return _default()

    @classmethod
    def from_dir(cls, path: str | Path) -> "Resources":
        folder = Path(path)
        if not folder.is_dir():
            raise ResourceError(f"{folder}: not a data folder")
        texts = {}
        for name in DATA_FILES:
            candidate = folder / name
            try:
                texts[name] = candidate.read_text(encoding="utf-8") if candidate.is_file() else _packaged_text(name)
            except (OSError, UnicodeDecodeError) as exc:
                raise ResourceError(f"{name}: cannot read {candidate}: {exc}") from None
        return cls._from_texts(texts, source=str(folder))

    @classmethod
    def _from_texts(cls, texts: dict[str, str], source: str) -> "Resources":
        state = validate(StateDataSchema, _parse_yaml(texts[STATE_DATA_FILE], STATE_DATA_FILE), STATE_DATA_FILE)
        cues = validate(CuesSchema, _parse_yaml(texts[CUES_FILE], CUES_FILE), CUES_FILE)
        documents = validate(DocumentsSchema, _parse_yaml(texts[DOCUMENTS_FILE], DOCUMENTS_FILE), DOCUMENTS_FILE)
        digest = hashlib.sha256()
        for name in DATA_FILES:
            digest.update(f"{name}\x00{texts[name]}\x00".encode())
        held = _state_held_papers(state, {d.id for d in documents.documents})
        try:
            vocabulary = parse_vocabulary(texts[VOCABULARY_FILE], VOCABULARY_FILE)
        except VocabularyError as exc:
            raise ResourceError(str(exc)) from None
        return cls(
            state_data=StateData.from_schema(state),
            cues=Cues(cues.model_dump()),
            documents=tuple(CuratedDocument.from_schema(d, held) for d in documents.documents),
            fingerprint=digest.hexdigest()[:16],
            source=source,
            vocabulary=vocabulary,
        )


def _state_held_papers(state: StateDataSchema, curated: set[str]) -> dict[str, tuple[LegalGround, ...]]:
    """documents.yaml id -> legal grounds, for every curated paper the registry says a database holds."""
    held: dict[str, tuple[LegalGround, ...]] = {}
    for section in ("documents", "other_papers"):
        for n, entry in enumerate(getattr(state, section)):
            for doc_id in entry.curated:
                if doc_id not in curated:
                    raise ResourceError(f"{STATE_DATA_FILE}: {section}.{n}.curated: unknown document {doc_id!r} "
                                        f"(not in {DOCUMENTS_FILE})")
                held[doc_id] = tuple(LegalGround(**g.model_dump()) for g in entry.legal_ground)
    return held


@lru_cache(maxsize=1)
def _default() -> Resources:
    return Resources._from_texts({name: _packaged_text(name) for name in DATA_FILES}, source="packaged")
