"""ruff and mypy are clean on the package: part of the README's test command, so CI runs them."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_ruff_is_clean() -> None:
    run = _run("ruff", "check", "iop_rules")
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_is_clean() -> None:
    run = _run("mypy")  # files and options from [tool.mypy] in pyproject.toml
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr
