"""Verdicts and severities: the one place that says what a finding is and what fails a run.

Like conftest's `output/result.go`, which owns `HasFailure()` and `ExitCode()`: the CLI and every
renderer ask here, so the exit code never depends on the output format and a new verdict or
severity is added once.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, Protocol

Verdict = Literal["fail", "unknown", "waived", "pass", "not_applicable"]
Severity = Literal["error", "warning", "info"]

#: Every verdict, in the order a report shows them: what needs action first.
VERDICTS: tuple[Verdict, ...] = ("fail", "unknown", "waived", "pass", "not_applicable")
#: Most severe first.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: `--fail-on` levels: a severity, or never.
FAIL_ON_LEVELS = (*SEVERITIES, "never")
#: A finding needs a reader's action: a broken rule, or one the agreement gives nothing to decide
#: (missing information is a finding, never a silent pass).
FINDINGS: frozenset[str] = frozenset({"fail", "unknown"})
#: Shown to a reader with the findings, though they fail nothing: an approved deviation.
SHOWN: frozenset[str] = FINDINGS | {"waived"}
#: Exit codes, as ruff and conftest use them.
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class Judged(Protocol):
    """What the vocabulary needs of a result."""

    @property
    def verdict(self) -> str: ...

    @property
    def severity(self) -> str: ...

    @property
    def lead(self) -> bool: ...


def is_finding(verdict: str) -> bool:
    return verdict in FINDINGS


def severity_rank(severity: str) -> int:
    """0 for the most severe."""
    return SEVERITIES.index(severity)  # type: ignore[arg-type]


def display_order(result: Judged) -> tuple[int, bool, int]:
    """Findings before waivers before passes; within a verdict a lead rule first (IOP-LOU-01: the
    procurement question is answered before any drafting defect), then the most severe."""
    return VERDICTS.index(result.verdict), not result.lead, severity_rank(result.severity)  # type: ignore[arg-type]


def fails_run(result: Judged, fail_on: str) -> bool:
    """A finding at or above the `--fail-on` level."""
    return fail_on != "never" and is_finding(result.verdict) and severity_rank(result.severity) <= severity_rank(fail_on)


def exit_code(results: Iterable[Judged], fail_on: str, exit_zero: bool = False, input_errors: bool = False) -> int:
    """2 for broken input (whatever the findings), else 1 when a finding fails the run, else 0."""
    if input_errors:
        return EXIT_INPUT
    if exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if any(fails_run(r, fail_on) for r in results) else EXIT_OK


class Tally:
    """Verdicts and the severities of failures, counted as results stream past."""

    def __init__(self) -> None:
        self.verdicts: dict[str, int] = {v: 0 for v in VERDICTS}
        self.failing_by_severity: dict[str, int] = {s: 0 for s in SEVERITIES}

    def add(self, result: Judged) -> None:
        self.verdicts[result.verdict] += 1
        if result.verdict == "fail":
            self.failing_by_severity[result.severity] += 1

    def add_all(self, results: Iterable[Judged]) -> "Tally":
        for r in results:
            self.add(r)
        return self
