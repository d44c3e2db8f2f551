"""A steering group's members in prose: each person's party, and the seats a phrase counts.

"socialchefen, enhetschefen för barn och unga och föreningens ordförande": each person's party from a party
named in the words, a generic one (`föreningens`), or an office only one side holds.  "två företrädare för
vardera parten" is two members of every party; "en från varje förening" one of each association.  A person
no party can be read for, or a phrase that names two parties at once, makes the list partial: then nothing
is written and the reviewer is told, since a wrong member is worse than a missing one.
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import PUBLIC_NAME, Findings, PartyFound
from .memberlines import PERSON, ROLE_START, people
from .seats import body_named, each_seat, labelled_runs, of_each_named, party_runs, seats, without_count
from .swedish import COUNT, parse_count
from .whose import GENERIC_WORD, OFFICIAL, OTHER_BODY, PARTY_END, by_person, grouped, party_of, sides

_PREDICATE = re.compile(r"\s+(?:möts|träffas|ansvarar|följer|sammanträder|ska|skall|som\s+(?!är\b)|leder|har|samlas|ses|"
                        r"utses|ingår|sitter|\d+\s+möten|\d+\s+gånger)\b.*$", re.IGNORECASE)
_ALL = r"(?:var\s+och\s+en\s+av\s+|vardera\s+av\s+)?(?:alla|båda|bägge|samtliga|de)?\s*(?:\w+\s+)?(?:parterna|parter|partnerorganisationerna)"
_EACH_PARTY = re.compile(r"(?:^|\b(?:för|från|av|ur)\s+|\b(?=per\s))(?:" + lx.alt(lx.EACH_PARTY_WORDS) + "|" + _ALL + r")\b"
                         r"|^(?:båda\s+|bägge\s+|samtliga\s+)?parternas\b", re.IGNORECASE)


def members_in_prose(f: Findings, who: str, s: str) -> list[dict[str, Any]]:
    """`socialchefen, enhetschefen för barn och unga och föreningens ordförande och verksamhetsansvarig`:
    each person's party, from a party named in the words, a generic one (`föreningens`), or an official's
    title (the public side, when it is one party).  A person no party can be read for makes the list partial:
    then nothing is written and the reviewer is told."""
    labelled = labelled_runs(f, who.strip()) or party_runs(f, people(who))  # "Från kommunen: Anna Berg, … Från föreningen: …"
    if labelled:
        return labelled
    who = _CHOSEN_BY.sub("", _PASSIVE.sub(r"\g<n> från ", who))  # "två tjänstepersoner som socialchefen utser samt …"
    who = _breakdown(f, _PREDICATE.sub("", who).rstrip(" ."))
    parties = sides(f)
    m = _EACH_PARTY.search(who)
    rest = who[m.end():] if m else ""  # "en för varje förening, en för kommunen och …": the rest are read one by one below
    # "två företrädare för vardera parten", "fyra ledamöter, två från vardera part"
    if m and not _names_a_party(f, who[:m.start()]) and not _MORE_SEATS.match(rest):
        counted = who[:m.end()].split(",")[-1]  # "två från vardera part": the count nearest the party, no title stated
        said_role = who[:m.start()].split(",")[-1].strip()
        role = None if parse_count(said_role) else without_count(said_role)
        each: list[dict[str, Any]] = [{"party": p.id, "role": role} if role else {"party": p.id}
                                      for p in _covered(f, m.group(0)) for _ in range(seats(counted))]
        extra = re.search(r"\bsamt\s+(?:en|ett)\s+([a-zåäö][\wåäö ]{2,40}?)\s*\.?$", who)  # "… samt en oberoende invånare"
        return each + ([{"party": extra.group(1)}] if extra else [])
    named = of_each_named(f, who) or grouped(f, who) or office_groups(f, who) or by_person(f, who) or _semicolon_lines(f, who)
    if named:
        return named
    publics = [p for p in parties if p.role == "public"]
    ideas = [p for p in parties if p.role == "idea_based"]
    out: list[dict[str, Any]] = []
    previous: str | None = None
    for seg in people(who):
        seg = re.sub(r"^(?:och|samt)\s+", "", seg.strip())
        if not seg:
            continue
        held = _HELD_FOR.search(seg)
        body = body_named(f, held.group("who")) if held else None
        if body and body.casefold() == held.group("who").strip(" .").casefold():  # type: ignore[union-attr]
            out.extend({"party": body, "role": seg} for _ in range(seats(seg)))  # "en för kommunala pensionärsrådet"
            previous = None
            continue
        party = party_of(f, seg, publics)
        each_of = _EACH_PARTY.search(seg)
        if party is None and each_of and not _names_a_party(f, seg[:each_of.start()]):  # "… och en från vardera förening"
            out.extend(seat for p in _covered(f, each_of.group(0)) for seat in each_seat(p.id, seg[:each_of.start()]))
            previous = None
            continue
        if party is None and re.search(r"\b(?:föreningarna|organisationerna|de\s+idéburna)\b", seg, re.I) and len(ideas) > 1:
            out.extend({"party": p.id, "role": seg} for p in ideas)  # "ordförandena i de två föreningarna"
            previous = None
            continue
        if party is None and previous and re.fullmatch(r"[a-zåäö][a-zåäö -]{2,40}", seg) and not OFFICIAL.search(seg) \
                and not OTHER_BODY.search(seg) and not re.search(r"\b(?:från|för|ur|av|hos|vid|inom)\s", seg):
            party = previous  # "föreningens ordförande och verksamhetsansvarig"
        if party is None and out and re.fullmatch(r"[A-ZÅÄÖ][\wåäö-]+", seg) and not OTHER_BODY.search(seg):
            continue  # "rektorerna för Råslätts skola och Öxnehagaskolan": the name goes on, no new member
        if out and previous and PERSON.fullmatch(seg) and not f.mentioned(seg):
            continue  # "enhetschefen för fritid, Anna Berg, och …": the name of the member just read
        if party is not None and _two_sides(f, seg):
            f.note(f"styrgrupp: \"{seg}\" nämner flera parter; ange ledamöterna själv (\"{s[:160]}\")")
            return []
        body = body_named(f, seg) if party is None and not _names_a_party(f, seg) else None
        if body:  # "kommunpolisen i Norrköping": a member for a body that is no party, under the body's name
            out.extend({"party": body, "role": seg} for _ in range(seats(seg)))
            previous = None
            continue
        if party is None:
            f.note(f"styrgrupp: \"{seg}\" nämner ingen part som går att läsa; ange ledamöterna själv (\"{s[:160]}\")")
            return []
        out.extend(each_seat(party, seg))
        previous = party
    return out


_MORE_SEATS = re.compile(r"\s*(?:,|och\b|samt\s+(?!(?:en|ett)\s+[a-zåäö][\wåäö ]{2,40}?\s*\.?$))", re.IGNORECASE)
_HELD_FOR = re.compile(r"\b(?:från|för|ur)\s+(?P<who>.+)$", re.IGNORECASE)
#: "som socialchefen utser": who picks a seat, a clause inside the list, not its end.
_CHOSEN_BY = re.compile(r"\s+som\s+(?:\w+\s+){0,3}?(?:utser|utsett|väljer|valt|nominerar|nominerat|anställer|anställt|"
                        r"utses\s+av\s+\w+|väljs\s+av\s+\w+)(?=\s*(?:,|\bsamt\b|\boch\b|$))", re.IGNORECASE)
#: "tre utses av kommunen": seats appointed by a party, said in the passive.
_PASSIVE = re.compile(rf"(?P<n>\b(?:{COUNT}))\s+(?:ska\s+|skall\s+)?(?:utses|nomineras|tillsätts|väljs|är\s+utsedda)\s+(?:av|från)\s+",
                      re.IGNORECASE)
_ASIDE = re.compile(rf",\s*varav\s+(?:{COUNT})\s+[^,]+(?=,|$)", re.IGNORECASE)


def _semicolon_lines(f: Findings, who: str) -> list[dict[str, Any]] | None:
    """`Socialchef, Lunds kommun; Verksamhetschef, Föreningen Bro`: a list set on one line, a member between semicolons."""
    chunks = [c.strip(" .") for c in who.split(";") if c.strip(" .")]
    if len(chunks) < 2:
        return None
    out = []
    for chunk in chunks:
        last = chunk.rsplit(",", 1)
        party = f.party(last[-1]) if len(last) == 2 else None
        if party is None or party.role == "funder":
            return None
        out.extend(each_seat(party.id, last[0].strip()))
    return out


def _names_a_party(f: Findings, text: str) -> bool:
    return bool(f.mentioned(text) or GENERIC_WORD.search(text))


def _covered(f: Findings, each: str) -> list[PartyFound]:
    """The parties "för vardera parten" covers: every side; "från varje förening" only the associations."""
    if re.search(r"förening|idéburen", each, re.IGNORECASE):
        return [p for p in sides(f) if p.role == "idea_based"]
    return sides(f)


def _two_sides(f: Findings, seg: str) -> bool:
    """A segment that names two parties is two members read as one: the list was not split where it should be."""
    named = {p.id for _, p in f.mentioned(seg)}
    for w in GENERIC_WORD.finditer(seg):
        ref = f.party(w.group(0).lower()[:-1] if re.search(r"(?:ens|ets)$", w.group(0)) else w.group(0))
        if ref:
            named.add(ref.id)
    return len(named) > 1


_TOTAL = re.compile(rf"^(?:{lx.alt(lx.SUM_WORDS)}\s+)?(?:{COUNT})\s+[\wåäö]+\s*(?::|,\s*varav|,)\s*(?=(?:{COUNT})\s)", re.IGNORECASE)


def _breakdown(f: Findings, who: str) -> str:
    """The members as counted one by one: "fyra ledamöter: två utsedda av kommunen och två av föreningen" without
    the total, "två för kommunen (enhetschef och samordnare)" without the titles that only name the two seats."""
    who = _ASIDE.sub("", _TOTAL.sub("", who))  # "två från kommunen, varav en chef, och …": the two, counted once
    return re.sub(r"\s*\(([^()]{1,120})\)", lambda m: m.group(0) if f.mentioned(m.group(1)) or GENERIC_WORD.search(m.group(1))
                  or PUBLIC_NAME.search(m.group(1)) else "", who)


_OFFICE_LIST = re.compile(r",\s*|\s+(?:och|samt)\s+")
_SEAT_WORD = lx.cue(lx.STEERING_SEATS)


def _party_ends(f: Findings, text: str) -> list[re.Match[str]]:
    """Each `från <party>` closing a group, tried at every `från`/`för` ("enhetschefen för X från kommunen": the second)."""
    starts = (m.start() for m in re.finditer(r"\b(?:från|för)\s", text, re.IGNORECASE))
    return [m for m in (PARTY_END.match(text, at) for at in starts) if m and f.party(m.group("party"))]


def office_groups(f: Findings, who: str) -> list[dict[str, Any]] | None:
    """`Kulturchef och kulturarvsstrateg från kommunen, ordförande och sekreterare från gillet`: offices named in
    groups, each group closed by its party; one member an office.  None unless every group ends in a party and
    each of its pieces is a short office that names no other party."""
    cuts = sorted({m.end() for m in _party_ends(f, who)})
    if not cuts or who[cuts[-1]:].strip(" .,;"):
        return None
    out: list[dict[str, Any]] = []
    for a, b in zip([0, *cuts], cuts):
        group = re.sub(r"^(?:och|samt)\s+", "", who[a:b].strip(" ,;"))
        m = _party_ends(f, group)[-1]
        party = f.party(m.group("party"))
        offices = [o for o in _OFFICE_LIST.split(group[:m.start()].strip(" ,")) if o.strip()]
        if party is None or party.role == "funder" or not offices:
            return None
        for office in offices:
            if len(office.split()) > 5 or _names_a_party(f, office) or PERSON.search(office) \
                    or not (ROLE_START.search(office) or _SEAT_WORD.search(office)):
                return None
            out.extend(each_seat(party.id, office.strip()))
    return out if len({m["party"] for m in out}) >= 2 else None



