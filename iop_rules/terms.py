"""The term of an agreement as its text states it: dates, a duration, years, prolongations, report points.

Agreements state their term in many ways ("1 april 2019 till och med 31 december 2020", "treårig",
"2015–2018", "förlängs automatiskt med ett år i taget", "redovisas halvårsvis"); the rules need it in
months and dates.  What the text does not decide stays undecided: a span of years is two bounds,
an implied report point only where the rhythm is whole months.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .model import Agreement
from .months import add_months, duration_months

_CADENCE_MONTHS = {"week": 12 / 52, "month": 1, "half_year": 6, "year": 12}


def term(a: Agreement) -> tuple[dt.date | None, dt.date | None]:
    """The start and end the text decides: stated dates, or a start and a stated duration."""
    p = a.period
    if p is None:
        return None, None
    end = p.end
    if end is None and p.start and p.months:
        end = add_months(p.start, p.months) - dt.timedelta(days=1)
    return p.start, end


def duration_bounds(a: Agreement) -> tuple[int, int] | None:
    """The fewest and most months the term can run, as the text states it (equal when it is exact)."""
    start, end = term(a)
    if start and end and end >= start:
        months = duration_months(start, end)
        return months, months
    p = a.period
    if p and p.months:
        return p.months, p.months
    if p and p.first_year and p.last_year and p.last_year >= p.first_year:
        years = p.last_year - p.first_year
        return (max(1, (years - 1) * 12 + 2), (years + 1) * 12)  # December of the first year .. January of the last
    return None


def extension_terms(a: Agreement, v: dict[str, Any]) -> tuple[str, str]:
    """What is wrong with the clause, in words, for the message of IOP-PERIOD-04."""
    x = a.extension
    assert x is not None
    if x.open_ended:
        return ("förlängningen är obegränsad: varken antal förlängningar eller total längd har någon gräns",
                "the prolongation is open-ended: neither the number nor the total length is limited")
    if x.automatic:
        return ("överenskommelsen förlängs automatiskt om ingen part säger upp den",
                "the agreement is prolonged automatically unless a party gives notice")
    if x.months is None:
        return "förlängningsklausulen anger ingen längd", "the prolongation clause states no length"
    if "months_with_extensions" in v:
        n = v["months_with_extensions"]
        return f"perioden med förlängningar blir {n} månader", f"the period with prolongations is {n} months"
    return "perioden med förlängningar kan inte räknas ut", "the period with prolongations cannot be computed"


def cadence_per_year(a: Agreement, months: int | None) -> float | None:
    cadence = a.follow_up.cadence if a.follow_up else None
    if cadence is None:
        return None
    span = months if cadence.per == "period" else _CADENCE_MONTHS[cadence.per]
    return round(cadence.reports * 12 / span, 4) if span else None


def cadence_points(a: Agreement, per_year: float | None) -> list[dt.date]:
    """The report points a stated cadence implies: every 12/n months from the start, within the term.

    "Halvårsvis" beside one dated final report means reports every six months and the final
    one, so the gap rule (IOP-REP-02) and the frequency rule (IOP-REP-01) read the same facts.
    """
    start, end = term(a)
    if not (a.follow_up and a.follow_up.cadence and per_year and start and end):
        return []
    step = 12 / per_year
    if step < 1 or step != int(step):  # more than monthly, or an uneven rhythm: the frequency alone says it
        return []
    out, k = [], 1
    while (point := add_months(start, int(step) * k) - dt.timedelta(days=1)) <= end and k <= 1200:
        out.append(point)
        k += 1
    return out


def dues_in_period(a: Agreement) -> list[dt.date]:
    start, end = term(a)
    if not (a.follow_up and start and end):
        return []
    return sorted(r.due for r in a.follow_up.reports if start <= r.due <= end)
