"""The HTML report for a legal reviewer, read back as a browser and a reader would.

The structure is checked with the standard library's HTML parser against
the JSON output of the same run (the oracle for every verdict, message,
citation, remedy and quote); the rendering itself in headless Chromium,
both on screen (a PNG) and printed (A4 pages), where a browser is installed.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from iop_rules.render.review import split_keys
from tests.conftest import AGREEMENTS, run_cli, screenshot

SEVERITIES = ("error", "warning", "info")
FINDINGS = ("fail", "unknown")
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base"}

# One error (IOP-FIN-02: the idea-based party contributes nothing) is waived; the rest stays.
WAIVED = """\
id: waived
document: {kind: agreement, status: draft, date: 2019-06-10}
parties:
  - {id: kommun, role: public, name: Kommunen, org_number: "212000-2528", source: "Offentlig part: Kommunen"}
  - {id: forening, role: idea_based, name: Föreningen, non_profit: true, org_number: "802496-6080"}
period: {start: 2019-07-01, end: 2021-06-30, source: "gäller från 2019-07-01 till 2021-06-30"}
funding:
  - {payer: kommun, kind: cash, amount: 100000, per: period}
waivers:
  - rule: IOP-FIN-02
    reason: Föreningens insats är ideell tid som inte värderats
    approved_by: Socialnämnden
    reference: "SN 2019-06-05 §42"
    expires: 2099-06-30
"""


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    text_parts: list[str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        return " ".join("".join(self._texts()).split())

    def _texts(self) -> list[str]:
        out = list(self.text_parts[:1])
        for i, child in enumerate(self.children):
            out += child._texts()
            out += self.text_parts[i + 1:i + 2]
        return out

    def walk(self) -> list[Node]:
        return [self, *(n for c in self.children for n in c.walk())]

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.walk() if n.tag == tag and (cls is None or cls in n.classes)]

    def find(self, tag: str, cls: str | None = None) -> Node | None:
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def inside(self, tag: str) -> bool:
        node = self.parent
        while node is not None:
            if node.tag == tag:
                return True
            node = node.parent
        return False


class Tree(HTMLParser):
    """A small DOM: enough to ask which element holds which text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self._current = Node("#document", {}, text_parts=[""])
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        node = Node(tag, a, parent=self._current, text_parts=[""])
        self._current.children.append(node)
        self._current.text_parts.append("")
        if tag not in VOID:
            self._current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self._current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self._current = node.parent

    def handle_data(self, data: str) -> None:
        self._current.text_parts[-1] += data


def _render(path: Path, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "report.html"
    run = run_cli("check", str(path), "--format", "html", "-o", str(out), *extra)
    assert run.code in (0, 1), run.err
    return out.read_text(encoding="utf-8")


def _oracle(path: Path, *extra: str) -> dict[str, dict]:
    data = json.loads(run_cli("check", str(path), "--format", "json", *extra).out)
    return {a["id"]: a for a in data["agreements"]}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five shipped agreements, or a small one where they are not there."""
    if sorted(AGREEMENTS.glob("*.yaml")):
        return AGREEMENTS
    directory = tmp_path_factory.mktemp("agreements")
    (directory / "waived.yaml").write_text(WAIVED, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def report(shipped: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Tree, dict[str, dict]]:
    html = _render(shipped, tmp_path_factory.mktemp("html"))
    return html, Tree(html), _oracle(shipped)


@pytest.fixture
def waived(tmp_path: Path) -> Path:
    path = tmp_path / "waived.yaml"
    path.write_text(WAIVED, encoding="utf-8")
    return path


def _sections(tree: Tree) -> dict[str, Node]:
    return {s.attrs["id"]: s for s in tree.root.find_all("section", "agreement")}


def test_one_section_per_agreement_with_a_header(report: tuple[str, Tree, dict], shipped: Path) -> None:
    _, tree, oracle = report
    sections = _sections(tree)
    assert list(sections) == sorted(oracle)  # path order is id order for the shipped files
    for path in sorted(shipped.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        section = sections[doc["id"]]
        assert section.find("h2") is not None and section.find("h2").text() == doc["id"]
        header = {row.find("th").text(): row.find("td").text() for row in section.find("table", "header").find_all("tr")}
        optional = [k for k in ("Titel", "Handling", "Beslutande", "Beslut") if k in header]
        assert list(header) == [*optional, "Parter", "Period", "Längd", "Kontant finansiering", "Regelverk", "Bedömning"]
        document, decision = doc.get("document") or {}, doc.get("decision") or {}
        if document.get("title"):
            assert header["Titel"] == " ".join(document["title"].split())
        if document.get("kind"):
            assert header["Handling"].startswith({"agreement": "Överenskommelse", "decision_memo": "Tjänsteutlåtande"}[document["kind"]])
            assert {"draft": "utkast", "signed": "undertecknad"}[document.get("status", "draft")] in header["Handling"]
        if decision.get("authority"):
            assert header["Beslutande"].startswith(decision["authority"])
            assert not decision.get("body") or decision["body"] in header["Beslutande"]
        if decision.get("reference"):
            assert f"diarienummer {decision['reference']}" in header["Beslut"]
        if decision.get("date"):
            assert f"beslutsdatum {decision['date']}" in header["Beslut"]
        for party in doc.get("parties", []):
            assert party["name"] in header["Parter"]
        if doc.get("period"):
            assert header["Period"] == f"{doc['period']['start']} – {doc['period']['end']}"
        assert header["Längd"].endswith("månader") and " kr" in header["Kontant finansiering"]
        for ruleset in oracle[doc["id"]]["rulesets"]:
            assert ruleset in header["Regelverk"]
        assert "(" in header["Regelverk"]  # each ruleset with its citation


def test_findings_grouped_by_severity_in_order(report: tuple[str, Tree, dict]) -> None:
    _, tree, oracle = report
    for agreement_id, section in _sections(tree).items():
        groups: dict[str, list[str]] = {}
        current = None
        for node in section.walk():
            if node.tag == "h3" and "severity" in node.classes:
                current = node.classes[-1]
                groups[current] = []
            elif node.tag == "div" and "finding" in node.classes and "waived" not in node.classes:
                assert current is not None and current in node.classes, node.attrs
                groups[current].append(node.attrs["data-rule"])
        assert list(groups) == [s for s in SEVERITIES if s in groups]
        results = oracle[agreement_id]["results"]
        expected = {s: sorted(r["rule"] for r in results if r["verdict"] in FINDINGS and r["severity"] == s)
                    for s in SEVERITIES}
        assert {s: sorted(rules) for s, rules in groups.items()} == {s: v for s, v in expected.items() if v}


def test_each_finding_shows_rule_message_citation_remedy_and_quote(report: tuple[str, Tree, dict]) -> None:
    _, tree, oracle = report
    quotes = 0
    for agreement_id, section in _sections(tree).items():
        by_rule = {r["rule"]: r for r in oracle[agreement_id]["results"]}
        for div in section.find_all("div", "finding"):
            r = by_rule[div.attrs["data-rule"]]
            assert div.find("span", "id").text() == r["rule"]
            assert div.find("span", "title").text() == " ".join(r["title"].split())
            message, keys = split_keys(r["message"])
            assert div.find("p", "message").text() == " ".join(message.replace("`", "").split())
            hint = div.find("p", "hint")
            assert (hint is not None and all(k in hint.text() for k in keys)) if keys else hint is None
            assert div.find("span", "verdict").text() == {"fail": "Underkänd", "unknown": "Kan inte avgöras"}.get(
                r["verdict"], "Undantag beviljat") + " — " + {"error": "fel", "warning": "varning", "info": "upplysning"}[r["severity"]]
            assert div.find("p", "citation").text() == " ".join(r["citation"].split())
            assert div.find("p", "remediation").text() == " ".join(r["remediation"].replace("`", "").split())
            quote = div.find("blockquote")
            if r.get("source"):
                quotes += 1
                assert quote is not None and quote.text() == " ".join(r["source"].split())
            else:
                assert quote is None
    assert quotes > 0


def test_passed_and_not_applicable_rules_are_folded_away(report: tuple[str, Tree, dict]) -> None:
    _, tree, oracle = report
    for agreement_id, section in _sections(tree).items():
        results = oracle[agreement_id]["results"]
        folded = " ".join(d.text() for d in section.find_all("details"))
        summaries = [d.find("summary").text() for d in section.find_all("details")]
        passed = [r["rule"] for r in results if r["verdict"] == "pass"]
        na = [r["rule"] for r in results if r["verdict"] == "not_applicable"]
        assert f"Uppfyllda regler ({len(passed)})" in summaries
        if na:
            assert f"Ej tillämpliga regler ({len(na)})" in summaries
        for rule in passed + na:
            assert rule in folded
        shown = {div.attrs["data-rule"] for div in section.find_all("div", "finding")}
        assert not shown & set(passed + na)
        assert all(not div.inside("details") for div in section.find_all("div", "finding"))


def test_self_contained_and_printable(report: tuple[str, Tree, dict]) -> None:
    html, tree, _ = report
    for tag, attrs in tree.tags:
        assert tag not in ("script", "link", "iframe", "object", "embed", "img"), tag
        for key in ("src", "href", "action", "srcset"):
            assert "http" not in attrs.get(key, ""), (tag, attrs)
            assert not attrs.get(key) or attrs[key].startswith("#"), (tag, attrs)
    style = " ".join(n.text() for n in tree.root.find_all("style"))
    assert "url(" not in style and "@import" not in style and "http" not in style
    assert "@page { size: A4" in style and "break-inside: avoid" in style
    assert tree.root.find("meta") is not None and tree.root.find("meta").attrs.get("charset") == "utf-8"
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html


def test_output_is_deterministic(shipped: Path, tmp_path: Path, report: tuple[str, Tree, dict]) -> None:
    again = _render(shipped, tmp_path)
    assert again == report[0]


def test_agreement_text_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(WAIVED.replace("name: Föreningen", 'name: "<script>alert(1)</script> & <b>Co</b>"')
                    .replace('source: "gäller', 'source: "<img src=x onerror=alert(2)> gäller'), encoding="utf-8")
    html = _render(path, tmp_path)
    assert "<script>" not in html and "<b>Co" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in html
    tree = Tree(html)
    assert not tree.root.find_all("script") and not tree.root.find_all("img")
    assert all(b.text() != "Co" for b in tree.root.find_all("b"))
    header = _sections(tree)["waived"].find("table", "header").text()
    assert "<script>alert(1)</script> & <b>Co</b>" in header  # the reader sees the name as written


def test_waived_finding_shows_who_approved_it(waived: Path, tmp_path: Path) -> None:
    html = _render(waived, tmp_path)
    section = _sections(Tree(html))["waived"]
    (div,) = [d for d in section.find_all("div", "finding") if d.attrs["data-rule"] == "IOP-FIN-02"]
    assert "waived" in div.classes and "error" not in div.classes
    text = div.text()
    for value in ("Socialnämnden", "SN 2019-06-05 §42", "Föreningens insats är ideell tid som inte värderats",
                  "2099-06-30"):
        assert value in text
    headings = [h.text() for h in section.find_all("h3")]
    assert "Beviljade undantag" in headings
    assert headings.index("Beviljade undantag") > max(
        (i for i, h in enumerate(section.find_all("h3")) if "severity" in h.classes), default=-1)


def test_english_labels(waived: Path, tmp_path: Path) -> None:
    html = _render(waived, tmp_path, "--lang", "en")
    tree = Tree(html)
    oracle = _oracle(waived, "--lang", "en")["waived"]
    assert '<html lang="en">' in html and tree.root.find("h1").text() == "Review of IOP agreements"
    section = _sections(tree)["waived"]
    header = [th.text() for th in section.find("table", "header").find_all("th")]
    assert header == ["Document", "Parties", "Period", "Duration", "Cash funding", "Rulesets", "Assessment"]
    labels = {p.text() for p in section.find_all("p", "label")}
    assert {"Basis", "Remedy", "The agreement says"} <= labels
    headings = {h.text().split(" (")[0] for h in section.find_all("h3")}
    assert {"Findings", "Approved waivers"} <= headings and headings & {"Errors", "Warnings", "Information"}
    assert any(s.text().startswith("Rules passed (") for s in section.find_all("summary"))
    for word in ("Parter", "Grund", "Åtgärd", "Uppfyllda regler", "Avvikelser", "Beviljade undantag",
                 "Överenskommelsens text", "månader", "Beviljat av"):
        assert word not in html, word
    by_rule = {r["rule"]: r for r in oracle["results"]}
    for div in section.find_all("div", "finding"):
        message = split_keys(by_rule[div.attrs["data-rule"]]["message"])[0]
        assert div.find("p", "message").text() == " ".join(message.replace("`", "").split())
    assert "Approved by Socialnämnden" in html


CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")


@needs_chromium
def test_renders_in_headless_chromium(shipped: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_render(shipped, tmp_path), encoding="utf-8")
    data = screenshot(page, tmp_path / "report.png", tmp_path / "profile")
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "chromium wrote no screenshot"
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1240, 1754)
    assert len(data) > 50_000  # text on the page, not a blank image


@needs_chromium
def test_prints_on_a4_pages(shipped: Path, tmp_path: Path) -> None:
    page, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    page.write_text(_render(shipped, tmp_path), encoding="utf-8")
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    page.as_uri()], capture_output=True, timeout=120, check=False)
    assert pdf.exists(), "chromium wrote no PDF"
    raw = pdf.read_bytes()
    boxes = [box.decode() for box in re.findall(rb"/MediaBox \[([^\]]*)\]", raw)]
    for box in boxes:  # A4 is 595 x 842 points
        x0, y0, x1, y1 = (float(v) for v in box.split())
        assert (round(x1 - x0), round(y1 - y0)) == (595, 842), box
    agreements = len(list(shipped.glob("*.yaml")))
    assert len(boxes) >= agreements  # every agreement starts on a page of its own


# --- the report fit for a diarium, the overview, the portfolio, and inert agreement text ---------

def _html_of(paths: list[Path], **kw) -> str:  # type: ignore[no-untyped-def]
    from iop_rules.render.html import HtmlOutputter
    from iop_rules.runner import check
    return HtmlOutputter(kw.pop("lang", "sv")).render(check(paths, engine="python", **kw))


def test_colophon_names_dates_tool_and_rulesets_in_force(shipped: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    html = _render(shipped, tmp_path, "--as-of", "2020-01-01")
    colophon = Tree(html).root.find("table", "colophon")
    rows = {row.find("th").text(): row.find("td").text() for row in colophon.find_all("tr")}
    assert rows["Rapportens datum"] == "2026-11-18" and rows["Bedömt per"] == "2020-01-01"
    assert rows["Verktyg"].startswith("iop-rules 0.1.0 (motor: ")
    assert "lund-socialnamnd-2017 (gäller från 2017-08-23)" in rows["Regelverk"] and "iop-core" in rows["Regelverk"]
    without = {row.find("th").text(): row.find("td").text()
               for row in Tree(_render(shipped, tmp_path)).root.find("table", "colophon").find_all("tr")}
    assert without["Bedömt per"].startswith("ej angivet")


def test_danderyd_shows_its_title_and_diary_reference(report: tuple[str, Tree, dict]) -> None:
    _, tree, _ = report
    if "danderyd-kompisbyran-2018" not in _sections(tree):
        pytest.skip("the shipped agreements are not here")
    header = _sections(tree)["danderyd-kompisbyran-2018"].find("table", "header").text()
    assert "SN 2018/0098" in header and "Tjänsteutlåtande" in header and "Kompisbyrån Danderyd" in header


def test_several_agreements_open_with_a_summary_table(report: tuple[str, Tree, dict]) -> None:
    html, tree, oracle = report
    if len(oracle) < 2:
        pytest.skip("one agreement: no summary table")
    overview = tree.root.find("table", "overview")
    assert overview is not None
    assert html.index('class="overview"') < html.index('class="agreement"')  # on the first page, before any agreement
    rows = overview.find_all("tr")[1:]
    assert [r.attrs["data-agreement"] for r in rows] == sorted(oracle)
    for row in rows:
        agreement = oracle[row.attrs["data-agreement"]]
        link = row.find("a")
        assert link.attrs["href"] == "#" + agreement["id"] and agreement["id"] in _sections(tree)
        cells = [td.text() for td in row.find_all("td")]
        results = agreement["results"]
        fails = [r for r in results if r["verdict"] == "fail"]
        assert cells[2:6] == [str(sum(r["severity"] == s for r in fails)) for s in SEVERITIES] + [
            str(sum(r["verdict"] == "unknown" for r in results))]
        errors = sorted(r["rule"] for r in results if r["verdict"] in FINDINGS and r["severity"] == "error")
        assert [s.text() for s in row.find_all("span", "id")] == errors
        assert ("fel" in cells[1]) == any(r["severity"] == "error" for r in fails)


def test_one_agreement_has_no_summary_table(waived: Path, tmp_path: Path) -> None:
    assert Tree(_render(waived, tmp_path)).root.find("table", "overview") is None


def test_verdicts_in_words_a_lawyer_reads(report: tuple[str, Tree, dict]) -> None:
    html, tree, _ = report
    assert not re.search(r"FEL (fel|varning|info)", html)
    words = {s.text() for s in tree.root.find_all("span", "verdict")}
    assert words and words <= {f"{v} — {s}" for v in ("Underkänd", "Kan inte avgöras", "Undantag beviljat")
                               for s in ("fel", "varning", "upplysning")}


def test_findings_within_a_severity_follow_display_order_then_rule(report: tuple[str, Tree, dict]) -> None:
    from iop_rules.rulesets import load_rulesets
    from iop_rules.verdicts import display_order
    leads = {rule.id: bool(getattr(rule.spec, "lead", False)) for rs in load_rulesets().by_id.values() for rule in rs.rules}
    _, tree, oracle = report
    for agreement_id, section in _sections(tree).items():
        by_rule = {r["rule"]: r for r in oracle[agreement_id]["results"]}
        shown = [d.attrs["data-rule"] for d in section.find_all("div", "finding") if "waived" not in d.classes]

        class R:
            def __init__(self, r: dict) -> None:
                self.verdict, self.severity, self.rule = r["verdict"], r["severity"], r["rule"]
                self.lead = bool(r.get("lead", leads.get(r["rule"], False)))
        key = lambda rule: (SEVERITIES.index(by_rule[rule]["severity"]), display_order(R(by_rule[rule])), rule)  # noqa: E731
        assert shown == sorted(shown, key=key)


def test_a_proposed_wording_is_shown_when_the_rule_has_one(waived: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import iop_rules.render.html as html_module
    import iop_rules.render.markdown as md_module
    from iop_rules.render.markdown import MarkdownOutputter
    from iop_rules.runner import check
    fake = lambda r, lang, library=None: f"Modellklausul för {r.rule} (källa: SKR:s mall)"  # noqa: E731
    monkeypatch.setattr(html_module, "fix_of", fake)
    monkeypatch.setattr(md_module, "fix_of", fake)
    tree = Tree(_html_of([waived]))
    fixes = [p.text() for p in tree.root.find_all("p", "fix")]
    findings = [d for d in tree.root.find_all("div", "finding") if "waived" not in d.classes]
    assert len(fixes) == len(findings) > 0 and all(f.startswith("Modellklausul för IOP-") for f in fixes)
    md = MarkdownOutputter("sv").render(check([waived], engine="python"))
    assert md.count("  - Föreslagen lydelse: Modellklausul för ") == len(findings)


def _audit(tmp_path: Path, fmt: str) -> tuple[str, dict]:
    out = tmp_path / f"audit.{fmt}"
    run = run_cli("audit", str(AGREEMENTS), "--as-of", "2019-06-01", "--format", fmt, "-o", str(out), "--jobs", "1")
    assert run.code in (0, 1), run.err
    data = json.loads(run_cli("audit", str(AGREEMENTS), "--as-of", "2019-06-01", "--format", "json", "--jobs", "1").out)
    return out.read_text(encoding="utf-8"), data["summary"]


def test_audit_portfolio_is_complete_in_html(tmp_path: Path) -> None:
    if not sorted(AGREEMENTS.glob("*.yaml")):
        pytest.skip("the shipped agreements are not here")
    html, summary = _audit(tmp_path, "html")
    section = Tree(html).root.find("section", "portfolio")
    pairs = [(row.find("th").text(), [td.text() for td in row.find_all("td")]) for row in section.find_all("tr")
             if row.find("th") is not None]
    for heading in ("Resultat per bedömning", "Underkända regler per allvarlighetsgrad", "Myndighet", "Försenat",
                    "Kommande tidsfrister", "Kontant finansiering per organisation och år",
                    "Överlappande överenskommelser", "Underkända regler per regel"):
        assert heading in [h.text() for h in section.find_all("h3")], heading
    for severity, word in (("error", "fel"), ("warning", "varningar"), ("info", "information")):
        assert (word, [str(summary["failing_by_severity"][severity])]) in pairs
    for rule, n in summary["failing_by_rule"].items():
        assert any(th.startswith(rule + " ") and tds == [str(n)] for th, tds in pairs), rule
    for authority, counts in summary["by_authority"].items():
        assert (authority, [str(counts["agreements"]), str(counts["failing"])]) in pairs
    upcoming = section.find("ul", "upcoming").find_all("li")
    assert len(upcoming) == len(summary["upcoming"])
    assert len(section.find("ul", "overdue").find_all("li")) == len(summary["overdue"])
    for org, per_year in summary["cash_per_organisation"].items():
        row = next(r for r in section.find("table", "cash").find_all("tr") if r.find("th").text() == org)
        for amount in per_year.values():
            assert f"{amount:,}".replace(",", " ") + " kr" in " ".join(row.text().split())
    assert html.index('class="overview"') < html.index('class="portfolio"') < html.index('class="agreement"')


def test_audit_portfolio_is_complete_in_markdown(tmp_path: Path) -> None:
    if not sorted(AGREEMENTS.glob("*.yaml")):
        pytest.skip("the shipped agreements are not here")
    md, summary = _audit(tmp_path, "markdown")
    assert "## Portfölj per 2019-06-01" in md
    for heading in ("Resultat per bedömning", "Underkända regler per allvarlighetsgrad", "Myndighet", "Försenat",
                    "Kommande tidsfrister", "Kontant finansiering per organisation och år",
                    "Överlappande överenskommelser", "Underkända regler per regel"):
        assert f"### {heading}\n" in md, heading
    assert f"| varningar | {summary['failing_by_severity']['warning']} |" in md
    for rule, n in summary["failing_by_rule"].items():
        assert re.search(rf"\| \*\*{re.escape(rule).replace('-', '-')}\*\* .* \| {n} \|", md.replace("\\-", "-")), rule
    block = md.split("### Kommande tidsfrister\n\n")[1].split("\n\n")[0]
    assert len(block.splitlines()) == len(summary["upcoming"])
    for org in summary["cash_per_organisation"]:
        assert any(line.startswith("| ") and org.replace("!", "") in line.replace("\\", "") for line in md.splitlines())
    assert md.index("**Sammanställning**") < md.index("## Portfölj") < md.index("\n## danderyd")


HOSTILE = "[klicka](javascript:alert(1)) ![](http://evil.example/x.png) <img src=x onerror=alert(2)> <b>fet</b> `kod` *em* | pipe"


def _hostile(tmp_path: Path, name: str = "hostile.yaml") -> Path:
    directory = tmp_path / "a`b [x](javascript:y)"
    directory.mkdir()
    path = directory / name
    path.write_text(WAIVED.replace("name: Föreningen", f"name: {json.dumps(HOSTILE)}")
                    .replace('source: "gäller', f'source: "{HOSTILE.replace(chr(34), "")} gäller'), encoding="utf-8")
    return path


def test_html_makes_links_images_and_markup_in_agreement_text_and_file_names_inert(tmp_path: Path) -> None:
    path = _hostile(tmp_path)
    html = _render(path, tmp_path)
    tree = Tree(html)
    assert not tree.root.find_all("img") and not tree.root.find_all("script")
    assert all(b.text() != "fet" for b in tree.root.find_all("b"))
    for tag, attrs in tree.tags:
        for key in ("href", "src"):
            assert not attrs.get(key) or attrs[key].startswith("#"), (tag, attrs)
    assert "javascript:alert(1)" in tree.root.text()  # shown as text, as written
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def _code_spans(line: str) -> list[str]:
    """CommonMark code spans of a line: a run of n backticks up to the next run of exactly n."""
    spans, i = [], 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line):
            i += 2
            continue
        if line[i] == "`":
            n = len(line[i:]) - len(line[i:].lstrip("`"))
            m = re.compile(rf"(?<!`)`{{{n}}}(?!`)").search(line, i + n)
            if m:
                content = line[i + n:m.start()]
                spans.append(content[1:-1] if content.startswith(" ") and content.endswith(" ") and content.strip() else content)
                i = m.end()
                continue
            i += n
            continue
        i += 1
    return spans


def _outside_code(line: str) -> str:
    for span in _code_spans(line):
        line = line.replace(span, "")
    return line


def test_markdown_makes_links_images_and_markup_inert(tmp_path: Path) -> None:
    path = _hostile(tmp_path)
    md = run_cli("check", str(path), "--format", "markdown", "--exit-zero").out
    for line in md.splitlines():
        plain = re.sub(r"\\.", "", _outside_code(line))  # what a renderer reads as syntax: unescaped characters
        assert "](" not in plain.replace("](#", "") and "![" not in plain, line
        assert not re.search(r"<(?!/?(details|summary|sub)\b)[a-z/]", plain), line
        assert not re.search(r"(?<![*])\*em\*", plain) and "`kod`" not in plain, line
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert len({re.sub(r"\\.", "", r).count("|") for r in rows if r.count("|") and "---" not in r}) <= 2


def test_markdown_file_name_with_a_backtick_stays_in_one_code_span(tmp_path: Path) -> None:
    path = _hostile(tmp_path)
    md = run_cli("check", str(path), "--format", "markdown", "--exit-zero").out
    shown = [span for line in md.splitlines() for span in _code_spans(line)]
    assert str(path) in shown
    assert any(s.startswith(str(path) + ":") for s in shown)


def test_markdown_escapes_render_inert_in_a_commonmark_parser(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = run_cli("check", str(_hostile(tmp_path)), "--format", "markdown", "--exit-zero").out
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    tree = Tree(html)
    assert not tree.root.find_all("img") and not tree.root.find_all("script")
    assert all(b.text() != "fet" for b in tree.root.find_all("b"))
    assert all(a.attrs.get("href", "").startswith("#") for a in tree.root.find_all("a"))


def test_a_failing_public_contract_rule_comes_first_in_html_and_markdown() -> None:
    import dataclasses
    from iop_rules.render.html import HtmlOutputter
    from iop_rules.render.markdown import MarkdownOutputter
    from iop_rules.runner import Run, check
    if not (AGREEMENTS / "ostersund-hej-framling-2019.yaml").exists():
        pytest.skip("the shipped agreements are not here")
    report = check([AGREEMENTS / "ostersund-hej-framling-2019.yaml"], engine="python").agreements[0]
    template = next(r for r in report.results if r.verdict == "fail" and r.severity == "error")
    changes = {"lead": True} if "lead" in {f.name for f in dataclasses.fields(template)} else {}
    lou = dataclasses.replace(template, rule="IOP-LOU-01", title={"sv": "Sannolikt ett offentligt kontrakt som ska upphandlas",
                                                                  "en": "Probably a public contract"}, **changes)
    others = tuple(r for r in report.results if r.rule != "IOP-LOU-01")
    flagged = dataclasses.replace(report, results=tuple(sorted((*others, lou), key=lambda r: r.rule)))
    if not changes:
        pytest.skip("results carry no `lead` yet")
    html = HtmlOutputter("sv").render(Run("python", [flagged]))
    tree = Tree(html)
    assert tree.root.find("div", "finding").attrs["data-rule"] == "IOP-LOU-01"
    assert "sannolikt ett offentligt kontrakt" in tree.root.find("section", "agreement").find("table", "header").text()
    md = MarkdownOutputter("sv").render(Run("python", [flagged]))
    first = next(line for line in md.splitlines() if line.startswith("- **"))
    assert first.startswith("- **IOP\\-LOU\\-01**") or first.startswith("- **IOP-LOU-01**"), first
