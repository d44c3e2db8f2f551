"""What a reviewer's report says, independent of how it is drawn.

The HTML and Markdown reports show the same things in the same order;
this module decides what (the report's colophon for the diarium, the header facts, the findings
grouped by severity, what is folded away, the summary row of each agreement), and each format
module only decides how.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..results import AgreementReport, Result, report_date
from ..verdicts import SEVERITIES, display_order, is_finding

#: The rule whose failure changes what the whole agreement is: a public contract to be procured.
PUBLIC_CONTRACT_RULE = "IOP-LOU-01"

LABELS: dict[str, dict[str, Any]] = {
    "sv": {"title": "Granskning av IOP-överenskommelser", "parties": "Parter", "period": "Period",
           "duration": "Längd", "months": "månader", "funding": "Kontant finansiering", "rulesets": "Regelverk",
           "findings": "Avvikelser", "error": "Fel", "warning": "Varningar", "info": "Information",
           "rule": "Regel", "message": "Iakttagelse", "citation": "Grund", "remediation": "Åtgärd",
           "quote": "Överenskommelsens text", "line": "rad", "passed": "Uppfyllda regler",
           "not_applicable": "Ej tillämpliga regler", "waived": "Beviljade undantag", "approved": "Beviljat av",
           "none": "Inga avvikelser.", "unknown": "kan inte avgöras", "errors": "Filer som inte kunde läsas",
           "roles": {"public": "offentlig part", "idea_based": "idéburen part", "funder": "finansiär"},
           "document_title": "Titel", "document": "Handling", "authority": "Beslutande", "decision": "Beslut",
           "reference": "diarienummer", "decision_date": "beslutsdatum", "document_date": "Handlingens datum",
           "verdict": "Bedömning", "kinds": {"agreement": "Överenskommelse", "decision_memo": "Tjänsteutlåtande"},
           "statuses": {"draft": "utkast", "signed": "undertecknad"},
           "report_date": "Rapportens datum", "as_of": "Bedömt per", "tool": "Verktyg",
           "no_as_of": "ej angivet: tidsfrister (IOP-LIFE) bedöms inte; undantagens giltighet bedöms per rapportens datum",
           "in_force": "gäller från", "no_date": "utan datum", "engine": "motor",
           "overview": "Sammanställning", "agreement": "Överenskommelse", "error_rules": "Regler på felnivå",
           "counts": {"error": "Fel", "warning": "Varningar", "info": "Information", "unknown": "Okända"},
           "fields": "fält i filen", "fix": "Föreslagen lydelse", "fix_source": "källa"},
    "en": {"title": "Review of IOP agreements", "parties": "Parties", "period": "Period",
           "duration": "Duration", "months": "months", "funding": "Cash funding", "rulesets": "Rulesets",
           "findings": "Findings", "error": "Errors", "warning": "Warnings", "info": "Information",
           "rule": "Rule", "message": "Finding", "citation": "Basis", "remediation": "Remedy",
           "quote": "The agreement says", "line": "line", "passed": "Rules passed",
           "not_applicable": "Rules not applicable", "waived": "Approved waivers", "approved": "Approved by",
           "none": "No findings.", "unknown": "cannot be decided", "errors": "Files that could not be read",
           "roles": {"public": "public party", "idea_based": "idea-based party", "funder": "funder"},
           "document_title": "Title", "document": "Document", "authority": "Deciding authority", "decision": "Decision",
           "reference": "reference", "decision_date": "decision date", "document_date": "Document date",
           "verdict": "Assessment", "kinds": {"agreement": "Agreement", "decision_memo": "Decision memo"},
           "statuses": {"draft": "draft", "signed": "signed"},
           "report_date": "Report date", "as_of": "Assessed as of", "tool": "Tool",
           "no_as_of": "not given: deadlines (IOP-LIFE) are not assessed; waivers' expiry is judged as of the report date",
           "in_force": "in force from", "no_date": "undated", "engine": "engine",
           "overview": "Summary", "agreement": "Agreement", "error_rules": "Error-level rules",
           "counts": {"error": "Errors", "warning": "Warnings", "info": "Information", "unknown": "Unknown"},
           "fields": "fields in the file", "fix": "Proposed wording", "fix_source": "source"},
}

#: A verdict and a severity in words a lawyer reads ("Underkänd — fel"), and the one-line verdict's counts.
VERDICT_WORDS: dict[str, dict[str, Any]] = {
    "sv": {"fail": "Underkänd", "unknown": "Kan inte avgöras", "waived": "Undantag beviljat", "pass": "Uppfylld",
           "not_applicable": "Ej tillämplig", "error": "fel", "warning": "varning", "info": "upplysning",
           "counts": {"error": ("fel", "fel"), "warning": ("varning", "varningar"),
                      "info": ("upplysning", "upplysningar"), "unknown": ("okänd", "okända")},
           "none": "Inga avvikelser", "public_contract": "sannolikt ett offentligt kontrakt"},
    "en": {"fail": "Failed", "unknown": "Cannot be decided", "waived": "Waiver approved", "pass": "Passed",
           "not_applicable": "Not applicable", "error": "error", "warning": "warning", "info": "notice",
           "counts": {"error": ("error", "errors"), "warning": ("warning", "warnings"),
                      "info": ("notice", "notices"), "unknown": ("unknown", "unknown")},
           "none": "No findings", "public_contract": "probably a public contract"},
}


def verdict_words(r: Result, lang: str = "sv") -> str:
    """"Underkänd — fel", "Kan inte avgöras — varning": never "FEL fel"."""
    words = VERDICT_WORDS[lang]
    return f"{words.get(r.verdict, r.verdict)} — {words.get(r.severity, r.severity)}"


def severity_counts(report: AgreementReport) -> dict[str, int]:
    """Failing results per severity, and the unknown ones (every severity together) under "unknown"."""
    counts: dict[str, int] = {s: 0 for s in SEVERITIES}
    counts["unknown"] = 0
    for r in report.results:
        if r.verdict == "fail":
            counts[r.severity] = counts.get(r.severity, 0) + 1
        elif r.verdict == "unknown":
            counts["unknown"] += 1
    return counts


def verdict_line(report: AgreementReport, lang: str = "sv") -> str:
    """"2 fel, 5 varningar, 1 okänd — sannolikt ett offentligt kontrakt"."""
    words = VERDICT_WORDS[lang]
    parts = [f"{n} {words['counts'][k][0 if n == 1 else 1]}" for k, n in severity_counts(report).items() if n]
    line = ", ".join(parts) or words["none"]
    if any(r.rule == PUBLIC_CONTRACT_RULE and r.verdict == "fail" for r in report.results):
        line += f" — {words['public_contract']}"
    return line


def finding_order(r: Result) -> tuple[Any, ...]:
    """Within a severity: `verdicts.display_order` (which the lead may use to put a rule first), then rule ID."""
    return (*display_order(r), r.rule)


#: A bracketed list of the file's keys that a message names for the file's author: "[contacts, iop_criteria.no_market]".
_KEY = r"[a-z][a-z0-9_]*(?:\[\d*\])?(?:\.[a-z0-9_]+(?:\[\d*\])?)*"
_KEY_LIST = re.compile(rf"\s*\[({_KEY}(?:,\s*{_KEY})*)\]")


def split_keys(text: str) -> tuple[str, list[str]]:
    """A message without its bracketed lists of YAML keys, and those keys (shown as a small hint)."""
    from ..model import Agreement
    keys: list[str] = []

    def take(match: re.Match[str]) -> str:
        found = [k.strip() for k in match.group(1).split(",")]
        if (not any("_" in k or "." in k or k.endswith("]") for k in found) and len(found) == 1 and found[0].isalpha()
                and found[0] not in Agreement.model_fields):
            return match.group(0)  # "[sic]", "[två]": an ordinary word in brackets, not one of the file's keys
        keys.extend(found)
        return ""
    return _KEY_LIST.sub(take, text), keys


@dataclass(frozen=True)
class Review:
    """One agreement, arranged for a reader."""

    report: AgreementReport
    header: list[tuple[str, str]]
    findings: list[tuple[str, list[Result]]]  # (severity, results), most severe first
    waived: list[Result]
    passed: list[Result]
    not_applicable: list[Result]
    title: str | None = None
    verdict: str = ""


@dataclass(frozen=True)
class SummaryRow:
    """One agreement on the first page of a several-agreement report."""

    id: str
    title: str | None
    verdict: str
    counts: dict[str, int]
    error_rules: list[tuple[str, str]]  # (rule ID, title) of its error-level findings


def summary_row(review: Review, lang: str) -> SummaryRow:
    r = review.report
    errors = sorted({(x.rule, x.title.get(lang, "")) for sev, xs in review.findings if sev == "error" for x in xs})
    return SummaryRow(r.id, review.title, review.verdict, severity_counts(r), errors)


# --- what the agreement is, for the diarium -----------------------------------------------------

_DOCUMENT_FIELDS = ("title", "kind", "status", "document_date", "decision_date", "reference")


def document_facts(report: AgreementReport) -> dict[str, str | None]:
    """Title, kind, status, dates and the diary reference of the agreement, as its summary carries them."""
    s = report.summary
    return {name: getattr(s, name) for name in _DOCUMENT_FIELDS}


def arrange(report: AgreementReport, lang: str) -> Review:
    words = LABELS[lang]
    s = report.summary
    facts = document_facts(report)
    parties = "; ".join(f"{p.name} ({words['roles'].get(p.role, p.role)})" for p in s.parties)
    period = f"{s.start or '?'} – {s.end or '?'}"
    duration = f"{s.duration_months} {words['months']}" if s.duration_months is not None else "?"
    header: list[tuple[str, str]] = []
    if facts.get("title"):
        header.append((words["document_title"], facts["title"] or ""))
    kind = words["kinds"].get(facts.get("kind") or "", facts.get("kind") or "")
    status = words["statuses"].get(facts.get("status") or "", facts.get("status") or "")
    document = ", ".join(x for x in (kind, status, facts.get("document_date")) if x)
    if document:
        header.append((words["document"], document))
    authority = ", ".join(x for x in (s.authority, s.body) if x)
    if authority:
        header.append((words["authority"], authority))
    decision = ", ".join(f"{label} {value}" for label, value in ((words["decision_date"], facts.get("decision_date")),
                                                                  (words["reference"], facts.get("reference"))) if value)
    if decision:
        header.append((words["decision"], decision))
    header += [(words["parties"], parties or "?"), (words["period"], period), (words["duration"], duration),
               (words["funding"], s.cash_text(lang)),
               (words["rulesets"], "; ".join(f"{rid} ({report.citations.get(rid, '')})" for rid in report.rulesets))]
    line = verdict_line(report, lang)
    header.append((words["verdict"], line))
    findings = [(sev, sorted((r for r in report.results if is_finding(r.verdict) and r.severity == sev), key=finding_order))
                for sev in SEVERITIES]
    return Review(report, header, [(sev, rs) for sev, rs in findings if rs],
                  [r for r in report.results if r.verdict == "waived"],
                  [r for r in report.results if r.verdict == "pass"],
                  [r for r in report.results if r.verdict == "not_applicable"],
                  facts.get("title"), line)


def waiver_note(r: Result, lang: str) -> str:
    w: dict[str, Any] = r.waiver or {}
    details = [x for x in (w.get("reference") if w.get("reference") != "-" else None, w.get("expires")) if x]
    where = f" ({', '.join(details)})" if details else ""
    return f"{LABELS[lang]['approved']} {w.get('approved_by', '?')}{where}: {w.get('reason', '')}"


# --- the colophon: when, as of when, by what, under which rules --------------------------------

def in_force_dates(report: AgreementReport) -> dict[str, str | None]:
    """Each applied ruleset's first day in force, as the report carries them."""
    given = report.in_force or {}
    return {rid: given.get(rid) for rid in report.rulesets}


def colophon(run: Any, rulesets: dict[str, str | None], lang: str) -> list[tuple[str, str]]:
    """The lines a diarium needs above the findings."""
    from .. import __version__
    words = LABELS[lang]
    as_of = run.as_of.isoformat() if run.as_of else words["no_as_of"]
    shown = "; ".join(f"{rid} ({words['in_force']} {day})" if day else f"{rid} ({words['no_date']})"
                      for rid, day in rulesets.items())
    return [(words["report_date"], report_date().isoformat()), (words["as_of"], as_of),
            (words["tool"], f"iop-rules {__version__} ({words['engine']}: {run.engine})"),
            (words["rulesets"], shown or "–")]


def fix_of(r: Result, lang: str, library: Any = None) -> str | None:
    """The model clause (`fix`) of the rule behind `r`, as the result carries it."""
    return fix_text(r.fix, lang)


def fix_text(fix: Any, lang: str = "sv") -> str | None:
    """A `fix` as text, whatever shape the ruleset gives it: a string, {sv, en}, or {text: …, source: …}."""
    if fix is None:
        return None
    if hasattr(fix, "model_dump"):
        fix = fix.model_dump()
    if isinstance(fix, str):
        return fix.strip() or None
    if not isinstance(fix, dict):
        return str(fix)
    source = fix.get("source") or fix.get("reference")
    text: Any = fix.get("text", fix)
    if hasattr(text, "model_dump"):
        text = text.model_dump()
    if isinstance(text, dict):
        text = text.get(lang) or text.get("sv")
    if not text:
        return None
    return f"{text}" + (f" ({LABELS[lang]['fix_source']}: {source})" if source else "")
