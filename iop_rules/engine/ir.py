"""The intermediate form both backends run.

A rule becomes up to four *branches*, each a condition on one fact type
that says which outcome the rule has for that fact:

- `not_applicable` on the agreement fact: `applies_if` is false (or one
  of the fields it compares is absent);
- `unknown` on each element fact that passes `where` but lacks a field
  `expect` compares;
- `fail` / `pass` on each such element with every compared field present,
  as `expect` is false / true; a rule on the agreement fact itself has no
  `pass` branch -- when nothing else fires, it passed (`passes_by_default`).

Conditions are in negation normal form with parameters already
substituted and constants folded.  That is what makes the two backends
agree by construction on the hard cases: durable_rules has no general
`not`, treats a missing field as making *every* comparison false (its
`$neq` included), and its `none` patterns depend on assertion order.  We
therefore never hand it a negation or a comparison on an absent field:
each branch guards every compared field with a presence test first.
"""
from __future__ import annotations

import itertools
import weakref
from dataclasses import dataclass
from typing import Union

from ..errors import IopError
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
    applies = lower.nnf(rule.applies_if) if rule.applies_if else TRUE
    compared_a = _compared_fields(applies)
    not_applies = simplify(Disj((*(Exists(f, False) for f in compared_a), lower.nnf(rule.applies_if, negate=True) if rule.applies_if else FALSE)))
    out = [Branch(rule.id, "not_applicable", "agreement", not_applies)]
    if not_applies == TRUE:
        return out  # e.g. a parameter this selection leaves unset
    where = lower.nnf(rule.where) if rule.where else TRUE
    selected = simplify(Conj((*(Exists(f, True) for f in _compared_fields(where)), where)))
    expect_true = lower.nnf(rule.expect)
    expect_false = lower.nnf(rule.expect, negate=True)
    needed = sorted(_compared_fields(expect_true) | _compared_fields(expect_false))
    all_there = tuple(Exists(f, True) for f in needed)
    if needed:
        out.append(Branch(rule.id, "unknown", rule.spec.for_, simplify(Conj((selected, Disj(tuple(Exists(f, False) for f in needed)))))))
    out.append(Branch(rule.id, "fail", rule.spec.for_, simplify(Conj((selected, *all_there, expect_false)))))
    if not passes_by_default(rule):
        out.append(Branch(rule.id, "pass", rule.spec.for_, simplify(Conj((selected, *all_there, expect_true)))))
    return [b for b in out if b.cond != FALSE]


def passes_by_default(rule: Rule) -> bool:
    """For a rule on the agreement itself the other branches cover every other case, so silence is a pass.

    Not firing a branch for the commonest outcome halves the firings, and with durable_rules every
    firing is a Python callback.  Rules over parties, funding, ... keep their pass branch: there,
    "no element matched `where`" (the rule's `if_none`) must be told apart from "every element passed".
    """
    return rule.spec.for_ == "agreement" and rule.where is None


class _Lowering:
    def __init__(self, rule: Rule, params: dict[str, int | float | None]) -> None:
        self.rule, self.params = rule, params

    def value(self, operand: object) -> Scalar | FieldRef:
        if isinstance(operand, ParamRef):
            found = self.params.get(operand.name)
            if found is None:
                raise IopError(
                    f"rule {self.rule.id} compares with parameter {operand.name!r}, which the selected rulesets leave unset; "
                    f"expected `applies_if: {{param: {operand.name}, present: true}}`", self.rule.path, self.rule.line, 1)
            return found
        return operand  # type: ignore[return-value]

    def nnf(self, cond: Condition, negate: bool = False) -> Cond:
        if isinstance(cond, Not):
            return self.nnf(cond.item, not negate)
        if isinstance(cond, (AllOf, AnyOf)):
            conj = isinstance(cond, AllOf) != negate
            absorbing = FALSE if conj else TRUE
            items: list[Cond] = []
            for c in cond.items:  # stop at a constant that decides it: later items may name unset parameters
                lowered = self.nnf(c, negate)
                if lowered == absorbing:
                    return absorbing
                items.append(lowered)
            return simplify(Conj(tuple(items)) if conj else Disj(tuple(items)))
        if isinstance(cond, Presence):
            return Exists(cond.field, cond.present != negate)
        if isinstance(cond, ParamSet):
            is_set = self.params.get(cond.name) is not None
            return TRUE if (is_set == cond.present) != negate else FALSE
        assert isinstance(cond, Compare)
        if cond.op in ("in", "not_in"):
            positive = (cond.op == "in") != negate
            leaves = tuple(Check(cond.field, "eq" if positive else "ne", self.value(v)) for v in cond.operand)  # type: ignore[union-attr]
            return simplify(Disj(leaves) if positive else Conj(leaves))
        op = _NEGATE[cond.op] if negate else cond.op
        return Check(cond.field, op, self.value(cond.operand))


def _compared_fields(cond: Cond) -> set[str]:
    """Fields whose absence would make a comparison meaningless."""
    if isinstance(cond, Check):
        refs = {cond.value.field} if isinstance(cond.value, FieldRef) else set()
        return {cond.field} | refs
    if isinstance(cond, (Conj, Disj)):
        return set().union(*(_compared_fields(c) for c in cond.items)) if cond.items else set()
    return set()


def simplify(cond: Cond) -> Cond:
    """Flatten nested and/or, drop neutral constants, fold absorbing ones."""
    if not isinstance(cond, (Conj, Disj)):
        return cond
    kind = type(cond)
    neutral, absorbing = (TRUE, FALSE) if kind is Conj else (FALSE, TRUE)
    items: list[Cond] = []
    for item in (simplify(c) for c in cond.items):
        if item == absorbing:
            return absorbing
        if item == neutral:
            continue
        if type(item) is kind:
            items.extend(i for i in item.items if i not in items)  # type: ignore[union-attr]
        elif item not in items:
            items.append(item)
    if len(items) == 1:
        return items[0]
    return kind(tuple(items))
