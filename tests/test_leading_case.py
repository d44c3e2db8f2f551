"""The leading case (HFD 2020 ref. 15, Alingsås/Bräcke): the procurement question is answered first, in every format."""
from __future__ import annotations

import json
import re

import pytest

from tests.conftest import DATA, run_cli

CASE = DATA / "scenarios" / "01-alingsas-ginstgarden" / "agreement.yaml"
MUST_FAIL = {"IOP-LOU-01", "IOP-CRIT-02", "IOP-CRIT-03", "IOP-FIN-02", "IOP-PERIOD-04"}


def test_the_purchase_in_disguise_fails_where_the_law_bites(engine: str) -> None:
    run = run_cli("check", str(CASE), "--format", "json", "--engine", engine)
    by = {r["rule"]: r for r in json.loads(run.out)["agreements"][0]["results"]}
    assert run.code == 1
    assert {rule for rule in MUST_FAIL if by[rule]["verdict"] == "fail"} == MUST_FAIL
    lou = by["IOP-LOU-01"]
    assert lou["severity"] == "error"
    assert "19 kap. 25 a § LOU" in lou["remediation"] and "upphandla" in lou["remediation"]
    assert "marknad" in lou["message"] and "utan gräns" in lou["message"]


def _first_rule(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, text[:2000]
    return found.group(1)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "sarif"])
def test_lou_01_is_the_first_finding(fmt: str) -> None:
    out = run_cli("check", str(CASE), "--format", fmt).out
    if fmt == "text":
        first = _first_rule(r"\n  \S+:\d+: .*?(IOP-[A-Z]+-\d+)", out)
    elif fmt == "markdown":
        first = _first_rule(r"\n- \*\*(IOP-[A-Z]+-\d+)\*\*", out)
    elif fmt == "html":
        first = _first_rule(r'class="finding [^"]*" data-rule="(IOP-[A-Z]+-\d+)"', out)
    else:
        results = json.loads(out)["runs"][0]["results"]
        first = results[0]["ruleId"]
        assert results[0]["level"] == "error"
    assert first == "IOP-LOU-01"
