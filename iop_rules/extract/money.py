"""Money: funding entries, cash and in kind, and who pays them (the budget and the payments have modules of their own)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import lexicon as lx
from .found import Findings, join_quotes, names_other_kind, role_of
from .budget import budget_financing, budget_span, extract_budget, extract_budget_increase  # noqa: F401  (steps of extract)
from .payment import extract_payment  # noqa: F401  (a step of extract: the steps are listed by module)
from .moneycheck import OWN_COSTS, not_a_contribution, not_a_party, without_installments, without_rate_ceilings, without_repeats, without_totals
from .moneytables import month_spans, year_table_funding
from .swedish import find_amounts, find_ranges, norm_name, year_span
from .inkind import both_finance, in_kind_of, listed_resources, names_a_resource, unnumbered
from .payers import (PROPOSED_RECEIPT, announced, organ_owner, contribution_table, introduces, is_party_heading, labelled_payer,
                     lists_contributions, named_parties, others_named, party_gives, payer_of, row_giver, unnamed_payer)
from .text import Block, is_heading

_FINANCE_WORDS = lx.cue(lx.FINANCE_WORDS)
#: A compound of `bidrag` (`engångsbidrag`, `startbidrag`, `tilläggsbidraget`): a grant whatever its first part.
_COMPOUND_GRANT = re.compile(r"(?<!\w)[a-zåäö]{3,}bidrag(?:et|en|s)?(?!\w)", re.IGNORECASE)


def _finance(text: str) -> bool:
    """Whether a sentence with an amount is a funding sentence: a word of the lexicon's, or a compound of `bidrag`."""
    return bool(_FINANCE_WORDS.search(text) or _COMPOUND_GRANT.search(text))
_PER_WORDS = re.compile(r"^\s*(?:kr|kronor|:-)?\s*per\s+(?P<w>[a-zåäö]+(?:\s+[a-zåäö]+){0,2})", re.IGNORECASE)
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
_SANCTION = lx.cue(lx.SANCTION_WORDS)
#: "en ansvarsförsäkring som täcker skador upp till 10 miljoner kronor", "en självrisk om 5 000 kronor": what an insurance pays
_INSURED = re.compile(r"(?<!\w)" + lx.alt(lx.INSURANCE_WORDS) + r"(?:\s+som)?(?:\s+(?:täcker|gäller|omfattar|ersätter|med|om|på))?[^.;\d]{0,50}$",
                      re.IGNORECASE)
_GRANTED = lx.cue(lx.GRANTED_WORDS)
_BREAKDOWN = lx.cue(lx.BREAKDOWN_WORDS)
_PER_ANYWHERE = [(re.compile(r"(?<!\w)" + lx.alt([phrase]), re.I), unit) for unit, ps in lx.PER_UNITS.items() for phrase in ps]


def extract_funding(f: Findings) -> None:
    entries: list[dict[str, Any]] = []
    context: tuple[str, bool] | None = None  # the giver an introducing line named; whether its list is of contributions
    section: str | None = None  # the giver a heading announces (`Kommunens åtaganden`), until the next heading
    lists = False  # whether that heading's items are contributions whatever their words (`Kommunens insats`)
    under = False  # under a list of contributions, a giver named alone (`### Kommunen`, `Kommunen:`): items naming a resource
    budget = budget_span(f)
    table = False  # inside a table of what each party brings (`| Part | Bidrag | Belopp |`)
    years_under = False  # under a header `År  Bidrag till föreningsrådet`: rows `2026  850 tkr`
    held = False  # under a line that ends in a colon and names a giver (`Kommunens bidrag:`), lines not bulleted
    unit, intro_payer = 1, None  # that header's unit (`Bidrag, tkr`); the payer of a sentence over it ending in `:`
    for i, b in enumerate(f.blocks):
        table = contribution_table(b, f.blocks[i - 1] if i else None, table)
        if b.heading or is_heading(b) or (not b.bullet and not b.cells and is_party_heading(b.text)):
            alone = f.party(unnumbered(b.text).strip(" :")) if b.words <= 6 else None
            if alone:  # "### Jönköpings kommun" under "## Vad parterna bidrar med": the parent's list, this giver's
                section, under = alone.id, lists
                lists = False
            else:
                under = False
                section = announced(f, b.text)
                lists = lists_contributions(b.text)  # "Kommunens insats" lists what it gives; "Kommunens åtaganden" what it does
        item = b.bullet or (held and _held_item(b))  # "Kommunens bidrag:" over "För år 2027: 420 000 kronor.": an item
        if not item:
            context = None
        year_row = _YEAR_ROW.fullmatch(b.text.strip())
        if year_row and years_under and (section or context or intro_payer):
            _year_entry(f, year_row, section or (context[0] if context else intro_payer), b, entries, unit)
            continue
        if _YEAR_HEADER.match(b.text) and _finance(b.text):
            unit = 1000 if _THOUSANDS.search(b.text) else 1
            intro_payer = _intro_payer(entries, f.blocks[i - 1] if i else None)
        years_under = bool(_YEAR_HEADER.match(b.text) and _finance(b.text)) or bool(year_row and years_under)
        if i in budget and not _finance(b.text):
            continue
        giver = row_giver(f, b) if table else None
        for s in b.sentences:
            clause = _new_wording(unnumbered(s))
            amounts = find_amounts(clause)
            if not amounts and not item and (clause.endswith(":") or len(clause) < 120):
                context = introduces(f, clause) or context
                if context and lists and f.party(clause.strip(" :")):
                    under = True  # "Kommunen:" under "Vad parterna bidrar med": its items that name a resource
            either = _EITHER_PAYER.match(clause) if not amounts else None
            if either:
                entries.append(_either_entry(either.group("payer"), s))
            if not amounts or not (_finance(clause) or (item and context) or giver or party_gives(f, clause)
                                   or PROPOSED_RECEIPT.search(clause[:amounts[0].start])):
                continue
            payer = giver or payer_of(f, clause, amounts[0].start) or (context[0] if item and context else None)
            if payer is None and section and not others_named(f, clause, section):
                payer = section  # under "Kommunens åtaganden": "bidra med 450 000 kronor per år"
            payer = payer or labelled_payer(f, clause, amounts[0].start) or unnamed_payer(f, clause, amounts[0].start)
            _amounts(f, clause, s, amounts, payer, b, entries)
        listing = bool(giver or (item and context and context[1])
                       or (item and (section or context) and (lists or names_a_resource(b.text, anywhere=under))))
        giver = giver or (context[0] if item and context else None) or (section if b.bullet else None)
        held = bool(context) and not b.bullet and (b.text.rstrip().endswith(":") or item)
        in_kind_of(f, b, giver, entries, listing)
    year_table_funding(f, entries)
    _financing_lines(f, entries)
    entries = without_rate_ceilings(f, without_totals(f, without_installments(without_repeats(f, entries))))
    _by_budget(f, entries)
    listed_resources(f, entries)
    both_finance(f, entries)
    f.items["funding"] = entries


_NEW_WORDING = re.compile(r"^[^:]{0,160}?" + lx.alt(lx.AMENDMENT_CUES) + r"[^:]{0,40}:\s*(?=[A-ZÅÄÖ\"”])", re.IGNORECASE)


def _new_wording(clause: str) -> str:
    """`Punkt 5 ändras och får följande lydelse: Kommunens bidrag …`: an amendment's new wording is the clause."""
    m = _NEW_WORDING.match(clause)
    return clause[m.end():].strip("\"” ") if m and not find_amounts(clause[:m.end()]) else clause


def _amounts(f: Findings, clause: str, s: str, amounts: list[Any], payer: str | None, b: Block,
             entries: list[dict[str, Any]]) -> None:
    """The entries of one funding sentence: each amount that is a contribution of this agreement."""
    if _APPLIED.search(clause) and not _GRANTED.search(clause):  # "Föreningen söker 500 000 kronor från Arvsfonden"
        f.note(f"finansiering: sökta medel, inte beviljade; inte medtaget: \"{s[:160]}\"")
        return
    if _SANCTION.search(clause) or _INSURED.search(clause[:amounts[0].start]):  # "åläggas att betala en upphandlingsskadeavgift om 4 000 000 kronor"
        f.note(f"finansiering: en avgift eller ett skadestånd, inte ett bidrag; inte medtaget: \"{s[:160]}\"")
        return
    if _HISTORY.search(clause):
        f.note(f"finansiering: beskriver det som varit, inte avtalets medel; inte medtaget: \"{s[:160]}\"")
        return
    for k, a in enumerate(amounts):
        segment = clause[a.end:amounts[k + 1].start if k + 1 < len(amounts) else len(clause)]
        if k + 1 < len(amounts) and segment.strip() == "(" and amounts[k + 1].kronor == a.kronor:
            # "sjuhundrafemtiotusen kronor (750 000 kr) per år": the figure repeats the words; its unit follows it
            after = amounts[k + 1].end
            segment = clause[after:amounts[k + 2].start if k + 2 < len(amounts) else len(clause)].lstrip(" )")
        if re.match(r"^\s*(?:kr|kronor)?\s*/\s*mån", segment) and "(" in clause[:a.start]:
            continue  # a rate inside a parenthesis, not a contribution
        if k and _BREAKDOWN.search(clause[amounts[0].end:a.start]):
            continue  # "420 000 kronor per år, varav 260 000 kronor till …": a part of the first amount
        between = clause[amounts[k - 1].end:a.start] if k else ""
        if k and ("(" in between or _VALUED.search(between)) and len(between) < 40 and not _KIND.search(between):
            continue  # "40 000 kronor per månad (480 000 kronor per år)", "…, motsvarande 480 000 kronor per år": restated
        if _RATE.search(clause[max(0, a.start - 4):a.start]):
            continue  # "1 000 timmar à 250 kr": a unit price, not a contribution
        if not_a_contribution(clause, amounts, k):
            continue
        # "lokaler och ideella insatser motsvarande 300 tkr": a value put on a contribution in kind;
        # "300 000 kronor i form av lokaler och personal": money's worth given in kind
        kind = "in_kind" if (_VALUED.search(clause[max(0, a.start - 40):a.start]) or _IN_FORM.match(segment)
                             or _IN_FORM_BEFORE.search(clause[amounts[k - 1].end if k else 0:a.start])) else "cash"
        lead = clause[amounts[k - 1].end if k else 0:a.start]
        if k:  # after another amount: its own unit ("… kronor per år och …") is not this one's
            lead = next((rx.sub("", lead, count=1) for rx, _ in _PER if rx.search(lead)), lead)
        own = (segment if k + 1 == len(amounts) else _OWN_END.split(segment, maxsplit=1)[0], _OWN_START.split(lead)[-1] if k else "")
        entry = _entry(f, payer, a.kronor, segment, clause[:amounts[0].start], s, b, kind, lead, own)
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


_PAID_YEARLY = re.compile(r"^[^.;]{0,25}?(?<!\w)(?:betalas|utbetalas|betalas\s+ut|faktureras)\s+(?:ut\s+)?(?:" + lx.alt(lx.YEARLY_PAYMENT)
                          + r")", re.IGNORECASE)
#: Where the words after an amount stop being its own when another amount follows, and where those before it start.
_OWN_END = re.compile(r"[,;]|\s(?:men|dock|medan)\s", re.IGNORECASE)
_OWN_START = re.compile(r"[,;]")
_EACH = lx.cue(lx.EACH_WORDS)


def _each(f: Findings, entry: dict[str, Any], clause: str) -> list[dict[str, Any]]:
    """`Avesta kommun och Region Dalarna bidrar vardera med 150 000 kronor`: one entry for each payer."""
    named = [p for p in named_parties(f, str(entry.get("payer") or "")) if f.party(p)] if _EACH.search(clause) else []
    if len(named) < 2:
        return [entry]
    return [{**{k: v for k, v in entry.items() if k != "side"}, "payer": p} for p in named]


_YEAR_HEADER = re.compile(r"^(?:år|period|verksamhetsår|budgetår)\b", re.IGNORECASE)
#: `2026    850 tkr`, `2025 (maj–dec)   600 000` under `År   Bidrag (kr)`: a year, the months of it, its amount.
_YEAR_ROW = re.compile(r"(?:år\s+)?(?P<year>(?:19|20)\d\d)(?:\s*\([^()\d]{1,30}\))?\s*[:|]?\s*"
                       r"(?P<amount>\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d{1,2})?(?:\s*(?:kr|kronor|tkr|mnkr|mkr|sek|:-))?)\.?", re.IGNORECASE)
_THOUSANDS = re.compile(r"\b(?:tkr|tusen\s+kronor|tusentals\s+kronor)\b", re.IGNORECASE)


def _year_entry(f: Findings, row: re.Match[str], payer: str | None, b: Block, entries: list[dict[str, Any]], unit: int = 1) -> None:
    """A row of a table of the contribution year by year (`2026    850 tkr`): the year's amount; a bare figure
    (`600 000`) in the unit of the header (`Bidrag (kr)`, `Belopp, tkr`)."""
    amounts = find_amounts(row.group("amount"))
    figure = row.group("amount").strip()
    kronor = amounts[0].kronor if len(amounts) == 1 else int(re.sub(r"\D", "", figure)) * unit if re.fullmatch(r"[\d \u00a0]+", figure) else None
    if kronor is None or kronor < 1000:
        return
    entry = _entry(f, payer, kronor, "", "år " + row.group(0)[row.start("year") - row.start():row.start("amount") - row.start()], b.text, b)
    if entry:
        entries.append(entry)


def _held_item(b: Block) -> bool:
    """A short line, not a heading, that may be an item of the label over it (`För år 2027: 420 000 kronor.`)."""
    return b.words <= 14 and not b.heading and not is_heading(b) and not b.cells


def _intro_payer(entries: list[dict[str, Any]], above: Block | None) -> str | None:
    """`Nämnden bidrar med sammanlagt 2,7 mnkr enligt följande fördelning:` over a table of years: its payer pays the rows."""
    if above is None or not above.text.rstrip().endswith(":"):
        return None
    return next((e["payer"] for e in reversed(entries) if e.get("source") in above.sentences and e["kind"] == "cash"), None)


def _per_before(text: str) -> str:
    """What a valued contribution is for when the thing valued says it: `1 200 ideella timmar per år`."""
    units = {unit for rx, unit in _PER_ANYWHERE if rx.search(text)}
    return units.pop() if len(units) == 1 else "period"


_TOTAL = re.compile(r"(?<!\w)(?:sammanlagt|totalt|sammantaget|alltså|det\s+vill\s+säga)\s*$", re.IGNORECASE)


# `Socialförvaltningen och/eller Kultur och fritidsförvaltningen ska bidra … med finansiering`: a payer
# that is not one party.  Kept as written, without an amount, so the reviewer and IOP-FIN-06 see it.
_EITHER_PAYER = re.compile(r"^(?P<payer>[A-ZÅÄÖ][^,.:;]{1,80}?\s+(?:och/eller|eller)\s+[^,.:;]{2,80}?)\s+"
                           r"(?:ska|skall|kommer\s+att)\s+(?:bidra|finansiera|betala)\b[^.]{0,80}?\b(?:finansiering|medel|"
                           r"ekonomiskt)", re.IGNORECASE)


def _either_entry(payer: str, s: str) -> dict[str, Any]:
    return {"payer": payer.strip(), "side": "public" if role_of(payer) == "public" else None, "kind": "cash",
            "description": "betalare enligt texten, inte en enda part", "source": s}


#: `för 2025`, `under 2026 och 2027`, `för sommarlägret 2026`, `för hösten 2026`: a definite noun may stand before the year.
_FOR_YEAR = re.compile(r"\b(?:för|under|avseende|mellan|åren)\s+(?:[a-zåäö]{3,}(?:et|en)\s+)?((?:19|20)\d\d)"
                       r"(?:\s*(?:[-–]|och|till)\s*((?:19|20)\d\d))?(?![\d-])", re.IGNORECASE)


def _for_year(s: str) -> tuple[int, int, str] | None:
    """`för 2025`, `under 2026 och 2027`: the calendar years a sum is stated for."""
    m = _FOR_YEAR.search(s)
    if not m:
        return None
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    return (first, last, m.group(0)) if last >= first else None


_YEAR_AFTER = re.compile(r"^\s*(?:kr|kronor|:-)?\s*(?:för\s+|under\s+)?(?:år\s+)?((?:19|20)\d\d)(?![\d–-])", re.I)
_BODY_OF = re.compile(r"^(?:[A-ZÅÄÖ][\wåäö -]{0,60}?(?:nämnden|nämnd|förvaltningen)|Kommunstyrelsen|Regionstyrelsen)$")
_FRONTED_SPAN = re.compile(r"^\s*(?:för|under)\s+(?:perioden|tiden|förlängningsperioden|avtalsperioden)?\s*(?:från\s+|den\s+)?$", re.I)
#: A contribution noun with the year it is of: `bidraget 2025`, `stödet för år 2024`.
_NOUN_YEAR = re.compile(r"(?<!\w)(?:bidrag|ersättning|stöd|finansiering|anslag|föreningsbidrag|verksamhetsbidrag)\w*\s+"
                        r"(?:för\s+|under\s+)?(?:år\s+)?((?:19|20)\d\d)(?![\d–-])", re.I)


def _entry(f: Findings, payer: str | None, kronor: int, segment: str, prefix: str, s: str, b: Block,
           kind: str = "cash", lead: str = "", own: tuple[str, str] | None = None) -> dict[str, Any] | None:
    """One funding entry; `own` is what of the text around the amount is its own when others follow or go before it
    (`300 000 kronor per helår, för 2026 dock 225 000 kronor`: the year is the second's): its segment and its lead."""
    own_segment, own_lead = own or (segment, "")
    after = _YEAR_AFTER.match(own_segment)  # "300 000 kronor 2026, 310 000 kronor 2027": the year each is for
    span = year_span(prefix) or year_span(own_segment) or ((int(after.group(1)),) * 2 + (after.group(0),) if after else None) \
        or _for_year(own_lead) or _for_year(s)
    # the term's start, else the document's own date: money of years before it is history either way
    began = f.value("period.start") or f.value("document.date")
    if span and began and span[1] < began.year and not any(r.last >= began for r in find_ranges(segment)):
        # "ett tillfälligt bidrag … om 150 000 kronor för 2025" in a memo for 2026–2027: history, not this agreement
        f.note(f"finansiering: {kronor} kr avser {span[0]}–{span[1]}, före avtalsperioden; inte medtaget: \"{s[:160]}\"")
        return None
    if began and (year := _NOUN_YEAR.search(prefix)) and int(year.group(1)) < began.year and not find_ranges(s):
        # "Kommunens bidrag 2025 var 280 000 kronor" in an agreement from 2026: a figure of a year before it
        f.note(f"finansiering: {kronor} kr avser {year.group(1)}, före avtalsperioden; inte medtaget: \"{s[:160]}\"")
        return None
    per = next((name for rx, name in _PER if rx.search(segment)), "period")
    if per == "period" and (words := _PER_WORDS.match(segment)):  # "per dokumenterad handledningstimme": by a word's end
        per = next((unit for w in words.group("w").lower().split() for end, unit in lx.PER_WORD_ENDINGS.items() if w.endswith(end)),
                   "period")
    if per == "period":  # "Kommunen bidrar årligen med …", "ett årligt bidrag om …", "varje månad med …"
        per = next((unit for rx, unit in _PER_BEFORE if rx.search(lead)), "period")
    if per == "period" and _PAID_YEARLY.search(own_segment):  # "Bidraget om 300 000 kronor betalas ut årligen i januari"
        per = "year"
    entry: dict[str, Any] = {"payer": None, "kind": kind, "amount": kronor, "per": per}
    if payer:
        named = f.mentioned(payer)
        # "X och Y bidrar": a joint payer is kept as written, never narrowed to the first party named
        party = f.party(payer) if len(named) < 2 else None
        public = [p for p in f.parties if p.role == "public"]
        if party is None and len(public) == 1 and len(named) < 2 and _BODY_OF.search(payer.strip()):
            party = public[0]  # "Vård- och omsorgsnämnden avsätter …": a committee of the one public party
        if party is None and (owner := organ_owner(f, payer)):
            party = f.party(owner)  # "Nämnden bidrar med …", "Kultur- och fritidsnämnden, IOP": an organ of the public party
        if party is None and re.search(r"medel|bidrag|stöd|från", s) and re.search(rf"från\s+{re.escape(payer)}", s):
            party = f.add_party("funder", payer, s, b.line)
        publics = [p.name for p in f.parties if p.role == "public"]
        word = payer.casefold()
        if party is None and len(publics) == 1 and word in lx.GENERIC_PUBLIC and names_other_kind(word, norm_name(publics[0])):
            # "Regionen bidrar med 300 000 kronor genom ett separat avtal" in a kommun's agreement: another body's money
            f.note(f"finansiering: {kronor} kr från \"{payer}\", som inte är part; inte medtaget: \"{s[:160]}\"")
            return None
        if party is None and not_a_party(f, payer, named):
            # "Region Skåne bidrar med 300 000 kronor genom ett eget avtal", "Deltagarna betalar en avgift om 100 kronor":
            # money of a body that is no party to this agreement
            f.note(f"finansiering: {kronor} kr från \"{payer}\", som inte är part; inte medtaget: \"{s[:160]}\"")
            return None
        if party is not None and party.role == "idea_based" and OWN_COSTS.search(lead or prefix):
            # "Föreningen betalar en hyra om 6 000 kronor per månad": what the party pays for its activity, not what it gives
            f.note(f"finansiering: {kronor} kr är en kostnad för {party.name}, inte ett bidrag; inte medtaget: \"{s[:160]}\"")
            return None
        entry["payer"] = party.id if party else payer
        if party is None:
            sides = {p.role for _, p in named}
            entry["side"] = sides.pop() if len(sides) == 1 and sides <= {"public", "idea_based"} else (
                "public" if role_of(payer) == "public" else None)
    # "… 300 000 kronor för perioden 2026-01-01–2026-06-30", or fronted: "För perioden 2025-07-01–2026-06-30 lämnar …"
    ranges = find_ranges(own_segment) or [r for r in find_ranges(prefix) if _FRONTED_SPAN.match(prefix[:r.start])] \
        or month_spans(prefix + own_segment)
    span = year_span(prefix) or year_span(own_segment) or ((int(after.group(1)),) * 2 + (after.group(0),) if after else None) \
        or _for_year(own_lead) or _for_year(prefix + own_segment)
    if ranges and began and ranges[0].last < began and not find_ranges(s[s.find(ranges[0].text) + len(ranges[0].text):]):
        # "Enligt huvudavtalet har kommunen lämnat 450 000 kronor per år för perioden maj 2024–augusti 2026", in its extension
        f.note(f"finansiering: {kronor} kr avser tiden före avtalsperioden; inte medtaget: \"{s[:160]}\"")
        return None
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


def _financing_lines(f: Findings, entries: list[dict[str, Any]]) -> None:
    """A budget's financing lines (`Kommunen  120 000`) are contributions, unless the text states them already:
    the same amount from the same payer, or one its stated amounts add up to."""
    for payer, kronor, per, quote in budget_financing(f):
        stated = [e["amount"] for e in entries if e["payer"] == payer and e["kind"] == "cash" and e.get("amount")]
        if kronor in stated or kronor == sum(stated) or any(kronor % a == 0 and kronor // a <= 5 for a in stated):
            continue
        side = {} if f.party(payer) else {"side": role_of(payer)}  # "Föreningarnas kontanta insats": a joint giver as written
        entries.append({"payer": payer, **side, "kind": "cash", "amount": kronor, "per": per, "source": quote})


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
