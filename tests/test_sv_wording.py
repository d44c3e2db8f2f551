"""What a municipal lawyer reads in Swedish names things in words, never by the agreement file's keys.

Every rule's examples are run (as `iop-rules test` runs them) and every Swedish message, remedy
and model clause they produce is searched for a key or value of the agreement schema written as
one: in backticks, as a dotted path (`period.end`), with an underscore (`follow_up`, `in_kind`) or
as an English key that is no Swedish word (`payment`, `contacts`).  The bracketed list of keys a
message may end with (`[period.end]`) is the hint for the file's author, which every report shows
apart from the text in smaller type, so it is taken off first, by the function the reports use.
"""
from __future__ import annotations

import re
import typing
from functools import cache

from pydantic import BaseModel

from iop_rules import fields, messages, model
from iop_rules.engine import get_backend
from iop_rules.loader import LoadedAgreement
from iop_rules.render.review import split_keys
from iop_rules.results import Result
from iop_rules.rulesets import load_rulesets
from iop_rules.runner import check_loaded
from iop_rules.yamlpos import Positions

#: Keys that are also ordinary Swedish words ("perioden", "per år", "budget", "total", "start",
#: "status", "text", "kind", "basis", "lov", "id"): flagged only in a key's form (backticks, a path).
SWEDISH_WORDS = frozenset({"period", "budget", "start", "total", "status", "per", "text", "kind", "basis", "lov", "id"})


def _annotations(annotation: object) -> list[object]:
    """The classes and Literals inside an annotation (Optional, list, Annotated unwrapped)."""
    if typing.get_origin(annotation) is typing.Literal:
        return [annotation]
    args = typing.get_args(annotation)
    return [annotation] if not args else [a for arg in args for a in _annotations(arg)]


def _schema_words(cls: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    """Every key of the agreement schema, and every enumerated value (`in_kind`, `idea_based`)."""
    seen.add(cls)
    out: set[str] = set()
    for name, info in cls.model_fields.items():
        out.add(info.alias or name)
        for ann in _annotations(info.annotation):
            if typing.get_origin(ann) is typing.Literal:
                out.update(v for v in typing.get_args(ann) if isinstance(v, str))
            elif isinstance(ann, type) and issubclass(ann, BaseModel) and ann not in seen:
                out |= _schema_words(ann, seen)
    return out


@cache
def schema_words() -> frozenset[str]:
    words = _schema_words(model.Agreement, set())
    for f in fields.DECLARED:  # the keys the fact table reads, as written there ("funding.covers, period")
        words.update(part for key in f.key.split(",") for part in key.strip().split("[")[0].split(".") if part)
    return frozenset(w for w in words if re.fullmatch(r"[a-z][a-z0-9_]*", w))


_TOKEN = re.compile(r"`(?P<code>[^`]+)`|(?<![\w.-])(?P<word>[a-z][a-z0-9_]*(?:\[\d*\])?(?:\.[a-z][a-z0-9_]*(?:\[\d*\])?)*)(?![\w-])")


def keys_in(text: str) -> list[str]:
    """The schema keys a reader would see written as keys, once the author's bracketed hint is taken off."""
    body, _hint = split_keys(text)
    words = schema_words()
    found = []
    for m in _TOKEN.finditer(body):
        if m["code"] is not None:
            parts = re.split(r"[.\[\]:\s]+", m["code"])
            if any(p in words for p in parts):
                found.append(m[0])
            continue
        token = m["word"]
        head = re.split(r"[.\[]", token)[0]
        if head not in words:
            continue
        bracketed = body[m.start() - 1:m.start()] == "[" and body[m.end():m.end() + 1] == "]"  # a hint left in the text
        if "." in token or "_" in token or "[" in token or bracketed or head not in SWEDISH_WORDS:
            found.append(token)
    return found


def test_the_detector_flags_keys_and_spares_swedish_words() -> None:
    assert keys_in("Ange antal utbetalningar per år eller datum (`payment`).") == ["`payment`"]
    assert keys_in("Ange `period.start` och period.end.") == ["`period.start`", "period.end"]
    assert keys_in("Föreningen bidrar in_kind och follow_up saknas; payment anges inte.") == ["in_kind", "follow_up", "payment"]
    assert keys_in("Ange `non_profit: true` för parten.") == ["`non_profit: true`"]
    assert keys_in("Ange ett datum [date] och en period [period. ]") == ["date"]  # left in the text, not a hint
    spared = ("Perioden är för kort: start 2020-01-01, 12 månader per år, budget och total stämmer; status: utkast. "
              "Kan inte avgöras: överenskommelsen anger inte periodens slutdatum [period.end, follow_up.cadence]. "
              "Betalas ut i [två] lika delar. Idéburen part, e-post och LOV-system.")
    assert keys_in(spared) == []


def _swedish_texts(r: Result) -> list[tuple[str, str]]:
    out = [("message", r.message.get("sv", "")), ("remediation", r.remediation.get("sv", "")), ("citation", r.citation)]
    if r.fix:
        out.append(("fix", r.fix.get("sv") or ""))
    return out


def test_no_swedish_text_of_any_rule_example_names_a_schema_key_or_a_parameter() -> None:
    library, backend = load_rulesets(), get_backend("python")
    parameters = {p for rs in library.by_id.values() for p in rs.spec.parameters}  # a ruleset's names, no lawyer's
    offences: dict[str, set[str]] = {}
    seen = 0
    for rid in sorted(library.by_id):
        for rule in library.by_id[rid].rules:
            for ex in rule.spec.examples:
                agreement = model.Agreement.model_validate({"id": "example", **ex.agreement})
                report = check_loaded(LoadedAgreement(agreement, rule.path, Positions()), library, backend, ex.as_of, rid)
                for r in report.results:
                    for what, text in _swedish_texts(r):
                        seen += 1
                        named = [*keys_in(text), *(p for p in parameters if re.search(rf"\b{p}\b", text))]
                        for key in named:
                            offences.setdefault(f"{r.rule} {what}: {text}", set()).add(key)
    assert seen > 1000  # every example of every ruleset ran
    assert not offences, "\n".join(f"{where} -> {sorted(keys)}" for where, keys in sorted(offences.items()))


def test_the_fixed_swedish_phrases_of_messages_name_no_keys() -> None:
    phrases = [messages._UNKNOWN["sv"], messages._NONE["sv"], messages._OPEN["sv"], messages._NOT_STATED["sv"],
               messages.NOT_APPLICABLE["sv"], *messages._PER["sv"].values()]
    assert [p for p in phrases if keys_in(p)] == []


def test_reports_show_a_remedys_keys_apart_from_its_words() -> None:
    """HTML and Markdown: the words in the remedy, the file's keys after it in small type (a span, a <sub>)."""
    from tests.conftest import AGREEMENTS, run_cli
    html = run_cli("check", str(AGREEMENTS), "--format", "html").out
    remedies = re.findall(r'<p class="remediation">(.*?)</p>', html)
    with_keys = [r for r in remedies if "[" in r]
    assert with_keys and all(re.fullmatch(r'[^\[<]*(?:<code class="key">[^<]*</code>[^\[<]*)* <span class="hint">\[[a-z_.,\[\] ]+\]</span>', r)
                             for r in with_keys), with_keys
    markdown = run_cli("check", str(AGREEMENTS), "--format", "markdown").out
    lines = [line for line in markdown.splitlines() if line.startswith("  - Åtgärd: ")]
    assert any("<sub>(fält" in line for line in lines)
    assert not [line for line in lines if keys_in(line.split(" <sub>")[0])], lines
