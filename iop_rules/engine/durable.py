"""The durable_rules backend.

durable_rules is fast and battle-tested, and it has sharp edges that
were measured on this project (see docs/design.md).  Each is handled here,
and each has a test in tests/test_durable_hazards.py:

- its Python host runs an action per firing through a JSON round trip of
  the session state and a closure (about 14 µs each, most of an
  evaluation): we drive its C engine (`durable_rules_engine`) directly and
  read each firing's rule name and fact number off the message, which
  also means no Python action can fail and no host timer thread exists;
- `delete_state` segfaults for a session in which no action ran: a final
  `$done` fact has a rule, so one always runs (and proves every firing
  was read before we return);
- a fact that matches no rule makes the host skip the synchronous action
  run; the C engine only reports it (code 1), and the firings are there;
- `none` patterns depend on assertion order: the IR has no negation
  (see ir.py), so none are ever emitted;
- at most 1024 live sessions per ruleset: one session per evaluation,
  deleted in `finally`;
- `null` makes every comparison false: facts never carry null, and the IR
  guards each comparison with a presence test;
- a join on a field named `id` never matches, and `id`/`sid` are
  reserved: fact fields never use those names (checked on compile);
- identical facts are dropped as duplicates: every fact gets a `seq`;
- a firing is reported once per `$or` alternative that holds: firings are
  a set;
- the C code takes no locks: one evaluation at a time per process.
"""
from __future__ import annotations

import itertools
import json
import re
import threading
from typing import Any, Sequence

import durable_rules_engine as engine  # ImportError on Python 3.13+: the factory falls back

from ..conditions import FieldRef
from ..facts import Fact
from . import Backend, Firing
from .ir import Check, Cond, Conj, Disj, Exists, Program, simplify

RESERVED = frozenset({"id", "sid", "seq", "type", "$s"})  # durable_rules' own keys, and the two we set
_OPS = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte", "ne": "$neq"}


class EngineError(RuntimeError):
    """durable_rules misbehaved; never a user's mistake."""


def to_durable(cond: Cond) -> dict[str, Any]:
    """One IR condition as durable_rules' JSON expression."""
    if isinstance(cond, Exists):
        return {"$ex" if cond.present else "$nex": {cond.field: 1}}
    if isinstance(cond, Check):
        value = {"$m": cond.value.field} if isinstance(cond.value, FieldRef) else cond.value
        if cond.op == "eq":
            return {cond.field: value}
        return {_OPS[cond.op]: {cond.field: value}}
    key = "$and" if isinstance(cond, Conj) else "$or"
    assert isinstance(cond, (Conj, Disj)) and cond.items, "constant conditions are folded before this point"
    return {key: [to_durable(c) for c in cond.items]}


#: durable_rules refuses a rule of more than 32 expressions (error 113) and runs an action per `$or`
#: alternative anyway, so a branch is registered as one rule per disjunct of its disjunctive normal
#: form -- each a plain conjunction -- unless that form grows past this many terms.
MAX_TERMS = 256
MAX_EXPRESSIONS = 30  # durable_rules' limit is 32 per rule (error 113)


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


# A message is `{"<rule>":{"m":{"sid": "...", "seq": <n>, ...}}}`; `seq` is a top-level key of the fact
# and, written by json.dumps, can only appear unescaped there.
_MESSAGE = re.compile(r'^\{"(?P<rule>[^"]+)":\{"m":\{.*?"seq": ?(?P<seq>\d+)[,}]')
_NOT_HANDLED = 1  # some fact matched no rule: expected (a party no rule reads), the firings are there


class DurableBackend(Backend):
    name = "durable"

    def __init__(self) -> None:
        self._handles: dict[str, int] = {}  # program key -> durable_rules ruleset handle
        self._definitions: dict[str, dict[str, Any]] = {}
        self._sessions = itertools.count(1)
        self._lock = threading.Lock()

    def _handle(self, program: Program) -> int:
        if program.key in self._handles:
            return self._handles[program.key]
        definition: dict[str, Any] = {}
        for i, branch in enumerate(program.branches):
            if branch.cond == Conj(()):
                continue  # holds for every fact of its type: added in evaluate, never a round trip through the engine
            for k, term in enumerate(_terms(branch.cond)):
                pattern: dict[str, Any] = {"type": branch.fact_type}
                if term != Conj(()):
                    pattern = {"$and": [pattern, to_durable(term)]}
                definition[f"b{i}_{k}"] = {"all": [{"m": pattern}]}
        definition["done"] = {"all": [{"m": {"type": "$done"}}]}
        name = f"iop_{len(self._handles)}"
        self._handles[program.key] = engine.create_ruleset(name, json.dumps(definition, ensure_ascii=False))
        self._definitions[program.key] = definition
        return self._handles[program.key]

    def evaluate(self, program: Program, facts: Sequence[Fact]) -> list[Firing]:
        with self._lock:
            handle = self._handle(program)
            sid = str(next(self._sessions))
            payload = [self._fact(sid, n, f) for n, f in enumerate(facts, 1)]
            payload.append({"sid": sid, "seq": len(payload) + 1, "type": "$done"})
            try:
                fired = self._run(handle, json.dumps(payload, ensure_ascii=False), len(payload))
            except engine.error as exc:
                raise EngineError(f"durable_rules failed: {exc}") from None
            finally:
                engine.delete_state(handle, sid)
        always = [b for b in program.branches if b.cond == Conj(())]
        return sorted({Firing(program.branches[i].rule_id, program.branches[i].outcome, facts[n - 1].key)
                       for i, n in fired}
                      | {Firing(b.rule_id, b.outcome, f.key) for b in always for f in facts if f.type == b.fact_type})

    @staticmethod
    def _run(handle: int, payload: str, done_seq: int) -> set[tuple[int, int]]:
        """Assert the facts, then take every action the engine starts: (branch index, fact seq) pairs."""
        code, state = engine.assert_facts(handle, payload)
        if code not in (0, _NOT_HANDLED):
            raise EngineError(f"durable_rules refused the facts (code {code})")
        started = engine.start_action_for_state(handle, state)
        message = started[1] if started else None
        fired: set[tuple[int, int]] = set()
        done = False
        while message:
            m = _MESSAGE.match(message)
            if m is None:
                raise EngineError(f"durable_rules sent a message of an unknown shape: {message[:120]}")
            if m["rule"] == "done":
                done = int(m["seq"]) == done_seq
            else:
                fired.add((int(m["rule"][1:].split("_")[0]), int(m["seq"])))
            message = engine.complete_and_start_action(handle, state)
        if not done:
            raise EngineError("durable_rules did not fire the final $done rule: firings may be missing")
        return fired

    @staticmethod
    def _fact(sid: str, seq: int, fact: Fact) -> dict[str, Any]:
        clash = RESERVED.intersection(fact.values)
        if clash:
            raise EngineError(f"fact field(s) {sorted(clash)} are reserved by durable_rules")
        out: dict[str, Any] = {"sid": sid, "seq": seq, "type": fact.type}
        out.update(fact.values)
        return out


def definition_json(backend: DurableBackend, program_key: str) -> str:
    """The registered ruleset as durable_rules sees it (for debugging and tests)."""
    return json.dumps(backend._definitions[program_key], ensure_ascii=False, sort_keys=True)
