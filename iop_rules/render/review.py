"""What a reviewer's report says, independent of how it is drawn.

The HTML and Markdown reports show the same things in the same order;
this module decides what (the header facts, the findings grouped by
severity, what is folded away), and each format module only decides how.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..messages import format_value
from ..results import AgreementReport, Result
from ..verdicts import SEVERITIES, is_finding

LABELS = {
    "sv": {"title": "Granskning av IOP-överenskommelser", "parties": "Parter", "period": "Period",
           "duration": "Längd", "months": "månader", "funding": "Kontant finansiering", "rulesets": "Regelverk",
           "findings": "Avvikelser", "error": "Fel", "warning": "Varningar", "info": "Information",
           "rule": "Regel", "message": "Iakttagelse", "citation": "Grund", "remediation": "Åtgärd",
           "quote": "Överenskommelsens text", "line": "rad", "passed": "Uppfyllda regler",
           "not_applicable": "Ej tillämpliga regler", "waived": "Beviljade undantag", "approved": "Beviljat av",
           "none": "Inga avvikelser.", "unknown": "kan inte avgöras", "errors": "Filer som inte kunde läsas",
           "roles": {"public": "offentlig part", "idea_based": "idéburen part", "funder": "finansiär"}},
    "en": {"title": "Review of IOP agreements", "parties": "Parties", "period": "Period",
           "duration": "Duration", "months": "months", "funding": "Cash funding", "rulesets": "Rulesets",
           "findings": "Findings", "error": "Errors", "warning": "Warnings", "info": "Information",
           "rule": "Rule", "message": "Finding", "citation": "Basis", "remediation": "Remedy",
           "quote": "The agreement says", "line": "line", "passed": "Rules passed",
           "not_applicable": "Rules not applicable", "waived": "Approved waivers", "approved": "Approved by",
           "none": "No findings.", "unknown": "cannot be decided", "errors": "Files that could not be read",
           "roles": {"public": "public party", "idea_based": "idea-based party", "funder": "funder"}},
}


@dataclass(frozen=True)
class Review:
    """One agreement, arranged for a reader."""

    report: AgreementReport
    header: list[tuple[str, str]]
    findings: list[tuple[str, list[Result]]]  # (severity, results), most severe first
    waived: list[Result]
    passed: list[Result]
    not_applicable: list[Result]


def arrange(report: AgreementReport, lang: str) -> Review:
    words = LABELS[lang]
    s = report.summary
    parties = "; ".join(f"{p.name} ({words['roles'][p.role]})" for p in s.parties)
    period = f"{s.start or '?'} – {s.end or '?'}"
    duration = f"{s.duration_months} {words['months']}" if s.duration_months is not None else "?"
    header = [(words["parties"], parties or "?"), (words["period"], period), (words["duration"], duration),
              (words["funding"], f"{format_value('amount', s.cash_total, lang)} kr"),
              (words["rulesets"], "; ".join(f"{rid} ({report.citations.get(rid, '')})" for rid in report.rulesets))]
    findings = [(sev, [r for r in report.results if is_finding(r.verdict) and r.severity == sev])
                for sev in SEVERITIES]
    return Review(report, header, [(sev, rs) for sev, rs in findings if rs],
                  [r for r in report.results if r.verdict == "waived"],
                  [r for r in report.results if r.verdict == "pass"],
                  [r for r in report.results if r.verdict == "not_applicable"])


def waiver_note(r: Result, lang: str) -> str:
    w: dict[str, Any] = r.waiver or {}
    details = [x for x in (w.get("reference") if w.get("reference") != "-" else None, w.get("expires")) if x]
    where = f" ({', '.join(details)})" if details else ""
    return f"{LABELS[lang]['approved']} {w.get('approved_by', '?')}{where}: {w.get('reason', '')}"
