"""Measurable commitments: `minst 64 tillfällen per år`, said by or under a named party.

Only a commitment whose party is clear is taken: the sentence starts with
the party's name, or it is a list item under a heading that is the party's
name.  Its subject is not guessed (two wordings of one target are not
matched up), so conflicts between commitments are left to the reviewer.
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import Findings
from .swedish import COUNT, MONTHS, parse_count

_MONTHS = "|".join(MONTHS)

_AMOUNT_PER = re.compile(
    rf"(?:minst|högst|cirka|ca|totalt|sammanlagt)?\s*(?P<n>{COUNT})\s+(?P<unit>(?!kr\b|kronor\b|procent\b|{_MONTHS}\b)[a-zåäö]{{2,25}}(?:\s+(?!per\b|i\b|om\b|varje\b|för\b)[a-zåäö]{{2,25}})?)\s+"
    r"(?:(?:per|i|om|varje)\s+(?P<per>år|året|månad|månaden|vecka|veckan|halvår|halvåret)\b"
    r"|för\s+(?:(?:det\s+)?första\s+|andra\s+)?(?P<half>halvåret)\b)", re.IGNORECASE)
_PER = {"år": "year", "året": "year", "månad": "month", "månaden": "month", "vecka": "week", "veckan": "week",
        "halvår": "half_year", "halvåret": "half_year"}
_EXCLUDE = re.compile(r"betalas|utbetal|styrgrupp|sammanträd|rapport|kronor|\bkr\b", re.IGNORECASE)


def extract_commitments(f: Findings) -> None:
    out: list[dict[str, Any]] = []
    heading_party: str | None = None
    for b in f.blocks:
        if not b.bullet:
            owner = f.party(b.text) if b.words <= 6 else None
            heading_party = owner.id if owner else (heading_party if b.text.endswith(":") else None)
        for s in b.sentences:
            m = _AMOUNT_PER.search(s)
            if not m or _EXCLUDE.search(s):
                continue
            count = parse_count(m.group("n"))
            if not count or not count.value:
                continue
            lead = re.match(r"^(?P<who>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+(?:ska|skall|åtar\s+sig|kommer\s+att|håller|genomför|erbjuder|"
                            r"anordnar|har|driver|arrangerar|bemannar|tar\s+emot|utbildar)\b", s)
            party = f.party(lead.group("who")) if lead else None
            party_id = party.id if party else (heading_party if b.bullet else None)
            if not party_id:
                continue
            per = "half_year" if m.group("half") else _PER[m.group("per").lower()]
            out.append({"party": party_id, "text": s, "quantity": count.value, "unit": m.group("unit"),
                        "per": per, "source": s})
    if out:
        f.items["commitments"] = out


_HEADS = {" ".join(h.split()): key for key, heads in lx.CONTENTS_HEADINGS.items() for h in heads}


def extract_contents(f: Findings) -> None:
    """Sections some guidelines require (`contents`): a heading the lexicon names, quoted by the first
    sentence under it (a heading with nothing under it is no section)."""
    for i, b in enumerate(f.blocks[:-1]):
        head = " ".join(re.sub(r"^(?:§\s*)?\d{1,2}(?:\.\d{1,2})*\.?\s*", "", b.text).rstrip(" :").casefold().split())
        key = _HEADS.get(head)
        if key is None or b.words > 8:
            continue
        if key == "background" and f.value("document.kind") == "decision_memo":
            continue  # a memo's "Bakgrund" is the matter's background, not a section of the agreement
        nxt = f.blocks[i + 1]
        if nxt.heading or not nxt.sentences or lx.PLACEHOLDER.search(nxt.text):
            continue
        f.add(f"contents.{key}", True, nxt.sentences[0], nxt.line)
