"""Whose a steering group's member is: a party named, a generic word ("föreningens"), an office only one side holds.

A member is given a party only when the words say whose it is.  With one public party an official's title
(`enhetschef`, `rektor`) is that party's, with one idea-based party an association's office (`ordförande`,
`verksamhetsledare`) is its; a body that is no party (`kommunpolisen`) is nobody's, whatever its name holds.
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import PUBLIC_NAME, Findings, PartyFound

OFFICIAL = re.compile("|".join(map(re.escape, lx.PUBLIC_OFFICES)), re.IGNORECASE)
_IDEA_OFFICE = re.compile("|".join(map(re.escape, lx.IDEA_OFFICES)) + r"|\bordf\b", re.IGNORECASE)
OTHER_BODY = re.compile(r"(?<!\w)" + lx.alt(lx.OTHER_BODIES), re.IGNORECASE)
#: One party's generic word ("föreningens", "kommunen"); a plural ("föreningarna") names several, so is none of them.
GENERIC_WORD = re.compile(r"(?<!\w)" + lx.alt(w for w in (*lx.GENERIC_PUBLIC, *lx.GENERIC_IDEA, "förvaltningen", "förvaltningens")
                                                if w not in lx.GENERIC_IDEA_PLURAL) + r"(?!\w)", re.IGNORECASE)
_PERSON = re.compile(r"\b[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\s+[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\b")
_OF_NAME = re.compile(r"\b(?:från|för|ur|hos)\s+(?P<name>[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]*){0,3})\s*\.?$")
PARTY_END = re.compile(r"\b(?:från|för)\s+(?P<party>[^,;]+?)(?=\s*(?:,|;|\s+och\s|\s+samt\s|\.?$))", re.IGNORECASE)
_GROUP_PARTY = re.compile(r",?\s+(?:från|för)\s+(?P<party>(?:(?!\b(?:och|för|från)\b)[^,])+?)\s*$", re.IGNORECASE)


def sides(f: Findings) -> list[PartyFound]:
    return [p for p in f.parties if p.role in ("public", "idea_based")]


def party_of(f: Findings, seg: str, publics: list[PartyFound]) -> str | None:
    named = f.mentioned(seg)
    if len(named) == 1:
        return named[0][1].id
    short = _OF_NAME.search(seg) if not named else None  # "två för ABF": a party by the start of its name
    party = f.party(short.group("name")) if short else None
    if party is not None and party.role != "funder":
        return party.id
    if OTHER_BODY.search(seg):
        return None  # "kommunpolisen i Norrköping": a body that is no party, whatever its name holds
    generic = GENERIC_WORD.search(seg)
    if generic:
        word = generic.group(0).lower()
        ref = f.party(word[:-1] if re.search(r"(?:ens|ets)$", word) else word)
        if ref:
            return ref.id
        if word.startswith("förvaltning") and len(publics) == 1:
            return publics[0].id
    if (OFFICIAL.search(seg) or PUBLIC_NAME.search(seg)) and len(publics) == 1:
        return publics[0].id
    ideas = [p for p in f.parties if p.role == "idea_based"]
    if _IDEA_OFFICE.search(seg) and len(ideas) == 1:  # "ordförande", "verksamhetsledare": the association's offices
        return ideas[0].id
    return None


def grouped(f: Findings, who: str) -> list[dict[str, Any]] | None:
    """`Eva Strand, chef, och Per Tell, utvecklare, från Regionen samt Birgitta Holm, ordförande, från Distriktet`:
    people named in groups, each group closed by its party; one member a person named."""
    cuts = [m.end() for m in PARTY_END.finditer(who) if f.party(m.group("party"))]  # "… från kommunen, Sven Ek … från föreningen"
    groups = [g for a, b in zip([0, *cuts], [*cuts, len(who)]) for g in re.split(r"\s+samt\s+|;\s*", who[a:b].strip(" ,;"))
              if g.strip(" ,;.")]
    groups = [re.sub(r"^(?:och|samt)\s+", "", g.strip(" ,;")) for g in groups]
    if not groups or not all(_GROUP_PARTY.search(g) for g in groups):
        return None
    out: list[dict[str, Any]] = []
    for g in groups:
        m = _GROUP_PARTY.search(g)
        party = f.party(m.group("party")) if m else None  # type: ignore[union-attr]
        if party is None or party.role == "funder":
            return None
        people = _PERSON.findall(unnamed(f, g[:m.start()]))  # type: ignore[union-attr]
        if not people:
            return None
        out.extend({"party": party.id, "role": person} for person in people)
    return out


def by_person(f: Findings, who: str) -> list[dict[str, Any]] | None:
    """`Anna Berg, enhetschef, Lunds kommun Per Ek, ordförande, Föreningen Bro`: one member a person named,
    each with the party named after the person; None unless every person's party is read."""
    starts = [m.start() for m in _PERSON.finditer(unnamed(f, who, keep_length=True))]
    if not starts:
        return None
    out = []
    publics = [p for p in sides(f) if p.role == "public"]
    for a, b in zip(starts, [*starts[1:], len(who)]):
        chunk = who[a:b].strip(" ,;.")
        party = party_of(f, chunk, publics)
        if party is None:
            return None
        out.append({"party": party, "role": re.sub(r"\s+(?:och|samt)$", "", chunk)})
    return out


def unnamed(f: Findings, text: str, keep_length: bool = False) -> str:
    """The text with the parties' names taken out: "Region Skåne" is no person."""
    for p in f.parties:
        for n in sorted((p.name, *p.aliases), key=len, reverse=True):
            text = re.sub(re.escape(n), lambda m: " " * (len(m.group(0)) if keep_length else 1), text, flags=re.IGNORECASE)
    return text


def short_name(f: Findings, text: str) -> PartyFound | None:
    """`Egen Kraft` for "Föreningen Egen Kraft Västmanland": the one party whose name, its kind word left out, starts so."""
    want = " ".join(text.casefold().split())
    if len(want) < 4:
        return None
    hits = [p for p in sides(f) if re.sub(r"^(?:föreningen|stiftelsen|kooperativet|organisationen)\s+", "", p.name.casefold())
            .startswith(want) and re.sub(r"^\S+\s+", "", p.name.casefold()) != p.name.casefold()]
    return hits[0] if len(hits) == 1 else None
