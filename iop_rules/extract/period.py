"""The agreement's term: its start and end, or its length, or the years it covers.

"gäller från den 1 januari 2026 till och med den 31 december 2027", "löper i 24 månader, fr.o.m. …",
"gäller i tre år från den 1 juli 2025" (a start and a length, no end), "börjar gälla 2025-04-01 och löper ut
vid utgången av 2027", "Gäller: 2025-09-01 -- 2026-05-31".  A date is the term's only beside a word for the
term (a verb such as `gäller`, a noun such as `avtalstid`); a date with an amount in its sentence is the
money's.  One end read alone is written and the reviewer told; a relative start ("från årsskiftet") is a
note, never a date.
"""
from __future__ import annotations

import datetime as dt
import re

from . import lexicon as lx
from .found import Findings
from .swedish import COUNT, MONTHS, find_amounts, find_dates, find_ranges, parse_count

#: A prolongation clause: its lengths are not the term's.
EXTENSION = re.compile(r"\b(?:kan|får|ska)\s+(?:\w+\s+){0,5}förlängas\b|\b(?:kan|får)\s+(?:\w+\s+){0,3}förlänga\b|"
                       # "förlängs överenskommelsen med ett år i taget", "förlängs det automatiskt"
                       r"\bförlängs\s+(?:" + lx.alt(lx.AGREEMENT_WORDS) + r"|den|det)\s+(?:därefter\s+|sedan\s+)?(?:med|automatiskt)\b|"
                       + lx.alt(lx.EXTENSION_PHRASES)
                       + r"|^förlängning\s*:", re.IGNORECASE)
_VERBS = lx.alt(lx.PERIOD_VERBS)
_NOUNS = lx.alt(n for n in lx.PERIOD_NOUNS if not n.startswith("period"))
_SPAN = rf"(?:i\s+(?:{COUNT})\s+(?:år|månader)\s*,?\s+)?"  # "gäller i tre år, från …": the length before the dates
_STARTS = rf"(?:{lx.alt(lx.AGREEMENT_WORDS)})\s+(?:\w+\s+)?{lx.alt(lx.PERIOD_START_VERBS)}\s+(?:den\s+)?(?=\d)"
PERIOD_CUE = re.compile(rf"(?<!\w){_VERBS}\s+{_SPAN}(?:den\s+)?(?=\d)|(?<!\w){_VERBS}\s+{_SPAN}(?:från|fr\.\s?o\.\s?m\.|fr\s?o\s?m|"
                        rf"från\s+och\s+med|under|perioden|mellan|t\.\s?o\.\s?m\.|till\s+och\s+med|till)"
                        rf"|(?<!\w){_NOUNS}|\b(?:under|för)\s+perioden\b|^period\s*:|^{_VERBS}\s*:|(?<!\w){_STARTS}", re.IGNORECASE)
_STRONG = re.compile(r"(?<!\w)(?:gäller|gälla|löper|projekttid|avtalstid|avtalsperiod|giltighetstid)|^period\s*:", re.I)
_PERIOD_HEADING = re.compile(r"^(?:period|avtalstid|avtalsperiod|giltighet|överenskommelsens\s+giltighet|tid)\b", re.I)
#: The agreement as the subject of a term: "Överenskommelsen löper i tre år".
_OF_AGREEMENT = re.compile(r"(?<!\w)(?:" + lx.alt(lx.AGREEMENT_WORDS) + "|" + _VERBS + "|" + _NOUNS + r")", re.IGNORECASE)
_DURATION = re.compile(rf"(?<!\w)(?:i|under|på|om|är|blir)\s+(?P<n>{COUNT})\s+(?P<u>år|månader|månad)(?!\w)", re.IGNORECASE)
_CAP_BEFORE = re.compile(r"(?<!\w)(?:maximalt|högst|längst|max\.?|upp\s+till|som\s+längst|som\s+mest)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_AHEAD = re.compile(rf"(?<!\w)(?P<n>{COUNT})\s+(?P<u>år|månader|månad)\s+(?:framåt|därefter)(?!\w)", re.IGNORECASE)
_DURATION_WORD = re.compile(r"(?<!\w)(?P<w>" + "|".join(lx.DURATION_ADJECTIVES) + r")(?:t|a)?(?!\w)", re.IGNORECASE)
_YEARS_ONLY = re.compile(r"(?<![\d-])(?P<a>(?:19|20)\d\d)\s*(?:[-–]|till|t\.o\.m\.)\s*(?P<b>(?:19|20)\d\d)(?![\d-])"
                         r"|\b(?:under|för)\s+(?:kalender|verksamhets)?året\s+(?P<c>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_RELATIVE_START = lx.cue(lx.RELATIVE_STARTS)
#: Right before a duration, the words that make it the agreement's term (and nothing else's).
_TERM_BEFORE = re.compile(rf"(?<!\w)(?:{_VERBS}|{_NOUNS}(?:\s+(?:är|blir))?\s*:?)\s+(?:\w+\s+)?$", re.IGNORECASE)


def extract_period(f: Findings) -> None:
    for i, b in enumerate(f.blocks):
        for s in b.sentences:
            if lx.PLACEHOLDER.search(s) and PERIOD_CUE.search(s):  # "från och med [datum]": still to be written
                f.note(f"texten har en plats att fylla i, inget värde är läst där: \"{s[:160]}\"")
            ranges = find_ranges(s)
            if not ranges:
                if PERIOD_CUE.search(s) and not find_amounts(s):
                    _one_end(f, s, b.line)
                    for d in find_dates(s):
                        if d.kind == "season":  # "gäller från hösten 2024": a note with the words, never a date
                            f.note(f"period: \"{d.text}\" är en årstid, inget datum; ange start eller slut själv "
                                   f"(\"{s[:160]}\")")
                continue
            r = ranges[0]
            if PERIOD_CUE.search(s) and not find_amounts(s):
                rank = 1 if _STRONG.search(s) else 0
                moved = _MOVED_END.match(s[r.end:])  # "Huvudavtalets giltighetstid, A – B, förlängs härmed till och med C"
                later = find_dates(moved.group("d")) if moved else []
                last = later[0].date if later and later[0].start == 0 and later[0].date and later[0].date > r.last else r.last
                f.add("period", (r.first, last), s, b.line, rank)
            elif i > 0 and _PERIOD_HEADING.match(f.blocks[i - 1].text) and len(s) - len(r.text) < 15:
                f.add("period", (r.first, r.last), s, b.line, 1)
    found = f.pick("period")
    if found:
        f.add("period.start", found.value[0], found.quote, found.line)
        f.add("period.end", found.value[1], found.quote, found.line)
    else:
        for end in ("start", "end"):
            alone = f.pick(f"period.{end}.alone")
            if alone:
                f.add(f"period.{end}", alone.value, alone.quote, alone.line)
                f.note(f"period: bara {'början' if end == 'start' else 'slutet'} står i texten (\"{alone.quote[:160]}\")")
    _durations_and_years(f, found is not None)


#: After a term's dates, its new end: an amendment that moves the term ("…, förlängs härmed till och med 2027-12-31").
_MOVED_END = re.compile(r"\s*,?\s*(?:förlängs|ändras|utsträcks|förlängdes)\s+(?:härmed\s+|nu\s+)?(?:till\s+och\s+med|t\.\s?o\.\s?m\.?|till)\s+"
                        r"(?:den\s+)?(?P<d>.{6,40})", re.IGNORECASE)
_UNTIL = re.compile(r"(?<!\w)(?:till\s+och\s+med|t\.\s?o\.\s?m\.?|tom|till|löper\s+ut|upphör\s+att\s+gälla|upphör|slutar)"
                    r"\s+(?:den\s+)?$", re.IGNORECASE)
_FROM = re.compile(r"(?<!\w)(?:från\s+och\s+med|fr\.\s?o\.\s?m\.?|från|" + lx.alt(lx.PERIOD_START_VERBS) + r")\s+(?:den\s+)?$",
                   re.IGNORECASE)
_YEAR_END = re.compile(r"(?<!\w)" + lx.alt(lx.YEAR_END_WORDS) + r"\s+(?:år\s+)?(?P<y>(?:19|20)\d\d)(?![\d-])", re.IGNORECASE)
DAY_MONTH = re.compile(rf"(?<!\w)(?P<d>\d{{1,2}}|{'|'.join(sorted(lx.ORDINAL_DAYS, key=len, reverse=True))})\s+"
                       rf"(?P<m>{'|'.join(sorted(MONTHS, key=len, reverse=True))})(?!\w)(?!\.?\s+(?:år\s+)?\d{{4}})", re.IGNORECASE)


def _one_end(f: Findings, s: str, line: int) -> None:
    """A term with one end written and the other left open or to be filled in ("från och med [datum] till
    och med 2026-12-31"): the written end is read; the other is for the reviewer."""
    dates = [d for d in find_dates(s) if d.date]
    if len(dates) == 2 and dates[0].date and dates[1].date and dates[0].date < dates[1].date \
            and _FROM.search(s[:dates[0].start]) and _UNTIL.search(s[dates[0].end:dates[1].start]):
        # "från och med den 1 mars 2026, det vill säga till och med den 29 februari 2028": the two ends apart
        f.add("period", (dates[0].date, dates[1].date), s, line, 1 if _STRONG.search(s) else 0)
        return
    if len(dates) != 1 or dates[0].date is None:
        return
    d, day = dates[0], dates[0].date
    if _UNTIL.search(s[:d.start]):
        start = _yearless_start(s[:d.start], day)
        if start:  # "från den första juni till och med den trettioförsta augusti 2025": the year is the end's
            f.add("period", (start, day), s, line, 1 if _STRONG.search(s) else 0)
        else:
            f.add("period.end.alone", day, s, line)
    elif _FROM.search(s[:d.start]):
        year_end = _YEAR_END.search(s, d.end)
        if year_end and int(year_end.group("y")) >= day.year:  # "börjar gälla 2025-04-01 och löper ut vid utgången av 2027"
            f.add("period", (day, dt.date(int(year_end.group("y")), 12, 31)), s, line, 1 if _STRONG.search(s) else 0)
        else:
            f.add("period.start.alone", day, s, line)


def _yearless_start(before: str, end: dt.date) -> dt.date | None:
    """The start written without its year after `från` ("från den 1 juni till …"), in the end's year, before it."""
    days = [m for m in DAY_MONTH.finditer(before) if _FROM.search(before[:m.start()])]
    if len(days) != 1:
        return None
    m = days[0]
    number = int(m.group("d")) if m.group("d").isdigit() else lx.ORDINAL_DAYS[m.group("d").lower()]
    try:
        start = dt.date(end.year, MONTHS[m.group("m").lower()], number)
    except ValueError:
        return None
    return start if start < end else None


def _durations_and_years(f: Findings, dated: bool) -> None:
    """`i tre år`, `treårig`, `löper i 24 månader` as months; `2015–2018` as years; relative starts as notes."""
    for i, b in enumerate(f.blocks):
        under_heading = i > 0 and _PERIOD_HEADING.match(f.blocks[i - 1].text) and f.blocks[i - 1].words <= 4
        for s in b.sentences:
            if not (_OF_AGREEMENT.search(s) or under_heading) or find_amounts(s):
                continue
            if EXTENSION.search(s) or re.search(r"uppsäg|varsel|förläng", s, re.I):
                continue  # "förlängs i tolv månader", "sägas upp med tre månaders varsel": not the term
            rel = _RELATIVE_START.search(s)
            if rel:
                f.note(f"period: \"{rel.group(0)}\" är ingen datumangivelse; ange startdatum själv (\"{s[:160]}\")")
            m = _DURATION.search(s)
            word = _DURATION_WORD.search(s)
            months = None
            ahead = _AHEAD.search(s)
            if ahead and PERIOD_CUE.search(s):  # "gäller från den 1 april 2026 och ett år framåt"
                m = ahead
            if m and _CAP_BEFORE.search(s[:m.start()]):
                m = None  # "ska maximalt gälla i två år": a limit the rules set, not this term
            if m and (m is ahead or _TERM_BEFORE.search(s[:m.start()] + " ")):  # "gäller i tre år", "avtalstiden är 24 månader"
                count = parse_count(m.group("n"))
                if count and count.value:
                    months = count.value * (12 if m.group("u").lower() == "år" else 1)
            elif word and (re.match(r"\s+(?:\w+\s+)?(?:överenskommelse|avtal|partnerskap|iop|samarbete|projekt)",
                                    s[word.end():word.end() + 40], re.I)
                           or re.search(r"(?:^|\s)(?:är|blir|vara|bli)\s+$", s[:word.start()])
                           and _OF_AGREEMENT.search(s[:word.start()])):  # "Avtalet är treårigt", "föreslås vara tvåårig"
                months = 12 * lx.DURATION_ADJECTIVES[word.group("w").lower()]
            if months:
                f.add("period.months", months, s, b.line)
            if dated:
                continue
            y = _YEARS_ONLY.search(s)
            if y and (PERIOD_CUE.search(s) or under_heading or re.search(r"(?<!\w)(?:avser|omfattar)\s", s, re.I)):
                first, last = (int(y.group("a")), int(y.group("b"))) if y.group("a") else (int(y.group("c")),) * 2
                if first <= last <= first + 10:
                    f.add("period.years", (first, last), s, b.line)
                    f.note(f"period: bara år anges (\"{y.group(0)}\"), inga datum; kontrollera början och slut")
