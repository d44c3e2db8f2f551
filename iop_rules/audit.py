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
from pathlib import Path
import pickle
import signal
import struct
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing import connection
from typing import IO, TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from .errors import IopError
from .portfolio import Portfolio
from .results import AgreementReport
from .rulesets import RulesetLibrary
from .runner import Run, discover
from .safeio import display_name

if TYPE_CHECKING:
    from .cache import ResultCache


@dataclass(frozen=True)
class AuditOptions:
    as_of: dt.date | None = None
    jobs: int = 1
    engine: str | None = None
    ruleset: str | None = None
    ruleset_files: tuple[str, ...] = ()
    honour_waivers: bool = True
    cache: str | None = None  # the result cache's folder (see cache.py); None: every file is checked
    renderings: tuple[str, ...] | None = None  # the outputs the run shows, kept with each cached result (None: all)


# ---- workers ------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(options: AuditOptions) -> None:
    from .engine import get_backend
    from .messages import message_langs
    _worker["library"] = _library(options)
    _worker["backend"] = get_backend(options.engine)
    _worker["options"] = options
    _worker["cache"] = _result_cache(options)
    _worker["langs"] = message_langs(options.renderings)  # uncached; a cached report holds every language


def _library(options: AuditOptions) -> RulesetLibrary:
    from .cache import load_library
    return load_library(options.ruleset_files or None, Path(options.cache) if options.cache else None)


def _result_cache(options: AuditOptions) -> ResultCache | None:
    if options.cache is None:
        return None
    from .cache import ResultCache
    from .engine import default_engine
    return ResultCache.for_run(options.ruleset_files or None, options.engine or default_engine(), options.as_of,
                               options.ruleset, options.honour_waivers, Path(options.cache), options.renderings)


def _check_one(path: str) -> tuple[str, Any]:
    """Runs in a worker: a report, or the file's errors as plain dicts (IopError does not pickle)."""
    options: AuditOptions = _worker["options"]
    try:
        from .cache import check_with_cache
        return "report", check_with_cache(path, _worker["cache"], _worker["library"], _worker["backend"], options.as_of,
                                          options.ruleset, options.honour_waivers, _worker["langs"])
    except IopError as exc:
        return "errors", [e.to_dict() for e in exc.all_errors()]


def usable_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(requested: int, files: int) -> int:
    """`--jobs`, capped: never more workers than files to check or cores to run them (no fork storm)."""
    return max(1, min(requested, files, usable_cores()))


def checked(paths: Sequence[str], options: AuditOptions) -> Iterator[tuple[str, Any]]:
    """(kind, payload) per file, in the order of `paths`; with a cache, hits are read here and only misses are checked.

    A hit is a report whose results are still the entry's bytes (cache_entry.py): neither the
    portfolio nor the spool unpickles them.  No worker starts when every file hits.
    """
    cache = _result_cache(options)
    if cache is None:
        yield from _computed(paths, options)
        return
    from .cache import lookup_key
    keys = [lookup_key(cache, path) for path in paths]
    stored = [key is not None and cache.has(key) for key in keys]
    computed = _computed([path for path, hit in zip(paths, stored) if not hit], options)
    for path, key, hit in zip(paths, keys, stored):
        if not hit:
            yield next(computed)
            continue
        entry = cache.get(key) if key is not None else None
        if entry is not None:
            yield "report", entry
        else:  # the entry was there a moment ago and is damaged: this file is checked here
            if _worker.get("options") is not options:  # never a previous run's library or settings
                _init_worker(options)
            yield _check_one(path)
    yield from computed  # nothing is left; this lets the workers stop at once


def _computed(paths: Sequence[str], options: AuditOptions) -> Iterator[tuple[str, Any]]:
    jobs = worker_count(options.jobs, len(paths))
    if not paths:
        return
    if jobs <= 1:
        _init_worker(options)
        yield from map(_check_one, paths)
        return
    yield from _Workers(jobs, options).run(paths)


_DIED = ("the worker process checking this file died ({how}), expected a result; the other files were "
         "still checked (out of memory? run it alone with --jobs 1)")


def _worker_main(conn: Any, options: AuditOptions) -> None:
    """A worker: Ctrl-C is the parent's to handle (it stops us); one file at a time, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    _init_worker(options)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        conn.send((index, _check_one(path)))


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


class _Workers:
    """Worker processes, each with its own pipe, so the parent always knows which file each one holds.

    multiprocessing.Pool waits forever when a worker dies (the OOM killer, a crash in a C
    extension) and its workers print KeyboardInterrupt tracebacks on Ctrl-C; here a death is
    seen on the process sentinel, the file it held is reported by name and the rest go on, and
    workers ignore SIGINT: the parent stops them.  Backpressure: at most `window` files are
    in flight or waiting to be yielded in order, so memory does not grow with the number of files.
    """

    PER_WORKER = 2  # one being checked, one queued behind it: the worker never waits for the parent

    def __init__(self, jobs: int, options: AuditOptions) -> None:
        self.jobs, self.options = jobs, options
        self.context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        self.window = max(16, jobs * 8)
        self.workers: list[tuple[Any, Any, deque[tuple[int, str]]]] = []
        self.idle_deaths = 0

    def _start(self) -> None:
        parent, child = self.context.Pipe(duplex=True)
        masked = {signal.SIGINT, signal.SIGTERM}
        old = signal.pthread_sigmask(signal.SIG_BLOCK, masked)  # no Ctrl-C between fork and SIG_IGN
        try:
            process = self.context.Process(target=_worker_main, args=(child, self.options), daemon=True)  # type: ignore[attr-defined]
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        child.close()
        self.workers.append((process, parent, deque()))

    def run(self, paths: Sequence[str]) -> Iterator[tuple[str, Any]]:
        todo: deque[tuple[int, str]] = deque(enumerate(paths))
        done: dict[int, tuple[str, Any]] = {}
        next_index, total = 0, len(paths)
        finished = False
        try:
            for _ in range(self.jobs):
                self._start()
            while next_index < total:
                self._dispatch(todo, next_index)
                self._collect(todo, done)
                while next_index in done:
                    yield done.pop(next_index)
                    next_index += 1
            finished = True
        finally:
            self._stop(graceful=finished)

    def _dispatch(self, todo: deque[tuple[int, str]], next_index: int) -> None:
        for _process, conn, held in self.workers:
            while todo and len(held) < self.PER_WORKER and todo[0][0] < next_index + self.window:
                task = todo.popleft()
                try:
                    conn.send(task)
                except OSError:  # it died; the sentinel will say so
                    todo.appendleft(task)
                    break
                held.append(task)

    def _collect(self, todo: deque[tuple[int, str]], done: dict[int, tuple[str, Any]]) -> None:
        waitables = {}
        for worker in self.workers:
            process, conn, held = worker
            waitables[conn] = worker
            waitables[process.sentinel] = worker
        for ready in connection.wait(list(waitables)):
            worker = waitables[ready]
            if worker not in self.workers:
                continue
            process, conn, held = worker
            try:
                while conn.poll():
                    index, item = conn.recv()
                    if held and held[0][0] == index:
                        held.popleft()
                    done[index] = item
            except (EOFError, OSError):
                pass
            if not process.is_alive():
                self._bury(worker, todo, done)

    def _bury(self, worker: tuple[Any, Any, deque[tuple[int, str]]], todo: deque[tuple[int, str]],
              done: dict[int, tuple[str, Any]]) -> None:
        """A worker died: the file it was checking is reported, the ones queued behind it go to another."""
        process, conn, held = worker
        process.join(0.1)
        self.workers.remove(worker)
        conn.close()
        if held:
            index, path = held.popleft()
            error = IopError(_DIED.format(how=_how(process.exitcode)), display_name(path), 0, 0)
            done[index] = ("errors", [error.to_dict()])
            todo.extendleft(reversed(held))
        else:
            self.idle_deaths += 1
            if self.idle_deaths > 2 * self.jobs:
                raise IopError(f"worker processes keep dying before checking anything ({_how(process.exitcode)}), "
                               "expected them to start; try --jobs 1", "--jobs", 0, 0)
        self._start()

    def _stop(self, graceful: bool) -> None:
        """Every worker ended: told to stop after a complete run, terminated at once otherwise (Ctrl-C)."""
        for process, conn, _held in self.workers:
            if graceful:
                try:
                    conn.send(None)
                except OSError:
                    pass
            else:
                process.terminate()
        deadline = time.monotonic() + (2.0 if graceful else 0.5)
        for process, conn, _held in self.workers:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(0.5)
            conn.close()
        self.workers.clear()


class Spool:
    """Reports written to a temporary file, read back once, in order.

    A report read from the result cache is written as its entry, bytes as they are, and read back
    without unpickling what the renderer will not read (cache_entry.py); any other is pickled.
    """

    _RECORD = struct.Struct("<cQ")

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="iop-rules-audit-")
        self.count = 0

    def put(self, report: AgreementReport) -> None:
        from .cache_entry import StoredResults
        if isinstance(report.results, StoredResults):
            kind, data = b"e", report.results.entry
        else:
            kind, data = b"p", pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.write(self._RECORD.pack(kind, len(data)))
        self._file.write(data)
        self.count += 1

    def __iter__(self) -> Iterator[AgreementReport]:
        from .cache import stored_report
        self._file.seek(0)
        for _ in range(self.count):
            kind, size = self._RECORD.unpack(self._file.read(self._RECORD.size))
            data = self._file.read(size)
            yield stored_report(data) if kind == b"e" else pickle.loads(data)
        self._file.close()


def run_audit(paths: Iterable[str | Path], options: AuditOptions, progress: IO[str] | None = None) -> Run:
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
            progress.write(f"\r[{n}/{len(files)}] {display_name(files[n - 1])[-60:]:<60}")
            progress.flush()
    if progress is not None:
        progress.write("\n")
    return Run(engine, spool, errors, options.as_of, portfolio, inputs=files)


def validate_library(options: AuditOptions) -> RulesetLibrary:
    """Load the rulesets once in the parent, so a broken ruleset stops the run before any worker starts."""
    library = _library(options)
    if options.ruleset is not None and options.ruleset not in library.by_id:
        raise IopError(f"unknown ruleset {options.ruleset!r}, expected one of: {', '.join(sorted(library.by_id))}", "--ruleset", 0, 0)
    return library
