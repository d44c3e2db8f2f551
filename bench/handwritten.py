"""The core rules written by hand in Python, over the same derived facts.

This is the benchmark's yardstick for the rule engines ("evaluation
within 2x of the same checks written by hand"), and nothing else: the
product's rules live in rulesets/ as data.
"""
from __future__ import annotations

from typing import Any, Callable

from iop_rules.facts import Fact

Verdicts = dict[str, str]


def _each(facts: list[Fact], kind: str, where: Callable[[dict[str, Any]], bool],
          test: Callable[[dict[str, Any]], bool | None], if_none: str = "pass") -> str:
    outcomes = []
    for f in facts:
        if f.type == kind and where(f.values):
            result = test(f.values)
            outcomes.append("unknown" if result is None else "pass" if result else "fail")
    for verdict in ("fail", "unknown", "pass"):
        if verdict in outcomes:
            return verdict
    return if_none


def _cmp(v: dict[str, Any], name: str, fn: Callable[[Any], bool]) -> bool | None:
    return None if name not in v else fn(v[name])


def check(facts: list[Fact], params: dict[str, Any]) -> Verdicts:
    a = facts[0].values
    out: Verdicts = {}
    out["IOP-PARTY-01"] = "pass" if a["public_party_count"] >= 1 and a["idea_party_count"] >= 1 else "fail"
    out["IOP-PARTY-02"] = _each(facts, "party", lambda v: v["role"] == "idea_based", lambda v: v.get("non_profit") is True)
    out["IOP-PARTY-03"] = _each(facts, "party", lambda v: v["signing_party"], lambda v: "org_number" in v)
    out["IOP-PARTY-04"] = _each(facts, "party", lambda v: "org_number" in v, lambda v: v["org_number_valid"], "not_applicable")
    ok = "start_date" in a and "end_date" in a and a["end_date"] > a["start_date"]
    out["IOP-PERIOD-01"] = "pass" if ok else "fail"
    limit = params.get("max_duration_months")
    out["IOP-PERIOD-02"] = "not_applicable" if limit is None else _verdict(_cmp(a, "duration_months", lambda m: m <= limit))
    out["IOP-PERIOD-03"] = _verdict(_cmp(a, "duration_months", lambda m: m >= params["min_duration_months"]))
    out["IOP-FIN-01"] = "pass" if a["public_contribution_count"] >= 1 else "fail"
    out["IOP-FIN-02"] = _each(facts, "party", lambda v: v["role"] == "idea_based", lambda v: v["contributes"])
    out["IOP-FIN-03"] = ("not_applicable" if a["cash_funding_count"] < 1
                         else _verdict(_cmp(a, "cash_uncovered_months", lambda m: m == 0)))
    out["IOP-FIN-04"] = _each(facts, "funding", lambda v: v["per"] == "year", lambda v: _cmp(v, "whole_years", bool))
    out["IOP-FIN-06"] = _each(facts, "funding", lambda v: v["kind"] == "cash", lambda v: v["payer_is_party"])
    out["IOP-PAY-01"] = "pass" if a.get("payment_stated") else "fail"
    out["IOP-REP-01"] = _verdict(_cmp(a, "reports_per_year", lambda n: n >= params["min_reports_per_year"]))
    out["IOP-REP-02"] = _verdict(_cmp(a, "longest_report_gap_months", lambda n: n <= params["max_report_gap_months"]))
    out["IOP-GOV-01"] = "pass" if a.get("steering_group_both_sides") else "fail"
    out["IOP-GOV-02"] = _each(facts, "party", lambda v: v["signing_party"], lambda v: v["has_contact"])
    out["IOP-TERM-01"] = "pass" if "notice_months" in a else "fail"
    out["IOP-TERM-02"] = "pass" if a.get("repayment_stated") else "fail"
    out["IOP-TERM-03"] = "pass" if a.get("dispute_stated") else "fail"
    if "review_date" not in a:
        out["IOP-REV-01"] = "not_applicable"
    elif "start_date" in a and "end_date" in a:
        out["IOP-REV-01"] = "pass" if a["start_date"] <= a["review_date"] < a["end_date"] else "fail"
    else:
        out["IOP-REV-01"] = "unknown"
    out["IOP-CRIT-01"] = "pass" if a["criteria_missing_count"] == 0 else "fail"
    out["IOP-CRIT-02"] = _each(facts, "funding", lambda v: v["kind"] == "cash", lambda v: v["per"] not in ("place", "hour", "client"))
    out["IOP-CRIT-03"] = _verdict(_cmp(a, "bought_on_market", lambda b: b is False))
    out["IOP-GOAL-01"] = "pass" if a["measurable_commitment_count"] >= 1 else "fail"
    out["IOP-GOAL-02"] = _each(facts, "commitment", lambda v: "conflicting" in v, lambda v: not v["conflicting"])
    out["IOP-SIGN-01"] = _each(facts, "party", lambda v: v["signing_party"], lambda v: v["has_signatory"])
    out["IOP-SIGN-02"] = ("not_applicable" if a["status"] != "signed"
                          else _each(facts, "signature", lambda v: True, lambda v: v["date_complete"]))
    return out


def _verdict(result: bool | None) -> str:
    return "unknown" if result is None else "pass" if result else "fail"
