"""Rulesets: the guidelines as dated data.

A ruleset file says which document it encodes, whom it binds (authority
and deciding body), from when until when it was in force, which ruleset
it `extends`, its parameters -- each value with the legal reference
beside it, in the spirit of openfisca's parameters -- and its rules.

A rule's conditions are data: comparisons of a fact's fields with
literals, parameters or other fields, presence, and all/any/not.  They
are parsed and checked here, against `facts.FACT_FIELDS`, so a ruleset
with an unknown operator, field or parameter, or a duplicate rule ID, is
refused with `path:line` before any agreement is checked.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from .errors import DocPath, IopError
from .facts import FACT_FIELDS
from .loader import validate_document
from .months import to_days
from .yamlpos import Positions, load_yaml_file

def _shipped_dir() -> Path:
    """The shipped rulesets: packaged beside the code when installed, the source tree in a checkout."""
    packaged = Path(__file__).resolve().parent / "rulesets_data"  # see [tool.setuptools.package-dir]
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "rulesets"


SHIPPED_DIR = _shipped_dir()
COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
SET_OPS = ("in", "not_in")
ORDERED_KINDS = ("int", "number", "date")
Verdict = Literal["pass", "fail", "unknown", "not_applicable", "waived"]
Severity = Literal["error", "warning", "info"]


# ---- conditions -----------------------------------------------------------

@dataclass(frozen=True)
class FieldRef:
    field: str


@dataclass(frozen=True)
class ParamRef:
    name: str


Operand = Union[int, float, bool, str, FieldRef, ParamRef]


@dataclass(frozen=True)
class Compare:
    field: str
    op: str  # one of COMPARISONS or SET_OPS
    operand: Operand | tuple[Operand, ...]


@dataclass(frozen=True)
class Presence:
    field: str
    present: bool


@dataclass(frozen=True)
class ParamSet:
    """True when a parameter has a value in the selected rulesets."""

    name: str
    present: bool


@dataclass(frozen=True)
class AllOf:
    items: tuple["Condition", ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple["Condition", ...]


@dataclass(frozen=True)
class Not:
    item: "Condition"


Condition = Union[Compare, Presence, ParamSet, AllOf, AnyOf, Not]


class _ConditionParser:
    """Parses one condition, checking fields and parameters as it goes."""

    def __init__(self, path: str, positions: Positions, fact_type: str, params: set[str]) -> None:
        self.path, self.positions, self.params = path, positions, params
        self.fields = FACT_FIELDS[fact_type]
        self.fact_type = fact_type

    def error(self, doc_path: DocPath, message: str) -> IopError:
        line, column = self.positions.of_value(doc_path)
        return IopError(message, self.path, line, column, doc_path)

    def parse(self, data: Any, at: DocPath) -> Condition:
        if not isinstance(data, dict) or not data:
            raise self.error(at, "a condition must be a mapping, expected `all:`, `any:`, `not:` or `field:` with an operator")
        if set(data) <= {"all", "any", "not"} and len(data) == 1:
            return self._combinator(data, at)
        if "param" in data:
            return self._param_set(data, at)
        if "field" not in data:
            raise self.error(at, f"unknown condition keys {sorted(data)}, expected all, any, not, field or param")
        return self._leaf(data, at)

    def _combinator(self, data: dict[str, Any], at: DocPath) -> Condition:
        (key, value), = data.items()
        if key == "not":
            return Not(self.parse(value, (*at, "not")))
        if not isinstance(value, list) or not value:
            raise self.error((*at, key), f"`{key}` needs a non-empty list of conditions")
        items = tuple(self.parse(v, (*at, key, i)) for i, v in enumerate(value))
        return AllOf(items) if key == "all" else AnyOf(items)

    def _param_set(self, data: dict[str, Any], at: DocPath) -> Condition:
        if set(data) != {"param", "present"} or not isinstance(data["present"], bool):
            raise self.error(at, "a parameter test is `{param: NAME, present: true|false}`")
        self._check_param(data["param"], (*at, "param"))
        return ParamSet(data["param"], data["present"])

    def _check_param(self, name: Any, at: DocPath) -> None:
        if name not in self.params:
            known = ", ".join(sorted(self.params)) or "none"
            raise self.error(at, f"unknown parameter {name!r}, expected one of: {known}")

    def _check_field(self, name: Any, at: DocPath) -> str:
        if name not in self.fields:
            import difflib
            close = difflib.get_close_matches(str(name), list(self.fields), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise self.error(at, f"unknown field {name!r} of fact type {self.fact_type!r}{hint}, expected a field listed in facts.FACT_FIELDS")
        return self.fields[name]

    def _leaf(self, data: dict[str, Any], at: DocPath) -> Condition:
        kind = self._check_field(data["field"], (*at, "field"))
        ops = [k for k in data if k != "field"]
        if len(ops) != 1:
            raise self.error(at, f"expected exactly one operator beside `field`, got {ops or 'none'}")
        op = ops[0]
        where = (*at, op)
        if op == "present":
            if not isinstance(data[op], bool):
                raise self.error(where, "`present` takes true or false")
            return Presence(data["field"], data[op])
        if op in SET_OPS:
            if not isinstance(data[op], list) or not data[op]:
                raise self.error(where, f"`{op}` takes a non-empty list of values")
            return Compare(data["field"], op, tuple(self._operand(v, kind, (*where, i)) for i, v in enumerate(data[op])))
        if op not in COMPARISONS:
            raise self.error(where, f"unknown operator {op!r}, expected one of: {', '.join(COMPARISONS + SET_OPS)}, present")
        if op in ("lt", "le", "gt", "ge") and kind not in ORDERED_KINDS:
            raise self.error(where, f"`{op}` cannot order a {kind} field, expected eq or ne")
        return Compare(data["field"], op, self._operand(data[op], kind, where))

    def _operand(self, value: Any, kind: str, at: DocPath) -> Operand:
        if isinstance(value, dict):
            if set(value) == {"field"}:
                other = self._check_field(value["field"], (*at, "field"))
                if other != kind and {other, kind} - {"int", "number"}:
                    raise self.error(at, f"cannot compare a {kind} field with a {other} field")
                return FieldRef(value["field"])
            if set(value) == {"param"}:
                self._check_param(value["param"], (*at, "param"))
                return ParamRef(value["param"])
            raise self.error(at, "an operand is a value, `{field: NAME}` or `{param: NAME}`")
        return literal(value, kind, lambda msg: self.error(at, msg))


def literal(value: Any, kind: str, fail: Any) -> int | float | bool | str:
    """A literal checked against the field's kind; ISO dates become epoch days."""
    if kind == "date":
        try:
            return to_days(dt.date.fromisoformat(str(value)))
        except ValueError:
            raise fail(f"{value!r} is not an ISO date, expected YYYY-MM-DD") from None
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "str": isinstance(value, str),
    }[kind]
    if not ok:
        raise fail(f"{value!r} does not fit a {kind} field, expected a {kind}")
    return value


# ---- ruleset files ----------------------------------------------------------

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(_Strict):
    sv: StrictStr
    en: StrictStr


class Parameter(_Strict):
    value: int | float | None
    reference: StrictStr = Field(description="The legal source of the value: document and paragraph.")
    description: StrictStr | None = None


class InForce(_Strict):
    start: dt.date = Field(alias="from")
    until: dt.date | None = None


class Example(_Strict):
    name: StrictStr
    agreement: dict[str, Any]
    as_of: dt.date | None = None
    expect: dict[StrictStr, Verdict]


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
    missing: Literal["unknown", "fail", "pass"] = "unknown"
    missing_severity: Severity | None = None
    if_none: Literal["pass", "fail", "not_applicable"] = "pass"
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

    @property
    def id(self) -> str:
        return self.spec.id


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


def load_ruleset_file(path: str | Path, inherited_params: frozenset[str] = frozenset()) -> Ruleset:
    """One ruleset file, fully checked.  `inherited_params` come from `extends`."""
    data, positions = load_yaml_file(path)
    return build_ruleset(data, positions, str(path), inherited_params)


def build_ruleset(data: Any, positions: Positions, path: str, inherited_params: frozenset[str] = frozenset()) -> Ruleset:
    spec = validate_document(RulesetSpec, data, positions, path, "`id:`, `rules:`, ...")
    params = set(spec.parameters) | set(inherited_params)
    rules, seen = [], {}
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
    on_element = _ConditionParser(path, positions, rs.for_, params)
    on_agreement = _ConditionParser(path, positions, "agreement", params)
    where = on_element.parse(rs.where, (*at, "where")) if rs.where is not None else None
    applies = on_agreement.parse(rs.applies_if, (*at, "applies_if")) if rs.applies_if is not None else None
    expect = on_element.parse(rs.expect, (*at, "expect"))
    _check_placeholders(rs, on_element, params, at)
    return Rule(rs, ruleset_id, path, positions.of_value(at)[0], where, applies, expect)


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _check_placeholders(rs: RuleSpec, parser: _ConditionParser, params: set[str], at: DocPath) -> None:
    for key in ("message", "pass_message"):
        text = getattr(rs, key)
        for lang in ("sv", "en"):
            for name in _PLACEHOLDER.findall(getattr(text, lang) if text else ""):
                if name not in parser.fields and name not in FACT_FIELDS["agreement"] and name not in params:
                    raise parser.error((*at, key, lang), f"placeholder {{{name}}} names no field of {rs.for_!r} or the agreement, and no parameter")


# ---- the shipped set, selection -------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """The rulesets that apply to one agreement, their rules and parameters."""

    rulesets: tuple[Ruleset, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rulesets)

    @cached_property
    def params(self) -> dict[str, int | float | None]:
        merged: dict[str, int | float | None] = {}
        for rs in self.rulesets:  # most general first, so specific values win
            merged.update({k: p.value for k, p in rs.spec.parameters.items()})
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
            return Selection(self.chain(forced))
        chosen: list[Ruleset] = []
        for rs in sorted(self.by_id.values(), key=lambda r: r.id):
            spec = rs.spec
            if spec.authority is None or authority is None or day is None:
                continue
            if _same(spec.authority, authority) and (spec.body is None or (body is not None and _same(spec.body, body))) and rs.in_force_on(day):
                chosen.extend(r for r in self.chain(rs.id) if r not in chosen)
        if CORE_ID in self.by_id and self.by_id[CORE_ID] not in chosen:
            chosen.insert(0, self.by_id[CORE_ID])
        return Selection(tuple(chosen))


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
