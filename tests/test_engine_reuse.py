"""The durable backend keeps one session per ruleset across agreements (commit 9ffa8f5): its risks, each tested.

A reused session is only right if every agreement leaves it as it found it: each test below
evaluates agreements one after another on ONE backend instance -- in random orders, repeated,
after failures, across a fork -- and compares every result with the python backend and, for
the shipped rulesets, with the oracle read off the source conditions (tests/oracle.py).
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from typing import Any, Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

pytest.importorskip("durable", reason="durable_rules does not import on this Python")

from iop_rules.conditions import FieldRef  # noqa: E402
from iop_rules.engine import Firing  # noqa: E402
from iop_rules.engine import durable as durable_module  # noqa: E402
from iop_rules.engine.durable import DurableBackend, EngineError  # noqa: E402
from iop_rules.engine.ir import Branch, Check, Cond, Conj, Disj, Exists, Program, compile_selection  # noqa: E402
from iop_rules.engine.python import PythonBackend  # noqa: E402
from iop_rules.facts import Fact, decision_date, derive_facts  # noqa: E402
from iop_rules.rulesets import load_rulesets  # noqa: E402
from iop_rules.runner import check_loaded  # noqa: E402
from tests import oracle  # noqa: E402
from tests.strategies import EDGE_DAYS, agreements, validated  # noqa: E402

LIBRARY = load_rulesets()
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
AUDIT_DAY = st.one_of(st.none(), st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2027, 12, 31)), st.sampled_from(EDGE_DAYS))
FORCED = st.sampled_from([None, None, *sorted(LIBRARY.by_id)])
C = durable_module.engine  # the C engine the backend drives


def _case(data: dict[str, Any], as_of: dt.date | None, forced: str | None) -> tuple[Any, Program, list[Fact]]:
    la = validated(data)
    a = la.agreement
    selection = LIBRARY.select(a.decision.authority if a.decision else None, a.decision.body if a.decision else None,
                               decision_date(a), forced)
    return la, compile_selection(selection), derive_facts(la, as_of)


def _fact(type_: str, key: str, **values: Any) -> Fact:
    return Fact(type_, key, dict(values))


def _present(field: str, op: str, value: Any) -> Cond:
    return Conj((Exists(field, True), Check(field, op, value)))


# ---- (1) generated agreements, in random orders with repeats, on one instance ----------------------

@settings(FAST, max_examples=25)
@given(cases=st.lists(st.tuples(agreements(), AUDIT_DAY, FORCED), min_size=2, max_size=4),
       order=st.lists(st.integers(0, 3), min_size=2, max_size=10))
def test_one_durable_instance_over_agreements_in_any_order(cases: list[Any], order: list[int]) -> None:
    """Agreements with and without element facts of each type, repeated back to back: each gives what a fresh python gives."""
    built = [_case(*c) for c in cases]
    durable, python = DurableBackend(), PythonBackend()
    want = [python.evaluate(program, facts) for _, program, facts in built]  # each program's first agreement, in a fresh table
    for i in [*range(len(built)), *(i % len(built) for i in order)]:
        _, program, facts = built[i]
        assert durable.evaluate(program, facts) == want[i], i
        assert python.evaluate(program, facts) == want[i], i


@settings(FAST, max_examples=25)
@given(cases=st.lists(st.tuples(agreements(), AUDIT_DAY, FORCED), min_size=2, max_size=3), repeat=st.booleans())
def test_reused_instances_agree_with_the_oracle(cases: list[Any], repeat: bool) -> None:
    """The verdicts from one durable instance reused across agreements are the source conditions' verdicts."""
    durable = DurableBackend()
    for data, as_of, forced in cases + (cases[::-1] if repeat else []):
        la = validated(data)
        a = la.agreement
        selection = LIBRARY.select(a.decision.authority if a.decision else None, a.decision.body if a.decision else None,
                                   a.decision.date if a.decision and a.decision.date else a.document.date, forced)
        want = oracle.verdicts(la, selection, as_of)
        got = {r.rule: r.verdict for r in check_loaded(la, LIBRARY, durable, as_of, forced).results if r.rule != oracle.WAIVER_RULE}
        assert got == want


# ---- (2) generated programs over generated facts: short names, joins, numbers --------------------

#: Field names chosen to collide: with the short names (`f0`, `f1`), with each other after shortening,
#: with durable_rules' dotted paths (`a.b`) and its `$`-operators.
FIELDS = ["f0", "f1", "a.b", "x", "$m", "f10"]
NUMBERS = st.one_of(st.integers(-3, 3), st.sampled_from([1e-05, -1e-05, 1e16, 1.5e300, -0.0, 2.5, 10**20, 2**53 + 1]),
                    st.floats(allow_nan=False, allow_infinity=False))
OPS = ["eq", "ne", "lt", "le", "gt", "ge"]


@st.composite
def conditions(draw: st.DrawFn, depth: int = 0) -> Cond:
    kind = draw(st.sampled_from(["exists", "check", "join"] + (["and", "or"] if depth < 2 else [])))
    field = draw(st.sampled_from(FIELDS))
    if kind == "exists":
        return Exists(field, draw(st.booleans()))
    if kind == "check":
        return _present(field, draw(st.sampled_from(OPS)), draw(NUMBERS))
    if kind == "join":  # a comparison of two fields of one fact: both must be sent
        other = draw(st.sampled_from(FIELDS))
        return Conj((Exists(field, True), Exists(other, True), Check(field, draw(st.sampled_from(OPS)), FieldRef(other))))
    items = tuple(draw(st.lists(conditions(depth + 1), min_size=1, max_size=3)))
    return Conj(items) if kind == "and" else Disj(items)


@st.composite
def programs(draw: st.DrawFn) -> Program:
    branches = draw(st.lists(st.builds(Branch, st.sampled_from(["R-1", "R-2", "R-3"]), st.sampled_from(["pass", "fail", "unknown"]),
                                       st.sampled_from(["agreement", "party", "commitment"]),
                                       st.one_of(conditions(), st.just(Conj(())))), min_size=1, max_size=8))
    return Program(f"reuse-{draw(st.integers(0, 10**9))}", tuple(branches))


@st.composite
def fact_lists(draw: st.DrawFn) -> list[Fact]:
    """Zero or more facts per type; equal content is likely (few fields, few values)."""
    values = st.dictionaries(st.sampled_from(FIELDS), st.one_of(st.integers(-1, 1), NUMBERS), max_size=3)
    out = [Fact("agreement", "agreement", draw(values))] if draw(st.booleans()) else []
    for t in ("party", "commitment"):
        keys = draw(st.lists(st.integers(0, 12), max_size=4, unique=True))
        out += [Fact(t, f"{t}:{k:03d}", draw(values)) for k in keys]
    return draw(st.permutations(out))


@settings(FAST, max_examples=80)
@given(program=programs(), agreements_=st.lists(fact_lists(), min_size=1, max_size=6), order=st.lists(st.integers(0, 5), max_size=8))
def test_generated_programs_agree_over_a_reused_session(program: Program, agreements_: list[list[Fact]], order: list[int]) -> None:
    durable, python = DurableBackend(), PythonBackend()
    for i in [*range(len(agreements_)), *(i % len(agreements_) for i in order)]:
        facts = agreements_[i]
        assert durable.evaluate(program, facts) == python.evaluate(program, facts), facts


# ---- (3) the retract: equal content, a field changing, a type coming and going, no facts ---------

PARTY_NAMED = Program("reuse-party", (Branch("P-1", "pass", "party", Exists("name", True)),
                                      Branch("P-2", "fail", "party", _present("share", "gt", 0.5)),
                                      Branch("A-1", "fail", "agreement", _present("months", "gt", 24)),
                                      Branch("C-1", "unknown", "commitment", Exists("what", False))))


def _both(backend: DurableBackend, program: Program, facts: list[Fact]) -> list[Firing]:
    got = backend.evaluate(program, facts)
    assert got == PythonBackend().evaluate(program, facts)
    return got


def test_equal_facts_twice_in_one_agreement_and_the_same_agreement_twice() -> None:
    backend = DurableBackend()
    same = [_fact("party", "party:000", name="X", share=0.6), _fact("party", "party:001", name="X", share=0.6)]
    for _ in range(3):  # a fact left behind would be a duplicate of the next one, and be dropped
        assert len(_both(backend, PARTY_NAMED, same)) == 4


def test_agreements_that_differ_in_one_field_or_in_which_types_they_have() -> None:
    backend = DurableBackend()
    a30, a12 = _fact("agreement", "agreement", months=30), _fact("agreement", "agreement", months=12)
    sequence = [[a30, _fact("commitment", "commitment:000"), _fact("commitment", "commitment:001", what="x")],
                [a12], [], [a30], [_fact("commitment", "commitment:000")], [a12, _fact("party", "party:000", name="Y")],
                [a30, *(_fact("party", f"party:{k:03d}", share=k / 10) for k in range(9))], [a30]]
    got = [_both(backend, PARTY_NAMED, facts) for facts in sequence]
    assert [len(g) for g in got] == [2, 0, 0, 1, 1, 1, 4, 1]


# ---- (4) failures in the middle leave nothing behind -----------------------------------------

ONE = [_fact("agreement", "agreement", months=30), _fact("party", "party:000", name="X", share=0.9),
       _fact("party", "party:001", name="X", share=0.9), _fact("commitment", "commitment:000")]


def _failing_once(real: Callable[..., Any], exc: BaseException, after: int = 0, then_call: bool = False) -> Callable[..., Any]:
    """`real`, except that its call number `after` raises `exc` (once; with `then_call`, after the real call ran)."""
    calls = iter(range(10**6))

    def wrapper(*args: Any) -> Any:
        if next(calls) == after:
            if then_call:
                real(*args)
            raise exc
        return real(*args)
    return wrapper


FAILURES = {
    "error reading the first firing": ("start_action_for_state", RuntimeError("boom"), 0, False),
    "error after the second firing": ("complete_and_start_action", RuntimeError("boom"), 1, False),
    "Ctrl-C while reading firings": ("complete_and_start_action", KeyboardInterrupt(), 0, False),
    "C error while reading firings": ("complete_and_start_action", C.error("error code: 999"), 2, False),
    "error in the retract": ("retract_facts", RuntimeError("boom"), 0, False),
    "error after a partial retract": ("retract_facts", RuntimeError("boom"), 0, True),
    "assert failed after asserting": ("assert_facts", C.error("error code: 999"), 0, True),
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failure_part_way_leaves_the_next_agreements_right(monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    name, exc, after, then_call = FAILURES[failure]
    backend = DurableBackend()
    want = _both(backend, PARTY_NAMED, ONE)
    monkeypatch.setattr(C, name, _failing_once(getattr(C, name), exc, after, then_call))
    with pytest.raises((EngineError, type(exc))):
        backend.evaluate(PARTY_NAMED, ONE)
    for _ in range(3):  # the same facts again: nothing of the failed evaluation is a duplicate or a stale firing
        assert _both(backend, PARTY_NAMED, ONE) == want
    assert _both(backend, PARTY_NAMED, ONE[:1]) == want[:1]


@pytest.mark.parametrize("bad", [{"months": float("inf")}, {"seq": 1}, {"type": "x"}])
def test_a_refused_fact_leaves_the_session_as_it_was(bad: dict[str, Any]) -> None:
    backend = DurableBackend()
    want = _both(backend, PARTY_NAMED, ONE)
    with pytest.raises(EngineError):
        backend.evaluate(PARTY_NAMED, [*ONE[1:], _fact("agreement", "agreement", **bad)])
    assert _both(backend, PARTY_NAMED, ONE) == want


def test_no_derived_fact_uses_a_reserved_name() -> None:
    """The python backend takes `seq` or `type` as a field, durable refuses it: no shipped fact may carry one."""
    from iop_rules.loader import load_agreement
    from tests.conftest import AGREEMENTS
    for path in sorted(AGREEMENTS.glob("*.yaml")):
        for fact in derive_facts(load_agreement(path), dt.date(2020, 1, 1)):
            assert durable_module.RESERVED.isdisjoint(fact.values), (path.name, fact.type)


# ---- (5) the firings handed out are shared: a caller cannot change them ------------------------------

def test_returned_firings_cannot_be_changed_by_a_caller() -> None:
    for backend in (DurableBackend(), PythonBackend()):
        first = backend.evaluate(PARTY_NAMED, ONE)
        want = list(first)
        with pytest.raises(AttributeError):
            first[0].rule_id = "X"  # type: ignore[misc]
        first.clear()
        second = backend.evaluate(PARTY_NAMED, ONE)
        assert second == want and second is not first
        second.append(Firing("Z", "fail", "agreement"))
        assert backend.evaluate(PARTY_NAMED, ONE) == want


def test_more_fact_keys_than_rows_kept() -> None:
    """firings.py forgets its rows past MAX_ROWS keys; firings of the keys met before must still come back."""
    durable, python = DurableBackend(), PythonBackend()
    from iop_rules.engine.firings import MAX_ROWS
    assert MAX_ROWS < 4300
    for k in range(0, 4300, 2):  # 4300 distinct party keys
        facts = [_fact("party", f"party:{k:04d}", name="X"), _fact("party", f"party:{k + 1:04d}", share=0.9)]
        assert durable.evaluate(PARTY_NAMED, facts) == python.evaluate(PARTY_NAMED, facts)
    assert durable.evaluate(PARTY_NAMED, ONE) == python.evaluate(PARTY_NAMED, ONE)


# ---- (6) threads and forks ----------------------------------------------------------------

def _sequence() -> Iterator[list[Fact]]:
    for k in range(30):
        yield [_fact("agreement", "agreement", months=k), *(_fact("party", f"party:{j:03d}", share=j / 4) for j in range(k % 5))]


def test_threads_sharing_one_instance_get_their_own_firings() -> None:
    backend, errors = DurableBackend(), []
    want = [PythonBackend().evaluate(PARTY_NAMED, facts) for facts in _sequence()]

    def work() -> None:
        for _ in range(5):
            got = [backend.evaluate(PARTY_NAMED, facts) for facts in _sequence()]
            if got != want:
                errors.append(got)
    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def _child(conn: Any, backend: DurableBackend) -> None:
    conn.send([backend.evaluate(PARTY_NAMED, facts) for facts in _sequence()])
    conn.close()


def test_a_forked_worker_and_its_parent_both_use_the_inherited_session() -> None:
    """audit --jobs forks after the parent may have evaluated: the child inherits the session and its lock."""
    backend = DurableBackend()
    want = [PythonBackend().evaluate(PARTY_NAMED, facts) for facts in _sequence()]
    assert backend.evaluate(PARTY_NAMED, ONE) == PythonBackend().evaluate(PARTY_NAMED, ONE)
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_child, args=(child, backend))
    process.start()
    got = parent.recv() if parent.poll(60) else None
    process.join(60)
    assert process.exitcode == 0 and got == want
    assert [backend.evaluate(PARTY_NAMED, facts) for facts in _sequence()] == want


# ---- (7) a program in several durable rulesets, each with its own reused session ---------------

def test_a_program_split_over_several_rulesets_over_a_sequence() -> None:
    """More than MAX_RULES rules, many identical: the parts (and any split on a full table) each keep a session."""
    branches = [Branch(f"M-{k:03d}", "fail", "party", _present("share", "gt", k % 7 / 7)) for k in range(2 * durable_module.MAX_RULES + 50)]
    program = Program("reuse-many", (*branches, Branch("M-999", "pass", "agreement", _present("months", "ge", 12))))
    durable, python = DurableBackend(), PythonBackend()
    sequence = [*_sequence(), [], ONE, *_sequence()]
    got = [durable.evaluate(program, facts) for facts in sequence]
    assert got == [python.evaluate(program, facts) for facts in sequence]
    assert len(durable._parts[program.key]) >= 3 and sum(map(len, got)) > 1000


TEXTS = st.one_of(st.sampled_from(["", "1e-05", 'a"b', "a\\b", "e+1", "ä ö å", "x,y", ' "seq": 1', "\u2028"]),
                  st.text(st.characters(blacklist_categories=("Cs",)), max_size=6))


@settings(FAST, max_examples=60)
@given(constants=st.lists(TEXTS, min_size=1, max_size=4),
       values=st.lists(st.dictionaries(st.sampled_from(["s", "t"]), TEXTS, max_size=2), max_size=5))
def test_text_values_compared_over_a_reused_session(constants: list[str], values: list[dict[str, str]]) -> None:
    """Text that looks like a number, JSON or the message's own shape is data to both backends."""
    branches = [Branch(f"S-{i}-{op}", "fail", "party", _present(field, op, c)) for i, c in enumerate(constants)
                for op, field in (("eq", "s"), ("ne", "t"))]
    program = Program("reuse-text", (*branches, Branch("S-J", "pass", "party", Conj((Exists("s", True), Exists("t", True),
                                                                                     Check("s", "eq", FieldRef("t")))))))
    durable, python = DurableBackend(), PythonBackend()
    facts = [Fact("party", f"party:{k:03d}", v) for k, v in enumerate(values)]
    for sequence in (facts, facts[:1], facts):
        assert durable.evaluate(program, sequence) == python.evaluate(program, sequence)
