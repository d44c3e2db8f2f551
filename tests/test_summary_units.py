"""Amounts keep their units in every summary: never summed across units, never exact when capped or approximate,
never counted for two organisations."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from iop_rules.engine import get_backend
from iop_rules.loader import load_agreement, parse_agreement
from iop_rules.portfolio import Portfolio
from iop_rules.rulesets import load_rulesets
from iop_rules.runner import check_loaded
from tests.conftest import AGREEMENTS, DATA

LIBRARY = load_rulesets()
SCENARIOS = DATA / "scenarios"


def _summary(text: str):  # type: ignore[no-untyped-def]
    return check_loaded(parse_agreement(text, "a.yaml"), LIBRARY, get_backend("python")).summary


PARTIES = "parties: [{id: k, role: public, name: Kommunen}, {id: f, role: idea_based, name: Föreningen}]\n"


def test_a_rate_per_day_is_never_added_to_a_yearly_grant() -> None:
    s = _summary("id: a\n" + PARTIES + "period: {start: 2024-01-01, end: 2025-12-31}\nfunding:\n"
                 "  - {payer: k, kind: cash, amount: 300000, per: year}\n  - {payer: k, kind: cash, amount: 1150, per: day}\n")
    assert s.cash_text("sv") == "300 000 kr per år; 1150 kr per dygn (pris per enhet)"
    assert s.cash_by_year == {"2024": 300000, "2025": 300000}


def test_a_cap_and_an_approximate_amount_are_never_exact() -> None:
    s = _summary("id: a\n" + PARTIES + "period: {start: 2024-01-01, end: 2024-12-31}\nfunding:\n"
                 "  - {payer: k, kind: cash, amount: 4000000, per: period, cap: true}\n"
                 "  - {payer: k, kind: cash, amount: 18000000, per: year, approximate: true}\n")
    assert s.cash_text("sv") == "högst 4 000 000 kr; cirka 18 000 000 kr per år"
    assert s.cash_by_year == {}


def test_a_yearly_amount_over_a_part_year_is_never_pro_rated() -> None:
    s = check_loaded(load_agreement(str(AGREEMENTS / "lund-kompis-sverige-2019.yaml")), LIBRARY, get_backend("python")).summary
    assert "125 000 kr per år" in s.cash_text("sv")
    assert "2019" not in s.cash_by_year  # not 62 500: what half a year gets is what the agreement does not say


def test_a_grant_shared_by_two_organisations_is_counted_once_each_share() -> None:
    report = check_loaded(load_agreement(str(SCENARIOS / "25-lansstyrelsen-bidrag-delat" / "agreement.yaml")), LIBRARY,
                          get_backend("python"), dt.date(2025, 1, 1))
    p = Portfolio(dt.date(2025, 1, 1))
    p.add(report)
    per_org = p.summary()["cash_per_organisation"]
    total = sum(sum(years.values()) for years in per_org.values())
    public = sum(f.amount or 0 for f in load_agreement(str(SCENARIOS / "25-lansstyrelsen-bidrag-delat" / "agreement.yaml")).agreement.funding
                 if f.kind == "cash" and f.payer in ("kommun", "lansstyrelsen") and not f.cap and not f.approximate and f.per == "period")
    assert total == public, per_org  # every krona once, never once per organisation


def test_summing_stays_linear(tmp_path: Path) -> None:
    lines = "".join("  - {payer: k, kind: cash, amount: 1000, per: year, covers: {start: 1900-01-01, end: 2099-12-31}}\n"
                    for _ in range(2000))
    s = _summary("id: a\n" + PARTIES + "period: {start: 1900-01-01, end: 2099-12-31}\nfunding:\n" + lines)
    assert s.cash_by_year["2000"] == 2_000_000
