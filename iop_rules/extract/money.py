"""Money: funding entries, cash and in kind, and who pays them (the budget and the payments have modules of their own)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import lexicon as lx
from .found import Findings, join_quotes, role_of
from .budget import budget_span, extract_budget, extract_budget_increase  # noqa: F401  (steps of extract, listed here)
from .payment import extract_payment  # noqa: F401  (a step of extract: the steps are listed by module)
from .swedish import find_amounts, find_ranges, year_span
from .inkind import both_finance, in_kind_of, listed_resources, unnumbered
from .payers import (announced, contribution_table, introduces, is_party_heading, named_parties, others_named, payer_of,
                     row_giver)
from .text import Block, is_heading

_FINANCE = lx.cue(lx.FINANCE_WORDS)
#: After an amount: what it is for, every phrasing of the lexicon, the longest first.
_PER = [(re.compile(r"^\s*(?:kr|kronor)?\s*" + lx.alt([phrase]), re.I), unit)
        for phrase, unit in sorted(((p, u) for u, ps in lx.PER_UNITS.items() for p in ps), key=lambda x: -len(x[0]))]
_SERVICE = lx.cue(lx.SERVICE_WORDS)
_SERVICE_UNITS = {"day", "placement", "place"}
_CAP = re.compile(r"(?<!\w)" + lx.alt(lx.CAP_WORDS) + r"\s*$", re.IGNORECASE)
_APPROX = re.compile(r"(?<!\w)" + lx.alt(lx.APPROXIMATE_WORDS) + r"\s*$", re.IGNORECASE)
_VALUED = re.compile(r"(?<!\w)" + lx.alt(lx.VALUED_WORDS) + r"\s*(?:" + lx.alt(lx.APPROXIMATE_WORDS) + r"\s*)?$",
                     re.IGNORECASE)
_HISTORY = lx.cue(lx.HISTORY_WORDS)
_KIND = lx.cue(lx.IN_KIND_WORDS)
_RATE = re.compile(r"(?<!\w)[àá]\s*$", re.IGNORECASE)
_IN_FORM_BEFORE = re.compile(r"\bi\s+form\s+av\s+" + lx.alt(lx.IN_KIND_WORDS) + r"[^,.;]{0,40}?\s(?:om|på|motsvarande)\s*$",
                             re.IGNORECASE)  # "en egeninsats i form av ideellt arbete om 200 000 kronor"
_IN_FORM = re.compile(r"^\s*(?:kr|kronor)?[^.;]{0,30}?\bi\s+form\s+av\s+" + lx.alt(lx.IN_KIND_WORDS), re.IGNORECASE)
_PER_BEFORE = [(lx.cue(words), unit) for unit, words in lx.PER_BEFORE.items()]
_APPLIED = lx.cue(lx.APPLIED_WORDS)
_GRANTED = lx.cue(lx.GRANTED_WORDS)
_BREAKDOWN = lx.cue(lx.BREAKDOWN_WORDS)
_PER_ANYWHERE = [(re.compile(r"(?<!\w)" + lx.alt([phrase]), re.I), unit) for unit, ps in lx.PER_UNITS.items() for phrase in ps]


def extract_funding(f: Findings) -> None:
    entries: list[dict[str, Any]] = []
    context: tuple[str, bool] | None = None  # the giver an introducing line named; whether its list is of contributions
    section: str | None = None  # the giver a heading announces (`Kommunens åtaganden`), until the next heading
    budget = budget_span(f)
    table = False  # inside a table of what each party brings (`| Part | Bidrag | Belopp |`)
    years_under = False  # under a header `År  Bidrag till föreningsrådet`: rows `2026  850 tkr`
    for i, b in enumerate(f.blocks):
        table = contribution_table(b, f.blocks[i - 1] if i else None, table)
        if b.heading or is_heading(b) or (not b.bullet and not b.cells and is_party_heading(b.text)):
            section = announced(f, b.text)
        if not b.bullet:
            context = None
        year_row = _YEAR_ROW.fullmatch(b.text.strip())
        if year_row and years_under and (section or context):
            _year_entry(f, year_row, section or (context[0] if context else None), b, entries)
            continue
        years_under = bool(_YEAR_HEADER.match(b.text) and _FINANCE.search(b.text)) or bool(year_row and years_under)
        if i in budget and not _FINANCE.search(b.text):
            continue
        giver = row_giver(f, b) if table else None
        for s in b.sentences:
            clause = unnumbered(s)
            amounts = find_amounts(clause)
            if not amounts and not b.bullet and (clause.endswith(":") or len(clause) < 120):
                context = introduces(f, clause) or context
            either = _EITHER_PAYER.match(clause) if not amounts else None
            if either:
                entries.append(_either_entry(either.group("payer"), s))
            if not amounts or not (_FINANCE.search(clause) or (b.bullet and context) or giver):
                continue
            payer = giver or payer_of(f, clause, amounts[0].start) or (context[0] if b.bullet and context else None)
            if payer is None and section and not others_named(f, clause, section):
                payer = section  # under "Kommunens åtaganden": "bidra med 450 000 kronor per år"
            _amounts(f, clause, s, amounts, payer, b, entries)
        listing = bool(giver or (b.bullet and context and context[1]))
        giver = giver or (context[0] if b.bullet and context else None) or (section if b.bullet else None)
        in_kind_of(f, b, giver, entries, listing)
    entries = _without_totals(f, _without_repeats(f, entries))
    _by_budget(f, entries)
    listed_resources(f, entries)
    both_finance(f, entries)
    f.items["funding"] = entries


def _amounts(f: Findings, clause: str, s: str, amounts: list[Any], payer: str | None, b: Block,
             entries: list[dict[str, Any]]) -> None:
    """The entries of one funding sentence: each amount that is a contribution of this agreement."""
    if _APPLIED.search(clause) and not _GRANTED.search(clause):  # "Föreningen söker 500 000 kronor från Arvsfonden"
        f.note(f"finansiering: sökta medel, inte beviljade; inte medtaget: \"{s[:160]}\"")
        return
    if _HISTORY.search(clause):
        f.note(f"finansiering: beskriver det som varit, inte avtalets medel; inte medtaget: \"{s[:160]}\"")
        return
    for k, a in enumerate(amounts):
        segment = clause[a.end:amounts[k + 1].start if k + 1 < len(amounts) else len(clause)]
        if re.match(r"^\s*(?:kr|kronor)?\s*/\s*mån", segment) and "(" in clause[:a.start]:
            continue  # a rate inside a parenthesis, not a contribution
        if k and _BREAKDOWN.search(clause[amounts[0].end:a.start]):
            continue  # "420 000 kronor per år, varav 260 000 kronor till …": a part of the first amount
        between = clause[amounts[k - 1].end:a.start] if k else ""
        if k and ("(" in between or _VALUED.search(between)) and len(between) < 40 and not _KIND.search(between):
            continue  # "40 000 kronor per månad (480 000 kronor per år)", "…, motsvarande 480 000 kronor per år": restated
        if _RATE.search(clause[max(0, a.start - 4):a.start]):
            continue  # "1 000 timmar à 250 kr": a unit price, not a contribution
        # "lokaler och ideella insatser motsvarande 300 tkr": a value put on a contribution in kind;
        # "300 000 kronor i form av lokaler och personal": money's worth given in kind
        kind = "in_kind" if (_VALUED.search(clause[max(0, a.start - 40):a.start]) or _IN_FORM.match(segment)
                             or _IN_FORM_BEFORE.search(clause[amounts[k - 1].end if k else 0:a.start])) else "cash"
        lead = clause[amounts[k - 1].end if k else 0:a.start]
        if k:  # after another amount: its own unit ("… kronor per år och …") is not this one's
            lead = next((rx.sub("", lead, count=1) for rx, _ in _PER if rx.search(lead)), lead)
        entry = _entry(f, payer, a.kronor, segment, clause[:amounts[0].start], s, b, kind, lead)
        if entry is None:
            continue
        if kind == "in_kind" and entry["per"] == "period":
            entry["per"] = _per_before(clause[amounts[k - 1].end if k else 0:a.start])  # "1 200 timmar per år, vilket motsvarar …"
        before = clause[max(0, a.start - 30):a.start]
        if _TOTAL.search(before) and any(e.get("per") != "period" and e.get("source") == s for e in entries):
            # "640 000 kronor per år, sammanlagt 1 920 000 kronor under löptiden": the sum of the
            # yearly amount, not another contribution
            continue
        if _CAP.search(before):  # "dock högst 200 000 kr", "upp till fyra miljoner kronor": a ceiling
            entry["cap"] = True
        if _APPROX.search(before):  # "cirka 90 000 kr", "drygt 14 miljoner"
            entry["approximate"] = True
        if kind == "cash" and (_SERVICE.search(clause) or entry["per"] in _SERVICE_UNITS):
            entry["basis"] = "service"  # "ersätter stiftelsen med … per plats och dygn"
        entry["source"] = s
        entries.extend(_each(f, entry, clause))


_EACH = lx.cue(lx.EACH_WORDS)


def _each(f: Findings, entry: dict[str, Any], clause: str) -> list[dict[str, Any]]:
    """`Avesta kommun och Region Dalarna bidrar vardera med 150 000 kronor`: one entry for each payer."""
    named = [p for p in named_parties(f, str(entry.get("payer") or "")) if f.party(p)] if _EACH.search(clause) else []
    if len(named) < 2:
        return [entry]
    return [{**{k: v for k, v in entry.items() if k != "side"}, "payer": p} for p in named]


_YEAR_HEADER = re.compile(r"^(?:år|period|verksamhetsår|budgetår)\b", re.IGNORECASE)
_YEAR_ROW = re.compile(r"(?:år\s+)?(?P<year>(?:19|20)\d\d)\s*[:|]?\s*(?P<amount>\d[\d \u00a0.,]*\s*(?:kr|kronor|tkr|mnkr|mkr|sek|:-))\.?",
                       re.IGNORECASE)


def _year_entry(f: Findings, row: re.Match[str], payer: str | None, b: Block, entries: list[dict[str, Any]]) -> None:
    """A row of a table of the contribution year by year (`2026    850 tkr`): the year's amount."""
    amounts = find_amounts(row.group("amount"))
    if len(amounts) != 1:
        return
    entry = _entry(f, payer, amounts[0].kronor, "", f"år {row.group('year')}", b.text, b)
    if entry:
        entries.append(entry)


def _per_before(text: str) -> str:
    """What a valued contribution is for when the thing valued says it: `1 200 ideella timmar per år`."""
    units = {unit for rx, unit in _PER_ANYWHERE if rx.search(text)}
    return units.pop() if len(units) == 1 else "period"


_TOTAL = re.compile(r"(?<!\w)(?:sammanlagt|totalt|sammantaget|alltså|det\s+vill\s+säga)\s*$", re.IGNORECASE)


def _without_repeats(f: Findings, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One contribution stated twice (a memo's proposal, then the agreement's own clause) is one entry:
    the same amount, unit, kind and span, and payers that are the same party or one not identified."""
    out: list[dict[str, Any]] = []
    for e in entries:
        key = (e.get("amount"), e.get("per"), e["kind"])
        known = lambda p: bool(p) and any(q.id == p for q in f.parties)  # noqa: E731
        # the span may be stated once only ("300 000 kronor per år under 2025–2027", then "300 000 kronor per år")
        twin = next((o for o in out if e.get("amount") is not None and key == (o.get("amount"), o.get("per"), o["kind"])
                     and (not o.get("covers") or not e.get("covers") or o["covers"] == e["covers"]) and o.get("source") != e.get("source")
            and (o["payer"] == e["payer"] or not known(o["payer"]) or not known(e["payer"]))), None)
        if twin is None:
            out.append(e)
        elif (known(e["payer"]) and not known(twin["payer"])) or (e["payer"] and not twin["payer"]):
            out[out.index(twin)] = {**e, **({"covers": twin["covers"]} if twin.get("covers") and not e.get("covers") else {})}
    return out


_SUM_WORDS = lx.cue(lx.SUM_WORDS)


def _without_totals(f: Findings, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A sum the text states of contributions it also states one by one (`totalt 1 500 000 kronor under
    avtalsperioden` after 500 000 kronor a year; `sammanlagt 1 250 000 kronor` after the parts) is no
    contribution of its own: counted twice, it would double the public money."""
    cash = [e for e in entries if e["kind"] == "cash" and e.get("amount")]
    start, end = f.value("period.start"), f.value("period.end")
    years = {round((end - start).days / 365.25)} - {0} if start and end else set(range(2, 6))
    out = []
    for e in entries:
        if e in cash and e.get("per") == "period" and _SUM_WORDS.search(e.get("source") or ""):
            others = [o for o in cash if o is not e and o.get("source") != e.get("source")]
            same = [o for o in others if not o["payer"] or not e["payer"] or o["payer"] == e["payer"]]
            yearly = [o["amount"] for o in same if o.get("per") == "year"]
            parts = sum(o["amount"] for o in same if o.get("per") == e.get("per"))
            if any(e["amount"] == a * n for a in yearly for n in years) or (len(same) > 1 and parts == e["amount"]):
                continue
        out.append(e)
    return out


# `Socialförvaltningen och/eller Kultur och fritidsförvaltningen ska bidra … med finansiering`: a payer
# that is not one party.  Kept as written, without an amount, so the reviewer and IOP-FIN-06 see it.
_EITHER_PAYER = re.compile(r"^(?P<payer>[A-ZÅÄÖ][^,.:;]{1,80}?\s+(?:och/eller|eller)\s+[^,.:;]{2,80}?)\s+"
                           r"(?:ska|skall|kommer\s+att)\s+(?:bidra|finansiera|betala)\b[^.]{0,80}?\b(?:finansiering|medel|"
                           r"ekonomiskt)", re.IGNORECASE)


def _either_entry(payer: str, s: str) -> dict[str, Any]:
    return {"payer": payer.strip(), "side": "public" if role_of(payer) == "public" else None, "kind": "cash",
            "description": "betalare enligt texten, inte en enda part", "source": s}


_FOR_YEAR = re.compile(r"\b(?:för|under|avseende|mellan|åren)\s+((?:19|20)\d\d)(?:\s*(?:[-–]|och|till)\s*((?:19|20)\d\d))?(?![\d-])")


def _for_year(s: str) -> tuple[int, int, str] | None:
    """`för 2025`, `under 2026 och 2027`: the calendar years a sum is stated for."""
    m = _FOR_YEAR.search(s)
    if not m:
        return None
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    return (first, last, m.group(0)) if last >= first else None


def _entry(f: Findings, payer: str | None, kronor: int, segment: str, prefix: str, s: str, b: Block,
           kind: str = "cash", lead: str = "") -> dict[str, Any] | None:
    span = year_span(prefix) or year_span(segment) or _for_year(s)
    began = f.value("period.start")
    if span and began and span[1] < began.year and not find_ranges(segment):
        # "ett tillfälligt bidrag … om 150 000 kronor för 2025" in a memo for 2026–2027: history, not this agreement
        f.note(f"finansiering: {kronor} kr avser {span[0]}–{span[1]}, före avtalsperioden; inte medtaget: \"{s[:160]}\"")
        return None
    per = next((name for rx, name in _PER if rx.search(segment)), "period")
    if per == "period":  # "Kommunen bidrar årligen med …", "ett årligt bidrag om …", "varje månad med …"
        per = next((unit for rx, unit in _PER_BEFORE if rx.search(lead)), "period")
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
    span = year_span(prefix) or year_span(segment) or _for_year(prefix + segment)
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
