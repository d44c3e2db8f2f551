"""What a result says: the rule's message with the agreement's values, and the evidence it rests on.

Values are written the way a Swedish (or English) reader expects them -- dates as ISO dates,
large sums with a space between thousands, units in words -- and a rule that cannot be decided
names, in words, what the agreement does not state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from .errors import DocPath, format_doc_path
from .facts import Fact
from .fields import ELEMENTS, FACT_FIELDS, label
from .loader import LoadedAgreement
from .months import from_days
from .rulesets import Rule

LANGS = ("sv", "en")


def message_langs(renderings: Iterable[str] | None) -> tuple[str, ...]:
    """The languages messages are built in for outputs named `format:language` (None: every language,
    as the library API and a result cache entry, which serves any later run, hold them)."""
    if renderings is None:
        return LANGS
    shown = {r.rpartition(":")[2] for r in renderings}
    return tuple(lang for lang in LANGS if lang in shown) or LANGS
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_UNKNOWN = {"sv": "Kan inte avgöras: överenskommelsen anger inte {missing}.",
            "en": "Cannot be decided: the agreement does not state {missing}."}
_NOT_STATED = {"sv": "(anges inte)", "en": "(not stated)"}
NOT_APPLICABLE = {"sv": "Ej tillämplig på denna överenskommelse.", "en": "Not applicable to this agreement."}
_PER = {"sv": {"half_year": "halvår", "year": "år", "period": "avtalsperioden", "month": "månad", "week": "vecka",
               "quarter": "kvartal", "place": "plats", "day": "dygn", "hour": "timme", "client": "klient",
               "participant": "deltagare", "placement": "placering"},
        "en": {"half_year": "half-year", "year": "year", "period": "agreement period", "month": "month", "week": "week",
               "quarter": "quarter", "place": "place", "day": "day", "hour": "hour", "client": "client",
               "participant": "participant", "placement": "placement"}}


_NONE = {"sv": "Kan inte avgöras: överenskommelsen anger {elements} som regeln gäller.",
         "en": "Cannot be decided: the agreement states {elements} the rule applies to."}
_OPEN = {"sv": "Kan inte avgöras utifrån texten, som lämnar frågan öppen: ",
         "en": "Cannot be decided from the text, which leaves it open: "}

#: A message template split at its placeholders: text, name, text, name, ..., text.
Template = tuple[str, ...]


def compile_template(text: str) -> Template:
    """Split once per selection, so filling in an agreement's values is a join, not a regex substitution."""
    return tuple(_PLACEHOLDER.split(text))


@dataclass(frozen=True)
class RuleWords:
    """One rule's sentences in one language, prepared once for all the agreements a selection checks."""

    lang: str
    fail: Template
    passed: Template | None  # None: a pass says the rule's title
    title: str
    none: str | None  # the rule's own words for "no element to check"
    no_elements: str  # "Cannot be decided: the agreement states no parties ..."


def rule_words(rule: Rule, lang: str) -> RuleWords:
    spec = rule.spec
    return RuleWords(lang, compile_template(getattr(spec.message, lang)),
                     compile_template(getattr(spec.pass_message, lang)) if spec.pass_message is not None else None,
                     getattr(spec.title, lang), getattr(spec.none_message, lang) if spec.none_message is not None else None,
                     _NONE[lang].format(elements=ELEMENTS[spec.for_][lang == "en"]))


def message(rule: Rule, words: RuleWords, verdict: str, shown: list[Fact], agreement: Fact, params: dict[str, Any],
            empty: bool = False, open_applies: bool = False) -> str:
    """The message in `words`' language, for the facts that decided the verdict.

    `empty`: the rule looks at elements (parties, funding …) and the agreement has none it applies to.
    """
    lang = words.lang
    if open_applies:
        missing = missing_labels(rule, shown, lang, rule.applies_fields)
        return _UNKNOWN[lang].format(missing=", ".join(missing) or "-")
    if empty and words.none is not None:
        return words.none
    if empty and verdict == "unknown":
        return words.no_elements
    if verdict == "not_applicable":
        return NOT_APPLICABLE[lang]
    if verdict == "unknown":
        missing = missing_labels(rule, shown, lang)
        return (_UNKNOWN[lang].format(missing=", ".join(missing)) if missing
                else _OPEN[lang] + fill(words.fail, shown[0].values, params, agreement.values, lang))
    template = words.fail if verdict == "fail" else words.passed
    if template is None:
        return words.title
    if len(template) == 1:
        return template[0]
    if len(shown) == 1:
        return fill(template, shown[0].values, params, agreement.values, lang)
    sentences = [fill(template, fact.values, params, agreement.values, lang) for fact in shown]
    return " ".join(dict.fromkeys(sentences))  # the same sentence once


def missing_labels(rule: Rule, shown: list[Fact], lang: str, fields: tuple[str, ...] | None = None) -> list[str]:
    """What the agreement does not state that the rule reads, in words (the file's key in brackets)."""
    missing = sorted({(fact.type, f) for fact in shown for f in (rule.fields if fields is None else fields)
                      if f not in fact.values and f in FACT_FIELDS[fact.type]})
    return list(dict.fromkeys(label(t, f, lang) for t, f in missing))


def fill(template: Template, values: dict[str, Any], params: dict[str, Any], agreement: dict[str, Any], lang: str) -> str:
    """The template with each placeholder's value: the fact's own, else the parameter, else the agreement's."""
    out = [template[0]]
    for i in range(1, len(template), 2):
        name = template[i]
        for source in (values, params, agreement):
            value = source.get(name)
            if value is not None:
                out.append(format_value(name, value, lang))
                break
        else:
            out.append(_NOT_STATED[lang])
        out.append(template[i + 1])
    return "".join(out)


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


def evidence(fields: tuple[str, ...], dated: frozenset[str], shown: list[Fact], params: dict[str, Any]) -> dict[str, Any]:
    """The values the rule looked at, keyed by where they are in the agreement file; `params` (the rule's
    parameters and their values, the same for every agreement of a selection) last; `dated`: the fields
    whose day numbers are shown as ISO dates."""
    out: dict[str, Any] = {}
    for fact in shown:
        values = fact.values
        picked = {f: values[f] for f in fields if f in values}
        for f in dated.intersection(picked) if dated else ():
            picked[f] = _plain(f, picked[f])
        if fact.type == "agreement":
            out.update(picked)
        else:
            out[format_doc_path(fact.doc_path)] = picked
    if params:
        out.update(params)
    return out


def _plain(name: str, value: Any) -> Any:
    return from_days(value).isoformat() if name.endswith("_date") and isinstance(value, int) else value


def quote_at(loaded: LoadedAgreement, doc_path: DocPath) -> str | None:
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
