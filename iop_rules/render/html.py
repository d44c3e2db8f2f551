"""A self-contained HTML report for a legal reviewer.

One file, no network: the CSS is inline, there is no script, so it can be
mailed, archived with the case, and printed on A4 with no finding cut
across a page.  Every text from an agreement is escaped.
"""
from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from ..results import Result
from ..runner import Run
from . import Outputter
from .portfolio import portfolio_section, timeline_row
from ..verdicts import is_finding
from .review import (LABELS, Review, SummaryRow, arrange, colophon, fix_of, in_force_dates, split_keys, summary_row,
                     verdict_words, waiver_note)

CSS = """
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d232b; margin: 0 auto;
       max-width: 190mm; padding: 10mm 0; }
h1 { font-size: 18pt; margin: 0 0 6mm; border-bottom: 2px solid #1d4e89; padding-bottom: 2mm; }
h2 { font-size: 14pt; margin: 8mm 0 2mm; color: #1d4e89; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
h3.severity.error { color: #b3261e; } h3.severity.warning { color: #8a5300; } h3.severity.info { color: #1d4e89; }
.path { color: #5b6570; font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
.finding .path { display: block; font-size: 8.5pt; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; background: #eef1f4; padding: 0 1mm; border-radius: 2px; }
section.agreement { break-before: page; page-break-before: always; }
svg { max-width: 100%; height: auto; display: block; margin: 2mm 0; }
section.agreement:first-of-type { break-before: auto; page-break-before: auto; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
table.header { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
table.header th { text-align: left; width: 1%; white-space: nowrap; vertical-align: top; color: #5b6570; font-weight: 600;
                  padding: 1mm 6mm 1mm 0; }
table.header td { padding: 1mm 0; border-bottom: 1px solid #e3e7ec; }
.finding { border: 1px solid #d6dbe1; border-left: 5px solid #888; border-radius: 3px; padding: 2.5mm 3.5mm;
           margin: 0 0 3mm; break-inside: avoid; page-break-inside: avoid;
           display: grid; grid-template-columns: 1fr 62mm; gap: 4mm; }
.finding > div:only-child { grid-column: 1 / -1; }
.finding.error { border-left-color: #b3261e; } .finding.warning { border-left-color: #c77700; }
.finding.info { border-left-color: #1d4e89; } .finding.waived { border-left-color: #5f8a3c; }
.finding .id { font-weight: 700; font-family: "DejaVu Sans Mono", monospace; font-size: 9.5pt; }
.finding .title { font-weight: 600; }
.finding p { margin: 1mm 0; }
.finding .label { color: #5b6570; font-size: 8.5pt; text-transform: uppercase; letter-spacing: .04em; margin-top: 2mm; }
.finding .waiver { background: #eef5e9; border-radius: 3px; padding: 1.5mm 2.5mm; }
blockquote { margin: 0; padding: 2mm 3mm; background: #f4f6f8; border-left: 3px solid #c3cbd4; border-radius: 3px;
             font-style: italic; font-size: 9.5pt; }
.badge { display: inline-block; font-size: 8pt; padding: 0 2mm; border-radius: 8px; background: #fdecc8; margin-left: 1mm; }
details { margin: 2mm 0; break-inside: avoid; } details + details { break-before: avoid; page-break-before: avoid; }
summary { cursor: pointer; font-weight: 600; color: #1d4e89; }
details ul { padding-left: 5mm; font-size: 9.5pt; } details li { margin: .5mm 0; break-inside: avoid; } .none { color: #5f8a3c; }
.verdict { display: inline-block; font-size: 8.5pt; font-weight: 600; padding: 0 2mm; border-radius: 8px;
           background: #f4f6f8; margin-right: 1mm; }
.verdict.fail { background: #fbe4e2; } .verdict.unknown { background: #fdecc8; } .verdict.waived { background: #eef5e9; }
.hint { color: #5b6570; font-size: 8pt; margin: 0; } .hint code, code.key { font-size: 8pt; }
.fix { background: #f0f5fb; border-radius: 3px; padding: 1.5mm 2.5mm; }
table.overview { font-size: 9pt; margin: 2mm 0 4mm; }
table.overview th { text-align: left; border-bottom: 2px solid #c3cbd4; padding: 1mm 2mm 1mm 0; vertical-align: bottom; }
table.overview td { border-bottom: 1px solid #e3e7ec; padding: 1mm 2mm 1mm 0; vertical-align: top; }
table.overview td.count { text-align: right; }
table.overview .id { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; font-weight: 700; }
table.data { font-size: 9pt; margin: 1mm 0 3mm; } table.data th, table.data td { text-align: left; padding: .5mm 3mm .5mm 0;
             border-bottom: 1px solid #e3e7ec; } table.data td.n { text-align: right; }
@media print { body { padding: 0; max-width: none; } summary { list-style: none; } }
"""


def _finding(r: Result, lang: str, css_class: str) -> str:
    words = LABELS[lang]
    verdict = f'<span class="verdict {escape(r.verdict)}">{escape(verdict_words(r, lang))}</span>'
    quote = (f'<p class="label">{escape(words["quote"])}</p><blockquote>{escape(r.source)}</blockquote>'
             if r.source else "")
    extra = f'<p class="waiver">{escape(waiver_note(r, lang))}</p>' if r.waiver else ""
    message, keys = split_keys(r.message[lang])
    remedy, remedy_keys = split_keys(r.remediation[lang])  # the file's keys a remedy names, in small type after it
    remedy_hint = f' <span class="hint">[{escape(", ".join(remedy_keys))}]</span>' if remedy_keys else ""
    hint = (f'<p class="hint">{escape(words["fields"])}: ' + ", ".join(f"<code>{escape(k)}</code>" for k in keys)
            + "</p>") if keys else ""
    fix = fix_of(r, lang) if is_finding(r.verdict) else None
    proposal = (f'<p class="label">{escape(words["fix"])}</p><p class="fix">{escape(fix)}</p>' if fix else "")
    return (f'<div class="finding {css_class}" data-rule="{escape(r.rule)}"><div>'
            f'<p>{verdict} <span class="id">{escape(r.rule)}</span> <span class="title">{escape(r.title[lang])}</span>'
            f' <span class="path">{escape(r.path)}:{r.line}</span></p>'
            f'<p class="message">{_code(message)}</p>{hint}{extra}'
            f'<p class="label">{escape(words["citation"])}</p><p class="citation">{escape(r.citation)}</p>'
            f'<p class="label">{escape(words["remediation"])}</p><p class="remediation">{_code(remedy)}{remedy_hint}</p>'
            f'{proposal}</div>{f"<div>{quote}</div>" if quote else ""}</div>')


def _code(text: str) -> str:
    """Escape, then show `key` (a YAML key the text names for the file's author) as a small code hint."""
    return re.sub(r"`([^`<>]+)`", r'<code class="key">\1</code>', escape(text))


def _anchor(agreement_id: str) -> str:
    """A fragment link to an agreement's section: always `#…`, never a scheme (`javascript:` stays a fragment)."""
    return "#" + quote(agreement_id, safe="-_.~")


def _folded(title: str, results: list[Result], lang: str) -> str:
    if not results:
        return ""
    items = "".join(f"<li><b>{escape(r.rule)}</b> {escape(r.title[lang])} — {_code(split_keys(r.message[lang])[0])}</li>"
                    for r in results)
    return f"<details><summary>{escape(title)} ({len(results)})</summary><ul>{items}</ul></details>"


def _table(rows: list[tuple[str, str]], css: str = "header") -> str:
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="{css}">{body}</table>'


def _overview(rows: list[SummaryRow], lang: str) -> str:
    """The first page of a several-agreement report: one row per agreement."""
    words = LABELS[lang]
    counts = words["counts"]
    head = "".join(f"<th>{escape(x)}</th>" for x in (words["agreement"], words["verdict"], counts["error"],
                                                       counts["warning"], counts["info"], counts["unknown"],
                                                       words["error_rules"]))
    body = []
    for row in rows:
        name = escape(row.title or row.id)
        rules = "; ".join(f'<span class="id">{escape(rule)}</span> {escape(title)}' for rule, title in row.error_rules)
        cells = "".join(f'<td class="count">{row.counts[k]}</td>' for k in ("error", "warning", "info", "unknown"))
        body.append(f'<tr data-agreement="{escape(row.id)}"><td><a href="{escape(_anchor(row.id))}">{name}</a>'
                    f'<br><span class="path">{escape(row.id)}</span></td><td>{escape(row.verdict)}</td>{cells}'
                    f'<td>{rules or "–"}</td></tr>')
    return (f'<section class="overview"><h2>{escape(words["overview"])}</h2><table class="overview">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></section>")


class HtmlOutputter(Outputter):
    def render(self, run: Run) -> str:
        words = LABELS[self.lang]
        sections, rows, timeline = [], [], []
        in_force: dict[str, str | None] = {}
        titles: dict[str, str] = {}
        for report in run.agreements:  # read once: an audit streams its reports from a spool
            timeline.append(timeline_row(report))
            for r in report.results:
                titles.setdefault(r.rule, r.title.get(self.lang, ""))
            review = arrange(report, self.lang)
            rows.append(summary_row(review, self.lang))
            for rid, day in in_force_dates(report).items():
                in_force.setdefault(rid, day)
            sections.append(self._agreement(review))
        body = [f"<h1>{escape(words['title'])}</h1>",
                f'<section class="colophon">{_table(colophon(run, in_force, self.lang), "header colophon")}</section>']
        if len(rows) > 1:
            body.append(_overview(rows, self.lang))
        if run.portfolio is not None:  # an audit: the portfolio page comes before the agreements
            body.append(portfolio_section(run.portfolio.summary(), timeline, self.lang, titles))
        body += sections
        if run.errors:
            items = "".join(f"<li><code>{escape(str(e))}</code></li>" for e in run.errors)
            body.append(f'<section class="errors"><h2>{escape(words["errors"])}</h2><ul>{items}</ul></section>')
        return (f'<!DOCTYPE html>\n<html lang="{self.lang}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{escape(words['title'])}</title><style>{CSS}</style></head>\n<body>\n"
                + "\n".join(body) + "\n</body></html>\n")

    def _agreement(self, review: Review) -> str:
        words, lang, r = LABELS[self.lang], self.lang, review.report
        parts = [f'<section class="agreement" id="{escape(r.id)}"><h2>{escape(r.id)}</h2>',
                 f'<p class="path">{escape(r.path)}</p>{_table(review.header)}',
                 f"<h3>{escape(words['findings'])}</h3>"]
        if not review.findings:
            parts.append(f'<p class="none">{escape(words["none"])}</p>')
        for severity, results in review.findings:
            parts.append(f'<h3 class="severity {severity}">{escape(words[severity])} ({len(results)})</h3>')
            parts += [_finding(x, lang, severity) for x in results]
        if review.waived:
            parts.append(f"<h3>{escape(words['waived'])}</h3>")
            parts += [_finding(x, lang, "waived") for x in review.waived]
        parts.append(_folded(words["passed"], review.passed, lang))
        parts.append(_folded(words["not_applicable"], review.not_applicable, lang))
        return "".join(parts) + "</section>"
