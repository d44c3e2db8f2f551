"""The condition language of rules: data, never Python.

A condition compares a fact's field with a literal, a parameter or
another field, tests presence, or combines conditions with all/any/not.
It is parsed here from the YAML a ruleset author wrote, and checked
against `facts.FACT_FIELDS` as it is parsed, so an unknown field,
operator or parameter is refused with its line before anything runs.
"""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Union

from .errors import DocPath, IopError
from .fields import FACT_FIELDS
from .months import to_days
from .yamlpos import Positions

COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
SET_OPS = ("in", "not_in")
ORDERED_KINDS = ("int", "number", "date")

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


class ConditionParser:
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
            close = difflib.get_close_matches(str(name), list(self.fields), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise self.error(at, f"unknown field {name!r} of fact type {self.fact_type!r}{hint}, expected a field listed in docs/facts.md")
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


def _leaves(conds: Iterable[Condition]) -> Iterator[Compare | Presence]:
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


def fields_read(conds: Iterable[Condition]) -> set[str]:
    """Every fact field the conditions read, on either side of a comparison."""
    out: set[str] = set()
    for leaf in _leaves(conds):
        out.add(leaf.field)
        out.update(o.field for o in _operands(leaf) if isinstance(o, FieldRef))
    return out


def params_read(conds: Iterable[Condition]) -> set[str]:
    """Every parameter the conditions compare with."""
    return {o.name for leaf in _leaves(conds) for o in _operands(leaf) if isinstance(o, ParamRef)}
