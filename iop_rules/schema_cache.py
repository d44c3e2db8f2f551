"""The agreement model's validator, built by pydantic once and then rebuilt from the cache.

pydantic turns the model classes into a core schema on first use (`defer_build`), and that walk
over ~30 classes, with the plugin discovery it starts, is the largest single cost of a one-file
check after the imports.  Its product is plain data: the core schema and config pydantic hands
to `pydantic_core.SchemaValidator`.  This module stores that data in the user's cache folder and,
in later runs, gives pydantic-core the same data directly.

An entry is keyed on the pydantic and pydantic-core versions, the Python version, the source of
the model's module and of this module; it carries the cache's magic line, its key and a
checksum.  It is JSON, not pickle: the only objects it can name are the model classes of the
model's own module and the `list`/`dict` default factories, so a damaged or planted entry is
a miss (the validator is built by pydantic again), never code that runs.  An entry is written
only when it reads back equal to what pydantic built.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic_core import SchemaValidator

FOLDER = "schemas-1"  # beside the cache's results-1 and rulesets-1
_MODEL, _BUILTIN = "$model", "$builtin"
_FACTORIES = {"list": list, "dict": dict}

_folder: Path | None = None  # the cache folder of the run under way (see `reusing`); None: pydantic builds
_built: dict[type, SchemaValidator] = {}


@contextlib.contextmanager
def reusing(folder: Path | None) -> Iterator[None]:
    """Within the block, `validator` reads and fills the entries in `folder` (None: no cache, as with --no-cache)."""
    global _folder
    previous, _folder = _folder, folder
    try:
        yield
    finally:
        _folder = previous


def validator(model: type[BaseModel]) -> SchemaValidator:
    """What `model.model_validate` would use: from the cache inside `reusing`, else pydantic's own."""
    if _folder is None:
        return model.__pydantic_validator__  # type: ignore[return-value]
    if model not in _built:
        _built[model] = _cached(model, _folder) or _build_and_store(model, _folder)
    return _built[model]


def _key(model: type[BaseModel]) -> bytes:
    import pydantic
    import pydantic_core
    h = hashlib.blake2b(digest_size=32)
    for part in (FOLDER, pydantic.VERSION, pydantic_core.__version__, sys.version, model.__module__, model.__qualname__):
        h.update(part.encode() + b"\0")
    for source in (sys.modules[model.__module__].__file__, __file__):
        h.update(Path(str(source)).read_bytes() + b"\0")
    return h.digest()


def _entry(model: type[BaseModel], folder: Path) -> tuple[Path, bytes]:
    key = _key(model)
    return folder / FOLDER / key.hex(), key


def _cached(model: type[BaseModel], folder: Path) -> SchemaValidator | None:
    from pydantic_core import SchemaValidator
    from .cache import _payload, _read
    try:
        entry, key = _entry(model, folder)
    except OSError:
        return None
    data = _read(entry)
    payload = _payload(data, key) if data is not None else None
    if payload is None:
        return None
    try:
        schema, config, prebuilt = json.loads(payload, object_hook=lambda d: _resolve(d, sys.modules[model.__module__]))
        return SchemaValidator(schema, config, prebuilt)
    except Exception:  # noqa: BLE001 - whatever a damaged entry raises, it is a miss
        return None


def _build_and_store(model: type[BaseModel], folder: Path) -> SchemaValidator:
    from .cache import _write
    model.model_rebuild()  # the deferred build (`defer_build`), as a first `model_validate` would run it
    built: SchemaValidator = model.__pydantic_validator__  # type: ignore[assignment]
    try:
        entry, key = _entry(model, folder)
        reduced: Any = built.__reduce__()  # its pickled form: what pydantic gave pydantic-core
        schema, config, prebuilt = reduced[1]
        data = [_plain(schema), config, prebuilt]
        payload = json.dumps(data, default=_reference, ensure_ascii=False, separators=(",", ":")).encode()
        module = sys.modules[model.__module__]
        if json.loads(payload, object_hook=lambda d: _resolve(d, module)) == data:
            _write(entry, key, payload)
    except (OSError, TypeError, ValueError):  # something the entry cannot hold: this run is just not cached
        pass
    return built


def _plain(schema: Any) -> Any:
    """The schema without its `metadata` (read only for JSON Schema, and it holds bound methods)."""
    if isinstance(schema, dict):
        if any(isinstance(k, str) and k.startswith("$") for k in schema):
            raise ValueError("a key the entry's references could be mistaken for")
        drop = isinstance(schema.get("type"), str)
        return {k: _plain(v) for k, v in schema.items() if not (drop and k == "metadata")}
    if isinstance(schema, list):
        return [_plain(v) for v in schema]
    if isinstance(schema, tuple):
        raise ValueError("a tuple would read back as a list")
    return schema


def _reference(value: Any) -> dict[str, str]:
    """A model class or a default factory, by name."""
    from pydantic import BaseModel
    if isinstance(value, type) and issubclass(value, BaseModel):
        return {_MODEL: value.__qualname__}
    if any(value is f for f in _FACTORIES.values()):
        return {_BUILTIN: value.__name__}
    raise TypeError(f"{value!r} cannot be stored by name")


def _resolve(d: dict[str, Any], module: Any) -> Any:
    """A reference read back: only a model class defined in the model's module, or a known factory."""
    from pydantic import BaseModel
    if len(d) == 1 and _MODEL in d:
        found = getattr(module, str(d[_MODEL]), None)
        if isinstance(found, type) and issubclass(found, BaseModel) and found.__module__ == module.__name__:
            return found
        raise ValueError(f"{d[_MODEL]!r} is not a model of {module.__name__}")
    if len(d) == 1 and _BUILTIN in d:
        return _FACTORIES[str(d[_BUILTIN])]
    return d
