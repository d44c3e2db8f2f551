"""Rule verdicts against an independent oracle (tests/oracle.py) that reads the source conditions.

The engine tests compare two backends that run the same IR; these compare both with verdicts
computed without the IR, on the shipped rulesets and on randomly generated rules, so a mistake
in lowering (negation, in/not_in, absent fields, parameters, `where`, `if_none`, the pass that
a rule on the agreement gets by default) shows up as a disagreement.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from iop_rules.engine import available_engines, get_backend
from iop_rules.facts import FACT_FIELDS
from iop_rules.rulesets import RuleSpec, RulesetLibrary, build_ruleset, load_rulesets
from iop_rules.runner import check_loaded
from iop_rules.yamlpos import parse_yaml
from tests import oracle
from tests.strategies import EDGE_DAYS, agreements, to_yaml, validated

LIBRARY = load_rulesets()
ENGINES = available_engines()
AUDIT_DAY = st.one_of(st.none(), st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2027, 12, 31)),
                      st.sampled_from(EDGE_DAYS))
FORCED = st.sampled_from([None, None, None, *sorted(LIBRARY.by_id)])  # selected by the agreement, or each ruleset forced
#: durable_rules' C engine refuses a rule of more than 32 expressions in a row (ERR_EXPRESSION_LIMIT_EXCEEDED).
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def selection_of(la: Any, library: Any, forced: str | None) -> Any:
    """The rulesets and parameters the agreement is checked under: chosen by authority, body and decision date."""
    a = la.agreement
    day = a.decision.date if a.decision and a.decision.date else a.document.date
    return library.select(a.decision.authority if a.decision else None, a.decision.body if a.decision else None, day, forced)


def assert_agree(la: Any, library: Any, as_of: dt.date | None, forced: str | None) -> None:
    selection = selection_of(la, library, forced)
    want = oracle.verdicts(la, selection, as_of)
    for engine in ENGINES:
        report = check_loaded(la, library, get_backend(engine), as_of, forced)
        assert report.rulesets == selection.ids
        got = {r.rule: r.verdict for r in report.results if r.rule != oracle.WAIVER_RULE}
        diff = {k: {"engine": got.get(k), "oracle": want.get(k)}
                for k in sorted(set(got) | set(want)) if got.get(k) != want.get(k)}
        assert not diff, (engine, diff)


# ---- (1) the shipped rulesets -----------------------------------------------------------

@settings(FAST, max_examples=40)
@given(agreements(), AUDIT_DAY, FORCED)
def test_shipped_rules_agree_with_the_oracle(data: dict[str, Any], as_of: dt.date | None, forced: str | None) -> None:
    assert_agree(validated(data), LIBRARY, as_of, forced)


# ---- (2) generated rules ----------------------------------------------------------------

#: Parameters of the generated ruleset: two set, one unset (only ever tested for presence).
PARAMS = {"p_int": 12, "p_num": 2.5, "p_unset": None}
SET_PARAMS = [k for k, v in PARAMS.items() if v is not None]
STRINGS = ["public", "idea_based", "funder", "cash", "in_kind", "year", "period", "month", "place", "signed", "draft",
           "agreement", "interim", "annual", "träffar", "kommun", "Lunds kommun", "socialnämnden", "Socialnämnden",
           "IOP-TERM-01", "Bo Berg", "2019-06-12", "Åtagande 1", ""]
LITERALS = {
    "int": st.sampled_from([-1, 0, 1, 2, 3, 6, 11, 12, 13, 24, 36, 120_000, 250_000]),
    "number": st.sampled_from([0, 0.5, 1, 1.5, 2, 2.5, 4, 12, 24]),
    "bool": st.booleans(),
    "str": st.sampled_from(STRINGS),
    "date": st.one_of(st.sampled_from(EDGE_DAYS), st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2027, 12, 31)))
              .map(dt.date.isoformat),
}
ORDERED = ("int", "number", "date")


@st.composite
def operands(draw: st.DrawFn, fields: dict[str, str], kind: str) -> Any:
    """A literal of the kind, another field it may be compared with, or (for numbers) a parameter."""
    same = [f for f, k in fields.items() if k == kind or {k, kind} <= {"int", "number"}]
    choice = draw(st.integers(0, 9))
    if choice < 2:
        return {"field": draw(st.sampled_from(same))}
    if choice < 4 and kind in ("int", "number"):
        return {"param": draw(st.sampled_from(SET_PARAMS))}
    return draw(LITERALS[kind])


@st.composite
def leaves(draw: st.DrawFn, fields: dict[str, str]) -> dict[str, Any]:
    name = draw(st.sampled_from(sorted(fields)))
    kind = fields[name]
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return {"field": name, "present": draw(st.booleans())}
    if shape == 1:
        return {"param": draw(st.sampled_from(sorted(PARAMS))), "present": draw(st.booleans())}
    if shape == 2:
        return {"field": name, draw(st.sampled_from(["in", "not_in"])): draw(st.lists(operands(fields, kind), min_size=1, max_size=3))}
    ops = ["eq", "ne"] + (["lt", "le", "gt", "ge"] if kind in ORDERED else [])
    return {"field": name, draw(st.sampled_from(ops)): draw(operands(fields, kind))}


def conditions(fields: dict[str, str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(leaves(fields), lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, inner)), max_leaves=6)


TEXT = {"sv": "text", "en": "text"}


@st.composite
def rules(draw: st.DrawFn, i: int) -> dict[str, Any]:
    for_ = draw(st.sampled_from(["agreement", "agreement", *[t for t in FACT_FIELDS if t != "agreement"]]))
    fields = FACT_FIELDS[for_]
    rule: dict[str, Any] = {"id": f"GEN-R-{i}", "severity": "warning", "title": TEXT, "citation": "generated",
                            "remediation": TEXT, "message": TEXT, "for": for_, "expect": draw(conditions(fields))}
    if draw(st.integers(0, 3)) < (3 if for_ != "agreement" else 1):  # a rule on the agreement seldom has `where`
        rule["where"] = draw(conditions(fields))
    if draw(st.booleans()):
        rule["applies_if"] = draw(conditions(FACT_FIELDS["agreement"]))
    for key in ("missing", "if_none"):  # whatever values the schema allows today
        if draw(st.booleans()):
            rule[key] = draw(st.sampled_from(get_args(RuleSpec.model_fields[key].annotation)))
    if "unknown_if" in RuleSpec.model_fields and draw(st.booleans()):  # a single leaf often holds: it must, to matter
        rule["unknown_if"] = draw(st.one_of(leaves(fields), conditions(fields)))
    return rule


@st.composite
def generated_rulesets(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(1, 4))
    return {"id": "generated", "title": "generated", "citation": "generated",
            "parameters": {k: {"value": v, "reference": "generated"} for k, v in PARAMS.items()},
            "rules": [draw(rules(i)) for i in range(n)]}


def library_of(data: dict[str, Any]) -> RulesetLibrary:
    parsed, positions = parse_yaml(to_yaml(data), "generated-ruleset.yaml")  # no aliases: the loader refuses them
    ruleset = build_ruleset(parsed, positions, "generated-ruleset.yaml")
    return RulesetLibrary({ruleset.id: ruleset})


@settings(FAST, max_examples=60)
@given(generated_rulesets(), agreements(), AUDIT_DAY)
def test_generated_rules_agree_with_the_oracle(ruleset: dict[str, Any], data: dict[str, Any], as_of: dt.date | None) -> None:
    assert_agree(validated(data), library_of(ruleset), as_of, "generated")


# ---- disagreements found: product bugs, pinned until fixed --------------------------------

def one_rule(rule: dict[str, Any]) -> RulesetLibrary:
    full = {"id": "GEN-R-0", "severity": "warning", "title": TEXT, "citation": "generated", "remediation": TEXT,
            "message": TEXT, **rule}
    return library_of({"id": "generated", "title": "generated", "citation": "generated",
                       "parameters": {k: {"value": v, "reference": "generated"} for k, v in PARAMS.items()},
                       "rules": [full]})


def verdict_of(library: RulesetLibrary, engine: str, data: dict[str, Any] | None = None) -> str:
    report = check_loaded(validated(data or {"id": "x"}), library, get_backend(engine), None, "generated")
    return {r.rule: r.verdict for r in report.results}["GEN-R-0"]


@pytest.mark.skipif("durable" not in ENGINES, reason="durable_rules does not import here")
def test_durable_takes_an_in_list_of_thirteen_values() -> None:  # was error 113: branches are split by disjunct
    library = one_rule({"expect": {"field": "kind", "in": [f"v{i}" for i in range(13)]}})
    assert verdict_of(library, "python") == "fail"
    assert verdict_of(library, "durable") == "fail"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_rule_on_the_agreement_whose_where_is_false_gets_its_if_none(engine: str) -> None:
    library = one_rule({"where": {"field": "agreement_id", "present": False}, "expect": {"field": "kind", "eq": "x"},
                        "if_none": "unknown"})
    la = validated({"id": "x"})
    assert oracle.verdicts(la, selection_of(la, library, "generated"))["GEN-R-0"] == "unknown"
    assert verdict_of(library, engine) == "unknown"


@pytest.mark.parametrize("engine", ENGINES)
def test_any_decided_by_a_parameter_test_in_either_order(engine: str) -> None:
    compare, unset = {"field": "duration_months", "le": {"param": "p_unset"}}, {"param": "p_unset", "present": False}
    assert verdict_of(one_rule({"expect": {"any": [unset, compare]}}), engine) == "pass"  # holds today
    assert verdict_of(one_rule({"expect": {"any": [compare, unset]}}), engine) == "pass"  # was an IopError
