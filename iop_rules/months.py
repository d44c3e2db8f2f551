"""Calendar arithmetic the rule catalogue defines.

Guidelines speak in months ("högst två år", "minst två gånger per år"),
agreements in dates.  RULES.md fixes how one becomes the other:
whole months, rounded up, with month ends clamped (31 January plus one
month is 28 or 29 February).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

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


#: Swedish month names and the abbreviations agreements use ("12 mars 2025", "3 sept. 2025"): the one
#: table both the signature rule and the text extractor read.
SWEDISH_MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}
_NAMED_MONTH = "|".join(sorted(SWEDISH_MONTHS, key=len, reverse=True))
_WRITTEN_DATES = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(rf"(?:den\s+)?(?P<d>\d{{1,2}})(?::[ae])?\s+(?P<name>{_NAMED_MONTH})\.?\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:\s+|\s*-\s*)(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),
)


def written_date(text: str) -> dt.date | None:
    """The calendar day a date written the Swedish way names, or None when it names no single real day.

    A signature dated "den 12 mars 2026", "12/3 2026" or "12.3.2026" is as fully dated as one dated
    "2026-03-12"; "2026-03-", "mars 2026" or "2026-02-30" is not.
    """
    written = text.strip().rstrip(".").strip()
    for form in _WRITTEN_DATES:
        m = form.fullmatch(written)
        if m:
            month = SWEDISH_MONTHS[m["name"].lower()] if "name" in form.groupindex else int(m["m"])
            try:
                return dt.date(int(m["y"]), month, int(m["d"]))
            except ValueError:
                return None
    return None
