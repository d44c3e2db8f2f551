"""What a report shows above an agreement's findings, and what a portfolio audit adds up.

Computed once per agreement from the file and its facts, typed, so renderers and the audit
read attributes instead of guessing at dictionary keys.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from .facts import Fact, term
from .loader import LoadedAgreement
from .messages import format_value
from .model import SERVICE_UNITS, Funding
from .money import Parties, paying_side


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
class CashLine:
    """One public cash amount with its unit, as the agreement states it (never summed across units)."""

    amount: int
    per: str
    cap: bool
    approximate: bool

    def text(self, lang: str) -> str:
        """`högst 4 000 000 kr per år`, `cirka 18 000 000 kr`, `1 150 kr per dygn (pris per enhet)`."""
        words = _CASH_WORDS[lang]
        value = f"{format_value('amount', self.amount, lang)} kr"
        prefix = words["cap"] if self.cap else words["approximate"] if self.approximate else ""
        unit = "" if self.per == "period" else f" {words['per']} {format_value('per', self.per, lang)}"
        rate = f" ({words['rate']})" if self.per in SERVICE_UNITS else ""
        return f"{prefix}{value}{unit}{rate}"


_CASH_WORDS = {"sv": {"cap": "högst ", "approximate": "cirka ", "per": "per", "rate": "pris per enhet", "none": "anges inte"},
               "en": {"cap": "at most ", "approximate": "about ", "per": "per", "rate": "a price per unit",
                      "none": "not stated"}}


@dataclass(frozen=True)
class AgreementSummary:
    parties: tuple[PartyLine, ...]
    authority: str | None
    body: str | None
    start: str | None
    end: str | None
    duration_months: int | None
    cash: tuple[CashLine, ...]
    cash_by_year: dict[str, int]
    deadlines: tuple[Deadline, ...]
    #: cash per year by whom it is counted for: the stated recipient, else the one idea-based party, else
    #: the idea-based parties jointly ("A + B") -- so a grant shared by two organisations is never counted twice
    cash_by_recipient: dict[str, dict[str, int]] | None = None
    # what a diarium asks of the document (ISO dates as text)
    title: str | None = None
    kind: str | None = None
    status: str | None = None
    document_date: str | None = None
    decision_date: str | None = None
    reference: str | None = None

    @property
    def organisations(self) -> tuple[PartyLine, ...]:
        """The idea-based parties: whose agreements a portfolio lists and checks for overlaps."""
        return tuple(p for p in self.parties if p.role == "idea_based")

    def cash_text(self, lang: str) -> str:
        """Public cash in words, each amount with its own unit: exact sums of one unit added, nothing else."""
        if not self.cash:
            return _CASH_WORDS[lang]["none"]
        return "; ".join(_merged(self.cash, lang))


def _merged(lines: tuple[CashLine, ...], lang: str) -> list[str]:
    """Exact amounts of the same unit are one sum; a ceiling, an approximation or a rate stands alone."""
    sums: dict[str, int] = {}
    out: list[str] = []
    for line in lines:
        if line.cap or line.approximate or line.per in SERVICE_UNITS:
            out.append(line.text(lang))
        else:
            sums[line.per] = sums.get(line.per, 0) + line.amount
    return [CashLine(total, per, False, False).text(lang) for per, total in sums.items()] + out


def summarise(loaded: LoadedAgreement, facts: list[Fact]) -> AgreementSummary:
    a = loaded.agreement
    duration = facts[0].values.get("duration_months")
    start, end = term(a)
    parties = Parties(a.parties)
    public_cash = [f for f in a.funding if f.kind == "cash" and f.amount is not None and paying_side(parties, f) == "public"]
    return AgreementSummary(
        parties=tuple(PartyLine(p.name, p.role, p.org_number) for p in a.parties),
        authority=a.decision.authority if a.decision else None,
        body=a.decision.body if a.decision else None,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        duration_months=duration if isinstance(duration, int) else None,
        cash=tuple(CashLine(f.amount, f.per, bool(f.cap), bool(f.approximate)) for f in public_cash if f.amount is not None),
        cash_by_year=cash_by_year(loaded, public_cash),
        deadlines=_deadlines(loaded),
        cash_by_recipient=_by_recipient(loaded, parties, public_cash),
        title=a.document.title, kind=a.document.kind, status=a.document.status,
        document_date=a.document.date.isoformat() if a.document.date else None,
        decision_date=a.decision.date.isoformat() if a.decision and a.decision.date else None,
        reference=a.decision.reference if a.decision else None,
    )


def _by_recipient(loaded: LoadedAgreement, parties: Parties, cash: list[Funding]) -> dict[str, dict[str, int]]:
    ideas = [p.name for p in loaded.agreement.parties if p.role == "idea_based"]
    default = " + ".join(ideas) if ideas else None
    groups: dict[str, list[Funding]] = {}
    for f in cash:
        found = parties.find(f.recipient) if f.recipient else None
        who = found.name if found else f.recipient or default
        if who:
            groups.setdefault(who, []).append(f)
    out = {who: cash_by_year(loaded, entries) for who, entries in sorted(groups.items())}
    return {who: years for who, years in out.items() if years}


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


def cash_by_year(loaded: LoadedAgreement, cash: list[Funding]) -> dict[str, int]:
    """Exact public cash per calendar year, where the agreement decides it.

    An amount for the period is spread over its months; an amount per year counts in each
    calendar year it covers whole and is never pro-rated over a part year (what is paid for a
    part year is what IOP-FIN-04 says cannot be read off); a ceiling, an approximation and a
    price per unit are not sums and are left out.
    """
    a = loaded.agreement
    totals: dict[str, float] = {}
    for f in cash:
        start, end = (f.covers.start, f.covers.end) if f.covers else term(a)
        if f.amount is None or f.cap or f.approximate or not start or not end or end < start:
            continue
        months = _months_by_year(start, end)
        if f.per == "period":
            n = sum(months.values())
            for year, m in months.items():
                totals[year] = totals.get(year, 0) + f.amount * m / n
        elif f.per == "year":
            for year, m in months.items():
                if m == 12:
                    totals[year] = totals.get(year, 0) + f.amount
    return {year: round(total) for year, total in sorted(totals.items())}


def _months_by_year(start: dt.date, end: dt.date) -> dict[str, int]:
    """Months of each calendar year from start to end, by arithmetic (a long period costs nothing)."""
    if start.year == end.year:
        return {str(start.year): end.month - start.month + 1}
    out = {str(start.year): 13 - start.month}
    out.update({str(y): 12 for y in range(start.year + 1, end.year)})
    out[str(end.year)] = end.month
    return out
