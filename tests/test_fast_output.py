"""The fast paths of the JSON and text output give the bytes the plain ones give.

`render/json.py` writes indented JSON around the C encoder instead of json.dumps(indent=2), and
a warm re-audit copies each agreement's stored output from its cache entry instead of rendering
it; neither may change a byte of what a user reads.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iop_rules import cache as result_cache
from iop_rules.render.json import _finite, agreement_dict, agreement_json, dumps
from tests.conftest import AGREEMENTS

_scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12))
_keys = st.one_of(st.text(max_size=8), st.integers(-5, 5), st.booleans(), st.none(), st.floats(allow_nan=False, allow_infinity=False))
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                                                          st.dictionaries(_keys, inner, max_size=4)), max_leaves=25)


def _reference(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=2)
    except ValueError:
        return json.dumps(_finite(value), ensure_ascii=False, allow_nan=False, indent=2)


@settings(max_examples=400, deadline=None)
@given(_values)
def test_indented_json_is_what_json_dumps_writes(value: object) -> None:
    assert dumps(value, indent=2) == _reference(value)


def test_control_characters_and_line_separators_stay_inside_their_strings() -> None:
    value = {"a\nb": ["\u2028", "\x1c\x00\x7f", {"é": "\r\t\"\\"}], "n": [math.inf, 1e16, -0.0]}
    assert dumps(value, indent=2) == _reference(value)


def test_a_value_json_cannot_write_fails_as_json_dumps_fails() -> None:
    for value in ({(1, 2): 1}, [object()]):
        with pytest.raises(TypeError) as fast:
            dumps(value, indent=2)
        with pytest.raises(TypeError) as plain:
            json.dumps(value, indent=2)
        assert str(fast.value) == str(plain.value)


def test_an_agreement_is_written_as_the_general_encoder_writes_it() -> None:
    from iop_rules.runner import check
    for a in check([str(AGREEMENTS)], "python").agreements:
        for lang in ("sv", "en"):
            expected = "\n".join("    " + line for line in _reference(agreement_dict(a, lang)).split("\n"))
            assert agreement_json(a, lang) == expected


def test_a_warm_json_or_text_audit_unpickles_no_results_but_the_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The portfolio, the counts and each agreement's output come from the entry as stored; only the
    exit code reads results, and only until it meets a finding that fails the run."""
    from tests.conftest import run_cli
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    fresh = {fmt: run_cli("audit", str(AGREEMENTS), "--format", fmt, "--jobs", "1", "--as-of", "2024-03-01").out
             for fmt in ("json", "text")}
    from iop_rules.cli import main
    from iop_rules.verdicts import fails_run
    failing = [any(fails_run(SimpleNamespace(**r), "error") for r in a["results"]) for a in json.loads(fresh["json"])["agreements"]]
    read_for_exit_code = failing.index(True) + 1
    assert read_for_exit_code < len(failing)  # the test tells something only if some agreements are not read
    decoded: list[int] = []
    real = result_cache.decode_results

    def counted(pickled: bytes):  # type: ignore[no-untyped-def]
        decoded.append(1)
        return real(pickled)

    monkeypatch.setattr(result_cache, "decode_results", counted)
    for fmt, expected in fresh.items():
        out = tmp_path / f"out.{fmt}"
        decoded.clear()
        assert main(["audit", str(AGREEMENTS), "--format", fmt, "--jobs", "1", "--as-of", "2024-03-01", "-o", str(out)]) == 1
        assert out.read_text(encoding="utf-8") == expected
        assert len(decoded) == read_for_exit_code
