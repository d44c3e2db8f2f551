"""hypothesis strategies for agreement files: valid for the schema, awkward for the rules.

`agreements()` draws a dict that validates as `iop_rules.model.Agreement`
and aims at the edges the rules and the derived facts care about:

- 0-4 parties of every role, with valid (Luhn) and invalid organisation numbers;
- periods that are absent, half-stated, reversed, one day long, whole years,
  or that start or end on a leap day or a month end;
- cash and in-kind funding per period/year/unit, with and without `covers`,
  paid by a party (by id or by name, in any case) or by someone who is not one;
- budgets whose lines do and do not add up to the total;
- follow-up with report dates inside and outside the period, cadences and
  steering groups with one side, both sides or strangers;
- review dates inside and outside the period, termination clauses, the IOP
  criteria, commitments that do and do not conflict, contacts, signatures with
  full and partial dates, waivers (real, unknown and expiring rules), log entries;
- decisions by "Lunds kommun"/"socialnämnden" dated 2017-2024, around the days
  the Lund guidelines changed, so the Lund rulesets are selected about half the time.

Every draw is from small fixed pools: generation stays fast and the
values survive a YAML round trip unchanged.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from hypothesis import strategies as st

from iop_rules.loader import LoadedAgreement, parse_agreement
from iop_rules.model import Agreement
from iop_rules.yamlpos import Positions

D = dt.date
ONE_DAY = dt.timedelta(days=1)

#: Days the rules turn on: guideline changes in Lund, the 2023 registration law, leap days, month ends.
EDGE_DAYS = (
    D(2017, 8, 22), D(2017, 8, 23), D(2020, 11, 10), D(2020, 11, 11), D(2022, 12, 31), D(2023, 1, 1),
    D(2020, 2, 28), D(2020, 2, 29), D(2020, 3, 1), D(2024, 2, 29), D(2019, 2, 28), D(2021, 2, 28),
    D(2019, 1, 31), D(2019, 4, 30), D(2019, 6, 30), D(2019, 12, 31), D(2020, 1, 1), D(2021, 8, 31),
)
any_day = st.one_of(st.dates(min_value=D(2016, 1, 1), max_value=D(2027, 12, 31)), st.sampled_from(EDGE_DAYS))
decision_day = st.one_of(st.dates(min_value=D(2017, 1, 1), max_value=D(2024, 12, 31)), st.sampled_from(EDGE_DAYS[:6]))

PARTY_IDS = ("kommun", "region", "forening", "stiftelse", "lansstyrelsen", "kompis")
PARTY_NAMES = {"kommun": "Lunds kommun", "region": "Region Skåne", "forening": "Föreningen Kompis",
               "stiftelse": "Stiftelsen Ljus", "lansstyrelsen": "Länsstyrelsen", "kompis": "Kompis i Lund"}
STRANGERS = ("X och/eller Y", "Okänd givare", "staten")
SOURCES = ("Överenskommelsen gäller från och med 2019-01-01.", "Parterna: \"kommunen\" och föreningen.",
           "Se bilaga 2: budget.", "Avtalet kan förlängas med ett år i taget.")
CRITERIA = ("initiative_from_idea_based", "no_market", "not_normed_grant", "both_finance",
            "not_detail_regulated", "also_procured")
#: Rule IDs a waiver may name: real ones (some waivable, some that rarely fail), and one that does not exist.
WAIVER_RULES = ("IOP-TERM-01", "IOP-PAY-01", "IOP-PERIOD-02", "IOP-FIN-05", "IOP-GOV-01", "IOP-CRIT-01",
                "LUND-SN-BUDGET-01", "IOP-WAIVER-01", "IOP-NOPE-01")


def _maybe(draw: st.DrawFn, chance: int = 2) -> bool:
    """True about once in `chance` draws."""
    return draw(st.integers(0, chance - 1)) == 0


def _luhn_digit(nine: str) -> int:
    """The check digit of a Swedish organisation number (independent of iop_rules.facts)."""
    total = 0
    for i, c in enumerate(nine):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


@st.composite
def org_numbers(draw: st.DrawFn) -> str:
    nine = "".join(str(d) for d in draw(st.lists(st.integers(0, 9), min_size=9, max_size=9)))
    good = _luhn_digit(nine)
    kind = draw(st.sampled_from(["valid", "valid", "valid", "check", "no_dash", "short", "letters", "space", "known"]))
    if kind == "valid":
        return f"{nine[:6]}-{nine[6:]}{good}"
    if kind == "check":
        return f"{nine[:6]}-{nine[6:]}{(good + draw(st.integers(1, 9))) % 10}"
    if kind == "no_dash":
        return f"{nine}{good}"
    if kind == "short":
        return f"{nine[:6]}-{nine[6:]}"
    if kind == "letters":
        return f"{nine[:6]}-ABC{good}"
    if kind == "space":
        return f" {nine[:6]}-{nine[6:]}{good} "
    return draw(st.sampled_from(["212000-1355", "802496-6080", "212000-2527", "", "000000-0000"]))


@st.composite
def parties(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for pid in draw(st.lists(st.sampled_from(PARTY_IDS), max_size=4, unique=True)):
        party: dict[str, Any] = {"id": pid, "role": draw(st.sampled_from(["public", "idea_based", "idea_based", "funder"])),
                                 "name": PARTY_NAMES[pid]}
        if not _maybe(draw, 3):
            party["org_number"] = draw(org_numbers())
        for key in ("non_profit", "registered_idea_based"):
            if _maybe(draw):
                party[key] = draw(st.booleans())
        if _maybe(draw, 4):
            party["source"] = draw(st.sampled_from(SOURCES))
        out.append(party)
    return out


def _first_of_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return D(index // 12, index % 12 + 1, 1)


@st.composite
def periods(draw: st.DrawFn, complete: bool = False) -> dict[str, Any]:
    """A period: usually start <= end, sometimes reversed, one day, whole years or from month end to month end."""
    shape = draw(st.sampled_from(["span", "span", "span", "whole_years", "whole_years", "month_ends",
                                  "one_day", "reversed", "independent"]))
    start = draw(any_day)
    if shape == "span":
        end = start + dt.timedelta(days=draw(st.integers(0, 1700)))
    elif shape == "whole_years":
        start = D(start.year, start.month, 1)
        end = _first_of_month(start, 12 * draw(st.integers(1, 4))) - ONE_DAY
    elif shape == "one_day":
        end = start
    elif shape == "reversed":
        end = start - dt.timedelta(days=draw(st.integers(1, 400)))
    elif shape == "month_ends":
        start = _first_of_month(start, 1) - ONE_DAY
        end = _first_of_month(start, draw(st.integers(0, 40)) + 1) - ONE_DAY
    else:
        end = draw(any_day)
    out: dict[str, Any] = {}
    if complete or not _maybe(draw, 10):
        out["start"] = start
    if complete or not _maybe(draw, 10):
        out["end"] = end
    if _maybe(draw, 5):
        out["source"] = draw(st.sampled_from(SOURCES))
    return out


def _day_near(draw: st.DrawFn, period: dict[str, Any] | None) -> dt.date:
    """A day inside the agreement period about half the time, otherwise any day (often outside it)."""
    start, end = (period or {}).get("start"), (period or {}).get("end")
    if start and end and end >= start and _maybe(draw):
        return start + dt.timedelta(days=draw(st.integers(0, (end - start).days)))
    if end and _maybe(draw, 3):
        return end + dt.timedelta(days=draw(st.integers(-5, 5)))
    return draw(any_day)


def _party_ref(draw: st.DrawFn, ps: list[dict[str, Any]]) -> str:
    """How an agreement names a party: by id, by name (in any case), or someone who is not a party."""
    choice = draw(st.integers(0, 9))
    if ps and choice < 5:
        return draw(st.sampled_from(ps))["id"]
    if ps and choice < 8:
        name = draw(st.sampled_from(ps))["name"]
        return draw(st.sampled_from([name, name.upper(), f" {name} "]))
    return draw(st.sampled_from([*STRANGERS, "kommun"]))


@st.composite
def funding_entry(draw: st.DrawFn, ps: list[dict[str, Any]]) -> dict[str, Any]:
    entry: dict[str, Any] = {"payer": _party_ref(draw, ps), "kind": draw(st.sampled_from(["cash", "cash", "in_kind"]))}
    if _maybe(draw, 4):
        entry["side"] = draw(st.sampled_from(["public", "idea_based"]))
    if not _maybe(draw, 4):
        entry["amount"] = draw(st.sampled_from([0, 1000, 250_000, 1_200_000, 3_000_000])) + draw(st.integers(0, 999))
    if not _maybe(draw, 3):
        entry["per"] = draw(st.sampled_from(["period", "year", "year", "month", "place", "hour", "client"]))
    if _maybe(draw, 3):
        entry["covers"] = draw(periods())
    if _maybe(draw, 4):
        entry["description"] = draw(st.sampled_from(["lokalhyra", "ideell tid", "personal"]))
    if _maybe(draw, 4):
        entry["source"] = draw(st.sampled_from(SOURCES))
    return entry


@st.composite
def budgets(draw: st.DrawFn) -> dict[str, Any]:
    amounts = draw(st.lists(st.sampled_from([0, 5000, 120_000, 450_000, 999_999]), max_size=4))
    out: dict[str, Any] = {"lines": [{"label": f"Post {i + 1}", "amount": a} for i, a in enumerate(amounts)]}
    total = draw(st.sampled_from(["sum", "sum", "off", "absent"]))
    if total == "sum":
        out["total"] = sum(amounts)
    elif total == "off":
        out["total"] = sum(amounts) + draw(st.sampled_from([1, 1000, 100_000]))
    if _maybe(draw, 4):
        out["source"] = draw(st.sampled_from(SOURCES))
    return out


@st.composite
def follow_ups(draw: st.DrawFn, ps: list[dict[str, Any]], period: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not _maybe(draw, 4):
        out["reports"] = [{"due": _day_near(draw, period),
                           **({"kind": draw(st.sampled_from(["interim", "annual", "final", "evaluation"]))} if _maybe(draw) else {}),
                           **({"description": "Verksamhetsberättelse"} if _maybe(draw, 4) else {})}
                          for _ in range(draw(st.integers(0, 5)))]
    if _maybe(draw):
        out["cadence"] = {"reports": draw(st.integers(1, 4)), "per": draw(st.sampled_from(["year", "half_year", "period"]))}
    if _maybe(draw):
        group: dict[str, Any] = {"members": [{"party": _party_ref(draw, ps),
                                              **({"role": "ordförande"} if _maybe(draw, 3) else {})}
                                             for _ in range(draw(st.integers(0, 3)))]}
        if _maybe(draw):
            group["meetings_per_year"] = draw(st.integers(0, 6))
        if _maybe(draw, 3):
            group["name"] = "samverkansgrupp"
        out["steering_group"] = group
    return out


@st.composite
def terminations(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if _maybe(draw):
        out["notice"] = {"months": draw(st.integers(0, 12))}
    if _maybe(draw):
        out["repayment"] = {"source": "Medel som inte använts ska återbetalas."}
    if _maybe(draw):
        out["dispute"] = {"source": "Tvist avgörs av allmän domstol.", **({"note": "förhandling först"} if _maybe(draw) else {})}
    return out


@st.composite
def commitment_list(draw: st.DrawFn, ps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Commitments from small pools, so the same subject often comes back with an equal or a different rate."""
    out = []
    for i in range(draw(st.integers(0, 4))):
        c: dict[str, Any] = {"party": _party_ref(draw, ps), "text": f"Åtagande {i + 1}"}
        if not _maybe(draw, 4):
            c["subject"] = draw(st.sampled_from(["träffar", "träffar", "deltagare"]))
        if not _maybe(draw, 4):
            c["quantity"] = draw(st.sampled_from([0, 1, 2, 6, 12, 24, 0.5, 1.5]))
        if not _maybe(draw, 4):
            c["unit"] = draw(st.sampled_from(["träffar", "personer"]))
        if not _maybe(draw, 4):
            c["per"] = draw(st.sampled_from(["week", "month", "half_year", "year", "period"]))
        out.append(c)
    return out


@st.composite
def decisions(draw: st.DrawFn) -> dict[str, Any]:
    lund = not _maybe(draw, 3)
    out: dict[str, Any] = {"authority": "Lunds kommun" if lund else draw(st.sampled_from(["lunds kommun ", "Östersunds kommun", "Region Skåne"]))}
    if not _maybe(draw, 5):
        out["body"] = "socialnämnden" if not _maybe(draw, 3) else draw(st.sampled_from(["Socialnämnden", "kommunstyrelsen"]))
    if not _maybe(draw, 4):
        out["date"] = draw(decision_day)
    if _maybe(draw, 3):
        out["reference"] = "SN 2019-06-10 §88"
    return out


@st.composite
def agreements(draw: st.DrawFn) -> dict[str, Any]:
    """A dict that validates as an `Agreement` (dates as `datetime.date`)."""
    ps = draw(parties())
    data: dict[str, Any] = {"id": draw(st.sampled_from(["generated", "iop-1", "lund_2019-a"]))}
    document: dict[str, Any] = {}
    if not _maybe(draw, 4):
        document["status"] = draw(st.sampled_from(["draft", "signed"]))
    if _maybe(draw, 6):
        document["kind"] = "decision_memo"
    if not _maybe(draw, 3):
        document["date"] = draw(decision_day)
    if _maybe(draw, 4):
        document["title"] = "Överenskommelse om idéburet offentligt partnerskap"
    if _maybe(draw, 5):  # a draft from `extract`: what it did not find is not known to be absent
        document["not_found"] = draw(st.lists(st.sampled_from(["extension", "budget_increase", "review"]), max_size=2, unique=True))
    if document or _maybe(draw):
        data["document"] = document
    if not _maybe(draw, 3):
        data["decision"] = draw(decisions())
    if ps or _maybe(draw):
        data["parties"] = ps
    period = draw(periods()) if not _maybe(draw, 8) else None
    if period is not None:
        data["period"] = period
    if _maybe(draw, 3):
        data["extension"] = {k: draw(st.integers(0, 24)) for k in ("months", "times") if not _maybe(draw, 3)}
    funding = [draw(funding_entry(ps)) for _ in range(draw(st.integers(0, 3)))]
    if funding or _maybe(draw):
        data["funding"] = funding
    if _maybe(draw):
        data["budget"] = draw(budgets())
    if _maybe(draw, 4):
        data["budget_increase"] = {"needed": draw(st.booleans()),
                                   **({"years": [2019, 2020]} if _maybe(draw) else {})}
    if _maybe(draw):
        payment: dict[str, Any] = {}
        if _maybe(draw):
            payment["installments_per_year"] = draw(st.integers(0, 12))
        if _maybe(draw, 3):
            payment["dates"] = [_day_near(draw, period) for _ in range(draw(st.integers(0, 2)))]
        data["payment"] = payment
    if not _maybe(draw, 3):
        data["follow_up"] = draw(follow_ups(ps, period))
    if _maybe(draw):
        data["review"] = {"date": _day_near(draw, period)}
    if _maybe(draw):
        data["termination"] = draw(terminations())
    if _maybe(draw):
        data["iop_criteria"] = {k: draw(st.booleans()) for k in CRITERIA if not _maybe(draw, 3)}
    commitments = draw(commitment_list(ps))
    if commitments:
        data["commitments"] = commitments
    contacts = [{"party": _party_ref(draw, ps), "name": "Anna Andersson",
                 **({"email": "anna@example.se"} if _maybe(draw) else {})} for _ in range(draw(st.integers(0, 3)))]
    if contacts:
        data["contacts"] = contacts
    signatures = []
    for _ in range(draw(st.integers(0, 3))):
        sig: dict[str, Any] = {"party": _party_ref(draw, ps)}
        if not _maybe(draw, 4):
            sig["name"] = "Bo Berg"
        if not _maybe(draw, 3):
            sig["date_as_written"] = draw(st.sampled_from(["2019-06-12", "2020-02-29", " 2019-06-12 ", "2019-06-",
                                                           "2018", "", "12 juni 2019", "2019-13-45"]))
        signatures.append(sig)
    if signatures:
        data["signatures"] = signatures
    if _maybe(draw, 3):
        data["waivers"] = [{"rule": draw(st.sampled_from(WAIVER_RULES)), "reason": "Beslutat undantag",
                            "approved_by": "Socialnämnden",
                            **({"reference": "SN 2021-05-20 §88"} if _maybe(draw) else {}),
                            **({"expires": draw(any_day)} if _maybe(draw) else {})}
                           for _ in range(draw(st.integers(1, 2)))]
    if _maybe(draw, 3):
        dues = [r["due"] for r in data.get("follow_up", {}).get("reports", [])]
        log = []
        for _ in range(draw(st.integers(1, 3))):
            entry: dict[str, Any] = {"kind": draw(st.sampled_from(["report_received", "review_decision", "continuation_decision"])),
                                     "date": draw(any_day)}
            if entry["kind"] == "report_received" and not _maybe(draw, 3):
                entry["report_due"] = draw(st.sampled_from(dues)) if dues and not _maybe(draw, 4) else draw(any_day)
            log.append(entry)
        data["log"] = log
    return data


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """No anchors: the same `date` object twice (a one-day period) must not become an alias,
    which the loader rightly refuses."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def loaded(data: dict[str, Any], path: str = "generated.yaml") -> LoadedAgreement:
    """The agreement as the checker sees it, through YAML, so results carry real line numbers."""
    return parse_agreement(to_yaml(data), path)


def validated(data: dict[str, Any], path: str = "generated.yaml") -> LoadedAgreement:
    """The same without the YAML round trip (every line is 1): for tests that only need verdicts."""
    return LoadedAgreement(Agreement.model_validate(data), path, Positions())
