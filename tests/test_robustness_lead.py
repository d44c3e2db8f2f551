"""Issue 14 cases whose fix belongs in files the robustness pass does not own (facts, rulesets, engines, model).

They were pinned as strict xfails until their fixes landed; a new one is pinned the same way, with
the file and the reason, and its mark goes when it passes.  Meanwhile the CLI's safety net keeps
each to one line and exit 2 (never a traceback, never a lost batch): see tests/test_robustness.py.
Every run is bounded in time, so a quadratic case costs its bound, not minutes.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import AGREEMENTS, ENGINES, RULESETS, run_cli
from tests.test_bad_input import GOOD, LINE

KOMPIS = AGREEMENTS / "lund-kompis-sverige-2019.yaml"


def _rules_with(tmp_path: Path, text: str) -> Path:
    """A rulesets folder: the shipped ones (linked, so they are the shipped files whether or not the CLI adds
    those beside --rulesets-dir) and one more."""
    rules = tmp_path / "rules"
    rules.mkdir()
    for shipped in RULESETS.glob("*.yaml"):
        (rules / shipped.name).symlink_to(shipped.resolve())
    (rules / "zz-extra.yaml").write_text(text, encoding="utf-8")
    return rules


def _rule(rule_id: str, expect: str, params: str = "") -> str:
    return (f"  - id: {rule_id}\n    severity: info\n    title: {{sv: t, en: t}}\n    citation: c\n"
            f"    remediation: {{sv: r, en: r}}\n    expect: {expect}\n    message: {{sv: m, en: m}}\n")


def _ruleset(rules: str, params: str = "", extends: str = "iop-core", rid: str = "zz-extra") -> str:
    head = f"id: {rid}\ntitle: extra\ncitation: c\nauthority: Zkommun\nextends: {extends}\n"
    return head + (f"parameters:\n{params}" if params else "") + f"rules:\n{rules}"


def _bounded(*args: str, timeout: float = 20):  # type: ignore[no-untyped-def]
    try:
        return run_cli(*args, timeout=timeout, memory_mb=2048)
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer within {timeout} s")


def _same_on_every_engine(*args: str) -> None:
    outs = {}
    for engine in ENGINES:
        run = _bounded(*args, "--format", "json", "--engine", engine)
        assert run.code in (0, 1) and run.err == "", run.err
        data = json.loads(run.out)
        data.pop("engine")
        outs[engine] = data
    assert len({json.dumps(v, sort_keys=True) for v in outs.values()}) == 1


@pytest.mark.parametrize("expect", ["{field: [duration_months], le: 12}", "{field: duration_months, le: {param: {a: 1}}}",
                                    "{any: [{param: [tiny], present: true}]}", "{field: {field: duration_months}, le: 1}"])
def test_a_ruleset_with_an_unhashable_field_is_one_located_line(tmp_path: Path, expect: str) -> None:
    params = "  tiny:\n    value: 1\n    reference: r\n"
    rules = _rules_with(tmp_path, _ruleset(_rule("ZZ-A-01", expect), params))
    run = _bounded("check", str(KOMPIS), "--rulesets-dir", str(rules))
    m = LINE.match(run.err.strip())
    expect_line = (rules / "zz-extra.yaml").read_text(encoding="utf-8").splitlines().index(f"    expect: {expect}") + 1
    assert run.code == 2 and m and m["path"].endswith("zz-extra.yaml") and int(m["line"]) == expect_line, run.err
    assert "takes one" in m["msg"] and "name" in m["msg"], run.err


def test_three_hundred_rules_work_on_every_engine(tmp_path: Path) -> None:
    rules = "".join(_rule(f"ZZ-R-{i:03}", "{field: duration_months, le: 1000}") for i in range(300))
    text = _ruleset(rules).replace("authority: Zkommun\n", "")
    rules_dir = _rules_with(tmp_path, text)
    _same_on_every_engine("check", str(KOMPIS), "--rulesets-dir", str(rules_dir), "--ruleset", "zz-extra")


def test_a_small_float_parameter_works_on_every_engine(tmp_path: Path) -> None:
    params = "  tiny:\n    value: 1.0e-05\n    reference: r\n"
    text = _ruleset(_rule("ZZ-F-01", "{field: duration_months, ge: {param: tiny}}"), params).replace(
        "authority: Zkommun\n", "")
    rules = _rules_with(tmp_path, text)
    _same_on_every_engine("check", str(KOMPIS), "--rulesets-dir", str(rules), "--ruleset", "zz-extra")


def _big(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_cash_by_year_is_linear_in_entries(tmp_path: Path) -> None:  # was quadratic in facts.py (2,000 entries ≈ 140 s)
    lines = "".join("  - {payer: kommun, kind: cash, amount: 1000, per: year, covers: {start: 1900-01-01, "
                    "end: 2999-12-31}}\n" for _ in range(2_000))
    run = _bounded("check", str(_big(tmp_path, GOOD + "funding:\n" + lines)), timeout=30)  # wall time on a shared machine; quadratic took minutes
    assert run.code in (0, 1), run.err


def test_many_parties_and_funding_entries_are_linear(tmp_path: Path) -> None:
    n = 6_000
    parties = "".join(f"  - {{id: p{i}, role: idea_based, name: P{i}}}\n" for i in range(n))
    funding = "".join(f"  - {{payer: P{i}, kind: in_kind}}\n" for i in range(n))
    text = GOOD.replace("parties:\n", "parties:\n" + parties) + "funding:\n" + funding
    run = _bounded("check", str(_big(tmp_path, text)), timeout=30)  # wall time on a shared machine; quadratic took minutes
    assert run.code in (0, 1), run.err
