"""The reference backend: each program compiled to one Python function.

Small enough to read in one sitting, which is the point: when the two backends disagree, this
one is the specification.  A program becomes one function over an agreement's facts: it sorts
the facts into their types, then tests each (rule, outcome) in sorted order against the facts of
its type in key order, so its firings come out sorted without a sort, each one a `Firing` kept
from earlier agreements (see firings.py).  Compiled once per program, evaluating an agreement
costs a few dictionary lookups and comparisons per branch, near hand-written checks.

Nothing from a ruleset is ever pasted into the source as code: field and type names are
written with `repr` (they are checked against fields.py when the ruleset is loaded) and every
compared value is read from a constants tuple, so a string, a NaN or a huge number in a
ruleset is data.
"""
from __future__ import annotations

import weakref
from operator import itemgetter
from typing import Any, Callable, Sequence

from ..conditions import FieldRef
from ..facts import Fact
from . import Backend, Firing
from .firings import FiringTable
from .ir import Branch, Check, Cond, Conj, Disj, Exists, Program, simplify

_OPS = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
Evaluator = Callable[[Sequence[Fact]], list[Firing]]
SINGLE = "agreement"  # the fact type an agreement has one of


class _Source:
    """Python expressions for IR conditions, with the compared values gathered as constants."""

    def __init__(self) -> None:
        self.constants: list[Any] = []
        self.v = "v"  # the name of the fact's values in the code being written

    def expr(self, cond: Cond, present: frozenset[str] = frozenset()) -> str:
        """`present`: fields an enclosing conjunction has already found, whose guard would be a second lookup."""
        if isinstance(cond, Exists):
            return f"({cond.field!r} {'in' if cond.present else 'not in'} {self.v})"
        if isinstance(cond, Check):
            return self._check(cond, present)
        if isinstance(cond, Disj):
            return "(" + " or ".join(self.expr(c, present) for c in cond.items) + ")" if cond.items else "False"
        assert isinstance(cond, Conj)
        parts = []
        for c in cond.items:
            parts.append(self.expr(c, present))
            if isinstance(c, Exists) and c.present:
                present = present | {c.field}
        return "(" + " and ".join(parts) + ")" if parts else "True"

    def _check(self, cond: Check, present: frozenset[str]) -> str:
        """Absent fields make a comparison false, as in durable_rules (the IR guards them, so mostly known here)."""
        fields = (cond.field, *((cond.value.field,) if isinstance(cond.value, FieldRef) else ()))
        v = self.v
        guards = [f"{f!r} in {v}" for f in dict.fromkeys(fields) if f not in present]
        if isinstance(cond.value, FieldRef):
            other = f"{v}[{cond.value.field!r}]"
        else:
            self.constants.append(cond.value)
            other = f"c[{len(self.constants) - 1}]"
        return "(" + " and ".join([*guards, f"{v}[{cond.field!r}] {_OPS[cond.op]} {other}"]) + ")"


def compile_program(branches: Sequence[Branch]) -> Evaluator:
    """One function from an agreement's facts to the sorted firings of these branches."""
    table = FiringTable(branches)
    groups: dict[tuple[int, str], list[Cond]] = {}  # (rank, fact type) -> its branches' conditions
    for b, rank in zip(branches, table.branch_rank):
        groups.setdefault((rank, b.fact_type), []).append(b.cond)
    types = list(dict.fromkeys(t for _, t in sorted(groups)))
    name = {t: f"g{i}" for i, t in enumerate(types)}
    source = _Source()
    lines = ["def evaluate(facts, rows=rows, c=c, by_key=by_key):",
             *(f"    {name[t]} = []; R{name[t]} = rows[{t!r}]" for t in types), "    for f in facts:", "        t = f.type"]
    for i, t in enumerate(types):  # each fact as (key, values, its row of firings)
        g = name[t]
        lines += [f"        {'if' if i == 0 else 'elif'} t == {t!r}:", "            k = f.key",
                  f"            {g}.append((k, f.values, R{g}.get(k) or table.row({t!r}, k)))"]
    for t in types:
        lines += [f"    if len({name[t]}) > 1:", f"        {name[t]}.sort(key=by_key)"]
    lines.append("    out = []")
    if SINGLE in name:  # nearly always one agreement fact: its tests are plain `if`s, not loops over one item
        lines += [f"    if len({name[SINGLE]}) == 1:", f"        (_, a, ra), = {name[SINGLE]}"]
        lines += _tests(groups, name, source, "        ", single=True)
        lines.append("    else:")
        lines += _tests(groups, name, source, "        ")
    else:
        lines += _tests(groups, name, source, "    ")
    if len(groups) > len(table.pairs):  # an outcome on two fact types: their keys interleave
        lines.append("    out.sort()")
    lines.append("    return out")
    namespace: dict[str, Any] = {"c": tuple(source.constants), "rows": {t: table.rows_of(t) for t in types},
                                 "table": table, "by_key": itemgetter(0)}
    exec(compile("\n".join(lines), "<iop-rules program>", "exec"), namespace)  # noqa: S102 - our own source
    evaluator: Evaluator = namespace["evaluate"]
    return evaluator


def _tests(groups: dict[tuple[int, str], list[Cond]], name: dict[str, str], source: _Source, indent: str,
           single: bool = False) -> list[str]:
    """Each (rank, fact type) tested against its facts, in rank order; `single`: the one SINGLE fact is `a`."""
    lines = []
    for (rank, t), conds in sorted(groups.items()):
        cond = simplify(Disj(tuple(conds)))  # two branches of one outcome: one firing, as in durable
        one = single and t == SINGLE
        source.v = "a" if one else "v"
        fire = f"out.append({'ra' if one else 'r'}[{rank}])"
        body = indent
        if not one:
            lines.append(f"{indent}for _, v, r in {name[t]}:")
            body += "    "
        if cond == Conj(()):
            lines.append(body + fire)
        else:
            lines += [f"{body}if {source.expr(cond)}:", f"{body}    {fire}"]
    return lines


class PythonBackend(Backend):
    name = "python"

    def __init__(self) -> None:
        # by the program's identity, dropped with it: a reloaded ruleset is another program
        self._compiled: weakref.WeakKeyDictionary[Program, Evaluator] = weakref.WeakKeyDictionary()

    def evaluate(self, program: Program, facts: Sequence[Fact]) -> list[Firing]:
        evaluate = self._compiled.get(program)
        if evaluate is None:
            evaluate = self._compiled[program] = compile_program(program.branches)
        return evaluate(facts)
