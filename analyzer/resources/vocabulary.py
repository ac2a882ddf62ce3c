"""The Vietnamese vocabulary every parser and detector shares, read from ``analyzer/data/vocabulary.yaml``.

One typed, validated ``Vocabulary``: abbreviations, number words, point letters, legal-document kinds (with
their type codes and rank), channel modes, copy kinds with their phrasings, and list markers. Lists that
readers derive (the kind words one reader knows, the labels of channel modes) and compiled regexes are
computed once per ``Vocabulary`` and cached on it.

This module imports nothing from the rest of ``analyzer``: the model, parsers and detectors all import it.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

VOCABULARY_FILE = "vocabulary.yaml"

KindReader = Literal[
    "legal_texts", "record_citations", "record_titles", "named_texts", "number_line", "self_reference"
]


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read or does not fit the schema; the message names file and key."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"not a regular expression: {error}") from error
    return pattern


class NumberWord(_Entry):
    word: str = Field(min_length=1)
    value: int = Field(ge=0, le=9)
    variant: bool = False  # a second spelling ("tư", "lăm", "bẩy")
    opens: bool = True  # may start a number phrase


class NumberWords(_Entry):
    digits: list[NumberWord] = Field(min_length=10)
    ten: str
    tens: str
    hundred: str
    scales: dict[str, int]
    connectors: list[str]
    ordinal_only: dict[str, int] = {}


class LegalKind(_Entry):
    name: str = Field(min_length=1)
    rank: int | None = Field(default=None, ge=1)
    codes: list[str] = []  # read by every reader
    record_codes: list[str] = []  # read in procedure records only
    text_codes: list[str] = []  # read in legal texts only
    common_noun: bool = False  # lower-case "luật" is a common noun: only capitalised forms cite
    read_in: list[KindReader] = []


class ChannelModeEntry(_Entry):
    id: str
    label: str
    phrase: str
    keys: list[str] = Field(min_length=1)


class CopyKindEntry(_Entry):
    id: str
    label: str


class Vocabulary(_Entry):
    """The shared vocabulary. Build it with ``load_vocabulary`` or ``default_vocabulary``."""

    abbreviations: dict[str, str]
    number_words: NumberWords
    point_letters: str = Field(min_length=1)
    legal_kinds: list[LegalKind] = Field(min_length=1)
    channel_modes: list[ChannelModeEntry] = Field(min_length=1)
    copy_kinds: list[CopyKindEntry] = Field(min_length=1)
    copy_phrasings: dict[str, str]
    list_markers: dict[str, str]

    @field_validator("copy_phrasings", "list_markers")
    @classmethod
    def _patterns_compile(cls, patterns: dict[str, str]) -> dict[str, str]:
        for name, pattern in patterns.items():
            try:
                _compiles(pattern)
            except ValueError as error:
                raise ValueError(f"{name}: {error}") from error
        return patterns

    # --- number words -------------------------------------------------------------------------------

    @cached_property
    def digit_values(self) -> dict[str, int]:
        """Every digit word, variants included: "một" → 1, "lăm" → 5."""
        return {entry.word: entry.value for entry in self.number_words.digits}

    @cached_property
    def count_words(self) -> dict[str, int]:
        """The plain words counts are written with, one to ten: {"một": 1, …, "chín": 9, "mười": 10}."""
        plain = {entry.word: entry.value for entry in self.number_words.digits if not entry.variant and entry.value}
        return {**plain, self.number_words.ten: 10}

    @cached_property
    def leading_number_words(self) -> tuple[str, ...]:
        """Words that may open a number phrase, in the file's order, then "mười"."""
        return (*(entry.word for entry in self.number_words.digits if entry.opens), self.number_words.ten)

    @cached_property
    def ordinal_words(self) -> dict[str, int]:
        """Single words after "thứ" ("Phần thứ nhất", "Chương thứ tư") → value, one to ten."""
        return {**self.number_words.ordinal_only, **self.count_words}

    def count_words_pattern(self, upto: int = 10) -> str:
        """Alternation of the plain count words up to ``upto`` ("một|hai|ba" for 3), in order."""
        return "|".join(word for word, value in self.count_words.items() if value <= upto)

    # --- legal kinds --------------------------------------------------------------------------------

    def kind_names(self, reader: KindReader) -> tuple[str, ...]:
        """The kind words a reader recognises, longest first where one name begins another."""
        return self._kind_names[reader]

    @cached_property
    def _kind_names(self) -> dict[str, tuple[str, ...]]:
        readers: tuple[KindReader, ...] = get_args(KindReader)
        return {reader: tuple(kind.name for kind in self.legal_kinds if reader in kind.read_in) for reader in readers}

    @cached_property
    def common_noun_kinds(self) -> frozenset[str]:
        return frozenset(kind.name for kind in self.legal_kinds if kind.common_noun)

    @cached_property
    def record_type_codes(self) -> dict[str, str]:
        """Type code → kind, as procedure records are read ("TT" → "Thông tư")."""
        return {code: kind.name for kind in self.legal_kinds for code in (*kind.codes, *kind.record_codes)}

    @cached_property
    def text_type_codes(self) -> dict[str, str]:
        """Type code → kind, as legal texts are read (ASCII "ND" too)."""
        return {code: kind.name for kind in self.legal_kinds for code in (*kind.codes, *kind.text_codes)}

    @cached_property
    def kind_ranks(self) -> dict[str, int]:
        return {kind.name: kind.rank for kind in self.legal_kinds if kind.rank is not None}

    # --- channel modes and copy kinds ---------------------------------------------------------------

    @cached_property
    def channel_mode_ids(self) -> tuple[str, ...]:
        return tuple(mode.id for mode in self.channel_modes)

    @cached_property
    def mode_labels(self) -> dict[str, str]:
        """Mode id → the portal's label ("buu_chinh" → "Dịch vụ bưu chính")."""
        return {mode.id: mode.label for mode in self.channel_modes}

    @cached_property
    def mode_phrases(self) -> dict[str, str]:
        """Mode id → how a message says it ("nộp qua dịch vụ bưu chính")."""
        return {mode.id: mode.phrase for mode in self.channel_modes}

    @cached_property
    def mode_keys(self) -> tuple[tuple[str, str], ...]:
        """(folded word, mode id) pairs naming a mode in a cell, in the file's order."""
        return tuple((key, mode.id) for mode in self.channel_modes for key in mode.keys)

    @cached_property
    def copy_kind_ids(self) -> tuple[str, ...]:
        return tuple(kind.id for kind in self.copy_kinds)

    @cached_property
    def copy_kind_labels(self) -> dict[str, str]:
        return {kind.id: kind.label for kind in self.copy_kinds}

    # --- compiled patterns --------------------------------------------------------------------------

    @cached_property
    def _compiled(self) -> dict[str, re.Pattern[str]]:
        return {
            **{f"copy:{name}": re.compile(pattern) for name, pattern in self.copy_phrasings.items()},
            **{f"marker:{name}": re.compile(pattern) for name, pattern in self.list_markers.items()},
        }

    def copy_phrasing(self, name: str) -> re.Pattern[str]:
        """The compiled phrasing of a copy kind (``copy_phrasings`` in the file)."""
        return self._compiled[f"copy:{name}"]

    def list_marker(self, name: str) -> re.Pattern[str]:
        """The compiled list-marker regex of one reader (``list_markers`` in the file)."""
        return self._compiled[f"marker:{name}"]


def _error_message(path: str, error: ValidationError) -> str:
    problems = []
    for detail in error.errors():
        key = ".".join(str(part) for part in detail["loc"]) or "(top level)"
        problems.append(f"{path}: {key}: {detail['msg']}")
    return "invalid vocabulary:\n" + "\n".join(problems)


def parse_vocabulary(text: str, source: str = VOCABULARY_FILE) -> Vocabulary:
    """A Vocabulary from YAML text; ``source`` names the file in error messages."""
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise VocabularyError(f"{source}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise VocabularyError(f"{source}: (top level): expected a mapping of sections")
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as error:
        raise VocabularyError(_error_message(source, error)) from error


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The vocabulary in ``path`` (a vocabulary.yaml, or a data folder holding one); the packaged one for None."""
    if path is None:
        text = resources.files("analyzer.data").joinpath(VOCABULARY_FILE).read_text(encoding="utf-8")
        return parse_vocabulary(text, f"analyzer/data/{VOCABULARY_FILE}")
    file = path / VOCABULARY_FILE if path.is_dir() else path
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise VocabularyError(f"{file}: cannot be read: {error}") from error
    return parse_vocabulary(text, str(file))


@cache
def default_vocabulary() -> Vocabulary:
    """The packaged vocabulary, loaded once per process."""
    return load_vocabulary()
