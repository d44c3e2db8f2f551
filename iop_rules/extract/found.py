"""What extractors find: candidates with their quotes, the parties, and what was doubtful.

A value is only ever taken from a candidate, and a candidate always holds
the sentence it came from.  When candidates of the same strength disagree,
`Findings.pick` takes none of them and records the conflict, so the draft
shows both to the reviewer instead of choosing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from . import lexicon
from .swedish import norm_name, slug
from .text import Block

PUBLIC_NAME = re.compile(r"kommun|region\b|region |regionen\b|landsting|förvaltning|nämnd|\bstad\b|länsstyrelse|staten|myndighet",
                         re.IGNORECASE)


#: How an agreement refers to a party without naming it.
_GENERIC = {**{w: "public" for w in lexicon.GENERIC_PUBLIC}, **{w: "idea_based" for w in lexicon.GENERIC_IDEA}}
_REGION_NAME = re.compile(r"region|landsting", re.IGNORECASE)
_MUNICIPAL_NAME = re.compile(r"kommun|\bstad\b|staden\b", re.IGNORECASE)


def names_other_kind(word: str, name: str) -> bool:
    """`regionen` said in an agreement whose one public party is a kommun (or `kommunen` of a region's): the
    word names a body of another kind, which is no party."""
    if word.startswith("region"):
        return bool(_MUNICIPAL_NAME.search(name)) and not _REGION_NAME.search(name)
    return bool(_REGION_NAME.search(name)) and not _MUNICIPAL_NAME.search(name)


@dataclass
class Found:
    value: Any
    quote: str
    line: int
    rank: int = 0


@dataclass
class PartyFound:
    id: str
    role: str
    name: str
    quote: str
    line: int
    org_number: str | None = None
    org_quote: str | None = None
    non_profit: bool | None = None
    np_quote: str | None = None
    aliases: set[str] = field(default_factory=set)

    def quotes(self) -> str:
        return join_quotes([self.quote, self.np_quote, self.org_quote])


def join_quotes(quotes: list[str | None]) -> str:
    """Several sentences a value rests on, in order, each once."""
    seen: list[str] = []
    for q in quotes:
        if q and q not in seen:
            seen.append(q)
    return " … ".join(seen)


@dataclass
class Findings:
    """Everything one document yielded, shared by the extractors in turn."""

    blocks: list[Block]
    scalars: dict[str, list[Found]] = field(default_factory=dict)
    parties: list[PartyFound] = field(default_factory=list)
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    conflicts: dict[str, list[Found]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    picked: dict[str, Found | None] = field(default_factory=dict)
    #: what several extractors read alike from the blocks alone (the budget's candidate starts), read once
    read_once: dict[str, Any] = field(default_factory=dict)

    def sentences_with(self, cue: re.Pattern[str]) -> Iterator[tuple[Block, str]]:
        """Every sentence the cue occurs in, with its paragraph: where most extractors start looking."""
        for b in self.blocks:
            for s in b.sentences:
                if cue.search(s):
                    yield b, s

    def add(self, name: str, value: Any, quote: str, line: int, rank: int = 0) -> None:
        if value is None or value == "":
            return
        self.scalars.setdefault(name, []).append(Found(value, quote, line, rank))
        self.picked.pop(name, None)

    def pick(self, name: str) -> Found | None:
        """The value of the strongest candidates when they agree; none, and a conflict, when they do not."""
        if name in self.picked:
            return self.picked[name]
        found = self.scalars.get(name, [])
        if not found:
            return None
        top = max(f.rank for f in found)
        best = [f for f in found if f.rank == top]
        values = []
        for f in best:
            if f.value not in values:
                values.append(f.value)
        result = best[0] if len(values) == 1 else None
        if result is None:
            self.conflicts[name] = [next(f for f in best if f.value == v) for v in values]
        self.picked[name] = result
        return result

    def value(self, name: str) -> Any:
        f = self.pick(name)
        return f.value if f else None

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    # parties -------------------------------------------------------------------------------
    def add_party(self, role: str, name: str, quote: str, line: int) -> PartyFound:
        existing = self.party(name)
        if existing is not None:
            return existing
        pid = slug(name)
        taken = {p.id for p in self.parties}
        base, n = pid, 2
        while pid in taken:
            pid, n = f"{base}-{n}", n + 1
        party = PartyFound(pid, role, name, quote, line)
        self.parties.append(party)
        return party

    def party(self, text: str) -> PartyFound | None:
        """The one party `text` names: by name, alias or id, or a clear prefix of either."""
        want = norm_name(text)
        if not want:
            return None
        exact = [p for p in self.parties
                 if want in (norm_name(p.name), p.id) or want in {norm_name(a) for a in p.aliases}]
        if len(exact) == 1:
            return exact[0]
        generic = _GENERIC.get(want)
        if generic and not exact:  # "kommunen", "föreningen": the one party of that side, when there is one
            publics = [p for p in self.parties if p.role == generic]
            if len(publics) > 1:  # "regionen" beside a kommun: the one whose name says region
                stem = want[:-2] if want.endswith(("en", "ns")) else want
                publics = [p for p in publics if stem[:4] in norm_name(p.name)]
            elif publics and names_other_kind(want, norm_name(publics[0].name)):
                return None  # "regionen" in a kommun's agreement is another body, not the kommun
            return publics[0] if len(publics) == 1 else None
        if len(want) < 4 and not (len(want) >= 2 and text.strip().isupper()):  # "ABF" for "ABF Motala-Vadstena"
            return None
        head = self.head_words().get(want)
        if head is not None and not exact:  # "hembygdsföreningen" for "Malmbergets hembygdsförening"
            return head
        # a clear prefix either way, or the place in "Socialnämnden i Gävle kommun" for "Gävle kommun"
        loose = [p for p in self.parties
                 if norm_name(p.name).startswith(want + " ") or want.startswith(norm_name(p.name) + " ")
                 or (" " in want and norm_name(p.name).endswith(" i " + want))]
        return loose[0] if len(loose) == 1 else None

    def head_words(self) -> dict[str, PartyFound]:
        """The definite forms of the kind word a party's name ends in ("hembygdsföreningen", "församlingens" for
        "Malmbergets hembygdsförening", "Kiruna församling"): how a text refers back to it, when no other party's
        name ends in that word and the word is not a generic one ("kommunen") already read by side."""
        key = ("head_words", *(p.id + "|" + p.name for p in self.parties))  # parties are added early; read again when they change
        cached = self.read_once.get("head_words")
        if cached is not None and cached[0] == key:
            return cached[1]  # type: ignore[no-any-return]
        ends: dict[str, list[PartyFound]] = {}
        for p in self.parties:
            last = p.name.split()[-1] if len(p.name.split()) > 1 else ""
            if len(last) >= 5 and (last.islower() or IDEA_NAME.search(last)) and last.isalpha():  # "Åre Parasportklubb": "parasportklubben"
                ends.setdefault(last.casefold(), []).append(p)
        out: dict[str, PartyFound] = {}
        for word, owners in ends.items():
            forms = (word + "n", word + "ns") if word.endswith(("e", "a")) else (word + "en", word + "ens", word + "et", word + "ets")
            if len(owners) == 1:
                out.update({f: owners[0] for f in forms if f not in _GENERIC})
        self.read_once["head_words"] = (key, out)
        return out

    def party_ref(self, text: str) -> str:
        """A party id when `text` names a party, else the text as written."""
        p = self.party(text)
        return p.id if p else text.strip()

    def mentioned(self, text: str) -> list[tuple[int, PartyFound]]:
        """Parties named in `text`, with where, first mention first."""
        low = text.casefold()
        out = []
        for p in self.parties:
            names = [p.name, *p.aliases, *(w for w, q in self.head_words().items() if q is p)]
            positions = []
            for n in names:
                m = re.search(r"(?<!\w)" + re.escape(n.casefold().rstrip("!.")) + r"(?!\w)", low)
                if m:
                    positions.append(m.start())
            if positions:
                out.append((min(positions), p))
        return sorted(out, key=lambda t: t[0])


# An association's word anywhere in the name ("Kvinnojouren i Gävle kommun", "Idrottsföreningen Kommunal"), unless it is one of
# the public bodies built on such a word (a samordningsförbund is public).
IDEA_NAME = re.compile(lexicon.alt(lexicon.IDEA_NAME_WORDS), re.IGNORECASE)
_PUBLIC_COMPOUND = re.compile(lexicon.alt(lexicon.PUBLIC_NAME_WORDS), re.IGNORECASE)


def role_of(name: str) -> str:
    if _PUBLIC_COMPOUND.search(name):
        return "public"
    return "idea_based" if IDEA_NAME.search(name) or not PUBLIC_NAME.search(name) else "public"
