"""An independent oracle for rule verdicts, read off the SOURCE condition language.

The two engine backends run the same lowered form (iop_rules/engine/ir.py), so comparing them
proves the durable translation, not the lowering.  This module never looks at the IR: it
evaluates the parsed conditions of `iop_rules.conditions` directly, in three values (Kleene),
and turns them into one verdict per rule the way a reader of the ruleset would:

- a comparison is *unknown* when a field it compares (on either side) is absent from the fact;
  `present` and `{param: P, present: ...}` tests are never unknown; `in` is `any` of `eq`,
  `not_in` its negation; `all` is false once an item is false, `any` true once one is true,
  else unknown if an item is unknown; `not` keeps unknown;
- `applies_if` (on the agreement fact) false -> `not_applicable`; unknown -> `unknown` (the text
  does not say whether the rule applies);
- the elements are the facts of the rule's `for` type whose `where` is true (all of them without
  `where`; for a rule on the agreement without `where`, the agreement fact itself);
- an element's outcome: pass when `expect` is true; fail when it is false, unless `unknown_if`
  is true there (the text does not decide it); unknown otherwise -- and unknown becomes the
  rule's `missing` (unknown / fail / pass);
- fail if any element fails, else unknown if any is unknown, else pass if any passes, else the
  rule's `if_none`;
- a fail with an approved waiver for the rule, not expired on the audit date -> waived.

A comparison with a parameter the selection leaves unset is unknown, like one on an absent field
(a threshold not in force on the decision date leaves the question open).  Everything is read from the rule's spec
and parsed conditions, never from its ID, so the oracle follows edits to the rulesets.
"""
from __future__ import annotations

import datetime as dt
import operator
from typing import Any, Iterable, Mapping

from iop_rules.conditions import AllOf, AnyOf, Compare, Condition, FieldRef, Not, ParamRef, ParamSet, Presence
from iop_rules.facts import derive_facts

#: Built into results.py (it reads the other rules' verdicts), not a rule of any ruleset file.
WAIVER_RULE = "IOP-WAIVER-01"
_OPS = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}
Truth = bool | None  # None: unknown
Params = Mapping[str, int | float | None]


class UnsetParameter(Exception):
    """A comparison with a parameter the selected rulesets leave unset: a ruleset error, not a verdict."""


# ---- three-valued evaluation ----------------------------------------------------------

def _and(values: Iterable[Truth]) -> Truth:
    vs = list(values)
    return False if False in vs else None if None in vs else True


def _or(values: Iterable[Truth]) -> Truth:
    vs = list(values)
    return True if True in vs else None if None in vs else False


def _operand(value: object, fact: Mapping[str, object], params: Params) -> tuple[bool, object]:
    """(known, value) of one side of a comparison."""
    if isinstance(value, FieldRef):
        return (value.field in fact, fact.get(value.field))
    if isinstance(value, ParamRef):
        if params.get(value.name) is None:
            return (False, None)
        return (True, params[value.name])
    return (True, value)


def _compare(cond: Compare, fact: Mapping[str, object], params: Params) -> Truth:
    if cond.op in ("in", "not_in"):
        assert isinstance(cond.operand, tuple)
        hit = _or(_compare(Compare(cond.field, "eq", v), fact, params) for v in cond.operand)
        return hit if cond.op == "in" else (None if hit is None else not hit)
    known, other = _operand(cond.operand, fact, params)
    if cond.field not in fact or not known:
        return None
    return bool(_OPS[cond.op](fact[cond.field], other))  # type: ignore[arg-type]


def kleene(cond: Condition, fact: Mapping[str, object], params: Params) -> Truth:
    if isinstance(cond, Presence):
        return (cond.field in fact) == cond.present
    if isinstance(cond, ParamSet):
        return (params.get(cond.name) is not None) == cond.present
    if isinstance(cond, Compare):
        return _compare(cond, fact, params)
    if isinstance(cond, Not):
        inner = kleene(cond.item, fact, params)
        return None if inner is None else not inner
    assert isinstance(cond, (AllOf, AnyOf))
    decider = isinstance(cond, AnyOf)  # True decides an any, False an all
    values, unset = [], None
    for c in cond.items:  # an unset parameter is an error only where the other items leave it undecided
        try:
            values.append(kleene(c, fact, params))
        except UnsetParameter as exc:
            unset = exc
    if unset is not None and decider not in values:
        raise unset
    return (_or if decider else _and)(values)


def truth(cond: Condition | None, fact: Mapping[str, object], params: Params) -> Truth:
    return None if cond is None else kleene(cond, fact, params)


# ---- verdicts -------------------------------------------------------------------------

def outcome(rule: Any, fact: Any, params: Params) -> str:
    """One element's outcome, `missing` already applied."""
    value = truth(rule.expect, fact.values, params)
    if value is False and truth(getattr(rule, "unknown_if", None), fact.values, params) is True:
        value = None
    return {True: "pass", False: "fail", None: rule.spec.missing}[value]


def rule_verdict(rule: Any, facts: list[Any], params: Params) -> str:
    """One rule's verdict before waivers, from its spec and parsed conditions."""
    spec = rule.spec
    agreement = next(f for f in facts if f.type == "agreement")
    if rule.applies_if is not None:
        applies = truth(rule.applies_if, agreement.values, params)
        if applies is False:
            return "not_applicable"
        if applies is None:
            return "unknown"
    elements = [f for f in facts
                if f.type == spec.for_ and (rule.where is None or truth(rule.where, f.values, params) is True)]
    outcomes = {outcome(rule, f, params) for f in elements}
    return next((v for v in ("fail", "unknown", "pass") if v in outcomes), spec.if_none)


def waived(loaded: Any, rule_id: str, as_of: dt.date | None) -> bool:
    day = as_of or dt.date.today()  # without --as-of, expiry is judged against the report date
    return any(w.rule == rule_id and not (w.expires and w.expires < day) for w in loaded.agreement.waivers)


def verdicts(loaded: Any, selection: Any, as_of: dt.date | None = None) -> dict[str, str]:
    """Every rule's verdict for one agreement under a selection (its `rules` and `params`)."""
    facts = derive_facts(loaded, as_of)
    out = {}
    for rule in selection.rules:
        v = rule_verdict(rule, facts, selection.params)
        out[rule.id] = "waived" if v == "fail" and waived(loaded, rule.id, as_of) else v
    return out
