"""The five source agreements get the verdicts of the team's seed table (tests/data/seeds-expected.md)."""
from __future__ import annotations

import json
import re

import pytest

from tests.conftest import AGREEMENTS, DATA, run_cli

COLUMNS = ["lund-kompis-sverige-2019", "lund-im-radrum-2019", "danderyd-kompisbyran-2018",
           "ostersund-hej-framling-2019", "lund-vanskapens-hus-2021"]


def expected_verdicts() -> dict[tuple[str, str], str]:
    """(agreement, rule) -> verdict; dashes are left out, '(not selected)' means no result."""
    want = {}
    for line in (DATA / "seeds-expected.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*((?:IOP|LUND)-[A-Z0-9-]+)\s*\|(.*)\|\s*$", line)
        if not m:
            continue
        for agreement, cell in zip(COLUMNS, (c.strip() for c in m.group(2).split("|"))):
            word = cell.split(" ")[0] if cell else "-"
            if word != "-":
                want[(agreement, m.group(1))] = "absent" if word == "(not" else word
    return want


#: Where the legal review changed a seed verdict on purpose (issue 12), and why. A rule with nothing
#: to check is never a pass; where emptiness is fine, the rule says so as `not_applicable`.
CHANGED_BY_LAW = {
    ("lund-im-radrum-2019", "IOP-FIN-04"): "not_applicable",  # no amount is stated per year: nothing to check
    ("ostersund-hej-framling-2019", "IOP-FIN-04"): "not_applicable",  # idem
    ("ostersund-hej-framling-2019", "IOP-GOAL-02"): "not_applicable",  # no commitments with a comparable measure
}
EXPECTED = expected_verdicts() | CHANGED_BY_LAW


@pytest.fixture(scope="module", params=["durable", "python"])
def seed_results(request: pytest.FixtureRequest) -> dict[tuple[str, str], str]:
    from iop_rules.engine import available_engines
    if request.param not in available_engines():
        pytest.skip(f"engine {request.param} does not import on this Python")
    run = run_cli("check", str(AGREEMENTS), "--format", "json", "--engine", request.param)
    assert run.code == 1, run.err  # the seeds have error-level findings
    data = json.loads(run.out)
    assert data["errors"] == [] and data["engine"] == request.param
    assert sorted(a["id"] for a in data["agreements"]) == sorted(COLUMNS)
    return {(a["id"], r["rule"]): r["verdict"] for a in data["agreements"] for r in a["results"]}


def test_expected_table_is_read() -> None:
    assert len(EXPECTED) >= 110


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: f"{k[0]}:{k[1]}")
def test_seed_verdict(seed_results: dict[tuple[str, str], str], key: tuple[str, str]) -> None:
    assert seed_results.get(key, "absent") == EXPECTED[key]


def test_forcing_the_2017_guidelines_fails_vanskapens_hus(engine: str) -> None:
    run = run_cli("check", str(AGREEMENTS / "lund-vanskapens-hus-2021.yaml"), "--format", "json",
                  "--ruleset", "lund-socialnamnd-2017", "--engine", engine, "--lang", "sv")
    data = json.loads(run.out)
    (result,) = [r for r in data["agreements"][0]["results"] if r["rule"] == "IOP-PERIOD-02"]
    assert result["verdict"] == "fail"
    assert result["message"] == "Överenskommelsen gäller 27 månader; riktlinjerna tillåter högst 24 månader."
    assert result["evidence"] == {"duration_max_months": 27, "duration_min_months": 27, "max_duration_months": 24}
    assert data["agreements"][0]["rulesets"] == ["iop-core", "lund-socialnamnd-2017"]
