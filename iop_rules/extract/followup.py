"""When and how: the period, follow-up, steering group, review and termination (the IOP reasons are in `reasons`)."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from ..months import add_months
from . import lexicon as lx
from .found import Findings
from .reasons import extract_criteria as extract_criteria, extract_market as extract_market  # re-exported: a step of `extract`
from .reasons import phrase_pattern
from .steering import extract_steering_group as extract_steering_group
from .period import DAY_MONTH, EXTENSION as _EXTENSION, PERIOD_CUE as _PERIOD_CUE
from .period import extract_period as extract_period  # re-exported: a step of `extract`
from .swedish import _NUMWORD as _NUMWORD_RX, COUNT, MONTHS, DateMatch, find_dates, find_ranges, parse_count
from .text import Block

_REPORT_WORD = re.compile(lx.alt(lx.REPORT_WORDS), re.IGNORECASE)  # inside a word too: "delredovisning"
_REPORT_VERB = lx.cue(lx.REPORT_VERBS)
_KINDS = [(re.compile(r"slutrapport|slutredovisning|samlad\s+uppföljning|vid\s+periodens\s+slut|slutlig", re.I), "final"),
          (re.compile(r"delredovisning|delrapport|lägesrapport|halvårsrapport|delårsrapport|halvårsredovisning", re.I),
           "interim"),
          (re.compile(r"(?<![a-zåäö])årsrapport|årlig\s+(?:rapport|redovisning|uppföljning)|verksamhetsberättelse|verksamhetsrapport"
                      r"|\bför\s+(?:det\s+)?(?:första|andra|tredje|fjärde|föregående|respektive)\s+(?:avtals|verksamhets|kalender)?år",
                      re.I),
           "annual"),
          (re.compile(r"utvärdering(?!ar)", re.I), "evaluation")]  # "ungdomarnas egna utvärderingar" are not the report
_JOINT = lx.cue(lx.JOINT_EVALUATIONS)
_HANDED_IN = re.compile(r"rapport|redovis|verksamhetsberättelse|\blämna", re.IGNORECASE)
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


_DAY_MONTH = DAY_MONTH


def _yearless(f: Findings, s: str) -> list[dt.date]:
    """`senast den 30 september och senast den 31 mars`: several days of the year with no year fall, inside
    the period the text gives, on the days listed; computed, and the reviewer is told."""
    start, end = f.value("period.start"), f.value("period.end")
    days = list(_DAY_MONTH.finditer(s))
    if not (start and end) or (end - start).days > 370 or len({m.group(0).lower() for m in days}) < 2:
        return []  # a rhythm over several years, or one day a year ("senast den 31 januari varje år"), is the cadence's
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


def _yearly_is_annual(reports: list[dict[str, Any]], end: dt.date | None) -> None:
    """One sentence's reports due on the same day of several years ("senast 2027-01-31 och 2028-01-31", "den 30 september
    2026, 2027 och 2028") are a yearly report: annual, unless the text names another kind (the one due after the
    period has ended is its final report)."""
    days = Counter((r["due"].month, r["due"].day) for r in reports)
    for r in reports:
        if days[(r["due"].month, r["due"].day)] > 1 and r["kind"] is None and not (end and r["due"] > end):
            r["kind"] = "annual"


def _kind(text: str, otherwise: str | None = None) -> str | None:
    """The kind of report the text names; None when it names none (the file's default, a report, applies)."""
    return next((k for rx, k in _KINDS if rx.search(text)), otherwise)


def _report_row(b: Block) -> bool:
    """`| Slutrapport | 2027-06-30 |`: a table's row naming a report in one cell and its date in another, no verb needed."""
    return len(b.cells) >= 2 and any(_REPORT_WORD.search(c) and not find_dates(c) for c in b.cells) \
        and any(d.date for c in b.cells for d in find_dates(c))


def extract_reports(f: Findings) -> None:
    reports: list[dict[str, Any]] = []
    end = f.value("period.end")
    for b in f.blocks:
        for s in b.sentences:
            if not _REPORT_WORD.search(s) or (_PERIOD_CUE.search(s) and find_ranges(s)) or re.search(r"översyn", s, re.I):
                continue
            if _JOINT.search(s) and not _HANDED_IN.search(s):
                continue  # "Parterna utvärderar gemensamt partnerskapet senast …": the review, no report handed in
            kind = _kind(s)
            if not (_REPORT_VERB.search(s) or _report_row(b)) or lx.PLACEHOLDER.search(s):
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
                    after = re.split(r"\s+(?:och|samt)\s|[,;]", s[d.end:upto], maxsplit=1)[0]  # not the next report's kind
                    first = _kind(s[:d.start]) or _kind(after)  # "en slutrapport senast X" or "senast X en slutrapport"
                    previous = _kind(s[dates[n - 1].end:d.start], previous) if n else first
                    reports.append({"due": d.date, "kind": previous or end_kind, "source": s})
                    reports.extend({"due": due, "kind": previous, "source": s} for due in _same_day_in(s, d))
            if not any(d.date for d in dates):
                reports.extend({"due": due, "kind": kind, "source": s} for due in _yearless(f, s))
            _yearly_is_annual([r for r in reports if r["source"] is s], end)
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
#: A meeting verb just before a count, with no report word between: the count is the meetings', not the reports'.
_MEETING_BEFORE = re.compile(r"(?<!\w)" + lx.alt(lx.MEETING_VERBS) + r"(?:(?!" + lx.alt(lx.CADENCE_SUBJECTS) + r").)*$", re.IGNORECASE)
_CADENCE_SUBJECT = re.compile(lx.alt(lx.CADENCE_SUBJECTS), re.IGNORECASE)
_MEET = re.compile(rf"(?P<n>{COUNT})\s+(?:gång|gånger|tillfällen|tillfälle)\s+(?:per|om|varje)\s+(?P<per>år|året|halvår|kvartal|månad)",
                   re.IGNORECASE)


def extract_cadence(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
            if not _CADENCE_SUBJECT.search(s) or re.search(r"betalas|utbetal", s, re.I) or lx.PLACEHOLDER.search(s):
                continue
            m = _CADENCE.search(s)
            if m and _MEETING_BEFORE.search(s[max(0, m.start() - 60):m.start()]):
                continue  # "Styrgruppen träffas varannan månad, sex gånger per år, och föreningarna återrapporterar vid mötena"
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
_NO_EXTENSION = lx.cue(lx.NO_EXTENSION_PHRASES)
_OPEN_ENDED = lx.cue(lx.OPEN_ENDED_PHRASES)
_AUTOMATIC = lx.cue(lx.AUTOMATIC_PHRASES)
_EXT_LIMIT = lx.cue(lx.EXTENSION_LIMIT_WORDS)
_EXT_LENGTH = re.compile(rf"(?<!\w)(?:med|om|ev\.?|eventuellt|ytterligare)?\s*(?:högst|maximalt|upp\s+till|ytterligare)?\s*"
                         rf"(?P<n>{COUNT})\s+(?P<u>år|månader|månad)(?!\w)", re.IGNORECASE)
_AT_MOST = re.compile(r"(?<!\w)(?:högst|maximalt|upp\s+till|som\s+mest)(?!\w)", re.IGNORECASE)
_EXT_TOTAL = re.compile(rf"(?<!\w){lx.alt(lx.EXTENSION_TOTAL_WORDS)}\s+(?:högst\s+|maximalt\s+)?(?P<n>{COUNT})\s+(?P<u>år|månader|månad)(?!\w)",
                        re.IGNORECASE)
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
_MONTHS = r"(?:kalender)?(?:månader|månad)|mån\.?|år"
_NOTICE = re.compile(rf"uppsägning(?:stid\w*)?\s*:?\s*(?:är\s+|om\s+|på\s+|av\s+|ska\s+vara\s+|gäller\s+)?"
                     rf"(?:(?:ömsesidigt|ömsesidig|för\s+båda\s+parter(?:na)?|för\s+vardera\s+parten?)\s+)?(?:minst\s+)?(?P<n>{COUNT})\s+"
                     rf"(?P<u>{_MONTHS})(?!\w)"
                     rf"|(?P<n2>{COUNT})\s+(?P<u2>(?:kalender)?(?:månaders|månads)|mån\.?|års)\s+(?:varsel|uppsägning)"
                     # "om ingen part säger upp den senast tre månader före periodens slut", "sägas till minst en månad innan"
                     rf"|(?:säg\w*\s+upp|sägas\s+till|säga\s+till|meddela\w*)\s+(?:\w+\s+){{0,4}}?(?:senast\s+|minst\s+)?(?P<n3>{COUNT})\s+"
                     rf"(?P<u3>{_MONTHS})\s+(?:före|innan|i\s+förväg)"
                     # "säga upp överenskommelsen till upphörande tre månader efter uppsägningen"
                     rf"|(?:till\s+upphörande|upphör(?:\s+att\s+gälla)?)\s+(?P<n4>{COUNT})\s+(?P<u4>{_MONTHS})\s+efter\s+(?:att\s+)?uppsägning",
                     re.IGNORECASE)
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
    count = parse_count(m.group("n") or m.group("n2") or m.group("n3") or m.group("n4"))
    unit = (m.group("u") or m.group("u2") or m.group("u3") or m.group("u4")).lower()
    if count and count.value:
        f.add("notice.months", count.value * (12 if unit.startswith("år") else 1), s, line)  # "kalendermånader" are months


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
        open_ended = open_ended and not _EXT_LIMIT.search(after)  # "ett år i taget, dock längst till och med 2030-12-31"
        if months is None and not open_ended and _MENTIONS_LENGTH.search(after.replace(_first_date(after), "")):
            # "kan förlängas med högst tolv månader vid ett tillfälle", read only in part: not written as a
            # clause without a length (which a rule would take for an unlimited one)
            f.note(f"förlängning: längden kunde inte läsas, ange den själv: \"{s[:200]}\"")
            f.add("extension.partial", True, s, b.line)
            continue
        total = _EXT_TOTAL.search(after)
        whole = parse_count(total.group("n")) if total else None
        if open_ended and months and whole and whole.value:  # "12 månader i taget, sammanlagt högst 24 månader": twice
            span = whole.value * (12 if total.group("u").lower() == "år" else 1)  # type: ignore[union-attr]
            times_value, open_ended = (span // months, False) if span % months == 0 and span > months else (times_value, open_ended)
        elif months and not times_value and not open_ended and not automatic and not _AT_MOST.search(m.group(0)):  # type: ignore[union-attr]
            times_value = 1  # "kan förlängas med ett år", "en förlängning med två år": one; "med högst två år" says a length only
        f.add("extension", (months, times_value, open_ended or None, automatic or None), s, b.line)


def _first_date(text: str) -> str:
    dates = find_dates(text)
    return dates[0].text if dates else "\x00"
