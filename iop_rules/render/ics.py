"""An iCalendar file of deadlines: report due dates, reviews, ends.

A controller imports it once a quarter.  The file is deterministic (UIDs
from agreement, kind and date; DTSTAMP from the audit date) so importing
it again updates events instead of duplicating them.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..portfolio import Portfolio
from ..runner import Run
from . import Outputter

_KIND = {"sv": {"report": "Rapport", "review": "Översyn", "end": "Slut"},
         "en": {"report": "Report", "review": "Review", "end": "End"}}
_OVERDUE = {"sv": "FÖRSENAD: ", "en": "OVERDUE: "}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with a space."""
    out, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _open_deadlines(reports: Any, as_of: dt.date | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Undone deadlines of a check run: overdue ones (before `--as-of`) and the rest, by date."""
    portfolio = Portfolio(as_of or dt.date.min)
    for report in reports:
        portfolio.add(report)
    summary = portfolio.summary()
    if as_of is None:  # no date to be late by: every open deadline is simply a date in the calendar
        return [], sorted(summary["overdue"] + summary["upcoming"], key=lambda d: (d["date"], d["agreement"], d["kind"]))
    return summary["overdue"], summary["upcoming"]


class IcsOutputter(Outputter):
    def render(self, run: Run) -> str:
        if run.portfolio is not None:  # an audit has added them up already (and may have streamed its reports)
            summary = run.portfolio.summary()
            overdue, upcoming = summary["overdue"], summary["upcoming"]
        else:
            overdue, upcoming = _open_deadlines(run.agreements, run.as_of)
        as_of = run.as_of.isoformat() if run.as_of else None
        stamp = (as_of or "1970-01-01").replace("-", "") + "T000000Z"
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//iop-rules//deadlines//SV", "CALSCALE:GREGORIAN"]
        for d in overdue + upcoming:
            lines += self._event(d, stamp, overdue=d in overdue)
        lines.append("END:VCALENDAR")
        return "".join(_fold(line) + "\r\n" for line in lines)

    def _event(self, d: dict[str, Any], stamp: str, overdue: bool) -> list[str]:
        day = dt.date.fromisoformat(d["date"])
        title = f"{_OVERDUE[self.lang] if overdue else ''}{_KIND[self.lang][d['kind']]}: {d['agreement']}"
        return ["BEGIN:VEVENT",
                f"UID:{d['agreement']}-{d['kind']}-{d['date']}@iop-rules",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                f"SUMMARY:{_escape(title)}",
                f"DESCRIPTION:{_escape(str(d.get('description') or ''))} ({_escape(d['path'])})",
                "END:VEVENT"]
