"""Contact persons named in running prose: "Kommunens kontaktperson är …" and "Kontaktperson för föreningen
är …" (`sentence_contacts`), and wordings with the person's party in the same clause (`prose_contacts`):
"Frågor om överenskommelsen besvaras av Lisa Ström, enhetschef vid socialförvaltningen, och av
föreningens ordförande Bo Ek", "Ansvarig hos föreningen är ordförande Bo Ek", "Parterna utser var sin
kontaktperson. För kommunen är det Lisa Ström …".

A person is a contact here only with a party the same clause names ("för kommunen", "föreningens",
"enhetschef vid socialförvaltningen"); a person with no party in the clause is left out, because a
contact under a guessed party is worse than one the reviewer adds.
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon
from .found import Findings
from .lexicon import alt, cue
from .persons import NAME, contact_from, details, indefinite, note_quote, owner, person, split_parts, title_word

_CUE = cue(lexicon.CONTACT_PROSE_CUES)
# where the next person's clause begins: "…, och av föreningens ordförande Bo Ek", "; för föreningen …"
_CLAUSES = re.compile(r";|,?\s+(?:och|samt|eller)\s+(?=(?:av|för|hos|på|inom|från|vid|till|i)\s|[\wåäö-]+s\s|(?-i:[A-ZÅÄÖ]))", re.IGNORECASE)
_PREPOSITION = re.compile(r"(?<!\w)(?:för|hos|på|inom|från|vid|i)\s+", re.IGNORECASE)  # "ansvarig i föreningen är …"
_AT_BODY = re.compile(r"\s(?:vid|på|hos|inom|i)\s+(?P<body>[^,]{3,80})$", re.IGNORECASE)
_WE = re.compile(r"(?<!\w)" + alt(lexicon.WE_WORDS) , re.IGNORECASE)
_FOLLOWS = 2  # sentences after a cue that may still name the contacts ("Parterna utser var sin kontaktperson. För kommunen …")
_ROLE = alt(lexicon.CONTACT_ROLES)
_VERB = alt(lexicon.CONTACT_VERBS)
# "Kontaktperson för föreningen är …", "Kommunens kontaktperson under sommaren är …", "Livslinjens kontaktperson: …"
_MENTION = re.compile(rf"(?:(?P<gen>(?:(?-i:[A-ZÅÄÖ])[\w-]*\s+){{0,3}}[\w-]+s)\s+{_ROLE}|(?:som\s+)?{_ROLE}\s+(?:för|hos|på|från|inom|vid|i)\s+"
                      rf"(?P<party>[^,:]{{2,60}}?))(?:\s+(?:under|i|för|hos)\s+[^,:]{{1,40}}?)?\s*(?:{_VERB})\s*"
                      rf"|(?<!\w)för\s+(?P<party2>[^,:]{{2,60}}?)\s+är\s+{_ROLE}\s+"  # "För X är kontaktperson …"
                      rf"|^{_ROLE}\s*\((?P<party3>[^()]{{2,60}})\)\s*:\s*", re.IGNORECASE)  # "Kontaktperson (staden): …"
_PEOPLE_SPLIT = re.compile(r",?\s+(?:och|samt)\s+(?=(?:[a-zåäö]+\s+)?(?-i:[A-ZÅÄÖ]))")  # where a second person begins
_NAMES_ROLE = re.compile(rf"^(?P<party>[^,]{{2,80}}?)\s+utser\s+(?P<rest>.+?)\s+(?:till|som)\s+(?:{_ROLE})\b", re.IGNORECASE)
_OFFICIAL = re.compile(rf"^{alt(lexicon.OFFICIAL_ROLES)}\s*(?::|är)", re.IGNORECASE)
_ROLE_ALONE = re.compile(rf"^(?:{_ROLE})\s*(?::|är)\s*(?P<rest>.+)$", re.IGNORECASE)


def sentence_contacts(f: Findings) -> list[dict[str, Any]]:
    """Contacts named in a sentence, one or several: "Kommunens kontaktperson är fritidskonsulent Jonas Berg,
    …, och föreningens kontaktperson är verksamhetsledaren Malin Åkesson", "Kontaktperson för föreningen är …",
    "Kommunen utser Anna Berg till kontaktperson", "Ansvarig handläggare: …"."""
    out = []
    previous = ""
    for b in f.blocks:
        block_owner = _owner_of_block(f, b.text, previous)
        previous = b.text if not b.cells and not b.heading else ""
        for s in b.sentences:
            low = s.casefold()
            if "kontakt" not in low and "handläggare" not in low and "tjänste" not in low:
                continue
            mentions = [m for m in _MENTION.finditer(s) if owner(f, _mentioned(m))]
            for i, m in enumerate(mentions):
                stop = mentions[i + 1].start() if i + 1 < len(mentions) else len(s)
                rest = re.sub(r",?\s*(?:och|samt)?\s*$", "", s[m.end():stop].rstrip(". "))
                for one in _PEOPLE_SPLIT.split(rest):  # "Kommunens kontaktpersoner är Anna Berg, …, och Bo Ek, …"
                    pid, one = _own_party(f, one, owner(f, _mentioned(m)))
                    made = contact_from(f, one, pid, s)
                    if made and made.get("party"):
                        out.append(made)
            if mentions:
                continue
            named = _NAMES_ROLE.match(s)
            if named and owner(f, named.group("party")):
                made = contact_from(f, named.group("rest"), owner(f, named.group("party")), s)
                if made:
                    out.append(made)
                continue
            alone = _ROLE_ALONE.match(s)
            people = _PEOPLE_SPLIT.split(alone.group("rest").rstrip(".")) if alone else []
            if len(people) > 1:  # "Kontaktpersoner är Anna Berg (staden), …, och Bo Ek (föreningen), …"
                out += [c for c in (contact_from(f, p, None, s) for p in people) if c and c.get("party")]
                continue
            made = contact_from(f, alone.group("rest").rstrip("."), None, s) if alone else None
            if made and not made.get("party") and block_owner:  # "Föreningen Bro, Storgatan 1 … Kontaktperson: Bo Ek"
                made = {"party": block_owner, **made}
            publics = [p for p in f.parties if p.role == "public"]
            memo = f.value("document.kind") == "decision_memo"  # a memo's "Ansvarig handläggare:" is its author (convention 5)
            if made and not made.get("party") and _OFFICIAL.match(s) and len(publics) == 1 and not memo:
                made = {"party": publics[0].id, **made}  # "Handläggare: Jonas Öhrn": the authority's own official
            if made and made.get("party"):
                out.append(made)
            elif made:
                f.note(f"kontaktperson: \"{note_quote(s)}\" står utan part; ange vilken part den hör till")
    return out


def _mentioned(m: re.Match[str]) -> str:
    """The party a contact mention names, in whichever of its forms."""
    return m.group("gen") or m.group("party") or m.group("party2") or m.group("party3")


def _own_party(f: Findings, clause: str, party: str | None) -> tuple[str | None, str]:
    """"… och för Kåren kårordförande Henrik Sjölund": a later person's clause that names its own party first."""
    m = re.match(r"(?:för|hos|från|på|inom)\s+", clause, re.IGNORECASE)
    words = clause[m.end():].split() if m else []
    for n in range(min(5, len(words) - 1), 0, -1):
        pid = owner(f, " ".join(words[:n]), bodies=False)
        if pid:
            return pid, " ".join(words[n:])
    return party, clause


def _owner_of_block(f: Findings, text: str, previous: str) -> str | None:
    """The one party a paragraph describes (its name, address, organisation number), or the one the short
    paragraph above it names: whose "Kontaktperson: …" a party's own address block gives."""
    before = re.split(r"(?i)kontaktperson", text)[0]
    if not before.strip() and len(previous.split()) <= 25:  # the paragraph is the contact line alone
        before = previous
    named = {p.id for _, p in f.mentioned(before)}
    return named.pop() if len(named) == 1 else None


def prose_contacts(f: Findings) -> list[dict[str, Any]]:
    """Contacts from sentences with a contact cue, and from the sentences right after one (a person another
    reader found too is merged with that reader's by name)."""
    out: list[dict[str, Any]] = []
    for b in f.blocks:
        if b.cells:
            continue
        after = 0
        for s in b.sentences:
            m = _CUE.search(s)
            after = _FOLLOWS if m else after - 1
            if m or after > 0:
                out += _clauses(f, s, s)  # the cue's own "hos föreningen" names a party; a person may stand before it
    return out


def _clauses(f: Findings, sentence: str, rest: str) -> list[dict[str, Any]]:
    out = []
    for clause in _CLAUSES.split(rest):
        made = _contact(f, clause, sentence)
        if made:
            out.append(made)
    return out


# "Lisa Ström, enhetschef, är kommunens kontaktperson": the person first, then whose contact they are
_WHO_IS = re.compile(rf"^(?P<who>.+?),?\s+(?:är|blir|utses\s+till)\s+(?:också\s+|även\s+)?(?P<gen>[\wåäöÅÄÖ -]+?s)\s+"
                     rf"{lexicon.alt(lexicon.CONTACT_ROLES)}", re.IGNORECASE)


def _contact(f: Findings, clause: str, sentence: str) -> dict[str, Any] | None:
    first = _WHO_IS.match(clause.strip())
    owned = owner(f, first.group("gen"), bodies=False) if first else None
    c = clause_person(f, first.group("who"), with_contact=True, party=owned) if first and owned else \
        clause_person(f, clause, with_contact=True)
    if c is None:
        return None
    c["source"] = sentence
    return c


def clause_person(f: Findings, clause: str, with_contact: bool, party: str | None = None) -> dict[str, Any] | None:
    """The person a clause names, with the party it names before them ("föreningens ordförande Bo Ek", "för
    kommunen Lisa Ström") or in their office after ("enhetschef vid socialförvaltningen"), their office, and
    (`with_contact`) how they are reached; None when the clause names no person or no party."""
    found = _first_person(f, clause)
    if found is None:
        return None
    name, start, end = found
    c: dict[str, Any] = {"name": name}
    office = _office_before(clause[:start])
    if office:
        c["title"] = office
    details(f, split_parts(clause[end:]), c, with_contact=with_contact)
    party = party or c.get("party") or _party_before(f, clause[:start]) or _party_of_office(f, c.get("title")) or \
        _party_of_title(f, c.get("title"))
    if not party:
        return None
    c["party"] = party
    return c


def _first_person(f: Findings, clause: str) -> tuple[str, int, int] | None:
    """The first name in the clause, as long as a name runs (two to four words): (name, start, end)."""
    for m in NAME.finditer(clause):
        words = m.group(0).split()
        for n in range(len(words), 1, -1):
            candidate = " ".join(words[:n])
            if person(f, candidate):
                return candidate, m.start(), m.start() + len(candidate)
    return None


# "enhetschefen för försörjningsstöd, " before the name: the office with what it heads, set off by a comma
_OFFICE_OF = re.compile(r"(?P<office>[\wåäö-]+)\s+(?P<of>(?:för|vid|inom|på)\s+[\wåäö -]{2,50}?),\s*$", re.IGNORECASE)


def _office_before(text: str) -> str | None:
    """"föreningens ordförande " before a name -> `ordförande`; "verksamhetsledaren " -> `verksamhetsledare`;
    "enhetschefen för försörjningsstöd, " -> `enhetschef för försörjningsstöd`."""
    words = text.split()
    if not words:
        return None
    of = _OFFICE_OF.search(text)
    head = of and (indefinite(of.group("office")) or (of.group("office") if title_word(of.group("office")) else None))
    if of and head:
        return f"{head} {of.group('of')}"
    last = words[-1].strip(",")
    if title_word(last):
        return last
    return indefinite(last)


def _party_before(f: Findings, text: str) -> str | None:
    """The last party the clause names before the person: "för kommunen", "hos Föreningen Bro", "föreningens"."""
    hits: list[tuple[int, str]] = []
    for m in _PREPOSITION.finditer(text):
        words = text[m.end():].split()
        for n in range(min(6, len(words)), 0, -1):
            pid = owner(f, " ".join(words[:n]).strip(",.:"), bodies=False)
            if pid:
                hits.append((m.start(), pid))
                break
    for m in re.finditer(r"[\wåäöÅÄÖ-]+s(?=\s)", text):  # "kommunens", "Föreningen Bros"
        pid = owner(f, m.group(0), bodies=False)
        if pid:
            hits.append((m.start(), pid))
    we = f.party("vi")  # "vår ordförande" where the association writes the agreement itself
    for m in _WE.finditer(text) if we else ():
        hits.append((m.start(), we.id))  # type: ignore[union-attr]
    return max(hits)[1] if hits else None


_PUBLIC_TITLE = re.compile(alt(lexicon.CONTACT_PUBLIC_TITLES) + r"$", re.IGNORECASE)
_IDEA_TITLE = re.compile(r"^" + alt(lexicon.CONTACT_IDEA_TITLES) + r"$", re.IGNORECASE)


def _party_of_title(f: Findings, office: str | None) -> str | None:
    """"fritidskonsulent Kim Wahlström", "diakon Maria Ek": an office only one side's people hold, where that side is one party."""
    for rx, role in ((_PUBLIC_TITLE, "public"), (_IDEA_TITLE, "idea_based")):
        side = [p for p in f.parties if p.role == role]
        if office and rx.search(office.strip()) and len(side) == 1:
            return side[0].id
    return None


def _party_of_office(f: Findings, office: str | None) -> str | None:
    """"enhetschef vid socialförvaltningen": the office is held at a body of that party."""
    m = _AT_BODY.search(office or "")
    return owner(f, m.group("body")) if m else None
