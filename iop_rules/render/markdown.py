"""Markdown, for a memo (tjänsteutlåtande) or a pull-request comment.

The same content as the HTML report; passed and not-applicable rules
fold into <details>, which GitHub, GitLab and most editors render.

Every text from an agreement or a file name is inert: no raw HTML (a stray `</details>` would end
a fold), no link or image (`[x](javascript:…)`, `![](http://…)`), no emphasis, no table cell
break, and a file name shown as code can hold backticks without closing its code span.
"""
from __future__ import annotations

import re

from ..results import Result
from ..runner import Run
from . import Outputter
from .portfolio import WORDS as PORTFOLIO_WORDS
from .review import (LABELS, Review, SummaryRow, arrange, colophon, fix_of, in_force_dates, split_keys, summary_row,
                     verdict_words, waiver_note)
from ..verdicts import is_finding

#: Characters with a meaning anywhere in CommonMark or GFM inline text, escaped with a backslash
#: (`&`, `<` and `>` become entities instead: raw HTML must not start, whatever the renderer).
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
#: What starts a block at the beginning of a line (a heading, a list, a quote, a rule).
_BLOCK_START = re.compile(r"^(?:[#+\-=]|\d{1,9}(?=[.)]))")


def _text(text: str) -> str:
    """Agreement text as inert Markdown on one line: no HTML, link, image, emphasis, code or cell break."""
    flat = " ".join(text.split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _SPECIAL.sub(r"\\\1", flat)
    return _BLOCK_START.sub(lambda m: "\\" + m.group(0) if not m.group(0).isdigit() else m.group(0) + "\\", flat, count=1)


def _cell(text: str) -> str:
    """Table cells: pipes are already escaped by `_text`."""
    return _text(text)


def _code_span(text: str) -> str:
    """`text` as one code span, whatever backticks it holds: the fence is longer than any run inside."""
    flat = " ".join(text.split())
    longest = max((len(m) for m in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or (flat.startswith(" ") and flat.strip()) else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _message(text: str) -> str:
    """A rule's message: agreement values inside are escaped; `key`s the rule names stay code."""
    parts = re.split(r"`([^`\n]+)`", text)
    return "".join(_code_span(p) if i % 2 else _text(p) if p.strip() else (" " if p else "")
                   for i, p in enumerate(parts))


def _kr(amount: int | None) -> str:
    return "–" if amount is None else f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def _anchor(agreement_id: str) -> str:
    """The heading anchor GitHub makes of an agreement's `## id` heading."""
    return "#" + re.sub(r"[^\w\- ]", "", agreement_id.lower()).replace(" ", "-")


class MarkdownOutputter(Outputter):
    def render(self, run: Run) -> str:
        words = LABELS[self.lang]
        sections: list[str] = []
        rows: list[SummaryRow] = []
        in_force: dict[str, str | None] = {}
        titles: dict[str, str] = {}
        for report in run.agreements:  # read once: an audit streams its reports
            review = arrange(report, self.lang)
            for r in report.results:
                titles.setdefault(r.rule, r.title.get(self.lang, ""))
            rows.append(summary_row(review, self.lang))
            for rid, day in in_force_dates(report).items():
                in_force.setdefault(rid, day)
            sections += self._agreement(review)
        out = [f"# {words['title']}", "", "| | |", "|---|---|"]
        out += [f"| {_cell(k)} | {_cell(v)} |" for k, v in colophon(run, in_force, self.lang)] + [""]
        if len(rows) > 1:
            out += self._overview(rows)
        if run.portfolio is not None:
            out += self._portfolio(run.portfolio.summary(), titles)
        out += sections
        if run.errors:
            out += [f"## {words['errors']}", ""] + [f"- {_text(str(e))}" for e in run.errors] + [""]
        return "\n".join(out).rstrip() + "\n"

    def _portfolio(self, summary: dict, titles: dict[str, str]) -> list[str]:  # type: ignore[type-arg]
        """The audit's portfolio summary, complete: as the JSON has it."""
        w = PORTFOLIO_WORDS[self.lang]
        as_of = summary.get("as_of")
        out = [f"## {w['portfolio']} {w['as_of']} {as_of}" if as_of else f"## {w['portfolio']}", "",
               "| | |", "|---|--:|", f"| {w['agreements']} | {summary['agreements']} |",
               f"| {w['errors']} | {summary['errors']} |", "", f"### {w['by_verdict']}", "", "| | |", "|---|--:|"]
        out += [f"| {w.get(k, k)} | {v} |" for k, v in summary["verdicts"].items()]
        out += ["", f"### {w['by_severity']}", "", "| | |", "|---|--:|"]
        out += [f"| {w['severities'].get(k, k)} | {v} |" for k, v in summary.get("failing_by_severity", {}).items()]
        out += ["", f"### {w['authority']}", "", f"| {w['authority']} | {w['agreements']} | {w['fail']} |", "|---|--:|--:|"]
        out += [f"| {_cell(k)} | {v['agreements']} | {v['failing']} |" for k, v in summary["by_authority"].items()]
        out += [""]

        def deadlines(title: str, entries: list) -> list[str]:  # type: ignore[type-arg]
            lines = [f"### {title}", ""]
            for d in entries:
                kind = w["kinds"].get(d["kind"], d["kind"])
                extra = f" — {_text(str(d['description']))}" if d.get("description") and d["description"] not in w["kinds"].values() else ""
                lines.append(f"- [{_text(str(d['agreement']))}]({_anchor(str(d['agreement']))}): {kind} {_text(str(d['date']))}{extra}")
            return lines + ([] if entries else [w["none"]]) + [""]
        out += deadlines(w["overdue"], summary.get("overdue", []))
        if as_of:
            out += deadlines(w["upcoming"], summary.get("upcoming", []))
        cash = summary.get("cash_per_organisation", {})
        years = sorted({y for per in cash.values() for y in per})
        out += [f"### {w['cash']}", ""]
        if cash and years:
            out += [f"| {w['organisation']} | " + " | ".join(years) + " |", "|---|" + "--:|" * len(years)]
            out += [f"| {_cell(org)} | " + " | ".join(_kr(per.get(y)) for y in years) + " |" for org, per in cash.items()]
        else:
            out.append(w["none"])
        out += ["", f"### {w['overlaps']}", ""]
        overlaps = summary.get("overlapping_agreements", [])
        for o in overlaps:
            where = ", ".join(_text(str(x)) for x in (o["authority"], o.get("body")) if x)
            names = ", ".join(f"[{_text(str(a))}]({_anchor(str(a))})" for a in o["agreements"])
            out.append(f"- {_text(str(o['organisation']))} ({where}): {names} {w['overlap_from']} {o['from']} "
                       f"{w['overlap_until']} {o['until']}")
        out += ([] if overlaps else [w["none"]]) + [""]
        if summary.get("duplicate_ids"):
            out += [f"### {w['duplicates']}", ""]
            out += [f"- {_text(str(d['id']))}: " + ", ".join(_code_span(str(p)) for p in d["paths"])
                    for d in summary["duplicate_ids"]] + [""]
        out += [f"### {w['failing']}", ""]
        rules = sorted(summary["failing_by_rule"].items(), key=lambda kv: (-kv[1], kv[0]))
        if rules:
            out += ["| | |", "|---|--:|"] + [f"| **{_cell(k)}** {_cell(titles.get(k, ''))} | {n} |" for k, n in rules]
        else:
            out.append(w["none"])
        return out + [""]

    def _overview(self, rows: list[SummaryRow]) -> list[str]:
        words = LABELS[self.lang]
        c = words["counts"]
        out = [f"**{words['overview']}**", "",
               f"| {words['agreement']} | {words['verdict']} | {c['error']} | {c['warning']} | {c['info']} | "
               f"{c['unknown']} | {words['error_rules']} |", "|---|---|--:|--:|--:|--:|---|"]
        for row in rows:
            name = _cell(row.title or row.id)
            rules = "; ".join(f"**{_cell(rule)}** {_cell(title)}" for rule, title in row.error_rules) or "–"
            out.append(f"| [{name}]({_anchor(row.id)}) | {_cell(row.verdict)} | {row.counts['error']} | "
                       f"{row.counts['warning']} | {row.counts['info']} | {row.counts['unknown']} | {rules} |")
        return out + [""]

    def _agreement(self, review: Review) -> list[str]:
        words = LABELS[self.lang]
        r = review.report
        out = [f"## {_text(r.id)}", ""]
        out += [_code_span(r.path), "", "| | |", "|---|---|"]
        out += [f"| {_cell(k)} | {_cell(v)} |" for k, v in review.header]
        out += ["", f"### {words['findings']}", ""]
        if not review.findings:
            out += [words["none"], ""]
        for severity, results in review.findings:
            out += [f"#### {words[severity]}", ""]
            out += [line for result in results for line in self._finding(result)]
        if review.waived:
            out += [f"### {words['waived']}", ""]
            out += [f"- **{_text(w.rule)}** {_text(w.title[self.lang])}: {_text(waiver_note(w, self.lang))}"
                    for w in review.waived]
            out.append("")
        out += self._folded(words["passed"], review.passed)
        out += self._folded(words["not_applicable"], review.not_applicable)
        return out

    def _finding(self, r: Result) -> list[str]:
        words = LABELS[self.lang]
        message, keys = split_keys(r.message[self.lang])
        remedy, remedy_keys = split_keys(r.remediation[self.lang])  # the file's keys a remedy names, in small type after it
        lines = [f"- **{_text(r.rule)}** {_text(r.title[self.lang])} — *{_text(verdict_words(r, self.lang))}* — "
                 f"{_code_span(f'{r.path}:{r.line}')}",
                 f"  - {words['message']}: {_message(message)}"
                 + (f" <sub>({words['fields']}: {', '.join(_code_span(k) for k in keys)})</sub>" if keys else ""),
                 f"  - {words['citation']}: {_text(r.citation)}",
                 f"  - {words['remediation']}: {_message(remedy)}"
                 + (f" <sub>({words['fields']}: {', '.join(_code_span(k) for k in remedy_keys)})</sub>" if remedy_keys else "")]
        fix = fix_of(r, self.lang) if is_finding(r.verdict) else None
        if fix:
            lines.append(f"  - {words['fix']}: {_text(fix)}")
        if r.source:
            lines += [f"  - {words['quote']}:", "", f"    > {_text(r.source)}"]
        return lines + [""]

    def _folded(self, title: str, results: list[Result]) -> list[str]:
        if not results:
            return []
        items = []
        for r in results:
            message = split_keys(r.message[self.lang])[0]
            items.append(f"- {_text(r.rule)} {_text(r.title[self.lang])}"
                         + ("" if message == r.title[self.lang] else f": {_message(message)}"))
        return [f"<details><summary>{title} ({len(results)})</summary>", "", *items, "", "</details>", ""]
