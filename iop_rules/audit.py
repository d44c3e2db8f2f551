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
import json
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Sequence

from .errors import IopError
from .results import AgreementReport
from .rulesets import RulesetLibrary, load_rulesets
from .runner import check_file, discover

FINDINGS = ("fail", "unknown")


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


# ---- the portfolio --------------------------------------------------------------

@dataclass
class Portfolio:
    """Running totals over the audit; small per agreement, whatever N is."""

    as_of: dt.date | None
    agreements: int = 0
    errors: int = 0
    verdicts: dict[str, int] = field(default_factory=lambda: {v: 0 for v in ("fail", "unknown", "waived", "pass", "not_applicable")})
    failing_by_severity: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    failing_by_rule: dict[str, int] = field(default_factory=dict)
    by_authority: dict[str, dict[str, int]] = field(default_factory=dict)
    overdue: list[dict[str, Any]] = field(default_factory=list)
    upcoming: list[dict[str, Any]] = field(default_factory=list)
    cash_per_organisation: dict[str, dict[str, int]] = field(default_factory=dict)
    _engagements: list[tuple[Any, ...]] = field(default_factory=list)
    _paths_by_id: dict[str, list[str]] = field(default_factory=dict)

    def add(self, report: AgreementReport) -> None:
        self.agreements += 1
        self._paths_by_id.setdefault(report.id, []).append(report.path)
        authority = report.summary.get("authority") or "(okänd)"
        per_authority = self.by_authority.setdefault(authority, {"agreements": 0, "failing": 0})
        per_authority["agreements"] += 1
        for r in report.results:
            self.verdicts[r.verdict] += 1
            if r.verdict == "fail":
                self.failing_by_severity[r.severity] += 1
                self.failing_by_rule[r.rule] = self.failing_by_rule.get(r.rule, 0) + 1
                per_authority["failing"] += 1
        self._deadlines(report)
        self._organisations(report, authority)

    def _deadlines(self, report: AgreementReport) -> None:
        if self.as_of is None:
            return
        today = self.as_of.isoformat()
        for d in report.summary.get("deadlines", []):
            entry = {"agreement": report.id, "path": report.path, **d}
            if d["done"]:
                continue
            if d["date"] < today and d["kind"] != "end":
                self.overdue.append(entry)
            elif d["date"] >= today:
                self.upcoming.append(entry)

    def _organisations(self, report: AgreementReport, authority: str) -> None:
        s = report.summary
        for org in s.get("organisations", []):
            key = org["org_number"] or org["name"].casefold()
            per_year = self.cash_per_organisation.setdefault(org["name"], {})
            for year, amount in s.get("cash_by_year", {}).items():
                per_year[year] = per_year.get(year, 0) + amount
            if s.get("start") and s.get("end"):  # a tuple, not a dict: one per agreement, kept to the end
                self._engagements.append((key, authority, s.get("body") or "", s["start"], report.id, s["end"], org["name"]))

    def overlaps(self) -> list[dict[str, Any]]:
        """The same organisation with the same authority and body in agreements whose periods overlap.

        Reported as clusters found by a sweep over start dates, not as pairs: pairs grow with the
        square of a portfolio, clusters with its size.
        """
        out: list[dict[str, Any]] = []
        cluster: list[tuple[Any, ...]] = []
        cluster_end = ""

        def close() -> None:
            if len(cluster) > 1:
                first = cluster[0]
                out.append({"organisation": first[6], "authority": first[1], "body": first[2] or None,
                            "agreements": [e[4] for e in cluster], "from": cluster[1][3], "until": cluster_end})

        for entry in sorted(self._engagements):  # by organisation, authority, body, start, agreement
            same_group = bool(cluster) and entry[:3] == cluster[0][:3]
            if same_group and entry[3] <= cluster_end:
                cluster.append(entry)
                cluster_end = max(cluster_end, entry[5])
                continue
            close()
            cluster, cluster_end = [entry], entry[5]
        close()
        return out

    def summary(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "agreements": self.agreements, "errors": self.errors,
            "verdicts": self.verdicts, "failing_by_severity": self.failing_by_severity,
            "failing_by_rule": dict(sorted(self.failing_by_rule.items())),
            "by_authority": dict(sorted(self.by_authority.items())),
            "overdue": sorted(self.overdue, key=lambda d: (d["date"], d["agreement"], d["kind"])),
            "upcoming": sorted(self.upcoming, key=lambda d: (d["date"], d["agreement"], d["kind"])),
            "overlapping_agreements": self.overlaps(),
            # a baseline matches findings by agreement id: two files with one id would blur it
            "duplicate_ids": [{"id": k, "paths": v} for k, v in sorted(self._paths_by_id.items()) if len(v) > 1],
            "cash_per_organisation": {k: dict(sorted(v.items())) for k, v in sorted(self.cash_per_organisation.items())},
        }


# ---- baseline -------------------------------------------------------------------------

@dataclass
class Baseline:
    """Findings of an earlier run, matched by agreement id and rule -- never by line."""

    path: str
    findings: set[tuple[str, str]]
    seen: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            found = {(a["id"], r["rule"]) for a in data["agreements"] for r in a["results"] if r["verdict"] in FINDINGS}
        except FileNotFoundError:
            raise IopError("no such file, expected the JSON output of an earlier run", path, 0, 0) from None
        except (ValueError, KeyError, TypeError) as exc:
            raise IopError(f"not an iop-rules JSON report ({exc}), expected `check`/`audit --format json` output", path, 1, 1) from None
        return cls(path, found)

    def is_new(self, agreement_id: str, rule: str) -> bool:
        self.seen.add((agreement_id, rule))
        return (agreement_id, rule) not in self.findings

    def resolved(self) -> list[dict[str, str]]:
        return [{"agreement": a, "rule": r} for a, r in sorted(self.findings - self.seen)]


# ---- the run ----------------------------------------------------------------------------

@dataclass
class AuditRun:
    """What renderers see: an engine name, reports streamed once, errors and the portfolio."""

    engine: str
    agreements: Iterable[AgreementReport]
    errors: list[IopError]
    portfolio: Portfolio
    baseline: Baseline | None = None


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


def run_audit(paths: Iterable[str | os.PathLike[str]], options: AuditOptions, progress: IO[str] | None = None) -> AuditRun:
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
    return AuditRun(engine, spool, errors, portfolio)


def validate_library(options: AuditOptions) -> RulesetLibrary:
    """Load the rulesets once in the parent, so a broken ruleset stops the run before any worker starts."""
    library = load_rulesets(list(options.ruleset_files) or None)
    if options.ruleset is not None and options.ruleset not in library.by_id:
        raise IopError(f"unknown ruleset {options.ruleset!r}, expected one of: {', '.join(sorted(library.by_id))}", "--ruleset", 0, 0)
    return library
