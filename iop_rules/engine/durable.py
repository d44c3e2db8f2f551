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
- the C code takes no locks: one evaluation at a time per process;
- its tables have fixed sizes (256 rules ending on one node, error 108; 4096 rules; a stack of 64
  nodes matching at once while a fact is evaluated, error 303): a program is registered as several
  durable rulesets of at most `MAX_RULES` rules, a ruleset refused or overflowing is split in two
  (its rules are independent: each reads one fact), and the firings of all are one set;
- its JSON reader takes an exponent only after a fraction (`1.0e-05`, not Python's `1e-05`,
  error 204): numbers are written so (see `_json`); the double it reads is the one Python wrote.
"""
from __future__ import annotations

import itertools
import json
import re
import threading
from dataclasses import dataclass
from typing import Any, Sequence

import durable_rules_engine as engine  # ImportError on Python 3.13+: the factory falls back

from ..conditions import FieldRef
from ..facts import Fact
from . import Backend, Firing
from .ir import Branch, Check, Cond, Conj, Disj, Exists, Program, simplify

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

#: Rules per durable ruleset: under the 256 rules that may end on one node (BETA_LIST_LENGTH), so
#: identical conditions never overflow it, and well under the 4096 rules of a ruleset.
MAX_RULES = 200
#: durable_rules' fixed-size tables: 106 rules or node children, 107 absence tests on one node,
#: 108 rules ending on one node, 303 nodes matching at once. Fewer rules in a ruleset mend each.
_TABLE_FULL = frozenset({106, 107, 108, 303})
_ERROR_CODE = re.compile(r"error code: (\d+)")

# A number in Python's exponent form without a fraction (`1e-05`, `1e+16`), outside any string.
_BARE_EXPONENT = re.compile(r'"(?:[^"\\]|\\.)*"|(?<![\d.])(-?\d+)(?=[eE])')


def _json(value: Any) -> str:
    """JSON durable_rules reads: its parser refuses an exponent not preceded by a fraction, so one is added."""
    return _BARE_EXPONENT.sub(lambda m: f"{m[1]}.0" if m[1] else m[0], json.dumps(value, ensure_ascii=False))


def _facts_json(payload: list[dict[str, Any]]) -> str:
    """The facts as JSON; scanning the text costs more than the engine, so only when a float needs it."""
    if any(type(v) is float and "e" in repr(v) for fact in payload for v in fact.values()):
        return _json(payload)
    return json.dumps(payload, ensure_ascii=False)


def _code(exc: Exception) -> int:
    m = _ERROR_CODE.search(str(exc))
    return int(m[1]) if m else 0


class _TableFull(Exception):
    """A durable ruleset overflowed one of the engine's fixed-size tables: fewer rules will do."""


class _SessionLeft(EngineError):
    """The facts were refused part-way: the session cannot be deleted (delete_state would crash), so the
    ruleset holding it is replaced, and a run of such failures never fills its 1024 sessions."""


@dataclass
class _Part:
    """One durable ruleset holding some of a program's rules (and its own `$done`)."""

    names: tuple[str, ...]
    handle: int


class DurableBackend(Backend):
    name = "durable"

    def __init__(self) -> None:
        self._parts: dict[str, list[_Part]] = {}  # program key -> the durable rulesets its rules are in
        self._always: dict[str, list[Branch]] = {}  # program key -> its branches that hold for every fact of their type
        self._definitions: dict[str, dict[str, Any]] = {}
        self._sessions = itertools.count(1)
        self._rulesets = itertools.count(1)
        self._lock = threading.Lock()

    def _program_parts(self, program: Program) -> list[_Part]:
        if program.key in self._parts:
            return self._parts[program.key]
        definition: dict[str, Any] = {}
        always = Conj(())
        self._always[program.key] = [b for b in program.branches if b.cond == always]
        for i, branch in enumerate(program.branches):
            if branch.cond == always:
                continue  # holds for every fact of its type: added in evaluate, never a round trip through the engine
            for k, term in enumerate(_terms(branch.cond)):
                pattern: dict[str, Any] = {"type": branch.fact_type}
                if term != Conj(()):
                    pattern = {"$and": [pattern, to_durable(term)]}
                definition[f"b{i}_{k}"] = {"all": [{"m": pattern}]}
        definition["done"] = {"all": [{"m": {"type": "$done"}}]}
        self._definitions[program.key] = definition
        names = [n for n in definition if n != "done"]
        parts = [p for at in range(0, max(len(names), 1), MAX_RULES)
                 for p in self._create(program.key, tuple(names[at:at + MAX_RULES]))]
        self._parts[program.key] = parts
        return parts

    def _create(self, key: str, names: tuple[str, ...]) -> list[_Part]:
        """Register these rules as one durable ruleset, or, where the engine's tables are too small, as several."""
        definition = self._definitions[key]
        rules = {n: definition[n] for n in (*names, "done")}
        try:
            return [_Part(names, engine.create_ruleset(f"iop_{next(self._rulesets)}", _json(rules)))]
        except engine.error as exc:
            if _code(exc) not in _TABLE_FULL or len(names) < 2:
                raise EngineError(f"durable_rules refused the rules (code {_code(exc)}): {exc}") from None
        return self._halves(key, names)

    def _halves(self, key: str, names: tuple[str, ...]) -> list[_Part]:
        if len(names) < 2:
            raise EngineError(f"durable_rules cannot evaluate rule {names[0] if names else 'done'} on its own: "
                              "its tables are too small (use --engine python)")
        mid = len(names) // 2
        return self._create(key, names[:mid]) + self._create(key, names[mid:])

    def evaluate(self, program: Program, facts: Sequence[Fact]) -> list[Firing]:
        with self._lock:
            parts = self._program_parts(program)
            sid = str(next(self._sessions))
            payload = [self._fact(sid, n, f) for n, f in enumerate(facts, 1)]
            payload.append({"sid": sid, "seq": len(payload) + 1, "type": "$done"})
            text = _facts_json(payload)
            fired: set[tuple[int, int]] = set()
            at = 0
            while at < len(parts):
                try:
                    fired |= self._run(parts[at].handle, sid, text, len(payload))
                except _TableFull:  # the overflowing ruleset is dropped with its session, its rules split
                    parts[at:at + 1] = self._halves(program.key, parts[at].names)
                    continue
                except _SessionLeft:
                    parts[at:at + 1] = self._create(program.key, parts[at].names)
                    raise
                at += 1
        always = self._always[program.key]  # found once per program: comparing every branch cost more than the engine
        return sorted({Firing(program.branches[i].rule_id, program.branches[i].outcome, facts[n - 1].key)
                       for i, n in fired}
                      | {Firing(b.rule_id, b.outcome, f.key) for b in always for f in facts if f.type == b.fact_type})

    @staticmethod
    def _run(handle: int, sid: str, payload: str, done_seq: int) -> set[tuple[int, int]]:
        """Assert the facts, then take every action the engine starts: (branch index, fact seq) pairs."""
        try:
            code, state = engine.assert_facts(handle, payload)
        except engine.error as exc:  # no action ran: delete_state would crash, the session stays behind
            if _code(exc) in _TABLE_FULL:
                raise _TableFull() from None
            raise _SessionLeft(f"durable_rules failed: {exc}") from None
        try:
            if code not in (0, _NOT_HANDLED):
                raise EngineError(f"durable_rules refused the facts (code {code})")
            return DurableBackend._read_firings(handle, state, done_seq)
        except engine.error as exc:
            raise EngineError(f"durable_rules failed: {exc}") from None
        finally:
            engine.delete_state(handle, sid)

    @staticmethod
    def _read_firings(handle: int, state: Any, done_seq: int) -> set[tuple[int, int]]:
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
