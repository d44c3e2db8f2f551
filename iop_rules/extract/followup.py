"""When and how: the period, follow-up, steering group, review, termination and the IOP reasons."""
from __future__ import annotations

import re
from typing import Any

from ..months import add_months
from .found import Findings
from .swedish import COUNT, find_amounts, find_dates, find_ranges, parse_count

_PERIOD_CUE = re.compile(r"\bgäller\s+(?:den\s+)?(?=\d)|\bgäller\s+(?:från|fr\.\s?o\.\s?m\.|fr\s?o\s?m|från\s+och\s+med|under|perioden|mellan)"
                         r"|\b(?:projekttid|projekttiden|avtalstid|avtalstiden|avtalsperiod|avtalsperioden|"
                         r"giltighetstid|giltighetstiden)\b|\bpågår\s+(?:från|under)\b|\b(?:under|för)\s+perioden\b",
                         re.IGNORECASE)
_PERIOD_HEADING = re.compile(r"^(?:period|avtalstid|avtalsperiod|giltighet|överenskommelsens\s+giltighet)", re.I)


def extract_period(f: Findings) -> None:
    for i, b in enumerate(f.blocks):
        for s in b.sentences:
            ranges = find_ranges(s)
            if not ranges:
                continue
            r = ranges[0]
            if _PERIOD_CUE.search(s) and not find_amounts(s):
                rank = 1 if re.search(r"\bgäller\b|projekttid|avtalstid", s, re.I) else 0
                f.add("period", (r.first, r.last), s, b.line, rank)
            elif i > 0 and _PERIOD_HEADING.match(f.blocks[i - 1].text) and len(s) - len(r.text) < 15:
                f.add("period", (r.first, r.last), s, b.line, 1)
    found = f.pick("period")
    if found:
        f.add("period.start", found.value[0], found.quote, found.line)
        f.add("period.end", found.value[1], found.quote, found.line)


_REPORT_WORD = re.compile(r"rapport|redovis|uppföljning|utvärdering", re.IGNORECASE)
_KINDS = [(re.compile(r"slutrapport|slutredovisning|samlad\s+uppföljning|vid\s+periodens\s+slut|slutlig", re.I), "final"),
          (re.compile(r"delredovisning|delrapport|lägesrapport|halvårsrapport|delårsrapport|halvårsredovisning", re.I),
           "interim"),
          (re.compile(r"(?<![a-zåäö])årsrapport|årlig\s+rapport|verksamhetsberättelse", re.I), "annual"),
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
            if not re.search(r"lämna|redovisa|inkomma|redovisas|lämnas|ska\s+vara|senast|rapporteras", s, re.I):
                continue
            # "avse perioden 1 januari – 31 december 2024": the period a report covers is not when it is due
            spans = [(r.start, r.end) for r in find_ranges(s) if not re.search(r"\boch\b", r.text)]  # "X och Y": two dates
            dates = [d for d in find_dates(s) if not any(a <= d.start < b for a, b in spans)]
            previous = kind
            for n, d in enumerate(dates):
                if d.kind == "season":
                    f.note(f"uppföljning: \"{d.text}\" är en årstid, inget datum; ange förfallodatum själv "
                           f"(\"{s[:160]}\")")
                elif d.date and not re.search(rf"till\s+{re.escape(d.text)}", s):
                    # "en delrapport senast X och en slutrapport senast Y": each date takes the kind named before it
                    # ("en lägesrapport senast X och Y": Y is a lägesrapport too)
                    previous = _kind(s[dates[n - 1].end if n else 0:d.start], previous if n else kind)
                    reports.append({"due": d.date, "kind": previous, "source": s})
            rel = _RELATIVE.search(s)
            if rel and end:
                months = parse_count(rel.group("n"))
                if months and months.value:
                    reports.append({"due": add_months(end, -months.value), "kind": kind, "source": s})
            elif rel:
                f.note(f"uppföljning: \"{rel.group(0)}\" räknas från periodens slut, som inte hittades")
            if _AT_END.search(s) and end and not dates:
                reports.append({"due": end, "kind": "final", "source": s})
    seen = set()
    f.items["reports"] = [r for r in reports if not ((r["due"], r["kind"]) in seen or seen.add((r["due"], r["kind"])))]


_CADENCE = re.compile(rf"(?P<n>{COUNT})\s+(?:tillfällen|tillfälle|gånger|gång)\s+"
                      r"(?:(?P<year>per\s+år|på\s+ett\s+år|om\s+året|varje\s+år|årligen)|(?P<half>per\s+halvår|varje\s+halvår)"
                      r"|(?P<to>till\s+(?:och\s+med\s+)?\d{4}-\d{2}-\d{2}|under\s+(?:avtals)?perioden))", re.IGNORECASE)
_YEARLY = re.compile(r"\b(?:årligen|varje\s+år|en\s+gång\s+(?:per|om|varje)\s+år(?:et)?)\b", re.IGNORECASE)
_MEET = re.compile(rf"(?P<n>{COUNT})\s+(?:gång|gånger|tillfällen|tillfälle)\s+(?:per|om|varje)\s+(?P<per>år|året|halvår|kvartal|månad)",
                   re.IGNORECASE)


def extract_cadence(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
            if not re.search(r"rapport|redovis|verksamhetsberättelse", s, re.I) or re.search(r"betalas|utbetal", s, re.I):
                continue
            m = _CADENCE.search(s)
            if not m:
                if _YEARLY.search(s):  # "ska årligen lämna en verksamhetsberättelse"
                    f.add("cadence", (1, "year"), s, b.line)
                continue
            count = parse_count(m.group("n"))
            if not count or not count.value:  # "0 gånger per år" is no cadence
                continue
            per = "year" if m.group("year") else "half_year" if m.group("half") else "period"
            f.add("cadence", (count.value, per), s, b.line)


# A steering group, or a named forum that does its work (RULES.md, IOP-GOV-01); a reference group only advises.
_FORUM = r"(?:styrgrupp|samverkansgrupp|samrådsgrupp|ledningsgrupp|partnerskapsgrupp)"


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
                m = re.search(rf"{_FORUM}(?:en)?\s+(?:utgörs\s+av|består\s+av|med)\s+(?P<who>.+)", s, re.I)
                if m:
                    quote = s
                    if re.search(r"(?:företrädar|representant)\w*\s+(?:för|från)\s+(?:alla\s+|båda\s+)?(?:parterna|partnerorganisationerna|"
                                 r"samtliga\s+parter)", m.group("who"), re.I):
                        members = [{"party": p.id} for p in f.parties if p.role in ("public", "idea_based")]
                        extra = re.search(r"\bsamt\s+(?:en|ett)\s+([a-zåäö][\wåäö ]{2,40}?)\s*\.?$", m.group("who"))
                        if extra:
                            members.append({"party": extra.group(1)})
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
    f.items["steering_group"] = [{"members": members, "source": quote}]


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
_EXTENSION = re.compile(r"\b(?:kan|får|ska)\s+(?:\w+\s+){0,2}förlängas\b|\bförlängs\s+(?:med|automatiskt)|"
                        r"\boption\s+(?:om|på)\s+förlängning", re.IGNORECASE)


def extract_review(f: Findings) -> None:
    for b, s in f.sentences_with(_REVIEW):
        m = re.search(r"\bsenast\s+(?:den\s+)?", s, re.I)
        dates = find_dates(s[m.end():]) if m else []
        if dates and dates[0].start == 0 and dates[0].date:
            f.add("review.date", dates[0].date, s, b.line)


def extract_termination(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
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
        m = re.search(rf"förläng\w*\s+(?:med\s+)?(?P<n>{COUNT})\s+(?P<u>månader|månad|år)\b", s, re.I)
        count = parse_count(m.group("n")) if m else None
        months = count.value * (12 if m.group("u").lower() == "år" else 1) if m and count and count.value else None
        t = re.search(rf"(?P<n>{COUNT})\s+gång(?:er)?", s, re.I)
        times = parse_count(t.group("n")) if t else None
        f.add("extension", (months, times.value if times else None), s, b.line)


CRITERIA = {
    "initiative_from_idea_based": r"på\s+initiativ\s+av\s+(?:den\s+)?idéburna|initiativet\s+(?:kommer|har\s+kommit)\s+från|"
                                  r"initiativet\s+(?:till\s+\w+\s+)?har\s+tagits\s+av\s+(?:föreningen|den\s+idéburna|organisationen)",
    "no_market": r"inte\s+(?:på\s+)?(?:en|någon)\s+marknad|ingen\s+(?:fungerande\s+)?marknad|"
                 r"inte\s+(?:ett\s+)?köp\s+av\s+(?:en\s+)?tjänst|inte\s+innebär\s+köp\s+av\s+en\s+tjänst|inte\s+är\s+ett\s+köp",
    "not_normed_grant": r"normera(?:de|d|t)\s+föreningsbidrag",
    "both_finance": r"båda\s+parter\s+(?:är\s+med\s+och\s+)?finansierar|samfinansierad|"
                    r"^både\s+.{2,60}\s+och\s+.{2,60}\s+bidrar\s+med\s+resurser|(?:alla|båda)\s+parter(?:na)?\s+bidrar",
    "not_detail_regulated": r"detaljregleras\s+(?:inte|ej)|inte\s+detaljregleras",
}


def extract_criteria(f: Findings) -> None:
    for key, pattern in CRITERIA.items():
        rx = re.compile(pattern, re.IGNORECASE)
        for b in f.blocks:
            hit = next((s for s in b.sentences if rx.search(s)), None)
            if hit:
                f.add(f"criteria.{key}", True, hit, b.line)
                break

