"""Shared fixtures: where things are, and a way to run the CLI as a user does."""
from __future__ import annotations

import re
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


@pytest.fixture(autouse=True, scope="session")
def _private_result_cache(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The suite never reads or writes the user's real result cache: every CLI run caches in a temporary folder."""
    import os
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@dataclass
class CliRun:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None, timeout: float = 120,
            memory_mb: int | None = None) -> CliRun:
    """The CLI in a fresh process, exactly as a user or a hook runs it, bounded in time (and memory if asked)."""
    def limit_memory() -> None:
        import resource
        size = (memory_mb or 0) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    proc = subprocess.run([sys.executable, "-m", "iop_rules.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, input=stdin, timeout=timeout,
                          preexec_fn=limit_memory if memory_mb else None)
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Every available engine in turn (durable is skipped where it does not import)."""
    return request.param


def screenshot(page: Path, png: Path, profile: Path) -> bytes:
    """Render a page in headless Chromium (flags for a machine with no network) and return the PNG."""
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", "--window-size=1240,1754", f"--screenshot={png}", page.as_uri()],
                   capture_output=True, timeout=120, check=False)
    return png.read_bytes() if png.exists() else b""


#: The place comment `extract` ends a `source:` line with; drafts from different formats differ only there.
DRAFT_PLACE = re.compile(r"  # (?:rad|stycke|sida) \d+(?:, (?:rad|stycke|sida) \d+)*$", re.MULTILINE)
#: A user's mistake, as the CLI reports it: one `path:line:col: message` line.
ONE_ERROR_LINE = re.compile(r"^[^\n]+:\d+:\d+: [^\n]+\n$")


def quotes_of(node):  # type: ignore[no-untyped-def]
    """Every `source` value in a loaded draft, in file order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source":
                yield value
            else:
                yield from quotes_of(value)
    elif isinstance(node, list):
        for item in node:
            yield from quotes_of(item)
