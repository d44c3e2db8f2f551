"""Firings -> one result per (agreement, rule), with what a reviewer needs.

The engines say which branch held for which fact; this module turns that into a verdict per
rule, applies waivers, and attaches the message with the actual values, the citation, the YAML
line, the facts looked at and the agreement's own sentence.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any, Sequence

from .engine import Firing
from .facts import Fact
from .loader import LoadedAgreement
from .messages import LANGS, NOT_APPLICABLE, evidence, message, quote_at
from .rulesets import Rule, Selection
from .summary import AgreementSummary
from .verdicts import VERDICTS


@dataclass(frozen=True)
class Result:
    agreement_id: str
    path: str
    rule: str
    ruleset: str
    verdict: str
    severity: str
    title: dict[str, str]
    message: dict[str, str]
    citation: str
    remediation: dict[str, str]
    line: int
    evidence: dict[str, Any]
    source: str | None = None
    waiver: dict[str, Any] | None = None
    rule_severity: str = ""  # the rule's own severity; `severity` may differ (missing_severity)
    baseline: str | None = None  # "new" or "existing" when the run compares with a baseline
    lead: bool = False  # shown before the agreement's other findings (the rule's `lead`)
    fix: dict[str, str | None] | None = None  # a presence rule's model clause: sv, en, source


@dataclass(frozen=True)
class AgreementReport:
    id: str
    path: str
    rulesets: tuple[str, ...]
    citations: dict[str, str]
    results: tuple[Result, ...]
    summary: AgreementSummary
    in_force: dict[str, str | None] | None = None  # each applied ruleset's first day in force (ISO)


def build_results(loaded: LoadedAgreement, selection: Selection, facts: list[Fact],
                  firings: Sequence[Firing], as_of: dt.date | None, honour_waivers: bool = True) -> list[Result]:
    """One result per rule; `honour_waivers=False` (an auditor's `--no-waivers`) keeps a waived
    failure a failure, with its waiver shown beside it."""
    by_rule: dict[str, dict[str, str]] = {}
    applies = {f.rule_id for f in firings if f.outcome == "applies"}
    for f in firings:
        if f.outcome == "applies":
            continue
        outcomes = by_rule.setdefault(f.rule_id, {})
        # one outcome per fact; a disagreement here would be an engine bug
        outcomes[f.fact_key] = _strongest(outcomes.get(f.fact_key), f.outcome)
    facts_by_key = {f.key: f for f in facts}
    results = [_result(loaded, selection, rule, by_rule.get(rule.id, {}), facts_by_key, as_of, honour_waivers,
                       rule.applies_if is None or rule.id in applies)
               for rule in selection.rules]
    return sorted([*results, _stray_waivers(loaded, results)], key=lambda r: r.rule)


def _strongest(old: str | None, new: str) -> str:
    """A fact's outcome from its branches: fail or pass decide it; selected alone means undecided."""
    order = ("not_applicable", "fail", "pass", "selected")
    return new if old is None or order.index(new) < order.index(old) else old


@dataclass(frozen=True)
class _Decision:
    verdict: str
    severity: str
    shown: list[Fact]
    empty: bool = False  # a rule over elements, and none it applies to: the verdict is the rule's `if_none`
    open_applies: bool = False  # the text does not say whether the rule applies


def _decide(rule: Rule, outcomes: dict[str, str], facts: dict[str, Fact], applies: bool = True) -> _Decision:
    """The verdict, the severity of the element that decided it, and the facts to show."""
    spec = rule.spec
    agreement = facts["agreement"]
    if outcomes.get("agreement") == "not_applicable":
        return _Decision("not_applicable", spec.severity, [agreement])
    if not applies:
        return _Decision("unknown", spec.severity, [agreement], open_applies=True)
    per_fact = {k: ("unknown" if o == "selected" else o) for k, o in outcomes.items() if facts[k].type == spec.for_}
    mapped = {k: (spec.missing if o == "unknown" else o) for k, o in per_fact.items()}
    verdict = next((v for v in VERDICTS if v in mapped.values()), spec.if_none)  # a failing element decides first
    if not mapped:
        return _Decision(verdict, spec.severity, [agreement], empty=True)
    severity = spec.severity
    if verdict == "fail" and spec.missing_severity and "fail" not in per_fact.values():
        severity = spec.missing_severity  # only silent elements fail it: the milder severity the rule gives them
    keys = sorted(k for k, o in mapped.items() if o == verdict) or sorted(per_fact)
    return _Decision(verdict, severity, [facts[k] for k in keys] or [agreement])


def _result(loaded: LoadedAgreement, selection: Selection, rule: Rule, outcomes: dict[str, str],
            facts: dict[str, Fact], as_of: dt.date | None, honour_waivers: bool = True, applies: bool = True) -> Result:
    decided = _decide(rule, outcomes, facts, applies)
    verdict, shown = decided.verdict, decided.shown
    text = message(rule, verdict, shown, facts["agreement"], selection.params, decided.empty, decided.open_applies)
    waiver = _waiver(loaded, rule.id, as_of or report_date()) if verdict == "fail" else None
    if waiver and honour_waivers:  # the message stays the rule's own; each format shows the approval from `waiver`
        verdict = "waived"
    fields = rule.fields
    doc_path = shown[0].origin(fields[0]) if fields and shown[0].type == "agreement" else shown[0].doc_path
    return Result(
        agreement_id=loaded.agreement.id, path=loaded.path, rule=rule.id, ruleset=rule.ruleset,
        verdict=verdict, severity=decided.severity, rule_severity=rule.spec.severity, title=rule.title, message=text,
        citation=rule.spec.citation, remediation=rule.remediation,
        line=loaded.line_of(doc_path), evidence=evidence(rule, shown, selection.params),
        source=quote_at(loaded, doc_path), waiver=waiver, lead=rule.spec.lead,
        fix=dict(rule.spec.fix) if rule.spec.fix else None)  # its fields are plain text; model_dump would build a serializer


def report_date() -> dt.date:
    """Today, or the date of `SOURCE_DATE_EPOCH` when set (a reproducible build of the report).

    Without `--as-of` a waiver's expiry is still judged, against this date: a waiver that ran out
    last year must never keep a failing rule quiet because nobody named a date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _waiver(loaded: LoadedAgreement, rule_id: str, as_of: dt.date) -> dict[str, Any] | None:
    """A recorded, approved deviation that has not expired as of the audit date."""
    for w in loaded.agreement.waivers:
        if w.rule == rule_id and not (w.expires and w.expires < as_of):
            return {"approved_by": w.approved_by, "reference": w.reference or "-", "reason": w.reason,
                    "expires": w.expires.isoformat() if w.expires else None}
    return None


#: The one rule written in Python rather than as data: it reads the other rules' verdicts,
#: which no fact holds (a waiver must waive a failing rule of the selected rulesets).
WAIVER_RULE = "IOP-WAIVER-01"
_STRAY = {"sv": ("Undantaget för {rule} avser en regel som inte finns i de valda regelverken.",
                 "Undantaget för {rule} behövs inte: regeln är {verdict}."),
          "en": ("The waiver for {rule} names a rule that is not in the selected rulesets.",
                 "The waiver for {rule} is not needed: the rule is {verdict}.")}
_ALL_WAIVE = {"sv": "Varje undantag avser en underkänd regel.", "en": "Every waiver waives a failing rule."}


def _stray_waivers(loaded: LoadedAgreement, results: list[Result]) -> Result:
    verdicts = {r.rule: r.verdict for r in results}
    applied = {r.rule for r in results if r.waiver is not None}  # waived, or shown beside a failure (--no-waivers)
    waivers = loaded.agreement.waivers
    problems: dict[str, list[str]] = {lang: [] for lang in LANGS}
    line_path: tuple[str | int, ...] = ("waivers",)
    for i, w in enumerate(waivers):
        if w.rule in applied:
            continue
        for lang in LANGS:
            missing, unneeded = _STRAY[lang]
            template = missing if w.rule not in verdicts else unneeded
            problems[lang].append(template.format(rule=w.rule, verdict=verdicts.get(w.rule, "")))
        if len(problems["sv"]) == 1:
            line_path = ("waivers", i)
    verdict = "not_applicable" if not waivers else "fail" if problems["sv"] else "pass"
    text = {lang: " ".join(problems[lang]) or (NOT_APPLICABLE[lang] if not waivers else _ALL_WAIVE[lang])
            for lang in LANGS}
    return Result(
        agreement_id=loaded.agreement.id, path=loaded.path, rule=WAIVER_RULE, ruleset="iop-core",
        verdict=verdict, severity="warning", rule_severity="warning",
        title={"sv": "Varje undantag avser en underkänd regel", "en": "Every waiver waives a failing rule"},
        message=text, citation="Beslutade undantag gäller avvikelser som faktiskt finns",
        remediation={"sv": "Ta bort undantaget eller rätta regel-ID:t.", "en": "Remove the waiver or correct its rule ID."},
        line=loaded.line_of(line_path), evidence={"waivers": [w.rule for w in waivers]},
        source=quote_at(loaded, line_path))
