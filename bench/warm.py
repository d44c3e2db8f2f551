"""A warm re-audit against the parse floor: what an unchanged portfolio costs to audit again.

    .venv/bin/python bench/warm.py [--n 2000] [--rounds 5] [--formats json,text]

A private result cache is filled by one audit, then warm audits (every file a hit) and the
CSafeLoader parse of the same files are timed in turns, in this process, as CPU time
(`time.process_time`): the machine is shared and noisy, and interleaving keeps a slow moment
from favouring one side.  The command line itself (`iop_rules.cli.main`) is what runs, with
its output sent to /dev/null; imports are paid once before timing, as in a long-lived process
the start-up is not what a hit costs.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import corpus  # noqa: E402
from iop_rules.cli import main as cli_main  # noqa: E402


def floor_seconds(files: list[Path]) -> float:
    t = time.process_time()
    for f in files:
        yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.process_time() - t


def audit_seconds(folder: Path, fmt: str, extra: tuple[str, ...] = ()) -> float:
    argv = ["audit", str(folder), "--format", fmt, "--jobs", "1", "--no-respect-gitignore", "--isolated",
            "--exit-zero", "--progress", "never", *extra]
    with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        t = time.process_time()
        cli_main(argv)
        return time.process_time() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--formats", default="json,text")
    args = parser.parse_args()
    folder = corpus(args.n)
    files = sorted(folder.glob("*.yaml"))
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory(prefix="iop-rules-warm-") as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        cold = audit_seconds(folder, formats[0])
        floors: list[float] = []
        warm: dict[str, list[float]] = {fmt: [] for fmt in formats}
        nocache: list[float] = []
        for _ in range(args.rounds):
            floors.append(floor_seconds(files))
            for fmt in formats:
                warm[fmt].append(audit_seconds(folder, fmt))
        nocache.append(audit_seconds(folder, formats[0], ("--no-cache",)))
    floor = statistics.median(floors)
    n = len(files)
    print(f"N = {n}; CPU seconds, median of {args.rounds} interleaved rounds")
    print(f"parse floor (CSafeLoader)       {floor:7.3f} s   {floor / n * 1e6:6.0f} µs/agreement")
    print(f"cold audit ({formats[0]}, fills cache)   {cold:7.3f} s   {cold / n * 1e6:6.0f} µs/agreement")
    print(f"no-cache audit ({formats[0]})          {nocache[0]:7.3f} s   {nocache[0] / n * 1e6:6.0f} µs/agreement")
    for fmt, times in warm.items():
        t = statistics.median(times)
        print(f"warm audit --format {fmt:<6}      {t:7.3f} s   {t / n * 1e6:6.0f} µs/agreement   "
              f"{floor / t:5.2f}x the floor's rate")


if __name__ == "__main__":
    main()
