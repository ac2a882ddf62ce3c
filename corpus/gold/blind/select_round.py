"""Draw one later round of the blind gold set: 64 fresh procedures for a test half.

Run from the repository root: ``python corpus/gold/blind/select_round.py ROUND > corpus/gold/blind/selection_roundROUND.tsv``
(needs ../shared). Same strata as ``select.py`` (source portal_flat / portal_docx × level bo / tinh / xa / mixed,
8 per stratum), every procedure in half "test". Codes of real.yaml, real_heldout.yaml, sample.yaml, the first draw
(selection.tsv) and every earlier round's selection are never drawn. Prints the same columns as select.py: half,
source, line number in the source file, code, stratum, level. ``select_round4.py`` … ``select_round7.py`` are the
same draw under their historical names.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

HALF = "test"
HERE = Path(__file__).resolve().parent
# round -> seed; a round excludes the selection files of every earlier round
SEEDS = {4: 2029, 5: 2031, 6: 2033, 7: 2035, 8: 2037, 9: 2039, 10: 2041, 11: 2043}


def _first_draw():  # select.py shares its name with the stdlib module `select`: load it by path
    spec = importlib.util.spec_from_file_location("blind_select", HERE / "select.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {HERE / 'select.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


base = _first_draw()


def codes_of(selection: str) -> set[str]:
    """The codes of an earlier draw's selection file (``selection_round4.tsv``, column 4)."""
    rows = (HERE / selection).read_text(encoding="utf-8").splitlines()
    return {row.split("\t")[3] for row in rows if row.strip()}


def excluded_codes(round_: int) -> set[str]:
    """The codes of the in-sample gold sets, the first draw and every round before ``round_``."""
    codes = base.used_codes()
    sample = (base.ROOT / "corpus" / "gold" / "sample.yaml").read_text(encoding="utf-8")
    codes.update(re.findall(r"^- code: '?([^'\n]+)'?", sample, flags=re.MULTILINE))
    codes |= codes_of("selection.tsv")
    for earlier in SEEDS:
        if earlier < round_:
            codes |= codes_of(f"selection_round{earlier}.tsv")
    return codes


def draw(seed: int, half: str, excluded: set[str]) -> list[str]:
    """The selection rows (half, source, line, code, stratum, level) of one draw."""
    rng = random.Random(seed)
    drawn: set[str] = set()
    rows = []
    for source in base.SOURCES:
        for stratum, items in base.candidates(source).items():
            pool = [item for item in items if item[1] not in excluded and item[1] not in drawn]
            for number, code, level in rng.sample(pool, base.PER_STRATUM):
                drawn.add(code)
                rows.append(f"{half}\t{source}\t{number}\t{code}\t{stratum}\t{level}")
    return rows


def main(round_: int) -> None:
    if round_ not in SEEDS:
        raise SystemExit(f"select_round.py: unknown round {round_}; known rounds: {sorted(SEEDS)} (add its seed to SEEDS)")
    print("\n".join(draw(SEEDS[round_], HALF, excluded_codes(round_))))


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        raise SystemExit("usage: python corpus/gold/blind/select_round.py ROUND")
    main(int(sys.argv[1]))
