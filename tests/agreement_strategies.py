"""hypothesis strategies for agreement files: valid, varied, and awkward on purpose.

They aim at the edges the rules care about: month ends and leap days,
one-day and reversed periods, absent fields, payers that are not
parties, conflicting commitments, partial signature dates, Lund's
guideline dates.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from iop_rules.loader import LoadedAgreement
from iop_rules.model import Agreement
from iop_rules.yamlpos import Positions

days = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2026, 12, 31))
edge_days = st.sampled_from([dt.date(2020, 2, 29), dt.date(2019, 1, 31), dt.date(2019, 12, 31),
                             dt.date(2020, 11, 10), dt.date(2020, 11, 11), dt.date(2017, 8, 23)])
any_day = st.one_of(days, edge_days)
PARTY_IDS = ["kommun", "region", "forening", "stiftelse", "lansstyrelsen"]


@st.composite
def parties(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for pid in draw(st.lists(st.sampled_from(PARTY_IDS), max_size=4, unique=True)):
        party: dict[str, Any] = {"id": pid, "role": draw(st.sampled_from(["public", "idea_based", "funder"])),
                                 "name": pid.capitalize()}
        if draw(st.booleans()):
            party["org_number"] = draw(st.sampled_from(["212000-2528", "802496-6080", "845000-8175", "212000-2527", "2120002528"]))
        if draw(st.booleans()):
            party["non_profit"] = draw(st.booleans())
        out.append(party)
    return out


@st.composite
def period(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(any_day)
    end = draw(st.one_of(st.just(start), any_day, st.builds(lambda d: start + dt.timedelta(days=d), st.integers(0, 1500))))
    out: dict[str, Any] = {}
    if draw(st.integers(0, 9)):
        out["start"] = start
    if draw(st.integers(0, 9)):
        out["end"] = end
    return out


@st.composite
def agreements(draw: st.DrawFn) -> dict[str, Any]:
    """A dict that validates as an `Agreement`."""
    ps = draw(parties())
    ids = [p["id"] for p in ps] or ["kommun"]
    data: dict[str, Any] = {"id": "generated", "parties": ps,
                            "document": {"status": draw(st.sampled_from(["draft", "signed"])),
                                         "date": draw(any_day)}}
    if draw(st.booleans()):
        data["decision"] = {"authority": draw(st.sampled_from(["Lunds kommun", "Östersunds kommun"])),
                            "body": draw(st.sampled_from(["socialnämnden", "kommunstyrelsen"])),
                            **({"date": draw(any_day)} if draw(st.booleans()) else {})}
    if draw(st.integers(0, 5)):
        data["period"] = draw(period())
    if draw(st.booleans()):
        data["extension"] = {k: draw(st.integers(1, 24)) for k in ("months", "times") if draw(st.booleans())}
    data["funding"] = [
        {"payer": draw(st.sampled_from([*ids, "X och/eller Y"])), "kind": draw(st.sampled_from(["cash", "in_kind"])),
         **({"amount": draw(st.integers(0, 3_000_000))} if draw(st.booleans()) else {}),
         "per": draw(st.sampled_from(["period", "year", "place"])),
         **({"covers": draw(period())} if draw(st.booleans()) else {})}
        for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        lines = draw(st.lists(st.integers(0, 500_000), max_size=4))
        data["budget"] = {"lines": [{"label": f"rad {i}", "amount": a} for i, a in enumerate(lines)],
                          **({"total": sum(lines) + draw(st.sampled_from([0, 0, 1]))} if draw(st.booleans()) else {})}
    if draw(st.booleans()):
        data["payment"] = {"installments_per_year": draw(st.integers(0, 4))}
    if draw(st.booleans()):
        follow: dict[str, Any] = {"reports": [{"due": draw(any_day)} for _ in range(draw(st.integers(0, 4)))]}
        if draw(st.booleans()):
            follow["cadence"] = {"reports": draw(st.integers(1, 4)), "per": draw(st.sampled_from(["year", "half_year", "period"]))}
        if draw(st.booleans()):
            follow["steering_group"] = {"members": [{"party": draw(st.sampled_from(ids))} for _ in range(draw(st.integers(0, 3)))]}
        data["follow_up"] = follow
    if draw(st.booleans()):
        data["review"] = {"date": draw(any_day)}
    if draw(st.booleans()):
        data["termination"] = {k: v for k, v in (("notice", {"months": draw(st.integers(0, 6))}),
                                                 ("repayment", {"source": "återbetalningsskyldig"}),
                                                 ("dispute", {"source": "tvist"})) if draw(st.booleans())}
    if draw(st.booleans()):
        data["iop_criteria"] = {k: draw(st.booleans()) for k in ("initiative_from_idea_based", "no_market", "not_normed_grant",
                                                                 "both_finance", "not_detail_regulated", "also_procured")
                                if draw(st.booleans())}
    data["commitments"] = [{"party": draw(st.sampled_from(ids)), "text": f"åtagande {i}", "subject": "par",
                            "quantity": draw(st.integers(0, 50)), "unit": "par",
                            "per": draw(st.sampled_from(["half_year", "year", "period"]))}
                           for i in range(draw(st.integers(0, 3)))]
    data["contacts"] = [{"party": draw(st.sampled_from(ids)), "name": "Anna"} for _ in range(draw(st.integers(0, 2)))]
    data["signatures"] = [{"party": draw(st.sampled_from(ids)), "name": "Bo",
                           **({"date_as_written": draw(st.sampled_from(["2019-06-", "2019-06-12", "2018"]))} if draw(st.booleans()) else {})}
                          for _ in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        data["waivers"] = [{"rule": draw(st.sampled_from(["IOP-TERM-01", "IOP-PAY-01", "IOP-NOPE-01"])), "reason": "r",
                            "approved_by": "SN", **({"expires": draw(any_day)} if draw(st.booleans()) else {})}]
    if draw(st.booleans()):
        data["log"] = [{"kind": draw(st.sampled_from(["report_received", "review_decision", "continuation_decision"])),
                        "date": draw(any_day), **({"report_due": draw(any_day)} if draw(st.booleans()) else {})}]
    return data


def loaded(data: dict[str, Any]) -> LoadedAgreement:
    return LoadedAgreement(Agreement.model_validate(data), "generated.yaml", Positions())
