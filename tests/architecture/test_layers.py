"""The apps depend in one direction only (import-linter's layers contract in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_layers_hold():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is installed with the test requirements"
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_files_stay_small():
    """STYLE.md: files stay under about 400 lines; past 450 they must be split by topic."""
    big = []
    for path in ROOT.glob("**/*.py"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & {".venv", "migrations", "var", "node_modules"}:
            continue
        if sum(1 for _ in path.open(encoding="utf-8")) > 450:
            big.append(str(path.relative_to(ROOT)))
    assert not big, f"split these by topic: {big}"
