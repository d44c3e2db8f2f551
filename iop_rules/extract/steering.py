"""The steering group: who sits in it, party by party, and how often it meets.

A group is read only from a forum word (`styrgrupp`, `partnerskapsråd`, …) that is not part of a
party's own name ("Bygdegårdarnas samverkansråd").  Its members are read from a list under a line
ending in a colon, from prose ("med två företrädare för vardera parten", "består av X, Y från
Regionen samt Z från Distriktet"), or from a line under a heading.  Prose read only in part is no
list: then no member is written, and the reviewer is told; a list line with no party is named to the
reviewer, the other lines stand (each is one member).
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import PUBLIC_NAME, Findings, PartyFound
from .swedish import COUNT, MONTHS, parse_count
from .text import Block, is_heading

# A steering group, or a named forum that does its work (RULES.md, IOP-GOV-01); a reference group only advises.
_FORUM_WORDS = lx.alt(form for g in lx.STEERING_GROUPS for form in (g, g + "en", g + "et", g + "ets"))
_FORUM = re.compile(r"(?<!\w)" + _FORUM_WORDS, re.IGNORECASE)
_WHO = re.compile(r"(?:\s+(?!och\b)[\wåäö]+){0,2}?\s+(?:" + lx.alt(lx.STEERING_MEMBERS) + r")\s*:?\s*(?P<who>.+)", re.IGNORECASE)
_WHO_FIRST = re.compile(r"^(?P<who>.+?)\s+(?:utgör|bildar|ingår\s+i|sitter\s+i)\s+(?:en\s+|den\s+)?(?:gemensam\s+)?"
                        + _FORUM_WORDS, re.IGNORECASE)
_IN_FORUM = re.compile(r"\bI\s+" + _FORUM_WORDS + r"\s+(?:ingår|sitter)\s+(?P<who>.+)", re.IGNORECASE)
_MEET_VERB = lx.cue(lx.MEETING_VERBS)
_BACK_WHO = re.compile(r"^(?:den|gruppen|rådet)\s+(?:" + lx.alt(lx.STEERING_MEMBERS) + r")\s*:?\s*(?P<who>.+)", re.IGNORECASE)
_BACKREF = re.compile(r"^(?:den|det|gruppen|rådet|" + _FORUM_WORDS + r")\s|^\S+\s+(?:möten|sammanträden)\b", re.IGNORECASE)


def _masked(f: Findings, s: str) -> str:
    """The sentence with the parties' names blanked, so a name with a forum word in it is no forum."""
    for p in f.parties:
        for n in (p.name, *p.aliases):
            if _FORUM.search(n):
                s = re.sub(re.escape(n), lambda m: "_" * len(m.group(0)), s, flags=re.IGNORECASE)
    return s


def _forum_in(f: Findings, s: str) -> bool:
    return bool(_FORUM.search(_masked(f, s)))


def extract_steering_group(f: Findings) -> None:
    said = [(i, b, s) for i, b in enumerate(f.blocks) for s in b.sentences if _forum_in(f, s)]
    if not said:
        return
    members, quote = _from_list(f, said)
    if quote is None:
        members, quote = _from_prose(f, said)
    if quote is None:
        members, quote = _under_heading(f, said)
    quote = quote or said[0][2]
    _meetings(f, said)
    if not members:
        f.note(f"styrgrupp: vilka parter som ingår kunde inte läsas; ange ledamöterna själv (\"{quote[:160]}\")")
    f.items["steering_group"] = [{"members": members, "source": quote}]


_LIST_CUE = re.compile(r"består|utgörs|ingå|sammansätt|ledamöter|representanter|företrädare|följande\s+(?:funktioner|personer)|"
                       r"bestående|sitter|deltar", re.IGNORECASE)


def _from_list(f: Findings, said: list[tuple[int, Block, str]]) -> tuple[list[dict[str, Any]], str | None]:
    """`Styrgruppen består av:` (or `Den består av:` after the group is named) over one member a line."""
    for i, b, _ in said:
        last = b.sentences[-1] if b.sentences else b.text
        cue = _LIST_CUE.search(last) or len(last.split()) <= 4  # "Styrgrupp:" over its members
        if not b.text.rstrip().endswith(":") or not cue or i + 1 >= len(f.blocks):
            continue
        members: list[dict[str, Any]] = []
        for item in f.blocks[i + 1:i + 16]:
            if not item.bullet and (item.words > 15 or _member(f, item.text) is None):
                break  # a line that is no member, unmarked lines included: the list has ended
            if re.search(r"adjunger|vid\s+behov|^övriga", item.text, re.I):
                continue
            member = _member(f, item.text)
            if member is None and is_heading(item):
                break  # the next section's heading, read as a list line
            if member is None:  # each line is one member: the others stand, this one is for the reviewer
                f.note(f"styrgrupp: \"{item.text}\" nämner ingen part; lägg till den själv")
                continue
            members.append(member)
        if members:
            return members, b.text
    return [], None


def _from_prose(f: Findings, said: list[tuple[int, Block, str]]) -> tuple[list[dict[str, Any]], str | None]:
    """The group's sentence, strongest form first: "Styrgruppen består av …", "I styrgruppen ingår …",
    "… utgör styrgruppen", "Parterna utser varsin representant": the first that names every member."""
    first: str | None = None
    forms = (lambda s: _after_forum(f, s), _IN_FORUM.search, _WHO_FIRST.search, _BACK_WHO.match)
    following = [t for i, b, s in said for t in _next_sentence(f, i, b, s) if _BACKREF.match(t)]
    for form in forms:
        for s in [x for _, _, x in said] + following:
            m = form(s)
            if m is None or len(m.group("who").split()) > 40:
                continue
            first = first or s
            who = m.group("who")
            at = next((i for i, _, x in said if x == s), None)
            if at is not None and re.search(r":\s*\S", s):  # "består av: A, …, Lunds kommun" over "B, …, Föreningen Bro"
                for line in f.blocks[at + 1:at + 15]:
                    if line.words > 15 or _member(f, line.text) is None:
                        break
                    who += " " + line.text
            members = _members_in_prose(f, who, s)
            if members:
                return members, s
    for _, _, s in said:
        if _EACH_APPOINTS.search(s):  # "Parterna utser varsin representant till styrgruppen"
            return [{"party": p.id} for p in _sides(f)], s
    return [], first


def _next_sentence(f: Findings, i: int, b: Block, s: str) -> list[str]:
    """The sentence after `s`: in its paragraph, else the first of the next one (not a heading)."""
    at = b.sentences.index(s)
    if at + 1 < len(b.sentences):
        return [b.sentences[at + 1]]
    if i + 1 < len(f.blocks) and f.blocks[i + 1].sentences and not is_heading(f.blocks[i + 1]):
        return f.blocks[i + 1].sentences[:1]
    return []


def _after_forum(f: Findings, s: str) -> re.Match[str] | None:
    at = _FORUM.search(_masked(f, s))
    if not at:
        return None
    return re.match(r"\s*:\s*(?P<who>.+)", s[at.end():]) or _WHO.match(s[at.end():])  # "Styrgrupp: fritidschef + …"


def _under_heading(f: Findings, said: list[tuple[int, Block, str]]) -> tuple[list[dict[str, Any]], str | None]:
    """`Styrgrupp` over `En representant från förvaltningen och en från föreningen.`"""
    for i, b, _ in said:
        if (is_heading(b) or b.words <= 4) and i + 1 < len(f.blocks) and f.blocks[i + 1].sentences:
            first = f.blocks[i + 1].sentences[0]
            if re.match(rf"(?:{COUNT})\s+(?:representant|företrädare|ledam)", first, re.I):
                return _members_in_prose(f, first, first), first
    return [], None


def _sides(f: Findings) -> list[PartyFound]:
    return [p for p in f.parties if p.role in ("public", "idea_based")]


_PREDICATE = re.compile(r"\s+(?:möts|träffas|ansvarar|följer|sammanträder|ska|skall|som\s+(?!är\b)|leder|har|samlas|ses|"
                        r"utses|ingår|sitter|\d+\s+möten|\d+\s+gånger)\b.*$", re.IGNORECASE)
_ALL = r"(?:var\s+och\s+en\s+av\s+|vardera\s+av\s+)?(?:alla|båda|bägge|samtliga|de)?\s*(?:\w+\s+)?(?:parterna|parter|partnerorganisationerna)"
_EACH_PARTY = re.compile(r"(?:^|\b(?:för|från|av)\s+)(?:vardera\s+parten|vardera\s+part|varje\s+part|respektive\s+part|" + _ALL + r")\b",
                         re.IGNORECASE)
_EACH_APPOINTS = re.compile(r"\b(?:parterna|varje\s+part|vardera\s+parten?|respektive\s+part|(?:kommunen|regionen|staden)\s+och\s+"
                            r"(?:föreningen|stiftelsen|organisationen|föreningarna))\s+utser\s+(?:varsin|var\s+sin|en|två|"
                            r"\w+\s+)", re.IGNORECASE)
_OFFICIAL = re.compile(r"chef|direktör|förvaltning|handläggare|tjänsteperson|tjänstem[aä]n|strateg|konsulent|fritidsgård|"
                       r"samordnare\s+(?:på|vid)\s+kommunen", re.IGNORECASE)
_IDEA_OFFICE = re.compile(r"ordförande|ordf\b|styrelse|verksamhetsledare|kassör|volontär|ideell|frivillig", re.IGNORECASE)
_ROLE_START = re.compile(r"(?:[\wåäö-]*(?:" + "|".join(map(re.escape, lx.TITLE_ENDINGS)) + r")(?:en|n|na|e|er|erna)?|ordförandena)\b",
                         re.IGNORECASE)
_PERSON = re.compile(r"\b[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\s+[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\b")
_GROUP_PARTY = re.compile(r",?\s+(?:från|för)\s+(?P<party>(?:(?!\b(?:och|för|från)\b)[^,])+?)\s*$", re.IGNORECASE)


def _members_in_prose(f: Findings, who: str, s: str) -> list[dict[str, Any]]:
    """`socialchefen, enhetschefen för barn och unga och föreningens ordförande och verksamhetsansvarig`:
    each person's party, from a party named in the words, a generic one (`föreningens`), or an official's
    title (the public side, when it is one party).  A person no party can be read for makes the list partial:
    then nothing is written and the reviewer is told."""
    who = _PREDICATE.sub("", who).rstrip(" .")
    parties = _sides(f)
    if _EACH_PARTY.search(who):
        each: list[dict[str, Any]] = [{"party": p.id, "role": _EACH_PARTY.split(who)[0].strip() or None} for p in parties]
        extra = re.search(r"\bsamt\s+(?:en|ett)\s+([a-zåäö][\wåäö ]{2,40}?)\s*\.?$", who)  # "… samt en oberoende invånare"
        return each + ([{"party": extra.group(1)}] if extra else [])
    grouped = _grouped(f, who) or _by_person(f, who)
    if grouped:
        return grouped
    publics = [p for p in parties if p.role == "public"]
    ideas = [p for p in parties if p.role == "idea_based"]
    out: list[dict[str, Any]] = []
    previous: str | None = None
    for seg in re.split(r",\s*|\s+\+\s+|(?<!-)\s+(?:och|samt)\s+(?=(?:en|ett|två|tre|de|dess|föreningens|kommunens|regionens|"
                        r"stadens|[A-ZÅÄÖ])|" + _ROLE_START.pattern + ")", who):
        seg = seg.strip()
        if not seg:
            continue
        party = _party_of(f, seg, publics)
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


def _party_of(f: Findings, seg: str, publics: list[PartyFound]) -> str | None:
    named = f.mentioned(seg)
    if len(named) == 1:
        return named[0][1].id
    generic = re.search(r"\b(?:föreningen|föreningens|stiftelsen|stiftelsens|organisationen|organisationens|kommunen|kommunens|"
                        r"regionen|regionens|staden|stadens|förvaltningen)\b", seg, re.I)
    if generic:
        word = generic.group(0).lower()
        ref = f.party(word[:-1] if word.endswith("ens") else word)
        if ref:
            return ref.id
        if word.startswith("förvaltning") and len(publics) == 1:
            return publics[0].id
    if (_OFFICIAL.search(seg) or PUBLIC_NAME.search(seg)) and len(publics) == 1:
        return publics[0].id
    ideas = [p for p in f.parties if p.role == "idea_based"]
    if _IDEA_OFFICE.search(seg) and len(ideas) == 1:  # "ordförande", "verksamhetsledare": the association's offices
        return ideas[0].id
    return None


def _grouped(f: Findings, who: str) -> list[dict[str, Any]] | None:
    """`Eva Strand, chef, och Per Tell, utvecklare, från Regionen samt Birgitta Holm, ordförande, från Distriktet`:
    people named in groups, each group closed by its party; one member a person named."""
    groups = re.split(r"\s+samt\s+|;\s*", who)
    if not all(_GROUP_PARTY.search(g) for g in groups):
        return None
    out: list[dict[str, Any]] = []
    for g in groups:
        m = _GROUP_PARTY.search(g)
        party = f.party(m.group("party")) if m else None  # type: ignore[union-attr]
        if party is None or party.role == "funder":
            return None
        people = _PERSON.findall(_unnamed(f, g[:m.start()]))  # type: ignore[union-attr]
        if not people:
            return None
        out.extend({"party": party.id, "role": person} for person in people)
    return out


def _by_person(f: Findings, who: str) -> list[dict[str, Any]] | None:
    """`Anna Berg, enhetschef, Lunds kommun Per Ek, ordförande, Föreningen Bro`: one member a person named,
    each with the party named after the person; None unless every person's party is read."""
    starts = [m.start() for m in _PERSON.finditer(_unnamed(f, who, keep_length=True))]
    if not starts:
        return None
    out = []
    publics = [p for p in _sides(f) if p.role == "public"]
    for a, b in zip(starts, [*starts[1:], len(who)]):
        chunk = who[a:b].strip(" ,;.")
        party = _party_of(f, chunk, publics)
        if party is None:
            return None
        out.append({"party": party, "role": re.sub(r"\s+(?:och|samt)$", "", chunk)})
    return out


def _unnamed(f: Findings, text: str, keep_length: bool = False) -> str:
    """The text with the parties' names taken out: "Region Skåne" is no person."""
    for p in f.parties:
        for n in sorted((p.name, *p.aliases), key=len, reverse=True):
            text = re.sub(re.escape(n), lambda m: " " * (len(m.group(0)) if keep_length else 1), text, flags=re.IGNORECASE)
    return text


def _member(f: Findings, text: str) -> dict[str, Any] | None:
    """One line of a member list: `Anna Berg, enhetschef, Mora kommun`, `Ordförande (föreningen)`."""
    text = text.rstrip(".")
    if len(text) > 200:
        return None
    m = re.fullmatch(r"(?P<role>.+?)\.?\s*\((?P<party>[^()]{2,60})\)", text) or \
        re.fullmatch(r"(?P<role>.+?)\s+[-–]\s+(?P<party>[A-ZÅÄÖ].{2,60})", text)
    if m:
        party = f.party(m.group("party"))
        if party or m.group("party")[0].isupper():  # "(Kultur- och fritidsförvaltningen)": a party as written
            return {"party": party.id if party else m.group("party").strip(), "role": m.group("role").strip()}
        text = re.sub(r"\s*\([^()]*\)\s*$", "", text)  # "(sammankallande)": a task, not a party
    for _, party in f.mentioned(text):
        return {"party": party.id, "role": text}
    last = text.rsplit(",", 1)[-1].strip()
    party = f.party(last) if last != text else None
    return {"party": party.id, "role": text} if party else None


_MEET = re.compile(rf"(?P<n>{COUNT})\s+(?:gång|gånger|ggr|tillfällen|tillfälle|möten|sammanträden)\s*(?:per|om|varje|i|/)\s*"
                   r"(?P<per>året|år|halvåret|halvår|kvartalet|kvartal|månaden|månad|terminen|termin)\b", re.IGNORECASE)
_PER = {"år": 1, "året": 1, "halvår": 2, "halvåret": 2, "kvartal": 4, "kvartalet": 4, "månad": 12, "månaden": 12,
        "termin": 2, "terminen": 2}
_RHYTHM = lx.cue(lx.MEETING_RHYTHMS)
_MONTH_LIST = re.compile(rf"\bi\s+(?P<ms>(?:{'|'.join(m for m in MONTHS if len(m) > 3)})(?:\s*(?:,|och)\s*"
                         rf"(?:{'|'.join(m for m in MONTHS if len(m) > 3)}))+)\b", re.IGNORECASE)


def _meetings(f: Findings, said: list[tuple[int, Block, str]]) -> None:
    """`möts fyra gånger per år`, `2 möten/år`, `sammanträder kvartalsvis`, `träffas i februari, juni och oktober`,
    in the group's sentence or the next one that refers back to it ("Rådet sammanträder kvartalsvis")."""
    seen: set[str] = set()
    for i, b, s in said:
        for t in [s, *(x for x in _next_sentence(f, i, b, s) if _BACKREF.match(x))]:
            if t in seen or not _MEET_VERB.search(t) and not re.search(r"\bmöten\b", t, re.I):
                continue
            seen.add(t)
            n = _count(t)
            if n:
                f.add("meetings_per_year", n, t, b.line)


def _count(t: str) -> int | None:
    m = _MEET.search(t)
    if m:
        count = parse_count(m.group("n"))
        return count.value * _PER[m.group("per").lower()] if count and count.value else None
    r = _RHYTHM.search(t)
    if r:
        return lx.MEETING_RHYTHMS[" ".join(r.group(0).lower().split())]
    months = _MONTH_LIST.search(t)
    if months:
        return len(re.findall(r"\w+", re.sub(r"\boch\b", " ", months.group("ms"))))
    return None
