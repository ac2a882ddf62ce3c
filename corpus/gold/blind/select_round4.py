"""Draw round 4 of the blind gold set: 64 fresh procedures for the test half (seed 2029).

Run from the repository root: ``python corpus/gold/blind/select_round4.py > corpus/gold/blind/selection_round4.tsv``
(needs ../shared). Same strata as ``select.py`` (source portal_flat / portal_docx × level bo / tinh / xa / mixed,
8 per stratum), every procedure in half "test". Codes already in real.yaml, real_heldout.yaml, sample.yaml or in
the earlier blind draw (selection.tsv) are never drawn. Prints the same columns as select.py: half, source, line
number in the source file, code, stratum, level.
"""

from __future__ import annotations

import importlib.util
import random
import re
from pathlib import Path

SEED = 2029
HALF = "test"
HERE = Path(__file__).resolve().parent


def _first_draw():  # select.py shares its name with the stdlib module `select`: load it by path
    spec = importlib.util.spec_from_file_location("blind_select", HERE / "select.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {HERE / 'select.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


base = _first_draw()


def excluded_codes() -> set[str]:
    codes = base.used_codes()
    sample = (base.ROOT / "corpus" / "gold" / "sample.yaml").read_text(encoding="utf-8")
    codes.update(re.findall(r"^- code: '?([^'\n]+)'?", sample, flags=re.MULTILINE))
    return codes | codes_of("selection.tsv")


def codes_of(selection: str) -> set[str]:
    """The codes of an earlier draw's selection file (``selection_round4.tsv``, column 4)."""
    rows = (HERE / selection).read_text(encoding="utf-8").splitlines()
    return {row.split("\t")[3] for row in rows if row.strip()}


def draw(seed: int, half: str, excluded: set[str]) -> list[str]:
    """The selection rows (half, source, line, code, stratum, level) of one draw; later rounds call it with their own
    seed and exclusions."""
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


def main() -> None:
    print("\n".join(draw(SEED, HALF, excluded_codes())))


if __name__ == "__main__":
    main()
