"""Firings -> one result per (agreement, rule), with what a reviewer needs.

The engines say which branch held for which fact; this module turns
that into a verdict per rule, applies waivers, and attaches the message
with the actual values, the citation, the YAML line, the facts looked at
and the agreement's own sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from .conditions import AllOf, AnyOf, Compare, Condition, FieldRef, Not, ParamRef, Presence
from .engine import Backend, Firing
from .engine.ir import compile_selection, passes_by_default
from .errors import format_doc_path
from .facts import FACT_FIELDS, FIELD_LABELS, Fact, decision_date, derive_facts
from .loader import LoadedAgreement
from .months import from_days
from .rulesets import Rule, RulesetLibrary, Selection

VERDICTS = ("fail", "unknown", "waived", "pass", "not_applicable")
SEVERITIES = ("error", "warning", "info")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


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


@dataclass(frozen=True)
class AgreementReport:
    id: str
    path: str
    rulesets: tuple[str, ...]
    citations: dict[str, str]
    results: tuple[Result, ...]
    summary: dict[str, Any] = field(default_factory=dict)


def check_loaded(loaded: LoadedAgreement, library: RulesetLibrary, backend: Backend,
                 as_of: dt.date | None = None, forced: str | None = None) -> AgreementReport:
    """Select rulesets, derive facts, run the engine, and build the results."""
    a = loaded.agreement
    selection = library.select(a.decision.authority if a.decision else None,
                               a.decision.body if a.decision else None, decision_date(a), forced)
    facts = derive_facts(loaded, as_of)
    firings = backend.evaluate(compile_selection(selection), facts)
    results = build_results(loaded, selection, facts, firings, as_of)
    return AgreementReport(a.id, loaded.path, selection.ids,
                           {rs.id: rs.spec.citation for rs in selection.rulesets}, tuple(results),
                           _header(loaded, facts))


def _header(loaded: LoadedAgreement, facts: list[Fact]) -> dict[str, Any]:
    """What a report shows above the findings, and what a portfolio audit adds up."""
    a = loaded.agreement
    v = facts[0].values
    start = a.period.start if a.period else None
    end = a.period.end if a.period else None
    return {
        "parties": [{"name": p.name, "role": p.role} for p in a.parties],
        "authority": a.decision.authority if a.decision else None,
        "body": a.decision.body if a.decision else None,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "duration_months": v.get("duration_months"),
        "cash_total": sum(f.amount or 0 for f in a.funding if f.kind == "cash"),
        "cash_by_year": cash_by_year(loaded),
        "organisations": [{"name": p.name, "org_number": p.org_number} for p in a.parties if p.role == "idea_based"],
        "deadlines": _deadlines(loaded),
    }


def _deadlines(loaded: LoadedAgreement) -> list[dict[str, Any]]:
    """Dates someone must act on: reports due, the review, the end."""
    a = loaded.agreement
    received = {e.report_due for e in a.log if e.kind == "report_received"}
    out = [{"kind": "report", "date": r.due.isoformat(), "description": r.description or r.kind,
            "done": r.due in received} for r in (a.follow_up.reports if a.follow_up else [])]
    if a.review:
        out.append({"kind": "review", "date": a.review.date.isoformat(), "description": "översyn",
                    "done": any(e.kind == "review_decision" for e in a.log)})
    if a.period and a.period.end:
        out.append({"kind": "end", "date": a.period.end.isoformat(), "description": "slut",
                    "done": any(e.kind == "continuation_decision" for e in a.log)})
    return sorted(out, key=lambda d: (d["date"], d["kind"]))


def cash_by_year(loaded: LoadedAgreement) -> dict[str, int]:
    """Cash per calendar year: yearly amounts prorated by month, period amounts spread evenly."""
    a = loaded.agreement
    totals: dict[str, float] = {}
    for f in a.funding:
        period = f.covers or a.period
        if f.kind != "cash" or not f.amount or period is None or not period.start or not period.end:
            continue
        months = _months_by_year(period.start, period.end)
        n = sum(months.values())
        for year, m in months.items():
            share = f.amount * m / 12 if f.per == "year" else f.amount * m / n if f.per == "period" else 0
            totals[year] = totals.get(year, 0) + share
    return {year: round(total) for year, total in sorted(totals.items())}


def _months_by_year(start: dt.date, end: dt.date) -> dict[str, int]:
    out: dict[str, int] = {}
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out[str(year)] = out.get(str(year), 0) + 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def build_results(loaded: LoadedAgreement, selection: Selection, facts: list[Fact],
                  firings: Sequence[Firing], as_of: dt.date | None) -> list[Result]:
    by_rule: dict[str, dict[str, str]] = {}
    for f in firings:
        outcomes = by_rule.setdefault(f.rule_id, {})
        # one outcome per fact; a disagreement here would be an engine bug
        outcomes[f.fact_key] = _strongest(outcomes.get(f.fact_key), f.outcome)
    facts_by_key = {f.key: f for f in facts}
    results = [_result(loaded, selection, rule, by_rule.get(rule.id, {}), facts_by_key, as_of)
               for rule in selection.rules]
    return sorted([*results, _stray_waivers(loaded, results)], key=lambda r: r.rule)


WAIVER_RULE = "IOP-WAIVER-01"
_STRAY = {"sv": ("Undantaget för {rule} avser en regel som inte finns i de valda regelverken.",
                 "Undantaget för {rule} behövs inte: regeln är {verdict}."),
          "en": ("The waiver for {rule} names a rule that is not in the selected rulesets.",
                 "The waiver for {rule} is not needed: the rule is {verdict}.")}


def _stray_waivers(loaded: LoadedAgreement, results: list[Result]) -> Result:
    """Built in, because it reads the other rules' verdicts: a waiver must waive something."""
    verdicts = {r.rule: r.verdict for r in results}
    waivers = loaded.agreement.waivers
    problems = {lang: [] for lang in ("sv", "en")}
    line_path: tuple[str | int, ...] = ("waivers",)
    for i, w in enumerate(waivers):
        if verdicts.get(w.rule) == "waived":
            continue
        for lang in ("sv", "en"):
            missing, unneeded = _STRAY[lang]
            text = missing if w.rule not in verdicts else unneeded
            problems[lang].append(text.format(rule=w.rule, verdict=verdicts.get(w.rule, "")))
        if len(problems["sv"]) == 1:
            line_path = ("waivers", i)
    verdict = "not_applicable" if not waivers else "fail" if problems["sv"] else "pass"
    message = {lang: " ".join(problems[lang]) or (_NOT_APPLICABLE[lang] if not waivers else
                                                  {"sv": "Varje undantag avser en underkänd regel.",
                                                   "en": "Every waiver waives a failing rule."}[lang])
               for lang in ("sv", "en")}
    return Result(
        agreement_id=loaded.agreement.id, path=loaded.path, rule=WAIVER_RULE, ruleset="iop-core",
        verdict=verdict, severity="warning", rule_severity="warning",
        title={"sv": "Varje undantag avser en underkänd regel", "en": "Every waiver waives a failing rule"},
        message=message, citation="Beslutade undantag gäller avvikelser som faktiskt finns",
        remediation={"sv": "Ta bort undantaget eller rätta regel-ID:t.", "en": "Remove the waiver or correct its rule ID."},
        line=loaded.line_of(line_path), evidence={"waivers": [w.rule for w in waivers]},
        source=_source(loaded, line_path))


def _strongest(old: str | None, new: str) -> str:
    order = ("not_applicable", "fail", "unknown", "pass")
    return new if old is None or order.index(new) < order.index(old) else old


def _result(loaded: LoadedAgreement, selection: Selection, rule: Rule, outcomes: dict[str, str],
            facts: dict[str, Fact], as_of: dt.date | None) -> Result:
    spec = rule.spec
    agreement = facts["agreement"]
    params = selection.params
    severity = spec.severity
    if outcomes.get("agreement") == "not_applicable":
        verdict, shown = "not_applicable", [agreement]
    else:
        per_fact = {k: o for k, o in outcomes.items() if facts[k].type == spec.for_}
        mapped = {k: (spec.missing if o == "unknown" else o) for k, o in per_fact.items()}
        if any(o == "unknown" and spec.missing == "fail" for o in per_fact.values()) and spec.missing_severity:
            severity = spec.missing_severity
        default = "pass" if passes_by_default(rule) else spec.if_none
        verdict = next((v for v in ("fail", "unknown", "pass") if v in mapped.values()), default)
        keys = sorted(k for k, o in mapped.items() if o == verdict) or sorted(per_fact)
        shown = [facts[k] for k in keys] or [agreement]
    static = _static(rule)
    fields = static.fields
    message = _message(rule, verdict, shown, agreement, params, fields)
    waiver = _waiver(loaded, rule.id, as_of) if verdict == "fail" else None
    if waiver:  # the message stays the rule's own; each format shows the approval from `waiver`
        verdict = "waived"
    doc_path = shown[0].origin(fields[0]) if fields and shown[0].type == "agreement" else shown[0].doc_path
    return Result(
        agreement_id=loaded.agreement.id, path=loaded.path, rule=rule.id, ruleset=rule.ruleset,
        verdict=verdict, severity=severity, rule_severity=spec.severity, title=static.title, message=message,
        citation=spec.citation, remediation=static.remediation,
        line=loaded.line_of(doc_path), evidence=_evidence(shown, fields, params, static.params),
        source=_source(loaded, doc_path), waiver=waiver)


@dataclass(frozen=True)
class _RuleStatic:
    """What a rule contributes to every result, computed once per rule."""

    fields: list[str]
    params: list[str]
    title: dict[str, str]
    remediation: dict[str, str]


_statics: dict[int, tuple[Rule, _RuleStatic]] = {}


def _static(rule: Rule) -> _RuleStatic:
    cached = _statics.get(id(rule))
    if cached is None or cached[0] is not rule:
        static = _RuleStatic(sorted(_fields(c for c in (rule.expect, rule.where) if c)),
                             sorted(_params_of([rule.expect])),
                             rule.spec.title.model_dump(), rule.spec.remediation.model_dump())
        cached = _statics[id(rule)] = (rule, static)
    return cached[1]


_UNKNOWN = {"sv": "Kan inte avgöras: överenskommelsen anger inte {missing}.",
            "en": "Cannot be decided: the agreement does not state {missing}."}
_NOT_STATED = {"sv": "(anges inte)", "en": "(not stated)"}
_NOT_APPLICABLE = {"sv": "Ej tillämplig på denna överenskommelse.", "en": "Not applicable to this agreement."}


def _message(rule: Rule, verdict: str, shown: list[Fact], agreement: Fact,
             params: dict[str, Any], fields: list[str]) -> dict[str, str]:
    spec = rule.spec
    out = {}
    for lang in ("sv", "en"):
        if verdict == "not_applicable":
            out[lang] = _NOT_APPLICABLE[lang]
        elif verdict == "unknown":
            missing = sorted({f for fact in shown for f in fields if f not in fact.values and f in FACT_FIELDS[fact.type]})
            labels = [FIELD_LABELS[f][lang == "en"] if f in FIELD_LABELS else f for f in missing]
            out[lang] = _UNKNOWN[lang].format(missing=", ".join(dict.fromkeys(labels)) or "-")
        else:
            template = spec.message if verdict == "fail" else spec.pass_message
            if template is None:
                out[lang] = getattr(spec.title, lang)
                continue
            sentences = [_fill(getattr(template, lang), fact, agreement, params, lang) for fact in shown]
            out[lang] = " ".join(dict.fromkeys(sentences))  # the same sentence once
    return out


def _fill(template: str, fact: Fact, agreement: Fact, params: dict[str, Any], lang: str) -> str:
    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        for source in (fact.values, params, agreement.values):
            if name in source and source[name] is not None:
                return format_value(name, source[name], lang)
        return _NOT_STATED[lang]
    return _PLACEHOLDER.sub(value, template)


_PER = {"sv": {"half_year": "halvår", "year": "år", "period": "avtalsperioden", "month": "månad", "week": "vecka",
               "place": "plats", "hour": "timme", "client": "klient"},
        "en": {"half_year": "half-year", "year": "year", "period": "agreement period", "month": "month", "week": "week",
               "place": "place", "hour": "hour", "client": "client"}}


def format_value(name: str, value: Any, lang: str) -> str:
    """Values as a Swedish (or English) reader expects them."""
    if name == "per" and isinstance(value, str):
        return _PER[lang].get(value, value)
    if name.endswith("_date") and isinstance(value, int):
        return from_days(value).isoformat()
    if isinstance(value, bool):
        return {"sv": ("ja", "nej"), "en": ("yes", "no")}[lang][0 if value else 1]
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang == "sv" else text
    if isinstance(value, int) and abs(value) >= 10000:
        return f"{value:,}".replace(",", " " if lang == "sv" else ",")
    return str(value)


def _leaves(conds: Iterable[Condition]) -> Iterable[Compare | Presence]:
    for c in conds:
        if isinstance(c, (Compare, Presence)):
            yield c
        elif isinstance(c, (AllOf, AnyOf)):
            yield from _leaves(c.items)
        elif isinstance(c, Not):
            yield from _leaves([c.item])


def _operands(leaf: Compare | Presence) -> tuple[object, ...]:
    if not isinstance(leaf, Compare):
        return ()
    return leaf.operand if isinstance(leaf.operand, tuple) else (leaf.operand,)


def _fields(conds: Iterable[Condition]) -> set[str]:
    """Every fact field a condition reads, on either side of a comparison."""
    out: set[str] = set()
    for leaf in _leaves(conds):
        out.add(leaf.field)
        out.update(o.field for o in _operands(leaf) if isinstance(o, FieldRef))
    return out


def _params_of(conds: Iterable[Condition]) -> set[str]:
    return {o.name for leaf in _leaves(conds) for o in _operands(leaf) if isinstance(o, ParamRef)}


def _evidence(shown: list[Fact], fields: list[str], params: dict[str, Any], param_names: list[str]) -> dict[str, Any]:
    """The values the rule looked at, keyed by where they are in the agreement file."""
    out: dict[str, Any] = {}
    for fact in shown:
        values = {f: _plain(f, fact.values[f]) for f in fields if f in fact.values}
        if fact.type == "agreement":
            out.update(values)
        else:
            out[format_doc_path(fact.doc_path)] = values
    for name in param_names:
        out[name] = params.get(name)
    return out


def _plain(name: str, value: Any) -> Any:
    return from_days(value).isoformat() if name.endswith("_date") and isinstance(value, int) else value


def _source(loaded: LoadedAgreement, doc_path: tuple[str | int, ...]) -> str | None:
    """The `source` quote of the object at `doc_path` or its nearest quoted ancestor."""
    for cut in range(len(doc_path), 0, -1):
        node: Any = loaded.agreement
        for part in doc_path[:cut]:
            node = node[part] if isinstance(part, int) else getattr(node, part, None)
            if node is None:
                break
        quote = getattr(node, "source", None)
        if isinstance(quote, str):
            return quote
    return None


def _waiver(loaded: LoadedAgreement, rule_id: str, as_of: dt.date | None) -> dict[str, Any] | None:
    """A recorded, approved deviation that has not expired as of the audit date."""
    for w in loaded.agreement.waivers:
        if w.rule == rule_id and not (as_of and w.expires and w.expires < as_of):
            return {"approved_by": w.approved_by, "reference": w.reference or "-", "reason": w.reason,
                    "expires": w.expires.isoformat() if w.expires else None}
    return None


def counts(reports: Iterable[AgreementReport]) -> dict[str, Any]:
    """Verdicts and failing severities over a run, for the summary line."""
    verdicts = {v: 0 for v in VERDICTS}
    failing = {s: 0 for s in SEVERITIES}
    n = 0
    for rep in reports:
        n += 1
        for r in rep.results:
            verdicts[r.verdict] += 1
            if r.verdict == "fail":
                failing[r.severity] += 1
    return {"agreements": n, "verdicts": verdicts, "failing_by_severity": failing}
