"""The fuzz tests: every generated case run through the CLI, bounded, against the README's promises.

Short by default (the normal suite, < 60 s together); `IOP_FUZZ_EXAMPLES=N` for the long run (see __init__).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, note, strategies as st

from tests.conftest import AGREEMENTS, ENGINES, RULESETS
from tests.fuzz.harness import assert_promises, fuzz_settings, leftovers, normalised, run_bounded
from tests.fuzz.strategies import SHIPPED, command_lines, edge_date_agreement, mutated_shipped, nasty_agreement_text


def _engines_agree_and_order_does_not_matter(folder: Path, names: list[str], extra: list[str]) -> None:
    """Check the files with every engine, each engine naming them in another order: one report."""
    outputs = {}
    for n, engine in enumerate(ENGINES):
        ordered = names if n % 2 == 0 else list(reversed(names))
        ran = run_bounded(["check", *ordered, "--format", "json", "--engine", engine, *extra], cwd=folder)
        assert_promises(ran, json_out=True)
        outputs[engine] = normalised(ran)
    first = next(iter(outputs.values()))
    for engine, out in outputs.items():
        assert out == first, f"{engine} differs from {ENGINES[0]} on {names} {extra}"
    assert not leftovers(folder)


@fuzz_settings(short=4)
@given(st.lists(nasty_agreement_text(), min_size=1, max_size=3), st.sampled_from([[], ["--as-of", "2021-03-01"]]))
def test_generated_agreements_keep_the_promises(texts: list[str], extra: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="iop-fuzz-") as tmp:
        folder = Path(tmp)
        names = []
        for i, text in enumerate(texts):
            name = f"a{i}.yaml"
            (folder / name).write_text(text, encoding="utf-8")
            names.append(name)
            note(f"{name}:\n{text[:4000]}")
        _engines_agree_and_order_does_not_matter(folder, names, extra)


@fuzz_settings(short=4)
@given(st.lists(mutated_shipped(), min_size=1, max_size=3))
def test_mutated_shipped_agreements_keep_the_promises(mutants: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory(prefix="iop-fuzz-") as tmp:
        folder = Path(tmp)
        names = []
        for i, (source, text) in enumerate(mutants):
            name = f"m{i}-{source}"
            (folder / name).write_text(text, encoding="utf-8")
            names.append(name)
            note(f"{name}:\n{text}")
        _engines_agree_and_order_does_not_matter(folder, names, ["--as-of", "2020-05-15"])


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None


def _build(plan: dict[str, Any], root: Path) -> tuple[list[str | bytes], list[Path]]:
    """The special files a plan names, made under `root`; returns the argument list and the inputs to protect."""
    good = root / "good.yaml"
    good.write_text(SHIPPED[sorted(SHIPPED)[2]], encoding="utf-8")
    # good.yaml is an input (never to be written over) only when the run reads it; else -o may replace it
    inputs = [good] if {"good", "same-twice"} & set(plan["paths"]) else []
    args: list[str | bytes] = [plan["command"]]
    for kind in plan["paths"]:
        target: str | bytes
        if kind == "good":
            target = str(good)
        elif kind == "same-twice":
            target = str(root / "." / "good.yaml")
        elif kind == "shipped-dir":
            target = str(AGREEMENTS)
        elif kind == "dir":
            d = root / "dir"
            if not d.exists():
                d.mkdir()
                (d / "x.yaml").write_text(SHIPPED[sorted(SHIPPED)[0]], encoding="utf-8")
                (d / ".hidden.yaml").write_text("not: [valid", encoding="utf-8")
                inputs.append(d / "x.yaml")
            target = str(d)
        elif kind == "missing":
            target = str(root / "missing.yaml")
        elif kind == "fifo":
            f = root / "fifo.yaml"
            if not f.exists():
                os.mkfifo(f)
            target = str(f)
        elif kind == "dev-zero":
            target = "/dev/zero"
        elif kind == "dev-null":
            target = "/dev/null"
        elif kind == "loop":
            loop = root / "loop.yaml"
            if not loop.is_symlink():
                loop.symlink_to(loop)
            target = str(loop)
        elif kind == "broken":
            link = root / "broken.yaml"
            if not link.is_symlink():
                link.symlink_to(root / "gone.yaml")
            target = str(link)
        elif kind == "non-utf8":
            raw = os.fsencode(str(root)) + b"/\xe9\x1b.yaml"
            with open(raw, "wb") as fh:
                fh.write(SHIPPED[sorted(SHIPPED)[1]].encode())
            target = raw
        elif kind == "hidden-dir":
            d = root / ".hidden"
            d.mkdir(exist_ok=True)
            (d / "h.yaml").write_text(SHIPPED[sorted(SHIPPED)[3]], encoding="utf-8")
            inputs.append(d / "h.yaml")
            target = str(d)
        elif kind == "empty-dir":
            d = root / "empty"
            d.mkdir(exist_ok=True)
            target = str(d)
        elif kind == "bad":
            b = root / "bad.yaml"
            b.write_text("id: bad\nperiod: {start: 2019-01-01, end: 2019-02-30}\n", encoding="utf-8")
            inputs.append(b)
            target = str(b)
        else:  # edge-date
            e = root / "edge.yaml"
            e.write_text(edge_date_agreement(), encoding="utf-8")
            inputs.append(e)
            target = str(e)
        args.append(target)
    args += plan["options"]
    places = {"new": root / "out" / "report", "existing": root / "out" / "old-report", "input": good,
              "dir": root / "out", "dev-null": Path("/dev/null"), "symlink": root / "out" / "link",
              "missing-dir": root / "nowhere" / "report"}
    (root / "out").mkdir(exist_ok=True)
    (root / "out" / "old-report").write_text("old")
    if not (root / "out" / "link").is_symlink():
        (root / "out" / "link").symlink_to(root / "out" / "old-report")
    if plan["output"] == "non-utf8":
        args += ["-o", os.fsencode(str(root / "out")) + b"/r\xe9port"]
    elif plan["output"]:
        args += ["-o", str(places[plan["output"]])]
    if plan["calendar"]:
        cal = places.get(plan["calendar"]) or (places[plan["output"]] if plan["output"] in places else root / "cal.ics")
        args += ["--calendar", str(root / "cal.ics" if plan["calendar"] == "new" else cal)]
    if plan["baseline"]:
        base = root / "baseline.json"
        kind = plan["baseline"]
        if kind == "report":
            base.write_text('{"agreements": [{"id": "x", "results": [{"rule": "IOP-PERIOD-02", "verdict": "fail"}]}]}')
        elif kind == "deep":
            base.write_text("[" * 100_000)
        elif kind == "fifo" and not base.exists():
            os.mkfifo(base)
        elif kind == "garbage":
            base.write_bytes(b"\xff\xfe{")
        target = {"dir": str(root), "dev-zero": "/dev/zero", "missing": str(root / "nope.json")}.get(kind, str(base))
        args += ["--baseline", target]
        if Path(target).is_file():
            inputs.append(Path(target))
    if plan["rulesets_dir"]:
        rules = root / "rules"
        kind = plan["rulesets_dir"]
        if kind != "missing" and not rules.exists():
            rules.mkdir()
            if kind != "empty":
                for f in RULESETS.glob("*.yaml"):
                    shutil.copy(f, rules / f.name)
                    inputs.append(rules / f.name)
            if kind == "with-fifo":
                os.mkfifo(rules / "zz.yaml")
            elif kind == "with-dev-zero":
                (rules / "zz.yaml").symlink_to("/dev/zero")
            elif kind == "with-bad":
                (rules / "zz.yaml").write_text("id: zz\nrules: [{id: 1}]\n")
        args += ["--rulesets-dir", str(rules)]
    return args, inputs


@fuzz_settings(short=8)
@given(command_lines())
def test_command_lines_keep_the_promises(plan: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="iop-fuzz-") as tmp:
        root = Path(tmp)
        args, inputs = _build(plan, root)
        before = {p: _digest(p) for p in inputs}
        note(f"plan: {plan}\nargs: {[os.fsdecode(a) for a in args]}")
        ran = run_bounded(args, cwd=root)
        assert_promises(ran, json_out="--format" in args and args[args.index("--format") + 1] == "json"
                        and "-o" not in args)
        for p, digest in before.items():
            assert _digest(p) == digest, f"input {p} changed"
        assert not leftovers(root, root / "out"), "a temporary file was left behind"
        assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
        assert (root / "out" / "link").is_symlink()
