"""The packaged templates are the ones tools/build_templates.py builds: editing the script without rebuilding (or
hand-editing a template in the package) shows here."""

from __future__ import annotations

import runpy
import zipfile
from pathlib import Path

import pytest

from analyzer.report.official import template_path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("word/document.xml", "word/styles.xml")  # with every header part (the page numbers)


@pytest.mark.parametrize("name", ["plan.docx", "decision.docx", "report.docx"])
def test_packaged_template_is_the_built_one(tmp_path: Path, name: str) -> None:
    build = runpy.run_path(str(ROOT / "tools" / "build_templates.py"))["build"]
    build(tmp_path)
    with zipfile.ZipFile(tmp_path / name) as built, zipfile.ZipFile(template_path(name)) as packaged:
        names = [*PARTS, *(n for n in built.namelist() if n.startswith("word/header"))]
        for part in dict.fromkeys(names):
            assert built.read(part) == packaged.read(part), part
