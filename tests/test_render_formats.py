"""Every output format on the five agreements, verified the way its consumer reads it."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import junitparser
import pytest

from tests.conftest import AGREEMENTS, DATA, ROOT, run_cli, screenshot
from tests.samples import local_ruleset


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
    path.write_text(_render("junit", "--fail-on", "info"), encoding="utf-8")  # every finding fails the run
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


# ---- github, gitlab, SARIF paths (issue 17) ---------------------------------------------------

_WORKFLOW_COMMAND = re.compile(r"^::(?P<command>[a-z-]+)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return _unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """GitHub's documented form `::command key=value,key=value::message`, unescaped as the runner does."""
    match = _WORKFLOW_COMMAND.match(line)
    assert match, f"not a workflow command: {line!r}"
    properties: dict[str, str] = {}
    for pair in (match["properties"] or "").split(",") if match["properties"] else []:
        key, equals, value = pair.partition("=")
        assert equals and key in ("file", "line", "endLine", "col", "endColumn", "title"), pair
        properties[key] = _unescape_property(value)
    return match["command"], properties, _unescape_data(match["message"])


def test_github_annotations_parse_one_per_finding(verdicts: dict) -> None:
    lines = _render("github").splitlines()
    parsed = [parse_workflow_command(line) for line in lines]
    level = {"error": "error", "warning": "warning", "info": "notice"}
    expected = {(f"agreements/{Path(r['path']).name}", r["line"], rule, level[r["severity"]])
                for (_, rule), r in verdicts.items() if r["verdict"] in ("fail", "unknown")}
    got = {(p["file"], int(p["line"]), p["title"].split()[0], command) for command, p, _ in parsed}
    assert got == expected and len(parsed) == len(expected)
    for _, p, message in parsed:
        assert p["title"].split()[0].startswith(("IOP-", "LUND-")) and len(p["title"].split()) > 1
        assert message.endswith("]") and "Kan inte avgöras: Kan inte avgöras" not in message


GITHUB_RULESET = local_ruleset("TEST-PCT-01", '{sv: "Rubrik: med kolon, och komma", en: "Title: with colon, and comma"}',
                                '{sv: "100 % fel\\r\\nrad två, med \\x1b[31mfärg", en: "100 % wrong"}')


def test_github_escapes_what_the_syntax_reserves(tmp_path: Path) -> None:
    (tmp_path / "rulesets").mkdir()
    (tmp_path / "rulesets" / "t.yaml").write_text(GITHUB_RULESET, encoding="utf-8")
    (tmp_path / "a,b:c%.yaml").write_text("id: t\ndecision: {authority: Testkommun, date: 2024-03-01}\n", encoding="utf-8")
    run = run_cli("check", "a,b:c%.yaml", "--rulesets-dir", "rulesets", "--format", "github", cwd=tmp_path)
    assert all("\r" not in line and "\x1b" not in line for line in run.out.split("\n"))
    parsed = [parse_workflow_command(line) for line in run.out.splitlines()]
    (command, props, message), = [p for p in parsed if p[1]["title"].startswith("TEST-PCT-01")]
    assert command == "warning" and props["file"] == "a,b:c%.yaml" and props["line"] == "1"
    assert props["title"] == "TEST-PCT-01 Rubrik: med kolon, och komma"
    assert message == "100 % fel\r\nrad två, med \\e[31mfärg [Riktlinje 1 §]"


def test_github_reports_unreadable_files_as_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: x\nperiod: {start: 2019-02-30}\n", encoding="utf-8")
    run = run_cli("check", "bad.yaml", "--format", "github", cwd=tmp_path)
    (command, props, message), = [parse_workflow_command(line) for line in run.out.splitlines()]
    assert run.code == 2 and command == "error" and props["file"] == "bad.yaml" and props["line"] == "2"
    assert "2019-02-30" in message


def test_gitlab_code_quality_has_the_documented_fields(verdicts: dict) -> None:
    issues = json.loads(_render("gitlab"))
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"] in issue["description"]
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert (ROOT / issue["location"]["path"]).is_file() and not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    expected = {(f"agreements/{Path(r['path']).name}", rule, r["line"])
                for (_, rule), r in verdicts.items() if r["verdict"] in ("fail", "unknown")}
    assert {(i["location"]["path"], i["check_name"], i["location"]["lines"]["begin"]) for i in issues} == expected
    again = json.loads(_render("gitlab"))
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]  # stable between runs


def test_sarif_paths_are_relative_to_the_repository_root_from_a_subdirectory() -> None:
    from_root = json.loads(run_cli("check", "agreements", "--format", "sarif").out)["runs"][0]["results"]
    from_sub = json.loads(run_cli("check", ".", "--format", "sarif", cwd=AGREEMENTS).out)["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in from_sub]
    assert uris == [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in from_root]
    assert all(u.startswith("agreements/") for u in uris)
    rooted = json.loads(run_cli("check", ".", "--format", "sarif", "--sarif-root", ".", cwd=AGREEMENTS).out)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].split("/")[0]
            for r in rooted["runs"][0]["results"]} <= {p.name for p in AGREEMENTS.glob("*.yaml")}


def test_sarif_unknown_messages_say_it_once() -> None:
    doc = json.loads(_render("sarif"))
    unknown = [r["message"]["text"] for r in doc["runs"][0]["results"] if r["properties"]["verdict"] == "unknown"]
    assert unknown and all(m.startswith("Kan inte avgöras") for m in unknown)
    assert not any("Kan inte avgöras: Kan inte avgöras" in m for m in unknown)
