"""Sections some guidelines require (`contents`): background, values, goals, renegotiation, amendments, a cost analysis.

A section is read from a heading the lexicon names, quoted by the first sentence under it, or from a
sentence that is such a section by itself; a memo's background is the matter's, not the agreement's.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .followup import is_amendment
from .found import Findings
from .reasons import phrase_pattern
from .text import is_heading

_HEADS = {" ".join(h.split()): key for key, heads in lx.CONTENTS_HEADINGS.items() for h in heads}
#: "§ 2", "2.1", "II.", "Artikel 1 –", "Punkt 8 –": a heading's number, not its words.
HEAD_NUMBER = re.compile(r"^(?:§\s*\d{1,2}|\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|(?:artikel|punkt|avsnitt|kapitel)\s+\d{1,2}"
                         r"\s*[–:.-]?)\s*", re.IGNORECASE)
_SENTENCES = {key: re.compile("|".join(phrase_pattern(p, "", "") for p in phrases), re.IGNORECASE)
              for key, phrases in lx.CONTENTS_SENTENCES.items()}


def _heading_key(text: str) -> tuple[str | None, bool]:
    """The section a heading names, and whether it named it as one part of several ("Omförhandling och uppsägning")."""
    head = " ".join(HEAD_NUMBER.sub("", text).rstrip(" :").casefold().split())
    if head in _HEADS:
        return _HEADS[head], False
    if head.startswith("bakgrund "):
        return "background", False
    for part in re.split(r",\s*|\s+och\s+|\s+&\s+", head):
        if part in _HEADS:
            return _HEADS[part], True
    return None, False


def extract_contents(f: Findings) -> None:
    """Sections some guidelines require (`contents`): a heading the lexicon names, quoted by the first
    sentence under it (a heading with nothing under it is no section), else a sentence that is one."""
    memo = f.value("document.kind") == "decision_memo"
    amending = is_amendment(f)
    for b in f.blocks:  # "Bakgrund<TAB>Gillet har sedan 1952 …": a label and its text on one line
        label = _heading_key(b.cells[0])[0] if len(b.cells) == 2 and len(b.cells[0].split()) <= 4 else None
        if label and not (label == "background" and memo) and b.sentences:
            f.add(f"contents.{label}", True, b.sentences[0], b.line)
    for i, b in enumerate(f.blocks[:-1]):
        key, partial = _heading_key(b.text) if b.words <= 8 and len(b.cells) != 2 else (None, False)
        if key is None or key == "background" and memo or key == "amendments" and amending:
            continue  # a memo's "Bakgrund" is the matter's; an amending agreement's "Ändringar" are the changes it makes
        nxt = f.blocks[i + 1]
        if nxt.heading or not nxt.sentences or lx.PLACEHOLDER.search(nxt.text):
            continue
        if partial:  # one part of the heading: the sentence under it that is that part
            hit = next(((x, s) for x in f.blocks[i + 1:i + 5] if not is_heading(x) for s in x.sentences
                        if _SENTENCES[key].search(s)), None) if key in _SENTENCES else None
            if hit:
                f.add(f"contents.{key}", True, hit[1], hit[0].line)
            continue
        f.add(f"contents.{key}", True, nxt.sentences[0], nxt.line)
    for key, rx in _SENTENCES.items():
        if f.pick(f"contents.{key}") or key == "background" and memo:
            continue
        hit = next(((b, s) for b, s in f.sentences_with(rx) if not lx.PLACEHOLDER.search(s)), None)
        if hit:
            f.add(f"contents.{key}", True, hit[1], hit[0].line)
