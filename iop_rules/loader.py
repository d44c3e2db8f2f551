"""Agreement files in, validated `Agreement`s (with their line map) out.

pydantic says *what* is wrong; this module says *where*, in the words
of someone who edits YAML: `path:line:col: what is wrong, what was
expected`, with the closest valid key for a misspelling.
"""
from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DocPath, IopError, format_doc_path, ranked
from .model import Agreement
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
    return _validate(data, positions, str(path))


def parse_agreement(text: str, path: str = "<string>") -> LoadedAgreement:
    data, positions = parse_yaml(text, path)
    return _validate(data, positions, path)


def _validate(data: Any, positions: Positions, path: str) -> LoadedAgreement:
    agreement = validate_document(Agreement, data, positions, path, "`id:`, `parties:`, ...")
    return LoadedAgreement(agreement, path, positions)


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
