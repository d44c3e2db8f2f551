"""Why IOP, and whether a market exists: the SKR criteria the text states, and LOV or earlier procurement.

A criterion is read only where the text states it of this agreement ("Initiativet kommer från
föreningen"), never where it describes what IOP requires in general ("det ska inte finnas en
marknad").  A phrasing names the idea-based side as `<idé>`, which stands for a generic word
("föreningen") or a party's own name, so "Initiativet kommer från kommunen" states nothing.
"""
from __future__ import annotations

import re
from typing import Iterable

from . import lexicon as lx
from .found import Findings

#: `…` in a phrasing: a few words, none of them a negation (which would turn the statement round).
_GAP = r"(?:(?!(?:inte|ej|icke|aldrig|varken)\b)[\w.,:%()-]+\s+){0,6}?"
_ALSO = lx.cue(lx.ALSO_WORDS)
_NEGATION = re.compile(r"\b(?:inte|ej|ingen|inga|aldrig|varken)\b", re.IGNORECASE)


def _word(w: str) -> str:
    stem = w[:-1] if w.endswith("*") else w
    return re.escape(stem) + (r"\w*" if w.endswith("*") else r"(?!\w)")


def phrase_pattern(phrase: str, idea: str, idea_genitive: str) -> str:
    """A phrasing of the lexicon as a regex: words as written, `…` a short gap, `<idé>`/`<idés>` the idea side."""
    parts: list[str] = []
    for w in phrase.split():
        if w == "…":
            parts.append(_GAP)
            continue
        rx = idea if w == "<idé>" else idea_genitive if w == "<idés>" else _word(w)
        parts.append(rx + r"\s+")
    return "(?<!\\w)" + "".join(parts).removesuffix(r"\s+")


def _side(names: Iterable[str], genitive: bool) -> str:
    words = sorted({n.strip() for n in names}, key=len, reverse=True)
    # a one-word side also in a compound: "bygdegårdsföreningarna", "idrottsföreningen"
    rx = [(r"[\wåäö]*" if " " not in n else "") + r"\s+".join(re.escape(part) for part in n.split()) for n in words]
    if genitive:
        rx = [r + "s" for r in rx]  # "föreningens", "de idéburna organisationernas"
        return "(?:" + "|".join(rx) + r")(?!\w)"
    # "Gnistans styrelse", "föreningens medlemmar": the side speaking through its board or members
    return "(?:" + "|".join(rx) + r")(?:s\s+" + lx.alt(lx.IDEA_BODIES) + r")?(?!\w)"


_IDEA, _IDEA_GENITIVE = _side(lx.IDEA_SIDE, False), _side(lx.IDEA_SIDE, True)
_CONDITION = lx.cue(lx.CRITERIA_CONDITIONS)


def _keyword(phrase: str) -> str:
    """A phrasing's longest word, as a plain stem: a sentence without it is not tried with that phrasing at all
    (a quick test in C, so a long text costs a scan, not a hundred patterns at every position)."""
    words = [w.rstrip("*").casefold() for w in phrase.split() if w not in ("…", "<idé>", "<idés>")]
    return max(words, key=len)


#: Compiled once, by keyword: a party's own name is put in the sentence as "föreningen" before matching (see `_as_generic`).
_CRITERIA = {key: [(kw, re.compile("|".join(f"(?:{phrase_pattern(p, _IDEA, _IDEA_GENITIVE)})" for p in phrases
                                             if _keyword(p) == kw), re.IGNORECASE))
                   for kw in sorted({_keyword(p) for p in phrases})]
             for key, phrases in lx.CRITERIA_PHRASES.items()}


def _as_generic(f: Findings) -> re.Pattern[str] | None:
    """The idea-based parties' names and aliases, to be read as "föreningen" ("Kompis Sveriges" as "föreningens")."""
    names = sorted({n for p in f.parties if p.role == "idea_based" for n in (p.name, *p.aliases) if len(n) > 2}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?P<s>s)?(?!\w)", re.IGNORECASE)


def extract_criteria(f: Findings) -> None:
    names = _as_generic(f)
    said = [(b, s, s.casefold()) for b in f.blocks for s in b.sentences]
    generic: dict[str, str] = {}
    for key, by_keyword in _CRITERIA.items():
        for b, s, folded in said:
            tried = [rx for kw, rx in by_keyword if kw in folded]
            if not tried or _CONDITION.search(s):
                continue
            if s not in generic:
                generic[s] = names.sub(lambda m: "föreningen" + (m.group("s") or ""), s) if names else s
            if any(rx.search(generic[s]) for rx in tried):
                f.add(f"criteria.{key}", True, s, b.line)
                break


_MARKET = {"lov": re.compile(lx.cue(lx.LOV_PHRASES).pattern + r"|(?-i:\bLOV\b)", re.IGNORECASE),
           "procured_before": lx.cue(lx.PROCURED_BEFORE_PHRASES),
           "other_providers": lx.cue(lx.OTHER_PROVIDERS_PHRASES)}


def extract_market(f: Findings) -> None:
    """What the text says of a market for the same service: LOV, an earlier procurement, other providers.
    A negated sentence ("har inte upphandlats") is left to the reviewer, never read as its opposite."""
    for key, rx in _MARKET.items():
        for b, s in f.sentences_with(rx):
            if _NEGATION.search(s[:rx.search(s).end() + 20]):  # type: ignore[union-attr]
                continue
            f.add(f"market.{key}", True, s, b.line)
            if key == "lov" and _ALSO.search(s):  # "utförs även av privata utförare enligt LOV": bought there too
                f.add("criteria.also_procured", True, s, b.line)
            break
