"""The import rules of docs/ARCHITECTURE.md hold, and the package type-checks.

Both tools read their settings from pyproject.toml ([tool.importlinter] and
[tool.mypy]); ruff runs in tests/test_style.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# lint-imports has no ``python -m`` entry point; this runs its command with this interpreter.
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *command], capture_output=True, text=True, check=False, cwd=ROOT)


def test_imports_follow_the_architecture() -> None:
    result = _run("-c", LINT_IMPORTS, "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_finds_nothing() -> None:
    # Its incremental cache is .mypy_cache in the repository (ignored by git).
    result = _run("-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
