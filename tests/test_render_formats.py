"""Every output format on the five agreements, verified the way its consumer reads it."""
from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import junitparser
import pytest

from tests.conftest import AGREEMENTS, DATA, run_cli, screenshot


@pytest.fixture(scope="module")
def verdicts() -> dict[tuple[str, str], dict]:
    data = json.loads(run_cli("check", str(AGREEMENTS), "--format", "json").out)
    return {(a["id"], r["rule"]): r | {"path": a["path"]} for a in data["agreements"] for r in a["results"]}


def _render(fmt: str, *extra: str) -> str:
    run = run_cli("check", str(AGREEMENTS), "--format", fmt, *extra)
    assert run.code == 1, run.err  # the seeds have error-level findings
    return run.out


def test_sarif_is_schema_valid_and_complete(verdicts: dict) -> None:
    doc = json.loads(_render("sarif"))
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    run = doc["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == sorted({rule for _, rule in verdicts})
    findings = {(res["properties"]["agreement"], res["ruleId"]) for res in run["results"]}
    assert findings == {k for k, r in verdicts.items() if r["verdict"] in ("fail", "unknown")}
    for res in run["results"]:
        expected = verdicts[(res["properties"]["agreement"], res["ruleId"])]
        location = res["locations"][0]["physicalLocation"]
        assert location["region"]["startLine"] == expected["line"]
        assert location["artifactLocation"]["uri"] == f"agreements/{Path(expected['path']).name}"
        assert res["partialFingerprints"]["iopRulesFinding/v1"] == f"{res['properties']['agreement']}:{res['ruleId']}"
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
    assert {r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]} == {"error", "warning", "note"}


def test_sarif_reports_unreadable_files_as_notifications(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nperiod: {start: 2019-02-30}\n", encoding="utf-8")
    run = run_cli("check", str(bad), "--format", "sarif")
    doc = json.loads(run.out)
    (note,) = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 2 and run.code == 2


def test_junit_parses_with_a_suite_per_agreement(verdicts: dict, tmp_path: Path) -> None:
    path = tmp_path / "junit.xml"
    path.write_text(_render("junit"), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = {s.name: s for s in xml}
    assert set(suites) == {a for a, _ in verdicts}
    for name, suite in suites.items():
        cases = list(suite)
        mine = {rule: r for (a, rule), r in verdicts.items() if a == name}
        assert len(cases) == len(mine) == suite.tests
        failed = [c for c in cases if any(isinstance(x, junitparser.Failure) for x in c.result)]
        skipped = [c for c in cases if any(isinstance(x, junitparser.Skipped) for x in c.result)]
        assert len(failed) == sum(r["verdict"] in ("fail", "unknown") for r in mine.values()) == suite.failures
        assert len(skipped) == sum(r["verdict"] in ("not_applicable", "waived") for r in mine.values()) == suite.skipped
        assert sum(c.is_passed for c in cases) == sum(r["verdict"] == "pass" for r in mine.values())


def test_markdown_renders(verdicts: dict) -> None:
    text = _render("markdown")
    assert text.startswith("# Granskning av IOP-överenskommelser")
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == sorted({a for a, _ in verdicts})
    assert text.count("<details>") == text.count("</details>") > 0
    for block in text.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        assert len({line.replace("\\|", "").count("|") for line in rows}) <= 1, block
    assert "**IOP-PERIOD-03** Överenskommelsen är långsiktig" in text
    assert "  - Överenskommelsens text:\n\n    > Det Idéburna Offentliga Partnerskapet gäller från 2019-01-01 till 2019-06-30." in text


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.findings: list[str] = []
        self.headings: list[str] = []
        self.external: list[str] = []
        self.scripts = 0
        self._in_h3 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and a.get("class") == "agreement":
            self.sections.append(a["id"] or "")
        if tag == "div" and "finding" in (a.get("class") or "") and a.get("data-rule"):
            self.findings.append(a["data-rule"] or "")
        if tag == "h3" and "severity" in (a.get("class") or ""):
            self.headings.append((a.get("class") or "").split()[-1])
        for key in ("src", "href"):
            if a.get(key):
                self.external.append(a[key] or "")
        self.scripts += tag in ("script", "link")


def test_html_report_structure(verdicts: dict, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert run_cli("check", str(AGREEMENTS), "--format", "html", "-o", str(out)).code == 1
    html = out.read_text(encoding="utf-8")
    parser = _Structure()
    parser.feed(html)
    assert parser.sections == sorted({a for a, _ in verdicts})
    assert sorted(parser.findings) == sorted(rule for (a, rule), r in verdicts.items() if r["verdict"] in ("fail", "unknown"))
    assert [x for x in parser.external if not x.startswith("#")] == [] and parser.scripts == 0  # only links within the page
    assert "@page { size: A4" in html and "break-inside: avoid" in html
    assert "Socialförvaltningen och/eller Kultur och fritidsförvaltningen" in html
    assert "<details><summary>Uppfyllda regler" in html


def test_html_escapes_agreement_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text('id: x\nparties:\n  - {id: f, role: idea_based, name: "<script>alert(1)</script>"}\n', encoding="utf-8")
    html = run_cli("check", str(path), "--format", "html", "--lang", "en").out
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Review of IOP agreements" in html


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed (Debian package `chromium`)")
def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    report, png = tmp_path / "report.html", tmp_path / "report.png"
    run_cli("check", str(AGREEMENTS), "--format", "html", "-o", str(report))
    data = screenshot(report, png, tmp_path / "profile")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a page with text, not a blank image
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1240, 1754)


def test_sarif_does_not_depend_on_file_order(tmp_path: Path) -> None:
    files = [str(AGREEMENTS / f"{n}.yaml") for n in ("danderyd-kompisbyran-2018", "lund-vanskapens-hus-2021", "lund-im-radrum-2019")]
    one = json.loads(run_cli("check", *files, "--format", "sarif").out)["runs"][0]["tool"]["driver"]["rules"]
    other = json.loads(run_cli("check", *reversed(files), "--format", "sarif").out)["runs"][0]["tool"]["driver"]["rules"]
    assert one == other
    by_id = {r["id"]: r for r in one}
    assert by_id["IOP-PARTY-02"]["defaultConfiguration"]["level"] == "error"  # the rule's, not a result's warning


NASTY = """id: nasty
parties:
  - {id: f, role: idea_based, name: "Bell\\a </details> <b>*x*</b>"}
period:
  start: 2019-01-01
  end: 2019-06-30
  source: |
    Första raden.
    </details> andra raden
"""


def test_agreement_text_cannot_break_markdown_or_junit(tmp_path: Path) -> None:
    path = tmp_path / "nasty.yaml"
    path.write_text(NASTY, encoding="utf-8")
    md = run_cli("check", str(path), "--format", "markdown").out
    assert md.count("<details>") == md.count("</details>")
    assert "&lt;/details&gt; andra raden" in md and "<b>" not in md
    junit = tmp_path / "junit.xml"
    junit.write_text(run_cli("check", str(path), "--format", "junit").out, encoding="utf-8")
    suite = next(iter(junitparser.JUnitXml.fromfile(str(junit))))
    names = [c.name for c in suite]
    assert "IOP-PARTY-02" in names and all(" " not in n for n in names)
