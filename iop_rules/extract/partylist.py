"""The parties where a text lists them by label ("Idéburen part: …"), and what the section and table readers
(`partysection.py`, `partytables.py`) share: a name cut from its line, its number, its short name.

An agreement names each party once in full, with its organisation number and the short name the
rest of the text uses; that is the place to read a party from.  Each form below is read only where the
text lists parties (under a heading, after a label, in a table whose header names the sides), so a
name in running prose, a contact line ("Föreningen: Anna Berg") or a signature is never taken for one.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from ..facts import luhn_valid  # the one check the rules use too
from .found import IDEA_NAME, PUBLIC_NAME, Findings, PartyFound, role_of
from .swedish import ORG_LABEL_RE, format_org

# "Offentlig part: …", also after the party's other role ("Beställare/offentlig part:")
_LABEL = re.compile(r"^(?:[\wåäö]+\s*/\s*)?(?P<label>" + lx.alt([*lx.PUBLIC_LABELS, *lx.IDEA_LABELS, *lx.FUNDER_LABELS]) +
                    r"|part\s*(?:\d{1,2}|[A-D](?!\w)))\s*[:–-]\s*(?P<name>\S.{0,200})$", re.IGNORECASE)
_ANY_LABEL = re.compile(r"(?<!\w)(?:" + lx.alt([*lx.PUBLIC_LABELS, *lx.IDEA_LABELS, *lx.FUNDER_LABELS]) +
                        r"|part\s*(?:\d{1,2}|[A-D](?!\w)))\s*[:–-]", re.IGNORECASE)
_GENERIC_LABEL = re.compile(r"^(?P<label>" + lx.alt(lx.GENERIC_LABELS) + r")\s*:\s*(?P<name>\S.{0,200})$", re.IGNORECASE)
_DEPARTMENT = re.compile(r"^(?:[\wåäö]+-,?\s+(?:[\wåäö]+-\s+)?och\s+)?[\wåäö-]*(?:nämnd|förvaltning|styrelse|kontor|enhet)\w*\.?$",
                         re.IGNORECASE)
_SIDE_LABEL = re.compile(r"^(?:" + lx.alt([*lx.PUBLIC_LABELS, *lx.IDEA_LABELS, *lx.FUNDER_LABELS]) + r")\s*:?$", re.IGNORECASE)
_ROLE_ONLY = re.compile(r"^(?P<label>" + lx.alt([*lx.PUBLIC_LABELS, *lx.IDEA_LABELS, *lx.FUNDER_LABELS, *lx.GENERIC_LABELS]) +
                        r")\s*:?$", re.IGNORECASE)
_NUMBERING = re.compile(r"^(?:(?:(?:§|artikel|punkt|kapitel|avsnitt)\s*\d{1,2}(?:\.\d{1,2})*[.)]?|\d{1,2}(?:\.\d{1,2})*[.)]?)"
                        r"(?:\s*[–—:-])?\s+|(?:[IVX]{1,4}|[A-H])[.)]\s+)(?=\S)", re.IGNORECASE)
_PARTY_HEADING = re.compile(r"^(?:" + lx.alt(lx.PARTY_HEADINGS) + r")(?:\s+" + lx.alt(lx.PARTY_HEADING_TAILS) + r")?\s*:?$", re.IGNORECASE)
# "Följande parter har ingått denna överenskommelse:", "Överenskommelsen har slutits mellan:": a sentence over the list
_LEAD_IN = re.compile(r"^(?-i:[A-ZÅÄÖ])[^\d:;.]{0,110}(?<!\w)" + lx.alt(lx.PARTY_LIST_CUES) + r"(?:\s[^\d:;.]{0,80})?:$", re.IGNORECASE)
_HEADING_LEAD = re.compile(r"^(?:" + lx.alt(lx.PARTY_HEADINGS) + r")\s*:\s*(?=(?-i:[A-ZÅÄÖ]))", re.IGNORECASE)
_SECTION_START = re.compile(r"^(?:(?:§|artikel|punkt|kapitel)\s*\d{1,2}|\d{1,2}\.?)(?:\s*[–—:-])?\s+[A-ZÅÄÖ]", re.IGNORECASE)
_ALIAS = re.compile(r"(?:(?<=\()\s*|(?<=,\s)|(?<=^)|(?<=\s))(?:" + lx.alt(lx.ALIAS_INTROS) + r")\s*:?\s*[”\"'»“]?"
                    r"(?P<alias>[A-Za-zÅÄÖåäöé][\wåäöÅÄÖé&-]{1,30}(?:\s[\wåäöÅÄÖé-]{1,20})?)[”\"'«“]?\s*(?:\)|[,.;]|$)",
                    re.IGNORECASE)
NON_PROFIT = lx.cue(lx.NON_PROFIT_PHRASES)
_BARE_ORG = re.compile(r"(?<![\d-])(\d{6}\s?[-–]\s?\d{4}|\d{10})(?![\d-])")
_NAME_END = re.compile(r"\s*(?:[;,(]|\s[-–—]\s|\s" + lx.alt(lx.APPOSITION_WORDS) + r"\s|"
                       r"\s(?=(?:organisationsnummer|organisationsnr|org\.?\s?-?nr|orgnr)\b)|\s(?=\d{6}[-–]?\d{4}))",
                       re.IGNORECASE)
_NOT_NAME = re.compile(r"^(?:" + lx.alt(lx.NOT_NAME_STARTS) + r")(?:\s|$)", re.IGNORECASE)
_VERB = re.compile(r"(?<!\w)" + lx.alt(lx.NOT_NAME_WORDS), re.IGNORECASE)
_CONNECTIVE = {"i", "och", "för", "av", "på", "med", "mot", "till", "de", "&", "för", "unga", "barn", "vuxna"}
_NAME_WORD = re.compile(r"^(?:[A-ZÅÄÖÉ0-9][\wåäöéÅÄÖÉ&.!'’-]*|i|och|för|av|på|&|de|med|till|mot|unga|barn|vuxna)$")


def alias_in(text: str) -> str | None:
    m = _ALIAS.search(text)
    return m.group("alias") if m else None


def org_in(text: str) -> str | None:
    m = ORG_LABEL_RE.search(text) or _BARE_ORG.search(text)
    return m.group(1) if m else None


# "Vård- och omsorgsnämnden i Alingsås kommun": the committee acts for the party, the kommun is the party
_COMMITTEE_OF = re.compile(r"^(?:[\wåäö]+-,?\s+(?:[\wåäö]+-\s+)?och\s+)?[\wåäö]*(?:nämnd|förvaltning|kommunstyrelse|regionstyrelse)\w*"
                           r"\s+i\s+(?=[A-ZÅÄÖ].*(?:kommun|stad|[Rr]egion\b))", re.IGNORECASE)


def split_name(raw: str) -> tuple[str, str]:
    """`Vänskapens hus; organisationsnummer 845000-8175` -> (`Vänskapens hus`, the rest)."""
    m = _NAME_END.search(raw)
    name = raw[:m.start()] if m else raw
    return name.strip().rstrip(".:").strip(), (raw[m.start():] if m else "")


def without_committee(name: str) -> str:
    """`Vård- och omsorgsnämnden i Alingsås kommun` in a sentence -> `Alingsås kommun`."""
    return _COMMITTEE_OF.sub("", name)


def looks_like_name(name: str) -> bool:
    """An organisation's name: a capital first, at most eight words, no sentence about the parties."""
    words = name.split()
    return (bool(words) and len(words) <= 8 and name[0].isupper() and not _NOT_NAME.match(name) and not _VERB.search(name)
            and not re.search(r"\d{4}", name) and all(_NAME_WORD.match(w) or w.islower() for w in words)
            and sum(w[0].isupper() for w in words) >= 1 and name.casefold() not in {g.casefold() for g in lx.GENERIC_LABELS})


_GENITIVES = frozenset(w for w in (*lx.GENERIC_PUBLIC, *lx.GENERIC_IDEA) if w.endswith("s"))


def _bare_name(unit: str) -> bool:
    """A line that is only a name ("Brottsofferjouren Huddinge-Botkyrka"): an organisation's, not a heading's."""
    words = unit.rstrip(".").split()
    named = bool(PUBLIC_NAME.search(unit) or IDEA_NAME.search(unit))  # "Lunds kommun", "Vänskapens förening"
    if words and words[0].casefold() in _GENITIVES:  # "Kommunens åtaganden": a heading about a party, not a name
        return False
    return looks_like_name(unit.rstrip(".")) and (len(words) >= 2 or named) and all(
        w[0].isupper() or w in _CONNECTIVE or named for w in words) and len(words) <= 6


def set_org(f: Findings, party: PartyFound, raw: str, quote: str) -> None:
    number = format_org(raw)
    if party.org_number and party.org_number != number:
        f.note(f"{party.name}: två olika organisationsnummer i texten ({party.org_number}, {number}); inget valt")
        party.org_number, party.org_quote = None, None
        return
    party.org_number, party.org_quote = number, quote
    if not luhn_valid(number):
        f.note(f"{party.name}: organisationsnumret {number} klarar inte kontrollsiffran (Luhn); det står så i texten, kontrollera det")


def _role(label: str, name: str) -> str:
    low = label.lower()
    if re.match(r"offentlig|kommunal|den offentliga|kommun|region|stad", low):
        return "public"
    if "finansiär" in low:
        return "funder"
    if low.startswith("part"):  # "Part 1:" says no role
        return role_of(name)
    return "idea_based"


# "Skärholmens stadsdelsnämnd, Stockholms stad, org.nr …": the committee, then the legal person it acts for (convention 9)
_ACTING_BODY = re.compile(r"[\wåäö-]*(?:nämnd|förvaltning|styrelse)\w*$", re.IGNORECASE)
_LEGAL_AFTER = re.compile(r"^,\s*(?P<name>(?-i:(?:" + lx.alt(lx.PLACE_PREFIXES) + r"\s+)?[A-ZÅÄÖ][\wåäö-]+\s+(?:kommun|stad|[Ss]tad)"
                          r"|Region\s+[A-ZÅÄÖ][\wåäö]+(?:\s+" + lx.alt(lx.REGION_SECOND_WORDS) + r")?))(?=\s*(?:[,(;]|$|\s(?:org|nedan)))")


def legal_person(name: str, rest: str) -> tuple[str, str]:
    """`Skärholmens stadsdelsnämnd` before `, Stockholms stad, …` -> (`Stockholms stad`, what follows it)."""
    m = _LEGAL_AFTER.match(rest) if _ACTING_BODY.search(name) else None
    return (m.group("name"), rest[m.end():]) if m else (name, rest)


def declare(f: Findings, role: str, text: str, quote: str, line: int) -> PartyFound | None:
    """One party from its line: `Region Västerbotten, org.nr 232100-0149, genom …, i det följande benämnd Regionen.`"""
    name, rest = legal_person(*split_name(text))
    if not looks_like_name(name):
        return None
    party = f.add_party(role or role_of(name), name, quote, line)
    org = org_in(rest)
    if org:
        set_org(f, party, org, quote)
    alias = alias_in(rest) or _bracketed_alias(name, rest)
    if alias and f.party(alias) in (None, party):
        party.aliases.add(alias)
    if party.role == "idea_based" and NON_PROFIT.search(rest):  # "Föreningen X, 802469-3312 (ideell, ej vinstdrivande)"
        party.non_profit, party.np_quote = True, quote
    return party


# "Kvinnojouren Ronja Uppsala, org.nr 802431-7722 (Ronja)": a word of the name in brackets ending the party's line
_BRACKET_ALIAS = re.compile(r"\((?P<alias>(?-i:[A-ZÅÄÖ])[\wåäöé-]{2,30})\)\s*[.,;]?\s*$")


def _bracketed_alias(name: str, rest: str) -> str | None:
    m = _BRACKET_ALIAS.search(rest)
    alias = m.group("alias") if m else None
    return alias if alias and alias in name.split()[1:] else None


def from_labels(f: Findings) -> None:
    """`Offentlig part: Region Gotland, socialnämnden, org.nr 212000-0803`, `Part 1: …`, anywhere in the text."""
    for b in f.blocks:
        whole = _NUMBERING.sub("", b.text, count=1)
        units = [whole] if _LABEL.match(whole) and len(_ANY_LABEL.findall(whole)) <= 1 and len(whole) <= 200 else \
            [u for s in b.sentences for u in lines_of(s)]  # "Part A: … 212000-1124 Part B: …": lines a copy joined
        for unit in units:
            m = _LABEL.match(unit)
            if m:
                quote = b.text if unit is whole else unit
                party = declare(f, _role(m.group("label"), m.group("name")), m.group("name"), quote, b.line)
                if party and "vinstdrivande" in m.group("label").lower() and party.role == "idea_based":
                    party.non_profit, party.np_quote = True, quote


# Lines a copy joined into one paragraph: a party's line ends at its number or its short name in brackets.
_LINE_END = re.compile(r"(?:(?<=\d{4})|(?<=\)))\s+(?=(?-i:[A-ZÅÄÖ])[\wåäö-]+(?:\s|:))")


# ... or at the short name it gives the party: "…, nedan kallad kommunen Föreningen Bro, org.nr …"
_ALIAS_END = re.compile(r"(?<!\w)" + lx.alt(lx.ALIAS_INTROS) + r"\s*:?\s*[”\"'»“]?[\wåäöÅÄÖé-]{2,30}[”\"'«“]?(?=\s+(?-i:[A-ZÅÄÖ])[\wåäö-]+[\s:,])",
                        re.IGNORECASE)


def lines_of(sentence: str) -> list[str]:
    """A sentence cut where a copy joined a party's line to the next: "… (nedan Distriktet) Distriktet är …"."""
    units = [piece for u in _LINE_END.split(sentence) for piece in _cut_after_alias(u)]
    return [_NUMBERING.sub("", u, count=1).strip() for u in units]


def _cut_after_alias(unit: str) -> list[str]:
    cuts = [m.end() for m in _ALIAS_END.finditer(unit)]
    bounds = [0, *cuts, len(unit)]
    return [unit[a:b].strip() for a, b in zip(bounds, bounds[1:]) if unit[a:b].strip()]
