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
    expires: 2021-06-30
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
        assert list(header) == ["Parter", "Period", "Längd", "Kontant finansiering", "Regelverk"]
        for party in doc.get("parties", []):
            assert party["name"] in header["Parter"]
        if doc.get("period"):
            assert header["Period"] == f"{doc['period']['start']} – {doc['period']['end']}"
        assert header["Längd"].endswith("månader") and header["Kontant finansiering"].endswith(" kr")
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
            assert div.find("p", "message").text() == " ".join(r["message"].split())
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
                  "2021-06-30"):
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
    assert header == ["Parties", "Period", "Duration", "Cash funding", "Rulesets"]
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
        assert div.find("p", "message").text() == " ".join(by_rule[div.attrs["data-rule"]]["message"].split())
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
