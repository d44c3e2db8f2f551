"""The durable_rules backend.

durable_rules is fast and battle-tested, and it has sharp edges that
were measured on this project (see DESIGN.md).  Each is handled here,
and each has a test in tests/test_durable_hazards.py:

- `delete_state` segfaults for a session in which no action ran: every
  fact type has a sentinel rule, and a final `$done` fact always fires.
- `none` patterns depend on assertion order: the IR has no negation
  (see ir.py), so none are ever emitted.
- at most 1024 live sessions per ruleset: one session per evaluation,
  deleted in `finally`.
- background timer threads run actions late: our Host never starts them,
  and the `$done` action proves every action ran before we return.
- action exceptions are swallowed into the state: we check it.
- `null` makes every comparison false: facts never carry null, and the IR
  guards each comparison with a presence test.
- a join on a field named `id` never matches, and `id`/`sid` are
  reserved: fact fields never use those names (checked on compile).
- identical facts are dropped as duplicates: every fact gets a `seq`.
- the C code takes no locks: one evaluation at a time per process.
"""
from __future__ import annotations

import itertools
import json
import threading
from typing import Any, Sequence

from durable import engine as durable_engine  # ImportError on Python 3.13+: the factory falls back

from ..facts import Fact
from ..conditions import FieldRef
from . import Backend, Firing
from .ir import And, Cmp, Cond, Has, Or, Program

RESERVED = frozenset({"id", "sid", "seq", "type", "fkey", "$s"})
_OPS = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte", "ne": "$neq"}


class EngineError(RuntimeError):
    """durable_rules misbehaved; never a user's mistake."""


class _QuietHost(durable_engine.Host):
    """A Host without the dispatch timer threads that run actions late."""

    def _run(self) -> None:
        pass


def to_durable(cond: Cond) -> dict[str, Any]:
    """One IR condition as durable_rules' JSON expression."""
    if isinstance(cond, Has):
        return {"$ex" if cond.present else "$nex": {cond.field: 1}}
    if isinstance(cond, Cmp):
        value = {"$m": cond.value.field} if isinstance(cond.value, FieldRef) else cond.value
        if cond.op == "eq":
            return {cond.field: value}
        return {_OPS[cond.op]: {cond.field: value}}
    key = "$and" if isinstance(cond, And) else "$or"
    assert isinstance(cond, (And, Or)) and cond.items, "constant conditions are folded before this point"
    return {key: [to_durable(c) for c in cond.items]}


class DurableBackend(Backend):
    name = "durable"

    def __init__(self) -> None:
        self._host = _QuietHost()
        self._registered: dict[str, str] = {}  # program key -> durable ruleset name
        self._sink: list[tuple[int, str]] = []
        self._done = False
        self._sessions = itertools.count(1)
        self._lock = threading.Lock()
        self._branches: dict[str, Program] = {}

    def _ruleset_name(self, program: Program, fact_types: set[str]) -> str:
        if program.key in self._registered:
            return self._registered[program.key]
        name = f"iop_{len(self._registered)}"
        definition: dict[str, Any] = {}
        for i, branch in enumerate(program.branches):
            pattern: dict[str, Any] = {"type": branch.fact_type}
            if branch.cond != And(()):
                pattern = {"$and": [pattern, to_durable(branch.cond)]}
            definition[f"b{i}"] = {"all": [{"m": pattern}], "run": self._recorder(i)}
        for fact_type in sorted(fact_types | {"$done"}):  # every fact type is handled
            definition[f"s_{fact_type}"] = {"all": [{"m": {"type": fact_type}}], "run": self._sentinel(fact_type)}
        self._host.register_rulesets({name: definition})
        self._registered[program.key] = name
        self._branches[name] = program
        return name

    def _recorder(self, index: int) -> Any:
        def run(c: Any) -> None:
            self._sink.append((index, c.m["fkey"]))
        return run

    def _sentinel(self, fact_type: str) -> Any:
        def run(c: Any) -> None:
            if fact_type == "$done":
                self._done = True
        return run

    def evaluate(self, program: Program, facts: Sequence[Fact]) -> list[Firing]:
        from ..facts import FACT_FIELDS
        with self._lock:
            name = self._ruleset_name(program, set(FACT_FIELDS))
            sid = str(next(self._sessions))
            payload = [self._fact(sid, n, f) for n, f in enumerate(facts, 1)]
            payload.append({"sid": sid, "seq": len(payload) + 1, "type": "$done", "fkey": "$done"})
            self._sink, self._done = [], False
            try:
                state = self._host.assert_facts(name, payload)
                if isinstance(state, dict) and state.get("exception"):
                    raise EngineError(f"durable_rules action failed: {state['exception']}")
                if not self._done:
                    raise EngineError("durable_rules did not run every action synchronously")
            finally:
                self._host.delete_state(name, sid)
            fired = self._sink
        # durable_rules runs an action once per `$or` alternative that holds; a firing is a fact, not a count
        return sorted({Firing(program.branches[i].rule_id, program.branches[i].outcome, key) for i, key in fired})

    @staticmethod
    def _fact(sid: str, seq: int, fact: Fact) -> dict[str, Any]:
        clash = RESERVED.intersection(fact.values)
        if clash:
            raise EngineError(f"fact field(s) {sorted(clash)} are reserved by durable_rules")
        out: dict[str, Any] = {"sid": sid, "seq": seq, "type": fact.type, "fkey": fact.key}
        out.update(fact.values)
        return out


def definition_json(backend: DurableBackend, program_key: str) -> str:
    """The registered ruleset as durable_rules sees it (for debugging and tests)."""
    name = backend._registered[program_key]
    return json.dumps(backend._host.get_ruleset(name)._definition, ensure_ascii=False, sort_keys=True)
