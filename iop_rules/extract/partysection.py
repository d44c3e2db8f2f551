"""The parties under a heading: a section headed "Parter" ("§ 1 Parter", "1. Avtalsparter", "PARTER",
"Överenskommelsen ingås mellan"), read a party a line, and the party lines a copy ran together cut apart again.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .found import Findings, PartyFound
from .partylist import (_BARE_ORG, _CONNECTIVE, _DEPARTMENT, _GENERIC_LABEL, _HEADING_LEAD, _LABEL, _LEAD_IN, _NAME_WORD, _NUMBERING,
                        _PARTY_HEADING, _ROLE_ONLY, _SECTION_START, _SIDE_LABEL, _bare_name, _role, alias_in, declare, lines_of,
                        org_in, set_org, split_name)
from .text import Block, is_heading, split_sentences


# "Åre kommun, org.nr … och Föreningen X, org.nr … samt Y, org.nr …": the list's lines (and its "och" and "samt" lines) run together
_AND_NEXT = re.compile(r"\s+(?:och|samt)\s+(?=(?-i:[A-ZÅÄÖ]))")


def _units(b: Block) -> list[str]:
    units = [] if b.cells else [u for s in b.sentences for u in lines_of(s)]
    return [piece for u in units for piece in (_two_lines(places_joined(_AND_NEXT.split(u))) if len(_BARE_ORG.findall(u)) >= 2 else [u])]


def _two_lines(units: list[str]) -> list[str]:
    """`Region Skåne (232100-0255), genom regionala utvecklingsnämnden Stiftelsen Hem för Alla i Skåne (802012-3456)`: two
    party lines a copy joined, cut where the second party's name begins (the capitalised run before its number)."""
    out = []
    for u in units:
        numbers = list(_BARE_ORG.finditer(u))
        words = list(re.finditer(r"\S+", u[:numbers[1].start()].rstrip(" (,:"))) if len(numbers) >= 2 else []
        words = [w for w in words if not re.fullmatch(r"(?i)org\S*|organisations\S*", w.group(0))] if words else []
        start = None
        for w in reversed(words):
            token = w.group(0).strip("(,")
            if not token or re.search(r"\d|[:.;]", token) or not (_NAME_WORD.match(token) or token.casefold() in _CONNECTIVE):
                break
            if token[0].isupper():
                start = w.start()
        if start is not None and numbers[0].end() < start and u[:start].rstrip()[-1:].isalpha():
            out += [u[:start].strip(), u[start:].strip()]
        else:
            out.append(u)
    return out


_IN_PLACE_END = re.compile(r"\si\s+(?-i:[A-ZÅÄÖ])[\wåäö-]+$")
_PLACE_ONLY = re.compile(r"^(?-i:[A-ZÅÄÖ])[\wåäö-]+(?=\s*(?:\(|,|$))")


def places_joined(parts: list[str]) -> list[str]:
    """`Kvinnojouren Havsörnen i Stenungsund` and `Orust (802175-9496), nedan jouren`: a lone place after a name that
    ends "i <place>", with the short name of the first ("jouren" of "tjejjouren"), is that name's second place
    ("i Stenungsund och Orust"), not a party."""
    out: list[str] = []
    for part in parts:
        alias = (alias_in(part) or "").casefold()
        first = split_name(out[-1]) if out else ("", "")
        if first[0] and _IN_PLACE_END.search(first[0]) and not first[1] and _PLACE_ONLY.match(part) and len(alias) >= 4 and \
                any(w.casefold().endswith(alias) for w in first[0].split()):
            out[-1] = f"{out[-1]} och {part}"
        else:
            out.append(part)
    return out


def _ends_section(b: Block) -> bool:
    text = _NUMBERING.sub("", b.text, count=1)
    roman = bool(re.match(r"[IVX]{1,5}[.)]\s+\S", b.text)) and not org_in(b.text)  # "II. Bakgrund"
    heading = is_heading(b) or is_heading(Block(text, b.line)) or roman
    return (heading or bool(_SECTION_START.match(b.text)) or (b.text.isupper() and b.words <= 8)) and b.words <= 10 \
        and not _ROLE_ONLY.match(text) and not _PARTY_HEADING.match(text)  # "Parter i överenskommelsen är:" leads the list in


def from_section(f: Findings) -> list[Block]:
    """A section headed "Parter" ("§ 1 Parter", "1. Avtalsparter", "PARTER", "Överenskommelsen ingås mellan"):
    a party a line, a label and its party, or a label on a line of its own with the party on the next.
    Returns the section's blocks, for the prose reader when the section is a sentence."""
    start = next((i for i, b in enumerate(f.blocks[:80]) if (b.words <= 8 and _PARTY_HEADING.match(_NUMBERING.sub("", b.text, count=1)))
                  or (b.words <= 14 and _LEAD_IN.match(b.text))), None)
    if start is None:  # "Offentlig part" over "Namn: …", "Organisationsnummer: …": the first side's label opens the list
        side = next((i for i, b in enumerate(f.blocks[:80]) if _SIDE_LABEL.match(_NUMBERING.sub("", b.text, count=1))), None)
        start = side - 1 if side else None
    blocks: list[Block] = []
    if start is None:  # "PARTER: Norrtälje kommun (org.nr …)": the heading with the first party after it
        start = next((i for i, b in enumerate(f.blocks[:80]) if _HEADING_LEAD.match(_NUMBERING.sub("", b.text, count=1))), None)
        if start is None:
            return []
        first = f.blocks[start]
        rest = _HEADING_LEAD.sub("", _NUMBERING.sub("", first.text, count=1), count=1)
        blocks.append(Block(rest, first.line, first.bullet, False, split_sentences(rest)))
    for b in f.blocks[start + 1:start + 14]:
        if _ends_section(b):
            break
        blocks.append(b)
    found: list[PartyFound] = []
    role, last = "", None
    for b in _before_next_lead_in(blocks):
        for unit in _units(b):
            only = _ROLE_ONLY.match(unit)
            if only:
                role, last = _role(only.group("label"), ""), None
                continue
            label = _LABEL.match(unit) or _GENERIC_LABEL.match(unit)
            named = _NAME_LABEL.match(unit)
            if last is not None and _ALIAS_ONLY.match(unit):  # "Nedan kallad Kommunen" on a line of its own
                alias = alias_in(unit)
                if alias and f.party(alias) in (None, last):
                    last.aliases.add(alias)
                continue
            if label:
                party = declare(f, _role(label.group("label"), label.group("name")), label.group("name"), unit, b.line)
            elif named:  # "Namn: Sundsvalls kommun" under "Offentlig part"
                party = declare(f, role, named.group("name"), unit, b.line)
            elif last is not None and re.match(r"(?i)(?:organisationsnummer|organisationsnr|org\.?\s?-?nr|orgnr)\b", unit):
                org = org_in(unit)
                if org:
                    set_org(f, last, org, unit)
                continue
            elif _DEPARTMENT.match(unit) and last is not None:
                continue  # "Lunds kommun" / "Socialförvaltningen" / "221 00 Lund": the party's department, not a party
            elif org_in(unit) or alias_in(unit) or role or _bare_name(unit):
                party = declare(f, role, unit, unit, b.line) if not re.search(r"\s(?:och|samt)\s+[A-ZÅÄÖ]", split_name(unit)[0]) else None
            else:
                continue
            role = ""
            if party is not None:
                last = party
                if party not in found:
                    found.append(party)
    if len(found) < 2:
        for p in found:
            f.parties.remove(p)
    return blocks


_ALIAS_ONLY = re.compile(r"^\(?(?:" + lx.alt(lx.ALIAS_INTROS) + r")\b", re.IGNORECASE)
_NAME_LABEL = re.compile(r"^(?:" + lx.alt(lx.NAME_ROW_LABELS) + r")\s*:\s*(?P<name>\S.{1,150})$", re.IGNORECASE)


def _before_next_lead_in(blocks: list[Block]) -> list[Block]:
    """The section's blocks up to a line that introduces something else ("Kommunens insats:" over a
    list): such a line names no party, and what follows it is not the parties' list."""
    for i, b in enumerate(blocks):
        text = b.text.strip()
        if i and text.endswith(":") and not (_ROLE_ONLY.match(text) or _LABEL.match(text) or _GENERIC_LABEL.match(text)):
            return blocks[:i]
    return blocks
