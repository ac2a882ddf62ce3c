"""The warning-code registry: every code the package attaches is registered, and every registered code is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyzer import errors
from analyzer.model import ParseWarning, Procedure

PACKAGE = Path(__file__).resolve().parents[1] / "analyzer"
# A literal code in .warn("…", …), ParseWarning(code="…") or DossierIssue("…", …).
_LITERAL = re.compile(r'(?:\.warn\(\s*|code\s*=\s*|DossierIssue\(\s*)"([a-z][a-z0-9_]*)"')
# Codes built at run time: f"{field}_missing" for the fields named beside it.
_DYNAMIC = {"code_missing", "name_missing"}


# A code passed by name: .warn(REPAIRED, …) with REPAIRED = "…" in the same module.
_BY_NAME = re.compile(r"\.warn\(\s*([A-Z][A-Z0-9_]*)\b")


def _codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(_LITERAL.findall(text))
        for name in set(_BY_NAME.findall(text)):
            found.update(re.findall(rf'^{name}\s*=\s*"([a-z][a-z0-9_]*)"', text, flags=re.MULTILINE))
    return found | _DYNAMIC


def test_every_code_used_is_registered() -> None:
    missing = sorted(code for code in _codes_in_source() if code not in errors.warnings() and code not in errors.errors())
    assert not missing, f"register these in analyzer/data/messages.yaml: {missing}"


def test_every_registered_code_is_used() -> None:
    unused = sorted(set(errors.warnings().messages) - _codes_in_source())
    assert not unused, f"nothing attaches these codes any more: {unused}"


# A literal error code: RecordError(…, code="…"), or the last argument of _line_error(…) / _failed(…).
_ERROR_LITERAL = re.compile(r'(?:\bcode\s*=\s*|(?:_line_error|_failed)\([^\n]*,\s*)"([a-z][a-z0-9_]*)"')


def _error_codes_in_source() -> set[str]:
    found, warnings = set(), set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(_ERROR_LITERAL.findall(text))
        warnings.update(re.findall(r'ParseWarning\(code="([a-z][a-z0-9_]*)"', text))
        for name in set(re.findall(r"\bcode=([A-Z][A-Z0-9_]*)\b", text)):  # code=SUSPECT, SUSPECT = "…"
            found.update(re.findall(rf'^{name}\s*=\s*"([a-z][a-z0-9_]*)"', text, flags=re.MULTILINE))
    return found - warnings


def test_every_error_code_used_is_registered_and_every_registered_one_used() -> None:
    used, registered = _error_codes_in_source(), set(errors.errors().messages)
    assert not used - registered, f"register these errors in analyzer/data/messages.yaml: {sorted(used - registered)}"
    assert not registered - used, f"nothing reports these errors any more: {sorted(registered - used)}"


def test_a_record_error_needs_a_registered_code() -> None:
    from analyzer.ingest.base import RecordError

    error = RecordError("a.jsonl", "line 3", "invalid JSON: Expecting value", code="invalid_json")
    assert error.to_dict()["message"] == "JSON không hợp lệ" and error.to_dict()["code"] == "invalid_json"
    with pytest.raises(errors.UnknownCodeError, match="json_invalid"):
        RecordError("a.jsonl", "line 3", "x", code="json_invalid")


def test_an_unregistered_code_is_refused() -> None:
    procedure = Procedure(code="1", name="x")
    with pytest.raises(errors.UnknownCodeError, match="duration_unparsd"):
        procedure.warn("duration_unparsd", "channels", "typo")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("duration_ambiguous", "Thời hạn giải quyết không rõ đơn vị"),
        ("code_derived", "Nguồn không có mã thủ tục: mã được suy ra từ tên và cơ quan"),
        ("from_an_older_version", "from_an_older_version"),  # unknown codes read back from old output stay visible
    ],
)
def test_a_warning_reads_in_vietnamese(code: str, expected: str) -> None:
    assert ParseWarning(code=code, field="channels", message="m").label == expected


@pytest.mark.parametrize("code", sorted(errors.warnings().messages))
def test_every_message_has_both_languages_with_diacritics(code: str) -> None:
    message = errors.warnings().messages[code]
    assert message.vi and message.en and message.vi != message.en
    assert re.search(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", message.vi.lower())
