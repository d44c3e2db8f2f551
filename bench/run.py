"""The benchmark: one command, every figure from the same machine in the same run.

    .venv/bin/python bench/run.py [--n 2000] [--sizes 1000,10000,50000] [--quick]

Prints a table and writes bench/out/results.json.  Speed is reported as
ratios against baselines measured in the same run (the parse floor, a
bare `import yaml, pydantic`, hand-written checks), never as absolute
targets in a test: this machine has 2 cores and is noisy.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import handwritten  # noqa: E402
from bench.generate import generate  # noqa: E402
from iop_rules.engine import available_engines, get_backend  # noqa: E402
from iop_rules.engine.ir import Program, compile_selection  # noqa: E402
from iop_rules.facts import decision_date, derive_facts  # noqa: E402
from iop_rules.loader import LoadedAgreement, _validate  # noqa: E402
from iop_rules.render.json import agreement_dict  # noqa: E402
from iop_rules.results import AgreementReport, build_results  # noqa: E402
from iop_rules.summary import summarise  # noqa: E402
from iop_rules.rulesets import Selection, load_rulesets  # noqa: E402
from iop_rules.yamlpos import parse_yaml, read_text  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
CLI = [sys.executable, "-m", "iop_rules.cli"]
#: bench/out is git-ignored, and a directory walk skips what git ignores: the corpora must still be read.
ALL_FILES = ["--no-respect-gitignore"]


def corpus(n: int) -> Path:
    folder = OUT / f"gen-{n}"
    if not folder.is_dir() or len(list(folder.glob("*.yaml"))) != n:
        generate(folder, n, seed=1)
    return folder


def parse_floor(files: list[Path]) -> float:
    """Agreements per second: reading and parsing with PyYAML's CSafeLoader alone."""
    t = time.perf_counter()
    for f in files:
        yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return len(files) / (time.perf_counter() - t)


def audit_rate(folder: Path, n: int, engine: str, jobs: int, env: dict[str, str] | None = None, cached: bool = False) -> float:
    """Agreements per second of a whole `audit` run, start-up included (every file checked unless `cached`)."""
    t = time.perf_counter()
    subprocess.run([*CLI, "audit", str(folder), "--format", "json", "--engine", engine, "--jobs", str(jobs), *ALL_FILES,
                    *(() if cached else ("--no-cache",))],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return n / (time.perf_counter() - t)


def reaudit_rates(folder: Path, n: int, engine: str, jobs: int) -> dict[str, float]:
    """A re-audit of unchanged files: a first run fills a private result cache, the next ones read it (best of 3)."""
    with tempfile.TemporaryDirectory(prefix="iop-rules-bench-cache-") as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        cold = audit_rate(folder, n, engine, jobs, env, cached=True)
        warm = max(audit_rate(folder, n, engine, jobs, env, cached=True) for _ in range(3))
    return {"cold_per_s": cold, "warm_per_s": warm}


def median_wall(cmd: list[str], repeat: int, before: Callable[[int], None] | None = None,
                env: dict[str, str] | None = None) -> float:
    times = []
    for i in range(repeat):
        if before is not None:
            before(i)
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def single_check_wall(source: Path, repeat: int) -> float:
    """What a pre-commit hook pays: one changed file (a result-cache miss), the ruleset library already cached."""
    with tempfile.TemporaryDirectory(prefix="iop-rules-bench-check-") as folder:
        one = Path(folder) / source.name
        text = source.read_text(encoding="utf-8")
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(folder) / "cache")}

        def edit(i: int) -> None:
            one.write_text(f"{text}# edit {i}\n", encoding="utf-8")

        cmd = [*CLI, "check", str(one), "--format", "json"]
        median_wall(cmd, 1, edit, env)  # fills the library cache
        return median_wall(cmd, repeat, lambda i: edit(i + 1), env)


def stages(files: list[Path], engine: str) -> dict[str, float]:
    """Microseconds per agreement for each step of the data flow, best of three passes."""
    library = load_rulesets()
    backend = get_backend(engine)
    best: dict[str, float] = {}
    for _ in range(3):
        spent = dict.fromkeys(["load", "validate", "facts", "select", "evaluate", "results", "render", "handwritten"], 0.0)
        for f in files:
            t0 = time.perf_counter()
            data, positions = parse_yaml(read_text(f), str(f))
            t1 = time.perf_counter()
            loaded: LoadedAgreement = _validate(data, positions, str(f))
            t2 = time.perf_counter()
            a = loaded.agreement
            facts = derive_facts(loaded)
            t3 = time.perf_counter()
            selection = library.select(a.decision.authority if a.decision else None,
                                       a.decision.body if a.decision else None, decision_date(a))
            program = compile_selection(selection)
            t3s = time.perf_counter()  # the selection is the hand-written checks' input too: not part of evaluate
            firings = backend.evaluate(program, facts)
            t4 = time.perf_counter()
            results = build_results(loaded, selection, facts, firings, None)
            t5 = time.perf_counter()
            json.dumps(agreement_dict(AgreementReport(a.id, str(f), selection.ids, {}, tuple(results),
                                                      summarise(loaded, facts)), "sv"))
            t6 = time.perf_counter()
            handwritten.check(facts, selection.params)
            t7 = time.perf_counter()
            for key, dt_ in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t3s - t3, t4 - t3s, t5 - t4, t6 - t5, t7 - t6)):
                spent[key] += dt_
        for key, total in spent.items():
            us = total / len(files) * 1e6
            best[key] = min(best.get(key, us), us)
    return best


def evaluate_vs_handwritten(files: list[Path], engines: list[str], passes: int = 9) -> dict[str, float]:
    """Microseconds per agreement to evaluate, each engine and the hand-written checks taking turns over the
    same facts, median of `passes`: on a shared machine only ratios measured in the same minutes compare.
    CPU time, not wall time, so another process taking the core mid-pass does not count against one of them."""
    library = load_rulesets()
    work = []
    for f in files:
        loaded = _validate(*parse_yaml(read_text(f), str(f)), str(f))
        a = loaded.agreement
        selection = library.select(a.decision.authority if a.decision else None,
                                   a.decision.body if a.decision else None, decision_date(a))
        work.append((derive_facts(loaded), selection, compile_selection(selection)))
    runs: dict[str, Callable[[list, Selection, Program], object]] = {
        **{e: (lambda b: lambda facts, _s, program: b.evaluate(program, facts))(get_backend(e)) for e in engines},
        "handwritten": lambda facts, selection, _p: handwritten.check(facts, selection.params)}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(passes + 1):  # the first pass compiles and warms, and is not counted
        for name, run in runs.items():
            t = time.process_time()
            for facts, selection, program in work:
                run(facts, selection, program)
            times[name].append((time.process_time() - t) / len(work) * 1e6)
    out = {name: statistics.median(ts[1:]) for name, ts in times.items()}
    out.update({f"{e}_vs_handwritten": out[e] / out["handwritten"] for e in engines})
    return out


def peak_memory_mb(folder: Path, jobs: int) -> float:
    """Peak resident memory of an audit (its largest process), in a fresh interpreter."""
    probe = ("import resource, subprocess, sys; "
             f"subprocess.run({[*CLI, 'audit', str(folder), '--format', 'json', '--jobs', str(jobs), '--no-cache', *ALL_FILES]!r}, "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="agreements for the throughput runs")
    parser.add_argument("--sizes", default="1000,10000,50000", help="N for the memory runs")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.n, args.sizes = 300, "300,1000"
    cores = os.cpu_count() or 1
    engines = available_engines()
    folder = corpus(args.n)
    files = sorted(folder.glob("*.yaml"))
    results: dict = {"machine": {"cores": cores, "python": sys.version.split()[0], "platform": sys.platform},
                     "n": args.n, "engines": engines}

    floor = parse_floor(files)
    results["parse_floor_per_s"] = floor
    results["audit"] = {}
    for engine in engines:
        for jobs in sorted({1, cores}):
            rate = audit_rate(folder, args.n, engine, jobs)
            results["audit"][f"{engine}/{jobs}"] = {"per_s": rate, "per_core_vs_floor": rate / jobs / floor}
    engine = engines[0]
    results["reaudit"] = {**reaudit_rates(folder, args.n, engine, cores), "engine": engine, "jobs": cores}
    results["reaudit"]["warm_vs_floor"] = results["reaudit"]["warm_per_s"] / floor

    bare = median_wall([sys.executable, "-c", "import yaml, pydantic"], 15)
    check = single_check_wall(files[0], 15)
    results["single_check"] = {"seconds": check, "bare_import_seconds": bare, "ratio": check / bare}

    sample = files[: min(len(files), 400)]
    results["stages_us"] = {engine: stages(sample, engine) for engine in engines}
    for engine, s in results["stages_us"].items():
        s["evaluate_vs_handwritten"] = s["evaluate"] / s["handwritten"]
    results["evaluate_us"] = evaluate_vs_handwritten(sample, engines)

    results["peak_memory_mb"] = {}
    for n in (int(x) for x in args.sizes.split(",")):
        results["peak_memory_mb"][str(n)] = peak_memory_mb(corpus(n), cores)

    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)


def print_table(r: dict) -> None:
    print(f"machine: {r['machine']['cores']} cores, Python {r['machine']['python']}; N = {r['n']}")
    print(f"parse floor (CSafeLoader only)      {r['parse_floor_per_s']:9.0f} agreements/s")
    for key, v in r["audit"].items():
        print(f"audit {key:<28} {v['per_s']:9.0f} agreements/s   per core {v['per_core_vs_floor']:5.0%} of the floor")
    w = r["reaudit"]
    print(f"re-audit, cache cold [{w['engine']}/{w['jobs']}]      {w['cold_per_s']:9.0f} agreements/s")
    print(f"re-audit, cache warm [{w['engine']}/{w['jobs']}]      {w['warm_per_s']:9.0f} agreements/s   "
          f"{w['warm_vs_floor']:.1f}x the floor")
    s = r["single_check"]
    print(f"single check                        {s['seconds'] * 1000:9.0f} ms   "
          f"bare import yaml, pydantic {s['bare_import_seconds'] * 1000:.0f} ms   ratio {s['ratio']:.2f}")
    for engine, st in r["stages_us"].items():
        cells = "  ".join(f"{k} {v:.0f}" for k, v in st.items() if k != "evaluate_vs_handwritten")
        print(f"stages µs/agreement [{engine}]: {cells}   evaluate/handwritten {st['evaluate_vs_handwritten']:.1f}x")
    ev = r["evaluate_us"]
    print("evaluate, taking turns (CPU µs/agreement, median): " + ", ".join(
        f"{e} {ev[e]:.0f} ({ev[e + '_vs_handwritten']:.2f}x)" for e in r["engines"]) + f", by hand {ev['handwritten']:.0f}")
    print("peak memory (audit, all cores): " + ", ".join(f"N={n}: {mb:.0f} MB" for n, mb in r["peak_memory_mb"].items()))


if __name__ == "__main__":
    main()
