"""`python -m bench [batch|legal|encodings|mutation|app] ...`: run a benchmark and print its figures.

    python -m bench                      # the batch benchmark, all parts (long: about an hour on 2 cores)
    python -m bench batch --parts floor  # only the floor, cold and warm runs
    python -m bench legal                # the legal-text parser benchmark (bench/bench_legal.py)
    python -m bench encodings            # legacy encodings on the real corpus (bench/encodings.py)
    python -m bench mutation             # the mutation harness of issue 12 (bench/mutation.py)
    python -m bench app                  # the reviewer app from a store, 1x and 16x the real corpus (bench/app.py)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

PARTS = ("floor", "scaling", "engines", "large")


def batch_main(argv: list[str]) -> int:
    from bench.batch import REAL, run_all

    parser = argparse.ArgumentParser(prog="python -m bench batch", description="Batch analysis benchmark.")
    parser.add_argument("--input", default=str(REAL), help="corpus (default: the 2,642 portal-flat records)")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "tthc-bench"))
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (at least 3; the median is reported)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--scales", type=lambda s: [int(x) for x in s.split(",")], default=[1, 4, 16])
    parser.add_argument("--large-factor", type=int, default=5, help="copies of the corpus in the large plain file")
    parser.add_argument("--no-snapshot", dest="snapshot", action="store_false",
                        help="run the working tree itself, not a copy of the package")
    run_all(parser.parse_args(argv))
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "legal":
        from bench.bench_legal import main as legal_main

        return legal_main(argv[1:])
    if argv and argv[0] == "encodings":
        from bench.encodings import main as encodings_main

        return encodings_main(argv[1:])
    if argv and argv[0] == "mutation":
        from bench.mutation import main as mutation_main

        return mutation_main(argv[1:])
    if argv and argv[0] == "app":
        from bench.app import main as app_main

        return app_main(argv[1:])
    if argv and argv[0] == "batch":
        argv = argv[1:]
    return batch_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
