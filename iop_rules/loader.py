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

from . import schema_cache
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
            yield IopError.coded("date_as_number", path, line, column, doc_path, where=where, given=repr(raw), date=value.isoformat())
        elif not MIN_DATE <= value <= MAX_DATE:
            yield IopError.coded("date_out_of_range", path, line, column, doc_path, where=where, date=value.isoformat(),
                                 first=MIN_DATE.isoformat(), last=MAX_DATE.isoformat())
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
        raise IopError.coded("not_mapping", path, 1, 1, keys=expected_keys)
    try:  # what `model.model_validate` does, with a validator the cache may have kept (schema_cache.py)
        validated: M = schema_cache.validator(model).validate_python(data)
        return validated
    except ValidationError as exc:
        raise ranked(pydantic_errors(exc, positions, path, model)) from None


def pydantic_errors(exc: ValidationError, positions: Positions, path: str, root: type[BaseModel]) -> list[IopError]:
    """One located `IopError` per pydantic error."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            line, column = positions.of_key(loc)
            code, params = _suggestion(root, loc)
            params.update(key=repr(loc[-1]), parent=format_doc_path(loc[:-1]))
        else:
            line, column = positions.of_key(loc) if err["type"] == "missing" else positions.of_value(loc)
            code, params = _explain(err)
            params["where"] = format_doc_path(loc)
        out.append(IopError.coded(code, path, line, column, loc, **params))
    return out


#: pydantic's error types, by the kind of message a reader gets for them.
_KINDS = {"missing": "missing", "literal_error": "not_allowed", "int_type": "not_integer", "int_parsing": "not_integer",
          "int_from_float": "not_integer", "greater_than_equal": "too_small", "greater_than": "too_small",
          "string_pattern_mismatch": "bad_id", "bool_type": "not_bool", "model_type": "not_a_mapping",
          "dict_type": "not_a_mapping", "list_type": "not_a_list", "string_type": "not_text", "string_too_short": "not_text"}


def _explain(err: Any) -> tuple[str, dict[str, str]]:
    """pydantic's error as a kind of message ('what is wrong, what was expected') and its parameters."""
    kind, given = err["type"], err.get("input")
    shown = repr(given) if isinstance(given, (str, int, float, bool)) else type(given).__name__
    code = "bad_date" if kind.startswith("date") else _KINDS.get(kind, "invalid_value")
    params = {"given": shown}
    ctx = err.get("ctx", {})
    if code == "not_allowed":
        params["expected"] = str(ctx.get("expected", ""))
    elif code == "too_small":
        params["minimum"] = str(ctx.get("ge", ctx.get("gt")))
    elif code == "bad_id":
        params["pattern"] = str(ctx["pattern"])
    elif code == "invalid_value":
        params["detail"] = str(err["msg"])
    return code, params


def _suggestion(root: type[BaseModel], loc: DocPath) -> tuple[str, dict[str, str]]:
    """The closest valid key for a misspelling, or the keys there are."""
    model = _model_at(root, loc[:-1])
    if model is None:
        return "unknown_key", {}
    names = list(model.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    if close:
        return "unknown_key_close", {"close": repr(close[0])}
    return "unknown_key_list", {"names": ", ".join(names)}


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
