"""Seats every party holds alike, and appointments said with the group first.

"Varje part har två platser i styrgruppen", "Kommunen och föreningen utser vardera två ledamöter",
"Parterna utser två representanter var", "… där kommunen och föreningen har två platser vardera": each
party has that many members (convention 1).  The subject must name every side, and a subject of several
parties must say that the count is each one's (`vardera`, `var`, `båda`), or the count could be the
group's.  "Till styrgruppen utser kommunen två ledamöter och föreningen två" is the appointment with its
verb moved to the front: it is read as "kommunen utser två ledamöter och föreningen två".
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import Findings
from .seats import MAX_SEATS, appointed, each_seat, without_substitutes
from .swedish import COUNT, parse_count
from .whose import sides

_MARK = lx.alt(lx.STEERING_EACH_MARKS)
_SEAT_WORD = lx.alt(lx.STEERING_SEATS)
_HOLD = re.compile(rf"(?:ska\s+|skall\s+|kommer\s+att\s+)?(?:(?P<m1>{_MARK})\s+)?{lx.alt(lx.STEERING_HOLD_VERBS)}\s+"
                   rf"(?:(?P<m2>{_MARK})\s+)?(?:minst\s+)?(?P<seats>(?:{COUNT})(?:\s+(?:[a-zåäö-]+\s+)?{_SEAT_WORD}|(?P<bare>(?=\s*\.?\s*$))))"
                   rf"(?:\s+(?P<m3>{_MARK}))?(?!\w)", re.IGNORECASE)
_EVERY = re.compile(rf"(?:^|\s)(?:{lx.alt(lx.STEERING_EVERY_PARTY)})\s*$", re.IGNORECASE)
_CLAUSE_START = re.compile(r".*(?:^|[,;:]\s*|\s(?:där|varvid|i\s+vilken|i\s+vilket|och\s+att)\s+)", re.IGNORECASE)
_NO_ROLE = re.compile(rf"\s*(?:{COUNT})\s+(?:[a-zåäö-]+\s+)?{lx.alt(lx.STEERING_SEATS_WITHOUT_ROLE)}", re.IGNORECASE)


def held_alike(f: Findings, sentence: str) -> list[dict[str, Any]] | None:
    """The members when every party holds the same seats; None unless the subject names every side."""
    everyone = sides(f)
    if len(everyone) < 2:
        return None
    sentence = without_substitutes(sentence)
    for m in _HOLD.finditer(sentence):
        before = sentence[:m.start()].rstrip()
        subject = before[_CLAUSE_START.match(before).end():] if _CLAUSE_START.match(before) else before  # type: ignore[union-attr]
        every = _EVERY.search(subject)
        marked = any(m.group(g) for g in ("m1", "m2", "m3"))
        if every and (marked or not re.search(r"parter(?:na)?\s*$", subject, re.IGNORECASE)):
            parties = [p.id for p in everyone]
        elif marked:
            named = [f.party(n) for n in re.split(r",\s*|\s+(?:och|samt)\s+", subject.strip()) if n.strip()]
            if len(named) < 2 or any(p is None or p.role == "funder" for p in named):
                continue
            parties = [p.id for p in named if p]
            if set(parties) != {p.id for p in everyone}:
                continue
        else:
            continue
        seats = m.group("seats")
        if m.group("bare") is not None:  # "Kommunen och föreningen utser vardera två": the seats were named before
            if not marked:
                continue
            count = parse_count(seats)
            if count is None or not count.value or count.value > MAX_SEATS:
                continue
            return [{"party": party} for party in parties for _ in range(count.value)]
        return [seat if not _NO_ROLE.fullmatch(seats) else {"party": seat["party"]}
                for party in parties for seat in each_seat(party, seats)]
    return None


_FRONTED = re.compile(rf"^(?:till|i|för)\s+(?:den\s+)?(?:gemensamma\s+)?(?:{lx.alt(lx.STEERING_GROUPS)})\w*\s+"
                      rf"(?P<verb>{lx.alt(lx.STEERING_APPOINT_VERBS)})\s+(?P<who>[\wåäöÅÄÖ -]{{2,60}}?)\s+(?P<rest>(?:{COUNT})\s.*)$",
                      re.IGNORECASE)


def fronted(f: Findings, sentence: str) -> list[dict[str, Any]] | None:
    """`Till styrgruppen utser kommunen två ledamöter och föreningen två`: the appointment, its verb put back."""
    m = _FRONTED.match(sentence.strip())
    if m is None:
        return None
    put_back = f"{m.group('who')} {m.group('verb')} {m.group('rest')}"
    if f.party(m.group("who")) is None:  # "Till styrgruppen utser kommunen och föreningen två personer vardera"
        return held_alike(f, put_back)
    return appointed(f, put_back)
