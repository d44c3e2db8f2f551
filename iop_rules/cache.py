"""Re-audits from a cache: an unchanged agreement costs a hash and a read, not a check.

An entry is keyed by everything a report depends on -- the agreement file's path and bytes, the
path and bytes of every ruleset file in the library, the engine, `--as-of`, a forced ruleset,
`--no-waivers`, the languages messages are built in, and this copy of the code (its version and
the bytes of the modules that build a report, so an upgrade or a local edit never reads an older
tool's results).  The cache lives in the user's cache directory (`$XDG_CACHE_HOME/iop-rules` on
Linux); it is an optimisation only, so any problem with it (unwritable, full, corrupted) makes a
run slower, never different and never failed.  The parsed ruleset library is kept the same way.

An entry is never trusted: it starts with a magic line, carries its own key (a file copied or
renamed under another key is foreign) and a checksum of its payload, and the payload is read by
an unpickler that builds only this package's own data classes, so a planted or damaged file is
a miss and is recomputed, not code that runs.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from . import __version__
from .errors import IopError
from .safeio import read_regular_file

if TYPE_CHECKING:
    from .engine import Backend
    from .results import AgreementReport, Result
    from .rulesets import RulesetLibrary

APP = "iop-rules"
RESULTS = "results-2"  # the entry format's version: a new layout gets a new folder (cache_entry.py)
LIBRARIES = "rulesets-1"
MAGIC = b"iop-rules result cache 1\n"
_DIGEST = 32  # bytes of blake2b in keys and checksums
#: The modules whose code decides a report's content, and render/: an entry holds the JSON and text output.
_REPORT_CODE = ("*.py", "engine/*.py", "render/*.py")


def cache_dir() -> Path:
    """The user's cache folder for iop-rules (platformdirs: honours XDG_CACHE_HOME on Linux)."""
    from platformdirs import user_cache_path
    return user_cache_path(APP, appauthor=False)


@functools.lru_cache(maxsize=1)
def code_digest() -> bytes:
    """This copy of the code: its version and the source of every module that builds a report."""
    h = hashlib.blake2b(__version__.encode(), digest_size=_DIGEST)
    package = Path(__file__).resolve().parent
    for pattern in _REPORT_CODE:
        for source in sorted(package.glob(pattern)):
            h.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return h.digest()


def _ruleset_paths(ruleset_files: Iterable[str | Path] | None) -> list[Path]:
    """The files `load_rulesets` reads, in its order (default: the shipped ones)."""
    from .rulesets import SHIPPED_DIR
    return sorted(Path(p) for p in (ruleset_files or SHIPPED_DIR.glob("*.yaml")))


def library_digest(ruleset_files: Iterable[str | Path] | None) -> bytes:
    """Each ruleset file's path (rules name the file they are written in) and bytes; IopError where one cannot be read."""
    h = hashlib.blake2b(code_digest(), digest_size=_DIGEST)
    for path in _ruleset_paths(ruleset_files):
        content = read_regular_file(path, 16 * 1024 * 1024, "a ruleset file")
        h.update(os.fsencode(path) + b"\0" + hashlib.blake2b(content, digest_size=_DIGEST).digest())
    return h.digest()


class _Unpickler(pickle.Unpickler):
    """Builds this package's own data classes (and dates) and nothing else: a foreign class is an error, never an import."""

    modules: tuple[str, ...] = ()
    _allowed: dict[tuple[str, str], type] = {("datetime", "date"): dt.date}  # what was found allowed, for the next entry

    def find_class(self, module: str, name: str) -> Any:
        found = self._allowed.get((module, name))
        if found is not None:
            return found
        if module in self.modules:
            found = getattr(__import__(module, fromlist=[name]), name, None)
            if isinstance(found, type) and found.__module__ == module and _is_data_class(found):
                self._allowed[(module, name)] = found
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


def _is_data_class(cls: type) -> bool:
    from pydantic import BaseModel
    return dataclasses.is_dataclass(cls) or issubclass(cls, BaseModel)


class _ReportUnpickler(_Unpickler):
    modules = ("iop_rules.results", "iop_rules.summary")
    _allowed = dict(_Unpickler._allowed)


class _LibraryUnpickler(_Unpickler):
    modules = ("iop_rules.rulesets", "iop_rules.conditions")
    _allowed = dict(_Unpickler._allowed)


@dataclasses.dataclass(frozen=True)
class ResultCache:
    """The cache as one run uses it: the folder, and the part of every key this run fixes."""

    folder: Path
    run_key: bytes
    renderings: tuple[str, ...] | None = None  # the outputs this run shows, kept in new entries (cache_entry.encode)

    @classmethod
    def for_run(cls, ruleset_files: Iterable[str | Path] | None, engine: str, as_of: dt.date | None, ruleset: str | None,
                honour_waivers: bool, folder: Path | None = None, renderings: tuple[str, ...] | None = None) -> ResultCache:
        """`ruleset_files`: what the library was loaded from (None: the shipped rulesets)."""
        from .messages import LANGS
        from .results import report_date
        # without --as-of a waiver's expiry is judged against the report date, so that date is in the key
        parts = [library_digest(ruleset_files).hex(), engine, as_of.isoformat() if as_of else f"-{report_date()}",
                 ruleset or "-", "waivers" if honour_waivers else "no-waivers", ",".join(LANGS)]
        run_key = hashlib.blake2b("\0".join(parts).encode(), digest_size=_DIGEST).digest()
        return cls((folder or cache_dir()) / RESULTS, run_key, renderings)

    def key(self, path: str, content: bytes) -> bytes:
        """The path is part of the key: a report names its file (the name shown is a function of it)."""
        h = hashlib.blake2b(self.run_key, digest_size=_DIGEST)
        h.update(os.fsencode(path) + b"\0")
        h.update(content)
        return h.digest()

    def _entry(self, key: bytes) -> str:
        name = key.hex()
        return os.path.join(self.folder, name[:2], name)

    def has(self, key: bytes) -> bool:
        return os.path.isfile(self._entry(key))

    def get(self, key: bytes) -> AgreementReport | None:
        """The report stored under `key` (its results unpickled when first read), or None when absent or not to be trusted."""
        from . import cache_entry
        data = _read(self._entry(key))
        report = cache_entry.decode(data, key, _head_unpickler, decode_results) if data is not None else None
        lacking = cache_entry.lacking(report.results, self.renderings or ()) if report is not None else ()
        if report is not None and lacking:  # a run in another format or language: the entry gains its output, once
            assert isinstance(report.results, cache_entry.StoredResults)
            data = cache_entry.encode(key, report, (*report.results.kept(), *lacking))
            _write_entry(self._entry(key), data)
            report = cache_entry.decode(data, key, _head_unpickler, decode_results)
        return report

    def put(self, key: bytes, report: AgreementReport) -> None:
        """Store `report` if it holds its messages in every language (the key does not name the run's)."""
        from . import cache_entry
        from .messages import LANGS
        if any(tuple(r.message) != LANGS for r in report.results):
            return
        _write_entry(self._entry(key), cache_entry.encode(key, report, self.renderings))


def _read(entry: str | Path) -> bytes | None:
    try:
        with open(entry, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _write(target: str | Path, key: bytes, payload: bytes) -> None:
    _write_entry(target, MAGIC + key + hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload)


def _write_entry(target: str | Path, entry: bytes) -> None:
    """Store an entry: written beside its place and renamed into it, so a reader sees all of it or nothing.

    Not synced: a crash can at worst leave a truncated entry, which the checksum turns into a miss.
    """
    temp = None
    try:
        folder = os.path.dirname(target)
        os.makedirs(folder, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".new-", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(entry)
        os.replace(temp, target)
        temp = None
    except OSError:  # a read-only or full disk: this run is just not cached
        pass
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass


def _payload(data: bytes, key: bytes) -> bytes | None:
    """The entry's payload if its magic, its own key and its checksum all hold."""
    head = len(MAGIC)
    if not data.startswith(MAGIC) or data[head:head + _DIGEST] != key:
        return None
    checksum, payload = data[head + _DIGEST:head + 2 * _DIGEST], data[head + 2 * _DIGEST:]
    return payload if hashlib.blake2b(payload, digest_size=_DIGEST).digest() == checksum else None


def _unpickle(payload: bytes, unpickler: type[_Unpickler]) -> Any:
    try:
        return unpickler(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - whatever a damaged payload raises, it is a miss
        return None


def _head_unpickler(data: io.BytesIO) -> Any:
    return _ReportUnpickler(data).load()


def decode_results(pickled: bytes) -> tuple[Result, ...]:
    """An entry's results, by the restricted unpickler.

    The entry's checksum held when it was read, so only a planted section (one that passes the
    checksum and names a class not allowed) can fail here, and it is refused, never run.
    """
    from .results import Result
    results = _unpickle(pickled, _ReportUnpickler)
    if not (isinstance(results, tuple) and all(isinstance(r, Result) for r in results)):
        raise IopError("a result cache entry holds what no iop-rules wrote, expected its results (run "
                       "`iop-rules cache clear`, or check with --no-cache)", "the result cache", 0, 0)
    return results


def stored_report(entry: bytes) -> AgreementReport:
    """The report of an entry that was checked when it was read (an audit's spool holds such entries as they are)."""
    from . import cache_entry
    report = cache_entry.parse(entry, _head_unpickler, decode_results)
    if report is None:
        raise IopError("a result cache entry changed after it was read, expected it unchanged", "the result cache", 0, 0)
    return report


def _decode(data: bytes, key: bytes) -> AgreementReport | None:
    """The whole report an entry holds, its results read at once; None where any of it is not to be trusted."""
    from . import cache_entry
    report = cache_entry.decode(data, key, _head_unpickler, decode_results)
    try:
        return report if report is not None and tuple(report.results) is not None else None
    except IopError:
        return None


def _agreement_bytes(path: str) -> bytes | None:
    """The file's bytes as the loader would read them, or None where the loader must say what is wrong."""
    from .yamlpos import MAX_FILE_BYTES
    try:
        return read_regular_file(path, MAX_FILE_BYTES, "a YAML file")
    except IopError:
        return None


def lookup_key(cache: ResultCache, path: str) -> bytes | None:
    """The key of the file as it is now, or None where the file is not cached (the loader will say why)."""
    raw = _agreement_bytes(path)
    return None if raw is None else cache.key(path, raw)


def cached_check(path: str, cache: ResultCache, compute: Callable[[str | None], AgreementReport]) -> AgreementReport:
    """A file's report from the cache, or computed by `compute(text)` and stored.

    The key is made from the bytes read here, and those same bytes are what `compute` checks,
    so a file edited in between can never store one version's results under the other's key.
    A file the loader would refuse (missing, not a file, too large, not UTF-8) is not cached:
    `compute(None)` reads it again and reports it exactly as an uncached run does.
    A hit's results stay pickled until something reads them (see cache_entry.py).
    """
    raw = _agreement_bytes(path)
    try:
        text = raw.decode("utf-8-sig") if raw is not None else None
    except UnicodeDecodeError:
        text = None
    if raw is None or text is None:
        return compute(None)
    key = cache.key(path, raw)
    hit = cache.get(key)
    if hit is not None:
        return hit
    report = compute(text)
    cache.put(key, report)
    return report


def check_with_cache(path: str, cache: ResultCache | None, library: RulesetLibrary, backend: Backend,
                     as_of: dt.date | None, ruleset: str | None, honour_waivers: bool,
                     langs: tuple[str, ...] | None = None) -> AgreementReport:
    """`runner.check_file`, through the cache when there is one; uncached, with messages in `langs` only
    (a cached report holds every language, so that a run in another one can read it)."""
    from .messages import LANGS
    from .runner import check_file
    if cache is None:
        return check_file(path, library, backend, as_of, ruleset, honour_waivers, langs=langs or LANGS)
    return cached_check(path, cache, lambda text: check_file(path, library, backend, as_of, ruleset, honour_waivers, text))


# ---- the ruleset library ------------------------------------------------------------

def load_library(ruleset_files: Sequence[str | Path] | None, folder: Path | None) -> RulesetLibrary:
    """`load_rulesets`, from a cache entry while the ruleset files hold the same bytes at the same paths.

    Parsing and validating the shipped rulesets (and building their schema) is a large part of
    what a one-file check spends after its imports.  A library that does not load is never stored, so
    a broken ruleset is reported by `load_rulesets` exactly as without a cache.
    """
    from .rulesets import RulesetLibrary, load_rulesets
    try:
        key = library_digest(ruleset_files) if folder is not None and _ruleset_paths(ruleset_files) else None
    except IopError:  # the loader says what is wrong with the file
        key = None
    if key is None or folder is None:
        return load_rulesets(list(ruleset_files) if ruleset_files else None)
    entry = folder / LIBRARIES / key.hex()
    data = _read(entry)
    payload = _payload(data, key) if data is not None else None
    cached = _unpickle(payload, _LibraryUnpickler) if payload is not None else None
    if isinstance(cached, RulesetLibrary):
        return cached
    library = load_rulesets(list(ruleset_files) if ruleset_files else None)
    for ruleset in library.by_id.values():
        for rule in ruleset.rules:  # computed once here, stored with the library, instead of in every run
            for derived in ("title", "remediation", "fields", "applies_fields", "params"):
                getattr(rule, derived)
    _write(entry, key, pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL))
    return library


# ---- `iop-rules cache` ------------------------------------------------------------

def entries(folder: Path) -> Iterable[Path]:
    results = folder / RESULTS
    return (p for p in results.glob("*/*") if p.is_file()) if results.is_dir() else ()


def clear(folder: Path | None = None) -> tuple[int, int]:
    """Remove every cache entry; (entries, bytes) removed.  Only this tool's own folder is touched."""
    import shutil
    folder = folder or cache_dir()
    count = size = 0
    for entry in entries(folder):
        try:
            size += entry.stat().st_size
            count += 1
        except OSError:
            pass
    # every layout's folder, this version's and older ones' (results-1, results-2, rulesets-1, schemas-1)
    for sub in (p for kind in ("results", "rulesets", "schemas") for p in folder.glob(f"{kind}-*")):
        shutil.rmtree(sub, ignore_errors=True)
    try:
        folder.rmdir()  # only if nothing else is left in it
    except OSError:
        pass
    return count, size
