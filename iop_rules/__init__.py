"""iop-rules: check Swedish IOP agreements against dated, declarative rulesets.

    from iop_rules import check, load_agreement, load_rulesets
    run = check(["agreements/"])
    for agreement in run.agreements:
        for r in agreement.results:
            print(agreement.id, r.rule, r.verdict, r.message["sv"])

Names are imported on first use, so `iop-rules --version` and the
pre-commit hook do not pay for what they do not run.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "check": "runner", "Run": "runner", "check_loaded": "runner",
    "load_agreement": "loader", "LoadedAgreement": "loader",
    "load_rulesets": "rulesets", "RulesetLibrary": "rulesets",
    "AgreementReport": "results", "Result": "results",
    "IopError": "errors",
}
__all__ = [*_EXPORTS, "__version__"]

if TYPE_CHECKING:  # what `__getattr__` hands out, for type checkers and editors
    from .errors import IopError  # noqa: F401
    from .loader import LoadedAgreement, load_agreement  # noqa: F401
    from .results import AgreementReport, Result  # noqa: F401
    from .rulesets import RulesetLibrary, load_rulesets  # noqa: F401
    from .runner import Run, check, check_loaded  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'iop_rules' has no attribute {name!r}")
