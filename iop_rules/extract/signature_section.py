"""Where the signatures stand and how their lines are cut: the section under "Underskrifter" (or, with no
heading, from the first place and date or "För <party>" near the end that a signatory follows), and a
paragraph of signing lines a copy ran together, cut back into its lines.
"""
from __future__ import annotations

import re

from . import lexicon
from .found import Findings
from .lexicon import alt
from .persons import PLACE_DATE, owner, person, place_date, signatory
from .text import Block, is_heading

_NUMBER = r"^(?:§\s*)?(?:(?:artikel|punkt|avsnitt|kapitel)\s+)?(?:[IVXL]{1,6}\.\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s*(?:[–:-]\s*)?)?"
SIGNATURES_HEADING = re.compile(_NUMBER + alt(lexicon.SIGNATURE_HEADINGS) + r"\s*:?\s*$", re.IGNORECASE)
_LABEL_KIND = {" ".join(p.split()).casefold(): kind for kind, ps in lexicon.SIGNATURE_LABELS.items() for p in ps}
_LABEL = re.compile(r"^(?P<label>" + alt(_LABEL_KIND) + r")(?:\s*:\s*|\s+(?=[_.…]{2})|\s*$)(?P<value>.*)$", re.IGNORECASE)
RUN_ON_HEADING = re.compile(_NUMBER + alt(lexicon.SIGNATURE_HEADINGS) + r"\s*:\s+(?=\S)", re.IGNORECASE)
FOR_PARTY = re.compile(r"^för\s+(?P<party>[^:]{2,100}?)\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE)


def label(text: str) -> tuple[str, str] | None:
    """`Ort och datum: Kalmar 2024-02-01` -> (`place_date`, `Kalmar 2024-02-01`)."""
    m = _LABEL.match(text.strip())
    if not m:
        return None
    return _LABEL_KIND[" ".join(m.group("label").split()).casefold()], m.group("value").strip()


def heading_start(f: Findings) -> int | None:
    """Where a section headed "Underskrifter" begins (its heading on a line of its own, or run into its first lines)."""
    heading = next((i for i, b in enumerate(f.blocks) if b.words <= 6 and SIGNATURES_HEADING.match(b.text)), None)
    if heading is not None:
        return heading + 1
    # "Underskrifter: Piteå 2023-12- Lina Öhman, …": the heading and its lines in one paragraph
    return next((i for i, b in enumerate(f.blocks) if RUN_ON_HEADING.match(b.text)), None)


def section_start(f: Findings) -> int | None:
    blocks = f.blocks
    headed = heading_start(f)
    if headed is not None:
        return headed
    # no heading: a lead with a signatory or a party after it, below the text's first sentence (a memo's "Datum:" heads it)
    body = next((i + 1 for i, b in enumerate(blocks) if b.words >= 8 and b.text.endswith(".")), 0)
    for i in range(max(body, len(blocks) - 25), len(blocks)):
        if any(_leads(f, t) for t in _texts(blocks[i])) and any(_signs(f, t) for b in blocks[i + 1:i + 6] for t in _texts(b)):
            return i
    return None


def _signs(f: Findings, t: str) -> bool:
    """A signing line: a signatory, a party's short label, or both ("För kommunen: Ulrika Brandberg, socialchef")."""
    labelled = FOR_PARTY.match(t)
    return bool(signatory(f, t) or (len(t.split()) <= 8 and owner(f, t)) or (
        labelled and labelled.group("rest") and owner(f, labelled.group("party")) and signatory(f, labelled.group("rest"))))


def _texts(b: Block) -> list[str]:
    """A block's text, or each cell of a table row (the parties' columns side by side)."""
    return [c.strip() for c in b.cells if c.strip()] or [b.text]


def _leads(f: Findings, t: str) -> bool:
    """A line a signing block opens with: a place and date, a form's label, or "För <party>"."""
    lab = label(t)
    signing = FOR_PARTY.match(t)
    return bool((lab and lab[0] in ("place_date", "date", "place", "sign")) or (place_date(f, t) and not person(f, t)) or (
        signing and owner(f, signing.group("party"))))


_CLOSING = re.compile(r"^(?:" + alt(lexicon.LETTER_CLOSINGS) + r")", re.IGNORECASE)


def section_blocks(f: Findings, start: int) -> list[Block]:
    out: list[Block] = []
    for b in f.blocks[start:start + 60]:
        if out and is_heading(b) and not owner(f, b.text) and not label(b.text) and not SIGNATURES_HEADING.match(b.text):
            break
        if _CLOSING.match(b.text):  # "Vänliga hälsningar": the e-mail the agreement was quoted in goes on
            break
        out.append(b)
    return out


# a party's label right after the date (or e-mail) that ended the line before it
_PARTY_AHEAD = re.compile(r"(?<=[\d)-])\s+(?=(?P<party>(?-i:[A-ZÅÄÖ])[\w&-]*(?:\s+[\w&-]+){0,5}):\s)")
_BLANK_THEN = re.compile(r"[_.…]{3,}\s+(?=\w)")
_DATE_THEN_BLANK = re.compile(r"(?<=\d)\s+(?=[_.…]{3,})")
_SENTENCE_THEN = re.compile(r"(?<=[a-zåäö]{3}[.!?])\s+(?=(?-i:[A-ZÅÄÖ]))")
_DATE_THEN_NAME = re.compile(r"(?<=\d{4})\s+(?=(?-i:[A-ZÅÄÖ])[a-zåäö])")
_INNER_FORM_LABEL = re.compile(r"(?<=\s)" + alt(_LABEL_KIND) + r"\s*:", re.IGNORECASE)


def _ends_party_name(f: Findings, text: str) -> bool:
    """The "place" a line's last words would be ends a party's name that "För" opened: "För Föreningen Växthuset Härnösand"."""
    m = re.search(r"(?:^|\s)[Ff]ör\s+(?P<name>[^\d:]+)$", text)
    return bool(m and owner(f, m.group("name")))


def run_on(f: Findings, text: str) -> list[str]:
    """A paragraph of several signature lines run together ("Lund 2021- För Socialförvaltningen",
    "Underskrifter: Piteå 2023-12- Lina Öhman … Piteå 2023-12- Robert Nilsson …"), cut before each
    place and date and each "För <party>"."""
    cuts = {m.start() for m in PLACE_DATE.finditer(text) if m.start() > 0 and place_date(f, m.group(0))
            and not re.search(r"(?::|\bi|\bden)\s*$", text[:m.start()], re.IGNORECASE)  # "Ort/datum: Malmö …" is one
            and not _ends_party_name(f, text[:m.end("place")])}  # nor "För Föreningen Växthuset Härnösand, den 3 mars 2025"
    cuts |= {m.start() for m in re.finditer(r"(?<=\s)För\s", text)}
    cuts |= {m.end() for m in _PARTY_AHEAD.finditer(text) if owner(f, m.group("party"))}  # "… 2026-02-09 RF-SISU Gotland: …"
    cuts |= {m.end() for m in _BLANK_THEN.finditer(text)}  # "Namnförtydligande: ______ ordförande": the line under the blank
    cuts |= {m.start() for m in _DATE_THEN_BLANK.finditer(text)}  # "Degerfors 2026-05-20 ………": the date, then the line to sign on
    # lines a copy ran together with no blank line between: "… två exemplar. Ort och datum: Lund den 1 mars 2025 Lunds kommun"
    cuts |= {m.end() for m in _SENTENCE_THEN.finditer(text)} | {m.end() for m in _DATE_THEN_NAME.finditer(text)}
    cuts |= {m.start() for m in _INNER_FORM_LABEL.finditer(text)  # "Ort: Lund   Datum: 2025-01-10": two captions on a line,
             if not re.search(r"(?:\b(?:och|ort|plats|datum|namn)|[&/,])\s*$", text[:m.start()], re.IGNORECASE)}  # not "Ort och datum:"
    bounds = [0, *sorted(cuts), len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]
