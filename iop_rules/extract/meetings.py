"""How often a steering group meets, as meetings a year: `fyra gånger per år`, `2 möten/år`, `kvartalsvis`,
`i februari, juni och oktober`.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .swedish import COUNT, MONTHS, parse_count

_MEET = re.compile(rf"(?P<n>{COUNT})\s+(?:gång|gånger|ggr|tillfällen|tillfälle|möten|sammanträden)\s*(?:per|om|varje|i|/)\s*"
                   r"(?P<per>året|år|läsåret|läsår|verksamhetsåret|verksamhetsår|halvåret|halvår|kvartalet|kvartal|månaden|månad|terminen|termin)\b",
                   re.IGNORECASE)
# a school's or an association's year is a year ("sex gånger per läsår")
_PER = {"år": 1, "året": 1, "läsår": 1, "läsåret": 1, "verksamhetsår": 1, "verksamhetsåret": 1,
        "halvår": 2, "halvåret": 2, "kvartal": 4, "kvartalet": 4, "månad": 12, "månaden": 12,
        "termin": 2, "terminen": 2}
_RHYTHM = lx.cue(lx.MEETING_RHYTHMS)
_MONTH_LIST = re.compile(rf"\bi\s+(?P<ms>(?:{'|'.join(m for m in MONTHS if len(m) > 3)})(?:\s*(?:,|och)\s*"
                         rf"(?:{'|'.join(m for m in MONTHS if len(m) > 3)}))+)\b", re.IGNORECASE)


def meetings_a_year(t: str) -> int | None:
    m = _MEET.search(t)
    if m:
        count = parse_count(m.group("n"))
        return count.value * _PER[m.group("per").lower()] if count and count.value else None
    r = _RHYTHM.search(t)
    if r:
        return lx.MEETING_RHYTHMS[" ".join(r.group(0).lower().split())]
    months = _MONTH_LIST.search(t)
    if months:
        return len(re.findall(r"\w+", re.sub(r"\boch\b", " ", months.group("ms"))))
    return None
