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


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months, clamped to the month's last day."""
    index = month_index(day) + months
    year, month0 = divmod(index, 12)
    last = 29 if month0 == 1 and calendar.isleap(year) else _MONTH_DAYS[month0]
    return dt.date(year, month0 + 1, min(day.day, last))


def duration_months(start: dt.date, end: dt.date) -> int:
    """The smallest whole m with start + m months - 1 day >= end (inclusive period)."""
    if end < start:
        return 0
    months = max(0, (end.year - start.year) * 12 + end.month - start.month - 1)
    while add_months(start, months) - dt.timedelta(days=1) < end:
        months += 1
    return months


def gap_months(previous: dt.date, following: dt.date) -> int:
    """Months from the day after `previous` through `following`, in the same ceiling sense."""
    return duration_months(previous + dt.timedelta(days=1), following)


def to_days(day: dt.date) -> int:
    """Dates reach the engines as integers: durable_rules cannot compare date strings."""
    return (day - EPOCH).days


def from_days(days: int) -> dt.date:
    return EPOCH + dt.timedelta(days=days)


def is_whole_years(months: int) -> bool:
    return months > 0 and months % 12 == 0
