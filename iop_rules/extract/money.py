"""Money: funding entries, the budget, a needed budget increase and the payment schedule."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import lexicon as lx
from .found import Findings, join_quotes, role_of
from .swedish import COUNT, find_amounts, find_dates, find_ranges, parse_count, year_span
from .text import Block, is_heading

_FINANCE = lx.cue(lx.FINANCE_WORDS)
_PAYER = re.compile(r"\bfinansieras\s+(?:av|genom|via)\s+(?P<a>[A-ZÅÄÖ][^,.:;]{1,80}?)(?=\s+(?:med|genom|som|och)\b|\s*[:,.]|$)"
                    r"|\b(?:medel|bidrag|stöd|finansiering|utvecklingsmedel)\s+från\s+(?P<b>[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]*){0,3})"
                    r"|^(?P<c>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+(?:(?:föreslås|ska|skall|kommer\s+att)\s+(?:bidra|betala|finansiera|ersätta|tillskjuta)\b|"
                    + lx.alt(lx.PAYER_VERBS) + r")"
                    r"|^(?P<d>[A-ZÅÄÖ][\wåäöÅÄÖ-]{1,40}?)s\s+(?:bidrag|finansiering|ersättning|medel)\s+(?:uppgår|är|blir)\b"
                    r"|\b(?:beviljas|tillskjuts|betalas\s+ut|ersätts)\b[^.;]{0,80}?\bav\s+(?P<e>[A-ZÅÄÖa-zåäö][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]*){0,3})")
#: After an amount: what it is for, every phrasing of the lexicon, the longest first.
_PER = [(re.compile(r"^\s*(?:kr|kronor)?\s*" + lx.alt([phrase]), re.I), unit)
        for phrase, unit in sorted(((p, u) for u, ps in lx.PER_UNITS.items() for p in ps), key=lambda x: -len(x[0]))]
_NOT_A_PAYER = re.compile(r"^" + lx.alt(lx.NOT_A_PAYER) + r"(?:\s|$)", re.IGNORECASE)
_SERVICE = lx.cue(lx.SERVICE_WORDS)
_SERVICE_UNITS = {"day", "placement", "place"}
_FRONTED = re.compile(r"(?:för|under|i|inom|därutöver|dessutom|härutöver|vidare|årligen|totalt|sammanlagt|därtill|"
                      r"utöver|efter|från|vid|enligt)\b", re.IGNORECASE)
_CAP = re.compile(r"(?<!\w)" + lx.alt(lx.CAP_WORDS) + r"\s*$", re.IGNORECASE)
_APPROX = re.compile(r"(?<!\w)" + lx.alt(lx.APPROXIMATE_WORDS) + r"\s*$", re.IGNORECASE)
_VALUED = re.compile(r"(?<!\w)" + lx.alt(lx.VALUED_WORDS) + r"\s*$", re.IGNORECASE)
_INCREASE = re.compile(r"(?:driftbudget|budgetram|budget)\w*\s+(?:\w+\s+){0,3}?(?:ökas|utökas|höjs|höjas|behöver ökas)"
                       r"|(?:utökad|ökad|höjd)\s+(?:driftbudget|budgetram|budget)|ryms\s+inte\s+inom\s+(?:\w+\s+){0,2}budget",
                       re.IGNORECASE)
_INSTALLMENTS = re.compile(rf"(?:vid\s+)?(?P<n>{COUNT})\s+(?:tillfällen|tillfälle|gånger|gång|delbetalningar|utbetalningar)"
                           r"\s+(?:per|om|varje|på ett|under ett)\s+år\b", re.IGNORECASE)
_RHYTHM = {word: n for word, n in lx.PAYMENT_RHYTHM.items() if n}


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
        heading = _PARTY_HEADING.match(b.text)
        giver = (heading.group("p") or heading.group("q")) if heading else None
        if giver and not b.bullet and f.party(giver):  # "Kommunen bidrar med", "Kretsens insats"
            _listed_under(f, i, f.party_ref(giver), entries)
        for s in b.sentences:
            amounts = find_amounts(s)
            payer = _payer(s) or (context if b.bullet else None)
            if (s.rstrip().endswith(":") or heading) and not amounts and _FINANCE.search(s):
                context = _payer(s) or giver
            either = _EITHER_PAYER.match(s)
            if either and not amounts:
                entries.append(_either_entry(either.group("payer"), s))
            if not amounts or not (_FINANCE.search(s) or (b.bullet and context)):
                continue
            for k, a in enumerate(amounts):
                segment = s[a.end:amounts[k + 1].start if k + 1 < len(amounts) else len(s)]
                if re.match(r"^\s*(?:kr|kronor)?\s*/\s*mån", segment) and "(" in s[:a.start]:
                    continue  # a rate inside a parenthesis, not a contribution
                # "lokaler och ideella insatser motsvarande 300 tkr": a value put on a contribution in kind
                kind = "in_kind" if _VALUED.search(s[max(0, a.start - 40):a.start]) else "cash"
                entry = _entry(f, payer, a.kronor, segment, s[:amounts[0].start], s, b, kind)
                if entry is None:
                    continue
                before = s[max(0, a.start - 30):a.start]
                if _TOTAL.search(before) and any(e.get("per") != "period" and e.get("source") == s for e in entries):
                    # "640 000 kronor per år, sammanlagt 1 920 000 kronor under löptiden": the sum of the
                    # yearly amount, not another contribution
                    continue
                if _CAP.search(before):  # "dock högst 200 000 kr", "upp till fyra miljoner kronor": a ceiling
                    entry["cap"] = True
                if _APPROX.search(before):  # "cirka 90 000 kr", "drygt 14 miljoner"
                    entry["approximate"] = True
                if kind == "cash" and (_SERVICE.search(s) or entry["per"] in _SERVICE_UNITS):
                    entry["basis"] = "service"  # "ersätter stiftelsen med … per plats och dygn"
                entries.append(entry)
        _in_kind(f, b, entries)
    entries = _without_repeats(f, entries)
    _by_budget(f, entries)
    _listed_resources(f, entries)
    _both_finance(f, entries)
    f.items["funding"] = entries


_TOTAL = re.compile(r"(?<!\w)(?:sammanlagt|totalt|sammantaget|alltså|det\s+vill\s+säga)\s*$", re.IGNORECASE)


def _without_repeats(f: Findings, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One contribution stated twice (a memo's proposal, then the agreement's own clause) is one entry:
    the same amount, unit, kind and span, and payers that are the same party or one not identified."""
    out: list[dict[str, Any]] = []
    for e in entries:
        key = (e.get("amount"), e.get("per"), e["kind"], str(e.get("covers")))
        known = lambda p: bool(p) and any(q.id == p for q in f.parties)  # noqa: E731
        twin = next((o for o in out if e.get("amount") is not None and key == (
            o.get("amount"), o.get("per"), o["kind"], str(o.get("covers"))) and o.get("source") != e.get("source")
            and (o["payer"] == e["payer"] or not known(o["payer"]) or not known(e["payer"]))), None)
        if twin is None:
            out.append(e)
        elif known(e["payer"]) and not known(twin["payer"]):
            out[out.index(twin)] = e
    return out


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


_INVERTED = re.compile(r"\b(?:betalar|bidrar|ersätter|tillskjuter|finansierar|beviljar|står)\s+(?P<who>kommunen|regionen|staden|"
                       r"föreningen|stiftelsen|[A-ZÅÄÖ][\wåäöÅÄÖ-]+\s+(?:kommun|stad)|Region\s+[A-ZÅÄÖ][\wåäö-]+)\b")


def _payer(s: str) -> str | None:
    s = re.sub(r"^\d{1,2}(?:\.\d{1,2})+\s+", "", s)  # "4.1 Kommunen betalar …": the clause's number is no payer
    m = _PAYER.search(s)
    if not m:
        inverted = _INVERTED.search(s)  # "För varje placering … betalar kommunen därutöver 38 500 kronor"
        return inverted.group("who") if inverted else None
    payer = (m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e")).strip()
    # Swedish puts a time or a linking word first: "För 2024 beviljar kommunen …", "Därutöver bidrar …";
    # "Om partnerskapet bidrar …" is a supposition, not a payer
    if m.group("c") and (_FRONTED.match(payer) or re.search(r"\d", payer) or _NOT_A_PAYER.match(payer)):
        inverted = _INVERTED.search(s) if _FRONTED.match(payer) else None  # "För varje placering betalar kommunen …"
        return inverted.group("who") if inverted else None
    return payer


_FOR_YEAR = re.compile(r"\b(?:för|under|avseende)\s+((?:19|20)\d\d)(?![\d-])")


def _for_year(s: str) -> tuple[int, int, str] | None:
    """`för 2025`: the one calendar year a sum is stated for (only to tell history from this agreement)."""
    m = _FOR_YEAR.search(s)
    return (int(m.group(1)), int(m.group(1)), m.group(0)) if m else None


def _entry(f: Findings, payer: str | None, kronor: int, segment: str, prefix: str, s: str, b: Block,
           kind: str = "cash") -> dict[str, Any] | None:
    span = year_span(prefix) or year_span(segment) or _for_year(s)
    began = f.value("period.start")
    if span and began and span[1] < began.year and not find_ranges(segment):
        # "ett tillfälligt bidrag … om 150 000 kronor för 2025" in a memo for 2026–2027: history, not this agreement
        f.note(f"finansiering: {kronor} kr avser {span[0]}–{span[1]}, före avtalsperioden; inte medtaget: \"{s[:160]}\"")
        return None
    per = next((name for rx, name in _PER if rx.search(segment)), "period")
    if per == "period" and re.search(r"\b(?:årligen|per\s+år|varje\s+år)\s*\.?$", prefix + " " + segment[:0], re.I):
        per = "year"
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


#: A party's name over the list of what it brings: "Kommunen bidrar med", "Föreningen bidrar med:", "Kretsens insats".
_PARTY_HEADING = re.compile(r"^(?P<p>[A-ZÅÄÖ][\wåäöÅÄÖ -]{1,60}?)\s+(?:bidrar\s+med|ska\s+bidra\s+med|står\s+för)\s*:?$"
                            r"|^(?P<q>[A-ZÅÄÖ][\wåäöÅÄÖ-]{1,40}?)s\s+(?:insats|insatser|åtagande|åtaganden|bidrag|resurser)\s*:?$")
#: A party giving something that is not money: "Regionen ger dessutom kretsen tillgång till samlingslokalen …".
_GIVES = re.compile(r"^(?P<who>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+(?:ska\s+|skall\s+)?(?:bidrar\s+(?:även\s+|också\s+)?med|"
                    r"står\s+(?:även\s+|också\s+|dessutom\s+)?för|upplåter|ställer\b[^.]{0,80}\btill\s+förfogande|"
                    r"ger\b[^.]{0,40}\btillgång\s+till|lånar\s+(?:\w+\s+)?ut|tillhandahåller|erbjuder\b[^.]{0,60}\butan\s+kostnad)"
                    r"\s*(?P<what>.*)$", re.IGNORECASE)
_CASH_WORDS = re.compile(r"\b(?:medel|kronor|kr\b|bidrag\s+om|finansiering|ersättning|belopp)", re.IGNORECASE)


def _listed_under(f: Findings, at: int, payer: str, entries: list[dict[str, Any]]) -> None:
    """The list under a party's heading: what it brings that is not money is one contribution in kind."""
    items = []
    for b in f.blocks[at + 1:at + 12]:
        if not b.bullet:
            break
        if find_amounts(b.text):
            continue  # money, or a valued contribution: read as an entry of its own
        items.append(b.text)
    if items and not any(e["kind"] == "in_kind" and e["payer"] == payer for e in entries):
        desc = re.sub(r"\s*\([^()]*\)", "", items[0]).strip(" .")
        entries.append({"payer": payer, "kind": "in_kind", "description": desc, "source": items[0]})


def _in_kind(f: Findings, b: Block, entries: list[dict[str, Any]]) -> None:
    """Contributions in kind the text names with a giver: premises, volunteers, voluntary hours."""
    for s in b.sentences:
        g = _GIVES.match(s)
        if g and not lx.PLACEHOLDER.search(s):
            party = f.party(g.group("who")) if len(f.mentioned(g.group("who"))) < 2 else None  # a joint giver stays joint
            what = g.group("what")
            money = [a for a in find_amounts(what) if not _VALUED.search(what[:what.find(a.text)] + " ")
                     and not re.search(r"motsvara\w*\s+(?:cirka\s+|ca\s+)?$", what[:what.find(a.text)])]
            if party and what and not money and not (_CASH_WORDS.search(what) and not re.search(
                    r"ideell|lokal|utrustning|personal|tid\b|timmar|material", what, re.I)):
                if not any(e["kind"] == "in_kind" and e["payer"] == party.id for e in entries):
                    entries.append({"payer": party.id, "kind": "in_kind",
                                    "description": what.strip(" .")[:200] or s, "source": s})
                continue
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
