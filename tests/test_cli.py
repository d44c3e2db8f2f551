"""The `check` command as users see it: the JSON contract, text, exit codes, schema, the API."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import AGREEMENTS, run_cli
from tests.samples import SMALL


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_json_contract(small: Path, engine: str) -> None:
    run = run_cli("check", str(small), "--format", "json", "--engine", engine)
    data = json.loads(run.out)
    assert set(data) >= {"tool", "engine", "agreements", "errors"}
    assert data["tool"]["name"] == "iop-rules" and data["engine"] == engine
    (a,) = data["agreements"]
    assert a["id"] == "small" and a["path"] == str(small) and a["rulesets"] == ["iop-core"]
    rules = [r["rule"] for r in a["results"]]
    assert rules == sorted(rules) and len(rules) == len(set(rules)) >= 30
    for r in a["results"]:
        assert {"rule", "verdict", "severity", "message", "citation", "line", "evidence"} <= set(r)
        assert r["verdict"] in ("pass", "fail", "unknown", "not_applicable", "waived")
        assert r["severity"] in ("error", "warning", "info")
        assert isinstance(r["line"], int) and r["line"] >= 1
    by_rule = {r["rule"]: r for r in a["results"]}
    assert by_rule["IOP-FIN-02"]["verdict"] == "fail"
    assert by_rule["IOP-FIN-02"]["line"] == 5  # the idea-based party's line
    assert by_rule["IOP-PERIOD-01"]["source"] == "gäller från 2019-07-01 till 2021-06-30"
    assert by_rule["IOP-PERIOD-01"]["line"] == 6
    assert run.code == 1


def test_text_output_lists_failures_first_with_location(small: Path) -> None:
    run = run_cli("check", str(small))
    lines = run.out.splitlines()
    assert lines[0].startswith(f"{small} (small)")
    findings = [ln for ln in lines[1:] if ln.startswith("  ") and ": " in ln and f"{small}:" in ln]
    assert findings[0].startswith(f"  {small}:5: FEL fel IOP-FIN-02: Föreningen bidrar inte")
    assert lines[-1].startswith("1 överenskommelser:")


def test_english_messages(small: Path) -> None:
    run = run_cli("check", str(small), "--lang", "en", "--format", "json")
    by_rule = {r["rule"]: r for r in json.loads(run.out)["agreements"][0]["results"]}
    assert by_rule["IOP-FIN-02"]["message"].startswith("Föreningen contributes no resources")


@pytest.mark.parametrize("fail_on, code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(small: Path, fail_on: str, code: int) -> None:
    assert run_cli("check", str(small), "--fail-on", fail_on).code == code


def test_fail_on_error_passes_when_only_warnings(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(SMALL + "  - {payer: forening, kind: in_kind}\niop_criteria: {no_market: true}\n", encoding="utf-8")
    data = json.loads(run_cli("check", str(path), "--format", "json", "--fail-on", "never").out)
    failing = {r["severity"] for r in data["agreements"][0]["results"] if r["verdict"] in ("fail", "unknown")}
    assert "error" not in failing and "warning" in failing
    assert run_cli("check", str(path)).code == 0
    assert run_cli("check", str(path), "--fail-on", "warning").code == 1


def test_exit_zero(small: Path) -> None:
    assert run_cli("check", str(small), "--exit-zero").code == 0


def test_output_file(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = run_cli("check", str(small), "--format", "json", "-o", str(out))
    assert run.out == "" and json.loads(out.read_text(encoding="utf-8"))["agreements"][0]["id"] == "small"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".iop-rules-")] == []


def test_output_is_byte_identical_across_runs_and_argument_order(tmp_path: Path) -> None:
    files = sorted(str(p) for p in AGREEMENTS.glob("*.yaml"))
    first = run_cli("check", *files, "--format", "json").out
    assert first == run_cli("check", str(AGREEMENTS), "--format", "json").out
    again = run_cli("check", str(AGREEMENTS), "--format", "json").out
    assert first == again


def test_schema_validates_the_shipped_agreements() -> None:
    import yaml
    schema = json.loads(run_cli("schema").out)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(AGREEMENTS.glob("*.yaml"))
    assert len(files) == 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../agreement.schema.json")
        data = yaml.safe_load(text)
        # YAML dates arrive as date objects; JSON Schema (and editors) see ISO strings
        errors = list(validator.iter_errors(json.loads(json.dumps(data, default=str))))
        assert errors == [], (path, errors[:1])
    assert list(validator.iter_errors({"id": "x", "partis": []}))


def _shape(node: object, path: str = "") -> set[str]:
    """Every property path with its type, enum and required-ness: what an editor validates, not how a
    given pydantic release words or orders the document (titles, descriptions and layout vary by version)."""
    out: set[str] = set()
    if isinstance(node, dict):
        for key in ("type", "enum", "required", "$ref", "minimum", "maximum", "pattern", "additionalProperties"):
            if key in node:
                value = node[key]
                value = float(value) if isinstance(value, int) and not isinstance(value, bool) else value  # 0 or 0.0
                out.add(f"{path}.{key}={json.dumps(value, sort_keys=True)}")
        for key, value in node.items():
            if key not in ("title", "description", "default", "examples"):
                out |= _shape(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out |= _shape(value, f"{path}[{i}]")
    return out


def test_committed_schema_is_current() -> None:
    committed = json.loads((AGREEMENTS.parent / "agreement.schema.json").read_text(encoding="utf-8"))
    generated = json.loads(run_cli("schema").out)
    assert _shape(committed) == _shape(generated), "run `iop-rules schema > agreement.schema.json`"


def test_library_api(small: Path) -> None:
    from iop_rules import check, load_agreement, load_rulesets
    loaded = load_agreement(small)
    assert loaded.agreement.parties[1].name == "Föreningen"
    run = check([small], engine="python", rulesets=load_rulesets())
    (report,) = run.agreements
    assert {r.rule: r.verdict for r in report.results}["IOP-FIN-02"] == "fail"
    assert run.errors == []


def test_unknown_says_what_to_add_in_words_and_keys() -> None:
    data = json.loads(run_cli("check", str(AGREEMENTS / "ostersund-hej-framling-2019.yaml"), "--format", "json").out)
    (r,) = [r for r in data["agreements"][0]["results"] if r["rule"] == "IOP-CRIT-03"]
    assert r["verdict"] == "unknown"
    assert r["message"] == ("Kan inte avgöras: överenskommelsen anger inte om verksamheten också köps på en marknad "
                            "[iop_criteria.no_market, iop_criteria.also_procured, market].")
