"""Reader protocol and the error type every reader reports instead of raising."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol

from analyzer.model import Procedure, SourceRef


@dataclass(frozen=True)
class RecordError:
    """A file or record that could not be read; batches report it and go on."""

    path: str
    record: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.path, "record": self.record, "reason": self.reason}

    def __str__(self) -> str:
        where = f"{self.path}#{self.record}" if self.record else self.path
        return f"{where}: {self.reason}"


class InputError(ValueError):
    """Bad input that stops reading a whole file; the message names the file and the reason."""


class RecordReader(Protocol):
    """A reader for one JSON record shape (a dict decoded from JSON / JSONL / JSON array)."""

    name: str

    def matches(self, record: dict[str, Any]) -> bool: ...

    def to_procedure(self, record: dict[str, Any], source: SourceRef) -> Procedure: ...


class FileReader(Protocol):
    """A reader for a whole binary file format (DOCX export, spreadsheet)."""

    name: str

    def sniff(self, path: Path, head: bytes) -> bool: ...

    def read(self, path: Path) -> Iterator[Procedure | RecordError]: ...
