"""The long fuzz run: the fuzz tests again and again with fresh seeds, until a deadline; failures logged.

    nice -n 19 .venv/bin/python -m tests.fuzz.long_run --minutes 60 --examples 200 --log fuzz-log

Each round is `IOP_FUZZ_EXAMPLES=<examples> pytest tests/fuzz` (random seeds, no example database),
its output kept in the log folder when it fails.  At the end the CPU time used (this process and
every CLI run under it) and the failing rounds are printed.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--examples", type=int, default=200)
    parser.add_argument("--log", default="fuzz-log")
    args = parser.parse_args()
    log = Path(args.log)
    log.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.minutes * 60
    rounds = failures = 0
    env = {**os.environ, "IOP_FUZZ_EXAMPLES": str(args.examples)}
    while time.monotonic() < deadline:
        rounds += 1
        budget = max(60.0, deadline - time.monotonic() + 120)
        try:
            proc = subprocess.run([sys.executable, "-m", "pytest", "tests/fuzz", "-p", "no:cacheprovider", "-q",
                                   "--hypothesis-show-statistics"], cwd=ROOT, env=env, capture_output=True,
                                  text=True, timeout=budget)
            output, code = proc.stdout + proc.stderr, proc.returncode
        except subprocess.TimeoutExpired as exc:
            output, code = f"round timed out\n{exc.stdout or ''}", -1
        if code != 0:
            failures += 1
            (log / f"round-{rounds:03}.txt").write_text(output, encoding="utf-8")
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"round {rounds}: exit {code}; CPU so far {usage.ru_utime + usage.ru_stime:.0f} s", flush=True)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"{rounds} rounds, {failures} failing; CPU {usage.ru_utime + usage.ru_stime:.0f} s; log in {log}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
