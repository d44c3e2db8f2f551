"""`iop-rules audit`: a portfolio as of a date, with waivers, baseline, CSV and a calendar."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest

from tests.conftest import AGREEMENTS, DATA, run_cli

GOOD = (DATA / "hook" / "good.yaml").read_text(encoding="utf-8")


def _portfolio(tmp_path: Path, n: int, broken: int = 0) -> Path:
    """n agreements: varied ids and periods; every (n // broken)-th file broken on line 3."""
    folder = tmp_path / "portfolio"
    folder.mkdir()
    step = n // broken if broken else 0
    for i in range(n):
        text = GOOD.replace("id: hook-good", f"id: a{i:04d}").replace("2019-07-01", f"{2018 + i % 5}-07-01") \
                   .replace("end: 2021-06-30", f"end: {2020 + i % 5}-06-30")
        if step and i % step == step - 1:
            text = text.replace("date: 2019-06-10", "date: 2019-02-30", 1)  # an impossible date on line 3
        (folder / f"agreement-{i:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_broken_files_never_cost_the_others_their_results(tmp_path: Path) -> None:
    folder = _portfolio(tmp_path, 200, broken=10)
    run = run_cli("audit", str(folder), "--format", "json", "--jobs", "2", "--as-of", "2020-01-01")
    assert run.code == 2
    data = json.loads(run.out)
    assert len(data["agreements"]) == 190
    assert data["summary"]["agreements"] == 190 and data["summary"]["errors"] == 10
    assert len(data["errors"]) == 10 and all(e["line"] == 3 for e in data["errors"])
    assert len(run.err.strip().splitlines()) == 10 and "Traceback" not in run.err


def test_parallel_and_serial_output_identical(tmp_path: Path) -> None:
    folder = _portfolio(tmp_path, 40)
    serial = run_cli("audit", str(folder), "--format", "json", "--jobs", "1", "--as-of", "2020-01-01").out
    parallel = run_cli("audit", str(folder), "--format", "json", "--jobs", "2", "--as-of", "2020-01-01").out
    assert serial == parallel


def test_no_progress_bar_on_a_pipe(tmp_path: Path) -> None:
    folder = _portfolio(tmp_path, 3)
    assert run_cli("audit", str(folder)).err == ""
    assert "[3/3]" in run_cli("audit", str(folder), "--progress", "always").err


def test_overdue_on_the_shipped_agreements() -> None:
    if not list(AGREEMENTS.glob("*.yaml")):
        pytest.skip("no shipped agreements")
    data = json.loads(run_cli("audit", str(AGREEMENTS), "--as-of", "2020-05-15", "--format", "json").out)
    overdue = {(d["agreement"], d["kind"], d["date"]) for d in data["summary"]["overdue"]}
    assert overdue == {
        ("lund-kompis-sverige-2019", "review", "2019-02-15"),
        ("lund-kompis-sverige-2019", "report", "2019-06-30"),
        ("danderyd-kompisbyran-2018", "report", "2019-06-30"),
        ("ostersund-hej-framling-2019", "report", "2019-08-31"),
        ("ostersund-hej-framling-2019", "report", "2019-12-31"),
        ("ostersund-hej-framling-2019", "report", "2020-04-30"),
    }
    by = {(a["id"], r["rule"]): r for a in data["agreements"] for r in a["results"]}
    assert by[("ostersund-hej-framling-2019", "IOP-LIFE-01")]["verdict"] == "fail"
    assert "2019-08-31" in by[("ostersund-hej-framling-2019", "IOP-LIFE-01")]["message"]
    assert by[("lund-kompis-sverige-2019", "IOP-LIFE-04")]["verdict"] == "fail"  # ended 2019-06-30
    # no dated reports, only a cadence: whether one is overdue cannot be told (nothing to check is never a pass)
    assert by[("lund-vanskapens-hus-2021", "IOP-LIFE-01")]["verdict"] == "unknown"
    text = run_cli("audit", str(AGREEMENTS), "--as-of", "2020-05-15").out
    assert "2019-08-31  rapport  ostersund-hej-framling-2019" in text


def _with_waiver(tmp_path: Path, expires: str) -> Path:
    path = tmp_path / "waived.yaml"
    bad = (DATA / "hook" / "bad.yaml").read_text(encoding="utf-8")
    path.write_text(bad + f"""waivers:
  - rule: IOP-FIN-02
    reason: Föreningens bidrag regleras i separat avtal
    approved_by: Socialnämnden
    reference: "SN 2021-05-20 §88"
    expires: {expires}
""", encoding="utf-8")
    return path


def test_waiver_waives_until_it_expires(tmp_path: Path) -> None:
    path = _with_waiver(tmp_path, "2021-12-31")
    data = json.loads(run_cli("audit", str(path), "--as-of", "2021-06-01", "--format", "json").out)
    (r,) = [r for r in data["agreements"][0]["results"] if r["rule"] == "IOP-FIN-02"]
    assert r["verdict"] == "waived"
    assert r["waiver"]["approved_by"] == "Socialnämnden" and r["waiver"]["reference"] == "SN 2021-05-20 §88"
    assert data["summary"]["verdicts"]["waived"] == 1
    later = json.loads(run_cli("audit", str(path), "--as-of", "2022-01-10", "--format", "json").out)
    by = {r["rule"]: r for r in later["agreements"][0]["results"]}
    assert by["IOP-FIN-02"]["verdict"] == "fail"
    assert by["IOP-LIFE-05"]["verdict"] == "fail" and "2021-12-31" in by["IOP-LIFE-05"]["message"]


def test_baseline_reports_only_new_findings_and_lists_resolved(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "bad.yaml").write_text((DATA / "hook" / "bad.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = tmp_path / "before.json"
    assert run_cli("audit", str(folder), "--format", "json", "-o", str(before)).code == 1
    # fix the old finding, introduce a new one (no payment schedule)
    fixed = (DATA / "hook" / "good.yaml").read_text(encoding="utf-8").replace("id: hook-good", "id: hook-bad")
    (folder / "bad.yaml").write_text(fixed.replace("payment: {installments_per_year: 2}\n", ""), encoding="utf-8")
    run = run_cli("audit", str(folder), "--baseline", str(before), "--format", "json", "--fail-on", "warning")
    data = json.loads(run.out)
    # with no own contribution and no basis stated, whether the kommun's money remunerates a service is open
    # (IOP-CRIT-02, IOP-LOU-01 unknown); the association's contribution resolves all three
    assert data["baseline"]["resolved"] == [{"agreement": "hook-bad", "rule": r} for r in ("IOP-CRIT-02", "IOP-FIN-02", "IOP-LOU-01")]
    (new,) = [r for r in data["agreements"][0]["results"] if r.get("baseline") == "new"]
    assert new["rule"] == "IOP-PAY-01"
    assert run.code == 1
    text = run_cli("audit", str(folder), "--baseline", str(before)).out
    assert "IOP-PAY-01" in text and "hook-bad IOP-FIN-02" in text  # the resolved list


def test_csv_one_row_per_finding(tmp_path: Path) -> None:
    path = _with_waiver(tmp_path, "2030-01-01")
    out = run_cli("audit", str(path), "--format", "csv", "--as-of", "2021-01-01").out
    rows = list(csv.DictReader(io.StringIO(out)))
    # as of a date, a cadence with no dated reports leaves IOP-LIFE-01 open: nothing to check is never a pass
    assert [(r["rule"], r["verdict"]) for r in rows] == [("IOP-CRIT-02", "unknown"), ("IOP-FIN-02", "waived"),
                                                         ("IOP-LIFE-01", "unknown"), ("IOP-LOU-01", "unknown")]
    assert rows[1]["waived_by"] == "Socialnämnden (SN 2021-05-20 §88)" and rows[1]["line"] == "7"


def test_calendar_is_valid_icalendar(tmp_path: Path) -> None:
    folder = _portfolio(tmp_path, 5)
    ics = tmp_path / "deadlines.ics"
    assert run_cli("audit", str(folder), "--as-of", "2020-01-01", "--calendar", str(ics)).code in (0, 1)
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    events = [e for e in cal.walk("VEVENT")]
    ends = sorted(str(e.decoded("DTSTART")) for e in events)
    assert ends == ["2020-06-30", "2021-06-30", "2022-06-30", "2023-06-30", "2024-06-30"]
    assert all(str(e["UID"]).endswith("@iop-rules") for e in events)


def test_portfolio_html_page(tmp_path: Path) -> None:
    if not list(AGREEMENTS.glob("*.yaml")):
        pytest.skip("no shipped agreements")
    out = tmp_path / "audit.html"
    run_cli("audit", str(AGREEMENTS), "--as-of", "2020-05-15", "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.index('<section class="portfolio">') < html.index('<section class="agreement"')
    assert html.count('<rect class="period"') == 5
    assert html.count('class="deadline overdue"') == 6  # the six overdue reports and reviews
    assert '<line class="today"' in html and '<svg class="rule-chart"' in html
    assert '<a href="#ostersund-hej-framling-2019">' in html and 'id="ostersund-hej-framling-2019"' in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_a_waiver_that_waives_nothing_is_a_warning(tmp_path: Path) -> None:
    good = (DATA / "hook" / "good.yaml").read_text(encoding="utf-8")
    path = tmp_path / "stray.yaml"
    path.write_text(good + """waivers:
  - {rule: IOP-PAY-01, reason: r, approved_by: SN}
  - {rule: IOP-NOPE-99, reason: r, approved_by: SN}
""", encoding="utf-8")
    data = json.loads(run_cli("check", str(path), "--format", "json").out)
    (r,) = [r for r in data["agreements"][0]["results"] if r["rule"] == "IOP-WAIVER-01"]
    assert (r["verdict"], r["severity"]) == ("fail", "warning")
    assert "IOP-PAY-01 behövs inte: regeln är pass" in r["message"] and "IOP-NOPE-99 avser en regel som inte finns" in r["message"]
    assert r["line"] == 31  # the first stray waiver


def test_two_thousand_generated_agreements_fifty_broken(tmp_path: Path) -> None:
    from bench.generate import generate
    generate(tmp_path / "gen", 2000, seed=7, broken=50)
    run = run_cli("audit", str(tmp_path / "gen"), "--format", "json", "--jobs", "2")
    assert run.code == 2
    data = json.loads(run.out)
    assert len(data["agreements"]) == 1950 and data["summary"]["agreements"] == 1950
    assert len(data["errors"]) == 50 and data["summary"]["errors"] == 50
    assert all(e["line"] > 1 and "2019-02-30" in e["message"] for e in data["errors"])
    assert len(run.err.strip().splitlines()) == 50


@pytest.mark.skipif(__import__("shutil").which("chromium") is None, reason="chromium not installed (Debian package `chromium`)")
def test_portfolio_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    from tests.conftest import screenshot
    report, png = tmp_path / "audit.html", tmp_path / "audit.png"
    run_cli("audit", str(AGREEMENTS), "--as-of", "2020-05-15", "--format", "html", "-o", str(report))
    data = screenshot(report, png, tmp_path / "profile")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000


def test_overlaps_are_reported_as_clusters_not_pairs() -> None:
    from iop_rules.portfolio import Portfolio
    from iop_rules.results import AgreementReport
    from iop_rules.summary import AgreementSummary, PartyLine

    def report(i: int, start: str, end: str) -> AgreementReport:
        summary = AgreementSummary((PartyLine("Föreningen", "idea_based", "802496-6080"),), "Lunds kommun",
                                   "socialnämnden", start, end, None, (), {}, ())
        return AgreementReport(f"a{i}", f"a{i}.yaml", ("iop-core",), {}, (), summary)

    p = Portfolio(None)
    for i, (s, e) in enumerate([("2019-01-01", "2019-12-31"), ("2019-06-01", "2020-06-30"), ("2020-03-01", "2020-12-31"),
                                ("2022-01-01", "2022-12-31")]):
        p.add(report(i, s, e))
    assert p.overlaps() == [{"organisation": "Föreningen", "authority": "Lunds kommun", "body": "socialnämnden",
                             "agreements": ["a0", "a1", "a2"], "from": "2019-06-01", "until": "2020-12-31"}]


def test_parsing_keeps_no_yaml_nodes_alive() -> None:
    from iop_rules.loader import load_agreement
    from iop_rules.yamlpos import _SCALAR_BUILDER
    for path in sorted(AGREEMENTS.glob("*.yaml")):
        load_agreement(path)
    assert _SCALAR_BUILDER.constructed_objects == {}  # a cache here grew with every file read


def test_the_same_id_in_two_files_is_listed(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    data = json.loads(run_cli("audit", str(tmp_path), "--format", "json").out)
    assert data["summary"]["duplicate_ids"] == [{"id": "hook-good", "paths": [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]}]
    assert "Samma id i flera filer:" in run_cli("audit", str(tmp_path)).out


def test_the_approval_is_shown_once(tmp_path: Path) -> None:
    path = _with_waiver(tmp_path, "2030-01-01")
    text = run_cli("check", str(path)).out
    (line,) = [ln for ln in text.splitlines() if "IOP-FIN-02" in ln]
    assert line.count("Socialnämnden") == 1 and "UNDANTAG" in line and "SN 2021-05-20 §88" in line
    html = run_cli("check", str(path), "--format", "html").out
    assert html.count("Föreningens bidrag regleras i separat avtal") == 1


def test_an_expired_waiver_is_expired_without_as_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --as-of the waiver's expiry is judged against the report date (SOURCE_DATE_EPOCH or today)."""
    path = _with_waiver(tmp_path, "2021-12-31")
    verdict = lambda run: {r["rule"]: r["verdict"] for r in json.loads(run.out)["agreements"][0]["results"]}["IOP-FIN-02"]  # noqa: E731
    assert verdict(run_cli("check", str(path), "--format", "json")) == "fail"  # it ran out in 2021; today is later
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")  # 2021-01-01: a report dated then still honours it
    assert verdict(run_cli("check", str(path), "--format", "json")) == "waived"
