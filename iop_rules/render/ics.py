"""An iCalendar file of deadlines: report due dates, reviews, ends.

A controller imports it once a quarter.  The file is deterministic (UIDs
from agreement, kind and date; DTSTAMP from the audit date) so importing
it again updates events instead of duplicating them.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..portfolio import Portfolio
from ..runner import Run
from . import Outputter

_KIND = {"sv": {"report": "Rapport", "review": "Översyn", "end": "Slut"},
         "en": {"report": "Report", "review": "Review", "end": "End"}}
_OVERDUE = {"sv": "FÖRSENAD: ", "en": "OVERDUE: "}


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def _escape(text: str) -> str:
    """RFC 5545 TEXT: \\ ; , escaped, a line break (CRLF, LF or a bare CR) is \\n, other controls a space.

    A bare CR left raw would end the line for a reader that splits on it, and the rest of the
    value could then be read as properties of its own (an injected VEVENT).
    """
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(lambda m: "\\n" if m.group() in "\n\x85\u2028\u2029" else " ", text)


def _ymd(day: dt.date) -> str:
    return day.isoformat().replace("-", "")  # strftime('%Y') drops the zeros of years before 1000 on glibc


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with a space."""
    out: list[str] = []
    current = b""
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
        for d in overdue:  # never `d in overdue` per event: a list scan made 20k agreements quadratic
            lines += self._event(d, stamp, overdue=True)
        for d in upcoming:
            lines += self._event(d, stamp, overdue=False)
        lines.append("END:VCALENDAR")
        return "".join(_fold(line) + "\r\n" for line in lines)

    def _event(self, d: dict[str, Any], stamp: str, overdue: bool) -> list[str]:
        day = dt.date.fromisoformat(d["date"])
        # An all-day event ends the next day; without DTEND it lasts one day too (RFC 5545 3.6.1),
        # which is how the last day of the calendar (9999-12-31, no next day) is written.
        end = [f"DTEND;VALUE=DATE:{_ymd(day + dt.timedelta(days=1))}"] if day < dt.date.max else []
        title = f"{_OVERDUE[self.lang] if overdue else ''}{_KIND[self.lang][d['kind']]}: {d['agreement']}"
        return ["BEGIN:VEVENT",
                f"UID:{_escape(d['agreement'])}-{d['kind']}-{d['date']}@iop-rules",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{_ymd(day)}",
                *end,
                f"SUMMARY:{_escape(title)}",
                f"DESCRIPTION:{_escape(str(d.get('description') or ''))} ({_escape(d['path'])})",
                "END:VEVENT"]
