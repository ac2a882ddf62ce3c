"""Bytes -> text for files of unknown encoding: UTF-8, UTF-16, Windows-1258, TCVN3 or VNI.

Strict UTF-8 is tried first (with or without BOM), UTF-16 is recognised by its BOM or by the pattern of
NUL bytes. Otherwise each legacy candidate is decoded and scored by the share of its non-ASCII words
that are valid Vietnamese syllables; the best one wins if it is convincing, else TextDecodeError.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from os import PathLike
from pathlib import Path

from analyzer.text.legacy import decode_tcvn3, decode_vni
from analyzer.text.syllables import syllable_share, tokens

_MIN_SHARE = 0.6  # share of valid syllables a legacy decoding needs to be believed
_SAMPLE = 4096  # bytes looked at to recognise UTF-16 by its NUL bytes


class TextDecodeError(ValueError):
    """Bytes that no supported encoding reads as text. The message names the source and the reason."""

    def __init__(self, source: str, reason: str, offset: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.offset = offset
        super().__init__(f"Không đọc được văn bản {source}: {reason}")


def _utf16_by_nuls(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NUL bytes sit on one side of most code units, as in ASCII-heavy UTF-16."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    units = len(sample) // 2
    even_nuls = sample[0::2].count(0) / units
    odd_nuls = sample[1::2].count(0) / units
    if odd_nuls >= 0.3 and even_nuls <= 0.05:
        return "utf-16-le"
    if even_nuls >= 0.3 and odd_nuls <= 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, source: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise TextDecodeError(
            source, f"{label} không hợp lệ tại byte {error.start} (0x{data[error.start]:02X})", error.start
        ) from error


def _cp1258(data: bytes) -> str | None:
    try:  # Python's cp1258 yields base letter + combining mark: compose them
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None


def _tcvn3(data: bytes) -> str:
    # decode_tcvn3 also maps 0x01-0x17, where glibc's TCVN5712-1 (and iconv) put the capitals Ú Ụ Ừ … Ý Ỵ
    return decode_tcvn3(data.decode("latin-1"))


def _vni(data: bytes) -> str:
    # cp1252 leaves 5 bytes undefined; latin-1 keeps them as C1 controls instead of failing.
    return decode_vni(data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1"))


def _is_cp1252(data: bytes) -> bool:
    return not any(byte in data for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D))


_LEGACY: dict[str, Callable[[bytes], str | None]] = {"cp1258": _cp1258, "tcvn3": _tcvn3, "vni": _vni}


def _best_legacy(data: bytes) -> tuple[str, str, float] | None:
    """(encoding, text, share of valid syllables) of the best-scoring legacy decoding."""
    best: tuple[str, str, float] | None = None
    for name, decode in _LEGACY.items():
        text = decode(data)
        if text is None:
            continue
        valid, total = syllable_share(tokens(text))
        share = valid / total if total else 0.0
        if best is None or share > best[2]:
            best = (name, text, share)
    return best


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """Decode ``data`` read from ``source`` (named in errors). Legacy decodings come back NFC."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", source, "UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source, "UTF-16")
    utf16 = _utf16_by_nuls(data)
    if utf16 is not None:
        return _strict(data, utf16, source, "UTF-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    if 0 in data:
        raise TextDecodeError(source, f"có byte NUL tại byte {data.index(0)}: tệp nhị phân?", data.index(0))
    best = _best_legacy(data)
    if best is not None and best[2] >= _MIN_SHARE:
        return best[1]
    offset = utf8_error.start
    best_note = f"; tốt nhất là {best[0]} với {best[2]:.0%} âm tiết hợp lệ" if best else ""
    raise TextDecodeError(
        source,
        f"không phải UTF-8 (byte 0x{data[offset]:02X} tại vị trí {offset}) và không khớp bảng mã "
        f"tiếng Việt cũ nào (Windows-1258, TCVN3, VNI){best_note}",
        offset,
    )


def read_text_file(path: str | PathLike[str]) -> str:
    """Read a text file of unknown encoding (see :func:`decode_bytes`)."""
    file = Path(path)
    return decode_bytes(file.read_bytes(), str(file))


# --- line by line -----------------------------------------------------------------------------------
#
# Line-based files (JSONL) are read a line at a time, so one bad line costs one record. The encoding is
# decided once per file from a sample of its first lines; each line is then decoded on its own.

LINE_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "cp1258", "tcvn3", "vni")


class LineDecodeError(ValueError):
    """One line that is not valid in the file's encoding; ``column`` is 1-based, in characters."""

    def __init__(self, encoding: str, column: int, byte: int | None, truncated: bool = False) -> None:
        self.encoding = encoding
        self.column = column
        self.byte = byte
        self.truncated = truncated
        label = "UTF-8" if encoding == "utf-8" else encoding
        detail = (
            "the line ends inside a multi-byte character" if truncated else f"byte 0x{byte:02X}" if byte is not None else ""
        )
        super().__init__(f"invalid {label} at column {column}" + (f" ({detail})" if detail else ""))


def _utf8_error(line: bytes, error: UnicodeDecodeError) -> LineDecodeError:
    column = len(line[: error.start].decode("utf-8")) + 1
    # "unexpected end of data": only the end of the input stopped the character (a line cut short)
    truncated = error.reason == "unexpected end of data"
    return LineDecodeError("utf-8", column, line[error.start], truncated)


def decode_line(line: bytes, encoding: str) -> str:
    """One line of a file in ``encoding`` (one of LINE_ENCODINGS, as :func:`detect_line_encoding`
    returns it). Raises LineDecodeError naming the column of the first bad character."""
    if encoding == "utf-8":
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _utf8_error(line, error) from error
    if encoding in ("utf-16-le", "utf-16-be"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError as error:
            raise LineDecodeError(encoding, error.start // 2 + 1, line[error.start]) from error
    text = _LEGACY[encoding](line)
    if text is None:  # cp1258 leaves a few bytes undefined
        position = next(i for i, byte in enumerate(line) if _cp1258(bytes([byte])) is None)
        raise LineDecodeError(encoding, position + 1, line[position])
    return text


def _sample_lines(sample: bytes, complete: bool) -> list[bytes]:
    lines = sample.split(b"\n")
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the sample may end inside a line (and inside a character)
    return [line for line in lines if line.strip()]


def detect_line_encoding(sample: bytes, source: str = "<bytes>", complete: bool = True) -> str:
    """The encoding of a line-based file from ``sample``, its first bytes (``complete``: the whole file).

    UTF-16 by BOM or NUL pattern; else UTF-8 unless most lines with non-ASCII bytes are invalid UTF-8
    and a legacy decoding of them is convincing (:func:`decode_bytes`' test). A file that is neither
    is refused with TextDecodeError: reading it line by line would only report every line as bad.
    A few bad lines among good UTF-8 ones are bad lines, reported by :func:`decode_line`.
    """
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16-le" if sample.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    utf16 = _utf16_by_nuls(sample)
    if utf16 is not None:
        return utf16
    if sample.startswith(codecs.BOM_UTF8):
        sample = sample[len(codecs.BOM_UTF8) :]
    valid: list[bytes] = []
    invalid: list[bytes] = []
    lines = _sample_lines(sample, complete)
    for line in lines:
        if line.isascii():
            continue
        # a sample that is one line cut short (a record longer than the sample) may end inside a character:
        # that line is read as the start of a stream, whose last bytes may be an unfinished character
        cut_short = not complete and b"\n" not in sample
        try:
            if cut_short:
                codecs.getincrementaldecoder("utf-8")().decode(line, final=False)
            else:
                line.decode("utf-8")
        except UnicodeDecodeError:
            invalid.append(line)
        else:
            valid.append(line)
    if len(invalid) <= len(valid):
        return "utf-8"
    evidence = b"\n".join(invalid)
    if 0 not in evidence:
        best = _best_legacy(evidence)
        if best is not None and best[2] >= _MIN_SHARE:
            return best[0]
    if 2 * len(invalid) <= len(lines):
        return "utf-8"  # bad lines among good ones: report the bad ones, keep the rest
    decode_bytes(evidence, source)  # raises TextDecodeError with the reason (NUL bytes, no encoding fits)
    return "utf-8"
