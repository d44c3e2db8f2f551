"""The portfolio page of an audit: summary, failing rules, and a timeline.

Drawn as inline SVG so the HTML report stays one self-contained file a
committee can open, print or archive.
"""
from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any
from urllib.parse import quote

from ..results import AgreementReport

WORDS: dict[str, dict[str, Any]] = {
    "sv": {"portfolio": "Portfölj", "agreements": "Överenskommelser", "errors": "Filer med fel",
           "failing": "Underkända regler per regel", "timeline": "Tidslinje", "as_of": "per",
           "authority": "Myndighet", "count": "Antal", "fail": "underkända", "unknown": "okända",
           "waived": "undantag", "pass": "uppfyllda", "not_applicable": "ej tillämpliga", "overdue": "Försenat",
           "kinds": {"report": "rapport", "review": "översyn", "end": "slut"},
           "severities": {"error": "fel", "warning": "varningar", "info": "information"},
           "by_verdict": "Resultat per bedömning", "by_severity": "Underkända regler per allvarlighetsgrad",
           "upcoming": "Kommande tidsfrister", "cash": "Kontant finansiering per organisation och år",
           "organisation": "Organisation", "overlaps": "Överlappande överenskommelser",
           "overlap_from": "från", "overlap_until": "till", "duplicates": "Samma id i flera filer", "none": "Inga."},
    "en": {"portfolio": "Portfolio", "agreements": "Agreements", "errors": "Files with errors",
           "failing": "Failing results per rule", "timeline": "Timeline", "as_of": "as of",
           "authority": "Authority", "count": "Count", "fail": "failing", "unknown": "unknown",
           "waived": "waived", "pass": "passed", "not_applicable": "not applicable", "overdue": "Overdue",
           "kinds": {"report": "report", "review": "review", "end": "end"},
           "severities": {"error": "errors", "warning": "warnings", "info": "information"},
           "by_verdict": "Results per verdict", "by_severity": "Failing rules per severity",
           "upcoming": "Upcoming deadlines", "cash": "Cash funding per organisation and year",
           "organisation": "Organisation", "overlaps": "Overlapping agreements",
           "overlap_from": "from", "overlap_until": "until", "duplicates": "One id in several files", "none": "None."},
}
ROW, LEFT, WIDTH = 18, 190, 700


def timeline_row(report: AgreementReport) -> dict[str, Any]:
    """The little a timeline needs from one agreement."""
    s = report.summary
    return {"id": report.id, "start": s.start, "end": s.end, "deadlines": [d.as_dict() for d in s.deadlines]}


def _x(day: str, lo: dt.date, span: int) -> float:
    return LEFT + (dt.date.fromisoformat(day) - lo).days / span * (WIDTH - LEFT - 10)


def timeline_svg(rows: list[dict[str, Any]], as_of: str | None) -> str:
    rows = [r for r in rows if r["start"] and r["end"]]
    if not rows:
        return ""
    lo = dt.date(min(dt.date.fromisoformat(r["start"]).year for r in rows), 1, 1)
    hi = dt.date(max(dt.date.fromisoformat(r["end"]).year for r in rows) + 1, 1, 1)
    span = max(1, (hi - lo).days)
    height = ROW * len(rows) + 30
    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" font-size="10" font-family="sans-serif">']
    for year in range(lo.year, hi.year + 1):
        x = _x(f"{year}-01-01", lo, span)
        label = f'<text x="{x + 2:.1f}" y="{height - 3}" fill="#5b6570">{year}</text>' if year < hi.year else ""
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 14}" stroke="#e3e7ec"/>{label}')
    for i, r in enumerate(rows):
        y = i * ROW + 4
        x0, x1 = _x(r["start"], lo, span), _x(r["end"], lo, span)
        parts.append(f'<a href="#{escape(r["id"])}"><text x="4" y="{y + 10}" fill="#1d4e89">{escape(r["id"][:30])}</text></a>'
                     f'<rect class="period" x="{x0:.1f}" y="{y + 2}" width="{max(1.0, x1 - x0):.1f}" height="10" rx="2" fill="#9fb7d6"/>')
        for d in r["deadlines"]:
            if d["kind"] == "end":
                continue
            overdue = bool(as_of and d["date"] < as_of and not d["done"])
            colour = "#b3261e" if overdue else "#1d4e89"
            cls = "deadline overdue" if overdue else "deadline"
            xd = _x(d["date"], lo, span)
            shape = (f'<circle class="{cls}" cx="{xd:.1f}" cy="{y + 7}" r="3.5" fill="{colour}"/>' if d["kind"] == "report" else
                     f'<rect class="{cls}" x="{xd - 3.5:.1f}" y="{y + 3.5}" width="7" height="7" fill="{colour}" '
                     f'transform="rotate(45 {xd:.1f} {y + 7})"/>')
            parts.append(shape)
    if as_of and lo <= dt.date.fromisoformat(as_of) <= hi:
        x = _x(as_of, lo, span)
        parts.append(f'<line class="today" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 14}" stroke="#b3261e" stroke-dasharray="4 3"/>')
    return "".join(parts) + "</svg>"


def rule_chart_svg(failing_by_rule: dict[str, int]) -> str:
    if not failing_by_rule:
        return ""
    top = max(failing_by_rule.values())
    items = sorted(failing_by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    height = ROW * len(items) + 4
    parts = [f'<svg class="rule-chart" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" font-size="10" font-family="sans-serif">']
    for i, (rule, n) in enumerate(items):
        y = i * ROW + 2
        w = n / top * (WIDTH - 180)
        parts.append(f'<text x="4" y="{y + 11}">{escape(rule)}</text><rect x="130" y="{y + 2}" width="{w:.1f}" '
                     f'height="11" fill="#c77700"/><text x="{134 + w:.1f}" y="{y + 11}">{n}</text>')
    return "".join(parts) + "</svg>"


def _rows(rows: list[str]) -> str:
    return "".join(rows)


def _deadline_items(entries: list[dict[str, Any]], w: dict[str, Any]) -> str:
    return "".join(f'<li><a href="#{quote(str(d["agreement"]), safe="-_.~")}">{escape(str(d["agreement"]))}</a>: '
                   f'{escape(w["kinds"].get(d["kind"], d["kind"]))} {escape(str(d["date"]))}'
                   + (f' — {escape(str(d["description"]))}' if d.get("description") and d["description"] not in w["kinds"].values() else "")
                   + "</li>" for d in entries)


def portfolio_section(summary: dict[str, Any], rows: list[dict[str, Any]], lang: str,
                      titles: dict[str, str] | None = None) -> str:
    """The whole portfolio summary, as the JSON has it: counts per verdict and severity, per rule and
    authority, overdue and upcoming deadlines, cash per organisation and year, overlaps, duplicate ids."""
    w = WORDS[lang]
    titles = titles or {}
    th = lambda text: f"<th>{escape(str(text))}</th>"  # noqa: E731
    verdicts = _rows([f"<tr>{th(w.get(k, k))}<td class=\"n\">{v}</td></tr>" for k, v in summary["verdicts"].items()])
    severities = _rows([f"<tr>{th(w['severities'].get(k, k))}<td class=\"n\">{v}</td></tr>"
                        for k, v in summary.get("failing_by_severity", {}).items()])
    rules = _rows([f'<tr><th><span class="id">{escape(rule)}</span> {escape(titles.get(rule, ""))}</th><td class="n">{n}</td></tr>'
                   for rule, n in sorted(summary["failing_by_rule"].items(), key=lambda kv: (-kv[1], kv[0]))])
    authorities = _rows([f"<tr>{th(k)}<td class=\"n\">{v['agreements']}</td><td class=\"n\">{v['failing']}</td></tr>"
                         for k, v in summary["by_authority"].items()])
    as_of = summary.get("as_of")
    overdue = _deadline_items(summary.get("overdue", []), w)
    upcoming = _deadline_items(summary.get("upcoming", []), w)
    cash = summary.get("cash_per_organisation", {})
    years = sorted({y for per in cash.values() for y in per})
    cash_rows = _rows([f"<tr>{th(org)}" + "".join(f'<td class="n">{_kr(per.get(y))}</td>' for y in years) + "</tr>"
                       for org, per in cash.items()])
    overlaps = "".join(f'<li>{escape(str(o["organisation"]))} ({escape(str(o["authority"]))}'
                       + (f', {escape(str(o["body"]))}' if o.get("body") else "") + "): "
                       + ", ".join(f'<a href="#{quote(str(a), safe="-_.~")}">{escape(str(a))}</a>' for a in o["agreements"])
                       + f' {escape(w["overlap_from"])} {escape(str(o["from"]))} {escape(w["overlap_until"])} {escape(str(o["until"]))}</li>'
                       for o in summary.get("overlapping_agreements", []))
    duplicates = "".join(f'<li>{escape(str(d["id"]))}: {escape(", ".join(map(str, d["paths"])))}</li>'
                         for d in summary.get("duplicate_ids", []))
    title = f"{w['portfolio']} {w['as_of']} {as_of}" if as_of else w["portfolio"]
    none = f'<p class="none">{escape(w["none"])}</p>'
    return (f'<section class="portfolio"><h2>{escape(title)}</h2>'
            f'<table class="data"><tr>{th(w["agreements"])}<td class="n">{summary["agreements"]}</td></tr>'
            f'<tr>{th(w["errors"])}<td class="n">{summary["errors"]}</td></tr></table>'
            f'<h3>{escape(w["by_verdict"])}</h3><table class="data">{verdicts}</table>'
            f'<h3>{escape(w["by_severity"])}</h3><table class="data">{severities}</table>'
            f'<h3>{escape(w["authority"])}</h3><table class="data"><thead><tr>{th(w["authority"])}{th(w["agreements"])}'
            f'{th(w["fail"])}</tr></thead>{authorities}</table>'
            f'<h3>{escape(w["overdue"])}</h3>' + (f'<ul class="overdue">{overdue}</ul>' if overdue else none)
            + (f'<h3>{escape(w["upcoming"])}</h3>' + (f'<ul class="upcoming">{upcoming}</ul>' if upcoming else none) if as_of else "")
            + f'<h3>{escape(w["cash"])}</h3>'
            + (f'<table class="data cash"><thead><tr>{th(w["organisation"])}{"".join(th(y) for y in years)}</tr></thead>{cash_rows}</table>'
               if cash_rows else none)
            + f'<h3>{escape(w["overlaps"])}</h3>' + (f'<ul class="overlaps">{overlaps}</ul>' if overlaps else none)
            + (f'<h3>{escape(w["duplicates"])}</h3><ul class="duplicates">{duplicates}</ul>' if duplicates else "")
            + f'<h3>{escape(w["failing"])}</h3>' + (f'<table class="data rules">{rules}</table>' if rules else none)
            + f'{rule_chart_svg(summary["failing_by_rule"])}'
            f'<h3>{escape(w["timeline"])}</h3>{timeline_svg(rows, as_of)}</section>')


def _kr(amount: int | None) -> str:
    return "–" if amount is None else f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"
