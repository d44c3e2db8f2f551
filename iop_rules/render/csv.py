"""CSV for a spreadsheet: one row per agreement and finding (fail, unknown or waived).

With a baseline, only the findings that are new since it are listed, the
way a controller reads the quarter's changes.
"""
from __future__ import annotations

import csv
import io
from ..runner import Run
from ..verdicts import SHOWN
from . import Outputter

COLUMNS = ["agreement", "path", "rulesets", "rule", "verdict", "severity", "line", "message", "citation", "waived_by"]


class CsvOutputter(Outputter):
    def render(self, run: Run) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        for a in run.agreements:
            for r in a.results:
                if r.verdict not in SHOWN or r.baseline == "existing":
                    continue
                waived_by = f"{r.waiver['approved_by']} ({r.waiver['reference']})" if r.waiver else ""
                writer.writerow([a.id, a.path, "+".join(a.rulesets), r.rule, r.verdict, r.severity, r.line,
                                 r.message[self.lang], r.citation, waived_by])
        return buffer.getvalue()
