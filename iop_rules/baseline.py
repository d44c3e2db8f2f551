"""A baseline: the findings of an earlier run, so a run reports only what is new.

Matched by agreement id and rule -- never by line, which moves when someone edits the file.
Applied once, before rendering: every finding is marked new or existing, renderers show what
is marked, and the exit code counts only new findings.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import IopError
from .results import AgreementReport
from .verdicts import is_finding


@dataclass
class Baseline:
    path: str
    findings: set[tuple[str, str]]
    seen: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            found = {(a["id"], r["rule"]) for a in data["agreements"] for r in a["results"] if is_finding(r["verdict"])}
        except FileNotFoundError:
            raise IopError("no such file, expected the JSON output of an earlier run", path, 0, 0) from None
        except (ValueError, KeyError, TypeError) as exc:
            raise IopError(f"not an iop-rules JSON report ({exc}), expected `check`/`audit --format json` output",
                           path, 1, 1) from None
        return cls(path, found)

    def apply(self, reports: Iterable[AgreementReport]) -> Iterator[AgreementReport]:
        """The reports with each finding marked "new" or "existing"; what was seen is remembered."""
        for a in reports:
            marked = []
            for r in a.results:
                if is_finding(r.verdict):
                    key = (a.id, r.rule)
                    self.seen.add(key)
                    r = dataclasses.replace(r, baseline="existing" if key in self.findings else "new")
                marked.append(r)
            yield dataclasses.replace(a, results=tuple(marked))

    def resolved(self) -> list[dict[str, str]]:
        """Findings of the baseline that this run no longer has (complete once the reports are read)."""
        return [{"agreement": a, "rule": r} for a, r in sorted(self.findings - self.seen)]
