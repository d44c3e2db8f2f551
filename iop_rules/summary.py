"""What a report shows above an agreement's findings, and what a portfolio audit adds up.

Computed once per agreement from the file and its facts, typed, so renderers and the audit
read attributes instead of guessing at dictionary keys.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from .facts import Fact
from .loader import LoadedAgreement


@dataclass(frozen=True)
class PartyLine:
    name: str
    role: str
    org_number: str | None


@dataclass(frozen=True)
class Deadline:
    """A date someone must act on: a report due, the review, the end."""

    kind: str  # report | review | end
    date: str
    description: str
    done: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AgreementSummary:
    parties: tuple[PartyLine, ...]
    authority: str | None
    body: str | None
    start: str | None
    end: str | None
    duration_months: int | None
    cash_total: int
    cash_by_year: dict[str, int]
    deadlines: tuple[Deadline, ...]

    @property
    def organisations(self) -> tuple[PartyLine, ...]:
        """The idea-based parties: whom a portfolio adds cash up for."""
        return tuple(p for p in self.parties if p.role == "idea_based")


def summarise(loaded: LoadedAgreement, facts: list[Fact]) -> AgreementSummary:
    a = loaded.agreement
    duration = facts[0].values.get("duration_months")
    start = a.period.start if a.period else None
    end = a.period.end if a.period else None
    return AgreementSummary(
        parties=tuple(PartyLine(p.name, p.role, p.org_number) for p in a.parties),
        authority=a.decision.authority if a.decision else None,
        body=a.decision.body if a.decision else None,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        duration_months=duration if isinstance(duration, int) else None,
        cash_total=sum(f.amount or 0 for f in a.funding if f.kind == "cash"),
        cash_by_year=cash_by_year(loaded),
        deadlines=_deadlines(loaded),
    )


def _deadlines(loaded: LoadedAgreement) -> tuple[Deadline, ...]:
    a = loaded.agreement
    received = {e.report_due for e in a.log if e.kind == "report_received"}
    out = [Deadline("report", r.due.isoformat(), r.description or r.kind, r.due in received)
           for r in (a.follow_up.reports if a.follow_up else [])]
    if a.review:
        out.append(Deadline("review", a.review.date.isoformat(), "översyn",
                            any(e.kind == "review_decision" for e in a.log)))
    if a.period and a.period.end:
        out.append(Deadline("end", a.period.end.isoformat(), "slut",
                            any(e.kind == "continuation_decision" for e in a.log)))
    return tuple(sorted(out, key=lambda d: (d.date, d.kind)))


def cash_by_year(loaded: LoadedAgreement) -> dict[str, int]:
    """Cash per calendar year: yearly amounts prorated by month, period amounts spread evenly."""
    a = loaded.agreement
    totals: dict[str, float] = {}
    for f in a.funding:
        period = f.covers or a.period
        if f.kind != "cash" or not f.amount or period is None or not period.start or not period.end:
            continue
        months = _months_by_year(period.start, period.end)
        n = sum(months.values())
        for year, m in months.items():
            share = f.amount * m / 12 if f.per == "year" else f.amount * m / n if f.per == "period" else 0
            totals[year] = totals.get(year, 0) + share
    return {year: round(total) for year, total in sorted(totals.items())}


def _months_by_year(start: dt.date, end: dt.date) -> dict[str, int]:
    out: dict[str, int] = {}
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out[str(year)] = out.get(str(year), 0) + 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
