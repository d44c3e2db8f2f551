"""Ceiling-month arithmetic as docs/catalogue.md defines it."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from iop_rules.months import add_months, duration_months, gap_months, written_date
from tests.strategies import agreements, validated

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))


def test_catalogue_examples() -> None:
    assert duration_months(dt.date(2019, 7, 1), dt.date(2021, 6, 30)) == 24
    assert duration_months(dt.date(2018, 9, 11), dt.date(2019, 12, 31)) == 16
    assert duration_months(dt.date(2021, 10, 1), dt.date(2023, 12, 31)) == 27
    assert duration_months(dt.date(2019, 1, 1), dt.date(2019, 6, 30)) == 6


def test_month_ends_clamp() -> None:
    assert add_months(dt.date(2019, 1, 31), 1) == dt.date(2019, 2, 28)
    assert add_months(dt.date(2020, 1, 31), 1) == dt.date(2020, 2, 29)
    assert add_months(dt.date(2020, 2, 29), 12) == dt.date(2021, 2, 28)


def test_one_day_period_is_one_month() -> None:
    assert duration_months(dt.date(2020, 2, 29), dt.date(2020, 2, 29)) == 1


def test_report_gap_of_ostersund() -> None:
    assert gap_months(dt.date(2020, 4, 30), dt.date(2020, 11, 30)) == 7


@given(days, st.integers(min_value=0, max_value=400))
def test_duration_is_the_smallest_m(start: dt.date, extra_days: int) -> None:
    end = start + dt.timedelta(days=extra_days)
    m = duration_months(start, end)
    one = dt.timedelta(days=1)
    assert add_months(start, m) - one >= end
    assert m == 0 or add_months(start, m - 1) - one < end


@given(days, st.integers(min_value=1, max_value=60))
def test_whole_month_periods_are_exact(start: dt.date, months: int) -> None:
    # a period starting on the 1st and ending the day before the same day m months later is m months
    first = start.replace(day=1)
    end = add_months(first, months) - dt.timedelta(days=1)
    assert duration_months(first, end) == months


@given(days, st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=400))
def test_longer_period_never_shorter(start: dt.date, a: int, b: int) -> None:
    assert duration_months(start, start + dt.timedelta(days=a)) <= duration_months(start, start + dt.timedelta(days=a + b))


@settings(max_examples=300, deadline=None)
@given(agreements())
def test_uncovered_months_is_the_month_by_month_count(data) -> None:  # type: ignore[no-untyped-def]
    """The catalogue's definition, walked month by month, against facts' interval arithmetic."""
    from iop_rules.facts import derive_facts
    la = validated(data)
    a = la.agreement
    fact = next(f for f in derive_facts(la, None) if f.type == "agreement").values
    if not (a.period and a.period.start and a.period.end and a.period.start <= a.period.end):
        return
    cash = [f for f in a.funding if f.kind == "cash"]
    if "cash_uncovered_months" not in fact:
        return
    spans = [((f.covers or a.period).start, (f.covers or a.period).end) for f in cash]
    month, uncovered = dt.date(a.period.start.year, a.period.start.month, 1), 0
    while month <= a.period.end:
        lo, hi = max(month, a.period.start), min(add_months(month, 1) - dt.timedelta(days=1), a.period.end)
        uncovered += not any(s and e and s <= hi and e >= lo for s, e in spans)
        month = add_months(month, 1)
    assert fact["cash_uncovered_months"] == uncovered


@pytest.mark.parametrize(("written", "day"), [
    ("2026-03-12", dt.date(2026, 3, 12)),
    ("2026-3-5", dt.date(2026, 3, 5)),
    ("den 12 mars 2026", dt.date(2026, 3, 12)),
    ("12:e Mars 2026.", dt.date(2026, 3, 12)),
    ("3 sept. 2025", dt.date(2025, 9, 3)),
    ("12/3 2026", dt.date(2026, 3, 12)),
    ("12.3.2026", dt.date(2026, 3, 12)),
    ("2026-03-", None),
    ("mars 2026", None),
    ("våren 2026", None),
    ("2026-02-30", None),
    ("Lund 2026-03-12", None),  # a place belongs in `place`; the date field holds the date alone
])
def test_a_signing_date_is_full_when_it_names_one_real_day(written: str, day: dt.date | None) -> None:
    assert written_date(written) == day
