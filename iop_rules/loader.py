"""Agreement files in, validated `Agreement`s (with their line map) out.

pydantic says *what* is wrong; this module says *where*, in the words
of someone who edits YAML: `path:line:col: what is wrong, what was
expected`, with the closest valid key for a misspelling.
"""
from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DocPath, IopError, format_doc_path, ranked
from .model import Agreement
from .safeio import display_name
from .yamlpos import Positions, load_yaml_file, parse_yaml


@dataclass(frozen=True)
class LoadedAgreement:
    """An agreement together with where it came from."""

    agreement: Agreement
    path: str
    positions: Positions

    def line_of(self, doc_path: DocPath) -> int:
        return self.positions.of_value(doc_path)[0]


def load_agreement(path: str | Path) -> LoadedAgreement:
    """Read and validate one agreement file; raises `IopError` on any problem."""
    data, positions = load_yaml_file(path)
    return _validate(data, positions, display_name(path))  # a path with control characters is shown escaped


def parse_agreement(text: str, path: str = "<string>") -> LoadedAgreement:
    data, positions = parse_yaml(text, path)
    return _validate(data, positions, path)


def _validate(data: Any, positions: Positions, path: str) -> LoadedAgreement:
    agreement = validate_document(Agreement, data, positions, path, "`id:`, `parties:`, ...")
    bad = [e for e in _date_problems(agreement, data, (), positions, path)]
    if bad:
        raise ranked(bad)
    return LoadedAgreement(agreement, path, positions)


#: Dates an agreement may carry: wide enough for any real agreement, narrow enough that every
#: derived date (a day before the start, the end plus 90 days, a year after, a month's end) exists.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2999, 12, 31)


_DATE_BEARING: dict[type, tuple[str, ...]] = {}


def _date_bearing_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that hold a date or a model (or a list of them): the rest never need walking."""
    if model not in _DATE_BEARING:
        _DATE_BEARING[model] = tuple(name for name, f in model.model_fields.items() if _mentions_date(f.annotation))
    return _DATE_BEARING[model]


def _mentions_date(annotation: Any, depth: int = 0) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, (dt.date, BaseModel))
    return depth < 8 and any(_mentions_date(arg, depth + 1) for arg in typing.get_args(annotation))


def _date_problems(value: Any, raw: Any, doc_path: DocPath, positions: Positions, path: str) -> Iterator[IopError]:
    """Dates the schema accepted but a reader would not mean: outside MIN_DATE..MAX_DATE, or written as a number.

    pydantic reads `start: 0` or `start: 1625011200` as a Unix timestamp (1970-01-01, 2021-06-30);
    nobody writing an agreement means that, so the number is refused with the date it would be.
    """
    if isinstance(value, dt.date):
        where = format_doc_path(doc_path)
        line, column = positions.of_value(doc_path)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) or (isinstance(raw, str) and raw.strip().isdigit()):
            yield IopError(f"{where}: {raw!r} is a number (read as the Unix timestamp {value.isoformat()}), "
                           "expected an ISO date like 2019-07-01", path, line, column, doc_path)
        elif not MIN_DATE <= value <= MAX_DATE:
            yield IopError(f"{where}: {value.isoformat()} is outside the supported dates, expected a date from "
                           f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}", path, line, column, doc_path)
    elif isinstance(value, BaseModel):
        raw_map = raw if isinstance(raw, dict) else {}
        for name in _date_bearing_fields(type(value)):
            if name in raw_map:
                yield from _date_problems(getattr(value, name), raw_map[name], (*doc_path, name), positions, path)
    elif isinstance(value, (list, tuple)) and isinstance(raw, list):
        for i, (item, raw_item) in enumerate(zip(value, raw)):
            yield from _date_problems(item, raw_item, (*doc_path, i), positions, path)


M = TypeVar("M", bound=BaseModel)


def validate_document(model: type[M], data: Any, positions: Positions, path: str, expected_keys: str) -> M:
    """A YAML document validated as `model`, every pydantic error located and ranked."""
    if not isinstance(data, dict):
        raise IopError(f"the document is not a mapping, expected {expected_keys} at the top", path, 1, 1)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ranked(pydantic_errors(exc, positions, path, model)) from None


def pydantic_errors(exc: ValidationError, positions: Positions, path: str, root: type[BaseModel]) -> list[IopError]:
    """One located `IopError` per pydantic error."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        where = format_doc_path(loc) or "the document"
        if err["type"] == "extra_forbidden":
            line, column = positions.of_key(loc)
            message = f"unknown key {loc[-1]!r} in {format_doc_path(loc[:-1]) or 'the top level'}"
            message += _suggestion(root, loc)
        else:
            line, column = positions.of_key(loc) if err["type"] == "missing" else positions.of_value(loc)
            message = f"{where}: {_explain(err)}"
        out.append(IopError(message, path, line, column, loc))
    return out


def _explain(err: Any) -> str:
    """pydantic's wording, turned into 'what is wrong, what was expected'."""
    kind, given = err["type"], err.get("input")
    shown = repr(given) if isinstance(given, (str, int, float, bool)) else type(given).__name__
    if kind == "missing":
        return "required field is missing, expected it to be given"
    if kind.startswith("date"):
        return f"{shown} is not a valid date, expected an ISO date like 2019-07-01"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{shown} is not allowed, expected one of {expected}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{shown} is not a whole number, expected a whole number (no quotes, no decimals)"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{shown} is too small, expected a number >= {err['ctx'].get('ge', err['ctx'].get('gt'))}"
    if kind == "string_pattern_mismatch":
        return f"{shown} does not match {err['ctx']['pattern']}, expected a short lowercase id or a rule ID"
    if kind == "bool_type":
        return f"{shown} is not true/false, expected true or false"
    if kind in ("model_type", "dict_type"):
        return f"got {shown}, expected a mapping of keys"
    if kind == "list_type":
        return f"got {shown}, expected a list (lines starting with `-`)"
    if kind in ("string_type", "string_too_short"):
        return f"got {shown}, expected non-empty text"
    return f"{err['msg']} (got {shown})"


def _suggestion(root: type[BaseModel], loc: DocPath) -> str:
    model = _model_at(root, loc[:-1])
    if model is None:
        return ""
    names = list(model.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    if close:
        return f", expected one of its keys: did you mean {close[0]!r}?"
    return f", expected one of: {', '.join(names)}"


def _model_at(root: type[BaseModel], loc: DocPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`."""
    current: Any = root
    for part in loc:
        if isinstance(part, int):
            current = _unwrap(current, want_item=True)
            continue
        model = _unwrap(current)
        if model is None or part not in model.model_fields:
            return None
        current = model.model_fields[part].annotation
    return _unwrap(current)


def _unwrap(annotation: Any, want_item: bool = False) -> Any:
    """Strip Optional/Annotated/list around a model class."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and want_item:
        return args[0]
    if origin in (typing.Union, types.UnionType, typing.Annotated, list):
        for arg in args:
            found = _unwrap(arg, want_item)
            if found is not None:
                return found
    return None
