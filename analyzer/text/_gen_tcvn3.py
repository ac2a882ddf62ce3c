"""Generate analyzer/data/tcvn3.json from glibc's TCVN5712-1 charmap (run once, commit the result).

Usage::

    .venv/bin/python -m analyzer.text._gen_tcvn3 [/usr/share/i18n/charmaps/TCVN5712-1.gz]

Why a generated table: glibc's charmap is the authoritative, reviewed TCVN 5712:1993 table, so we copy
it instead of typing 128 letters by hand. Bytes 0x80-0xFF are the table; the 0x01-0x17 entries of the
charmap (capital letters of the VN1 variant) collide with ASCII control codes and are not used by fonts
of real ABC (TCVN3 / VN3) text, but ``iconv -t TCVN5712-1`` writes them, so they are kept apart under
"controls" and decoded only in text already recognised as TCVN3. Bytes 0xB0-0xB4 are combining tone marks; the decoder composes them (NFC).
The two-byte entries of the charmap (e.g. "C" + combining acute) are irrelevant for decoding.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

CHARMAP = Path("/usr/share/i18n/charmaps/TCVN5712-1.gz")
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "tcvn3.json"
_ENTRY = re.compile(r"^<U([0-9A-Fa-f]{4,6})>\s+/x([0-9a-fA-F]{2})\s")


def read_charmap(path: Path, low: bool = False) -> dict[int, str]:
    """Single-byte entries 0x80-0xFF of a glibc charmap file: byte -> character (``low``: the
    entries below 0x20 whose character is not the control code itself, i.e. the VN1 capitals)."""
    mapping: dict[int, str] = {}
    with gzip.open(path, "rt", encoding="ascii", errors="strict") as lines:
        for line in lines:
            match = _ENTRY.match(line)
            if match is None:
                continue
            byte, char = int(match.group(2), 16), chr(int(match.group(1), 16))
            if (byte < 0x20 and ord(char) != byte) if low else byte >= 0x80:
                mapping[byte] = char
    return mapping


def build_table(mapping: dict[int, str], controls: dict[int, str]) -> dict[str, object]:
    missing = [f"{byte:02X}" for byte in range(0x80, 0x100) if byte not in mapping]
    if missing:
        raise SystemExit(f"charmap lacks bytes {missing}: not the TCVN5712-1 table?")
    return {
        "source": "glibc localedata charmaps/TCVN5712-1 (TCVN 5712:1993), bytes 0x80-0xFF",
        "generator": "analyzer/text/_gen_tcvn3.py",
        "bytes": {f"{byte:02X}": mapping[byte] for byte in range(0x80, 0x100)},
        "controls_note": "bytes 0x01-0x17 that glibc (iconv -t TCVN5712-1) writes for the capitals missing from 0x80-0xFF; "
        "decoded only in text already known to be TCVN3",
        "controls": {f"{byte:02X}": char for byte, char in sorted(controls.items())},
    }


def to_json(table: dict[str, object]) -> str:
    """Readable JSON: letters as themselves, combining marks (0xB0-0xB4) escaped so they stay visible."""
    text = json.dumps(table, ensure_ascii=False, indent=1) + "\n"
    return re.sub(r'"(.)"', _escape_combining, text)


def _escape_combining(match: re.Match[str]) -> str:
    char = match.group(1)
    return json.dumps(char) if unicodedata.combining(char) else match.group()


def main(argv: list[str]) -> None:
    charmap = Path(argv[1]) if len(argv) > 1 else CHARMAP
    table = build_table(read_charmap(charmap), read_charmap(charmap, low=True))
    OUTPUT.write_text(to_json(table), encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(table['bytes'])} bytes mapped)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main(sys.argv)
