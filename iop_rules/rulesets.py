"""Rulesets: the guidelines as dated data.

A ruleset file says which document it encodes, whom it binds (authority
and deciding body), from when until when it was in force, which ruleset
it `extends`, its parameters -- each value with the legal reference
beside it, in the spirit of openfisca's parameters -- and its rules.

A rule's conditions are data (see conditions.py).  Everything is
checked as it is loaded, so a ruleset with an unknown operator, field
or parameter, a duplicate rule ID or a broken `extends` is refused with
`path:line` before any agreement is checked.

(Over 300 lines: the ruleset schema, its loading and selection are one document's life; splitting
selection off would put `extends` resolution and in-force dates in two places.)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from .conditions import AllOf, Condition, ConditionParser, Presence, fields_read, params_read
from .errors import DocPath, IopError
from .fields import FACT_FIELDS
from .verdicts import Severity, Verdict
from .loader import validate_document
from .yamlpos import Positions, load_yaml_file


def _shipped_dir() -> Path:
    """The shipped rulesets: packaged beside the code when installed, the source tree in a checkout."""
    packaged = Path(__file__).resolve().parent / "rulesets_data"  # see [tool.setuptools.package-dir]
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "rulesets"


SHIPPED_DIR = _shipped_dir()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(_Strict):
    sv: StrictStr
    en: StrictStr


class DatedValue(_Strict):
    """A parameter's value in force from a date (openfisca-style), with its own legal source."""

    start: dt.date = Field(alias="from")
    value: int | float
    reference: StrictStr


class Parameter(_Strict):
    """A value the rules compare with: one value, or values by date (`values`), each with its reference.

    A dated parameter takes the value in force on the agreement's decision date; before its
    first date, or with no decision date, it is unset (a rule then says what that means).
    """

    value: int | float | None = None
    values: list[DatedValue] = Field(default_factory=list)
    reference: StrictStr = Field(description="The legal source of the value: document and paragraph.")
    description: StrictStr | None = None

    def on(self, day: dt.date | None) -> int | float | None:
        if not self.values:
            return self.value
        if day is None:
            return None
        in_force = [v for v in self.values if v.start <= day]
        return max(in_force, key=lambda v: v.start).value if in_force else None

    def period_key(self, day: dt.date | None) -> int:
        """Which dated value applies: selections differ only by it."""
        if not self.values or day is None:
            return -1
        return sum(v.start <= day for v in self.values)


class InForce(_Strict):
    start: dt.date = Field(alias="from")
    until: dt.date | None = None


class Example(_Strict):
    name: StrictStr
    agreement: dict[str, Any]
    as_of: dt.date | None = None
    expect: dict[StrictStr, Verdict]


class Fix(_Strict):
    """The model clause a reviewer proposes for a missing one, with where its wording comes from."""

    sv: StrictStr = Field(min_length=1)
    en: StrictStr | None = None
    source: StrictStr = Field(min_length=1, description="The template or guideline the clause follows.")


class RuleSpec(_Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    severity: Severity
    title: Text
    citation: StrictStr
    remediation: Text
    message: Text = Field(description="Shown for a failing fact; {field} and {param} placeholders.")
    pass_message: Text | None = None
    for_: str = Field(default="agreement", alias="for")
    where: Any = None
    applies_if: Any = None
    expect: Any
    unknown_if: Any = Field(default=None, description="When `expect` is false but this holds, the text does not "
                                                      "decide the rule: `unknown` (e.g. a term known only in years).")
    missing: Literal["unknown", "fail", "pass"] = "unknown"
    missing_severity: Severity | None = None
    if_none: Literal["unknown", "fail", "not_applicable"] = Field(
        default="unknown", description="The verdict when no element matches `where`: nothing to check is never a "
                                       "pass; a rule that says emptiness is fine says why in `none_message`.")
    none_message: Text | None = None
    lead: bool = Field(default=False, description="Shown before every other finding of its agreement.")
    fix: Fix | None = Field(default=None, description="A presence rule's model clause (`Föreslagen lydelse`).")
    examples: list[Example] = Field(default_factory=list)


class RulesetSpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: StrictStr
    citation: StrictStr
    authority: StrictStr | None = None
    body: StrictStr | None = None
    in_force: InForce | None = None
    extends: StrictStr | None = None
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    rules: list[RuleSpec] = Field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    """A validated rule with its parsed conditions and where it is written."""

    spec: RuleSpec
    ruleset: str
    path: str
    line: int
    where: Condition | None
    applies_if: Condition | None
    expect: Condition
    unknown_if: Condition | None = None

    @property
    def id(self) -> str:
        return self.spec.id

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """The fact fields `where` and `expect` read: what a result shows, and names when missing."""
        return tuple(sorted(fields_read(c for c in (self.expect, self.where, self.unknown_if) if c)))

    @cached_property
    def applies_fields(self) -> tuple[str, ...]:
        """The fields `applies_if` reads: named when the text does not say whether the rule applies."""
        return tuple(sorted(fields_read([self.applies_if]))) if self.applies_if else ()

    @cached_property
    def params(self) -> tuple[str, ...]:
        """The parameters `expect` compares with, shown beside the values."""
        return tuple(sorted(params_read([self.expect])))

    @property
    def is_presence_rule(self) -> bool:
        """Fails when the agreement does not say something: what a model clause can mend."""
        if self.spec.missing == "fail":
            return True
        conds = self.expect.items if isinstance(self.expect, AllOf) else (self.expect,)
        return all(isinstance(c, Presence) and c.present for c in conds)

    @cached_property
    def title(self) -> dict[str, str]:
        return self.spec.title.model_dump()

    @cached_property
    def remediation(self) -> dict[str, str]:
        return self.spec.remediation.model_dump()


@dataclass(frozen=True)
class Ruleset:
    spec: RulesetSpec
    path: str
    rules: tuple[Rule, ...]

    @property
    def id(self) -> str:
        return self.spec.id

    def in_force_on(self, day: dt.date) -> bool:
        f = self.spec.in_force
        return f is None or (f.start <= day and (f.until is None or day <= f.until))


def build_ruleset(data: Any, positions: Positions, path: str, inherited_params: frozenset[str] = frozenset()) -> Ruleset:
    spec = validate_document(RulesetSpec, data, positions, path, "`id:`, `rules:`, ...")
    params = set(spec.parameters) | set(inherited_params)
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for i, rs in enumerate(spec.rules):
        at: DocPath = ("rules", i)
        if rs.id in seen:
            line, col = positions.of_value((*at, "id"))
            raise IopError(f"duplicate rule ID {rs.id!r} (first on line {seen[rs.id]}), expected each ID once", path, line, col, (*at, "id"))
        seen[rs.id] = positions.of_value(at)[0]
        rules.append(_parse_rule(rs, spec.id, path, positions, at, params))
    return Ruleset(spec, path, tuple(rules))


def _parse_rule(rs: RuleSpec, ruleset_id: str, path: str, positions: Positions, at: DocPath, params: set[str]) -> Rule:
    if rs.for_ not in FACT_FIELDS:
        line, col = positions.of_value((*at, "for"))
        raise IopError(f"unknown fact type {rs.for_!r}, expected one of: {', '.join(FACT_FIELDS)}", path, line, col, (*at, "for"))
    on_element = ConditionParser(path, positions, rs.for_, params)
    on_agreement = ConditionParser(path, positions, "agreement", params)
    for key in ("where", "applies_if", "expect", "unknown_if"):
        _check_names(getattr(rs, key), (*at, key), on_element)
    where = on_element.parse(rs.where, (*at, "where")) if rs.where is not None else None
    applies = on_agreement.parse(rs.applies_if, (*at, "applies_if")) if rs.applies_if is not None else None
    expect = on_element.parse(rs.expect, (*at, "expect"))
    unknown_if = on_element.parse(rs.unknown_if, (*at, "unknown_if")) if rs.unknown_if is not None else None
    _check_placeholders(rs, on_element, params, at)
    return Rule(rs, ruleset_id, path, positions.of_value(at)[0], where, applies, expect, unknown_if)


def _check_names(data: Any, at: DocPath, parser: ConditionParser) -> None:
    """A list or mapping where a field or parameter name belongs would reach a name lookup as an unhashable key."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            _check_names(item, (*at, i), parser)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key in ("field", "param") and not isinstance(value, str):
                got = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else repr(value)
                raise parser.error((*at, key), f"`{key}:` takes one {'field' if key == 'field' else 'parameter'} name, "
                                               f"got {got}, expected a name such as `{key}: {_EXAMPLE_NAME[key]}`")
            _check_names(value, (*at, key), parser)


_EXAMPLE_NAME = {"field": "duration_months", "param": "max_duration_months"}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _check_placeholders(rs: RuleSpec, parser: ConditionParser, params: set[str], at: DocPath) -> None:
    for key in ("message", "pass_message"):
        text = getattr(rs, key)
        for lang in ("sv", "en"):
            for name in _PLACEHOLDER.findall(getattr(text, lang) if text else ""):
                if name not in parser.fields and name not in FACT_FIELDS["agreement"] and name not in params:
                    raise parser.error((*at, key, lang), f"placeholder {{{name}}} names no field of {rs.for_!r} or the agreement, and no parameter")


# ---- the shipped set, selection -------------------------------------------------

@dataclass(frozen=True, eq=False)
class Selection:
    """The rulesets that apply to one agreement, their rules and parameters.

    Equal only to itself: what is derived from a selection (its merged rules, its compiled
    program) is cached on it or by its identity, and dies with it.
    """

    rulesets: tuple[Ruleset, ...]
    day: dt.date | None = None  # the decision date dated parameters are read on

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rulesets)

    @cached_property
    def params(self) -> dict[str, int | float | None]:
        merged: dict[str, int | float | None] = {}
        for rs in self.rulesets:  # most general first, so specific values win
            merged.update({k: p.on(self.day) for k, p in rs.spec.parameters.items()})
        return merged

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        by_id: dict[str, Rule] = {}
        for rs in self.rulesets:
            by_id.update({r.id: r for r in rs.rules})
        return tuple(sorted(by_id.values(), key=lambda r: r.id))

    def parameter(self, name: str) -> Parameter | None:
        for rs in reversed(self.rulesets):
            if name in rs.spec.parameters:
                return rs.spec.parameters[name]
        return None


CORE_ID = "iop-core"


@dataclass(frozen=True)
class RulesetLibrary:
    by_id: dict[str, Ruleset]
    _selections: dict[tuple[Any, ...], Selection] = field(default_factory=dict, compare=False, repr=False)

    def _selection(self, chosen: tuple[Ruleset, ...], day: dt.date | None) -> Selection:
        """One Selection per combination and period of dated values, so each is compiled once."""
        periods = tuple(p.period_key(day) for rs in chosen for p in rs.spec.parameters.values())
        key = (tuple(rs.id for rs in chosen), periods)
        if key not in self._selections:
            self._selections[key] = Selection(chosen, day)
        return self._selections[key]

    def chain(self, ruleset_id: str) -> tuple[Ruleset, ...]:
        """The ruleset and everything it extends, most general first."""
        out: list[Ruleset] = []
        current: str | None = ruleset_id
        while current is not None:
            rs = self.by_id[current]
            if rs in out:
                raise IopError(f"`extends` forms a cycle through {current!r}", rs.path, 1, 1)
            out.insert(0, rs)
            current = rs.spec.extends
        return tuple(out)

    def select(self, authority: str | None, body: str | None, day: dt.date | None, forced: str | None = None) -> Selection:
        """iop-core always; an authority ruleset when authority, body and date match."""
        if forced is not None:
            return self._selection(self.chain(forced), day)
        chosen: list[Ruleset] = []
        for rs in sorted(self.by_id.values(), key=lambda r: r.id):
            spec = rs.spec
            if spec.authority is None or authority is None or day is None:
                continue
            if _same(spec.authority, authority) and (spec.body is None or (body is not None and _same(spec.body, body))) and rs.in_force_on(day):
                chosen.extend(r for r in self.chain(rs.id) if r not in chosen)
        if CORE_ID in self.by_id and self.by_id[CORE_ID] not in chosen:
            chosen.insert(0, self.by_id[CORE_ID])
        return self._selection(tuple(chosen), day)


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def load_rulesets(paths: list[str | Path] | None = None) -> RulesetLibrary:
    """Load ruleset files (default: the shipped ones), parents before children."""
    files = sorted(Path(p) for p in (paths or sorted(SHIPPED_DIR.glob("*.yaml"))))
    if not files:  # checking against nothing would pass everything
        raise IopError("no ruleset files found, expected rulesets/*.yaml", str(SHIPPED_DIR), 0, 0)
    parsed = {f: load_yaml_file(f) for f in files}
    raw: dict[str, tuple[Path, str | None]] = {}
    for f, (data, _) in parsed.items():
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            if data["id"] in raw:
                raise IopError(f"ruleset id {data['id']!r} is also used by {raw[data['id']][0]}, expected unique ids", str(f), 1, 1)
            ext = data.get("extends")
            raw[data["id"]] = (f, ext if isinstance(ext, str) else None)
    loaded: dict[str, Ruleset] = {}

    def load(rid: str, trail: tuple[str, ...] = ()) -> Ruleset:
        if rid in loaded:
            return loaded[rid]
        f, parent = raw[rid]
        inherited: frozenset[str] = frozenset()
        if parent is not None:
            if parent not in raw or parent in trail:
                raise IopError(f"`extends: {parent}` names no loaded ruleset (or a cycle), expected one of: {', '.join(sorted(raw))}", str(f), 1, 1)
            p = load(parent, (*trail, rid))
            inherited = frozenset(k for rs in _ancestors(p, loaded) for k in rs.spec.parameters)
        data, positions = parsed[f]
        loaded[rid] = build_ruleset(data, positions, str(f), inherited)
        return loaded[rid]

    for f, (data, positions) in parsed.items():
        rid = data.get("id") if isinstance(data, dict) else None
        if isinstance(rid, str) and rid in raw:
            load(rid)
        else:  # no usable id: let the schema say what is wrong
            build_ruleset(data, positions, str(f))
    return RulesetLibrary(loaded)


def _ancestors(rs: Ruleset, loaded: dict[str, Ruleset]) -> list[Ruleset]:
    out = [rs]
    while out[-1].spec.extends:
        out.append(loaded[out[-1].spec.extends])
    return out
