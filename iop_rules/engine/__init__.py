"""Engine backends behind one small interface.

A backend takes a compiled `Program` and one agreement's facts and says
which branches fired.  `durable` runs durable_rules; `python` compiles
the same program to Python source and is both the fallback where
durable_rules does not import and the oracle the tests compare it with.
Adding a backend is one new module and one line in `BACKENDS`.
"""
from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from typing import NamedTuple, Sequence

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the registry below is read by the CLI's parser; it must cost no import
    from ..facts import Fact
    from .ir import Program

BACKENDS = {"durable": "iop_rules.engine.durable:DurableBackend",
             "python": "iop_rules.engine.python:PythonBackend"}


class Firing(NamedTuple):
    rule_id: str
    outcome: str
    fact_key: str


class Backend(ABC):
    name: str

    @abstractmethod
    def evaluate(self, program: Program, facts: Sequence[Fact]) -> list[Firing]:
        """Every branch that holds for some fact, sorted."""


class EngineUnavailable(Exception):
    pass


def available_engines() -> list[str]:
    return [name for name in BACKENDS if _importable(name)]


def _importable(name: str) -> bool:
    try:
        _load_class(name)
        return True
    except EngineUnavailable:
        return False


def _load_class(name: str) -> type[Backend]:
    module_name, _, class_name = BACKENDS[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:  # durable_rules missing, or not importable on Python 3.13+
        hint = INSTALL_HINT.get(name)
        raise EngineUnavailable(f"engine {name!r} is not installed here" + (f" ({hint})" if hint else "")) from None
    return getattr(module, class_name)


_instances: dict[str, Backend] = {}


#: How to get an engine that a plain `pip install iop-rules` leaves out.
INSTALL_HINT = {"durable": "pip install 'iop-rules[durable]' (it compiles a C extension; Python 3.12 or older)"}


def default_engine() -> str:
    """durable, the named engine, where it is installed and imports; python everywhere else."""
    return "durable" if _importable("durable") else "python"


def get_backend(name: str | None = None) -> Backend:
    """The named backend, or the default one."""
    if name is None:
        name = default_engine()
    if name not in BACKENDS:
        raise EngineUnavailable(f"unknown engine {name!r}, expected one of: {', '.join(BACKENDS)}")
    if name not in _instances:
        _instances[name] = _load_class(name)()
    return _instances[name]
