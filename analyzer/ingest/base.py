"""Reader protocol and the error type every reader reports instead of raising."""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from pathlib import Path
from typing import Any, Iterator, Protocol

from analyzer.errors import errors as error_codes
from analyzer.model import Procedure, SourceRef


@dataclass(frozen=True)
class RecordError:
    """A file or record that could not be read, or a record read with a doubt about one field
    (``field`` set: e.g. text that may still be in a legacy encoding); batches report it and go on."""

    path: str
    record: str | None
    reason: str  # the detail: what was found where (English, for logs)
    field: str | None = None
    code: str = dataclass_field(kw_only=True)  # registered in analyzer/data/messages.yaml (errors)

    def __post_init__(self) -> None:
        error_codes().check(self.code)

    @property
    def label(self) -> str:
        """What a reviewer reads: the code's registered Vietnamese text."""
        return error_codes().text(self.code)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.path, "record": self.record, "code": self.code, "message": self.label,
                                "reason": self.reason}
        if self.field is not None:
            data["field"] = self.field
        return data

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
