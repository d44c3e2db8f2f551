"""The intermediate form both backends run.

A rule's conditions are read in three-valued (Kleene) logic: a comparison on a field the
agreement does not state is *unknown*, `all` is false as soon as one part is false and `any`
true as soon as one part is true, so a rule is decided whenever what the text states decides
it, and `unknown` only when the verdict truly depends on what is missing.

A rule becomes up to four *branches*, each a condition on one fact type:

- `not_applicable` on the agreement fact: `applies_if` is definitely false; `applies`: definitely
  true (neither: the text does not say whether the rule applies, and it is `unknown`);
- `selected` on each fact `where` selects (the agreement fact itself for a rule on it);
- `fail` / `pass` where `expect` is definitely false (and `unknown_if` not true) / definitely true.

A selected fact with neither `fail` nor `pass` is `unknown`: the text leaves the rule open.  That
is read off what did not fire rather than written as a branch of its own, because "neither true
nor false" of a large condition is a large condition, and durable_rules caps one rule at 32
expressions.

Each branch is a negation-free condition with parameters substituted and constants folded:
for every source condition we build "definitely true", "definitely false" and their
complements directly, guarding each comparison with a presence test.  That is what makes the
two backends agree by construction on the hard cases: durable_rules has no general `not`,
treats a missing field as making *every* comparison false (its `$neq` included), and its
`none` patterns depend on assertion order.
"""
from __future__ import annotations

import itertools
import weakref
from dataclasses import dataclass
from typing import Union

from ..conditions import AllOf, AnyOf, Compare, Condition, FieldRef, Not, ParamRef, ParamSet, Presence
from ..rulesets import Rule, Selection

Scalar = Union[int, float, bool, str]
_NEGATE = {"eq": "ne", "ne": "eq", "lt": "ge", "ge": "lt", "le": "gt", "gt": "le"}


@dataclass(frozen=True)
class Check:
    field: str
    op: str  # eq ne lt le gt ge
    value: Scalar | FieldRef


@dataclass(frozen=True)
class Exists:
    field: str
    present: bool


@dataclass(frozen=True)
class Conj:
    items: tuple["Cond", ...]


@dataclass(frozen=True)
class Disj:
    items: tuple["Cond", ...]


Cond = Union[Check, Exists, Conj, Disj]
TRUE = Conj(())
FALSE = Disj(())


@dataclass(frozen=True)
class Branch:
    rule_id: str
    outcome: str
    fact_type: str
    cond: Cond


@dataclass(frozen=True, eq=False)
class Program:
    """Everything one selection of rulesets compiles to.

    `key` is unique in the process (a serial, never a name built from ruleset ids: an edited
    ruleset reloaded under the same id is another program), and a program is equal only to
    itself, so a backend may cache what it builds from one by identity.
    """

    key: str
    branches: tuple[Branch, ...]


_serials = itertools.count(1)
_programs: "weakref.WeakKeyDictionary[Selection, Program]" = weakref.WeakKeyDictionary()


def compile_selection(selection: Selection) -> Program:
    """The program of a selection, compiled once; it lives and dies with the selection object."""
    program = _programs.get(selection)
    if program is None:
        branches = tuple(b for rule in selection.rules for b in lower_rule(rule, selection.params))
        program = _programs[selection] = Program(f"p{next(_serials)}", branches)
    return program


def lower_rule(rule: Rule, params: dict[str, int | float | None]) -> list[Branch]:
    lower = _Lowering(rule, params)
    # definitely false: not applicable; definitely true: `applies`; neither: the rule is unknown
    not_applies = lower.kleene(rule.applies_if, FALSE_) if rule.applies_if else FALSE
    out = [Branch(rule.id, "not_applicable", "agreement", not_applies)]
    if not_applies == TRUE:
        return out  # e.g. a parameter this selection leaves unset
    if rule.applies_if is not None:
        out.append(Branch(rule.id, "applies", "agreement", lower.kleene(rule.applies_if, TRUE_)))
    selected = lower.kleene(rule.where, TRUE_) if rule.where else TRUE
    failing = lower.kleene(rule.expect, FALSE_)
    if rule.unknown_if is not None:
        failing = simplify(Conj((failing, lower.kleene(rule.unknown_if, NOT_TRUE))))
    out.append(Branch(rule.id, "selected", rule.spec.for_, selected))
    out.append(Branch(rule.id, "fail", rule.spec.for_, simplify(Conj((selected, failing)))))
    out.append(Branch(rule.id, "pass", rule.spec.for_, simplify(Conj((selected, lower.kleene(rule.expect, TRUE_))))))
    return [b for b in out if b.cond != FALSE]


#: What a lowered condition asks of its source: definitely true, definitely false, or not so.
TRUE_, FALSE_, NOT_TRUE, NOT_FALSE = "true", "false", "not_true", "not_false"
_SWAP = {TRUE_: FALSE_, FALSE_: TRUE_, NOT_TRUE: NOT_FALSE, NOT_FALSE: NOT_TRUE}


class _Lowering:
    def __init__(self, rule: Rule, params: dict[str, int | float | None]) -> None:
        self.rule, self.params = rule, params

    def value(self, operand: object) -> Scalar | FieldRef | None:
        """A literal, a field reference, or a parameter's value (None: the selection leaves it unset)."""
        if isinstance(operand, ParamRef):
            return self.params.get(operand.name)
        return operand  # type: ignore[return-value]

    def kleene(self, cond: Condition, want: str) -> Cond:
        """The condition under which `cond` is definitely true / false / not true / not false."""
        if isinstance(cond, Not):
            return self.kleene(cond.item, _SWAP[want])
        if isinstance(cond, (AllOf, AnyOf)):
            # all: true iff every part is; false iff one is. any: the dual. The complements swap and/or.
            conjunctive = isinstance(cond, AllOf) == (want in (TRUE_, NOT_FALSE))
            return self._combine(cond.items, want, conjunctive)
        if isinstance(cond, Presence):  # presence is always known
            holds = cond.present if want in (TRUE_, NOT_FALSE) else not cond.present
            return Exists(cond.field, holds)
        if isinstance(cond, ParamSet):
            holds = (self.params.get(cond.name) is not None) == cond.present
            return TRUE if holds == (want in (TRUE_, NOT_FALSE)) else FALSE
        assert isinstance(cond, Compare)
        if cond.op in ("in", "not_in"):
            op = "eq" if cond.op == "in" else "ne"
            leaves = tuple(Compare(cond.field, op, v) for v in cond.operand)  # type: ignore[union-attr]
            return self.kleene(AnyOf(leaves) if cond.op == "in" else AllOf(leaves), want)
        value = self.value(cond.operand)
        if value is None:  # a parameter not set for this selection: the comparison is undecided
            return FALSE if want in (TRUE_, FALSE_) else TRUE
        fields = (cond.field, *((value.field,) if isinstance(value, FieldRef) else ()))
        op = cond.op if want in (TRUE_, NOT_FALSE) else _NEGATE[cond.op]
        check = Check(cond.field, op, value)
        if want in (TRUE_, FALSE_):  # every field there, and the comparison holds
            return simplify(Conj((*(Exists(f, True) for f in fields), check)))
        return simplify(Disj((*(Exists(f, False) for f in fields), check)))  # a field missing, or it holds

    def _combine(self, items: tuple[Condition, ...], want: str, conjunctive: bool) -> Cond:
        absorbing = FALSE if conjunctive else TRUE
        parts: list[Cond] = []
        # parameter tests first, wherever they are written: a constant that decides it spares the
        # other items, which may compare with a parameter the selection leaves unset
        ordered = sorted(items, key=lambda c: not isinstance(c, ParamSet))
        for c in ordered:
            lowered = self.kleene(c, want)
            if lowered == absorbing:
                return absorbing
            parts.append(lowered)
        return simplify(Conj(tuple(parts)) if conjunctive else Disj(tuple(parts)))


def simplify(cond: Cond) -> Cond:
    """Flatten nested and/or, drop neutral constants, fold absorbing ones."""
    if not isinstance(cond, (Conj, Disj)):
        return cond
    kind = type(cond)
    neutral, absorbing = (TRUE, FALSE) if kind is Conj else (FALSE, TRUE)
    items: dict[Cond, None] = {}  # ordered and de-duplicated in one pass (an `in:` list can be long)
    for item in (simplify(c) for c in cond.items):
        if item == absorbing:
            return absorbing
        if item == neutral:
            continue
        for part in (item.items if type(item) is kind else (item,)):  # type: ignore[union-attr]
            items[part] = None
    if len(items) == 1:
        return next(iter(items))
    return kind(tuple(items))
