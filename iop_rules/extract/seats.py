"""A steering group's members where they are not plain prose: seats counted, tables, labelled lines, appointments.

A truth file has one member for each person or seat the text states (convention 1): "två
företrädare för kommunen" is two members of the kommun, "en företrädare för varje part" one for
each.  A count is read only where it stands before a word for a seat or a title ("två
representanter", "de två rektorerna") or before the party ("två från föreningen"); anything else
is one seat, so a phrase never grows into members the text does not state.  Member lines may also
be a table (`Anna Berg | enhetschef | Lunds kommun`), a party's label over its people (`Från
kommunen: Anna Berg, enhetschef, och Lisa Ek, samordnare`), or an appointment (`Kommunen utser två
ledamöter och föreningen en`).
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import Findings, PartyFound
from .swedish import COUNT, parse_count
from .whose import unnamed

#: The most seats one phrase is taken to name: a larger figure is something else (a year, a sum).
MAX_SEATS = 8
_SEAT = lx.alt(lx.STEERING_SEATS)
_TITLE = r"[\wåäö-]*(?:" + "|".join(map(re.escape, lx.TITLE_ENDINGS)) + r")(?:er|erna|na|ar|arna|e|en)?"
_COUNTED = re.compile(rf"^(?:(?:med|av|samt|och|de|minst)\s+)*(?P<n>{COUNT})\s+(?:(?:[a-zåäö-]+\s+){{0,2}}?(?:{_SEAT}|{_TITLE})(?!\w)"
                      rf"|(?:[a-zåäö]+\s+)?(?:från|för|ur|av)\b)", re.IGNORECASE)  # "två från föreningen", "två utsedda av kommunen"
_SEAT_AT = re.compile(rf"(?:{_SEAT}|{_TITLE})(?!\w)", re.IGNORECASE)
_PLURAL = lx.cue(lx.STEERING_SEAT_SINGULAR)
_HEADER_CELLS = {*lx.CONTACT_FIELDS, *lx.STEERING_TABLE_HEADERS}
_LABEL = re.compile(r"^(?:(?:från|för)\s+)?(?P<party>[^:]{2,60}?)\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE)
#: One office or counted seat, as a list in a label's line names it ("enhetschef", "två representanter", "vice ordförande").
_OFFICE = re.compile(rf"(?:(?:{COUNT})\s+)?(?:vice\s+|biträdande\s+)?(?:[a-zåäö-]+\s+)?(?:{_SEAT}|{_TITLE})", re.IGNORECASE)
_PERSON = re.compile(r"(?<!\w)[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\s+[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?(?!\w)")


_BODY_WORD = re.compile(r"(?:[\wåäö]+-\s+(?:och|&)\s+)?[\wåäö-]*(?:förvaltning|nämnd)(?:en|ens)?", re.IGNORECASE)
_FORUMS = re.compile(lx.alt(g + e for g in lx.STEERING_GROUPS + lx.STEERING_GROUPS_WEAK for e in ("", "et", "ets", "en", "ens")), re.IGNORECASE)
#: A seat holder that is no party (convention 14), with the words around it that belong to its name.
_NON_PARTY = re.compile(rf"(?<!\w)(?:{lx.alt(lx.NON_PARTY_BODY_ADJECTIVES)}\s+)?(?P<body>{lx.alt(lx.OTHER_BODIES)}|{lx.alt(lx.NON_PARTY_GROUPS)}"
                        rf"|[a-zåäöA-ZÅÄÖ-]{{2,30}}{lx.alt(lx.NON_PARTY_COUNCIL_END)})(?:\s+i\s+[A-ZÅÄÖ][\wåäö-]+)?", re.IGNORECASE)


def body_named(f: Findings, text: str) -> str | None:
    """The one seat holder `text` names that is no party, as the text names it: "kommunpolisen i Norrköping",
    "kommunala pensionärsrådet", "besökarna"; None when it names none, two, or a forum or a party."""
    found = [m for m in _NON_PARTY.finditer(text) if not _FORUMS.fullmatch(m.group("body"))]
    if len(found) != 1 or f.party(found[0].group(0)) is not None:
        return None
    name = found[0].group(0)
    return name[:-1] if name.lower().endswith("rådets") else name


def party_named(f: Findings, text: str) -> PartyFound | None:
    """The party `text` names; "förvaltningen", "stadsdelsnämnden" name the one public party's own body, so that party."""
    party = f.party(text)
    if party is None and _BODY_WORD.fullmatch(text.strip()):
        publics = [p for p in f.parties if p.role == "public"]
        party = publics[0] if len(publics) == 1 else None
    return party


_SUBSTITUTES = re.compile(rf"\s*(?:,\s*|\s+(?:och|samt|plus|jämte)\s+)(?:{COUNT}\s+)?(?:{lx.alt(lx.STEERING_SUBSTITUTES)})"
                          r"(?:\s+(?:för|till)\s+(?:var\s+och\s+en|dessa|dem|sina\s+ledamöter|ledamöterna))?(?=\s*(?:[.,;]|$|\s+till\b|\s+i\b))",
                          re.IGNORECASE)


def without_substitutes(text: str) -> str:
    """The text with its substitutes left out: "Kommunen utser en ledamot och en ersättare" names one seat."""
    return _SUBSTITUTES.sub("", text)


def seats(phrase: str) -> int:
    """`två representanter från kommunen` 2, `de två rektorerna` 2, `två från föreningen` 2, anything else 1."""
    m = _COUNTED.match(phrase.strip())
    count = parse_count(m.group("n")) if m else None
    if count is None or not count.value or count.value > MAX_SEATS:
        return 1
    return count.value


def without_count(phrase: str) -> str | None:
    """The role a counted phrase gives each of its seats: `två företrädare` is each a `företrädare`,
    `två från föreningen` states none."""
    m = _COUNTED.match(phrase.strip())
    if not m or seats(phrase) == 1:
        return phrase.strip() or None
    rest = phrase.strip()[m.end("n"):].strip()
    if re.match(r"(?:[a-zåäö]+\s+)?(?:från|för|ur|av)\b", rest, re.IGNORECASE) and not _SEAT_AT.match(rest):
        return None
    return _PLURAL.sub(lambda w: lx.STEERING_SEAT_SINGULAR[" ".join(w.group(0).lower().split())], rest, count=1)


def each_seat(party: str, phrase: str) -> list[dict[str, Any]]:
    """The members one party's phrase names: as many as it counts, each with the role it states."""
    role = without_count(phrase)
    return [{"party": party, "role": role} if role else {"party": party}] * seats(phrase)


def is_header_row(cells: list[str]) -> bool:
    """`Namn | Roll | Organisation`: a table's header, not a member."""
    words = [c.strip().casefold() for c in cells if c.strip()]
    return bool(words) and all(w in _HEADER_CELLS for w in words)


def table_members(f: Findings, cells: list[str]) -> list[dict[str, Any]] | None:
    """A row's members: one per person where its other cell names several (`Lunds kommun | Anna Berg, chef; Lisa Ek, samordnare`),
    as many as a cell of a count says (`Anhörigkonsulent | Ekerö kommun | 2`), under a body that is no party where a cell is one."""
    counts = [c for c in cells if re.fullmatch(r"\s*[1-8]\s*", c)]
    kept = [c for c in cells if c not in counts]
    row = table_member(f, kept)
    if row is None:
        bodies = [(c, body_named(f, c)) for c in kept if c.strip()]
        named = [(c, b) for c, b in bodies if b and b.strip().casefold() == c.strip().casefold()]
        if len(named) != 1:
            return None
        role = ", ".join(c.strip() for c in kept if c.strip() and c != named[0][0])
        row = {"party": named[0][1], "role": role} if role else {"party": named[0][1]}
    if len(counts) == 1:
        return [row] * int(counts[0])
    others = [c for c in kept if c.strip() and f.party(c) is None]
    starts = [m.start() for m in _PERSON.finditer(others[0])] if len(others) == 1 else []
    if len(others) == 1 and (";" in others[0] or len(starts) > 1 and starts[0] == 0):  # "Anna Berg (chef), Lisa Ek (samordnare)"
        cut = others[0].split(";") if ";" in others[0] else [others[0][a:b] for a, b in zip(starts, [*starts[1:], len(others[0])])]
        persons = [p.strip(" ,") for p in cut if p.strip(" ,")]
        if len(persons) > 1 and all(_PERSON.search(p) or _OFFICE.match(p) for p in persons):
            return [{"party": row["party"], "role": p} for p in persons]
    return [row]


def table_member(f: Findings, cells: list[str]) -> dict[str, Any] | None:
    """`Anna Berg | enhetschef | Lunds kommun`: the cell that is a party is the party, the others the role."""
    parties = [(i, f.party(c)) for i, c in enumerate(cells) if c.strip()]
    named = [(i, p) for i, p in parties if p is not None and p.role != "funder"]
    if len({p.id for _, p in named}) != 1:
        return None
    at = named[0][0]
    role = ", ".join(c.strip() for i, c in enumerate(cells) if i != at and c.strip())
    return {"party": named[0][1].id, "role": role} if role else {"party": named[0][1].id}


def labelled_members(f: Findings, text: str) -> list[dict[str, Any]] | None:
    """`Kommunen: Anna Berg, enhetschef, och Lisa Ek, samordnare` — a party's label over its people:
    one member for each person named, else one for the label (`Föreningen: två representanter`)."""
    m = _LABEL.match(text.strip().rstrip("."))
    party = party_named(f, m.group("party")) if m else None
    if m is None or party is None or party.role == "funder":
        return None
    rest = m.group("rest")
    people = _PERSON.findall(unnamed(f, rest, keep_length=True))
    if len(people) > 1:
        return [{"party": party.id, "role": p} for p in people]
    offices = re.split(r",\s*|\s+(?:och|samt|\+)\s+", rest.strip())
    if len(offices) > 1 and all(_OFFICE.fullmatch(o) for o in offices):  # "Kommunen: enhetschef, samordnare och controller"
        return [seat for o in offices for seat in each_seat(party.id, o)]
    return each_seat(party.id, rest)


def labelled_runs(f: Findings, who: str) -> list[dict[str, Any]] | None:
    """`Från kommunen: Anna Berg, enhetschef, och Lisa Ek, samordnare. Från föreningen: Per Ek, ordförande.`
    — several labelled lines run together as one paragraph: each label's people are its party's.
    None unless the text starts with such a label and every run names someone."""
    labels = []
    for colon in (m.start() for m in re.finditer(":", who)):
        words = list(re.finditer(r"[\wåäöÅÄÖéü-]+", who[max(0, colon - 80):colon]))
        for k in range(len(words) - 1, max(-1, len(words) - 5), -1):  # the shortest run of words before it that names a party
            start = max(0, colon - 80) + words[k].start()
            label = who[start:colon]
            party = f.party(re.sub(r"^(?:från|för)\s+", "", label, flags=re.IGNORECASE))
            if party is not None:
                before = re.search(r"(?:från|för)\s+$", who[:start], re.IGNORECASE)
                labels.append((before.start() if before else start, colon + 1))
                break
    if not labels or who[:labels[0][0]].strip(" .;,"):
        return None
    out: list[dict[str, Any]] = []
    for (start, end), nxt in zip(labels, [*(s for s, _ in labels[1:]), len(who)]):
        run = who[end:nxt].strip(" .;,")
        members = labelled_members(f, who[start:end] + " " + run) if run else None
        if not members:
            return None
        out.extend(members)
    return out


_APPOINTS = lx.alt(lx.STEERING_APPOINT_VERBS)
_APPOINTED = re.compile(rf"^(?P<who>[\wåäöÅÄÖ -]{{2,60}}?)\s+(?:ska\s+|skall\s+)?{_APPOINTS}\s+(?P<seats>(?:{COUNT})\s+.*)$",
                        re.IGNORECASE)
_ELLIPTIC = re.compile(rf"^(?P<who>[\wåäöÅÄÖ -]{{2,60}}?)\s+(?P<seats>(?:{COUNT})(?:\s+.*)?)$", re.IGNORECASE)


def appointed(f: Findings, sentence: str) -> list[dict[str, Any]] | None:
    """`Kommunen utser två ledamöter och föreningen två`, `Regionen nominerar tre representanter, föreningen två`:
    each party with the seats it appoints.  None unless every part of the sentence names a party and a count."""
    parts = re.split(r",\s*(?:och\s+|samt\s+)?|\s+(?:och|samt)\s+(?=[\wåäöÅÄÖ -]{2,60}?\s+(?:(?:ska\s+|skall\s+)?" + _APPOINTS
                     + r"\s+)?(?:" + COUNT + r")\b)", without_substitutes(sentence.strip().rstrip(".")))
    out: list[dict[str, Any]] = []
    verb = False
    for part in parts:
        m = _APPOINTED.match(part.strip())
        verb = verb or m is not None
        m = m or _ELLIPTIC.match(part.strip())
        party = f.party(m.group("who")) if m else None
        if m is None or party is None or party.role == "funder":
            return None
        out.extend(each_seat(party.id, m.group("seats")))
    return out if verb and out else None


_OF_PARTIES = re.compile(rf"^(?P<head>(?:(?:{COUNT})\s+)?(?:[a-zåäö-]+\s+)?{_SEAT})(?:\s+(?:vardera|var|styck))?\s+(?:från|för|ur)\s+(?P<list>.+)$",
                         re.IGNORECASE)  # "två representanter (vardera) från kommunen och föreningen"


def of_each_named(f: Findings, who: str) -> list[dict[str, Any]] | None:
    """`representanter från kommunen och föreningen`, `företrädare för Region Skåne, föreningen och stiftelsen`:
    one member for each party the list names.  None unless every name in the list is a party."""
    m = _OF_PARTIES.match(who.strip().rstrip("."))
    listed = m.group("list") if m else who.strip().rstrip(".")  # "med representanter från" read already: the names alone
    names = [n for n in re.split(r",\s*|\s+(?:och|samt|respektive)\s+", listed) if n.strip()]
    parties = [f.party(n) for n in names]
    if len(parties) < 2 or any(p is None or p.role == "funder" for p in parties):
        return None
    return [seat for p in parties if p for seat in (each_seat(p.id, m.group("head")) if m else [{"party": p.id}])]


_RUN_VERB = lx.alt(lx.STEERING_RUN_VERBS)
_OWNED = re.compile(rf"\S+s\s+(?:{_SEAT})(?:\s+i\s+(?:den\s+)?\S+)?\s+(?:är|blir|utgörs\s+av|:)\s*(?P<rest>\S.*)$", re.IGNORECASE)
_FROM_LABEL = re.compile(r"^(?:från|för)\s+(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)


def _label(f: Findings, piece: str, verb_seen: bool) -> tuple[str, str] | None:
    """`från kommunen enhetschef X`, `Kommunen representeras av X`, `föreningen av Y` (after such a verb),
    `Från föreningen deltar A`: (the party, the rest) when the piece opens with a party."""
    m = _FROM_LABEL.match(piece)
    body, prefixed = (m.group("rest"), True) if m else (piece, False)
    words = body.split()
    for k in range(min(5, len(words)), 0, -1):  # the longest run of words that is a party
        owned = _OWNED.match(" ".join(words[k - 1:]))
        if owned:  # "Kommunens representanter i styrgruppen är X och Y", "Lunds kommuns ledamöter: …"
            party = party_named(f, " ".join([*words[:k - 1], words[k - 1][:-1]])) or party_named(f, " ".join(words[:k]))
            if party is not None and party.role != "funder":
                return party.id, owned.group("rest")
            continue
        party = party_named(f, " ".join(words[:k]))
        if party is None or party.role == "funder":
            continue
        rest = " ".join(words[k:])
        verb = re.match(rf"(?:{_RUN_VERB})(?:\s+i\s+\S+)?(?:\s+av|\s+med)?\s+", rest, re.IGNORECASE)
        if verb:
            return party.id, rest[verb.end():]
        if verb_seen and rest.lower().startswith("av "):
            return party.id, rest[3:]
        if prefixed and rest:
            return party.id, rest.lstrip(": ")
        return None
    return None


def party_runs(f: Findings, pieces: list[str], parties: int = 2) -> list[dict[str, Any]] | None:
    """`Från kommunen deltar enhetschef och samordnare, från föreningen ordförande`: each piece a person,
    of the party whose label last opened a run.  None unless the first piece opens one and `parties` are named."""
    out: list[dict[str, Any]] = []
    party: str | None = None
    verb_seen = False
    for piece in (p.strip(" .") for p in pieces):
        if not piece:
            continue
        label = _label(f, piece, verb_seen)
        if label:
            verb_seen = verb_seen or not _FROM_LABEL.match(piece)
            party, piece = label
        if party is None or not piece:
            return None
        out.extend(each_seat(party, piece))
    return out if len({m["party"] for m in out}) >= parties else None
