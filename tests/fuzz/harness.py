"""Running the CLI as a user does, bounded, and the promises every run must keep (README)."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from hypothesis import HealthCheck, settings

from tests.conftest import ROOT

#: IOP_FUZZ_EXAMPLES=N runs every fuzz test for N examples (the long run); unset, each test runs its short default.
LONG = int(os.environ.get("IOP_FUZZ_EXAMPLES", "0") or 0)
#: Wall-clock bound of one CLI run; generous, since a 2-core CI machine is shared.
TIMEOUT = float(os.environ.get("IOP_FUZZ_TIMEOUT", "60"))
MEMORY_MB = int(os.environ.get("IOP_FUZZ_MEMORY_MB", "1536"))
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<msg>\S.*)$")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def fuzz_settings(short: int):  # type: ignore[no-untyped-def]
    return settings(max_examples=LONG or short, deadline=None, derandomize=not LONG, database=None,
                    suppress_health_check=list(HealthCheck))


@dataclass
class Ran:
    args: list[str]
    code: int
    out: bytes
    err: bytes

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "replace")


def _limits() -> None:
    import resource
    size = MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
    cpu = int(TIMEOUT) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    os.setsid()


def run_bounded(args: Sequence[str | bytes], cwd: Path | None = None, timeout: float = TIMEOUT) -> Ran:
    """The CLI in a fresh process group; a run past `timeout` is killed (with its workers) and is a failure."""
    proc = subprocess.Popen([sys.executable, "-m", "iop_rules.cli", *args], cwd=cwd or ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limits)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"hang: no exit within {timeout} s: {[os.fsdecode(a) for a in args]}") from None
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # no worker may outlive its run
        except ProcessLookupError:
            pass
    return Ran([os.fsdecode(a) for a in args], proc.returncode, out, err)


def assert_promises(ran: Ran, json_out: bool = False) -> None:
    """Exit 0/1/2; never a traceback or a crash by signal; stderr is `path:line:col: message` lines only."""
    err = ran.err.decode("utf-8", "replace")
    assert ran.code in (0, 1, 2), f"exit {ran.code} from {ran.args}:\n{err[-3000:]}"
    assert "Traceback" not in err and "internal error" not in err, f"{ran.args}:\n{err[-3000:]}"
    for line in err.splitlines():
        if line.startswith("usage: ") or line.startswith("  ") or line.startswith("iop-rules ") and ": error: " in line:
            continue  # argparse's own usage message for a bad option value
        if not line.strip() or line.startswith(" "):
            continue
        assert LINE.match(line), f"not a path:line:col line: {line!r} from {ran.args}"
        assert not CONTROL.search(line), f"a raw control character on stderr: {line!r}"
    if json_out and ran.out:
        data = json.loads(ran.out, parse_constant=lambda name: (_ for _ in ()).throw(AssertionError(f"{name} in JSON")))
        if data["errors"]:  # a broken file always makes the run exit 2 (README)
            assert ran.code == 2, f"errors but exit {ran.code}: {ran.args}"


def normalised(ran: Ran) -> str:
    """The JSON report without what legitimately differs between engines: the engine's own name."""
    data = json.loads(ran.out)
    data.pop("engine", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def leftovers(*folders: Path) -> list[str]:
    """Temporary files a write left behind."""
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [str(p) for p in folder.iterdir() if p.name.startswith(".iop-rules-")]
    return found
