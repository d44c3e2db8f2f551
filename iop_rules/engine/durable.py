"""The durable_rules backend.

durable_rules is fast and battle-tested, and it has sharp edges that
were measured on this project (see docs/design.md).  Each is handled here,
and each has a test in tests/test_durable_hazards.py:

- its Python host runs an action per firing through a JSON round trip of
  the session state and a closure (about 14 µs each, most of an
  evaluation): we drive its C engine (`durable_rules_engine`) directly and
  read each firing's rule name and fact number off the message, which
  also means no Python action can fail and no host timer thread exists;
- creating a session costs more than evaluating most agreements in it
  (its tables for every rule are allocated and cleared): each durable
  ruleset keeps one session, and an agreement's facts are retracted from
  it once its firings are read; a session that failed is deleted;
- `delete_state` segfaults for a session in which no action ran: a final
  `$done` fact has a rule, so one always runs (and proves every firing
  was read before we return);
- a fact that matches no rule makes the host skip the synchronous action
  run; the C engine only reports it (code 1), and the firings are there;
- `none` patterns depend on assertion order: the IR has no negation
  (see ir.py), so none are ever emitted;
- at most 1024 live sessions per ruleset: one is used;
- `null` makes every comparison false: facts never carry null, and the IR
  guards each comparison with a presence test;
- a join on a field named `id` never matches, and `id`/`sid` are
  reserved: fact fields never use those names (checked on evaluation),
  and are sent under short names of our own (durable_program.py);
- identical facts are dropped as duplicates: every fact gets a `seq`, and
  one agreement's facts are gone from the session before the next's come;
- a firing is reported once per `$or` alternative that holds: firings are
  a set;
- the C code takes no locks: one evaluation at a time per process;
- its tables have fixed sizes (256 rules ending on one node, error 108; 4096 rules; a stack of 64
  nodes matching at once while a fact is evaluated, error 303): a program is registered as several
  durable rulesets of at most `MAX_RULES` rules, a ruleset refused or overflowing is split in two
  (its rules are independent: each reads one fact), and the firings of all are one set;
- its JSON reader takes an exponent only after a fraction (`1.0e-05`, not Python's `1e-05`,
  error 204): numbers are written so (see `durable_program._json`); the double it reads is the one Python wrote.
"""
from __future__ import annotations

import itertools
import json
import re
import threading
from dataclasses import dataclass
from typing import Any, Sequence

import durable_rules_engine as engine  # ImportError on Python 3.13+: the factory falls back

from ..facts import Fact
from . import Backend, Firing
from .durable_program import Rules, _json, durable_rules, to_durable  # noqa: F401 - to_durable, _json: the API
from .ir import Program

RESERVED = frozenset({"id", "sid", "seq", "type", "$s"})  # durable_rules' own keys, and the two we set
SESSION = "0"  # the session a fact without `sid` goes to: the one each durable ruleset keeps
#: json.dumps builds an encoder per call; infinity crashes the C engine (a segfault, measured) and NaN
#: is not JSON, so neither is written
_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


class EngineError(RuntimeError):
    """durable_rules misbehaved; never a user's mistake."""


# A message is `{"<rule>":{"m":{"seq": <n>, "type": ...}}}`: the fact as we wrote it, `seq` first.
_SEQ = '":{"m":{"seq": '
_NOT_HANDLED = 1  # some fact matched no rule: expected (a party no rule reads), the firings are there

#: Rules per durable ruleset: under the 256 rules that may end on one node (BETA_LIST_LENGTH), so
#: identical conditions never overflow it, and well under the 4096 rules of a ruleset.
MAX_RULES = 200
#: durable_rules' fixed-size tables: 106 rules or node children, 107 absence tests on one node,
#: 108 rules ending on one node, 303 nodes matching at once. Fewer rules in a ruleset mend each.
_TABLE_FULL = frozenset({106, 107, 108, 303})
_ERROR_CODE = re.compile(r"error code: (\d+)")


def _code(exc: Exception) -> int:
    m = _ERROR_CODE.search(str(exc))
    return int(m[1]) if m else 0


class _TableFull(Exception):
    """A durable ruleset overflowed one of the engine's fixed-size tables: fewer rules will do."""


class _SessionLeft(EngineError):
    """The facts were refused part-way: the session cannot be deleted (delete_state would crash), so the
    ruleset holding it is replaced."""


@dataclass
class _Part:
    """One durable ruleset holding some of a program's rules (and its own `$done`)."""

    names: tuple[str, ...]
    handle: int


class DurableBackend(Backend):
    name = "durable"

    def __init__(self) -> None:
        self._parts: dict[str, list[_Part]] = {}  # program key -> the durable rulesets its rules are in
        self._rules: dict[str, Rules] = {}
        self._definitions: dict[str, dict[str, Any]] = {}
        self._rulesets = itertools.count(1)
        self._lock = threading.Lock()

    def _program(self, program: Program) -> tuple[Rules, list[_Part]]:
        rules = self._rules.get(program.key)
        if rules is None:
            rules = durable_rules(program)
            self._definitions[program.key] = rules.definition
            names = [n for n in rules.definition if n != "done"]
            self._parts[program.key] = [p for at in range(0, max(len(names), 1), MAX_RULES)
                                        for p in self._create(program.key, tuple(names[at:at + MAX_RULES]))]
            self._rules[program.key] = rules
        return rules, self._parts[program.key]

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
        """Every firing as `rank * width + position`, the position being its fact's in key order: sorting
        those integers sorts the firings, and each is read back off its fact's row of kept firings."""
        width = len(facts) or 1
        order = sorted(range(len(facts)), key=[f.key for f in facts].__getitem__)
        position = [0] * (len(facts) + 2)  # by seq; seq 0 and the $done's are never read
        for p, i in enumerate(order):
            position[i + 1] = p
        with self._lock:
            rules, parts = self._program(program)
            rows = [rules.table.row(facts[i].type, facts[i].key) for i in order]
            fired: set[int] = set()
            text = self._payload(rules, facts, position, width, fired)
            at = 0
            while at < len(parts):
                try:
                    self._run(parts[at].handle, text, len(facts) + 1, rules.rank, position, width, fired)
                except _TableFull:  # the overflowing ruleset is dropped with its session, its rules split
                    parts[at:at + 1] = self._halves(program.key, parts[at].names)
                    continue
                except _SessionLeft:
                    parts[at:at + 1] = self._create(program.key, parts[at].names)
                    raise
                at += 1
        return [rows[c % width][c // width] for c in sorted(fired)]  # type: ignore[misc]

    @staticmethod
    def _payload(rules: Rules, facts: Sequence[Fact], position: list[int], width: int, fired: set[int]) -> str:
        """The facts as durable_rules' JSON, each with only the fields its rules read; what holds for every
        fact of its type is added to `fired` on the way."""
        payload: list[dict[str, Any]] = []
        for seq, fact in enumerate(facts, 1):
            values = fact.values
            if not RESERVED.isdisjoint(values):
                raise EngineError(f"fact field(s) {sorted(RESERVED.intersection(values))} are reserved by durable_rules")
            for r in rules.always.get(fact.type, ()):
                fired.add(r * width + position[seq])
            fields = rules.fields.get(fact.type)
            if fields is None:
                continue  # no rule of the engine's reads this type
            out: dict[str, Any] = {"seq": seq, "type": fact.type}
            for name, short in fields:
                if name in values:
                    out[short] = values[name]
            payload.append(out)
        payload.append({"seq": len(facts) + 1, "type": "$done"})
        try:
            text = _ENCODE(payload)
        except ValueError:  # the loader refuses them, so only a computed value: the engine would crash on it
            raise EngineError("a fact holds a number that is not finite, which durable_rules cannot read") from None
        # a float in exponent form always has a signed exponent: only then is the slower, exact rewrite needed
        return _json(payload) if "e+" in text or "e-" in text else text

    @staticmethod
    def _run(handle: int, payload: str, done_seq: int,
             rank: dict[str, int], position: list[int], width: int, fired: set[int]) -> None:
        """Assert the facts, take every action the engine starts into `fired`, and retract the facts."""
        try:
            code, state = engine.assert_facts(handle, payload)
        except engine.error as exc:  # no action ran: delete_state would crash, the session stays behind
            if _code(exc) in _TABLE_FULL:
                raise _TableFull() from None
            raise _SessionLeft(f"durable_rules failed: {exc}") from None
        try:
            if code not in (0, _NOT_HANDLED):
                raise EngineError(f"durable_rules refused the facts (code {code})")
            DurableBackend._read_firings(handle, state, done_seq, rank, position, width, fired)
            engine.retract_facts(handle, payload)  # the session is left empty for the next agreement
        except BaseException as exc:
            engine.delete_state(handle, SESSION)  # and whatever is left in it goes with it
            if isinstance(exc, engine.error):
                raise EngineError(f"durable_rules failed: {exc}") from None
            raise

    @staticmethod
    def _read_firings(handle: int, state: Any, done_seq: int,
                      rank: dict[str, int], position: list[int], width: int, fired: set[int]) -> None:
        started = engine.start_action_for_state(handle, state)
        message = started[1] if started else None
        done = False
        while message:
            end = message.find('"', 2)  # read by position, not by a pattern: a pattern cost more than the engine's call
            start = end + len(_SEQ)
            seq = message[start:message.find(",", start)]
            if not message.startswith(_SEQ, end) or not seq.isdecimal():
                raise EngineError(f"durable_rules sent a message of an unknown shape: {message[:120]}")
            name = message[2:end]
            if name == "done":
                done = int(seq) == done_seq
            else:
                fired.add(rank[name] * width + position[int(seq)])
            message = engine.complete_and_start_action(handle, state)
        if not done:
            raise EngineError("durable_rules did not fire the final $done rule: firings may be missing")


def definition_json(backend: DurableBackend, program_key: str) -> str:
    """The registered ruleset as durable_rules sees it (for debugging and tests)."""
    return json.dumps(backend._definitions[program_key], ensure_ascii=False, sort_keys=True)
