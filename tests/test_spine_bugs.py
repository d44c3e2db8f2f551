"""Four bugs that came from ideas written twice; each test failed before its fix."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from iop_rules.engine import get_backend
from iop_rules.loader import parse_agreement
from iop_rules.rulesets import load_rulesets
from iop_rules.runner import check_loaded
from tests.conftest import AGREEMENTS, RULESETS, run_cli

AGREEMENT = AGREEMENTS / "ostersund-hej-framling-2019.yaml"  # no notice period: IOP-TERM-01 fails


def _verdict(library, engine: str, rule: str) -> str:  # type: ignore[no-untyped-def]
    from iop_rules.loader import load_agreement
    report = check_loaded(load_agreement(str(AGREEMENT)), library, get_backend(engine))
    return {r.rule: r.verdict for r in report.results}[rule]


def test_a_reloaded_ruleset_is_never_answered_from_the_old_program(tmp_path: Path, engine: str) -> None:
    shipped = load_rulesets()
    assert _verdict(shipped, engine, "IOP-TERM-01") == "fail"
    edited = tmp_path / "rulesets"
    edited.mkdir()
    for f in RULESETS.glob("*.yaml"):
        text = f.read_text(encoding="utf-8")
        if f.name == "iop-core.yaml":  # invert IOP-TERM-01: a notice period must be absent
            data = yaml.safe_load(text)
            rule = next(r for r in data["rules"] if r["id"] == "IOP-TERM-01")
            rule["expect"], rule["examples"] = {"field": "notice_months", "present": False}, []
            rule.pop("missing", None)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (edited / f.name).write_text(text, encoding="utf-8")
    reloaded = load_rulesets(sorted(edited.glob("*.yaml")))
    assert _verdict(reloaded, engine, "IOP-TERM-01") == "pass"
    assert _verdict(shipped, engine, "IOP-TERM-01") == "fail"  # and the first library still answers for itself


def _idea_parties(*non_profit: bool | None) -> str:
    parties = [{"id": "kommun", "role": "public", "name": "Kommunen"}]
    for i, flag in enumerate(non_profit):
        p = {"id": f"f{i}", "role": "idea_based", "name": f"Förening {i}"}
        if flag is not None:
            p["non_profit"] = flag
        parties.append(p)
    return yaml.safe_dump({"id": "two-parties", "parties": parties}, allow_unicode=True)


@pytest.mark.parametrize("silent_second", [False, True])
def test_a_stated_for_profit_party_is_an_error_whatever_its_neighbour_says(engine: str, silent_second: bool) -> None:
    text = _idea_parties(False, None) if silent_second else _idea_parties(False)
    report = check_loaded(parse_agreement(text, "a.yaml"), load_rulesets(), get_backend(engine))
    result = next(r for r in report.results if r.rule == "IOP-PARTY-02")
    assert (result.verdict, result.severity) == ("fail", "error")


def test_only_silent_parties_give_the_milder_severity(engine: str) -> None:
    report = check_loaded(parse_agreement(_idea_parties(None, True), "a.yaml"), load_rulesets(), get_backend(engine))
    result = next(r for r in report.results if r.rule == "IOP-PARTY-02")
    assert (result.verdict, result.severity) == ("fail", "warning")


def test_for_profit_beside_silent_fails_the_run_at_error(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(_idea_parties(False, None), encoding="utf-8")
    run = run_cli("check", str(path), "--fail-on", "error", "--format", "json")
    assert run.code == 1


@pytest.mark.parametrize("command", ["check", "audit"])
def test_ics_exits_like_every_other_format(command: str) -> None:
    codes = {}
    for fmt in ("text", "csv", "ics"):
        args = [command, str(AGREEMENTS), "--format", fmt, "--as-of", "2020-06-01"] + (["--jobs", "1"] if command == "audit" else [])
        run = run_cli(*args)
        assert "Traceback" not in run.err and run.err == "", run.err
        codes[fmt] = run.code
    assert codes == {"text": 1, "csv": 1, "ics": 1}


def test_check_ics_is_a_calendar_of_the_agreements_deadlines() -> None:
    run = run_cli("check", str(AGREEMENTS / "lund-kompis-sverige-2019.yaml"), "--format", "ics", "--as-of", "2019-03-01")
    from icalendar import Calendar
    events = Calendar.from_ical(run.out).walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in events} >= {"FÖRSENAD: Översyn: lund-kompis-sverige-2019",
                                                   "Slut: lund-kompis-sverige-2019"}


def test_extract_repair_step_drops_what_will_not_load() -> None:
    from iop_rules.extract.draft import validated
    from iop_rules.extract.found import Findings
    draft = {"id": "x", "follow_up": {"cadence": {"reports": 0, "per": "year"}}}
    findings = Findings(blocks=[])
    text = validated(draft, findings, "x.txt")
    assert parse_agreement(text, "x.yaml").agreement.follow_up is None
    assert any("follow_up" in n for n in findings.notes)


def test_zero_reports_a_year_is_no_cadence(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Överenskommelse om IOP mellan Lunds kommun och Föreningen Vän.\n\n"
                      "Föreningen ska lämna en rapport 0 gånger per år.\n", encoding="utf-8")
    run = run_cli("extract", str(source))
    assert run.code == 0, run.err
    follow_up = yaml.safe_load(run.out).get("follow_up", {})
    assert "cadence" not in follow_up  # "0 gånger per år" is no rhythm; the draft lists cadence as not found
    assert json.dumps(run.out)  # a draft, not a traceback
