"""The bad-input campaign: nasty files, generated garbage, and every format on every agreement."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from iop_rules.engine import get_backend
from iop_rules.errors import IopError
from iop_rules.yamlpos import MAX_DEPTH, TOO_DEEP
from iop_rules.loader import parse_agreement
from iop_rules.render import FORMATS, get_outputter
from iop_rules.rulesets import load_rulesets
from iop_rules.runner import Run, check_loaded
from tests.strategies import agreements, loaded
from tests.conftest import DATA, run_cli
from tests.test_bad_input import _one_error_line

BAD = DATA / "bad"
MANIFEST: dict[str, Any] = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_corpus_file(name: str) -> None:
    path = BAD / name
    want = MANIFEST[name]
    run = run_cli("check", str(path), "--format", "json")  # run_cli bounds each run with a timeout
    if want == "ok":
        assert run.code in (0, 1) and run.err == "", run.err
        assert json.loads(run.out)["errors"] == []
        return
    assert run.code == 2
    m = _one_error_line(run.err)
    assert (m["path"], int(m["line"])) == (str(path), want["line"])
    assert want["message"] in m["msg"]
    assert json.loads(run.out)["agreements"] == []


def test_end_before_start_is_a_finding_on_its_line() -> None:
    run = run_cli("check", str(BAD / "end-before-start.yaml"), "--format", "json")
    by = {r["rule"]: r for r in json.loads(run.out)["agreements"][0]["results"]}
    assert run.code == 1 and by["IOP-PERIOD-01"]["verdict"] == "fail" and by["IOP-PERIOD-01"]["line"] == 2


def test_a_50_megabyte_file_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id: huge\nparties:\n")
        line = "  - {id: kommun, role: public, name: Kommunen}\n"
        fh.write(line * (50 * 1024 * 1024 // len(line)))
    run = run_cli("check", str(path))
    assert run.code == 2 and "larger than the limit" in _one_error_line(run.err)["msg"]


@pytest.mark.parametrize("depth", [100, 50_000, 400_000])
def test_deep_nesting_is_refused_without_crashing(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("id: deep\nx: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    run = run_cli("check", str(path), timeout=60, memory_mb=1024)
    assert run.code == 2 and "Traceback" not in run.err
    m = _one_error_line(run.err)
    assert (m["path"], m["line"]) == (str(path), "2") and m["msg"] == TOO_DEEP and str(MAX_DEPTH) in m["msg"]


def _refused_early(text: str, Loader: object = None) -> Any:  # noqa: N803 - PyYAML's argument name
    """A YAML library that refuses deep nesting itself, in its own words, before any event is seen."""
    mark = yaml.Mark("<text>", 0, 1, 40, None, None)
    raise yaml.scanner.ScannerError(None, None, "some library's own words about depth", mark)


@pytest.mark.parametrize("layer", ["libyaml as installed", "a library refusing first", "pure-Python loader"])
def test_deep_nesting_reads_the_same_whichever_layer_refuses(monkeypatch: pytest.MonkeyPatch, layer: str) -> None:
    import iop_rules.yamlpos as yamlpos
    if layer == "a library refusing first":
        monkeypatch.setattr(yamlpos.yaml, "parse", _refused_early)
        monkeypatch.setattr(yamlpos.yaml, "compose", _refused_early)
    elif layer == "pure-Python loader":
        monkeypatch.setattr(yamlpos, "_Loader", yaml.SafeLoader)
    text = "id: deep\nx: " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(IopError) as caught:
        yamlpos.parse_yaml(text, "deep.yaml")
    e = caught.value
    assert (e.message, e.line, e.column) == (TOO_DEEP, 2, 4 + MAX_DEPTH)


def test_a_quoted_bracket_is_not_nesting() -> None:
    from iop_rules.yamlpos import parse_yaml
    data, _ = parse_yaml("id: q\ntitle: '" + "[" * 100 + "'\n", "q.yaml")
    assert data["title"] == "[" * 100


def test_a_ruleset_reaching_for_python_is_refused(tmp_path: Path) -> None:
    (tmp_path / "evil.yaml").write_text("id: evil\ntitle: !!python/object/apply:os.system [echo]\ncitation: c\n", encoding="utf-8")
    agreement = tmp_path / "a" / "a.yaml"
    agreement.parent.mkdir()
    agreement.write_text("id: a\n", encoding="utf-8")
    run = run_cli("check", str(agreement), "--rulesets-dir", str(tmp_path))
    assert run.code == 2 and "is not allowed" in _one_error_line(run.err)["msg"]


def test_unknown_ruleset_id() -> None:
    run = run_cli("check", str(DATA / "hook" / "good.yaml"), "--ruleset", "lund-socialnamnd-1999")
    assert run.code == 2 and "unknown ruleset 'lund-socialnamnd-1999'" in _one_error_line(run.err)["msg"]


YAMLISH = st.text(alphabet=st.sampled_from(list("idpartesn:-[]{}&*!|>'\"#%@`\t\n 0123456789.,?åäö\ufeff\x00")), max_size=200)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(YAMLISH, st.text(max_size=200)))
def test_any_text_loads_or_gives_a_located_error(text: str) -> None:
    try:
        parse_agreement(text, "fuzz.yaml")
    except IopError as exc:
        assert exc.path == "fuzz.yaml" and exc.line >= 0 and exc.message


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "period", "parties", "funding", "document", "nope"]),
                       st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                                    max_leaves=8), max_size=5))
def test_any_yaml_shape_loads_or_gives_a_located_error(data: dict[str, Any]) -> None:
    try:
        parse_agreement(yaml.safe_dump(data, allow_unicode=True), "shape.yaml")
    except IopError as exc:
        assert exc.line >= 1 and exc.message


LIBRARY = load_rulesets()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements(), st.sampled_from(sorted(FORMATS)), st.sampled_from(["sv", "en"]))
def test_every_format_renders_every_agreement(data: dict[str, Any], fmt: str, lang: str) -> None:
    report = check_loaded(loaded(data), LIBRARY, get_backend("python"))
    run = Run("python", [report], [])
    text = get_outputter(fmt, lang).render(run)
    assert text.strip()
