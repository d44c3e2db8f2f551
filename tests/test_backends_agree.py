"""Both engines, many agreements: identical results, deterministic, monotone."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from iop_rules.engine import available_engines, get_backend
from iop_rules.results import check_loaded
from iop_rules.rulesets import load_rulesets
from tests.agreement_strategies import agreements, loaded
from tests.conftest import AGREEMENTS

LIBRARY = load_rulesets()
FORCED = st.sampled_from([None, None, "lund-socialnamnd-2017", "lund-socialnamnd-2020"])
AS_OF = st.one_of(st.none(), st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2026, 12, 31)))
needs_durable = pytest.mark.skipif("durable" not in available_engines(), reason="durable_rules does not import here")


def results(data: dict[str, Any], engine: str, as_of: dt.date | None = None, forced: str | None = None) -> list[tuple]:
    report = check_loaded(loaded(data), LIBRARY, get_backend(engine), as_of, forced)
    return [(r.rule, r.verdict, r.severity, r.message, r.line, r.evidence, r.waiver) for r in report.results]


@needs_durable
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements(), AS_OF, FORCED)
def test_backends_agree_on_generated_agreements(data: dict[str, Any], as_of: dt.date | None, forced: str | None) -> None:
    assert results(data, "durable", as_of, forced) == results(data, "python", as_of, forced)


@needs_durable
@pytest.mark.parametrize("path", sorted(AGREEMENTS.glob("*.yaml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("as_of", [None, dt.date(2020, 5, 15)])
def test_backends_agree_on_the_shipped_agreements(path, as_of) -> None:  # type: ignore[no-untyped-def]
    from iop_rules.loader import load_agreement
    got = {e: check_loaded(load_agreement(path), LIBRARY, get_backend(e), as_of).results for e in ("durable", "python")}
    assert got["durable"] == got["python"]


@settings(max_examples=100, deadline=None)
@given(agreements(), AS_OF, st.data())
def test_verdicts_are_deterministic(data: dict[str, Any], as_of: dt.date | None, more: st.DataObject) -> None:
    engine = more.draw(st.sampled_from(available_engines()))
    first = results(data, engine, as_of)
    results(more.draw(agreements()), engine)  # another agreement in between must not leak into this one
    assert results(data, engine, as_of) == first


@settings(max_examples=150, deadline=None)
@given(agreements(), st.integers(1, 800), st.data())
def test_lengthening_never_turns_a_period_fail_into_a_pass(data: dict[str, Any], extra: int, more: st.DataObject) -> None:
    period = data.get("period") or {}
    if not ("start" in period and "end" in period):
        return
    engine = more.draw(st.sampled_from(available_engines()))
    before = dict(r[:2] for r in results(data, engine, forced="lund-socialnamnd-2017"))
    longer = {**data, "period": {**period, "end": period["end"] + dt.timedelta(days=extra)}}
    after = dict(r[:2] for r in results(longer, engine, forced="lund-socialnamnd-2017"))
    if before["IOP-PERIOD-02"] == "fail":
        assert after["IOP-PERIOD-02"] == "fail"


@settings(max_examples=60, deadline=None)
@given(agreements())
def test_one_result_per_rule_sorted(data: dict[str, Any]) -> None:
    report = check_loaded(loaded(data), LIBRARY, get_backend("python"))
    rules = [r.rule for r in report.results]
    selection = LIBRARY.select(None, None, None)
    assert rules == sorted(rules) and len(set(rules)) == len(rules)
    assert set(r.id for r in selection.rules) <= set(rules)
