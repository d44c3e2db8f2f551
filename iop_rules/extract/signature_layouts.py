"""Signatures laid out other than as lines under a heading: a table (a column or a row per party), a
sentence ("Undertecknat i Borlänge den 14 maj 2025 av …"), or a decision memo's officials at its end."""
from __future__ import annotations

import re
from typing import Any

from . import lexicon
from .found import Findings
from .contact_prose import clause_person
from .lexicon import alt
from .persons import (DATE_AS_WRITTEN, PLACE, looks_like_title, org_label, owner, person, place_date, signatory,
                      title_word)
from .text import Block


def table_lines(f: Findings, blocks: list[Block]) -> list[str] | None:
    """A signature table with a column per party (the parties in one row, the rest below), as the lines of
    one column after the other; None when the section has no such table."""
    rows = [b.cells for b in blocks if len(b.cells) >= 2]
    if len(rows) < 2:
        return None
    packed = [[c for c in r if c.strip()] for r in rows]
    if len({len(r) for r in packed if r}) == 1 and len(next(r for r in packed if r)) >= 2:
        rows = [r for r in packed if r]  # columns lined up with runs of tabs, as many as each cell's width needed
    at = next((i for i, cells in enumerate(rows) if sum(bool(c.strip()) for c in cells) >= 2
               and all(owner(f, c) for c in cells if c.strip())), None)
    fields = all(c.strip().casefold().rstrip(":") in _FIELD_HEADERS for c in rows[0] if c.strip())
    side_by_side = any(sum(bool(signatory(f, c) or place_date(f, c.strip())) for c in r) >= 2 for r in rows)
    if at is None and (fields or not side_by_side):
        return None  # a header of field names is a row per signatory; no two signatures side by side, no columns
    width = max(len(r) for r in rows)
    lines: list[str] = []
    for col in range(width):
        lines.extend(r[col].strip() for r in rows if col < len(r) and r[col].strip())
    return lines


_FIELD_HEADERS = frozenset(lexicon.SIGNATURE_TABLE_HEADERS)


def table_rows(f: Findings, blocks: list[Block]) -> list[dict[str, Any]]:
    """A signature table with a row per signatory: `| Västra Götalandsregionen | Lena Sjöberg, direktör |
    Vänersborg 2025-02- |`, or party, name, office and place-and-date each in a cell of its own."""
    sigs = []
    for b in blocks:
        cells = [c.strip() for c in b.cells if c.strip()]
        if len(cells) < 2:
            continue
        named = [(c, signatory(f, c)) for c in cells]
        sig = next((s for _, s in named if s), None)
        pid = next((p for c, s in named if not s and not looks_like_title(c)
                    for p in [owner(f, c) or (c if org_label(c) else None)] if p), None)
        if not sig or not (pid or sig.get("party")):
            continue
        sig.setdefault("party", pid)
        office = next((c for c, s in named if not s and looks_like_title(c)), None)
        if office and "title" not in sig:
            sig["title"] = office
        pd = next((place_date(f, c) for c in cells if place_date(f, c) and not person(f, c)), None)
        if pd:
            sig.update({k: v for k, v in (("place", pd.group("place")), ("date_as_written", pd.group("date"))) if v})
        sig["source"] = b.text
        sigs.append(sig)
    return sigs


_SIGNING = re.compile(r"(?<!\w)" + alt(lexicon.SIGNING_VERBS), re.IGNORECASE)
_SIGNED_AT = re.compile(rf"\bi\s+(?P<place>{PLACE})(?:\s*,?\s+den)?\s+(?P<date>{DATE_AS_WRITTEN})")
_SIGNER = re.compile(r"\bav\s+(?P<who>[^,]{3,60}?(?:,\s*[^,]{2,60}?,?)?)\s+för\s+(?P<party>.{2,80}?)(?=\s+och\s+|\s*[.;]?$|\s*,)")


def prose_signatures(f: Findings) -> list[dict[str, Any]]:
    """"Undertecknat i Borlänge den 14 maj 2025 av Jonas Berg för Borlänge kommun och av Malin Åkesson för
    KFUM Borlänge": each signer with the party they sign for, and the place and date the sentence gives."""
    sigs = []
    for b in f.blocks[-25:]:
        for s in b.sentences:
            if not _SIGNING.search(s):
                continue
            at = _SIGNED_AT.search(s)
            found = []
            for m in _SIGNER.finditer(s):
                sig = signatory(f, m.group("who").strip(" ,"))
                pid = owner(f, m.group("party")) or (m.group("party").strip() if org_label(m.group("party")) else None)
                if sig and pid:
                    found.append({**sig, "party": pid})
            if not found:  # "… undertecknats digitalt av kommunens säkerhetschef Maria Lund och av föreningens ordförande …"
                found = [c for clause in _BY_CLAUSES.split(s[_SIGNING.search(s).end():])  # type: ignore[union-attr]
                         for c in [clause_person(f, clause, with_contact=False)] if c and re.match(r"\s*(?:\w+\s+){0,3}?av\s", clause)]
            for sig in found:
                if at and at.group("place").split()[0].casefold() not in lexicon.NOT_PLACES:
                    sig["place"], sig["date_as_written"] = at.group("place"), at.group("date")
                sig["source"] = s
                sigs.append(sig)
    return sigs


_BY_CLAUSES = re.compile(r",?\s+(?:och|samt)\s+(?=av\s)|;")


_CERTIFYING = lexicon.cue(lexicon.CERTIFYING_WORDS)


def memo_signatures(f: Findings) -> list[dict[str, Any]]:
    """A decision memo signed at its end by officials, with no signature heading: `Name Title`, or the
    name with the office on the next line."""
    sigs = []
    tail = f.blocks[-12:]
    for i, b in enumerate(tail):
        following = tail[i + 1].text if i + 1 < len(tail) else ""
        if _CERTIFYING.search(b.text) or (i and _CERTIFYING.search(tail[i - 1].text)):
            continue  # a protocol's secretary certifying the extract signs no agreement
        words = b.text.split()
        named = signatory(f, b.text) if "," in b.text and not b.cells else None
        if len(words) >= 3 and title_word(words[-1]) and person(f, " ".join(words[:-1])):
            sigs.append({"name": " ".join(words[:-1]), "title": words[-1], "source": b.text})
        elif person(f, b.text) and looks_like_title(following):
            sigs.append({"name": b.text, "title": following, "source": f"{b.text} {following}"})
        elif named and named.get("title") and not named.get("party") and looks_like_title(named["title"]):
            sigs.append({**named, "source": b.text})  # "Maria Fors, förvaltningschef" on one line
    return memo_officials(f, sigs)


def memo_officials(f: Findings, sigs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A decision memo's signatories printed under no party are the memo's own (the förvaltningschef who
    wrote it, the handläggare): they sign no agreement, so they are named in a note, never kept as signatures."""
    if sigs and not any(s.get("party") for s in sigs) and f.value("document.kind") == "decision_memo":
        names = ", ".join(s.get("name") or s.get("title") or "?" for s in sigs)
        f.note(f"underskrifter: {names} undertecknar tjänsteskrivelsen, inte överenskommelsen; inte upptagna som underskrifter")
        return []
    return sigs
