"""Coded warnings and errors, as spaCy's ``Warnings``/``Errors``: one registry, loaded from reviewable data.

Readers, parsers and the batch attach a stable code to whatever they could not read with certainty. The code is
what reports count; its Vietnamese text (for reviewers) and English text (for logs) live once, in
``analyzer/data/messages.yaml``. ``check`` refuses an unregistered code, so a typo cannot invent a new category.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal, Mapping

import yaml

Language = Literal["vi", "en"]
MESSAGES_FILE = "messages.yaml"


class UnknownCodeError(KeyError):
    """A warning or error code that the registry does not hold (a programming error, not bad input)."""


@dataclass(frozen=True)
class Message:
    code: str
    vi: str
    en: str

    def text(self, language: Language = "vi") -> str:
        return self.vi if language == "vi" else self.en


@dataclass(frozen=True)
class Registry:
    kind: str  # "warnings" or "errors"
    messages: Mapping[str, Message]

    def __contains__(self, code: object) -> bool:
        return code in self.messages

    def check(self, code: str) -> str:
        if code not in self.messages:
            raise UnknownCodeError(f"{code!r} is not a registered code in {MESSAGES_FILE} ({self.kind})")
        return code

    def text(self, code: str, language: Language = "vi") -> str:
        """The registered text, or the code itself for a code from an older version's output."""
        message = self.messages.get(code)
        return message.text(language) if message else code


def _registry(kind: str, entries: Mapping[str, Mapping[str, str]] | None) -> Registry:
    messages = {}
    for code, texts in (entries or {}).items():
        missing = {"vi", "en"} - set(texts or {})
        if missing:
            raise ValueError(f"{MESSAGES_FILE}: {kind}.{code}: missing {', '.join(sorted(missing))}")
        messages[code] = Message(code=code, vi=texts["vi"], en=texts["en"])
    return Registry(kind=kind, messages=messages)


@lru_cache(maxsize=1)
def _load() -> dict[str, Registry]:
    data = yaml.safe_load(resources.files("analyzer.data").joinpath(MESSAGES_FILE).read_text(encoding="utf-8"))
    return {kind: _registry(kind, data.get(kind)) for kind in ("warnings", "errors")}


def warnings() -> Registry:
    return _load()["warnings"]


def errors() -> Registry:
    return _load()["errors"]
