"""Calendar arithmetic the rule catalogue defines.

Guidelines speak in months ("högst två år", "minst två gånger per år"),
agreements in dates.  RULES.md fixes how one becomes the other:
whole months, rounded up, with month ends clamped (31 January plus one
month is 28 or 29 February).
"""
from __future__ import annotations

import calendar
import datetime as dt

EPOCH = dt.date(1970, 1, 1)
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_index(day: dt.date) -> int:
    """Months since year 0: consecutive calendar months are consecutive integers."""
    return day.year * 12 + day.month - 1


def _shifted(day: dt.date, months: int) -> tuple[int, int, int]:
    """(year, month, day) of `day` moved by whole months, clamped; any year, so never out of range."""
    year, month0 = divmod(month_index(day) + months, 12)
    last = 29 if month0 == 1 and calendar.isleap(year) else _MONTH_DAYS[month0]
    return year, month0 + 1, min(day.day, last)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months, clamped to the month's last day.

    Outside 0001-01-01..9999-12-31 there is no `date`: that is a ValueError naming the limit,
    which only a caller going past the calendar can meet (the arithmetic below never does).
    """
    year, month, day_ = _shifted(day, months)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"{day.isoformat()} {months:+d} months is outside the calendar (years 1-9999)")
    return dt.date(year, month, day_)


def duration_months(start: dt.date, end: dt.date) -> int:
    """The smallest whole m with start + m months - 1 day >= end (inclusive period).

    Equivalently the smallest m with start + m months > end; compared as (year, month, day)
    so that a period ending on 9999-12-31 needs no date past the calendar.
    """
    if end < start:
        return 0
    months = max(0, (end.year - start.year) * 12 + end.month - start.month - 1)
    target = (end.year, end.month, end.day)
    while _shifted(start, months) <= target:
        months += 1
    return months


def gap_months(previous: dt.date, following: dt.date) -> int:
    """Months from the day after `previous` through `following`, in the same ceiling sense."""
    if following <= previous:  # also keeps `previous + 1 day` inside the calendar
        return 0
    return duration_months(previous + dt.timedelta(days=1), following)


def to_days(day: dt.date) -> int:
    """Dates reach the engines as integers: durable_rules cannot compare date strings."""
    return (day - EPOCH).days


def from_days(days: int) -> dt.date:
    return EPOCH + dt.timedelta(days=days)  # OverflowError outside the calendar; callers pass to_days() values


def is_whole_years(months: int) -> bool:
    return months > 0 and months % 12 == 0
