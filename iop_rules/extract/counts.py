"""Counts a commitment states without the usual `N things per period`: days named, a part of a count, a period said elsewhere.

"Föreningen håller språkcafé tisdagar och torsdagar" promises two times a week; "alla dagar" seven;
"minst 24 aktiviteter per år, varav minst sex vinteraktiviteter" promises six of a kind as well; and in
"Föreningen ska under 2026 matcha minst 55 mentorpar" the period stands before the count.  Each reading
is narrow on purpose: a weekday said once ("på lördag") or a date ("fredagen den 3 maj") is no rhythm.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .swedish import COUNT

_DAY = "(?:" + "|".join(lx.WEEKDAYS) + ")"  # a stem: "lördag", "lördagar", "lördagarna"
#: "varje fredag och lördag", "tisdagar och torsdagar", "på lördagar", "måndag–torsdag".
_DAYS = re.compile(rf"(?<!\w)(?P<every>varje\s+|alla\s+|på\s+)?(?P<first>{_DAY})(?P<pl>ar|arna)?(?!\w)"
                   rf"(?P<more>(?:\s*(?:,|och|samt)\s*(?:varje\s+|på\s+)?{_DAY}(?:ar|arna)?(?!\w))*)"
                   rf"(?:\s*[–-]\s*(?P<last>{_DAY})(?:ar|arna)?(?!\w))?", re.IGNORECASE)
_DATE_AFTER = re.compile(r"^(?:en|s)?\s+den\s+\d", re.IGNORECASE)  # "fredagen den 3 maj": a date, not a rhythm
_EVERY_DAY = lx.cue(lx.EVERY_DAY)
_EVERY_WEEKDAY = lx.cue(lx.EVERY_WEEKDAY)
_OPEN = lx.cue(lx.OPEN_WORDS)
_ORDER = {d: i for i, d in enumerate(lx.WEEKDAYS)}
#: Saturday or Sunday named as a rhythm ("lördagar", "varje söndag"), beside every weekday.
_WEEKEND = re.compile(r"(?<!\w)(?:varje\s+(lördag|söndag)|(lördag|söndag)(?:ar|arna))(?!\w)", re.IGNORECASE)
_UNIT = r"[a-zåäö][a-zåäö-]{1,25}"
_PART = re.compile(rf"^\s*,?\s*{lx.alt(lx.PART_OF_COUNT)}\s+{lx.alt(lx.COMMITMENT_FLOORS)}\s+(?P<n>{COUNT})(?:\s+(?P<unit>{_UNIT}))?",
                   re.IGNORECASE)
_FLOOR_COUNT = re.compile(rf"(?<!\w){lx.alt(lx.COMMITMENT_FLOORS)}\s+(?P<n>{COUNT})\s+(?P<unit>{_UNIT})", re.IGNORECASE)
_PERIODS = [(key, lx.cue(phrases)) for key, phrases in lx.COMMITMENT_PERIODS.items()]
_IN_A_YEAR = re.compile(r"(?<!\w)(?:under|för|per)\s+(?:år\s+)?20\d\d(?![\d–-])", re.IGNORECASE)


def weekly(text: str) -> tuple[int, str] | None:
    """How many days a week the text names as a rhythm, and the words it used; None when it names none."""
    m = _EVERY_DAY.search(text)
    if m and _OPEN.search(text):  # "håller stödlinjen öppen alla dagar"; "kunna utföra uppdrag alla dagar" is no count
        return 7, m.group(0)
    m = _EVERY_WEEKDAY.search(text)
    if m:  # "alla vardagar kl. 10–15 och lördagar kl. 11–14": the weekend days named as a rhythm come on top
        weekend = {"".join(d).casefold() for d in _WEEKEND.findall(text[:m.start()] + " " + text[m.end():])}
        return 5 + len(weekend), m.group(0)
    for m in _DAYS.finditer(text):
        every = m.group("every") and m.group("every").strip().casefold() != "på" or m.group("pl") or m.group("last")
        if _DATE_AFTER.match(text[m.end():]) or not every:
            continue  # "på lördag", "fredag den 3 maj": once, not every week
        first = m.group("first").casefold()
        if m.group("last"):
            n = _ORDER[m.group("last").casefold()] - _ORDER[first] + 1
            return (n, m.group(0)) if n > 1 else None
        days = {first} | {d.casefold() for d in re.findall(_DAY, m.group("more"), re.IGNORECASE)}
        return len(days), m.group(0)
    return None


def parts_after(text: str) -> tuple[str, str | None] | None:
    """A floor that is part of the count just read ("…, varav minst sex vinteraktiviteter"): the count and its unit.
    Without a floor the part only says what the count is made of ("3 öppetdagar/vecka, varav 1 lördag")."""
    m = _PART.match(text)
    return (m.group("n"), m.group("unit")) if m else None


def floor_with_period(text: str) -> tuple[str, str, str] | None:
    """A floor and its count whose period stands elsewhere in the sentence ("ska under 2026 matcha minst 55 mentorpar"):
    the count, its unit and the period; None without both."""
    m = _FLOOR_COUNT.search(text)
    if not m:
        return None
    rest = text[:m.start()] + " " + text[m.end():]
    per = "year" if _IN_A_YEAR.search(rest) else next((key for key, rx in _PERIODS if rx.search(rest)), None)
    return (m.group("n"), m.group("unit"), per) if per else None
