"""The lines of a steering group's member list, and the persons of a list in prose.

A line is a member when it names its party: in brackets (`enhetschef (kommunen)`), after a dash or a comma
(`Anna Berg, enhetschef, Lunds kommun`), as a table row, as a label (`Kommunen: Anna Berg`), or, in a
short line, by an office only one side holds (`Ordförande`).  A line that is a sentence is not a member.
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import PUBLIC_NAME, Findings
from .seats import each_seat, labelled_members, labelled_runs, party_named, party_runs, table_members, without_substitutes
from .text import Block
from .whose import GENERIC_WORD, party_of, short_name, sides

ROLE_START = re.compile(r"(?:[\wåäö-]*(?:" + "|".join(map(re.escape, lx.TITLE_ENDINGS)) + r")(?:en|n|na|e|er|erna)?|ordförandena)\b",
                         re.IGNORECASE)
PERSON = re.compile(r"\b[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\s+[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\b")
#: A line that can be a member: a person's name, a title, a seat ("två representanter"), or a party in brackets.
LOOKS_MEMBER = re.compile(PERSON.pattern + "|" + ROLE_START.pattern + r"|\(|:|\|" + lx.alt(lx.STEERING_SEATS), re.IGNORECASE)
SENTENCE_VERB = re.compile(r"(?<!\w)(?:" + lx.alt(lx.NOT_NAME_WORDS) + "|" + lx.alt(lx.MEETING_VERBS) + r")",
                            re.IGNORECASE)


_SPLIT = re.compile(r",\s*|;\s*|\s+\+\s+|(?<!-)\s+(?:och|samt)\s+(?=(?:en|ett|två|tre|fyra|fem|sex|\d{1,2}\s|de|dess|från\s|för\s|"
                    + lx.alt(lx.GENERIC_PUBLIC + lx.GENERIC_IDEA) + r"|[A-ZÅÄÖ])|(?:vice\s+|biträdande\s+)?" + ROLE_START.pattern + ")")


def people(who: str) -> list[str]:
    """The persons of a list in prose: at commas, and at an `och` before a person, a title or a party."""
    return _SPLIT.split(without_substitutes(who))


def named_over_title(blocks: list[Block]) -> list[Block]:
    """A name on a line of its own over its title and party ("Malin Öberg" / "Folkhälsochef, Region Västerbotten"):
    one line, as a list would write it."""
    out: list[Block] = []
    for b in blocks:
        if out and PERSON.fullmatch(out[-1].text.strip()) and not PERSON.fullmatch(b.text.strip()) and not b.bullet \
                and not out[-1].cells and not b.cells:  # a table's header is no name
            out[-1] = Block(f"{out[-1].text}, {b.text}", out[-1].line, out[-1].bullet, sentences=[f"{out[-1].text}, {b.text}"])
        else:
            out.append(b)
    return out


def line_members(f: Findings, item: Block) -> list[dict[str, Any]] | None:
    """The members one line of a list names: a table row, `Kommunen: Anna Berg, …, och Lisa Ek, …`, or one member."""
    if len(item.cells) >= 2:
        return table_members(f, item.cells)
    # "Kommunen: A, B Föreningen: C" (two labelled lines run together), "Från kommunen deltar A, från föreningen B"
    labelled = labelled_runs(f, item.text) or labelled_members(f, item.text) or party_runs(f, people(item.text))
    if labelled:
        return labelled
    one = member(f, item.text)
    return each_seat(one["party"], one["role"]) if one else None  # "två ledamöter ur styrelsen (föreningen)"


def member(f: Findings, text: str) -> dict[str, Any] | None:
    """One line of a member list: `Anna Berg, enhetschef, Mora kommun`, `Ordförande (föreningen)`."""
    text = text.rstrip(".")
    if len(text) > 200:
        return None
    m = re.fullmatch(r"(?P<role>.+?)\.?\s*\((?P<party>[^()]{2,60})\)", text) or \
        re.fullmatch(r"(?P<role>.+?)\s+[-–]\s+(?P<party>[A-ZÅÄÖ].{2,60})", text)
    if m and f.party(m.group("role")) and not f.party(m.group("party")):  # "Gällivare kommun – Lena Nilsson, kulturchef"
        return {"party": f.party(m.group("role")).id, "role": m.group("party").strip()}  # type: ignore[union-attr]
    if m:
        party = f.party(m.group("party"))
        publics = [p for p in sides(f) if p.role == "public"]
        if party is None and len(publics) == 1 and re.fullmatch(r"[\wåäö-]*(?:" + PUBLIC_NAME.pattern + r")[\wåäö-]*", m.group("party"), re.I):
            party = publics[0]  # "(stadsdelsnämnden)", "(förvaltningen)": the one public party's body
        if party or m.group("party")[0].isupper():  # "(Kultur- och fritidsförvaltningen)": a party as written
            return {"party": party.id if party else m.group("party").strip(), "role": m.group("role").strip()}
        text = re.sub(r"\s*\([^()]*\)\s*$", "", text)  # "(sammankallande)": a task, not a party
    for _, party in f.mentioned(text):
        return {"party": party.id, "role": text}
    last = text.rsplit(",", 1)[-1].strip()
    party = (party_named(f, last) or short_name(f, last)) if last != text else None  # "…, barn- och familjeförvaltningen"
    if party is None and (GENERIC_WORD.search(text) or len(text.split()) <= 6) and not SENTENCE_VERB.search(text):
        ref = party_of(f, text, [p for p in sides(f) if p.role == "public"])  # "en kursledare som föreningen utser", "Enhetschef"
        return {"party": ref, "role": text} if ref else None
    return {"party": party.id, "role": text} if party else None


_LABEL_LINE = re.compile(r"^(?:(?:från|för)\s+)?(?P<party>[^:,.;()]{2,60}?)(?:s\s+" + lx.alt(lx.STEERING_SEATS) + r")?\s*:?$",
                         re.IGNORECASE)
_OF_LABEL = re.compile(r"^" + lx.alt(lx.STEERING_SEATS) + r"\s+(?:från|för)\s+(?P<party>[^:,.;()]{2,60}?)\s*:?$", re.IGNORECASE)


class Labels:
    """A party's name on a line of its own over the lines of its people (`Från Lunds kommun:` / `- Anna Berg,
    enhetschef` / `- Lisa Ek, samordnare`): a line that names no party is the label's.  A label with no line
    under it is itself one seat (`Styrgruppen består av:` / `- Lunds kommun` / `- Föreningen Bro`)."""

    def __init__(self, f: Findings) -> None:
        self.f = f
        self.party: str | None = None
        self.filled = True

    def opens(self, item: Block) -> list[dict[str, Any]] | None:
        """None unless `item` is a label; else the seat of the label before it, if no line filled that one."""
        text = item.text.strip()
        m = None if item.cells else _LABEL_LINE.match(text) or _OF_LABEL.match(text)
        party = party_named(self.f, m.group("party")) if m else None
        if party is None or party.role == "funder":
            return None
        before = self.close()
        self.party, self.filled = party.id, False
        return before

    def members(self, item: Block) -> list[dict[str, Any]] | None:
        found = line_members(self.f, item)
        if self.party and not item.cells and not self.f.mentioned(item.text) and not GENERIC_WORD.search(item.text) \
                and LOOKS_MEMBER.search(item.text) and not SENTENCE_VERB.search(item.text):
            found = each_seat(self.party, item.text.rstrip("."))
        if found and self.party:
            self.filled = True
        return found

    def close(self) -> list[dict[str, Any]]:
        """The seat of a label no line filled."""
        out = [] if self.filled or self.party is None else [{"party": self.party}]
        self.filled = True
        return out
