"""The pipeline: paths in, a report per agreement out (load -> facts -> rules -> engine -> results).

Discovery is sorted so output never depends on the order a file system lists files; a file
that cannot be loaded becomes an error entry and never costs the other files their results.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .engine import Backend, get_backend
from .engine.ir import compile_selection
from .errors import IopError
from .facts import decision_date, derive_facts
from .loader import LoadedAgreement, load_agreement
from .results import AgreementReport, Result, build_results
from .rulesets import RulesetLibrary, load_rulesets
from .summary import summarise

if TYPE_CHECKING:  # an audit's additions; a check run has none
    from .baseline import Baseline
    from .portfolio import Portfolio

AGREEMENT_SUFFIXES = (".yaml", ".yml")


@dataclass
class Run:
    """What every renderer takes: a check run, or an audit run with its portfolio.

    `agreements` may be a stream, read once (an audit spools them); `baseline`, when set, has
    already marked each finding new or existing.
    """

    engine: str
    agreements: Iterable[AgreementReport] = field(default_factory=list)
    errors: list[IopError] = field(default_factory=list)
    as_of: dt.date | None = None
    portfolio: Portfolio | None = None
    baseline: Baseline | None = None
    inputs: list[str] = field(default_factory=list)  # the agreement files read: never to be written over

    def results(self) -> Iterable[Result]:
        for a in self.agreements:
            yield from a.results


def check_loaded(loaded: LoadedAgreement, library: RulesetLibrary, backend: Backend,
                 as_of: dt.date | None = None, forced: str | None = None) -> AgreementReport:
    """Select rulesets, derive facts, run the engine, and build the results."""
    a = loaded.agreement
    selection = library.select(a.decision.authority if a.decision else None,
                               a.decision.body if a.decision else None, decision_date(a), forced)
    facts = derive_facts(loaded, as_of)
    firings = backend.evaluate(compile_selection(selection), facts)
    results = build_results(loaded, selection, facts, firings, as_of)
    return AgreementReport(a.id, loaded.path, selection.ids,
                           {rs.id: rs.spec.citation for rs in selection.rulesets}, tuple(results),
                           summarise(loaded, facts))


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
          as_of: dt.date | None = None, ruleset: str | None = None) -> Run:
    """Check agreement files or directories; load errors are collected, not raised."""
    library = rulesets or load_rulesets()
    if ruleset is not None and ruleset not in library.by_id:
        raise IopError(f"unknown ruleset {ruleset!r}, expected one of: {', '.join(sorted(library.by_id))}", "--ruleset", 0, 0)
    backend = get_backend(engine)
    files, errors = discover(paths)
    reports: list[AgreementReport] = []
    for path in files:
        try:
            reports.append(check_file(path, library, backend, as_of, ruleset))
        except IopError as exc:
            errors.extend(exc.all_errors())
    return Run(backend.name, reports, errors, as_of, inputs=files)
