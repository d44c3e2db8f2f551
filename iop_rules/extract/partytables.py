"""The parties where a text sets them out in a table: a row per party, or the two sides side by side in columns.

Only a table whose cells say what they hold (a side's label, an organisation number, a row labelled "Namn") is
read so; a table of the parties' people (e-mail addresses, lines to sign on) lists contacts, not parties.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .found import IDEA_NAME, PUBLIC_NAME, Findings, PartyFound, role_of
from .partylist import NON_PROFIT, _ROLE_ONLY, _SIDE_LABEL, _role, alias_in, looks_like_name, org_in, set_org, split_name
from .swedish import ORG_LABEL_RE
from .text import Block

_ROLE_CELL = re.compile(r"^(?:(?P<pub>offentlig|kommunal|kommunen|regionen|staden)|(?P<idea>idéburen|idéburna|ideell|ideella|"
                        r"föreningen|stiftelsen|organisationen))(?:\s+(?:part|sektor|organisation|aktör))?\b", re.IGNORECASE)
_NAME_ROW = re.compile(r"^(?:" + lx.alt(lx.NAME_ROW_LABELS) + r")\s*:?$", re.IGNORECASE)
_ORG_ROW = re.compile(r"^(?:" + lx.alt(lx.ORG_ROW_LABELS) + r")\s*:?$", re.IGNORECASE)


def from_rows(f: Findings) -> None:
    """A table with a row per party and its number, and often its role
    (`| Västra Götalandsregionen, regionala utvecklingsnämnden | 232100-0131 | Offentlig part |`)."""
    found: list[PartyFound] = []
    for b in f.blocks[:80]:
        if len(b.cells) < 2:
            continue
        cells = [c.strip() for c in b.cells]
        # "| Idéburen part | Föreningen X | 802011-1234 |": the side, then the party; "| Kommunen | Anna Berg | … |" is a contact
        labelled = _ROLE_ONLY.match(cells[0]) if _SIDE_LABEL.match(cells[0]) or any(org_in(c) for c in cells) else None
        if labelled:
            cells = cells[1:] + [cells[0]]
        org = next((c for c in cells[1:] if re.fullmatch(r"\d{6}\s?[-–]?\s?\d{4}", c)), None) or (org_in(cells[0]) if labelled else None)
        role_cell = next((c for c in cells[1:] if _ROLE_CELL.match(c) and "part" in c.lower()), None)
        if labelled and not role_cell:
            role_cell = cells[-1]
        if not (org or labelled) or _ORG_ROW.match(cells[0]) or not cells[0]:
            continue
        name, _ = split_name(cells[0])
        if not looks_like_name(name):
            continue
        role = role_of(name)
        if role_cell:
            role = _role(role_cell, name) if labelled else \
                "public" if _ROLE_CELL.match(role_cell.strip()).group("pub") else "idea_based"  # type: ignore[union-attr]
        party = f.add_party(role, name, b.text, b.line)
        if org:
            set_org(f, party, org, b.text)
        alias = alias_in(b.text)  # "| Idéburen part | Iggesunds Hembygdsgille, …, utan vinstsyfte (nedan gillet) |"
        if alias and f.party(alias) in (None, party):
            party.aliases.add(alias)
        if party.role == "idea_based" and NON_PROFIT.search(b.text):
            party.non_profit, party.np_quote = True, b.text
        found.append(party)
    if len(found) < 2:
        for p in found:
            if p in f.parties:
                f.parties.remove(p)


_SIGNING_CELL = re.compile(r"_{3,}|\.{4,}|…{2,}|\b(?:19|20)\d\d-\d{1,2}\b|^(?:ort|datum|ort och datum|ort/datum|underskrift|namnförtydligande)\b",
                           re.IGNORECASE)


def _contact_row(row: Block) -> bool:
    """A row of a contact or signature table (an e-mail address, a field naming an office, e-mail or phone, a
    date or a line to sign on): the table under the sides' names lists their people, not the parties."""
    label = " ".join(row.cells[0].split()).casefold().rstrip(".:") if row.cells else ""
    return any("@" in c or _SIGNING_CELL.search(c.strip()) for c in row.cells) or lx.CONTACT_FIELDS.get(label) in (
        "title", "email", "phone")


def from_columns(f: Findings) -> None:
    """Two parties side by side: a header row naming the sides ("Offentlig part | Idéburen part"), then the
    parties' names in a row, their numbers in another; a first column may label the rows ("Namn", "Org.nr")."""
    blocks = f.blocks[:80]
    for i, head in enumerate(blocks):
        roles = {k: ("public" if m.group("pub") else "idea_based") for k, c in enumerate(head.cells)
                 for m in [_ROLE_CELL.fullmatch(c.strip().rstrip(":"))] if m}
        if len(roles) < 2 or len(head.cells) > 4:
            continue
        names: dict[int, tuple[str, Block]] = {}
        orgs: dict[int, str] = {}
        for row in blocks[i + 1:i + 8]:
            if len(row.cells) != len(head.cells):
                break
            if _contact_row(row):  # "| Kommunen | Föreningen |" over "| E-post | … |": the people's rows begin
                names = {k: v for k, v in names.items() if PUBLIC_NAME.search(v[0]) or IDEA_NAME.search(v[0])}
                break  # ... and a name above them counts only when it is an organisation's ("Lisa Ström" is a contact)
            label = row.cells[0].strip() if 0 not in roles else ""
            for k in roles:
                cell = row.cells[k].strip() if k < len(row.cells) else ""
                org = org_in(cell)
                if org and (not label or _ORG_ROW.match(label) or ORG_LABEL_RE.search(cell)):
                    orgs.setdefault(k, org)
                elif k not in names and (not label or _NAME_ROW.match(label)) and looks_like_name(split_name(cell)[0]):
                    names[k] = (split_name(cell)[0], row)
        if len(names) < 2:
            continue
        for k, (name, row) in sorted(names.items()):
            party = f.add_party(roles[k], name, row.text, row.line)
            if k in orgs:
                set_org(f, party, orgs[k], row.text)
        return
