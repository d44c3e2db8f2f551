"""`iop-rules audit`: every agreement an organisation has, as of a date.

Files are checked in worker processes (durable_rules takes no locks, so
parallelism is processes, never threads), in path order so the output
never depends on scheduling.  Reports stream through a spool file on
disk while a `Portfolio` adds up the summary, so memory stays flat
however many agreements there are.  A file that cannot be loaded is
counted and reported; it never stops or slows the others.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
from dataclasses import dataclass
from typing import IO, Any, Iterable, Iterator, Sequence

from .errors import IopError
from .portfolio import Portfolio
from .results import AgreementReport
from .rulesets import RulesetLibrary, load_rulesets
from .runner import Run, check_file, discover


@dataclass(frozen=True)
class AuditOptions:
    as_of: dt.date | None = None
    jobs: int = 1
    engine: str | None = None
    ruleset: str | None = None
    ruleset_files: tuple[str, ...] = ()


# ---- workers ------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(options: AuditOptions) -> None:
    from .engine import get_backend
    _worker["library"] = load_rulesets(list(options.ruleset_files) or None)
    _worker["backend"] = get_backend(options.engine)
    _worker["options"] = options


def _check_one(path: str) -> tuple[str, Any]:
    """Runs in a worker: a report, or the file's errors as plain dicts (IopError does not pickle)."""
    options: AuditOptions = _worker["options"]
    try:
        return "report", check_file(path, _worker["library"], _worker["backend"], options.as_of, options.ruleset)
    except IopError as exc:
        return "errors", [e.to_dict() for e in exc.all_errors()]


def checked(paths: Sequence[str], options: AuditOptions) -> Iterator[tuple[str, Any]]:
    """(kind, payload) per file, in the order of `paths`."""
    if options.jobs <= 1 or len(paths) < 2:
        _init_worker(options)
        yield from map(_check_one, paths)
        return
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    chunk = max(1, min(64, len(paths) // (options.jobs * 8)))
    # Backpressure: Pool.imap would queue every path at once and buffer every finished report
    # whenever this process falls behind its workers (it does, on two cores), so memory grew with N.
    # At most `window` files are in flight; the pool's feeder waits for the consumer.
    window = threading.BoundedSemaphore(chunk * options.jobs * 4)

    def feed() -> Iterator[str]:
        for path in paths:
            window.acquire()
            yield path

    with context.Pool(options.jobs, _init_worker, (options,)) as pool:
        for item in pool.imap(_check_one, feed(), chunksize=chunk):
            window.release()
            yield item


class Spool:
    """Reports pickled to a temporary file, read back once, in order."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="iop-rules-audit-")
        self.count = 0

    def put(self, report: AgreementReport) -> None:
        pickle.dump(report, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[AgreementReport]:
        self._file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._file)
        self._file.close()


def run_audit(paths: Iterable[str | os.PathLike[str]], options: AuditOptions, progress: IO[str] | None = None) -> Run:
    """Check every agreement under `paths`; the summary is complete when this returns."""
    from .engine import get_backend
    files, errors = discover(paths)
    engine = get_backend(options.engine).name
    portfolio, spool = Portfolio(options.as_of), Spool()
    portfolio.errors = len(errors)
    for n, (kind, payload) in enumerate(checked(files, options), 1):
        if kind == "report":
            portfolio.add(payload)
            spool.put(payload)
        else:
            portfolio.errors += 1
            errors.extend(IopError(e["message"], e["path"], e["line"], e["column"]) for e in payload)
        if progress is not None:
            progress.write(f"\r[{n}/{len(files)}] {files[n - 1][-60:]:<60}")
            progress.flush()
    if progress is not None:
        progress.write("\n")
    return Run(engine, spool, errors, options.as_of, portfolio, inputs=files)


def validate_library(options: AuditOptions) -> RulesetLibrary:
    """Load the rulesets once in the parent, so a broken ruleset stops the run before any worker starts."""
    library = load_rulesets(list(options.ruleset_files) or None)
    if options.ruleset is not None and options.ruleset not in library.by_id:
        raise IopError(f"unknown ruleset {options.ruleset!r}, expected one of: {', '.join(sorted(library.by_id))}", "--ruleset", 0, 0)
    return library
