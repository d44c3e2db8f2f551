"""Which idea-based parties the text says are non-profit (the schema's `non_profit`).

Only a statement about the party counts: a sentence that opens with it (by name, by its short name,
or as "Föreningen" where there is one association) and says what it is, or one about all the
idea-based parties together.  "Ideell förening" alone says what kind of association it is, and a
court's "att stiftelsen saknar vinstsyfte saknar betydelse" is not the party's statement.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .found import IDEA_NAME, Findings, PartyFound
from .partylist import NON_PROFIT, lines_of

# "Samtliga tre idéburna parter är föreningar utan vinstsyfte", "Båda föreningarna är …": the sides as the subject,
# not "Båda parter är överens om att verksamheten bedrivs utan vinstsyfte" (the activity, not what they are)
_ALLNON_PROFIT = re.compile(r"^(?:(?:båda|samtliga|alla|de)\s+(?:[\wåäö]+\s+){0,2}?(?:föreningar\w*|idéburna\s+parter\w*|"
                             r"organisationer\w*)|föreningarna|organisationerna)\s+(?:" + lx.alt(lx.NON_PROFIT_VERBS) + r")(?!\w)", re.I)
# after the name: an aside in brackets or commas ("Föreningen Solvik, organisationsnummer 802496-6080, är …"), then what it is
_SUBJECT_VERB = re.compile(r"^\s*(?:\([^)]{0,60}\)|,(?:[^,.;]|\.(?=\S)){0,60}(?=,))?\s*(?:,\s*)?(?:" + lx.alt(lx.NON_PROFIT_VERBS) +
                           r"|en|ett|som är|" + lx.alt(lx.NON_PROFIT_PHRASES) + r")(?!\w)", re.I)


def mark_non_profit(f: Findings) -> None:
    """A party is non-profit where a sentence about it says so: it starts with the party (by name, short name
    or "Föreningen" when there is one association), or a plural sentence speaks of all the idea-based parties."""
    ideas = [p for p in f.parties if p.role == "idea_based"]
    if not ideas:
        return
    for b in f.blocks:
        for s in b.sentences:
            if not NON_PROFIT.search(s):
                continue
            if _ALLNON_PROFIT.search(s) and len(ideas) > 1:
                for p in ideas:
                    _mark(p, s)
                continue
            for line in lines_of(s):
                for subject in _subjects(f, line) if NON_PROFIT.search(line) else []:
                    if subject.role == "idea_based":
                        _mark(subject, line)


def _mark(p: PartyFound, s: str) -> None:
    if not p.non_profit:
        p.non_profit, p.np_quote = True, s


_LEADING_NAME = re.compile(r"(?-i:[A-ZÅÄÖ])[\wåäöé&!-]*(?:\s+(?:(?-i:[A-ZÅÄÖ])[\wåäöé&!-]*|i|för))*")


def _subjects(f: Findings, s: str) -> list[PartyFound]:
    """The parties a sentence is about: the names (or short names) it opens with ("A och B är …"), then what they are."""
    text = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)", "", s)
    found: list[PartyFound] = []
    while len(found) < 6:
        opened = _opens_with(f, text)
        if opened is None:
            break
        p, end = opened
        found.append(p)
        text = text[end:]
        if _SUBJECT_VERB.match(text):
            return found if NON_PROFIT.search(text[:140]) else []  # said of them, not of something further on
        joined = re.match(r"\s*(?:,|och|samt|,\s*och)\s+", text)
        if not joined:
            break
        text = text[joined.end():]
    one = _subject(f, text) if not found else None
    return [one] if one else []


def _opens_with(f: Findings, text: str) -> tuple[PartyFound, int] | None:
    words = _LEADING_NAME.match(text)  # "Stadsmissionen är …" for "Stadsmissionen i Karlstad": a clear prefix of one name
    named = f.party(words.group(0)) if words else None
    if named is not None and words is not None:
        return named, words.end()
    for p in f.parties:
        for n in sorted({p.name, *p.aliases, re.sub(r"(?i)^(?:ideella\s+)?(?:föreningen|stiftelsen)\s+", "", p.name), _unkinded(p.name)},
                        key=len, reverse=True):
            end = _after_name(text, n)
            if end is not None:
                return p, end
    return None


def _unkinded(name: str) -> str:
    """The name without the kind of organisation it opens with: "Attention Jönköping" for "Riksförbundet Attention Jönköping"."""
    first, _, rest = name.partition(" ")
    return rest if rest and len(rest) >= 4 and IDEA_NAME.fullmatch(first) and rest[0].isupper() else name


def _subject(f: Findings, text: str) -> PartyFound | None:
    """A sentence about the one association, by its generic name: "Föreningen är icke vinstdrivande"."""
    generic = re.match(r"(?i)(föreningen|stiftelsen|organisationen|den idéburna parten|kretsen|jouren|samfundet|församlingen)\s+"
                       r"(?=" + lx.alt([*lx.NON_PROFIT_VERBS, *lx.NON_PROFIT_PHRASES]) + r")", text)
    if generic and NON_PROFIT.search(text[:160]):
        return f.party(generic.group(1)) if len([p for p in f.parties if p.role == "idea_based"]) == 1 else None
    return None


def _after_name(text: str, name: str) -> int | None:
    """Where `text` goes on after opening with `name`, punctuation aside ("Hej främling är …" for "Hej främling!")."""
    words = re.findall(r"\w[\w-]*", name)
    if not words:
        return None
    m = re.match(r"\W*" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)[!.]?", text, re.IGNORECASE)
    return m.end() if m else None
