"""When and how: the period, follow-up, steering group, review, termination and the IOP reasons."""
from __future__ import annotations

import re
from typing import Any

from ..months import add_months
from . import lexicon as lx
from .found import PUBLIC_NAME, Findings
from .text import is_heading
from .swedish import _NUMWORD as _NUMWORD_RX, COUNT, find_amounts, find_dates, find_ranges, parse_count

_VERBS = lx.alt(lx.PERIOD_VERBS)
_NOUNS = lx.alt(n for n in lx.PERIOD_NOUNS if not n.startswith("period"))
_PERIOD_CUE = re.compile(rf"(?<!\w){_VERBS}\s+(?:den\s+)?(?=\d)|(?<!\w){_VERBS}\s+(?:från|fr\.\s?o\.\s?m\.|fr\s?o\s?m|"
                         rf"från\s+och\s+med|under|perioden|mellan|t\.\s?o\.\s?m\.|till\s+och\s+med|till)"
                         rf"|(?<!\w){_NOUNS}|\b(?:under|för)\s+perioden\b|^period\s*:", re.IGNORECASE)
_STRONG = re.compile(r"(?<!\w)(?:gäller|löper|projekttid|avtalstid|avtalsperiod|giltighetstid)|^period\s*:", re.I)
_PERIOD_HEADING = re.compile(r"^(?:period|avtalstid|avtalsperiod|giltighet|överenskommelsens\s+giltighet|tid)\b", re.I)
#: The agreement as the subject of a term: "Överenskommelsen löper i tre år".
_OF_AGREEMENT = re.compile(r"(?<!\w)(?:" + lx.alt(lx.AGREEMENT_WORDS) + "|" + _VERBS + "|" + _NOUNS + r")", re.IGNORECASE)
_DURATION = re.compile(rf"(?<!\w)(?:i|under|på|om)\s+(?P<n>{COUNT})\s+(?P<u>år|månader|månad)(?!\w)", re.IGNORECASE)
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
            elif word and re.match(r"\s+(?:\w+\s+)?(?:överenskommelse|avtal|partnerskap|iop|samarbete|projekt)",
                                   s[word.end():word.end() + 40], re.I):
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
          (re.compile(r"(?<![a-zåäö])årsrapport|årlig\s+(?:rapport|redovisning|uppföljning)|verksamhetsberättelse", re.I),
           "annual"),
          (re.compile(r"utvärdering", re.I), "evaluation")]
_RELATIVE = re.compile(r"senast\s+(?P<n>en|ett|två|tre|\d{1,2})\s+månad(?:er)?\s+(?:innan|före)\s+"
                       r"(?:partnerskapets|överenskommelsens|avtalets|periodens|projektets)\s+(?:avslut|slut|upphörande)",
                       re.IGNORECASE)
_AT_END = re.compile(r"vid\s+(?:periodens|avtalsperiodens|överenskommelsens|partnerskapets|projektets)\s+slut",
                     re.IGNORECASE)


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
                    previous = _kind(s[dates[n - 1].end if n else 0:d.start], previous if n else kind)
                    reports.append({"due": d.date, "kind": previous or end_kind, "source": s})
            rel = _RELATIVE.search(s)
            if rel and end:  # counted from the period's end, which the text gives: computed, and said so
                months = parse_count(rel.group("n"))
                if months and months.value:
                    reports.append({"due": add_months(end, -months.value), "kind": kind, "source": s})
                    f.note(f"uppföljning: förfallodatum räknat från periodens slut (\"{rel.group(0)}\"); kontrollera")
            elif rel:
                f.note(f"uppföljning: \"{rel.group(0)}\" räknas från periodens slut, som inte hittades")
            if _AT_END.search(s) and end and not dates:
                reports.append({"due": end, "kind": "final", "source": s})
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

# A steering group, or a named forum that does its work (RULES.md, IOP-GOV-01); a reference group only advises.
_FORUM = lx.alt(form for g in lx.STEERING_GROUPS for form in (g, g + "en", g + "et"))


def extract_steering_group(f: Findings) -> None:
    members: list[dict[str, Any]] = []
    quote = None
    for i, b in enumerate(f.blocks):
        if re.search(rf"ingå\s+i\s+{_FORUM}", b.text, re.I) and b.text.endswith(":"):
            quote = b.text
            for item in f.blocks[i + 1:i + 15]:
                if not item.bullet:
                    break
                if re.search(r"adjunger|vid\s+behov|^övriga", item.text, re.I):
                    continue
                member = _member(f, item.text)
                if member:
                    members.append(member)
                else:
                    f.note(f"styrgrupp: \"{item.text}\" nämner ingen part; lägg till den själv")
            break
    if quote is None:
        for b in f.blocks:
            for s in b.sentences:
                m = re.search(rf"{_FORUM}(?:en)?\s*(?::|\s(?:utgörs\s+av|består\s+av|bestående\s+av|med))\s*(?P<who>.+)", s, re.I)
                if m:
                    quote = s
                    if re.search(r"(?:företrädar|representant)\w*\s+(?:för|från)\s+(?:alla\s+|båda\s+)?(?:parterna|partnerorganisationerna|"
                                 r"samtliga\s+parter)", m.group("who"), re.I):
                        members = [{"party": p.id} for p in f.parties if p.role in ("public", "idea_based")]
                        extra = re.search(r"\bsamt\s+(?:en|ett)\s+([a-zåäö][\wåäö ]{2,40}?)\s*\.?$", m.group("who"))
                        if extra:
                            members.append({"party": extra.group(1)})
                    else:
                        members = _members_in_prose(f, m.group("who"), s)
                    break
            if quote:
                break
    if quote is None and not any(re.search(rf"\b{_FORUM}", b.text, re.I) for b in f.blocks):
        return
    meetings = None
    for b in f.blocks:
        for s in b.sentences:
            if re.search(_FORUM, s, re.I) and re.search(r"sammanträd|träffas|mötas|möts|ses\b|möte", s, re.I):
                m = _MEET.search(s)
                count = parse_count(m.group("n")) if m else None
                if m and count and count.value:
                    factor = {"år": 1, "året": 1, "halvår": 2, "kvartal": 4, "månad": 12}[m.group("per").lower()]
                    f.add("meetings_per_year", count.value * factor, s, b.line)
                    meetings = meetings or s
    if quote is None:
        quote = next(s for b in f.blocks for s in b.sentences if re.search(rf"\b{_FORUM}", s, re.I))
        for i, b in enumerate(f.blocks):  # "Styrgrupp" over "En representant från förvaltningen och en från föreningen."
            if (is_heading(b) or b.words <= 3) and re.match(_FORUM, b.text, re.I) and i + 1 < len(f.blocks):
                first = f.blocks[i + 1].sentences[0] if f.blocks[i + 1].sentences else ""
                if re.match(r"(?:en|ett|två|tre)\s+(?:representant|företrädare|ledamot)", first, re.I):
                    members, quote = _members_in_prose(f, first, first), first
                break
    if not members:
        f.note(f"styrgrupp: vilka parter som ingår kunde inte läsas; ange ledamöterna själv (\"{quote[:160]}\")")
    f.items["steering_group"] = [{"members": members, "source": quote}]


_PREDICATE = re.compile(r"\s+(?:möts|träffas|ansvarar|följer|sammanträder|ska|skall|som|leder|har|samlas|ses|"
                        r"\d+\s+möten|\d+\s+gånger)\b.*$", re.IGNORECASE)
_EACH_PARTY = re.compile(r"\b(?:för|från)\s+(?:vardera\s+parten|varje\s+part|respektive\s+part|båda\s+parterna|"
                         r"alla\s+parter|samtliga\s+parter)\b", re.IGNORECASE)
_OFFICIAL = re.compile(r"chef|direktör|förvaltning|handläggare|tjänsteperson|tjänstem[aä]n|strateg|konsulent|fritidsgård|"
                       r"samordnare\s+(?:på|vid)\s+kommunen",
                       re.IGNORECASE)


def _members_in_prose(f: Findings, who: str, s: str) -> list[dict[str, Any]]:
    """`socialchefen, enhetschefen för barn och unga och föreningens ordförande och verksamhetsansvarig`:
    each person's party, from a party named in the words, a generic one (`föreningens`), or an official's
    title (the public side, when it is one party).  A person no party can be read for makes the list partial:
    then nothing is written and the reviewer is told."""
    who = _PREDICATE.sub("", who).rstrip(" .")
    parties = [p for p in f.parties if p.role in ("public", "idea_based")]
    if _EACH_PARTY.search(who):
        return [{"party": p.id, "role": _EACH_PARTY.split(who)[0].strip() or None} for p in parties]
    publics = [p for p in parties if p.role == "public"]
    out: list[dict[str, Any]] = []
    previous: str | None = None
    for seg in re.split(r",\s*|\s+\+\s+|(?<!-)\s+(?:och|samt)\s+(?=(?:en|ett|två|tre|de|dess|föreningens|kommunens|regionens|"
                        r"stadens|[a-zåäö]+chefen|[A-ZÅÄÖ]))", who):
        seg = seg.strip()
        if not seg:
            continue
        named = f.mentioned(seg)
        generic = re.search(r"\b(?:föreningen|föreningens|stiftelsen|stiftelsens|organisationen|organisationens|kommunen|kommunens|"
                            r"regionen|regionens|staden|stadens|förvaltningen)\b", seg, re.I)
        party = named[0][1].id if len(named) == 1 else None
        if party is None and generic:
            ref = f.party(generic.group(0).lower().rstrip("s") if generic.group(0).lower().endswith("ens") else generic.group(0))
            party = ref.id if ref else (publics[0].id if generic.group(0).lower().startswith("förvaltning") and len(publics) == 1
                                        else None)
        if party is None and (_OFFICIAL.search(seg) or PUBLIC_NAME.search(seg)) and len(publics) == 1:
            party = publics[0].id
        ideas = [p for p in parties if p.role == "idea_based"]
        if party is None and re.search(r"\b(?:föreningarna|organisationerna|de\s+idéburna)\b", seg, re.I) and len(ideas) > 1:
            out.extend({"party": p.id, "role": seg} for p in ideas)  # "ordförandena i de två föreningarna"
            previous = None
            continue
        if party is None and previous and re.fullmatch(r"[a-zåäö][\wåäö ]{2,40}", seg) and not _OFFICIAL.search(seg):
            party = previous  # "föreningens ordförande och verksamhetsansvarig"
        if party is None:
            f.note(f"styrgrupp: \"{seg}\" nämner ingen part som går att läsa; ange ledamöterna själv (\"{s[:160]}\")")
            return []
        out.append({"party": party, "role": seg})
        previous = party
    return out


def _member(f: Findings, text: str) -> dict[str, Any] | None:
    text = text.rstrip(".")
    if len(text) > 200:
        return None
    m = re.fullmatch(r"(?P<role>.+?)\.?\s*\((?P<party>[^()]{2,60})\)", text) or \
        re.fullmatch(r"(?P<role>.+?)\s+[-–]\s+(?P<party>[A-ZÅÄÖ].{2,60})", text)
    if m:
        party = f.party(m.group("party"))
        return {"party": party.id if party else m.group("party").strip(), "role": m.group("role").strip()}
    for _, party in f.mentioned(text):
        return {"party": party.id, "role": text}
    return None


_REVIEW = re.compile(r"översyn|omprövning|ompröva|utvärdera\s+om|ta\s+ställning\s+till\s+fortsättning|\bses\s+över\b",
                     re.IGNORECASE)
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
    for b, s in f.sentences_with(_REVIEW):
        m = re.search(r"\bsenast\s+(?:den\s+)?", s, re.I)
        dates = find_dates(s[m.end():]) if m else []
        if dates and dates[0].start == 0 and dates[0].date:
            f.add("review.date", dates[0].date, s, b.line)


_BREACH = lx.cue(lx.BREACH_PHRASES)


def extract_termination(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
            if lx.PLACEHOLDER.search(s):  # "[Text om tvistlösning infogas …]": a clause still to be written
                f.note(f"texten har en plats att fylla i, inget värde är läst där: \"{s[:160]}\"")
                continue
            if _BREACH.search(s):
                f.add("breach", True, s, b.line)
            m = re.search(rf"uppsägningstid\w*\s*:?\s*(?:är\s+|om\s+|på\s+|ska\s+vara\s+)?(?P<n>{COUNT})\s+(?P<u>månad|månader|mån\.?|år)(?!\w)"
                          rf"|(?P<n2>{COUNT})\s+(?P<u2>månaders|års)\s+uppsägning", s, re.I)
            if m:
                count = parse_count(m.group("n") or m.group("n2"))
                unit = (m.group("u") or m.group("u2")).lower()
                if count and count.value is not None:
                    f.add("notice.months", count.value * (12 if unit.startswith("år") else 1), s, b.line)
            if re.search(r"återbetalningsskyldi|återbetalningsansvar|kräv\w*\s+tillbaka|återkräv", s, re.I):
                f.add("repayment", True, s, b.line)
            if re.search(r"\btvist", s, re.I) and re.search(r"lös|avgör|domstol|skilje|dialog|prövas", s, re.I):
                f.add("dispute", True, s, b.line)


def extract_extension(f: Findings) -> None:
    for b, s in f.sentences_with(_EXTENSION):
        if _NO_EXTENSION.search(s) or lx.PLACEHOLDER.search(s):
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
        open_ended = bool(_OPEN_ENDED.search(s)) and not times_value or automatic and not times_value
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


CRITERIA = lx.CRITERIA_PATTERNS


_MARKET = {"lov": re.compile(lx.cue(lx.LOV_PHRASES).pattern + r"|(?-i:\bLOV\b)", re.IGNORECASE),
           "procured_before": lx.cue(lx.PROCURED_BEFORE_PHRASES),
           "other_providers": lx.cue(lx.OTHER_PROVIDERS_PHRASES)}
_NEGATED = re.compile(r"\b(?:inte|ej|ingen|inga|aldrig)\b", re.IGNORECASE)


def extract_market(f: Findings) -> None:
    """What the text says of a market for the same service: LOV, an earlier procurement, other providers.
    A negated sentence ("har inte upphandlats") is left to the reviewer, never read as its opposite."""
    for key, rx in _MARKET.items():
        for b, s in f.sentences_with(rx):
            if _NEGATED.search(s[:rx.search(s).end() + 20]):  # type: ignore[union-attr]
                continue
            f.add(f"market.{key}", True, s, b.line)
            break


def extract_criteria(f: Findings) -> None:
    for key, pattern in CRITERIA.items():
        rx = re.compile(pattern, re.IGNORECASE)
        for b in f.blocks:
            hit = next((s for s in b.sentences if rx.search(s)), None)
            if hit:
                f.add(f"criteria.{key}", True, hit, b.line)
                break

