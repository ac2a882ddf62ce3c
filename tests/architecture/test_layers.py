"""The layering contracts of .importlinter (README "Architecture") hold for the code as it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.argv[0] = 'lint-imports'; lint_imports_command()"


def run_lint(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the packages under ``root`` (its own copy of analyzer and app, not an installed one)."""
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", LINT, "--no-cache"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)


def test_import_contracts_are_kept() -> None:
    result = run_lint(ROOT)
    assert result.returncode == 0, f"lint-imports failed:\n{result.stdout}\n{result.stderr}"
    assert "0 broken" in result.stdout


def test_a_breach_is_caught(tmp_path: Path) -> None:
    """The contracts bite: a copy of the package where the text layer imports detection fails."""
    import shutil

    for name in ("analyzer", "app"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    keys = tmp_path / "analyzer" / "text" / "keys.py"
    keys.write_text(keys.read_text(encoding="utf-8") + "\nfrom analyzer.detect import finding  # breach\n",
                    encoding="utf-8")
    result = run_lint(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "analyzer.text is not allowed to import analyzer.detect" in result.stdout
