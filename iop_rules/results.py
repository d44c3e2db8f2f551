"""Firings -> one result per (agreement, rule), with what a reviewer needs.

The engines say which branch held for which fact; this module turns that into a verdict per
rule, applies waivers, and attaches the message with the actual values, the citation, the YAML
line, the facts looked at and the agreement's own sentence.
"""
from __future__ import annotations

import datetime as dt
import os
import weakref
from dataclasses import dataclass
from typing import Any, Sequence

from .engine import Firing
from .errors import DocPath
from .facts import Fact
from .fields import origin
from .loader import LoadedAgreement
from .messages import LANGS, NOT_APPLICABLE, RuleWords, evidence, message, quote_at, rule_words
from .rulesets import Rule, RuleSpec, Selection
from .summary import AgreementSummary
from .verdicts import VERDICTS, Tally


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


#: What a portfolio and a closing line count: verdicts, failures by severity, the failing rules in order.
Counts = tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], tuple[str, ...]]


class CountedResults(Sequence[Result]):
    """An agreement's results that carry their counts, so a portfolio or a closing line can add them up
    without reading the results themselves (a result cache entry's, still pickled)."""

    counts: Counts


def count(results: Sequence[Result]) -> Counts:
    tally = Tally().add_all(results)
    return (tuple(tally.verdicts.items()), tuple(tally.failing_by_severity.items()),
            tuple(r.rule for r in results if r.verdict == "fail"))


def counts_of(results: Sequence[Result]) -> Counts:
    """The counts results carry, else counted."""
    return results.counts if isinstance(results, CountedResults) else count(results)


def tally_into(tally: Tally, results: Sequence[Result]) -> None:
    """`tally.add_all(results)`, from the counts the results carry where they do."""
    if not isinstance(results, CountedResults):
        tally.add_all(results)
        return
    verdicts, failing, _ = results.counts
    for verdict, n in verdicts:
        tally.verdicts[verdict] += n
    for severity, n in failing:
        tally.failing_by_severity[severity] += n


def build_results(loaded: LoadedAgreement, selection: Selection, facts: list[Fact],
                  firings: Sequence[Firing], as_of: dt.date | None, honour_waivers: bool = True,
                  langs: tuple[str, ...] = LANGS) -> list[Result]:
    """One result per rule, its message in each of `langs` (what the run's outputs show);
    `honour_waivers=False` (an auditor's `--no-waivers`) keeps a waived failure a failure, with its waiver beside it."""
    by_rule: dict[str, dict[str, str]] = {}
    applies = set()
    for f in firings:
        if f.outcome == "applies":
            applies.add(f.rule_id)
            continue
        outcomes = by_rule.setdefault(f.rule_id, {})
        # one outcome per fact; a disagreement here would be an engine bug
        outcomes[f.fact_key] = _strongest(outcomes.get(f.fact_key), f.outcome)
    agreement = _Agreement(loaded, selection.params, {f.key: f for f in facts}, as_of, honour_waivers)
    results = [agreement.result(plan, by_rule.get(plan.id, _NONE), not plan.guarded or plan.id in applies)
               for plan in plans(selection, langs)]
    return sorted([*results, _stray_waivers(loaded, results, langs)], key=_by_rule)


_NONE: dict[str, str] = {}


def _by_rule(r: Result) -> str:
    return r.rule


_ORDER = {"not_applicable": 0, "fail": 1, "pass": 2, "selected": 3}


def _strongest(old: str | None, new: str) -> str:
    """A fact's outcome from its branches: fail or pass decide it; selected alone means undecided."""
    return new if old is None or _ORDER[new] < _ORDER[old] else old


@dataclass(frozen=True)
class Plan:
    """What every result of one rule shares within a selection, prepared once and held by reference:
    its texts in the languages asked for (templates already split), its parameters' evidence, its fix."""

    rule: Rule
    id: str
    words: tuple[RuleWords, ...]
    params: dict[str, Any]  # the parameters `expect` compares with and their values, shown as evidence
    fix: dict[str, str | None] | None
    guarded: bool  # the rule has an `applies_if`
    origin: DocPath | None  # where a finding on the agreement itself points: its first field's place in the file
    dated: frozenset[str]  # the fields whose values are day numbers, shown as ISO dates

    @property
    def spec(self) -> RuleSpec:
        return self.rule.spec


#: Per selection (which lives as long as its library), per languages: each rule's plan, in the selection's order.
_PLANS: weakref.WeakKeyDictionary[Selection, dict[tuple[str, ...], tuple[Plan, ...]]] = weakref.WeakKeyDictionary()


def plans(selection: Selection, langs: tuple[str, ...]) -> tuple[Plan, ...]:
    by_langs = _PLANS.get(selection)
    if by_langs is None:
        by_langs = _PLANS[selection] = {}
    found = by_langs.get(langs)
    if found is None:
        params = selection.params
        found = by_langs[langs] = tuple(
            Plan(rule, rule.id, tuple(rule_words(rule, lang) for lang in langs), {name: params.get(name) for name in rule.params},
                 dict(rule.spec.fix) if rule.spec.fix else None,  # its fields are plain text; model_dump would build a serializer
                 rule.applies_if is not None, origin(rule.fields[0]) if rule.fields else None,
                 frozenset(f for f in rule.fields if f.endswith("_date")))
            for rule in selection.rules)
    return found


@dataclass(frozen=True)
class _Decision:
    verdict: str
    severity: str
    shown: list[Fact]
    empty: bool = False  # a rule over elements, and none it applies to: the verdict is the rule's `if_none`
    open_applies: bool = False  # the text does not say whether the rule applies


def _decide(spec: RuleSpec, outcomes: dict[str, str], facts: dict[str, Fact], applies: bool = True) -> _Decision:
    """The verdict, the severity of the element that decided it, and the facts to show."""
    agreement = facts["agreement"]
    if outcomes.get("agreement") == "not_applicable":
        return _Decision("not_applicable", spec.severity, [agreement])
    if not applies:
        return _Decision("unknown", spec.severity, [agreement], open_applies=True)
    for_ = spec.for_
    if for_ == "agreement":
        return _decide_agreement(spec, outcomes.get("agreement"), agreement)
    per_fact = {k: ("unknown" if o == "selected" else o) for k, o in outcomes.items() if facts[k].type == for_}
    if not per_fact:
        return _Decision(spec.if_none, spec.severity, [agreement], empty=True)
    missing = spec.missing
    mapped = {k: (missing if o == "unknown" else o) for k, o in per_fact.items()}
    seen = set(mapped.values())
    verdict = next((v for v in VERDICTS if v in seen), spec.if_none)  # a failing element decides first
    severity = spec.severity
    if verdict == "fail" and spec.missing_severity and "fail" not in per_fact.values():
        severity = spec.missing_severity  # only silent elements fail it: the milder severity the rule gives them
    keys = sorted(k for k, o in mapped.items() if o == verdict) or sorted(per_fact)
    return _Decision(verdict, severity, [facts[k] for k in keys])


def _decide_agreement(spec: RuleSpec, outcome: str | None, agreement: Fact) -> _Decision:
    """`_decide` for a rule on the agreement itself (most rules): one fact, one outcome."""
    if outcome is None:
        return _Decision(spec.if_none, spec.severity, [agreement], empty=True)
    if outcome == "selected":
        outcome = "unknown"
    verdict = spec.missing if outcome == "unknown" else outcome
    if verdict not in VERDICTS:
        verdict = spec.if_none
    severity = spec.severity
    if verdict == "fail" and spec.missing_severity and outcome != "fail":
        severity = spec.missing_severity  # only its silence fails it: the milder severity the rule gives that
    return _Decision(verdict, severity, [agreement])


class _Agreement:
    """One agreement's results in the making: what its rules share (facts, lines and quotes looked up once)."""

    def __init__(self, loaded: LoadedAgreement, params: dict[str, Any], facts: dict[str, Fact],
                 as_of: dt.date | None, honour_waivers: bool) -> None:
        self.loaded, self.params, self.facts = loaded, params, facts
        self.as_of, self.honour_waivers = as_of, honour_waivers
        self.agreement = facts["agreement"]
        self.id, self.path = loaded.agreement.id, loaded.path
        self._places: dict[DocPath, tuple[int, str | None]] = {}

    def place(self, doc_path: DocPath) -> tuple[int, str | None]:
        """The line of `doc_path` and the quote nearest it: many rules point at the same place."""
        found = self._places.get(doc_path)
        if found is None:
            found = self._places[doc_path] = (self.loaded.line_of(doc_path), quote_at(self.loaded, doc_path))
        return found

    def result(self, plan: Plan, outcomes: dict[str, str], applies: bool) -> Result:
        rule, spec = plan.rule, plan.rule.spec
        decided = _decide(spec, outcomes, self.facts, applies)
        verdict, shown = decided.verdict, decided.shown
        agreement, params = self.agreement, self.params
        text = {words.lang: message(rule, words, verdict, shown, agreement, params, decided.empty, decided.open_applies)
                for words in plan.words}
        waiver = None
        if verdict == "fail" and self.loaded.agreement.waivers:
            waiver = _waiver(self.loaded, plan.id, self.as_of or report_date())
            if waiver and self.honour_waivers:  # the message stays the rule's own; each format shows the approval from `waiver`
                verdict = "waived"
        first = shown[0]
        line, quote = self.place(plan.origin if plan.origin is not None and first.type == "agreement" else first.doc_path)
        return Result(
            agreement_id=self.id, path=self.path, rule=plan.id, ruleset=rule.ruleset,
            verdict=verdict, severity=decided.severity, rule_severity=spec.severity, title=rule.title, message=text,
            citation=spec.citation, remediation=rule.remediation,
            line=line, evidence=evidence(rule.fields, plan.dated, shown, plan.params),
            source=quote, waiver=waiver, lead=spec.lead, fix=plan.fix)


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


def _stray_waivers(loaded: LoadedAgreement, results: list[Result], langs: tuple[str, ...] = LANGS) -> Result:
    verdicts = {r.rule: r.verdict for r in results}
    applied = {r.rule for r in results if r.waiver is not None}  # waived, or shown beside a failure (--no-waivers)
    waivers = loaded.agreement.waivers
    problems: dict[str, list[str]] = {lang: [] for lang in langs}
    line_path: tuple[str | int, ...] = ("waivers",)
    found = 0
    for i, w in enumerate(waivers):
        if w.rule in applied:
            continue
        for lang in langs:
            missing, unneeded = _STRAY[lang]
            template = missing if w.rule not in verdicts else unneeded
            problems[lang].append(template.format(rule=w.rule, verdict=verdicts.get(w.rule, "")))
        found += 1
        if found == 1:
            line_path = ("waivers", i)
    verdict = "not_applicable" if not waivers else "fail" if found else "pass"
    text = {lang: " ".join(problems[lang]) or (NOT_APPLICABLE[lang] if not waivers else _ALL_WAIVE[lang])
            for lang in langs}
    return Result(
        agreement_id=loaded.agreement.id, path=loaded.path, rule=WAIVER_RULE, ruleset="iop-core",
        verdict=verdict, severity="warning", rule_severity="warning",
        title={"sv": "Varje undantag avser en underkänd regel", "en": "Every waiver waives a failing rule"},
        message=text, citation="Beslutade undantag gäller avvikelser som faktiskt finns",
        remediation={"sv": "Ta bort undantaget eller rätta regel-ID:t.", "en": "Remove the waiver or correct its rule ID."},
        line=loaded.line_of(line_path), evidence={"waivers": [w.rule for w in waivers]},
        source=quote_at(loaded, line_path))
