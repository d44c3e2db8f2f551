"""No verdict rests on nothing: an agreement that states no parties, no funding and no signatures passes no rule."""
from __future__ import annotations

import datetime as dt

import pytest

from iop_rules.engine import get_backend
from iop_rules.loader import parse_agreement
from iop_rules.rulesets import load_rulesets
from iop_rules.runner import check_loaded

LIBRARY = load_rulesets()
EMPTY = {
    "draft": "id: empty\n",
    "signed": "id: empty\ndocument: {status: signed}\n",
    "decided": "id: empty\ndecision: {authority: Lunds kommun, body: socialnämnden, date: 2021-06-01}\n",
}


@pytest.mark.parametrize("ruleset", sorted(LIBRARY.by_id))
@pytest.mark.parametrize("text", sorted(EMPTY))
@pytest.mark.parametrize("as_of", [None, dt.date(2026, 12, 1)])
def test_no_rule_passes_an_agreement_that_states_nothing(engine: str, ruleset: str, text: str,
                                                        as_of: dt.date | None) -> None:
    report = check_loaded(parse_agreement(EMPTY[text], "empty.yaml"), LIBRARY, get_backend(engine), as_of, ruleset)
    passed = [r.rule for r in report.results if r.verdict == "pass"]
    assert passed == [], f"passed with nothing to check: {passed}"


def test_every_rule_is_run_on_it() -> None:
    report = check_loaded(parse_agreement(EMPTY["draft"], "empty.yaml"), LIBRARY, get_backend("python"))
    assert {r.rule for r in report.results} >= {r.id for r in LIBRARY.by_id["iop-core"].rules}


def test_signed_with_no_signatures_fails_sign_02(engine: str) -> None:
    report = check_loaded(parse_agreement(EMPTY["signed"], "empty.yaml"), LIBRARY, get_backend(engine))
    result = next(r for r in report.results if r.rule == "IOP-SIGN-02")
    assert result.verdict == "fail" and "inga underskrifter" in result.message["sv"]


def test_an_empty_set_names_what_is_missing(engine: str) -> None:
    report = check_loaded(parse_agreement(EMPTY["draft"], "empty.yaml"), LIBRARY, get_backend(engine))
    by = {r.rule: r for r in report.results}
    assert by["IOP-FIN-02"].verdict == "unknown" and "parter" in by["IOP-FIN-02"].message["sv"]
    assert by["IOP-CRIT-02"].verdict == "unknown" and "finansiering" in by["IOP-CRIT-02"].message["sv"]


def test_a_prolongation_clause_not_found_is_not_a_clause_known_absent(engine: str) -> None:
    """A hand file's silence on prolongation is an answer (the term ends when it ends); a draft that
    says it looked and did not find one is not, until the reviewer strikes `extension` from the list."""
    base = "id: x\nperiod: {start: 2025-01-01, end: 2025-12-31}\n"
    verdict = {}
    for name, text in (("silent", base), ("not found", base + "document: {not_found: [extension, review]}\n"),
                       ("found after all", base + "document: {not_found: [extension]}\nextension: {months: 12, times: 1}\n")):
        report = check_loaded(parse_agreement(text, "x.yaml"), LIBRARY, get_backend(engine))
        verdict[name] = next(r.verdict for r in report.results if r.rule == "IOP-PERIOD-04")
    assert verdict == {"silent": "pass", "not found": "unknown", "found after all": "pass"}
