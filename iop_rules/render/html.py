"""A self-contained HTML report for a legal reviewer.

One file, no network: the CSS is inline, there is no script, so it can be
mailed, archived with the case, and printed on A4 with no finding cut
across a page.  Every text from an agreement is escaped.
"""
from __future__ import annotations

import re
from html import escape
from typing import Any

from ..results import Result
from ..runner import Run
from . import Outputter
from .portfolio import portfolio_section, timeline_row
from .review import LABELS, Review, arrange, waiver_note

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
@media print { body { padding: 0; max-width: none; } summary { list-style: none; } }
"""


def _finding(r: Result, lang: str, css_class: str) -> str:
    words = LABELS[lang]
    badge = f'<span class="badge">{escape(words["unknown"])}</span>' if r.verdict == "unknown" else ""
    quote = (f'<p class="label">{escape(words["quote"])}</p><blockquote>{escape(r.source)}</blockquote>'
             if r.source else "")
    extra = f'<p class="waiver">{escape(waiver_note(r, lang))}</p>' if r.waiver else ""
    return (f'<div class="finding {css_class}" data-rule="{escape(r.rule)}"><div>'
            f'<p><span class="id">{escape(r.rule)}</span> <span class="title">{escape(r.title[lang])}</span>{badge}'
            f' <span class="path">{escape(r.path)}:{r.line}</span></p>'
            f'<p class="message">{escape(r.message[lang])}</p>{extra}'
            f'<p class="label">{escape(words["citation"])}</p><p class="citation">{escape(r.citation)}</p>'
            f'<p class="label">{escape(words["remediation"])}</p><p class="remediation">{_code(r.remediation[lang])}</p>'
            f'</div>{f"<div>{quote}</div>" if quote else ""}</div>')


def _code(text: str) -> str:
    """Escape, then show `key` (a YAML key the remedy names) as code."""
    return re.sub(r"`([^`<>]+)`", r"<code>\1</code>", escape(text))


def _folded(title: str, results: list[Result], lang: str) -> str:
    if not results:
        return ""
    items = "".join(f"<li><b>{escape(r.rule)}</b> {escape(r.title[lang])} — {escape(r.message[lang])}</li>"
                    for r in results)
    return f"<details><summary>{escape(title)} ({len(results)})</summary><ul>{items}</ul></details>"


class HtmlOutputter(Outputter):
    def render(self, run: Run) -> str:
        words = LABELS[self.lang]
        body = [f"<h1>{escape(words['title'])}</h1>"]
        rows = []
        for report in run.agreements:
            rows.append(timeline_row(report))
            body.append(self._agreement(arrange(report, self.lang)))
        if run.portfolio is not None:  # an audit: the portfolio page comes first
            body.insert(1, portfolio_section(run.portfolio.summary(), rows, self.lang))
        if run.errors:
            items = "".join(f"<li><code>{escape(str(e))}</code></li>" for e in run.errors)
            body.append(f'<section class="errors"><h2>{escape(words["errors"])}</h2><ul>{items}</ul></section>')
        return (f'<!DOCTYPE html>\n<html lang="{self.lang}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{escape(words['title'])}</title><style>{CSS}</style></head>\n<body>\n"
                + "\n".join(body) + "\n</body></html>\n")

    def _agreement(self, review: Review) -> str:
        words, lang, r = LABELS[self.lang], self.lang, review.report
        rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in review.header)
        parts = [f'<section class="agreement" id="{escape(r.id)}"><h2>{escape(r.id)}</h2>',
                 f'<p class="path">{escape(r.path)}</p><table class="header">{rows}</table>',
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
