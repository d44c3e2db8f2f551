"""Agreement -> facts: the flat records the rules compare.

Rule engines are good at matching and poor at arithmetic (durable_rules
has no count, sum, dates or string length), so everything that needs
arithmetic is computed here, once, in plain Python, and the rules only
compare.  `FACT_FIELDS` declares every fact type and field, so a ruleset
that names a field which does not exist is refused when it is loaded.

Absent means "the agreement does not say": a field is left out of a
fact rather than set to None, because for durable_rules a null makes
every comparison false, and for us absence is a finding.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from .errors import DocPath
from .loader import LoadedAgreement
from .model import Agreement, Funding, Party
from .months import duration_months, gap_months, is_whole_years, month_index, to_days

Scalar = int | float | bool | str

#: Every fact type and field a rule may name, with its kind.  `date` fields
#: hold epoch days; rulesets write them as ISO dates.
FACT_FIELDS: dict[str, dict[str, str]] = {
    "agreement": {
        "agreement_id": "str", "kind": "str", "status": "str", "authority": "str", "body": "str",
        "decision_date": "date", "start_date": "date", "end_date": "date", "duration_months": "int",
        "extension_stated": "bool", "extension_months": "int", "months_with_extensions": "int",
        "public_party_count": "int", "idea_party_count": "int", "public_contribution_count": "int",
        "cash_funding_count": "int", "cash_uncovered_months": "int",
        "budget_line_count": "int", "budget_lines_sum": "int", "budget_total": "int",
        "budget_increase_needed": "bool", "payment_stated": "bool",
        "reports_per_year": "number", "longest_report_gap_months": "int",
        "steering_group_stated": "bool", "steering_group_both_sides": "bool",
        "notice_months": "int", "repayment_stated": "bool", "dispute_stated": "bool",
        "review_date": "date", "criteria_missing_count": "int", "criteria_missing_sv": "str",
        "criteria_missing_en": "str", "bought_on_market": "bool", "measurable_commitment_count": "int",
        "as_of_date": "date", "review_passed_undecided": "bool", "ends_soon_undecided": "bool",
        "expired": "bool",
    },
    "party": {
        "party_id": "str", "name": "str", "role": "str", "signing_party": "bool", "org_number": "str",
        "org_number_valid": "bool", "non_profit": "bool", "registered_idea_based": "bool",
        "has_contact": "bool", "has_signatory": "bool", "contributes": "bool",
    },
    "funding": {
        "payer": "str", "payer_is_party": "bool", "kind": "str", "amount": "int", "per": "str",
        "covered_months": "int", "whole_years": "bool", "description": "str",
    },
    "report": {"due_date": "date", "kind": "str", "in_period": "bool", "overdue": "bool"},
    "commitment": {
        "party": "str", "text": "str", "subject": "str", "quantity": "number", "unit": "str", "per": "str",
        "per_year": "number", "measurable": "bool", "conflicting": "bool", "conflict_with": "str",
    },
    "signature": {"party": "str", "name": "str", "date_as_written": "str", "date_complete": "bool"},
    "waiver": {"rule": "str", "approved_by": "str", "expires_date": "date", "expired": "bool"},
}

#: How a reader is told what is missing when a rule cannot be decided (sv, en; the file's key in brackets).
FIELD_LABELS = {
    "start_date": ("periodens startdatum [period.start]", "the start date [period.start]"),
    "end_date": ("periodens slutdatum [period.end]", "the end date [period.end]"),
    "duration_months": ("periodens start- och slutdatum [period]", "the period's start and end [period]"),
    "decision_date": ("beslutsdatum [decision.date]", "the decision date [decision.date]"),
    "reports_per_year": ("hur ofta uppföljning rapporteras [follow_up]", "how often follow-up is reported [follow_up]"),
    "longest_report_gap_months": ("när uppföljning rapporteras [follow_up]", "when follow-up is reported [follow_up]"),
    "cash_uncovered_months": ("vilken period finansieringen avser [funding.covers, period]",
                              "the period the funding covers [funding.covers, period]"),
    "bought_on_market": ("om verksamheten också köps på en marknad [iop_criteria.no_market, iop_criteria.also_procured]",
                         "whether the activity is also bought on a market [iop_criteria.no_market, iop_criteria.also_procured]"),
    "budget_lines_sum": ("budgetrader [budget.lines]", "budget lines [budget.lines]"),
    "whole_years": ("vilken period beloppet avser [funding.covers, period]", "the period the amount is for [funding.covers, period]"),
    "months_with_extensions": ("förlängningens längd [extension.months]", "the length of the prolongation [extension.months]"),
}

CRITERIA = {  # field in IopCriteria -> how the message names it (sv, en)
    "initiative_from_idea_based": ("initiativet kommer från den idéburna parten", "the initiative comes from the idea-based party"),
    "no_market": ("det finns ingen marknad eller konkurrens att värna", "there is no market or competition to protect"),
    "not_normed_grant": ("det är inte en del av det normerade föreningsbidraget", "it is not part of the normed association grant"),
    "both_finance": ("båda parter finansierar", "both parties finance it"),
    "not_detail_regulated": ("verksamheten detaljregleras inte av den offentliga parten", "the public party does not regulate it in detail"),
}
PUBLIC_ROLES = ("public", "funder")
SIGNING_ROLES = ("public", "idea_based")
_ORG_NUMBER = re.compile(r"^\d{6}-\d{4}$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PER_MONTHS = {"week": 12 / 52, "month": 1, "half_year": 6, "year": 12}


@dataclass
class Fact:
    """One record for the engines, with where its fields came from in the file."""

    type: str
    key: str
    values: dict[str, Scalar]
    doc_path: DocPath = ()
    origins: dict[str, DocPath] = field(default_factory=dict)

    def origin(self, field_name: str) -> DocPath:
        return self.origins.get(field_name, self.doc_path)


def derive_facts(loaded: LoadedAgreement, as_of: dt.date | None = None) -> list[Fact]:
    """All facts of one agreement, in a fixed order."""
    a = loaded.agreement
    facts = [_agreement_fact(a, as_of)]
    facts += [_party_fact(a, i, p) for i, p in enumerate(a.parties)]
    facts += [_funding_fact(a, i, f) for i, f in enumerate(a.funding)]
    facts += _report_facts(a, as_of)
    facts += _commitment_facts(a)
    facts += [_signature_fact(i, s) for i, s in enumerate(a.signatures)]
    facts += [_waiver_fact(i, w, as_of) for i, w in enumerate(a.waivers)]
    return facts


def _put(values: dict[str, Scalar], name: str, value: Any) -> None:
    """Absent stays absent: None never reaches an engine."""
    if value is None:
        return
    values[name] = to_days(value) if isinstance(value, dt.date) else value


def luhn_valid(org_number: str) -> bool:
    """Swedish organisation numbers: NNNNNN-NNNN with a Luhn check digit."""
    if not _ORG_NUMBER.match(org_number):
        return False
    digits = [int(c) for c in org_number.replace("-", "")]
    total = 0
    for i, d in enumerate(digits[:9]):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10 == digits[9]


def decision_date(a: Agreement) -> dt.date | None:
    """Rulesets are selected by decision date; a draft's own date stands in for it."""
    if a.decision and a.decision.date:
        return a.decision.date
    return a.document.date


def _agreement_fact(a: Agreement, as_of: dt.date | None) -> Fact:
    v: dict[str, Scalar] = {"agreement_id": a.id, "kind": a.document.kind, "status": a.document.status}
    origins: dict[str, DocPath] = {"kind": ("document",), "status": ("document",)}
    if a.decision:
        _put(v, "authority", a.decision.authority)
        _put(v, "body", a.decision.body)
        origins.update(authority=("decision",), body=("decision",))
    _put(v, "decision_date", decision_date(a))
    _put(v, "as_of_date", as_of)
    start, end = (a.period.start, a.period.end) if a.period else (None, None)
    _put(v, "start_date", start)
    _put(v, "end_date", end)
    for name in ("start_date", "end_date", "duration_months"):
        origins[name] = ("period",)
    months = duration_months(start, end) if start and end and end >= start else None
    _put(v, "duration_months", months)
    _extension(a, v, origins, months)
    _parties_and_money(a, v, origins)
    _follow_up(a, v, origins, months)
    _clauses(a, v, origins)
    if as_of and start and end:
        _lifecycle(a, v, as_of, end)
    return Fact("agreement", "agreement", v, (), origins)


def _extension(a: Agreement, v: dict[str, Scalar], origins: dict[str, DocPath], months: int | None) -> None:
    if a.extension is None:
        return
    v["extension_stated"] = True
    _put(v, "extension_months", a.extension.months)
    if months is not None and a.extension.months is not None:
        v["months_with_extensions"] = months + a.extension.months * (a.extension.times or 1)
    for name in ("extension_stated", "extension_months", "months_with_extensions"):
        origins[name] = ("extension",)


def _public_party_ids(a: Agreement) -> set[str]:
    return {p.id for p in a.parties if p.role in PUBLIC_ROLES}


def _resolve_payer(a: Agreement, payer: str) -> Party | None:
    """A payer is one identified party when it names a party by id or by name."""
    wanted = payer.strip().casefold()
    for p in a.parties:
        if wanted in (p.id.casefold(), p.name.casefold()):
            return p
    return None


def _parties_and_money(a: Agreement, v: dict[str, Scalar], origins: dict[str, DocPath]) -> None:
    v["public_party_count"] = sum(p.role == "public" for p in a.parties)
    v["idea_party_count"] = sum(p.role == "idea_based" for p in a.parties)
    v["public_contribution_count"] = sum(_paying_side(a, f) == "public" for f in a.funding)
    origins.update(public_party_count=("parties",), idea_party_count=("parties",),
                   public_contribution_count=("funding",), cash_funding_count=("funding",),
                   cash_uncovered_months=("funding",))
    cash = [f for f in a.funding if f.kind == "cash"]
    v["cash_funding_count"] = len(cash)
    if cash and a.period and a.period.start and a.period.end:
        v["cash_uncovered_months"] = _uncovered_months(a, cash)
    if a.budget:
        v["budget_line_count"] = len(a.budget.lines)
        v["budget_lines_sum"] = sum(line.amount for line in a.budget.lines)
        _put(v, "budget_total", a.budget.total)
        origins.update(budget_line_count=("budget",), budget_lines_sum=("budget",), budget_total=("budget", "total"))
    if a.budget_increase:
        v["budget_increase_needed"] = a.budget_increase.needed
        origins["budget_increase_needed"] = ("budget_increase",)
    if a.payment:
        v["payment_stated"] = bool(a.payment.installments_per_year or a.payment.dates)
        origins["payment_stated"] = ("payment",)


def _paying_side(a: Agreement, f: Funding) -> str | None:
    """The side a contribution comes from: its party's role, or the side the file states."""
    party = _resolve_payer(a, f.payer)
    if party is not None:
        return "public" if party.role in PUBLIC_ROLES else party.role
    return f.side


def _covered(a: Agreement, f: Funding) -> tuple[dt.date | None, dt.date | None]:
    period = f.covers or a.period
    return (period.start, period.end) if period else (None, None)


def _uncovered_months(a: Agreement, cash: list[Funding]) -> int:
    """Calendar months of the agreement period that no cash entry covers.

    A month counts as covered when any day of it inside the period is covered, so each
    entry, clipped to the period, covers the run of month numbers from its first day to
    its last; the runs are merged rather than walking the period month by month.
    """
    assert a.period and a.period.start and a.period.end
    start, end = a.period.start, a.period.end
    runs = []
    for f in cash:
        s, e = _covered(a, f)
        if s and e and s <= end and e >= start:
            runs.append((month_index(max(s, start)), month_index(min(e, end))))
    covered, reached = 0, -1
    for lo, hi in sorted(runs):
        lo = max(lo, reached + 1)
        if hi >= lo:
            covered += hi - lo + 1
            reached = hi
    return month_index(end) - month_index(start) + 1 - covered


def _follow_up(a: Agreement, v: dict[str, Scalar], origins: dict[str, DocPath], months: int | None) -> None:
    fu = a.follow_up
    if fu is None:
        return
    for name in ("reports_per_year", "longest_report_gap_months"):
        origins[name] = ("follow_up",)
    per_year = _cadence_per_year(a, months)
    dues = _dues_in_period(a)
    if per_year is None and dues and months:
        per_year = round(len(dues) / (months / 12), 4)
    _put(v, "reports_per_year", per_year)
    if dues and a.period and a.period.start:
        points = [a.period.start - dt.timedelta(days=1), *dues]
        v["longest_report_gap_months"] = max(gap_months(p, q) for p, q in zip(points, points[1:]))
    elif per_year:
        v["longest_report_gap_months"] = math.ceil(12 / per_year)
    if fu.steering_group:
        sides = {_side(a, m.party) for m in fu.steering_group.members}
        v["steering_group_stated"] = True
        v["steering_group_both_sides"] = {"public", "idea_based"} <= sides
        origins["steering_group_stated"] = origins["steering_group_both_sides"] = ("follow_up", "steering_group")


def _cadence_per_year(a: Agreement, months: int | None) -> float | None:
    cadence = a.follow_up.cadence if a.follow_up else None
    if cadence is None:
        return None
    span = months if cadence.per == "period" else _PER_MONTHS[cadence.per]
    return round(cadence.reports * 12 / span, 4) if span else None


def _dues_in_period(a: Agreement) -> list[dt.date]:
    if not (a.follow_up and a.period and a.period.start and a.period.end):
        return []
    start, end = a.period.start, a.period.end
    return sorted(r.due for r in a.follow_up.reports if start <= r.due <= end)


def _side(a: Agreement, party_ref: str) -> str | None:
    p = _resolve_payer(a, party_ref)
    if p is None:
        return None
    return "public" if p.role in PUBLIC_ROLES else p.role


def _clauses(a: Agreement, v: dict[str, Scalar], origins: dict[str, DocPath]) -> None:
    t = a.termination
    if t:
        if t.notice:
            v["notice_months"] = t.notice.months
        v["repayment_stated"] = t.repayment is not None
        v["dispute_stated"] = t.dispute is not None
        origins.update(notice_months=("termination", "notice"), repayment_stated=("termination", "repayment"),
                       dispute_stated=("termination", "dispute"))
    if a.review:
        v["review_date"] = to_days(a.review.date)
        origins["review_date"] = ("review",)
    crit = a.iop_criteria
    missing = [key for key in CRITERIA if not (crit and getattr(crit, key))]
    v["criteria_missing_count"] = len(missing)
    v["criteria_missing_sv"] = ", ".join(CRITERIA[k][0] for k in missing)
    v["criteria_missing_en"] = ", ".join(CRITERIA[k][1] for k in missing)
    origins.update(criteria_missing_count=("iop_criteria",), bought_on_market=("iop_criteria",))
    if crit and crit.also_procured is not None:
        v["bought_on_market"] = crit.also_procured
    elif crit and crit.no_market:
        v["bought_on_market"] = False
    v["measurable_commitment_count"] = sum(_measurable(c.quantity, c.unit, c.per) for c in a.commitments)
    origins["measurable_commitment_count"] = ("commitments",)


def _measurable(quantity: Any, unit: Any, per: Any) -> bool:
    return quantity is not None and unit is not None and per is not None


def _lifecycle(a: Agreement, v: dict[str, Scalar], as_of: dt.date, end: dt.date) -> None:
    """Deadlines as of a date: what an auditor asks on a given day."""
    decided = {e.kind for e in a.log}
    if a.review:
        v["review_passed_undecided"] = a.review.date < as_of and "review_decision" not in decided
    v["ends_soon_undecided"] = as_of <= end <= as_of + dt.timedelta(days=90) and "continuation_decision" not in decided
    v["expired"] = end < as_of


def _party_fact(a: Agreement, i: int, p: Party) -> Fact:
    v: dict[str, Scalar] = {"party_id": p.id, "name": p.name, "role": p.role,
                            "signing_party": p.role in SIGNING_ROLES}
    if p.org_number is not None:
        v["org_number"] = p.org_number
        v["org_number_valid"] = luhn_valid(p.org_number)
    _put(v, "non_profit", p.non_profit)
    _put(v, "registered_idea_based", p.registered_idea_based)
    refs = {p.id.casefold(), p.name.casefold()}
    v["has_contact"] = any(c.party.casefold() in refs for c in a.contacts)
    v["has_signatory"] = any(s.party.casefold() in refs and s.name for s in a.signatures)
    v["contributes"] = any(f.payer.casefold() in refs for f in a.funding)
    return Fact("party", f"party:{i:03d}", v, ("parties", i))


def _funding_fact(a: Agreement, i: int, f: Funding) -> Fact:
    v: dict[str, Scalar] = {"payer": f.payer, "payer_is_party": _resolve_payer(a, f.payer) is not None,
                            "kind": f.kind, "per": f.per}
    _put(v, "amount", f.amount)
    _put(v, "description", f.description)
    start, end = _covered(a, f)
    if start and end and end >= start:
        months = duration_months(start, end)
        v["covered_months"] = months
        v["whole_years"] = is_whole_years(months)
    return Fact("funding", f"funding:{i:03d}", v, ("funding", i))


def _report_facts(a: Agreement, as_of: dt.date | None) -> Iterable[Fact]:
    if not a.follow_up:
        return []
    start = a.period.start if a.period else None
    end = a.period.end if a.period else None
    received = {e.report_due for e in a.log if e.kind == "report_received"}
    out = []
    for i, r in enumerate(a.follow_up.reports):
        v: dict[str, Scalar] = {"due_date": to_days(r.due), "kind": r.kind,
                                "in_period": bool(start and end and start <= r.due <= end)}
        if as_of:
            v["overdue"] = r.due < as_of and r.due not in received
        out.append(Fact("report", f"report:{i:03d}", v, ("follow_up", "reports", i)))
    return out


def _commitment_facts(a: Agreement) -> list[Fact]:
    months = duration_months(a.period.start, a.period.end) if a.period and a.period.start and a.period.end else None
    rates: list[float | None] = []
    for c in a.commitments:
        span = months if c.per == "period" else _PER_MONTHS.get(c.per or "")
        rates.append(round(c.quantity * 12 / span, 4) if c.quantity is not None and span else None)
    out = []
    for i, c in enumerate(a.commitments):
        v: dict[str, Scalar] = {"party": c.party, "text": c.text,
                                "measurable": _measurable(c.quantity, c.unit, c.per)}
        for name in ("subject", "quantity", "unit", "per"):
            _put(v, name, getattr(c, name))
        _put(v, "per_year", rates[i])
        if c.subject and rates[i] is not None:
            others = [j for j, o in enumerate(a.commitments)
                      if j != i and o.subject == c.subject and rates[j] is not None and rates[j] != rates[i]]
            v["conflicting"] = bool(others)
            if others:
                v["conflict_with"] = a.commitments[others[0]].text
        out.append(Fact("commitment", f"commitment:{i:03d}", v, ("commitments", i)))
    return out


def _signature_fact(i: int, s: Any) -> Fact:
    v: dict[str, Scalar] = {"party": s.party, "date_complete": bool(s.date_as_written and _FULL_DATE.match(s.date_as_written.strip()))}
    _put(v, "name", s.name)
    _put(v, "date_as_written", s.date_as_written)
    return Fact("signature", f"signature:{i:03d}", v, ("signatures", i))


def _waiver_fact(i: int, w: Any, as_of: dt.date | None) -> Fact:
    v: dict[str, Scalar] = {"rule": w.rule, "approved_by": w.approved_by}
    _put(v, "expires_date", w.expires)
    if as_of and w.expires:
        v["expired"] = w.expires < as_of
    return Fact("waiver", f"waiver:{i:03d}", v, ("waivers", i))
