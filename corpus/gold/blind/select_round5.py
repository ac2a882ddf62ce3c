"""Draw round 5 of the blind gold set: 64 fresh procedures for the test half (seed 2031).

Run from the repository root: ``python corpus/gold/blind/select_round5.py > corpus/gold/blind/selection_round5.tsv``
(needs ../shared). Same strata as ``select.py`` (source portal_flat / portal_docx × level bo / tinh / xa / mixed,
8 per stratum), every procedure in half "test". Codes already in real.yaml, real_heldout.yaml, sample.yaml, the
first blind draw (selection.tsv) or round 4 (selection_round4.tsv) are never drawn. Prints the same columns as
select.py: half, source, line number in the source file, code, stratum, level.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

SEED = 2031
HALF = "test"
HERE = Path(__file__).resolve().parent


# the earlier draws are scripts, not a package (select.py shares its name with the stdlib module): run them by path
round4 = SimpleNamespace(**runpy.run_path(str(HERE / "select_round4.py")))


def excluded_codes() -> set[str]:
    """The codes of real.yaml, real_heldout.yaml, sample.yaml and the first draw (selection.tsv), and round 4's."""
    return round4.excluded_codes() | round4.codes_of("selection_round4.tsv")


def main() -> None:
    print("\n".join(round4.draw(SEED, HALF, excluded_codes())))


if __name__ == "__main__":
    main()
