"""Money: funding entries, the budget, a needed budget increase and the payment schedule."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .found import Findings, join_quotes, role_of
from .swedish import COUNT, find_amounts, find_dates, find_ranges, parse_count, year_span
from .text import Block, is_heading

_FINANCE = re.compile(r"finansier|beviljad|beviljat|beviljar|bidrar med|bidra\s+med|bidrag\b|ersättning|utbetal|betalar|står\s+för|"
                      r"egen\s+insats|egeninsats", re.IGNORECASE)
_PAYER = re.compile(r"\bfinansieras\s+(?:av|genom|via)\s+(?P<a>[A-ZÅÄÖ][^,.:;]{1,80}?)(?=\s+(?:med|genom|som|och)\b|\s*[:,.]|$)"
                    r"|\b(?:medel|bidrag|stöd|finansiering|utvecklingsmedel)\s+från\s+(?P<b>[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]*){0,3})"
                    r"|^(?P<c>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+(?:(?:föreslås|ska|skall|kommer\s+att)\s+bidra\b|bidrar|finansierar|betalar|står för|beviljar)\b"
                    r"|^(?P<d>[A-ZÅÄÖ][\wåäöÅÄÖ-]{1,40}?)s\s+(?:bidrag|finansiering|ersättning|medel)\s+(?:uppgår|är|blir)\b")
_PER = [(re.compile(r"^\s*(?:per|/|i|om)\s*(?:kalenderår|verksamhetsår|budgetår|året|år)\b|^\s*årligen\b", re.I), "year"),
        (re.compile(r"^\s*(?:per|/|i|om)\s*(?:månaden|månad|mån)\b|^\s*månatligen\b", re.I), "month"),
        (re.compile(r"^\s*(?:per|/)\s*(?:plats|platser)\b", re.I), "place"),
        (re.compile(r"^\s*(?:per|/)\s*(?:timme|tim|h)\b", re.I), "hour"),
        (re.compile(r"^\s*(?:per|/)\s*(?:deltagare|brukare|klient|person)\b", re.I), "client")]
_FRONTED = re.compile(r"(?:för|under|i|inom|därutöver|dessutom|härutöver|vidare|årligen|totalt|sammanlagt|därtill|"
                      r"utöver|efter|från|vid|enligt)\b", re.IGNORECASE)
_UNSUPPORTED_PER = re.compile(r"^\s*(?:kr|kronor)?\s*(?:per|/|i)\s*(?:kvartal|termin|halvår|vecka|veckan|dag|dygn)\b",
                              re.IGNORECASE)
_CAP = re.compile(r"\b(?:högst|maximalt|max\.?|upp\s+till|som\s+mest)\s*$", re.IGNORECASE)
_VALUED = re.compile(r"\b(?:motsvarande|värderad\w*\s+till|till\s+ett\s+värde\s+av)\s*$", re.IGNORECASE)
_INCREASE = re.compile(r"(?:driftbudget|budgetram|budget)\w*\s+(?:\w+\s+){0,3}?(?:ökas|utökas|höjs|höjas|behöver ökas)"
                       r"|(?:utökad|ökad|höjd)\s+(?:driftbudget|budgetram|budget)|ryms\s+inte\s+inom\s+(?:\w+\s+){0,2}budget",
                       re.IGNORECASE)
_INSTALLMENTS = re.compile(rf"(?:vid\s+)?(?P<n>{COUNT})\s+(?:tillfällen|tillfälle|gånger|gång|delbetalningar|utbetalningar)"
                           r"\s+(?:per|om|varje|på ett|under ett)\s+år\b", re.IGNORECASE)
_RHYTHM = {"kvartalsvis": 4, "halvårsvis": 2, "månadsvis": 12, "årsvis": 1, "årligen": 1, "en gång per år": 1}


def extract_budget(f: Findings) -> None:
    start = next((i for i, b in enumerate(f.blocks) if re.match(r"^budget\b", b.text, re.I) and b.words <= 4), None)
    if start is None:
        return
    lines: list[dict[str, Any]] = []
    label: tuple[str, str] | None = None
    for b in f.blocks[start + 1:start + 60]:
        total = re.match(r"^(?:totalt|summa|total(?:\s+kostnad)?|totalbudget)\b\s*:?\s*", b.text, re.I)
        amounts = find_amounts(b.text)
        if total and amounts:
            f.add("budget.total", amounts[0].kronor, b.text, b.line)
            break
        m = re.fullmatch(r"(?P<label>[^\d(][^:]{1,80}?)\s*:?\s*(?P<amount>\d[\d \u00a0.,]*\s*(?:kr|kronor|sek|:-))\.?",
                         b.text, re.I)
        if m and len(amounts) == 1:
            lines.append(_line(m.group("label"), amounts[0].kronor, b.text))
            label = None
        elif len(amounts) == 1 and amounts[0].text == b.text.rstrip(".") and label:
            lines.append(_line(label[0], amounts[0].kronor, join_quotes([label[1], b.text])))
            label = None
        elif not amounts and b.words <= 8 and not b.text.startswith("(") and not b.text.endswith("."):
            label = (b.text.rstrip(" :"), b.text)
        elif is_heading(b) and not amounts:
            break
    if lines:
        f.items["budget.lines"] = lines


def _line(label: str, amount: int, quote: str) -> dict[str, Any]:
    return {"label": label.strip().rstrip(":").strip(), "amount": amount, "source": quote}


def extract_funding(f: Findings) -> None:
    entries: list[dict[str, Any]] = []
    context: str | None = None  # the payer an introducing sentence named, for the list items after it
    budget_at = next((i for i, b in enumerate(f.blocks) if re.match(r"^budget\b", b.text, re.I) and b.words <= 4), -1)
    for i, b in enumerate(f.blocks):
        if not b.bullet:
            context = None
        if budget_at >= 0 and budget_at < i <= budget_at + 60 and not _FINANCE.search(b.text):
            continue
        for s in b.sentences:
            amounts = find_amounts(s)
            payer = _payer(s) or (context if b.bullet else None)
            if s.rstrip().endswith(":") and not amounts and _FINANCE.search(s):
                context = _payer(s)
            either = _EITHER_PAYER.match(s)
            if either and not amounts:
                entries.append(_either_entry(either.group("payer"), s))
            if not amounts or not (_FINANCE.search(s) or (b.bullet and context)):
                continue
            for k, a in enumerate(amounts):
                segment = s[a.end:amounts[k + 1].start if k + 1 < len(amounts) else len(s)]
                if re.match(r"^\s*(?:kr|kronor)?\s*/\s*mån", segment) and "(" in s[:a.start]:
                    continue  # a rate inside a parenthesis, not a contribution
                unit = _UNSUPPORTED_PER.match(segment)
                if unit:  # "90 000 kronor per kvartal": the file has no such unit, and a sum is not guessed
                    f.note(f"finansiering: {a.text} {unit.group(0).strip()} går inte att ange i filen (per "
                           "avtalsperiod, år, månad, plats, timme eller klient); ange beloppet själv: "
                           f"\"{s[:160]}\"")
                    continue
                # "lokaler och ideella insatser motsvarande 300 tkr": a value put on a contribution in kind
                kind = "in_kind" if _VALUED.search(s[max(0, a.start - 40):a.start]) else "cash"
                entry = _entry(f, payer, a.kronor, segment, s[:amounts[0].start], s, b, kind)
                cap = _CAP.search(s[max(0, a.start - 30):a.start])
                if cap:  # "dock högst 200 000 kr": a ceiling, which the file can only hold as the amount
                    entry["description"] = f"{cap.group(0).strip()} {a.text}"
                    f.note(f"finansiering: {a.text} är ett tak (\"{cap.group(0).strip()}\"), inte ett bestämt belopp; "
                           "kontrollera beloppet")
                entries.append(entry)
        _in_kind(f, b, entries)
    _by_budget(f, entries)
    _listed_resources(f, entries)
    _both_finance(f, entries)
    f.items["funding"] = entries


def _listed_resources(f: Findings, entries: list[dict[str, Any]]) -> None:
    """A table of what each party brings: `Party • resource • resource … Other party • …`."""
    for b in f.blocks:
        if b.text.count("•") < 3:
            continue
        for p in f.parties:
            m = re.search(r"(?<!\w)" + re.escape(p.name) + r"(?:\s*\([^()]{0,40}\))?\s*•\s*(?P<item>[^•]{3,160})", b.text)
            if m and not any(e["payer"] == p.id for e in entries):
                item = m.group("item").strip()
                entries.append({"payer": p.id, "kind": "in_kind", "description": item,
                                "source": b.text[m.start():m.end()].strip()})


def _both_finance(f: Findings, entries: list[dict[str, Any]]) -> None:
    """`Båda parter är med och finansierar verksamheten (via pengar eller andra insatser)`: a party the
    text names no other contribution for contributes in the way the sentence says."""
    for b in f.blocks:
        for s in b.sentences:
            m = re.search(r"\bbåda\s+parter(?:na)?\s+(?:är\s+med\s+och\s+)?finansierar\b[^(]*(?:\((?P<how>[^()]{3,80})\))?",
                          s, re.IGNORECASE)
            if not m:
                continue
            for p in f.parties:
                if p.role in ("public", "idea_based") and not any(e["payer"] == p.id for e in entries):
                    entries.append({"payer": p.id, "kind": "in_kind", "description": m.group("how") or "finansierar",
                                    "source": s})
            return


# `Socialförvaltningen och/eller Kultur och fritidsförvaltningen ska bidra … med finansiering`: a payer
# that is not one party.  Kept as written, without an amount, so the reviewer and IOP-FIN-06 see it.
_EITHER_PAYER = re.compile(r"^(?P<payer>[A-ZÅÄÖ][^,.:;]{1,80}?\s+(?:och/eller|eller)\s+[^,.:;]{2,80}?)\s+"
                           r"(?:ska|skall|kommer\s+att)\s+(?:bidra|finansiera|betala)\b[^.]{0,80}?\b(?:finansiering|medel|"
                           r"ekonomiskt)", re.IGNORECASE)


def _either_entry(payer: str, s: str) -> dict[str, Any]:
    return {"payer": payer.strip(), "side": "public" if role_of(payer) == "public" else None, "kind": "cash",
            "description": "betalare enligt texten, inte en enda part", "source": s}


def _payer(s: str) -> str | None:
    m = _PAYER.search(s)
    if not m:
        return None
    payer = (m.group("a") or m.group("b") or m.group("c") or m.group("d")).strip()
    # Swedish puts a time or a linking word first: "För 2024 beviljar kommunen …", "Därutöver bidrar …"
    if m.group("c") and (_FRONTED.match(payer) or re.search(r"\d", payer)):
        return None
    return payer


def _entry(f: Findings, payer: str | None, kronor: int, segment: str, prefix: str, s: str, b: Block,
           kind: str = "cash") -> dict[str, Any]:
    per = next((name for rx, name in _PER if rx.search(segment)), "period")
    entry: dict[str, Any] = {"payer": None, "kind": kind, "amount": kronor, "per": per}
    if payer:
        named = f.mentioned(payer)
        # "X och Y bidrar": a joint payer is kept as written, never narrowed to the first party named
        party = f.party(payer) if len(named) < 2 else None
        if party is None and re.search(r"medel|bidrag|stöd|från", s) and re.search(rf"från\s+{re.escape(payer)}", s):
            party = f.add_party("funder", payer, s, b.line)
        entry["payer"] = party.id if party else payer
        if party is None:
            sides = {p.role for _, p in named}
            entry["side"] = sides.pop() if len(sides) == 1 and sides <= {"public", "idea_based"} else (
                "public" if role_of(payer) == "public" else None)
    ranges = find_ranges(segment)
    span = year_span(prefix) or year_span(segment)
    if ranges:
        entry["covers"] = {"start": ranges[0].first, "end": ranges[0].last}
    elif span:
        start, end = dt.date(span[0], 1, 1), dt.date(span[1], 12, 31)
        period = (f.value("period.start"), f.value("period.end"))
        if period[0] and period[1] and start <= period[1] and end >= period[0]:
            start, end = max(start, period[0]), min(end, period[1])
        entry["covers"] = {"start": start, "end": end}
    entry["source"] = s
    return entry


_IN_KIND = re.compile(r"resurser\s+i\s+form\s+av\s+(?P<a>[a-zåäö][\wåäö ]{2,40}?)(?=[.,;]|$)"
                      r"|(?P<b>fritt\s+nyttjande\s+av\s+lokal)|bidrar\s+med\s+(?P<c>lokaler)|(?P<d>ideella\s+timmar)"
                      r"|med\s+hjälp\s+av\s+(?P<e>volontärer)|(?P<f>frivilligt\s+arbete)|upplåter\s+(?P<g>lokaler|lokal)",
                      re.IGNORECASE)


def _in_kind(f: Findings, b: Block, entries: list[dict[str, Any]]) -> None:
    """Contributions in kind the text names with a giver: premises, volunteers, voluntary hours."""
    for s in b.sentences:
        m = _IN_KIND.search(s)
        if not m or find_amounts(s[m.start():]) or re.match(r"^(?:både|båda|alla)\b", s, re.I):
            continue
        giver = f.mentioned(s)
        if m.group("b"):
            payer = next((e["payer"] for e in reversed(entries) if e["kind"] == "cash" and e["payer"]), None)
        elif giver:
            payer = giver[0][1].id
        else:
            lead = re.match(r"^([A-ZÅÄÖ][\wåäö-]*(?:\s+(?:och\s+)?[\wåäö-]+){0,3}?)\s+(?:bidrar|upplåter)\b", s)
            payer = f.party_ref(lead.group(1)) if lead else None
        if not payer or any(e["kind"] == "in_kind" and e["payer"] == payer for e in entries):
            continue
        entry: dict[str, Any] = {"payer": payer, "kind": "in_kind"}
        if f.party(payer) is None:
            entry["side"] = "public" if role_of(payer) == "public" else None
        entry["description"] = next(g for g in m.groups() if g)
        entry["source"] = s
        entries.append(entry)


def _by_budget(f: Findings, entries: list[dict[str, Any]]) -> None:
    """`X bidrar med kontanta medel enligt budget`: the budget total is X's cash contribution."""
    total = f.pick("budget.total")
    if total is None:
        return
    for b in f.blocks:
        for s in b.sentences:
            m = re.match(r"^(?P<p>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+bidrar\s+med\s+(?:kontanta\s+)?medel\s+enligt\s+(?:denna\s+)?budget",
                         s, re.IGNORECASE)
            if m and not any(e["kind"] == "cash" for e in entries):
                entries.append({"payer": f.party_ref(m.group("p")), "kind": "cash", "amount": total.value,
                                "per": "period", "source": join_quotes([s, total.quote])})


def extract_budget_increase(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
            m = _INCREASE.search(s)
            if not m or re.search(r"\bska\s+rymmas\b", s):
                continue
            years = sorted({int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", s[m.start():])})
            f.add("budget_increase", tuple(years), s, b.line)


def extract_payment(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
            if not re.search(r"betalas\s+ut|utbetal|utbetalas|faktureras|betalning", s, re.IGNORECASE):
                continue
            m = _INSTALLMENTS.search(s)
            if m:
                count = parse_count(m.group("n"))
                if count and count.value is not None:
                    f.add("payment.installments_per_year", count.value, s, b.line)
                elif count:
                    f.note(f"utbetalning: \"{m.group(0)}\" anger två olika antal ({count.conflict}); inget valt")
                continue
            rhythm = next((n for word, n in _RHYTHM.items() if re.search(rf"\b{word}\b", s, re.I)), None)
            if rhythm:
                f.add("payment.installments_per_year", rhythm, s, b.line)
            dates = [d.date for d in find_dates(s) if d.date]
            if dates and re.search(r"betalas\s+ut|utbetalas|utbetalning\w*\s+(?:sker|görs|ska\s+ske)", s, re.I):
                f.add("payment.dates", tuple(dates), s, b.line)
