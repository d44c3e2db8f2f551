"""An iCalendar file of deadlines: report due dates, reviews, ends.

A controller imports it once a quarter.  The file is deterministic (UIDs
from agreement, kind and date; DTSTAMP from the audit date) so importing
it again updates events instead of duplicating them.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

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


class IcsOutputter(Outputter):
    def Output(self, run: Any) -> str:  # noqa: N802
        summary = run.portfolio.summary()
        stamp = (summary["as_of"] or "1970-01-01").replace("-", "") + "T000000Z"
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//iop-rules//deadlines//SV", "CALSCALE:GREGORIAN"]
        for d in summary["overdue"] + summary["upcoming"]:
            lines += self._event(d, stamp, overdue=d in summary["overdue"])
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
