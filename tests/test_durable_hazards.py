"""Each durable_rules hazard (docs/design.md), with a test that fails if its guard goes away."""
from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from hypothesis import given, settings

pytest.importorskip("durable", reason="durable_rules does not import on this Python")

from iop_rules.engine import durable as durable_module, get_backend  # noqa: E402
from iop_rules.engine.durable import DurableBackend, EngineError, _json, definition_json  # noqa: E402
from iop_rules.engine.ir import Conj, Branch, Check, Exists, Program, compile_selection  # noqa: E402
from iop_rules.facts import Fact, derive_facts  # noqa: E402
from iop_rules.loader import load_agreement  # noqa: E402
from iop_rules.rulesets import load_rulesets  # noqa: E402
from tests.strategies import agreements, loaded  # noqa: E402
from tests.conftest import AGREEMENTS, ROOT  # noqa: E402

LIBRARY = load_rulesets()
SELECTION = LIBRARY.select("Lunds kommun", "socialnämnden", None, "lund-socialnamnd-2020")


def _facts() -> list[Fact]:
    return derive_facts(load_agreement(AGREEMENTS / "lund-im-radrum-2019.yaml"))


def test_a_session_where_no_rule_fires_is_deleted_without_a_crash() -> None:
    # delete_state segfaults for a session in which no action ran; the sentinels and $done prevent it
    script = (
        "from iop_rules.engine.durable import DurableBackend\n"
        "from iop_rules.engine.ir import Program\n"
        "from iop_rules.facts import Fact\n"
        "b = DurableBackend()\n"
        "p = Program('empty', ())\n"
        "for _ in range(3):\n"
        "    assert b.evaluate(p, [Fact('party', 'party:000', {'name': 'x'})]) == []\n"
        "print('ok')\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", (proc.returncode, proc.stderr[-500:])


def test_no_negated_patterns_reach_durable() -> None:
    backend = DurableBackend()
    backend.evaluate(compile_selection(SELECTION), _facts())
    definition = definition_json(backend, compile_selection(SELECTION).key)
    assert "$not" not in definition and '"none"' not in definition and "n$" not in definition


def test_more_evaluations_than_live_sessions_allowed() -> None:
    backend, program, facts = DurableBackend(), compile_selection(SELECTION), _facts()
    first = backend.evaluate(program, facts)
    for _ in range(1500):  # the cap is 1024 live sessions per ruleset
        assert backend.evaluate(program, facts) == first


def test_no_timer_threads_and_every_action_ran_before_returning() -> None:
    before = set(threading.enumerate())
    backend = DurableBackend()
    fired = backend.evaluate(compile_selection(SELECTION), _facts())
    assert {t for t in threading.enumerate() if t not in before and isinstance(t, threading.Timer)} == set()
    from iop_rules.engine.python import PythonBackend
    assert len({(f.rule_id, f.fact_key) for f in fired if f.fact_key == "agreement"}) >= 5
    assert fired == PythonBackend().evaluate(compile_selection(SELECTION), _facts())  # every action, none late


def test_an_engine_error_is_raised_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    from iop_rules.engine import durable

    def failing(handle, state):  # type: ignore[no-untyped-def]
        raise durable.engine.error("boom")

    monkeypatch.setattr(durable.engine, "complete_and_start_action", failing)
    with pytest.raises(EngineError, match="boom"):
        DurableBackend().evaluate(compile_selection(SELECTION), _facts())


def test_firings_not_read_to_the_end_are_an_error_not_a_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from iop_rules.engine import durable
    monkeypatch.setattr(durable.engine, "complete_and_start_action", lambda handle, state: None)
    with pytest.raises(EngineError, match=r"\$done"):
        DurableBackend().evaluate(compile_selection(SELECTION), _facts())


def test_a_firing_names_its_fact_whatever_the_fact_says() -> None:
    """Firings are read off the engine's JSON messages by `seq`; text that looks like a key must not fool it."""
    tricky = 'x", "seq": 1, "y": "{\\"m\\":'
    program = Program("tricky", (Branch("X-1", "fail", "party", Check("name", "eq", tricky)),))
    facts = [Fact("party", "party:000", {"name": "plain"}), Fact("party", "party:001", {"name": tricky})]
    assert [f.fact_key for f in DurableBackend().evaluate(program, facts)] == ["party:001"]


def test_reserved_field_names_are_refused() -> None:
    program = Program("reserved", (Branch("X-1", "pass", "party", Conj(())),))
    with pytest.raises(EngineError, match="reserved"):
        DurableBackend().evaluate(program, [Fact("party", "party:000", {"id": "kommun"})])


def test_identical_facts_both_fire() -> None:
    program = Program("dups", (Branch("X-1", "fail", "party", Check("name", "eq", "Kompis")),))
    same = {"name": "Kompis", "role": "idea_based"}
    fired = DurableBackend().evaluate(program, [Fact("party", "party:000", same), Fact("party", "party:001", dict(same))])
    assert [f.fact_key for f in fired] == ["party:000", "party:001"]


def test_absent_field_gives_unknown_not_a_silent_verdict() -> None:
    from iop_rules.engine import get_backend
    from iop_rules.runner import check_loaded
    data = {"id": "x", "period": {"start": "2019-01-01"}}  # no end: duration is unknown
    for engine in ("durable", "python"):
        by = {r.rule: r.verdict for r in check_loaded(loaded(data), LIBRARY, get_backend(engine), None, "lund-socialnamnd-2017").results}
        assert by["IOP-PERIOD-02"] == "unknown" and by["IOP-PERIOD-03"] == "unknown"


@settings(max_examples=100, deadline=None)
@given(agreements())
def test_facts_never_carry_null(data) -> None:  # type: ignore[no-untyped-def]
    for fact in derive_facts(loaded(data)):
        assert None not in fact.values.values()


def test_concurrent_callers_are_serialised() -> None:
    backend, program, facts = DurableBackend(), compile_selection(SELECTION), _facts()
    expected = backend.evaluate(program, facts)
    outcomes: list[object] = []

    def work() -> None:
        for _ in range(50):
            outcomes.append(backend.evaluate(program, facts) == expected)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == [True] * 200


def test_a_thousand_distinct_rules_split_durable_into_rulesets_that_fit() -> None:
    """Each rule compares with its own bound: one durable ruleset overflows the engine's node stack (error 303)."""
    branches = tuple(Branch(f"ZZ-{i:04}", "fail", "agreement", Conj((Exists("duration_months", True),
                                                                    Check("duration_months", "le", 1000 + i))))
                     for i in range(1000))
    program = Program("thousand", branches)
    facts = [Fact("agreement", "agreement", {"duration_months": 1500})]
    durable = DurableBackend()
    got = durable.evaluate(program, facts)
    assert got == get_backend("python").evaluate(program, facts) and len(got) == 500
    assert len(durable._parts["thousand"]) > 1000 // 200  # split further than the up-front chunks
    assert durable.evaluate(program, facts) == got  # the split is kept


@pytest.mark.parametrize("value", [1e-05, 1.5e-07, 1e16, -2.5e+20, 0.1])
def test_numbers_in_exponent_form_reach_durable_as_python_reads_them(value: float) -> None:
    program = Program(f"exp{value}", tuple(
        Branch("ZZ-1", op, "commitment", Conj((Exists("quantity", True), Check("quantity", op, value))))
        for op in ("eq", "lt", "gt")))
    facts = [Fact("commitment", f"commitment:{i:03}", {"quantity": q, "note": f"{q!r} 1e5 \"2e3\""})
             for i, q in enumerate((value, value * 2, value / 2, 0, 1))]
    assert DurableBackend().evaluate(program, facts) == get_backend("python").evaluate(program, facts)


def test_json_for_durable_changes_numbers_only() -> None:
    text = _json({"a": 1e-05, "b": 'x 1e-05 "3e4"', "c": [2e+16, 1.5e-07, 7]})
    assert text == '{"a": 1.0e-05, "b": "x 1e-05 \\"3e4\\"", "c": [2.0e+16, 1.5e-07, 7]}'
    assert json.loads(text) == {"a": 1e-05, "b": 'x 1e-05 "3e4"', "c": [2e+16, 1.5e-07, 7]}


def test_facts_refused_part_way_are_an_error_and_the_next_agreement_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A session whose facts were refused cannot be deleted; its ruleset is replaced, so failures never pile up."""
    program = Program("refused", (Branch("ZZ-1", "fail", "agreement", Conj((Exists("duration_months", True),
                                                                           Check("duration_months", "gt", 12)))),))
    facts = [Fact("agreement", "agreement", {"duration_months": 30})]
    backend = durable_module.DurableBackend()
    first = backend.evaluate(program, facts)
    handle = backend._parts["refused"][0].handle
    real = durable_module.engine.assert_facts

    def refuse(h: int, payload: str):  # type: ignore[no-untyped-def]
        raise durable_module.engine.error("Could not assert facts, error code: 302")

    monkeypatch.setattr(durable_module.engine, "assert_facts", refuse)
    with pytest.raises(durable_module.EngineError, match="302"):
        backend.evaluate(program, facts)
    monkeypatch.setattr(durable_module.engine, "assert_facts", real)
    assert backend._parts["refused"][0].handle != handle
    assert backend.evaluate(program, facts) == first and [f.rule_id for f in first] == ["ZZ-1"]


@pytest.mark.parametrize("number", [float("inf"), float("-inf"), float("nan")])
def test_a_number_that_is_not_finite_is_refused_before_it_reaches_the_c_engine(number: float) -> None:
    # the C engine segfaults on an infinite number and compares NaN as false; the loader refuses both in
    # agreements, so only a computed value can carry one, and it must become an error, not a crash
    facts = [f if f.type != "agreement" else Fact(f.type, f.key, {**f.values, "duration_max_months": number}, f.doc_path) for f in _facts()]
    script = (
        "import sys, pickle\n"
        "from iop_rules.engine.durable import DurableBackend, EngineError\n"
        "from iop_rules.engine.ir import compile_selection\n"
        "from iop_rules.rulesets import load_rulesets\n"
        "facts = pickle.loads(sys.stdin.buffer.read())\n"
        "sel = load_rulesets().select('Lunds kommun', 'socialnämnden', None, 'lund-socialnamnd-2020')\n"
        "try:\n"
        "    DurableBackend().evaluate(compile_selection(sel), facts)\n"
        "except EngineError as exc:\n"
        "    print('refused:', exc)\n")
    import pickle
    proc = subprocess.run([sys.executable, "-c", script], input=pickle.dumps(facts), capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.decode().startswith("refused: a fact holds a number that is not finite")
