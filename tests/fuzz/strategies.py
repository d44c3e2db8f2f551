"""What the fuzzer draws: nasty agreement files, mutations of the shipped ones, and command lines.

Values are drawn at the edges the campaign of issue 14 found: dates at the ends of the calendar,
numbers at the ends of what the engines compare (and YAML 1.1's octal, base-60 and timestamp forms),
huge lists, and control characters that could reach a terminal, a spreadsheet or a calendar.
"""
from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

from tests.conftest import AGREEMENTS
from tests.strategies import agreements

#: What a mutation inserts into a line: YAML syntax, tags and anchors, control characters, a BOM.
NASTY_CHARACTERS = ["\t", "\x1b", "\r", "\x00", "\ufeff", "&a ", "*a", "!!python/name:os.system ", ": ", "[", "{", "\"", "'",
                    "#", "\\u"]

SHIPPED = {p.name: p.read_text(encoding="utf-8") for p in sorted(AGREEMENTS.glob("*.yaml"))}

EDGE_DATES = ["9999-12-31", "0001-01-01", "2999-12-31", "3000-01-01", "1900-01-01", "1899-12-31", "2020-02-29",
              "2019-02-29", "2019-13-01", "2019-00-10", "20190701", "2019-7-1", "2019-07-01T00:00:00"]
#: Raw YAML tokens, written unquoted: the YAML 1.1 forms, numbers at every edge, things that are not numbers.
EDGE_NUMBERS = ["0", "-1", "-0", "9007199254740992", "9007199254740993", "18446744073709551616", "1" + "0" * 400,
                "10000000", "1e-05", "1.0e+308", "1e309", "-1.5", "0.1", ".inf", "-.inf", ".nan", "0100000", "0o17",
                "0x7fffffffffffffff", "0b101", "1:30", "190:20:30", "1_000_000", "0625011200", "1625011200", "~",
                "true", "no", "on", "'12'", "[]", "{}"]
NASTY_TEXT = ["\x1b[2J\x1b[31mFEL", "rad\rÖVERSKRIVEN", "ny\nrad: forged", "=HYPERLINK(\"http://x\")", "+1+1",
              "-2", "@SUM(A1)", "\tTAB", "\u2028sep", "\u2029para", "\x85nel", "\u202eevil", "\x00nul", "\x07bell",
              "END:VEVENT\rBEGIN:VEVENT", "<script>alert(1)</script>", "[x](javascript:alert(1))", "`code`",
              "![img](http://track/x.png)", "a" * 5000, "ä" * 2000, "\U0001f600", "\ufeffbom", "'\"", "\\", "{{x}}",
              "{report_gap_sv}", "%s%n", "${HOME}"]


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:  # type: ignore[type-arg]
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _leaves(v, (*path, i))
    else:
        out.append(path)
    return out


def _lists(node: Any, path: tuple = ()) -> list[tuple]:  # type: ignore[type-arg]
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _lists(v, (*path, k))
    elif isinstance(node, list):
        if node:
            out.append(path)
        for i, v in enumerate(node):
            out += _lists(v, (*path, i))
    return out


def _set(node: Any, path: tuple, value: Any) -> None:  # type: ignore[type-arg]
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _get(node: Any, path: tuple) -> Any:  # type: ignore[type-arg]
    for part in path:
        node = node[part]
    return node


@st.composite
def nasty_agreement_text(draw: st.DrawFn) -> str:
    """A generated agreement (tests/strategies) with a few leaves replaced by edge values, as YAML text."""
    data = yaml.safe_load(yaml.safe_dump(draw(agreements()), allow_unicode=True, sort_keys=False))
    raw: dict[str, str] = {}
    leaves = _leaves(data)
    for n in range(draw(st.integers(0, 4)) if leaves else 0):
        path = draw(st.sampled_from(leaves))
        kind = draw(st.sampled_from(["date", "number", "text", "text"]))
        if kind == "text":
            _set(data, path, draw(st.sampled_from(NASTY_TEXT)))
        else:
            marker = f"RAWTOKEN{n}X"
            raw[marker] = draw(st.sampled_from(EDGE_DATES if kind == "date" else EDGE_NUMBERS))
            _set(data, path, marker)
    lists = _lists(data)
    if lists and draw(st.integers(0, 5)) == 0:  # a huge list: linear work or a clear bound, never minutes
        path = draw(st.sampled_from(lists))
        items = _get(data, path)
        _set(data, path, items * (draw(st.sampled_from([200, 2000, 6000])) // len(items) + 1))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    for marker, token in raw.items():
        text = text.replace(f"'{marker}'", token).replace(marker, token)
    return text


@st.composite
def mutated_shipped(draw: st.DrawFn) -> tuple[str, str]:
    """A shipped agreement with a few line-level mutations: what an unlucky edit does to a real file."""
    name = draw(st.sampled_from(sorted(SHIPPED)))
    lines = SHIPPED[name].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "value", "value", "char", "indent", "truncate"]))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "value" and ": " in line:
            key, _, _ = line.partition(": ")
            token = draw(st.sampled_from(EDGE_DATES + EDGE_NUMBERS + [repr(t) for t in NASTY_TEXT[:12]]))
            lines[i] = f"{key}: {token}\n"
        elif op == "char":
            at = draw(st.integers(0, max(0, len(line) - 1)))
            lines[i] = line[:at] + draw(st.sampled_from(NASTY_CHARACTERS)) + line[at:]
        elif op == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "    ", "\t"])) + line.lstrip(" ")
        elif op == "truncate":
            del lines[i:]
    return name, "".join(lines)


AS_OF = ["2020-01-01", "today", "2999-12-31", "9999-12-31", "0001-01-01", "2019-02-29", "x", ""]
FORMATS = ["text", "json", "csv", "ics", "sarif", "junit", "markdown", "html"]


@st.composite
def command_lines(draw: st.DrawFn) -> dict[str, Any]:
    """A command line as a plan: the command, its options and which special paths to name (made by the test)."""
    command = draw(st.sampled_from(["check", "audit"]))
    plan: dict[str, Any] = {"command": command, "options": [], "paths": [], "output": None, "calendar": None,
                            "baseline": None, "rulesets_dir": None}
    specials = ["good", "good", "shipped-dir", "dir", "missing", "fifo", "dev-zero", "dev-null", "loop", "broken",
                "non-utf8", "hidden-dir", "empty-dir", "bad", "edge-date", "same-twice"]
    plan["paths"] = draw(st.lists(st.sampled_from(specials), min_size=1, max_size=4))
    options = plan["options"]
    if draw(st.booleans()):
        options += ["--format", draw(st.sampled_from(FORMATS))]
    if draw(st.booleans()):
        options += ["--lang", draw(st.sampled_from(["sv", "en"]))]
    if draw(st.booleans()):
        options += ["--fail-on", draw(st.sampled_from(["error", "warning", "info", "never"]))]
    if draw(st.integers(0, 3)) == 0:
        options += ["--exit-zero"]
    if draw(st.booleans()):
        options += ["--engine", draw(st.sampled_from(["python", "durable"]))]
    if draw(st.integers(0, 3)) == 0:
        options += ["--ruleset", draw(st.sampled_from(["iop-core", "lund-socialnamnd-2017", "nope"]))]
    if draw(st.booleans()):
        options += ["--as-of", draw(st.sampled_from(AS_OF))]
    if command == "audit" and draw(st.booleans()):
        options += ["--jobs", draw(st.sampled_from(["1", "2", "64", "100000", "0", "-3", "x"]))]
    if command == "audit" and draw(st.integers(0, 2)) == 0:
        plan["calendar"] = draw(st.sampled_from(["new", "new", "input", "same-as-output", "dir", "dev-null"]))
    if draw(st.integers(0, 2)) == 0:
        plan["output"] = draw(st.sampled_from(["new", "new", "existing", "input", "dir", "dev-null", "symlink",
                                               "missing-dir", "non-utf8"]))
    if draw(st.integers(0, 3)) == 0:
        plan["baseline"] = draw(st.sampled_from(["report", "deep", "dir", "dev-zero", "fifo", "missing", "garbage"]))
    if draw(st.integers(0, 3)) == 0:
        plan["rulesets_dir"] = draw(st.sampled_from(["shipped-copy", "empty", "missing", "with-fifo", "with-dev-zero",
                                                     "with-bad"]))
    return plan


def edge_date_agreement() -> str:
    return SHIPPED[sorted(SHIPPED)[0]].replace("end: 2019-12-31", "end: 9999-12-31")

