"""Why IOP, and whether a market exists: the SKR criteria the text states, and LOV or earlier procurement.

A criterion is read only where the text states it of this agreement ("Initiativet kommer från
föreningen"), never where it describes what IOP requires in general ("det ska inte finnas en
marknad").  A phrasing names the idea-based side as `<idé>`, which stands for a generic word
("föreningen") or a party's own name, so "Initiativet kommer från kommunen" states nothing.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping

from . import lexicon as lx
from .found import Findings

#: `…` in a phrasing: a few words, none of them a negation (which would turn the statement round).
_GAP = r"(?:(?!(?:inte|ej|icke|aldrig|varken)\b)[\w.,:%()-]+\s+){0,6}?"
_ALSO = lx.cue(lx.ALSO_WORDS)
_NEGATION = re.compile(r"\b(?:inte|ej|ingen|inga|aldrig|varken|nej)\b", re.IGNORECASE)  # "nej": a table's answer ("LOV | Nej")


def _word(w: str) -> str:
    """A word of a phrasing; a label's colon ("Marknad: saknas") may be missing, as in a table row read as a line."""
    colon = ":?" if w.endswith(":") else ""
    w = w.removesuffix(":")
    stem = w[:-1] if w.endswith("*") else w
    if colon:  # "initiativ*:" as "Initiativ:", "Initiativet:"
        return re.escape(stem) + (r"\w*" if w.endswith("*") else "") + colon
    return re.escape(stem) + (r"\w*" if w.endswith("*") else r"(?!\w)")


def phrase_pattern(phrase: str, idea: str, idea_genitive: str) -> str:
    """A phrasing of the lexicon as a regex: words as written, `…` a short gap, `<idé>`/`<idés>` the idea side,
    another `<…>` any word of that group of the lexicon (`<samverkan>`: partnerskapet, samarbetet, IOP …)."""
    parts: list[str] = []
    for w in phrase.split():
        if w == "…":
            parts.append(_GAP)
            continue
        if w in lx.CRITERIA_WORD_GROUPS:
            rx = lx.alt(lx.CRITERIA_WORD_GROUPS[w])
        else:
            rx = idea if w == "<idé>" else idea_genitive if w == "<idés>" else _word(w)
        parts.append(rx + r"\s+")
    return "(?<!\\w)" + "".join(parts).removesuffix(r"\s+")


def _side_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """The idea-based side in words (a one-word side also in a compound: "bygdegårdsföreningarna"; "kvinnor i
    föreningen" is the side too), to be read as "föreningen" before any phrasing is tried: one pass over a
    sentence, not a long alternation at every word of every phrasing."""
    one = sorted({n for n in names if " " not in n}, key=len, reverse=True)
    many = sorted({n for n in names if " " in n}, key=len, reverse=True)
    words = [r"\s+".join(re.escape(w) for w in n.split()) for n in many] + [r"[\wåäö]*(?:" + "|".join(map(re.escape, one)) + ")"]
    return re.compile(r"(?<!\w)(?:" + lx.alt(lx.IDEA_MEMBERS) + r"\s+i\s+)?(?:" + "|".join(words) + r")(?P<s>s)?(?!\w)", re.IGNORECASE)


_SIDE = _side_pattern(lx.IDEA_SIDE)
#: In a phrasing, after the side was read as "föreningen": "föreningen", or the side through a body of its own
#: ("Gnistans styrelse", "klubbens ungdomssektion"); and its genitive.
_IDEA, _IDEA_GENITIVE = r"föreningen(?:s\s+[\wåäö-]+)?(?!\w)", r"föreningens(?!\w)"
_CONDITION = lx.cue(lx.CRITERIA_CONDITIONS)
#: "IOP kan användas när …", "Ett idéburet offentligt partnerskap bygger på …": what IOP is, not what this agreement is.
_GENERAL = re.compile(r"^(?:[\d.§]+\s+)?" + lx.alt(lx.IOP_IN_GENERAL) + r"\s+" + lx.alt(lx.IOP_IN_GENERAL_VERBS), re.IGNORECASE)
#: "Båda parter bidrar till att …" says what the parties achieve, not that both put in resources.
_NOT_AFTER = r"(?!\s+" + lx.alt(lx.CRITERIA_NOT_FOLLOWED_BY) + ")"


#: A word a sentence must hold: a stem to find anywhere ("initiativ*"), or a word to find whole ("kom").
Keyword = tuple[tuple[str, bool], ...]


def _stems(word: str) -> Keyword:
    """What a sentence must hold for `word` of a phrasing to match: the word, or any word of its group."""
    words = lx.CRITERIA_WORD_GROUPS.get(word, (word,))
    return tuple(sorted({(w.split()[0].rstrip("*:").casefold(), w.endswith("*") and " " not in w) for w in words}))


def _keyword(phrase: str) -> Keyword:
    """A phrasing's most telling word (its longest, or a group whose every word is long): a sentence holding none
    of it is not tried with that phrasing at all (a quick test, so a long text costs a scan, not hundreds of
    patterns at every position)."""
    words = [_stems(w) for w in phrase.split() if w not in ("…", "<idé>", "<idés>")]
    return max(words, key=lambda stems: (min(len(x) for x, _ in stems), not any(starred for _, starred in stems)))


class _Phrasings:
    """Phrasings by key, compiled once, one pattern per keyword and key; `tried` gives a sentence the patterns
    whose keyword it holds, found through an index of words (whole words by a set, stems by a substring test)."""

    def __init__(self, phrasings: Mapping[str, Iterable[str]], after: str = "") -> None:
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        self.by_word: dict[str, list[int]] = {}
        self.by_stem: dict[str, list[int]] = {}
        for key, phrases in phrasings.items():
            by_kw: dict[Keyword, list[str]] = {}
            for p in phrases:
                by_kw.setdefault(_keyword(p), []).append(f"(?:{phrase_pattern(p, _IDEA, _IDEA_GENITIVE)}{after})")
            for kw, rxs in by_kw.items():
                for stem, starred in kw:
                    (self.by_stem if starred else self.by_word).setdefault(stem, []).append(len(self.patterns))
                self.patterns.append((key, re.compile("|".join(rxs), re.IGNORECASE)))

    def tried(self, folded: str) -> dict[str, list[re.Pattern[str]]]:
        words = set(re.findall(r"[\w:-]+", folded)) | set(re.findall(r"\w+", folded))
        hits = {i for w in words & self.by_word.keys() for i in self.by_word[w]}
        hits.update(i for stem, found in self.by_stem.items() if stem in folded for i in found)
        out: dict[str, list[re.Pattern[str]]] = {}
        for i in sorted(hits):
            key, rx = self.patterns[i]
            out.setdefault(key, []).append(rx)
        return out


#: A party's own name is put in the sentence as "föreningen" before matching (see `_as_generic`).
_CRITERIA = _Phrasings(lx.CRITERIA_PHRASES, _NOT_AFTER)
#: What takes a criterion back in the same sentence: an initiative both sides took.
_TAKEN_BACK = {"initiative_from_idea_based": re.compile("|".join(phrase_pattern(p, _IDEA, _IDEA_GENITIVE) for p in lx.SHARED_INITIATIVE),
                                                        re.IGNORECASE)}


def short_names(name: str) -> list[str]:
    """How a text names an idea-based party for short: without its leading kind ("Föreningen Bro" as "Bro"), and
    without a place after it ("Livslinjen Dalarna", "Gnistan i Ljusdal", "ABF Norra Västmanland" as "Livslinjen" …)."""
    words = name.split()
    if len(words) > 1 and words[0].casefold() in lx.GENERIC_IDEA:
        words = words[1:]
    out = [" ".join(words)]
    place = [w for w in words[2:] if w != "i"] if len(words) > 2 and words[1] == "i" else words[1:]
    if place and all(w[:1].isupper() for w in place) and (len(words[0]) >= 5 or words[0].isupper() and len(words[0]) >= 3):
        out.append(words[0])  # "ABF Norra Västmanland": the name before a place ("i" and capitalised words)
    return [n for n in out if len(n) > 2 and n[:1].isupper() and n.casefold() not in lx.GENERIC_LABELS]


def _as_generic(f: Findings) -> re.Pattern[str] | None:
    """The idea-based parties' names and aliases, to be read as "föreningen" ("Kompis Sveriges" as "föreningens"),
    as the side in words is (`_SIDE`)."""
    names = sorted({n for p in f.parties if p.role == "idea_based" for full in (p.name, *p.aliases) for n in (full, *short_names(full))
                    if len(n) > 2}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?P<s>s)?(?!\w)", re.IGNORECASE)


def _as_side(m: re.Match[str]) -> str:
    return "föreningen" + (m.group("s") or "")


def _generic(s: str, names: re.Pattern[str] | None) -> str:
    """The sentence with the idea-based side, by name or in words, read as "föreningen" ("föreningens")."""
    return _SIDE.sub(_as_side, names.sub(_as_side, s) if names else s)


def _is_general(s: str) -> bool:
    """A sentence about what IOP requires or is, not about this partnership."""
    return bool(_CONDITION.search(s) or _GENERAL.match(s))


def extract_criteria(f: Findings) -> None:
    names = _as_generic(f)
    said = [(b, s, _CRITERIA.tried(s.casefold())) for b in f.blocks for s in b.sentences]
    said = [(b, s, tried) for b, s, tried in said if tried and not _is_general(s)]
    generic: dict[str, str] = {}
    for key in lx.CRITERIA_PHRASES:
        for b, s, tried in said:
            if key not in tried:
                continue
            if s not in generic:
                generic[s] = _generic(s, names)
            back = _TAKEN_BACK.get(key)
            if any(rx.search(generic[s]) for rx in tried[key]) and not (back and back.search(generic[s])):
                f.add(f"criteria.{key}", True, s, b.line)
                break


_MARKET = _Phrasings({"lov": lx.LOV_PHRASES, "procured_before": lx.PROCURED_BEFORE_PHRASES, "other_providers": lx.OTHER_PROVIDERS_PHRASES})
#: What the text denies: not under LOV, never bought so, no one else offers it ("verksamheten har aldrig upphandlats").
_NO_MARKET = _Phrasings({"lov": lx.NO_LOV_PHRASES, "procured_before": lx.NEVER_PROCURED_PHRASES,
                         "other_providers": lx.NO_OTHER_PROVIDERS_PHRASES})
_LOV_ABBREVIATION = re.compile(r"\bLOV\b")
_BUYING = lx.cue(lx.BUYING_WORDS)
_CONTRAST = lx.cue(lx.MARKET_CONTRASTS)
_LOV_CONTEXT = lx.cue(lx.LOV_CONTEXT_WORDS)


def _market_said(key: str, s: str, tried: dict[str, list[re.Pattern[str]]], denied: dict[str, list[re.Pattern[str]]]) -> bool | None:
    """What a sentence says of `key`: True, False (denied in so many words), or None (nothing, or a negation
    that a phrasing does not read: "har inte upphandlats" is never taken for its opposite)."""
    if any(rx.search(s) for rx in denied.get(key, ())):
        return False
    if _CONTRAST.search(s) or _is_general(s):
        return None  # "IOP är ett alternativ till LOU och LOV": a market set against IOP, none of this activity's
    abbreviation = _LOV_ABBREVIATION.search(s) if key == "lov" and _LOV_CONTEXT.search(s) else None
    m = abbreviation or next((m for rx in tried.get(key, ()) if (m := rx.search(s))), None)
    return None if m is None or _NEGATION.search(s[:m.end() + 20]) else True


def extract_market(f: Findings) -> None:
    """What the text says of a market for the same service: LOV, an earlier procurement, other providers, each
    as stated or as denied; said with "även" and a purchase ("köps i dag även av privata utförare"), the
    activity is bought on that market too.  A text that says both leaves the conflict to the reviewer."""
    names = _as_generic(f)
    found = [(b, s, tried, denied) for b in f.blocks for s in b.sentences for folded in (s.casefold(),)
             for tried, denied in ((_MARKET.tried(folded), _NO_MARKET.tried(folded)),) if tried or denied or "LOV" in s]
    said = [(b, _generic(s, names), s, tried, denied) for b, s, tried, denied in found]
    also = False
    for key in ("lov", "procured_before", "other_providers"):
        taken: set[bool] = set()
        for b, generic, s, tried, denied in said:
            value = _market_said(key, generic, tried, denied)
            if value is None:
                continue
            if value not in taken:
                f.add(f"market.{key}", value, s, b.line)
                taken.add(value)
            if value and key != "procured_before" and not also and _ALSO.search(s) and _BUYING.search(s):
                f.add("criteria.also_procured", True, s, b.line)
                also = True
