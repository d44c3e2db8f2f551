"""Rulesets: refused with path:line when wrong, selected by authority, body and date."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iop_rules import IopError, load_rulesets
from tests.conftest import RULESETS, run_cli

RULE = """\
id: broken
title: t
citation: c
parameters:
  limit: {value: 3, reference: "§ 1"}
rules:
  - id: X-RULE-01
    severity: error
    title: {sv: t, en: t}
    citation: c
    remediation: {sv: r, en: r}
    message: {sv: m, en: m}
    expect: EXPECT
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("expect, fragment", [
    ("{field: duration_months, about: 3}", "unknown operator 'about'"),
    ("{field: duration_month, le: 3}", "unknown field 'duration_month' of fact type 'agreement' (did you mean 'duration_months'?)"),
    ("{field: duration_months, le: {param: limt}}", "unknown parameter 'limt'"),
    ("{field: payment_stated, lt: true}", "cannot order a bool field"),
    ("{field: start_date, ge: 'not a date'}", "is not an ISO date"),
])
def test_bad_condition_is_refused_with_its_line(tmp_path: Path, expect: str, fragment: str) -> None:
    path = _write(tmp_path, RULE.replace("EXPECT", expect))
    with pytest.raises(IopError) as info:
        load_rulesets([path])
    assert fragment in info.value.message
    assert info.value.line == 13 and info.value.path == str(path)


def test_duplicate_rule_id_is_refused(tmp_path: Path) -> None:
    body = RULE.replace("EXPECT", "{field: duration_months, le: 3}")
    rule = body[body.index("  - id:"):]
    path = _write(tmp_path, body + rule)
    with pytest.raises(IopError) as info:
        load_rulesets([path])
    assert "duplicate rule ID 'X-RULE-01' (first on line 7)" in info.value.message
    assert info.value.line == 14


def test_cli_refuses_a_bad_ruleset_before_checking(tmp_path: Path) -> None:  # it extends the shipped iop-core
    _write(tmp_path, RULE.replace("EXPECT", "{field: nope, eq: 1}"))
    agreement = tmp_path / "agreements" / "a.yaml"
    agreement.parent.mkdir()
    agreement.write_text("id: a\n", encoding="utf-8")
    run = run_cli("check", str(agreement), "--rulesets-dir", str(tmp_path), "--format", "json")
    assert run.code == 2 and run.out == ""
    assert run.err.strip() == (f"{tmp_path / 'broken.yaml'}:13:21: unknown field 'nope' of fact type 'agreement', "
                               "expected a field listed in docs/facts.md")


def test_shipped_rulesets_examples_pass(engine: str) -> None:
    run = run_cli("test", "--engine", engine)
    assert run.code == 0, run.out
    passed = int(run.out.strip().splitlines()[-1].split()[0])
    assert passed >= 80


def test_a_broken_example_is_reported(tmp_path: Path) -> None:
    core = (RULESETS / "iop-core.yaml").read_text(encoding="utf-8")
    core = core.replace("expect: {IOP-PERIOD-03: fail}", "expect: {IOP-PERIOD-03: pass}", 1)
    (tmp_path / "iop-core.yaml").write_text(core, encoding="utf-8")
    run = run_cli("test", "--rulesets-dir", str(tmp_path), "--no-shipped-rulesets")
    assert run.code == 1
    assert "IOP-PERIOD-03 example 'six months': IOP-PERIOD-03: expected pass, got fail" in run.out


@pytest.mark.parametrize("day, chosen", [
    (dt.date(2017, 8, 22), ("iop-core",)),
    (dt.date(2017, 8, 23), ("iop-core", "lund-socialnamnd-2017")),
    (dt.date(2020, 11, 10), ("iop-core", "lund-socialnamnd-2017")),
    (dt.date(2020, 11, 11), ("iop-core", "lund-socialnamnd-2020")),
])
def test_selection_by_decision_date(day: dt.date, chosen: tuple[str, ...]) -> None:
    library = load_rulesets()
    assert library.select("Lunds kommun", "Socialnämnden", day).ids == chosen


def test_other_authority_gets_only_the_core() -> None:
    library = load_rulesets()
    assert library.select("Östersunds kommun", None, dt.date(2019, 4, 1)).ids == ("iop-core",)
    assert library.select("Lunds kommun", "kommunstyrelsen", dt.date(2019, 4, 1)).ids == ("iop-core",)


def test_forced_ruleset_brings_what_it_extends() -> None:
    library = load_rulesets()
    sel = library.select("Östersunds kommun", None, None, forced="lund-socialnamnd-2017")
    assert sel.ids == ("iop-core", "lund-socialnamnd-2017")
    assert sel.params["max_duration_months"] == 24
    assert sel.parameter("max_duration_months").reference.startswith("Riktlinjer 2017-08-23")
