"""Text for a terminal: per agreement, failures first, then a summary.

For an audit it adds what a controller asks first: what is overdue,
what comes next, and what changed since the baseline.
"""
from __future__ import annotations

import re
from typing import IO, Any, Iterator

from ..results import AgreementReport, Result, tally_into
from ..runner import Run
from ..verdicts import SHOWN, Tally, display_order
from . import Outputter, stored_part

_WORDS: dict[str, dict[str, Any]] = {
    "sv": {"fail": "FEL", "unknown": "OKÄNT", "waived": "UNDANTAG", "pass": "OK", "not_applicable": "EJ TILLÄMPLIG",
           "error": "fel", "warning": "varning", "info": "info", "rulesets": "regelverk",
           "summary": "{n} överenskommelser: {fail} underkända regler, {unknown} okända, {waived} undantag, "
                      "{passed} uppfyllda; {errors} filer med fel",
           "passed": "uppfyllda", "na": "ej tillämpliga", "overdue": "Försenat per {as_of}:",
           "upcoming": "Kommande:", "resolved": "Åtgärdat sedan {path}:", "duplicates": "Samma id i flera filer:",
           "overlap": "Överlappande överenskommelser:",
           "kinds": {"report": "rapport", "review": "översyn", "end": "slut"}},
    "en": {"fail": "FAIL", "unknown": "UNKNOWN", "waived": "WAIVED", "pass": "PASS", "not_applicable": "N/A",
           "error": "error", "warning": "warning", "info": "info", "rulesets": "rulesets",
           "summary": "{n} agreements: {fail} failing rules, {unknown} unknown, {waived} waived, {passed} passed; {errors} files with errors",
           "passed": "passed", "na": "not applicable", "overdue": "Overdue as of {as_of}:",
           "upcoming": "Upcoming:", "resolved": "Resolved since {path}:", "duplicates": "The same id in several files:",
           "overlap": "Overlapping agreements:",
           "kinds": {"report": "report", "review": "review", "end": "end"}},
}


#: What must not reach a terminal raw: C0/C1 controls (ESC recolours or erases, CR rewrites the line,
#: a newline forges a finding), bidi overrides (text that reads differently than it is), line separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str) -> str:
    """`text` with every control character as a visible escape (ESC as \\e, CR as \\r), one line."""
    return _UNSAFE.sub(_visible, text)


def agreement_text(a: AgreementReport, lang: str) -> str:
    """One agreement's part of the text report, ready to print."""
    return TextOutputter(lang).agreement_text(a)


def agreement_text_in(a: AgreementReport, langs: tuple[str, ...]) -> list[str]:
    """`agreement_text` in each of `langs` (what a result cache entry keeps: render.PARTS)."""
    return [agreement_text(a, lang) for lang in langs]


class TextOutputter(Outputter):
    def render(self, run: Run) -> str:
        return "".join(self._chunks(run))

    def write(self, run: Run, out: IO[str]) -> None:
        """Streamed, one agreement at a time: an audit's reports are never all in memory."""
        for chunk in self._chunks(run):
            out.write(chunk)

    def _chunks(self, run: Run, with_summary: bool = True) -> Iterator[str]:
        """The report ready to print, an agreement at a time; a cached agreement's text as its entry holds it.
        `-q` leaves out the closing summary line."""
        tally = Tally()
        n = 0
        for a in run.agreements:
            n += 1
            tally_into(tally, a.results)
            yield stored_part(a.results, "text", self.lang) or self.agreement_text(a)
        tail = self._portfolio(run.portfolio.summary(), run) if run.portfolio is not None else []
        yield "".join(visible(line) + "\n" for line in [*tail, *([self._summary(tally, n, run)] if with_summary else [])])

    def _summary(self, tally: Tally, n: int, run: Run) -> str:
        totals = tally.verdicts
        return self._words["summary"].format(n=n, fail=totals["fail"], unknown=totals["unknown"], waived=totals["waived"],
                                             passed=totals["pass"], errors=len({e.path for e in run.errors}))

    @property
    def _words(self) -> dict[str, Any]:
        return _WORDS[self.lang]

    def agreement_text(self, a: AgreementReport) -> str:
        return "".join(visible(line) + "\n" for line in self._agreement(a))

    def _agreement(self, a: AgreementReport) -> list[str]:
        w = _WORDS[self.lang]
        out = [f"{a.path} ({a.id}) — {w['rulesets']}: {', '.join(a.rulesets)}"]
        shown = [r for r in a.results if r.verdict in SHOWN and r.baseline != "existing"]
        shown.sort(key=lambda r: (*display_order(r), r.rule))
        out.extend(self._finding(r) for r in shown)
        passed = sum(r.verdict == "pass" for r in a.results)
        na = sum(r.verdict == "not_applicable" for r in a.results)
        out.append(f"  {passed} {w['passed']}, {na} {w['na']}")
        out.append("")
        return out

    def _finding(self, r: Result) -> str:
        w = _WORDS[self.lang]
        waiver = f" — {_waiver_note(r, self.lang)}" if r.waiver else ""
        return (f"  {r.path}:{r.line}: {w[r.verdict]} {w[r.severity]} {r.rule}: {r.message[self.lang]}"
                f" [{r.citation}]{waiver}")

    def _portfolio(self, s: dict[str, Any], run: Run) -> list[str]:
        w = _WORDS[self.lang]
        out: list[str] = []
        if s["as_of"]:
            out.append(w["overdue"].format(as_of=s["as_of"]))
            out.extend(f"  {d['date']}  {w['kinds'][d['kind']]:<8} {d['agreement']}  ({d['path']})" for d in s["overdue"])
            out.append(w["upcoming"])
            out.extend(f"  {d['date']}  {w['kinds'][d['kind']]:<8} {d['agreement']}" for d in s["upcoming"][:20])
        if s["overlapping_agreements"]:
            out.append(w["overlap"])
            out.extend(f"  {o['organisation']} ({o['authority']}): {' + '.join(o['agreements'][:10])}"
                       f"{' …' if len(o['agreements']) > 10 else ''}, {o['from']}–{o['until']}"
                       for o in s["overlapping_agreements"])
        if s["duplicate_ids"]:
            out.append(w["duplicates"])
            out.extend(f"  {d['id']}: {', '.join(d['paths'])}" for d in s["duplicate_ids"])
        if run.baseline is not None:
            out.append(w["resolved"].format(path=run.baseline.path))
            out.extend(f"  {r['agreement']} {r['rule']}" for r in run.baseline.resolved())
        return out + [""] if out else out


def _waiver_note(result: Result, lang: str) -> str:
    """The reviewer's waiver wording, imported only when a result has a waiver: the review module is not a
    one-file check's to pay for."""
    from .review import waiver_note
    return waiver_note(result, lang)
