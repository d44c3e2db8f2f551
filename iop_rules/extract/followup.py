"""When and how: the period, follow-up, steering group, review and termination (the IOP reasons are in `reasons`)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..months import add_months
from . import lexicon as lx
from .found import Findings
from .reasons import extract_criteria as extract_criteria, extract_market as extract_market  # re-exported: a step of `extract`
from .reasons import phrase_pattern
from .steering import extract_steering_group as extract_steering_group
from .swedish import _NUMWORD as _NUMWORD_RX, COUNT, MONTHS, DateMatch, find_amounts, find_dates, find_ranges, parse_count

_VERBS = lx.alt(lx.PERIOD_VERBS)
_NOUNS = lx.alt(n for n in lx.PERIOD_NOUNS if not n.startswith("period"))
_PERIOD_CUE = re.compile(rf"(?<!\w){_VERBS}\s+(?:den\s+)?(?=\d)|(?<!\w){_VERBS}\s+(?:från|fr\.\s?o\.\s?m\.|fr\s?o\s?m|"
                         rf"från\s+och\s+med|under|perioden|mellan|t\.\s?o\.\s?m\.|till\s+och\s+med|till)"
                         rf"|(?<!\w){_NOUNS}|\b(?:under|för)\s+perioden\b|^period\s*:", re.IGNORECASE)
_STRONG = re.compile(r"(?<!\w)(?:gäller|löper|projekttid|avtalstid|avtalsperiod|giltighetstid)|^period\s*:", re.I)
_PERIOD_HEADING = re.compile(r"^(?:period|avtalstid|avtalsperiod|giltighet|överenskommelsens\s+giltighet|tid)\b", re.I)
#: The agreement as the subject of a term: "Överenskommelsen löper i tre år".
_OF_AGREEMENT = re.compile(r"(?<!\w)(?:" + lx.alt(lx.AGREEMENT_WORDS) + "|" + _VERBS + "|" + _NOUNS + r")", re.IGNORECASE)
_DURATION = re.compile(rf"(?<!\w)(?:i|under|på|om|är|blir)\s+(?P<n>{COUNT})\s+(?P<u>år|månader|månad)(?!\w)", re.IGNORECASE)
_DURATION_WORD = re.compile(r"(?<!\w)(?P<w>" + "|".join(lx.DURATION_ADJECTIVES) + r")(?:t|a)?(?!\w)", re.IGNORECASE)
_YEARS_ONLY = re.compile(r"(?<![\d-])(?P<a>(?:19|20)\d\d)\s*(?:[-–]|till|t\.o\.m\.)\s*(?P<b>(?:19|20)\d\d)(?![\d-])"
                         r"|\b(?:under|för)\s+(?:kalender|verksamhets)?året\s+(?P<c>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_RELATIVE_START = lx.cue(lx.RELATIVE_STARTS)
#: Right before a duration, the words that make it the agreement's term (and nothing else's).
_TERM_BEFORE = re.compile(rf"(?<!\w)(?:{_VERBS}|{_NOUNS}(?:\s+(?:är|blir))?\s*:?)\s+(?:\w+\s+)?$", re.IGNORECASE)


def extract_period(f: Findings) -> None:
    for i, b in enumerate(f.blocks):
        for s in b.sentences:
            if lx.PLACEHOLDER.search(s) and _PERIOD_CUE.search(s):  # "från och med [datum]": still to be written
                f.note(f"texten har en plats att fylla i, inget värde är läst där: \"{s[:160]}\"")
            ranges = find_ranges(s)
            if not ranges:
                if _PERIOD_CUE.search(s) and not find_amounts(s):
                    _one_end(f, s, b.line)
                    for d in find_dates(s):
                        if d.kind == "season":  # "gäller från hösten 2024": a note with the words, never a date
                            f.note(f"period: \"{d.text}\" är en årstid, inget datum; ange start eller slut själv "
                                   f"(\"{s[:160]}\")")
                continue
            r = ranges[0]
            if _PERIOD_CUE.search(s) and not find_amounts(s):
                rank = 1 if _STRONG.search(s) else 0
                f.add("period", (r.first, r.last), s, b.line, rank)
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


_UNTIL = re.compile(r"(?<!\w)(?:till\s+och\s+med|t\.\s?o\.\s?m\.?|tom|till)\s+(?:den\s+)?$", re.IGNORECASE)
_FROM = re.compile(r"(?<!\w)(?:från\s+och\s+med|fr\.\s?o\.\s?m\.?|från)\s+(?:den\s+)?$", re.IGNORECASE)


def _one_end(f: Findings, s: str, line: int) -> None:
    """A term with one end written and the other left open or to be filled in ("från och med [datum] till
    och med 2026-12-31"): the written end is read; the other is for the reviewer."""
    dates = [d for d in find_dates(s) if d.date]
    if len(dates) != 1:
        return
    d = dates[0]
    if _UNTIL.search(s[:d.start]):
        f.add("period.end.alone", d.date, s, line)
    elif _FROM.search(s[:d.start]):
        f.add("period.start.alone", d.date, s, line)


def _durations_and_years(f: Findings, dated: bool) -> None:
    """`i tre år`, `treårig`, `löper i 24 månader` as months; `2015–2018` as years; relative starts as notes."""
    for i, b in enumerate(f.blocks):
        under_heading = i > 0 and _PERIOD_HEADING.match(f.blocks[i - 1].text) and f.blocks[i - 1].words <= 4
        for s in b.sentences:
            if not (_OF_AGREEMENT.search(s) or under_heading) or find_amounts(s):
                continue
            if _EXTENSION.search(s) or re.search(r"uppsäg|varsel|förläng", s, re.I):
                continue  # "förlängs i tolv månader", "sägas upp med tre månaders varsel": not the term
            rel = _RELATIVE_START.search(s)
            if rel:
                f.note(f"period: \"{rel.group(0)}\" är ingen datumangivelse; ange startdatum själv (\"{s[:160]}\")")
            m = _DURATION.search(s)
            word = _DURATION_WORD.search(s)
            months = None
            if m and _TERM_BEFORE.search(s[:m.start()] + " "):  # "gäller i tre år", "avtalstiden är 24 månader"
                count = parse_count(m.group("n"))
                if count and count.value:
                    months = count.value * (12 if m.group("u").lower() == "år" else 1)
            elif word and (re.match(r"\s+(?:\w+\s+)?(?:överenskommelse|avtal|partnerskap|iop|samarbete|projekt)",
                                    s[word.end():word.end() + 40], re.I)
                           or re.search(r"(?:^|\s)(?:är|blir)\s+$", s[:word.start()]) and _OF_AGREEMENT.match(s)):  # "Avtalet är treårigt"
                months = 12 * lx.DURATION_ADJECTIVES[word.group("w").lower()]
            if months:
                f.add("period.months", months, s, b.line)
            if dated:
                continue
            y = _YEARS_ONLY.search(s)
            if y and (_PERIOD_CUE.search(s) or under_heading or re.search(r"(?<!\w)(?:avser|omfattar)\s", s, re.I)):
                first, last = (int(y.group("a")), int(y.group("b"))) if y.group("a") else (int(y.group("c")),) * 2
                if first <= last <= first + 10:
                    f.add("period.years", (first, last), s, b.line)
                    f.note(f"period: bara år anges (\"{y.group(0)}\"), inga datum; kontrollera början och slut")


_REPORT_WORD = re.compile(lx.alt(lx.REPORT_WORDS), re.IGNORECASE)  # inside a word too: "delredovisning"
_REPORT_VERB = lx.cue(lx.REPORT_VERBS)
_KINDS = [(re.compile(r"slutrapport|slutredovisning|samlad\s+uppföljning|vid\s+periodens\s+slut|slutlig", re.I), "final"),
          (re.compile(r"delredovisning|delrapport|lägesrapport|halvårsrapport|delårsrapport|halvårsredovisning", re.I),
           "interim"),
          (re.compile(r"(?<![a-zåäö])årsrapport|årlig\s+(?:rapport|redovisning|uppföljning)|verksamhetsberättelse|verksamhetsrapport",
                      re.I),
           "annual"),
          (re.compile(r"utvärdering", re.I), "evaluation")]
_RELATIVE = re.compile(rf"(?:senast|inom)\s+(?P<n>{COUNT})\s+månad(?:er)?\s+(?P<dir>innan|före|efter)\s+(?:den\s+)?"
                       rf"{lx.alt(lx.PERIOD_END_OWNERS)}\s+{lx.alt(lx.PERIOD_END_NOUNS)}", re.IGNORECASE)
_AT_END = re.compile(r"vid\s+(?:periodens|avtalsperiodens|överenskommelsens|partnerskapets|projektets)\s+slut",
                     re.IGNORECASE)


def _months_from(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months; a month's last day stays a month's last day (30 June + 1 is 31 July)."""
    moved = add_months(day, months)
    if (day + dt.timedelta(days=1)).day == 1:
        moved = add_months(moved.replace(day=1), 1) - dt.timedelta(days=1)
    return moved


_MORE_YEARS = re.compile(r"(?:\s*(?:,|och|respektive|samt|resp\.)\s*(?:den\s+)?(?:(?:19|20)\d\d)(?![\d-]))+")


def _same_day_in(s: str, d: DateMatch) -> list[dt.date]:
    """`den 31 mars 2026, 2027 respektive 2028`: the same day in each year written after the date."""
    m = _MORE_YEARS.match(s, d.end) if d.date and d.kind == "text" else None
    out = []
    for y in re.findall(r"\d{4}", m.group(0) if m else ""):
        try:
            out.append(d.date.replace(year=int(y)))  # type: ignore[union-attr]
        except ValueError:  # 29 February in a common year: no such day
            continue
    return out


_DAY_MONTH = re.compile(rf"(?<!\w)(?P<d>\d{{1,2}}|{'|'.join(sorted(lx.ORDINAL_DAYS, key=len, reverse=True))})\s+"
                        rf"(?P<m>{'|'.join(sorted(MONTHS, key=len, reverse=True))})(?!\w)(?!\.?\s+(?:år\s+)?\d{{4}})", re.IGNORECASE)


def _yearless(f: Findings, s: str) -> list[dt.date]:
    """`senast den 30 september och senast den 31 mars`: several days of the year with no year fall, inside
    the period the text gives, on the days listed; computed, and the reviewer is told."""
    start, end = f.value("period.start"), f.value("period.end")
    days = list(_DAY_MONTH.finditer(s))
    if not (start and end) or (end - start).days > 6 * 366 or len({m.group(0).lower() for m in days}) < 2:
        return []  # one day a year ("senast den 31 januari varje år") is a yearly rhythm, the cadence's
    out = []
    for m in days:
        day = int(m.group("d")) if m.group("d").isdigit() else lx.ORDINAL_DAYS[m.group("d").lower()]
        for year in range(start.year, end.year + 1):
            try:
                due = dt.date(year, MONTHS[m.group("m").lower()], day)
            except ValueError:
                continue
            if start <= due <= end:
                out.append(due)
    if out:
        f.note(f"uppföljning: dag och månad utan år (\"{s[:120]}\"); datumen är räknade inom perioden, kontrollera")
    return sorted(out)


def _kind(text: str, otherwise: str | None = None) -> str | None:
    """The kind of report the text names; None when it names none (the file's default, a report, applies)."""
    return next((k for rx, k in _KINDS if rx.search(text)), otherwise)


def extract_reports(f: Findings) -> None:
    reports: list[dict[str, Any]] = []
    end = f.value("period.end")
    for b in f.blocks:
        for s in b.sentences:
            if not _REPORT_WORD.search(s) or (_PERIOD_CUE.search(s) and find_ranges(s)) or re.search(r"översyn", s, re.I):
                continue
            kind = _kind(s)
            if not _REPORT_VERB.search(s) or lx.PLACEHOLDER.search(s):
                continue
            # "avse perioden 1 januari – 31 december 2024": the period a report covers is not when it is due
            spans = [(r.start, r.end) for r in find_ranges(s) if not re.search(r"\boch\b", r.text)]  # "X och Y": two dates
            dates = [d for d in find_dates(s) if not any(a <= d.start < b for a, b in spans)]
            previous = kind
            end_kind = None
            for n, d in enumerate(dates):
                if d.kind == "season":
                    f.note(f"uppföljning: \"{d.text}\" är en årstid, inget datum; ange förfallodatum själv "
                           f"(\"{s[:160]}\")")
                elif d.date and not re.search(rf"till\s+{re.escape(d.text)}", s):
                    # "en delrapport senast X och en slutrapport senast Y": each date takes the kind named before it
                    # ("en lägesrapport senast X och Y": Y is a lägesrapport too)
                    upto = dates[n + 1].start if n + 1 < len(dates) else len(s)
                    first = _kind(s[:d.start]) or _kind(s[d.end:upto])  # "en slutrapport senast X" or "senast X en slutrapport"
                    previous = _kind(s[dates[n - 1].end:d.start], previous) if n else first
                    reports.append({"due": d.date, "kind": previous or end_kind, "source": s})
                    reports.extend({"due": due, "kind": previous, "source": s} for due in _same_day_in(s, d))
            if not any(d.date for d in dates):
                reports.extend({"due": due, "kind": kind, "source": s} for due in _yearless(f, s))
            rel = _RELATIVE.search(s)
            if rel and end:  # counted from the period's end, which the text gives: computed, and said so
                months = parse_count(rel.group("n"))
                if months and months.value:
                    after = rel.group("dir").lower() == "efter"
                    due = _months_from(end, months.value if after else -months.value)
                    reports.append({"due": due, "kind": kind or ("final" if after else None), "source": s})
                    f.note(f"uppföljning: förfallodatum räknat från periodens slut (\"{rel.group(0)}\"); kontrollera")
            elif rel:
                f.note(f"uppföljning: \"{rel.group(0)}\" räknas från periodens slut, som inte hittades")
            if _AT_END.search(s) and end and not dates:
                reports.append({"due": end, "kind": "final", "source": s})
    for r in reports:  # a report due after the period has ended, of no named kind, is its final report
        if r["kind"] is None and end and r["due"] > end:
            r["kind"] = "final"
    seen: set[tuple[Any, Any]] = set()
    kept = []
    for r in reports:
        if (r["due"], r["kind"]) not in seen:
            seen.add((r["due"], r["kind"]))
            kept.append(r)
    f.items["reports"] = kept


_CADENCE = re.compile(rf"(?P<n>{COUNT})\s+(?:tillfällen|tillfälle|gånger|gång)\s+"
                      r"(?:(?P<year>per\s+år|på\s+ett\s+år|om\s+året|varje\s+år|årligen)|(?P<half>per\s+halvår|varje\s+halvår)"
                      r"|(?P<to>till\s+(?:och\s+med\s+)?\d{4}-\d{2}-\d{2}|under\s+(?:avtals)?perioden))", re.IGNORECASE)
_CADENCE_WORD = lx.cue(lx.CADENCE_WORDS)
_CADENCE_SUBJECT = re.compile(lx.alt(lx.CADENCE_SUBJECTS), re.IGNORECASE)
_MEET = re.compile(rf"(?P<n>{COUNT})\s+(?:gång|gånger|tillfällen|tillfälle)\s+(?:per|om|varje)\s+(?P<per>år|året|halvår|kvartal|månad)",
                   re.IGNORECASE)


def extract_cadence(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
            if not _CADENCE_SUBJECT.search(s) or re.search(r"betalas|utbetal", s, re.I) or lx.PLACEHOLDER.search(s):
                continue
            m = _CADENCE.search(s)
            if not m:
                word = _CADENCE_WORD.search(s)
                if word:  # "ska årligen lämna en verksamhetsberättelse", "Rapportering sker tertialvis"
                    f.add("cadence", lx.CADENCE_WORDS[" ".join(word.group(0).lower().split())], s, b.line)
                continue
            count = parse_count(m.group("n"))
            if not count or not count.value:  # "0 gånger per år" is no cadence
                continue
            per = "year" if m.group("year") else "half_year" if m.group("half") else "period"
            f.add("cadence", (count.value, per), s, b.line)
    # "två gånger per år" and "halvårsvis" say the same: one value, the first stated, not a conflict
    found = f.scalars.get("cadence", [])
    if len({(n * 2, "year") if per == "half_year" else (n, per) for n, per in (x.value for x in found)}) == 1:
        for x in found:
            x.value = found[0].value

_REVIEW = lx.cue(lx.REVIEW_PHRASES)
_REVIEW_WEAK = re.compile("|".join(phrase_pattern(p, "", "") for p in lx.REVIEW_WEAK), re.IGNORECASE)
_EXTENSION = re.compile(r"\b(?:kan|får|ska)\s+(?:\w+\s+){0,5}förlängas\b|" + lx.alt(lx.EXTENSION_PHRASES)
                        + r"|^förlängning\s*:", re.IGNORECASE)
_NO_EXTENSION = lx.cue(lx.NO_EXTENSION_PHRASES)
_OPEN_ENDED = lx.cue(lx.OPEN_ENDED_PHRASES)
_AUTOMATIC = lx.cue(lx.AUTOMATIC_PHRASES)
_EXT_LENGTH = re.compile(rf"(?<!\w)(?:med|om|ev\.?|eventuellt|ytterligare)?\s*(?:högst|maximalt|upp\s+till|ytterligare)?\s*"
                         rf"(?P<n>{COUNT})\s+(?P<u>år|månader|månad)(?!\w)", re.IGNORECASE)
_EXT_TIMES = re.compile(rf"(?P<n>{COUNT})\s+(?:gång|gånger|ggr|tillfälle|tillfällen)(?!\w)", re.IGNORECASE)
_MENTIONS_LENGTH = re.compile(rf"\d|(?<!\w)(?:{_NUMWORD_RX})\s+(?:år|månad)", re.IGNORECASE)


def extract_review(f: Findings) -> None:
    """A review's date: the date after "senast" in a review sentence, or its one date ("Översyn sker 2026-06-30")."""
    for b in f.blocks:
        for s in b.sentences:
            if not (_REVIEW.search(s) or _REVIEW_WEAK.search(s) and not _REPORT_NOUN.search(s)):
                continue
            m = re.search(r"\bsenast\s+(?:den\s+)?", s, re.I)
            after = find_dates(s[m.end():]) if m else []
            dates = [d for d in find_dates(s) if d.date]
            if after and after[0].start == 0 and after[0].date:
                f.add("review.date", after[0].date, s, b.line)
            elif len(dates) == 1 and not find_ranges(s) and not _PERIOD_CUE.search(s):
                f.add("review.date", dates[0].date, s, b.line)


_REPORT_NOUN = re.compile(r"rapport|redovisning|utvärdering|verksamhetsberättelse", re.IGNORECASE)


_BREACH = lx.cue(lx.BREACH_PHRASES)


def extract_termination(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
            if lx.PLACEHOLDER.search(s):  # "[Text om tvistlösning infogas …]": a clause still to be written
                f.note(f"texten har en plats att fylla i, inget värde är läst där: \"{s[:160]}\"")
                continue
            rank = 1 if len(s.split()) >= 6 else 0  # a sentence quotes a clause better than its heading does
            if _BREACH.search(s):
                f.add("breach", True, s, b.line, rank)
            _notice(f, s, b.line)
            if _REPAYMENT.search(s) and not _to_other(f, s):
                f.add("repayment", True, s, b.line, rank)
            if len(s.split()) >= 4 and _DISPUTE.search(s) and _SETTLING.search(s):
                f.add("dispute", True, s, b.line, rank)


_NOTICE_CUE = lx.cue(lx.NOTICE_CUES)
_NOTICE = re.compile(rf"uppsägning(?:stid\w*)?\s*:?\s*(?:är\s+|om\s+|på\s+|ska\s+vara\s+|gäller\s+)?(?P<n>{COUNT})\s+"
                     rf"(?P<u>månader|månad|mån\.?|år)(?!\w)"
                     rf"|(?P<n2>{COUNT})\s+(?P<u2>månaders|månads|mån\.?|års)\s+(?:varsel|uppsägning)", re.IGNORECASE)
_REPAYMENT = lx.cue(lx.REPAYMENT_PHRASES)
_DISPUTE = lx.cue(lx.DISPUTE_WORDS)
_SETTLING = re.compile(lx.alt(lx.DISPUTE_SETTLING), re.IGNORECASE)  # inside a word too: "tvistlösning"


def _to_other(f: Findings, s: str) -> bool:
    """Paid back to a funder or an outsider ("tillbaka till Länsstyrelsen"): the funder's condition, not this clause."""
    m = re.search(r"(?:tillbaka|åter)\s+till\s+(?P<who>[A-ZÅÄÖ][\wåäöé-]+(?:\s+[A-ZÅÄÖ][\wåäöé-]+)*)", s)
    if not m:
        return False
    party = f.party(m.group("who")) or next((p for _, p in f.mentioned(m.group("who"))), None)
    return party is None or party.role == "funder"


def _notice(f: Findings, s: str, line: int) -> None:
    """`Uppsägningstiden är tre månader`, `med en månads varsel`, `Uppsägning: 6 mån.`: months of notice."""
    m = _NOTICE.search(s) if _NOTICE_CUE.search(s) else None
    if not m:
        return
    count = parse_count(m.group("n") or m.group("n2"))
    unit = (m.group("u") or m.group("u2")).lower()
    if count and count.value:
        f.add("notice.months", count.value * (12 if unit.startswith("år") else 1), s, line)


def is_amendment(f: Findings) -> bool:
    """A tilläggsavtal: what it changes ("giltighetstiden förlängs med ett år", "3. Ändringar") is done, not a clause."""
    return any(re.search(r"tilläggsavtal|ändringsavtal", b.text, re.I) for b in f.blocks[:6])


def extract_extension(f: Findings) -> None:
    amending = is_amendment(f)
    for b, s in f.sentences_with(_EXTENSION):
        if _NO_EXTENSION.search(s) or lx.PLACEHOLDER.search(s) or s.lstrip().startswith("[") or s.rstrip().endswith("?"):
            continue  # a clause still to be written, or a question about one
        if amending and re.search(r"\bförlängs\s+(?:med|till)\b", s, re.I) and not _AUTOMATIC.search(s):
            continue
        at = _EXTENSION.search(s).start()  # type: ignore[union-attr]
        after = s[at:]
        m = _EXT_LENGTH.search(after)
        count = parse_count(m.group("n")) if m else None
        months = count.value * (12 if m.group("u").lower() == "år" else 1) if m and count and count.value else None
        t = _EXT_TIMES.search(after)
        times = parse_count(t.group("n")) if t else None
        times_value = times.value if times else None
        automatic = bool(_AUTOMATIC.search(s))
        open_ended = bool(_OPEN_ENDED.search(s)) and not times_value  # "förlängs automatiskt med ett år": once, unless "i taget"
        if months is None and not open_ended and _MENTIONS_LENGTH.search(after.replace(_first_date(after), "")):
            # "kan förlängas med högst tolv månader vid ett tillfälle", read only in part: not written as a
            # clause without a length (which a rule would take for an unlimited one)
            f.note(f"förlängning: längden kunde inte läsas, ange den själv: \"{s[:200]}\"")
            f.add("extension.partial", True, s, b.line)
            continue
        f.add("extension", (months, times_value, open_ended or None, automatic or None), s, b.line)


def _first_date(text: str) -> str:
    dates = find_dates(text)
    return dates[0].text if dates else "\x00"
