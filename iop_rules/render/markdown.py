"""Markdown, for a memo (tjänsteutlåtande) or a pull-request comment.

The same content as the HTML report; passed and not-applicable rules
fold into <details>, which GitHub, GitLab and most editors render.
"""
from __future__ import annotations

from typing import Any

from ..results import Result
from ..runner import Run
from . import Outputter
from .review import LABELS, Review, arrange, waiver_note


def _text(text: str) -> str:
    """Agreement text as inert Markdown: one line, no raw HTML (a stray </details> would end a fold)."""
    flat = " ".join(text.split())
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*").replace("_", "\\_")


def _cell(text: str) -> str:
    """Table cells cannot hold pipes either."""
    return _text(text).replace("|", "\\|")


class MarkdownOutputter(Outputter):
    def render(self, run: Run) -> str:
        words = LABELS[self.lang]
        out = [f"# {words['title']}", ""]
        for report in run.agreements:
            out += self._agreement(arrange(report, self.lang))
        if run.errors:
            out += [f"## {words['errors']}", ""] + [f"- {_text(str(e))}" for e in run.errors] + [""]
        return "\n".join(out).rstrip() + "\n"

    def _agreement(self, review: Review) -> list[str]:
        words = LABELS[self.lang]
        r = review.report
        out = [f"## {_text(r.id)}", "", f"`{r.path}`", "", "| | |", "|---|---|"]
        out += [f"| {_cell(k)} | {_cell(v)} |" for k, v in review.header]
        out += ["", f"### {words['findings']}", ""]
        if not review.findings:
            out += [words["none"], ""]
        for severity, results in review.findings:
            out += [f"#### {words[severity]}", ""]
            out += [line for result in results for line in self._finding(result)]
        if review.waived:
            out += [f"### {words['waived']}", ""]
            out += [f"- **{w.rule}** {_text(w.title[self.lang])}: {_text(waiver_note(w, self.lang))}" for w in review.waived]
            out.append("")
        out += self._folded(words["passed"], review.passed)
        out += self._folded(words["not_applicable"], review.not_applicable)
        return out

    def _finding(self, r: Result) -> list[str]:
        words = LABELS[self.lang]
        unknown = f" ({words['unknown']})" if r.verdict == "unknown" else ""
        lines = [f"- **{r.rule}** {_text(r.title[self.lang])}{unknown} — `{r.path}:{r.line}`",
                 f"  - {words['message']}: {_text(r.message[self.lang])}",
                 f"  - {words['citation']}: {_text(r.citation)}",
                 f"  - {words['remediation']}: {_text(r.remediation[self.lang])}"]
        if r.source:
            lines += [f"  - {words['quote']}:", "", f"    > {_text(r.source)}"]
        return lines + [""]

    def _folded(self, title: str, results: list[Result]) -> list[str]:
        if not results:
            return []
        items = [f"- {r.rule} {_text(r.title[self.lang])}" + ("" if r.message[self.lang] == r.title[self.lang]
                                                              else f": {_text(r.message[self.lang])}") for r in results]
        return [f"<details><summary>{title} ({len(results)})</summary>", "", *items, "", "</details>", ""]
