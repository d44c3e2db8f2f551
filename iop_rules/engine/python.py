"""The reference backend: the IR compiled to Python source, one function per fact type.

Small enough to read in one sitting, which is the point: when the two backends disagree, this
one is the specification.  Each program becomes, per fact type, one function that tests every
branch in turn and returns the indexes that hold -- compiled once per program, so evaluating an
agreement costs a few dictionary lookups and comparisons per branch, near hand-written checks.

Nothing from a ruleset is ever pasted into the source as code: field names are written with
`repr` (they are checked against fields.py when the ruleset is loaded) and every compared value
is read from a constants tuple, so a string, a NaN or a huge number in a ruleset is data.
"""
from __future__ import annotations

import weakref
from typing import Any, Callable, Mapping, Sequence

from ..conditions import FieldRef
from ..facts import Fact
from . import Backend, Firing
from .ir import Branch, Check, Cond, Conj, Disj, Exists, Program

_OPS = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
Evaluator = Callable[[Mapping[str, Any]], list[int]]


class _Source:
    """Python expressions for IR conditions, with the compared values gathered as constants."""

    def __init__(self) -> None:
        self.constants: list[Any] = []

    def expr(self, cond: Cond) -> str:
        if isinstance(cond, Exists):
            return f"({cond.field!r} {'in' if cond.present else 'not in'} v)"
        if isinstance(cond, Check):
            return self._check(cond)
        parts = [self.expr(c) for c in cond.items]
        if isinstance(cond, Conj):
            return "(" + " and ".join(parts) + ")" if parts else "True"
        assert isinstance(cond, Disj)
        return "(" + " or ".join(parts) + ")" if parts else "False"

    def _check(self, cond: Check) -> str:
        """Absent fields make a comparison false, as in durable_rules (the IR guards them anyway)."""
        name, op = repr(cond.field), _OPS[cond.op]
        if isinstance(cond.value, FieldRef):
            other = repr(cond.value.field)
            return f"({name} in v and {other} in v and v[{name}] {op} v[{other}])"
        self.constants.append(cond.value)
        return f"({name} in v and v[{name}] {op} c[{len(self.constants) - 1}])"


def compile_evaluator(branches: Sequence[Branch]) -> Evaluator:
    """One function over a fact's values returning the positions (in `branches`) of the branches that hold."""
    source = _Source()
    lines = ["def evaluate(v):", "    out = []"]
    for i, b in enumerate(branches):
        lines.append(f"    if {source.expr(b.cond)}: out.append({i})")
    lines.append("    return out")
    namespace: dict[str, Any] = {"c": tuple(source.constants)}
    exec(compile("\n".join(lines), "<iop-rules program>", "exec"), namespace)  # noqa: S102 - our own source
    evaluator: Evaluator = namespace["evaluate"]
    return evaluator


class PythonBackend(Backend):
    name = "python"

    def __init__(self) -> None:
        # by the program's identity, dropped with it: a reloaded ruleset is another program
        self._compiled: weakref.WeakKeyDictionary[Program, dict[str, tuple[list[Branch], Evaluator]]] = \
            weakref.WeakKeyDictionary()

    def _program(self, program: Program) -> dict[str, tuple[list[Branch], Evaluator]]:
        compiled = self._compiled.get(program)
        if compiled is None:
            by_type: dict[str, list[Branch]] = {}
            for b in program.branches:
                by_type.setdefault(b.fact_type, []).append(b)
            compiled = {t: (bs, compile_evaluator(bs)) for t, bs in by_type.items()}
            self._compiled[program] = compiled
        return compiled

    def evaluate(self, program: Program, facts: Sequence[Fact]) -> list[Firing]:
        by_type = self._program(program)
        fired: list[Firing] = []
        for f in facts:
            entry = by_type.get(f.type)
            if entry is not None:
                branches, evaluate = entry
                fired.extend(Firing(branches[i].rule_id, branches[i].outcome, f.key) for i in evaluate(f.values))
        return sorted(fired)
