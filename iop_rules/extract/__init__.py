"""`iop-rules extract`: a source text in, a draft agreement file out.

    from iop_rules.extract import extract_file
    print(extract_file("agreements/lund-im-radrum-2019.txt"))

Deterministic and offline: Swedish patterns, no model, no network.  The
draft loads with the strict schema; every value carries the sentence it
came from; what was not found, and what the text says in two conflicting
ways, is listed in a comment block at the top for the reviewer.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Iterable

from . import followup, goals, money, parties, people
from .draft import assemble, validated
from .found import Findings
from .read import read_source
from .swedish import slug
from .text import build_blocks

__all__ = ["extract_file", "extract_lines", "extract_data"]

#: Extractors in dependency order: parties before the money they pay, the period before relative dates.
STEPS = (
    parties.extract_document, parties.extract_decision, parties.extract_parties,
    followup.extract_period, followup.extract_extension,
    money.extract_budget, money.extract_funding, money.extract_budget_increase, money.extract_payment,
    followup.extract_reports, followup.extract_cadence, followup.extract_steering_group, followup.extract_review,
    followup.extract_termination, followup.extract_criteria, followup.extract_market,
    goals.extract_commitments, goals.extract_contents, people.extract_contacts, people.extract_signatures,
)
# Signs of Swedish: its commonest small words, and any word with å, ä or ö.
_SMALL_WORDS = frozenset("och att som för med det är av på till ska inte den har om från enligt samt eller ett".split())


def _looks_swedish(word: str) -> bool:
    """Swedish's commonest small words, and any word with å, ä or ö (linear: no pattern backtracks in a long word)."""
    low = word.lower()
    return low in _SMALL_WORDS or "å" in low or "ä" in low or "ö" in low


def agreement_id(path: str | Path) -> str:
    """The draft's id: the source file's stem, as a valid key."""
    stem = Path(path).stem
    return stem if re.fullmatch(r"[a-z0-9][a-z0-9_-]*", stem) else slug(stem)


def extract_findings(lines: list[str], notes: Iterable[str] = ()) -> Findings:
    f = Findings(build_blocks(lines))
    for note in notes:
        f.note(note)
    words = sum(len(b.text.split()) for b in f.blocks)
    swedish = sum(_looks_swedish(w) for b in f.blocks[:400] for w in b.text.split())
    if words >= 20 and swedish < max(3, min(words, 4000) // 25):
        f.note("texten ser inte ut att vara på svenska; extraktionen förstår bara svenska avtal")
    for step in STEPS:
        step(f)
    return f


def extract_data(lines: list[str], agreement_id: str, notes: Iterable[str] = ()) -> tuple[dict[str, Any], Findings]:
    f = extract_findings(lines, notes)
    return assemble(f, agreement_id), f


def extract_lines(lines: list[str], agreement_id: str, path: str = "<text>",
                  where: Callable[[int], str] | None = None, notes: Iterable[str] = ()) -> str:
    """The draft YAML for a text given as lines; `where` names a line's place in the file for the comments,
    `notes` what the reader of the file noticed."""
    data, f = extract_data(lines, agreement_id, notes)
    return validated(data, f, path, where or (lambda line: f"rad {line}"))


def extract_file(path: str | Path) -> str:
    """The draft YAML for a .txt, .md, .docx or .pdf file; `IopError` when it cannot be read."""
    source = read_source(path)
    return extract_lines(source.lines, agreement_id(path), str(path), source.where, source.notes)
