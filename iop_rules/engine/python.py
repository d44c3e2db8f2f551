"""The reference backend: the IR compiled to Python closures.

Small enough to read in one sitting, which is the point: when the two
backends disagree, this one is the specification.
"""
from __future__ import annotations

import operator
import weakref
from typing import Any, Callable, Mapping, Sequence

from ..facts import Fact
from ..conditions import FieldRef
from . import Backend, Firing
from .ir import Conj, Branch, Check, Cond, Exists, Disj, Program

Predicate = Callable[[Mapping[str, Any]], bool]
_OPS: dict[str, Callable[[Any, Any], bool]] = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt,
        "le": operator.le, "gt": operator.gt, "ge": operator.ge}


def compile_cond(cond: Cond) -> Predicate:
    if isinstance(cond, Exists):
        name, want = cond.field, cond.present
        return lambda v: (name in v) == want
    if isinstance(cond, Check):
        return _compile_cmp(cond)
    parts = [compile_cond(c) for c in cond.items]
    if isinstance(cond, Conj):
        return lambda v: all(p(v) for p in parts)
    assert isinstance(cond, Disj)
    return lambda v: any(p(v) for p in parts)


def _compile_cmp(cond: Check) -> Predicate:
    """Absent fields make a comparison false, as in durable_rules (the IR guards them anyway)."""
    fn, name, value = _OPS[cond.op], cond.field, cond.value
    if isinstance(value, FieldRef):
        other = value.field
        return lambda v: name in v and other in v and fn(v[name], v[other])
    return lambda v: name in v and fn(v[name], value)


class PythonBackend(Backend):
    name = "python"

    def __init__(self) -> None:
        # by the program's identity, dropped with it: a reloaded ruleset is another program
        self._compiled: weakref.WeakKeyDictionary[Program, dict[str, list[tuple[Branch, Predicate]]]] = \
            weakref.WeakKeyDictionary()

    def _program(self, program: Program) -> dict[str, list[tuple[Branch, Predicate]]]:
        compiled = self._compiled.get(program)
        if compiled is None:
            compiled = {}
            for b in program.branches:
                compiled.setdefault(b.fact_type, []).append((b, compile_cond(b.cond)))
            self._compiled[program] = compiled
        return compiled

    def evaluate(self, program: Program, facts: Sequence[Fact]) -> list[Firing]:
        by_type = self._program(program)
        fired = [Firing(b.rule_id, b.outcome, f.key)
                 for f in facts for b, test in by_type.get(f.type, ()) if test(f.values)]
        return sorted(fired)
