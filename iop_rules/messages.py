"""What a result says: the rule's message with the agreement's values, and the evidence it rests on.

Values are written the way a Swedish (or English) reader expects them -- dates as ISO dates,
large sums with a space between thousands, units in words -- and a rule that cannot be decided
names, in words, what the agreement does not state.
"""
from __future__ import annotations

import re
from typing import Any

from .errors import DocPath, format_doc_path
from .facts import Fact
from .fields import ELEMENTS, FACT_FIELDS, label
from .loader import LoadedAgreement
from .months import from_days
from .rulesets import Rule

LANGS = ("sv", "en")
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


def message(rule: Rule, verdict: str, shown: list[Fact], agreement: Fact, params: dict[str, Any],
            empty: bool = False, open_applies: bool = False) -> dict[str, str]:
    """The message in both languages, for the facts that decided the verdict.

    `empty`: the rule looks at elements (parties, funding …) and the agreement has none it applies to.
    """
    spec = rule.spec
    out = {}
    for lang in LANGS:
        if open_applies:
            missing = missing_labels(rule, shown, lang, rule.applies_fields)
            out[lang] = _UNKNOWN[lang].format(missing=", ".join(missing) or "-")
        elif empty and spec.none_message is not None:
            out[lang] = getattr(spec.none_message, lang)
        elif empty and verdict == "unknown":
            out[lang] = _NONE[lang].format(elements=ELEMENTS[spec.for_][lang == "en"])
        elif verdict == "not_applicable":
            out[lang] = NOT_APPLICABLE[lang]
        elif verdict == "unknown":
            missing = missing_labels(rule, shown, lang)
            out[lang] = (_UNKNOWN[lang].format(missing=", ".join(missing)) if missing
                         else _OPEN[lang] + _fill(getattr(spec.message, lang), shown[0], agreement, params, lang))
        else:
            template = spec.message if verdict == "fail" else spec.pass_message
            if template is None:
                out[lang] = getattr(spec.title, lang)
                continue
            sentences = [_fill(getattr(template, lang), fact, agreement, params, lang) for fact in shown]
            out[lang] = " ".join(dict.fromkeys(sentences))  # the same sentence once
    return out


_OPEN = {"sv": "Kan inte avgöras utifrån texten, som lämnar frågan öppen: ",
         "en": "Cannot be decided from the text, which leaves it open: "}


def missing_labels(rule: Rule, shown: list[Fact], lang: str, fields: tuple[str, ...] | None = None) -> list[str]:
    """What the agreement does not state that the rule reads, in words (the file's key in brackets)."""
    missing = sorted({(fact.type, f) for fact in shown for f in (rule.fields if fields is None else fields)
                      if f not in fact.values and f in FACT_FIELDS[fact.type]})
    return list(dict.fromkeys(label(t, f, lang) for t, f in missing))


def _fill(template: str, fact: Fact, agreement: Fact, params: dict[str, Any], lang: str) -> str:
    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        for source in (fact.values, params, agreement.values):
            if name in source and source[name] is not None:
                return format_value(name, source[name], lang)
        return _NOT_STATED[lang]
    return _PLACEHOLDER.sub(value, template)


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


def evidence(rule: Rule, shown: list[Fact], params: dict[str, Any]) -> dict[str, Any]:
    """The values the rule looked at, keyed by where they are in the agreement file."""
    out: dict[str, Any] = {}
    for fact in shown:
        values = {f: _plain(f, fact.values[f]) for f in rule.fields if f in fact.values}
        if fact.type == "agreement":
            out.update(values)
        else:
            out[format_doc_path(fact.doc_path)] = values
    for name in rule.params:
        out[name] = params.get(name)
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
