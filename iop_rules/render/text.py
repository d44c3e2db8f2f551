"""Text for a terminal: per agreement, failures first, then a one-line summary."""
from __future__ import annotations

from ..results import VERDICTS, AgreementReport, Result, counts
from ..runner import RunReport
from . import Outputter

_WORDS = {
    "sv": {"fail": "FEL", "unknown": "OKÄNT", "waived": "UNDANTAG", "pass": "OK", "not_applicable": "EJ TILLÄMPLIG",
           "error": "fel", "warning": "varning", "info": "info", "rulesets": "regelverk",
           "summary": "{n} överenskommelser: {fail} underkända regler, {unknown} okända, {waived} undantag, {passed} uppfyllda; {errors} filer med fel",
           "passed": "uppfyllda", "na": "ej tillämpliga"},
    "en": {"fail": "FAIL", "unknown": "UNKNOWN", "waived": "WAIVED", "pass": "PASS", "not_applicable": "N/A",
           "error": "error", "warning": "warning", "info": "info", "rulesets": "rulesets",
           "summary": "{n} agreements: {fail} failing rules, {unknown} unknown, {waived} waived, {passed} passed; {errors} files with errors",
           "passed": "passed", "na": "not applicable"},
}
_RANK = {"error": 0, "warning": 1, "info": 2}


class TextOutputter(Outputter):
    def Output(self, run: RunReport) -> str:  # noqa: N802
        w = _WORDS[self.lang]
        lines: list[str] = []
        for a in run.agreements:
            lines.extend(self._agreement(a))
        c = counts(run.agreements)
        v = c["verdicts"]
        lines.append(w["summary"].format(n=c["agreements"], fail=v["fail"], unknown=v["unknown"],
                                         waived=v["waived"], passed=v["pass"], errors=len(run.errors)))
        return "\n".join(lines) + "\n"

    def _agreement(self, a: AgreementReport) -> list[str]:
        w = _WORDS[self.lang]
        out = [f"{a.path} ({a.id}) — {w['rulesets']}: {', '.join(a.rulesets)}"]
        shown = [r for r in a.results if r.verdict in ("fail", "unknown", "waived")]
        shown.sort(key=lambda r: (VERDICTS.index(r.verdict), _RANK[r.severity], r.rule))
        out.extend(self._finding(r) for r in shown)
        passed = sum(r.verdict == "pass" for r in a.results)
        na = sum(r.verdict == "not_applicable" for r in a.results)
        out.append(f"  {passed} {w['passed']}, {na} {w['na']}")
        out.append("")
        return out

    def _finding(self, r: Result) -> str:
        w = _WORDS[self.lang]
        return (f"  {r.path}:{r.line}: {w[r.verdict]} {w[r.severity]} {r.rule}: {r.message[self.lang]}"
                f" [{r.citation}]")
