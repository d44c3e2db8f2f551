"""Start-up of a one-file `check`, as a ratio to a bare `import yaml, pydantic` (issue 16, item 4).

    .venv/bin/python bench/startup.py [--repeat 9] [--file agreements/x.yaml] [--format text] [--bytecode env]

This machine is shared and noisy, so the commands are run interleaved (baseline, check,
check --no-cache, baseline, ...) in the same minutes and each is summarised by its median; only
the ratios mean anything.  CPU seconds (user + system) are shown beside wall seconds because
they suffer less from other processes.  Like a pre-commit hook after an edit, every check
misses the result cache (the file changes between runs) while the ruleset library is already
cached.  The cache folder is a temporary one, so the user's cache is never touched.

Bytecode: an installed package has it; an environment with PYTHONDONTWRITEBYTECODE=1 and an
editable install compiles every module of ours on every run.  `--bytecode cached` (the default)
keeps the bytecode of both commands in a temporary PYTHONPYCACHEPREFIX, as after installing;
`--bytecode env` leaves the environment as it is.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = [sys.executable, "-c", "import yaml, pydantic"]


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def measure(source: Path, repeat: int, fmt: str, bytecode: str = "cached") -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of the baseline, a check and a --no-cache check, interleaved."""
    text = source.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="iop-rules-startup-") as folder:
        one = Path(folder) / source.name
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(folder) / "cache")}
        env.pop("IOP_RULES_DEBUG", None)
        if bytecode == "cached":
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        check = [sys.executable, "-m", "iop_rules.cli", "check", str(one), "--format", fmt]
        commands = {"baseline": BASELINE, "check": check, "no_cache": [*check, "--no-cache"]}
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        one.write_text(text, encoding="utf-8")
        _run(check, env)  # fills the ruleset library cache
        for i in range(repeat):
            for name, cmd in commands.items():
                if name == "check":
                    one.write_text(f"{text}# edit {i}\n", encoding="utf-8")  # a result-cache miss, as after an edit
                runs[name].append(_run(cmd, env))
    return {name: (statistics.median(w for w, _ in times), statistics.median(c for _, c in times)) for name, times in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs of each command (default: 9)")
    parser.add_argument("--file", type=Path, default=ROOT / "agreements" / "lund-im-radrum-2019.yaml")
    parser.add_argument("--format", default="text", help="output format of the check (default: text)")
    parser.add_argument("--bytecode", choices=("cached", "env"), default="cached",
                        help="cached: bytecode kept as after installing (default); env: as the environment says")
    args = parser.parse_args()
    m = measure(args.file, args.repeat, args.format, args.bytecode)
    wall, cpu = m["baseline"]
    print(f"{'':24}{'wall ms':>9}{'ratio':>7}{'cpu ms':>9}{'ratio':>7}")
    for name, label in (("baseline", "import yaml, pydantic"), ("check", "check (library cached)"), ("no_cache", "check --no-cache")):
        w, c = m[name]
        print(f"{label:24}{w * 1000:9.0f}{w / wall:7.2f}{c * 1000:9.0f}{c / cpu:7.2f}")


if __name__ == "__main__":
    main()
