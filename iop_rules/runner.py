"""The pipeline: paths in, a report per agreement out (load -> facts -> rules -> engine -> results).

Discovery is sorted so output never depends on the order a file system lists files; a file
that cannot be loaded becomes an error entry and never costs the other files their results.
"""
from __future__ import annotations

import datetime as dt
import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .engine import Backend, get_backend
from .engine.ir import compile_selection
from .errors import IopError
from .facts import decision_date, derive_facts
from .loader import LoadedAgreement, load_agreement, parse_agreement
from .messages import LANGS, message_langs
from .results import AgreementReport, Result, build_results
from .safeio import display_name
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
                 as_of: dt.date | None = None, forced: str | None = None, honour_waivers: bool = True,
                 langs: tuple[str, ...] = LANGS) -> AgreementReport:
    """Select rulesets, derive facts, run the engine, and build the results (`honour_waivers=False`: --no-waivers),
    their messages in `langs`."""
    a = loaded.agreement
    selection = library.select(a.decision.authority if a.decision else None,
                               a.decision.body if a.decision else None, decision_date(a), forced)
    if not selection.rulesets:  # no rule run must never read as no rule broken
        raise IopError(f"no ruleset applies (authority {a.decision.authority if a.decision else None!r}, decision date "
                       f"{decision_date(a)}), expected a ruleset for it in the library (iop-core, or --ruleset ID)",
                       loaded.path, loaded.line_of(("decision",)) if a.decision else 0, 0)
    facts = derive_facts(loaded, as_of)
    firings = backend.evaluate(compile_selection(selection), facts)
    results = build_results(loaded, selection, facts, firings, as_of, honour_waivers, langs)
    return AgreementReport(a.id, loaded.path, selection.ids,
                           {rs.id: rs.spec.citation for rs in selection.rulesets}, tuple(results),
                           summarise(loaded, facts),
                           {rs.id: rs.spec.in_force.start.isoformat() if rs.spec.in_force else None
                            for rs in selection.rulesets})


class Discovered(list[str]):
    """Files `discover` found: sorted, each once.  Handed on (the CLI gathers, then checks or audits
    them), they are not walked, resolved and sorted a second time."""


def discover(paths: Iterable[str | Path], exclude: Callable[[str], bool] | None = None,
             ignored: Callable[[str, list[str]], set[str]] | None = None) -> tuple[list[str], list[IopError]]:
    """Agreement files under the given paths, sorted, each file once.

    The output must not depend on the order the paths were named in nor on how a file system
    lists a directory, so the files are sorted; a file named twice (or reached through a
    symbolic link as well) is checked once, by its first name.  In a directory, hidden files and
    folders (`.git`, an editor's `.#a.yaml`) are skipped; a file or folder named on the command
    line is always read.  A directory with no agreement file in it is an error, not an empty
    pass: checking nothing must never look like checking and finding nothing wrong.  Nothing is
    skipped silently: a symbolic link loop, an unreadable folder and, among the *.yaml names, a
    broken link, a FIFO or a device are each reported (the loader names what a file is).
    `exclude` skips a path wherever it is (named or found); `ignored(directory, found)` names what
    git ignores among the files found in a directory (a file named is never second-guessed).
    """
    if isinstance(paths, Discovered) and exclude is None and ignored is None:
        return Discovered(paths), []
    files: list[str] = []
    errors: list[IopError] = []
    for raw in paths:
        name = os.fsdecode(raw) if isinstance(raw, bytes) else str(raw)
        if os.path.isdir(name) and (exclude is None or not exclude(name)):
            found: list[str] = []
            _walk(name, found, errors, set(), (), exclude)
            if not found and not any(e.path.startswith(display_name(name)) for e in errors):
                errors.append(IopError("no agreement files (*.yaml, *.yml) in this directory"
                                       + (" that --exclude leaves" if exclude else "") + ", expected at least one",
                                       display_name(name), 0, 0))
            skipped = ignored(name, found) if found and ignored is not None else set()
            if found and len(skipped) == len(set(found)):
                errors.append(IopError(f"every agreement file in this directory is ignored by git ({len(skipped)} "
                                       "ignored), expected at least one to check (--no-respect-gitignore checks them)",
                                       display_name(name), 0, 0))
            files.extend(f for f in found if f not in skipped)
        elif not os.path.isdir(name) and (exclude is None or not exclude(name)):
            files.append(name)  # a missing file is reported by the loader, with its name
    unique: dict[str, str] = {}
    folders: dict[str, str] = {}
    for f in sorted(files):
        unique.setdefault(_identity(f, folders), f)
    return Discovered(sorted(unique.values())), errors


def _identity(path: str, folders: dict[str, str]) -> str:
    """The file's real path; a folder's is resolved once for all its files (`folders`), as realpath walks every part."""
    try:
        head, tail = os.path.split(path)
        if "\0" in path:  # no file has such a name (realpath refuses it)
            return path
        if tail in ("", ".", "..") or os.path.islink(path):
            return os.path.normcase(os.path.realpath(path))
        folder = folders.get(head)
        if folder is None:
            folder = folders[head] = os.path.realpath(head or os.curdir)
        return os.path.normcase(os.path.join(folder, tail))
    except (OSError, ValueError):
        return path


def _walk(directory: str, found: list[str], errors: list[IopError], visited: set[tuple[int, int]],
          ancestors: tuple[tuple[int, int], ...], exclude: Callable[[str], bool] | None = None) -> None:
    """Depth-first, iterative in spirit (depth bounded by the file system), following linked folders once."""
    try:
        info = os.stat(directory)
    except OSError as exc:
        errors.append(_walk_error(exc, directory))
        return
    key = (info.st_dev, info.st_ino)
    if key in ancestors:
        errors.append(IopError("symbolic link loop (a folder that contains itself), skipped; expected a tree of "
                               "folders", display_name(directory), 0, 0))
        return
    if key in visited:  # reached twice through links: its files are already listed
        return
    visited.add(key)
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        errors.append(_walk_error(exc, directory))
        return
    for entry in entries:
        if entry.name.startswith(".") or exclude is not None and exclude(entry.path):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            _walk(entry.path, found, errors, visited, (*ancestors, key), exclude)
        elif entry.name.endswith(AGREEMENT_SUFFIXES):
            found.append(entry.path)  # a FIFO, device or broken link is named by the loader, never opened blocking
        elif entry.is_symlink():
            try:
                os.stat(entry.path)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    errors.append(_walk_error(exc, entry.path))


def _walk_error(exc: OSError, path: str) -> IopError:
    shown = display_name(path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return IopError("permission denied, expected a folder this user can read (its agreements were not checked)",
                        shown, 0, 0)
    if exc.errno == errno.ELOOP:
        return IopError("symbolic link loop (too many levels of symbolic links), skipped; expected a file or a "
                        "folder", shown, 0, 0)
    return IopError(f"cannot read this folder ({exc.strerror or exc}), expected a readable folder", shown, 0, 0)


def check_file(path: str, library: RulesetLibrary, backend: Backend, as_of: dt.date | None = None,
               ruleset: str | None = None, honour_waivers: bool = True, text: str | None = None,
               langs: tuple[str, ...] = LANGS) -> AgreementReport:
    """One file's report; any failure, even a bug of ours, is an `IopError` naming the file.

    One file must never cost the others their results: an unexpected exception (an overflow
    deep in a rule, an engine error) becomes one line for this file and the batch goes on.
    `text`, when given, is the file's content already read (the result cache hashed it).
    """
    try:
        loaded = load_agreement(path) if text is None else parse_agreement(text, display_name(path))
        return check_loaded(loaded, library, backend, as_of, ruleset, honour_waivers, langs)
    except IopError:
        raise
    except RecursionError:
        raise IopError("nested too deeply to check, expected a flat agreement file", display_name(path), 0, 0) from None
    except MemoryError:
        raise IopError("too large to check in the memory available, expected a smaller agreement file",
                       display_name(path), 0, 0) from None
    except Exception as exc:  # noqa: BLE001 - the promise is one line per bad file, never a lost batch
        raise internal_error(exc, path) from None


def internal_error(exc: BaseException, path: str) -> IopError:
    """A bug of ours met on one file, as one line that names the file and the exception."""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return IopError(f"internal error while checking this file ({display_name(detail)}), expected a result; "
                    "please report this file to the iop-rules maintainers", display_name(path), 0, 0)


def check(paths: Iterable[str | Path], engine: str | None = None, rulesets: RulesetLibrary | None = None,
          as_of: dt.date | None = None, ruleset: str | None = None, honour_waivers: bool = True,
          cache: bool | Path = False, renderings: tuple[str, ...] | None = None) -> Run:
    """Check agreement files or directories; load errors are collected, not raised.

    `cache`: reuse and store results in the user's result cache (True), or in this folder; the
    command line does, the library API does not unless asked (see cache.py).  `renderings` names the
    outputs the run shows (`json:sv`); uncached, messages are built only in their languages.
    """
    library = rulesets or load_rulesets()
    if ruleset is not None and ruleset not in library.by_id:
        raise IopError(f"unknown ruleset {ruleset!r}, expected one of: {', '.join(sorted(library.by_id))}", "--ruleset", 0, 0)
    backend = get_backend(engine)
    files, errors = discover(paths)
    reports: list[AgreementReport] = []
    if cache is not False and files:  # imported only when used: a one-file check must start fast
        from .cache import ResultCache, check_with_cache
        results = ResultCache.for_run([rs.path for rs in library.by_id.values()], backend.name, as_of, ruleset, honour_waivers,
                                      None if cache is True else Path(cache), renderings)
        checker = lambda path: check_with_cache(path, results, library, backend, as_of, ruleset, honour_waivers)  # noqa: E731
    else:
        langs = message_langs(renderings)
        checker = lambda path: check_file(path, library, backend, as_of, ruleset, honour_waivers, langs=langs)  # noqa: E731
    for path in files:
        try:
            reports.append(checker(path))
        except IopError as exc:
            errors.extend(exc.all_errors())
    return Run(backend.name, reports, errors, as_of, inputs=files)
