"""Agreement -> facts: the flat records the rules compare.

Rule engines are good at matching and poor at arithmetic (durable_rules has no count, sum,
dates or string length), so everything that needs arithmetic is computed here, once, in plain
Python, and the rules only compare.  Every field is declared in fields.py, so a ruleset that
names a field which does not exist is refused when it is loaded.

Absent means "the agreement does not say": a field is left out of a fact rather than set to
None, because for durable_rules a null makes every comparison false, and for us absence is a
finding.

(Over 300 lines on purpose: it is the one place each of the seven fact types is derived, in the
order fields.py declares them; the term and the money arithmetic live in terms.py and money.py.)
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable

from .errors import DocPath
from .fields import FACT_FIELDS, origin
from .loader import LoadedAgreement
from .model import Agreement, Party
from .money import (Parties, contract_value, covered, pays_from_public_side, paying_side, remunerates_service,
                    uncovered_months)
from .months import duration_months, gap_months, is_whole_years, to_days, written_date
from .terms import cadence_per_year, cadence_points, dues_in_period, duration_bounds, extension_terms, term

__all__ = ["FACT_FIELDS", "Fact", "derive_facts", "decision_date", "luhn_valid", "term"]

Scalar = int | float | bool | str

CRITERIA = {  # field in IopCriteria -> how the message names it (sv, en)
    "initiative_from_idea_based": ("initiativet kommer från den idéburna parten", "the initiative comes from the idea-based party"),
    "no_market": ("det finns ingen marknad eller konkurrens att värna", "there is no market or competition to protect"),
    "not_normed_grant": ("det är inte en del av det normerade föreningsbidraget", "it is not part of the normed association grant"),
    "both_finance": ("båda parter finansierar", "both parties finance it"),
    "not_detail_regulated": ("verksamheten detaljregleras inte av den offentliga parten", "the public party does not regulate it in detail"),
}
SIGNING_ROLES = ("public", "idea_based")
_ORG_NUMBER = re.compile(r"^\d{6}-\d{4}$")
_PER_MONTHS = {"week": 12 / 52, "month": 1, "half_year": 6, "year": 12}  # a commitment's period


@dataclass
class Fact:
    """One record for the engines; `doc_path` is where an element fact stands in the file."""

    type: str
    key: str
    values: dict[str, Scalar]
    doc_path: DocPath = ()

    def origin(self, field_name: str) -> DocPath:
        """The line a finding on this field points at: the agreement's declared origin, else the element."""
        return origin(field_name) if self.type == "agreement" else self.doc_path


def derive_facts(loaded: LoadedAgreement, as_of: dt.date | None = None) -> list[Fact]:
    """All facts of one agreement, in a fixed order."""
    a = loaded.agreement
    parties = Parties(a.parties)
    facts = [_agreement_fact(a, parties, as_of)]
    signs = purchase_signs(facts[0].values)
    named = _referenced(a, parties)
    facts += [_party_fact(i, p, named) for i, p in enumerate(a.parties)]
    facts += [_funding_fact(a, parties, i, signs) for i in range(len(a.funding))]
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


def _agreement_fact(a: Agreement, parties: Parties, as_of: dt.date | None) -> Fact:
    v: dict[str, Scalar] = {"agreement_id": a.id, "kind": a.document.kind, "status": a.document.status}
    if a.decision:
        _put(v, "authority", a.decision.authority)
        _put(v, "body", a.decision.body)
    _put(v, "decision_date", decision_date(a))
    _put(v, "as_of_date", as_of)
    start, end = term(a)
    _put(v, "start_date", start)
    _put(v, "end_date", end)
    bounds = duration_bounds(a)
    months = bounds[0] if bounds and bounds[0] == bounds[1] else None
    _duration(v, bounds)
    _put(v, "duration_months", months)
    _extension(a, v, months)
    _parties_and_money(a, parties, v)
    _follow_up(a, parties, v, months)
    _clauses(a, v)
    _service(a, parties, v)
    if as_of and start and end:
        _lifecycle(a, v, as_of, end)
    return Fact("agreement", "agreement", v, ())


def _duration(v: dict[str, Scalar], bounds: tuple[int, int] | None) -> None:
    if bounds is None:
        return
    lo, hi = bounds
    v["duration_min_months"], v["duration_max_months"] = lo, hi
    v["duration_sv"] = f"{lo} månader" if lo == hi else f"mellan {lo} och {hi} månader"
    v["duration_en"] = f"{lo} months" if lo == hi else f"between {lo} and {hi} months"


def _extension(a: Agreement, v: dict[str, Scalar], months: int | None) -> None:
    x = a.extension
    if x is None and "extension" in a.document.not_found:
        return  # looked for and not found is not "no clause": nothing about a prolongation is known
    # unlimited: stated so, or renewed automatically with no limit on how often; a single automatic
    # renewal of known length is an option LOU counts in the value, not an open-ended term
    v["extension_open_ended"] = bool(x and (x.open_ended or (x.automatic and not x.times)))
    v["extension_automatic"] = bool(x and x.automatic)
    v["extension_stated"] = x is not None
    if x is None:
        return
    _put(v, "extension_months", x.months)
    if months is not None and x.months is not None and not v["extension_open_ended"]:
        v["months_with_extensions"] = months + x.months * (x.times or 1)
    sv, en = extension_terms(a, v)
    v["extension_terms_sv"], v["extension_terms_en"] = sv, en


def _parties_and_money(a: Agreement, parties: Parties, v: dict[str, Scalar]) -> None:
    v["public_party_count"] = sum(p.role == "public" for p in a.parties)
    v["idea_party_count"] = sum(p.role == "idea_based" for p in a.parties)
    sides = [paying_side(parties, f) for f in a.funding]
    v["public_contribution_count"] = sides.count("public")
    v["idea_based_contributes"] = "idea_based" in sides
    cash = [f for f in a.funding if f.kind == "cash"]
    v["cash_funding_count"] = len(cash)
    start, end = term(a)
    if cash and start and end and end >= start:
        v["cash_uncovered_months"] = uncovered_months(a, cash, start, end)
    term_months = v.get("duration_months")
    total = v.get("months_with_extensions", term_months if v.get("extension_stated") is False else None)
    at_least, exact = contract_value(a, parties, term_months if isinstance(term_months, int) else None,
                                     total if isinstance(total, int) else None)
    _put(v, "contract_value_min", at_least)
    _put(v, "contract_value", exact)
    if a.budget:
        v["budget_line_count"] = len(a.budget.lines)
        v["budget_lines_sum"] = sum(line.amount for line in a.budget.lines)
        _put(v, "budget_total", a.budget.total)
    if a.budget_increase:
        v["budget_increase_needed"] = a.budget_increase.needed
    if a.payment:
        v["payment_stated"] = bool(a.payment.installments_per_year or a.payment.dates)


def _follow_up(a: Agreement, parties: Parties, v: dict[str, Scalar], months: int | None) -> None:
    fu = a.follow_up
    v["follow_up_stated"] = bool(fu and (fu.reports or fu.cadence or fu.steering_group or fu.source))
    if fu is None:
        return
    per_year = cadence_per_year(a, months)
    dues = dues_in_period(a)
    if per_year is None and dues and months:
        per_year = round(len(dues) / (months / 12), 4)
    _put(v, "reports_per_year", per_year)
    start = a.period.start if a.period else None
    points = sorted({*dues, *cadence_points(a, per_year)})
    if points and start:
        marks = [start - dt.timedelta(days=1), *points]
        gap, since, until = max((gap_months(p, q), p, q) for p, q in zip(marks, marks[1:]))
        frm = max(since + dt.timedelta(days=1), start)
        v["longest_report_gap_months"] = gap
        v["longest_report_gap_from_date"], v["longest_report_gap_to_date"] = to_days(frm), to_days(until)
        v["report_gap_sv"] = f"{gap} månader ({frm.isoformat()}–{until.isoformat()})"
        v["report_gap_en"] = f"{gap} months ({frm.isoformat()} to {until.isoformat()})"
    elif per_year:
        gap = math.ceil(12 / per_year)
        v["longest_report_gap_months"] = gap
        v["report_gap_sv"], v["report_gap_en"] = f"{gap} månader", f"{gap} months"
    if fu.steering_group:
        sides = {parties.side(m.party) for m in fu.steering_group.members}
        v["steering_group_stated"] = True
        v["steering_group_both_sides"] = {"public", "idea_based"} <= sides


def _clauses(a: Agreement, v: dict[str, Scalar]) -> None:
    t = a.termination
    if t:
        if t.notice:
            v["notice_months"] = t.notice.months
        v["repayment_stated"] = t.repayment is not None
        v["dispute_stated"] = t.dispute is not None
    v["breach_stated"] = bool(t and t.breach)
    c = a.contents
    for name in ("background", "values", "renegotiation", "amendments", "cost_analysis"):
        v[f"{name}_stated"] = bool(c and getattr(c, name))
    v["goals_stated"] = bool((c and c.goals) or a.commitments)
    if a.review:
        v["review_date"] = to_days(a.review.date)
    crit = a.iop_criteria
    missing = [key for key in CRITERIA if not (crit and getattr(crit, key))]
    v["criteria_missing_count"] = len(missing)
    v["criteria_missing_sv"] = ", ".join(CRITERIA[k][0] for k in missing)
    v["criteria_missing_en"] = ", ".join(CRITERIA[k][1] for k in missing)
    _put(v, "other_support_from_authority", crit.other_support_from_authority if crit else None)
    _market(a, v)
    v["commitment_count"] = len(a.commitments)
    v["measurable_commitment_count"] = sum(_measurable(c.quantity, c.unit, c.per) for c in a.commitments)


def _market(a: Agreement, v: dict[str, Scalar]) -> None:
    """A market for the same service: LOV, procured before, other providers (HFD 2020 ref. 15's second ground)."""
    m, crit = a.market, a.iop_criteria
    signal = bool(m and (m.lov or m.procured_before or m.other_providers)) or bool(crit and crit.also_procured)
    stated = signal or (m is not None and any(x is False for x in (m.lov, m.procured_before, m.other_providers))) \
        or bool(crit and (crit.no_market or crit.also_procured is False))
    if stated:  # silence about a market leaves the question open
        v["market_signal"] = signal
    if signal:
        v["bought_on_market"] = True
    elif crit and crit.also_procured is False:
        v["bought_on_market"] = False
    elif crit and crit.no_market:
        v["bought_on_market"] = False


def purchase_signs(v: dict[str, Scalar]) -> bool:
    """Signs of a purchase besides the payment itself: no own contribution, an unlimited term, a market."""
    return not v.get("idea_based_contributes") or bool(v.get("extension_open_ended")) or bool(v.get("market_signal"))


def _service(a: Agreement, parties: Parties, v: dict[str, Scalar]) -> None:
    """Whether the authority's own payments remunerate a service (absent: the text leaves it open, or states none)."""
    signs = purchase_signs(v)
    public = [remunerates_service(f, signs) for f in a.funding if pays_from_public_side(parties, f)]
    if True in public:
        v["remunerates_service"] = True
    elif public and None not in public:
        v["remunerates_service"] = False
    _lou_signals(v)


def _lou_signals(v: dict[str, Scalar]) -> None:
    """The signs of a purchase that do not depend on the threshold, in words, for IOP-LOU-01's message."""
    signs = [(not v.get("idea_based_contributes"), "den idéburna parten bidrar inte med något eget",
              "the idea-based party contributes nothing of its own"),
             (bool(v.get("extension_open_ended")), "avtalet kan förlängas utan gräns",
              "the agreement can be prolonged without limit"),
             (bool(v.get("market_signal")), "det finns en marknad för tjänsten (LOV, tidigare upphandlad eller andra utförare)",
              "there is a market for the service (LOV, procured before, or other providers)")]
    held = [(sv, en) for holds, sv, en in signs if holds]
    v["lou_signals_sv"] = "; ".join(sv for sv, _ in held) or "avtalsvärdet överstiger tröskelvärdet"
    v["lou_signals_en"] = "; ".join(en for _, en in held) or "the contract value exceeds the threshold"


def _measurable(quantity: Any, unit: Any, per: Any) -> bool:
    return quantity is not None and unit is not None and per is not None


def _lifecycle(a: Agreement, v: dict[str, Scalar], as_of: dt.date, end: dt.date) -> None:
    """Deadlines as of a date: what an auditor asks on a given day."""
    decided = {e.kind for e in a.log}
    if a.review:
        v["review_passed_undecided"] = a.review.date < as_of and "review_decision" not in decided
    v["ends_soon_undecided"] = as_of <= end <= as_of + dt.timedelta(days=90) and "continuation_decision" not in decided
    v["expired"] = end < as_of


def _referenced(a: Agreement, parties: Parties) -> dict[str, set[int]]:
    """Which parties (by identity) have a contact, a named signatory, a contribution: one pass over each list."""
    def ids(refs: Iterable[str]) -> set[int]:
        return {id(p) for p in (parties.find(r) for r in refs) if p is not None}
    return {"contact": ids(c.party for c in a.contacts),
            "signatory": ids(s.party for s in a.signatures if s.name),
            "contributes": ids(f.payer for f in a.funding)}


def _party_fact(i: int, p: Party, named: dict[str, set[int]]) -> Fact:
    v: dict[str, Scalar] = {"party_id": p.id, "name": p.name, "role": p.role,
                            "signing_party": p.role in SIGNING_ROLES}
    if p.org_number is not None:
        v["org_number"] = p.org_number
        v["org_number_valid"] = luhn_valid(p.org_number)
    _put(v, "non_profit", p.non_profit)
    _put(v, "registered_idea_based", p.registered_idea_based)
    v["has_contact"] = id(p) in named["contact"]
    v["has_signatory"] = id(p) in named["signatory"]
    v["contributes"] = id(p) in named["contributes"]
    return Fact("party", f"party:{i:03d}", v, ("parties", i))


def _funding_fact(a: Agreement, parties: Parties, i: int, signs: bool) -> Fact:
    f = a.funding[i]
    v: dict[str, Scalar] = {"payer": f.payer, "payer_is_party": parties.find(f.payer) is not None,
                            "kind": f.kind, "per": f.per, "public_payer": pays_from_public_side(parties, f)}
    _put(v, "remunerates_service", remunerates_service(f, signs))
    _put(v, "amount", f.amount)
    _put(v, "description", f.description)
    start, end = covered(a, f, term(a))
    bounds = duration_bounds(a) if not f.covers else None
    months = duration_months(start, end) if start and end and end >= start else (
        bounds[0] if bounds and bounds[0] == bounds[1] else None)
    if months is not None:
        v["covered_months"] = months
        v["whole_years"] = is_whole_years(months)
    return Fact("funding", f"funding:{i:03d}", v, ("funding", i))


def _report_facts(a: Agreement, as_of: dt.date | None) -> Iterable[Fact]:
    if not a.follow_up:
        return []
    start, end = term(a)
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
    start, end = term(a)
    months = duration_months(start, end) if start and end else None
    rates: list[float | None] = []
    for c in a.commitments:
        span = months if c.per == "period" else _PER_MONTHS.get(c.per or "")
        rates.append(round(c.quantity * 12 / span, 4) if c.quantity is not None and span else None)
    # per subject, the first commitment of each of its first two rates: enough to name a conflict, in one pass
    firsts: dict[str, list[int]] = {}
    for i, c in enumerate(a.commitments):
        if c.subject and rates[i] is not None:
            seen = firsts.setdefault(c.subject, [])
            if len(seen) < 2 and all(rates[j] != rates[i] for j in seen):
                seen.append(i)
    out = []
    for i, c in enumerate(a.commitments):
        v: dict[str, Scalar] = {"party": c.party, "text": c.text,
                                "measurable": _measurable(c.quantity, c.unit, c.per)}
        for name in ("subject", "quantity", "unit", "per"):
            _put(v, name, getattr(c, name))
        _put(v, "per_year", rates[i])
        if c.subject and rates[i] is not None:
            other = next((j for j in firsts[c.subject] if rates[j] != rates[i]), None)
            v["conflicting"] = other is not None
            if other is not None:
                v["conflict_with"] = a.commitments[other].text
        out.append(Fact("commitment", f"commitment:{i:03d}", v, ("commitments", i)))
    return out


def _signature_fact(i: int, s: Any) -> Fact:
    v: dict[str, Scalar] = {"party": s.party, "date_complete": bool(s.date_as_written and written_date(s.date_as_written))}
    _put(v, "name", s.name)
    _put(v, "date_as_written", s.date_as_written)
    return Fact("signature", f"signature:{i:03d}", v, ("signatures", i))


def _waiver_fact(i: int, w: Any, as_of: dt.date | None) -> Fact:
    v: dict[str, Scalar] = {"rule": w.rule, "approved_by": w.approved_by}
    _put(v, "expires_date", w.expires)
    if as_of and w.expires:
        v["expired"] = w.expires < as_of
    return Fact("waiver", f"waiver:{i:03d}", v, ("waivers", i))
