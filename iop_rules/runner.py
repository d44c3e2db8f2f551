"""The library entry point: paths in, a report per agreement out.

Discovery is sorted so output never depends on the order a file system
lists files; a file that cannot be loaded becomes an error entry and
never costs the other files their results.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .engine import Backend, get_backend
from .errors import IopError
from .loader import load_agreement
from .results import AgreementReport, check_loaded
from .rulesets import RulesetLibrary, load_rulesets

AGREEMENT_SUFFIXES = (".yaml", ".yml")


@dataclass
class RunReport:
    engine: str
    agreements: list[AgreementReport] = field(default_factory=list)
    errors: list[IopError] = field(default_factory=list)


def discover(paths: Iterable[str | Path]) -> tuple[list[str], list[IopError]]:
    """Agreement files under the given paths, each directory's in sorted order.

    A directory with no agreement file in it is an error, not an empty pass: checking
    nothing must never look like checking and finding nothing wrong.
    """
    files: list[str] = []
    errors: list[IopError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*") if f.suffix in AGREEMENT_SUFFIXES and f.is_file())
            if not found:
                errors.append(IopError("no agreement files (*.yaml, *.yml) in this directory, expected at least one",
                                       str(raw), 0, 0))
            files.extend(found)
        else:
            files.append(str(raw))  # a missing file is reported by the loader, with its name
    return files, errors


def check_file(path: str, library: RulesetLibrary, backend: Backend,
               as_of: dt.date | None = None, ruleset: str | None = None) -> AgreementReport:
    return check_loaded(load_agreement(path), library, backend, as_of, ruleset)


def check(paths: Iterable[str | Path], engine: str | None = None, rulesets: RulesetLibrary | None = None,
          as_of: dt.date | None = None, ruleset: str | None = None) -> RunReport:
    """Check agreement files or directories; load errors are collected, not raised."""
    library = rulesets or load_rulesets()
    if ruleset is not None and ruleset not in library.by_id:
        raise IopError(f"unknown ruleset {ruleset!r}, expected one of: {', '.join(sorted(library.by_id))}", "--ruleset", 0, 0)
    backend = get_backend(engine)
    files, errors = discover(paths)
    run = RunReport(backend.name, errors=errors)
    for path in files:
        try:
            run.agreements.append(check_file(path, library, backend, as_of, ruleset))
        except IopError as exc:
            run.errors.extend(exc.all_errors())
    return run
