"""--no-waivers: an auditor sees every waived failure as a failure, with the approval beside it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_audit import _with_waiver


@pytest.mark.parametrize("command", ["check", "audit"])
def test_no_waivers_reports_the_waived_failure_as_a_failure(tmp_path: Path, command: str) -> None:
    path = _with_waiver(tmp_path, "2030-01-01")
    args = [command, str(path), "--format", "json", "--as-of", "2021-06-01"] + (["--jobs", "1"] if command == "audit" else [])
    honoured = {r["rule"]: r for r in json.loads(run_cli(*args).out)["agreements"][0]["results"]}
    run = run_cli(*args, "--no-waivers")
    audited = {r["rule"]: r for r in json.loads(run.out)["agreements"][0]["results"]}
    assert honoured["IOP-FIN-02"]["verdict"] == "waived"
    assert audited["IOP-FIN-02"]["verdict"] == "fail" and audited["IOP-FIN-02"]["waiver"]["approved_by"] == "Socialnämnden"
    assert audited["IOP-WAIVER-01"]["verdict"] == "pass"  # the waiver still waives a failing rule
    assert run.code == 1


def test_a_waived_failure_is_a_suppressed_sarif_result(tmp_path: Path) -> None:
    import jsonschema
    from tests.conftest import DATA
    path = _with_waiver(tmp_path, "2030-01-01")
    doc = json.loads(run_cli("check", str(path), "--format", "sarif", "--as-of", "2021-06-01").out)
    jsonschema.validate(doc, json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    (waived,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "IOP-FIN-02"]
    assert waived["suppressions"] == [{"kind": "external", "status": "accepted",
                                       "justification": "Föreningens bidrag regleras i separat avtal (Socialnämnden, SN 2021-05-20 §88)"}]
    assert all("suppressions" not in r for r in doc["runs"][0]["results"] if r["ruleId"] != "IOP-FIN-02")
