"""Mark the in-sample gold labels that a later written policy withdrew (``superseded: <policy id>``).

    python corpus/gold/supersede.py corpus/gold/sample.yaml corpus/gold/real.yaml

A label is marked only when its record meets the policy's predicate (``analyzer.report.superseded``), whatever
the detectors report; a mark whose record no longer meets it is removed. The YAML is edited line by line so
comments and layout stay.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from analyzer.report.evaluate import gold_procedures, parse_gold
from analyzer.report.superseded import policy_for
from analyzer.resources import Resources

ROOT = Path(__file__).resolve().parents[2]


def marked(path: Path) -> tuple[str, dict[str, int]]:
    """The gold file's text with every withdrawn label marked, and the count per policy."""
    text = path.read_text(encoding="utf-8")
    gold = parse_gold(yaml.safe_load(text))
    _, labelled = gold_procedures(gold, ROOT)
    by_code = {p.code: p for p in labelled}
    resources = Resources.default()
    policies = [policy_for(by_code[g.procedure], g, resources) if g.procedure in by_code else None for g in gold.findings]
    lines, out, counts = text.splitlines(), [], {}
    items = iter(policies)
    in_findings = False
    for line in lines:
        if re.match(r"\s*superseded:", line):
            continue  # re-derived below
        out.append(line)
        if re.match(r"\s+findings:\s*$", line):
            in_findings = True
        elif in_findings and (m := re.match(r"(\s*)- kind: ", line)):
            policy = next(items)
            if policy:
                out.append(f"{m.group(1)}  superseded: {policy}")
                counts[policy] = counts.get(policy, 0) + 1
    if next(items, "end") != "end":
        raise ValueError(f"{path}: the findings and the '- kind:' items are out of step")
    return "\n".join(out) + "\n", counts


if __name__ == "__main__":
    for name in sys.argv[1:]:
        new_text, counts = marked(Path(name))
        Path(name).write_text(new_text, encoding="utf-8")
        print(name, counts)
