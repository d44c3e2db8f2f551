"""Shared fixtures: where things are, and a way to run the CLI as a user does."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from iop_rules.engine import available_engines

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
RULESETS = ROOT / "rulesets"
DATA = Path(__file__).resolve().parent / "data"
ENGINES = available_engines()


@dataclass
class CliRun:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> CliRun:
    """The CLI in a fresh process, exactly as a user or a hook runs it."""
    proc = subprocess.run([sys.executable, "-m", "iop_rules.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, input=stdin, timeout=120)
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Every available engine in turn (durable is skipped where it does not import)."""
    return request.param
