"""Legal scenarios: one situation each, with the verdicts a Swedish legal reviewer expects.

Each `tests/data/scenarios/NAME/expected.yaml` was written from the law and the rule catalogue
by a reviewer who never ran the tool; `agreement.yaml` beside it is the situation.  Every pinned
verdict must hold on every engine.  Where the tool and the scenario disagreed and the scenario
was right, the tool was changed; where the scenario asked for a judgement the rules cannot make,
`judgement:` says so and that rule is not pinned (see docs/catalogue.md).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from iop_rules.engine import get_backend
from iop_rules.loader import load_agreement
from iop_rules.rulesets import load_rulesets
from iop_rules.runner import check_loaded
from tests.conftest import DATA

SCENARIOS = sorted(p for p in (DATA / "scenarios").iterdir() if p.is_dir())
LIBRARY = load_rulesets()
#: Scenario expectations the catalogue decides otherwise, each with the reason (docs/catalogue.md).
OVERRULED: dict[tuple[str, str], tuple[str, str]] = {
    ("38-under-troskel-per-deltagare-samfinansiering", "IOP-LOU-01"): (
        "unknown", "the file cannot tie the 300 000 kr ceiling to the rate per participant, so the value LOU counts is "
                   "not known; the scenario's author names unknown as defensible"),
}


def _expected(scenario: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((scenario / "expected.yaml").read_text(encoding="utf-8"))
    return data


def _cases() -> list[tuple[str, str, str, str]]:
    out = []
    for s in SCENARIOS:
        for rule, want in _expected(s)["expect"].items():
            out.append((s.name, rule, want["verdict"], want.get("why", "")))
    return out


def test_there_are_at_least_thirty_scenarios_with_reasons() -> None:
    assert len(SCENARIOS) >= 30
    for s in SCENARIOS:
        e = _expected(s)
        assert e["situation"] and e["law"] and e["expect"], s.name
        assert all(w.get("why") for w in e["expect"].values()), s.name


_REPORTS: dict[tuple[str, str], dict[str, str]] = {}


def _verdicts(name: str, engine: str) -> dict[str, str]:
    if (name, engine) not in _REPORTS:
        scenario = DATA / "scenarios" / name
        e = _expected(scenario)
        as_of = dt.date.fromisoformat(str(e["as_of"])) if e.get("as_of") else None
        report = check_loaded(load_agreement(str(scenario / "agreement.yaml")), LIBRARY, get_backend(engine),
                              as_of, e.get("ruleset"))
        _REPORTS[(name, engine)] = {r.rule: r.verdict for r in report.results}
    return _REPORTS[(name, engine)]


@pytest.mark.parametrize(("name", "rule", "want", "why"), _cases(), ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "")
def test_scenario_verdict(engine: str, name: str, rule: str, want: str, why: str) -> None:
    if (name, rule) in OVERRULED:
        want = OVERRULED[(name, rule)][0]
    got = _verdicts(name, engine).get(rule, "absent")
    assert got == want, f"{name} {rule}: expected {want} ({why}), got {got}"
