"""Who pays what, for which months, and what the whole contract is worth: the arithmetic of funding.

Amounts keep their units: a rate per place or day is never summed into a total, a yearly amount
is never pro-rated over a part year, and a contract's value is counted the way LOU counts it
(every option and prolongation included, a ceiling at the most it can pay).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .model import SERVICE_UNITS, Agreement, Funding, Party
from .months import duration_months, month_index

PUBLIC_ROLES = ("public", "funder")
#: Months a time unit spans; `period` is the covered period itself.
UNIT_MONTHS = {"year": 12, "half_year": 6, "quarter": 3, "month": 1, "week": 12 / 52}


class Parties:
    """The agreement's parties, looked up by id or name once (payers, members, signatories)."""

    def __init__(self, parties: Iterable[Party]) -> None:
        self.by_ref: dict[str, Party] = {}
        for p in parties:
            self.by_ref.setdefault(p.id.strip().casefold(), p)
            self.by_ref.setdefault(p.name.strip().casefold(), p)

    def find(self, ref: str) -> Party | None:
        """A reference is one identified party when it names a party by id or by name."""
        return self.by_ref.get(ref.strip().casefold())

    def side(self, ref: str) -> str | None:
        p = self.find(ref)
        if p is None:
            return None
        return "public" if p.role in PUBLIC_ROLES else p.role


def paying_side(parties: Parties, f: Funding) -> str | None:
    """The side a contribution comes from: its party's role, or the side the file states."""
    return parties.side(f.payer) or f.side


def pays_from_public_side(parties: Parties, f: Funding) -> bool:
    """Paid by the contracting authority itself: a funder's grant (Länsstyrelsen) is not its payment."""
    p = parties.find(f.payer)
    return (p.role == "public") if p is not None else f.side == "public"


def remunerates_service(f: Funding, purchase_signs: bool) -> bool | None:
    """Public cash in exchange for a service: stated as such, or priced per unit of service (HFD 2020 ref. 15).

    An unstated basis reads as a contribution -- unless the agreement shows other signs of a purchase,
    where the label decides nothing and the question stays open (None) for the reviewer.
    """
    if f.kind != "cash":
        return False
    if f.basis == "service" or f.per in SERVICE_UNITS:
        return True
    if f.basis == "contribution":
        return False
    return None if purchase_signs else False


def covered(a: Agreement, f: Funding, term: tuple[dt.date | None, dt.date | None]) -> tuple[dt.date | None, dt.date | None]:
    """The dates an entry covers: its own `covers`, else the agreement's term."""
    return (f.covers.start, f.covers.end) if f.covers else term


def uncovered_months(a: Agreement, cash: list[Funding], start: dt.date, end: dt.date) -> int:
    """Calendar months of the agreement period that no cash entry covers.

    A month counts as covered when any day of it inside the period is covered, so each
    entry, clipped to the period, covers the run of month numbers from its first day to
    its last; the runs are merged rather than walking the period month by month.
    """
    runs = []
    for f in cash:
        s, e = covered(a, f, (start, end))
        if s and e and s <= end and e >= start:
            runs.append((month_index(max(s, start)), month_index(min(e, end))))
    count, reached = 0, -1
    for lo, hi in sorted(runs):
        lo = max(lo, reached + 1)
        if hi >= lo:
            count += hi - lo + 1
            reached = hi
    return month_index(end) - month_index(start) + 1 - count


def contract_value(a: Agreement, parties: Parties, term_months: int | None,
                   total_months: int | None) -> tuple[int | None, int | None]:
    """All public cash over the term and every prolongation, as LOU values a contract: (at least, exactly).

    A rate per unit of service has no total without the volume, so with one the value is only
    known to be *at least* the rest; a ceiling counts at the most it can pay; a term or
    prolongation of unknown length leaves the value unknown.
    """
    public = [f for f in a.funding if f.kind == "cash" and pays_from_public_side(parties, f)]
    if not public or term_months is None or total_months is None or term_months <= 0:
        return None, None
    base, complete = 0.0, True
    for f in public:
        if f.amount is None or f.per in SERVICE_UNITS:
            complete = False
            continue
        if f.per == "period":
            base += f.amount
            continue
        months = term_months if f.covers is None else _months(f.covers.start, f.covers.end)
        if months is None:
            complete = False
            continue
        base += f.amount * months / UNIT_MONTHS[f.per]
    at_least = round(base * total_months / term_months)
    return at_least, at_least if complete else None


def _months(start: dt.date | None, end: dt.date | None) -> int | None:
    return duration_months(start, end) if start and end and end >= start else None
