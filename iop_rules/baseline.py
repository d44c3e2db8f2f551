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
from .errors import IopError
from .safeio import display_name, read_text_limited
from .results import AgreementReport
from .verdicts import is_finding


MAX_BASELINE_BYTES = 512 * 1024 * 1024  # an audit of ~100,000 agreements; never an unbounded read


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


@dataclass
class Baseline:
    path: str
    findings: set[tuple[str, str]]
    seen: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        """Read an earlier JSON report: a regular file, bounded in size, nested no deeper than a report is."""
        what = "the JSON output of an earlier run"
        shown = display_name(path)
        text = read_text_limited(path, MAX_BASELINE_BYTES, what)
        try:
            data = json.loads(text, parse_constant=_no_constant)
            found = {(str(a["id"]), str(r["rule"])) for a in data["agreements"] for r in a["results"]
                     if isinstance(r["verdict"], str) and is_finding(r["verdict"])}
        except json.JSONDecodeError as exc:
            raise IopError(f"invalid JSON ({exc.msg}), expected `check`/`audit --format json` output",
                           shown, exc.lineno, exc.colno) from None
        except RecursionError:  # json's C parser counts its depth and raises this cleanly
            raise IopError(f"nested too deeply, expected {what}", shown, 1, 1) from None
        except (ValueError, KeyError, TypeError) as exc:
            raise IopError(f"not an iop-rules JSON report ({display_name(str(exc))[:200]}), expected "
                           "`check`/`audit --format json` output", shown, 1, 1) from None
        return cls(shown, found)

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
