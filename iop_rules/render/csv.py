"""CSV for a spreadsheet: one row per agreement and finding (fail, unknown or waived).

With a baseline, only the findings that are new since it are listed, the
way a controller reads the quarter's changes.
"""
from __future__ import annotations

import csv
import io
from typing import IO
from ..runner import Run
from ..verdicts import SHOWN
from . import Outputter

#: OWASP, CSV injection: a cell a spreadsheet would read as a formula (or as DDE) starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralised(value: object) -> object:
    """A text cell that would start a formula gets a leading ' (shown as text, the way OWASP recommends)."""
    if isinstance(value, str) and value.lstrip(" \n").startswith(_FORMULA_START):
        return "'" + value
    return value


COLUMNS = ["agreement", "path", "rulesets", "rule", "verdict", "severity", "line", "message", "citation", "waived_by"]


class CsvOutputter(Outputter):
    def render(self, run: Run) -> str:
        buffer = io.StringIO()
        self.write(run, buffer)
        return buffer.getvalue()

    def write(self, run: Run, out: IO[str]) -> None:
        """Streamed, a row at a time."""
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for a in run.agreements:
            for r in a.results:
                if r.verdict not in SHOWN or r.baseline == "existing":
                    continue
                waived_by = f"{r.waiver['approved_by']} ({r.waiver['reference']})" if r.waiver else ""
                writer.writerow([neutralised(cell) for cell in (
                    a.id, a.path, "+".join(a.rulesets), r.rule, r.verdict, r.severity, r.line,
                    r.message[self.lang], r.citation, waived_by)])
