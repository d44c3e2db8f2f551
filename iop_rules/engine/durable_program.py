"""A program written as durable_rules rules: the JSON form, and what reading its firings needs.

Kept apart from the backend (durable.py), which only drives the C engine.  Three choices here
make an evaluation cheap for the engine, which copies every fact it stores and writes every
stored fact back into each message that reports a firing:

- a fact carries only the fields its type's rules read, and each under a short name (`f0`,
  `f1`, ...), so the agreement's fact is a quarter of its size (about 400 bytes, not 1,700) and so is
  each message about it;
- a branch that holds for every fact of its type is no rule at all: the backend adds it;
- a branch too large for one durable rule becomes one rule per disjunct of its normal form.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..conditions import FieldRef
from .firings import FiringTable
from .ir import TRUE, Check, Cond, Conj, Disj, Exists, Program, simplify

_OPS = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte", "ne": "$neq"}

#: durable_rules refuses a rule of more than 32 expressions (error 113) and runs an action per `$or`
#: alternative anyway, so a branch is registered as one rule per disjunct of its disjunctive normal
#: form -- each a plain conjunction -- unless that form grows past this many terms.
MAX_TERMS = 256
MAX_EXPRESSIONS = 30  # durable_rules' limit is 32 per rule (error 113)

# A number in Python's exponent form without a fraction (`1e-05`, `1e+16`), outside any string.
_BARE_EXPONENT = re.compile(r'"(?:[^"\\]|\\.)*"|(?<![\d.])(-?\d+)(?=[eE])')


def _json(value: Any) -> str:
    """JSON durable_rules reads: its parser refuses an exponent not preceded by a fraction, so one is added."""
    return _BARE_EXPONENT.sub(lambda m: f"{m[1]}.0" if m[1] else m[0], json.dumps(value, ensure_ascii=False))


def to_durable(cond: Cond, short: dict[str, str] | None = None) -> dict[str, Any]:
    """One IR condition as durable_rules' JSON expression, each field under its `short` name where given."""
    def name(field: str) -> str:
        return short[field] if short is not None else field

    if isinstance(cond, Exists):
        return {"$ex" if cond.present else "$nex": {name(cond.field): 1}}
    if isinstance(cond, Check):
        value = {"$m": name(cond.value.field)} if isinstance(cond.value, FieldRef) else cond.value
        if cond.op == "eq":
            return {name(cond.field): value}
        return {_OPS[cond.op]: {name(cond.field): value}}
    key = "$and" if isinstance(cond, Conj) else "$or"
    assert isinstance(cond, (Conj, Disj)) and cond.items, "constant conditions are folded before this point"
    return {key: [to_durable(c, short) for c in cond.items]}


def _size(cond: Cond) -> int:
    return 1 + sum(_size(c) for c in cond.items) if isinstance(cond, (Conj, Disj)) else 1


def _terms(cond: Cond) -> list[Cond]:
    """The branch as one rule, or, past durable_rules' limit, as the conjunctions whose disjunction it is."""
    if _size(cond) <= MAX_EXPRESSIONS:
        return [cond]
    terms = _dnf(cond)
    return [cond] if terms is None else [simplify(Conj(tuple(t))) for t in terms]


def _dnf(cond: Cond) -> list[tuple[Cond, ...]] | None:
    if isinstance(cond, Disj):
        out: list[tuple[Cond, ...]] = []
        for c in cond.items:
            sub = _dnf(c)
            if sub is None or len(out) + len(sub) > MAX_TERMS:
                return None
            out.extend(sub)
        return out
    if isinstance(cond, Conj):
        acc: list[tuple[Cond, ...]] = [()]
        for c in cond.items:
            sub = _dnf(c)
            if sub is None or len(acc) * len(sub) > MAX_TERMS:
                return None
            acc = [a + b for a in acc for b in sub]
        return acc
    return [(cond,)]


def _read(cond: Cond, into: dict[str, None]) -> None:
    """The fields a condition reads, in the order it reads them."""
    if isinstance(cond, Exists):
        into[cond.field] = None
    elif isinstance(cond, Check):
        into[cond.field] = None
        if isinstance(cond.value, FieldRef):
            into[cond.value.field] = None
    else:
        for c in cond.items:
            _read(c, into)


@dataclass
class Rules:
    """A program as durable rules, and how to read what they report."""

    definition: dict[str, Any]  # rule name -> durable_rules' JSON form; "done" is the sentinel
    table: FiringTable
    rank: dict[str, int]  # rule name -> the rank (firings.py) of the branch it stands for
    fields: dict[str, tuple[tuple[str, str], ...]]  # fact type -> (field, short name) of all that is sent of its facts
    always: dict[str, list[int]]  # fact type -> the ranks that hold for every fact of that type


def durable_rules(program: Program) -> Rules:
    """Worked out once per program, so an evaluation only copies fields and reads names off messages."""
    table = FiringTable(program.branches)
    read: dict[str, dict[str, None]] = {}
    for b in program.branches:
        if b.cond != TRUE:
            _read(b.cond, read.setdefault(b.fact_type, {}))
    short: dict[str, str] = {}
    for fields in read.values():
        for f in fields:
            short.setdefault(f, f"f{len(short)}")
    definition: dict[str, Any] = {}
    rank: dict[str, int] = {}
    always: dict[str, list[int]] = {}
    for i, branch in enumerate(program.branches):
        if branch.cond == TRUE:  # holds for every fact of its type: added by the backend, never a round trip
            always.setdefault(branch.fact_type, []).append(table.branch_rank[i])
            continue
        for k, term in enumerate(_terms(branch.cond)):
            pattern: dict[str, Any] = {"type": branch.fact_type}
            if term != TRUE:
                pattern = {"$and": [pattern, to_durable(term, short)]}
            definition[f"b{i}_{k}"] = {"all": [{"m": pattern}]}
            rank[f"b{i}_{k}"] = table.branch_rank[i]
    definition["done"] = {"all": [{"m": {"type": "$done"}}]}
    sent = {t: tuple((f, short[f]) for f in fields) for t, fields in read.items()}
    return Rules(definition, table, rank, sent, always)
