"""Draw round 7 of the blind gold set: 64 fresh procedures for the test half (seed 2035).

Run from the repository root: ``python corpus/gold/blind/select_round7.py > corpus/gold/blind/selection_round7.tsv``
(needs ../shared). Same strata as ``select.py`` (source portal_flat / portal_docx × level bo / tinh / xa / mixed,
8 per stratum), every procedure in half "test". Codes excluded by round 6 and those of round 6
(selection_round6.tsv) are never drawn. Prints the same columns as select.py: half, source, line number in the
source file, code, stratum, level.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

SEED = 2035
HALF = "test"
HERE = Path(__file__).resolve().parent


# the earlier draws are scripts, not a package (select.py shares its name with the stdlib module): run them by path
round6 = SimpleNamespace(**runpy.run_path(str(HERE / "select_round6.py")))
round4 = round6.round4


def excluded_codes() -> set[str]:
    """Every code round 6 excluded, and round 6's own."""
    return round6.excluded_codes() | round4.codes_of("selection_round6.tsv")


def main() -> None:
    print("\n".join(round4.draw(SEED, HALF, excluded_codes())))


if __name__ == "__main__":
    main()
