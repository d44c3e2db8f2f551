"""The steering group: who sits in it, party by party, and how often it meets.

A group is read only from a forum word (`styrgrupp`, `partnerskapsråd`, …) that is not part of a
party's own name ("Bygdegårdarnas samverkansråd").  Its members are read from a list under a line
ending in a colon, from prose ("med två företrädare för vardera parten", "består av X, Y från
Regionen samt Z från Distriktet"), or from a line under a heading.  Prose read only in part is no
list: then no member is written, and the reviewer is told; a list line with no party is named to the
reviewer, the other lines stand (each is one member).
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import Findings
from .whose import sides
from .eachseats import fronted, held_alike
from .meetings import meetings_a_year
from .memberlines import LOOKS_MEMBER, SENTENCE_VERB, Labels, line_members, named_over_title, people
from .prosemembers import members_in_prose
from .seats import appointed, each_seat, is_header_row, labelled_runs, party_runs
from .swedish import COUNT
from .text import Block, is_heading

# A steering group, or a named forum that does its work (RULES.md, IOP-GOV-01); a reference group only advises.

def _forms(groups: tuple[str, ...]) -> str:
    return lx.alt(form for g in groups for form in (g, g + "en", g + "et", g + "ets", g + "ens", g + "s"))


_FORUM_WORDS = _forms(lx.STEERING_GROUPS + lx.STEERING_GROUPS_WEAK)
_FORUM = re.compile(r"(?<!\w)" + _FORUM_WORDS, re.IGNORECASE)
_STRONG_FORUM = re.compile(r"(?<!\w)" + _forms(lx.STEERING_GROUPS), re.IGNORECASE)
_FOLLOWING = r"(?:\s+följande(?:\s+[\wåäö]+){0,2}\s*:|\s*:)?\s*"  # "består av följande personer: …"
_WHO = re.compile(r"(?:\s+(?!och\b)[\wåäö]+){0,2}?\s+(?:" + lx.alt(lx.STEERING_MEMBERS) + r")" + _FOLLOWING + r"(?P<who>.+)", re.IGNORECASE)
# "Parterna bildar en styrgrupp" says who forms the group, not who sits in it
_WHO_FIRST = re.compile(r"^(?!(?:båda\s+|de\s+två\s+)?(?:avtals)?parterna\s+(?:gemensamt\s+|tillsammans\s+)?(?:ska\s+)?(?:bildar|bilda)\b)"
                        r"(?P<who>.+?)\s+(?:utgör|bildar|ingår\s+i|sitter\s+i)\s+(?:tillsammans\s+|gemensamt\s+)?(?:en\s+|den\s+)?(?:gemensam\s+)?"
                        + _FORUM_WORDS, re.IGNORECASE)
_IN_FORUM = re.compile(r"\bI\s+(?:" + _FORUM_WORDS + r"|den|gruppen)\s+(?:ingår|sitter|finns)" + _FOLLOWING + r"(?P<who>.+)", re.IGNORECASE)
#: "består från och med 2026-05-01 av …": when, between the verb and its members.
_WHEN = re.compile(r"(?<=består)\s+(?:från\s+och\s+med|fr\.\s?o\.\s?m\.?|från|efter|under|till\s+och\s+med|t\.\s?o\.\s?m\.?)\s+"
                   r"(?:den\s+)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+[a-zåäö]+(?:\s+\d{4})?|\d{4}|[a-zåäö]+\s+\d{4})(?=\s+av\b)", re.IGNORECASE)
_IN_GROUP = re.compile(r"\s+i\s+(?:den\s+)?(?:gemensamma\s+)?" + _FORUM_WORDS, re.IGNORECASE)
_HAS_SEATS = re.compile(rf"\s+har\s+(?P<who>(?:{COUNT})\s+{lx.alt(lx.STEERING_SEATS)}.*)", re.IGNORECASE)
_MEET_VERB = lx.cue(lx.MEETING_VERBS)
#: "Ledamöter i styrgruppen är …", "Deltagare i partnerskapsrådet: …".
_SEATS_IN = re.compile(r"^(?:" + lx.alt(lx.STEERING_SEATS) + r"|deltagare|medlemmar|ledamöterna|representanterna)\s+i\s+(?:den\s+)?"
                       r"(?:gemensamma\s+)?" + _FORUM_WORDS + r"\s*(?:är|blir|utgörs\s+av|:)\s*(?P<who>.+)", re.IGNORECASE)
_BACK_WHO = re.compile(r"^(?:den|gruppen|rådet)\s+(?:" + lx.alt(lx.STEERING_MEMBERS) + r")\s*:?\s*(?P<who>.+)", re.IGNORECASE)
_BACKREF = re.compile(r"^(?:i\s+)?(?:den|det|gruppen|rådet|" + _FORUM_WORDS + r")\s|^\S+\s+(?:möten|sammanträden)\b", re.IGNORECASE)


def _masked(f: Findings, s: str) -> str:
    """The sentence with the parties' names blanked, so a name with a forum word in it is no forum."""
    for p in f.parties:
        for n in (p.name, *p.aliases):
            if _FORUM.search(n):
                s = re.sub(re.escape(n), lambda m: "_" * len(m.group(0)), s, flags=re.IGNORECASE)
    return s


def _forum_in(f: Findings, s: str) -> bool:
    return bool(_FORUM.search(_masked(f, s)))


_AT_WORK = re.compile(r"\bmed\s+(?:en|ett|två|tre|fyra|\d+|representanter|företrädare)\b", re.IGNORECASE)


def _groups_said(f: Findings) -> list[tuple[int, Block, str]]:
    """The sentences that name the group: a steering group's word, else a working group's where it is manned or meets."""
    said = [(i, b, s) for i, b in enumerate(f.blocks) for s in b.sentences if _forum_in(f, s)]
    strong = [x for x in said if _STRONG_FORUM.search(_masked(f, x[2]))]
    if strong:
        return strong
    working = any(_LIST_CUE.search(s) or _MEET_VERB.search(s) or _AT_WORK.search(s) for _, _, s in said)
    return said if working else []


def extract_steering_group(f: Findings) -> None:
    said = _groups_said(f)
    if not said:
        return
    members, quote = _from_list(f, said)
    if quote is None:
        members, quote = _from_prose(f, said)
    if quote is None:
        members, quote = _under_heading(f, said)
    if len({m["party"] for m in members}) < 2:  # "I styrgruppen ingår enhetschefen. Föreningen representeras av …"
        members, quote = _side_by_side(f, said, members, quote)
    quote = quote or said[0][2]
    _meetings(f, said)
    if not members:
        f.note(f"styrgrupp: vilka parter som ingår kunde inte läsas; ange ledamöterna själv (\"{quote[:160]}\")")
    f.items["steering_group"] = [{"members": members, "source": quote}]


def _side_by_side(f: Findings, said: list[tuple[int, Block, str]], members: list[dict[str, Any]],
                  quote: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """The sentences after the group's that each name one side's people ("Kommunen representeras av enhetschefen.
    Föreningen representeras av ordföranden."), added to what the group's own sentence named: only when
    together they name both sides, so one side's people alone are never the group."""
    for i, b, s in said[:3]:
        found, quotes = list(members), [quote] if quote else []
        own = None if found else party_runs(f, people(_IN_GROUP.sub("", s)), parties=1)
        if own:  # "Kommunen företräds i styrgruppen av socialchefen. Föreningen företräds av ordföranden."
            found, quotes = own, [s]
        for t in _following(f, i, b, s, 3):
            if t in quotes:
                continue  # the sentence the group's members were read from already
            runs = party_runs(f, people(_IN_GROUP.sub("", t)), parties=1)
            if not runs:
                break
            found += runs
            quotes.append(t)
        if len({m["party"] for m in found}) >= 2:
            return found, " … ".join(q for q in quotes if q)
    return members, quote


def _following(f: Findings, i: int, b: Block, s: str, n: int) -> list[str]:
    """Up to `n` sentences after `s`, in its paragraph and the paragraphs after it (no heading)."""
    out = b.sentences[b.sentences.index(s) + 1:]
    for nxt in f.blocks[i + 1:i + 1 + n]:
        if len(out) >= n or is_heading(nxt):
            break
        out += nxt.sentences
    return out[:n]


_RULE_CELL = re.compile(r"\s*:?-{2,}:?\s*")
_OPEN_LIST = re.compile(r"(?<!\w)(?:" + lx.alt(lx.STEERING_MEMBERS) + r"|ingår|följande)\s*$", re.IGNORECASE)
#: "Gruppen består av …", "Förvaltningen representeras av …": a sentence under the heading, read as prose, not as a list line.
_CLAUSE_VERB = re.compile(r"(?<!\w)(?:" + lx.alt(v for v in lx.STEERING_MEMBERS if " " in v) + "|" + lx.alt(lx.STEERING_RUN_VERBS) + r")",
                          re.IGNORECASE)
_RELATIVE = re.compile(r"[,;]?\s+(?:där|i\s+vilken|i\s+vilket|vari)\s+(?=\S+\s+(?:representeras|företräds|deltar|medverkar))", re.IGNORECASE)
_LIST_CUE = re.compile(r"består|utgörs|ingå|sammansät|sammansatt|ledamöter|representanter|företrädare|följande\s+(?:funktioner|personer)|"
                       r"bestående|sitter|deltar|deltagare|medlemmar", re.IGNORECASE)


def _from_list(f: Findings, said: list[tuple[int, Block, str]]) -> tuple[list[dict[str, Any]], str | None]:
    """`Styrgruppen består av:` (or `Den består av:` after the group is named), or a heading `Styrgrupp`,
    over one member a line: a list item, a table row, or a party's label over its people."""
    for i, b, _ in [*said, *_section_labels(f, said)]:
        last = b.sentences[-1] if b.sentences else b.text
        cue = _LIST_CUE.search(last) or len(last.split()) <= 4  # "Styrgrupp:" over its members
        tail = re.search(r":\s*(?P<tail>[^.;]{2,80})$", last)  # "består av: Lunds kommun", its first line run on
        tail = tail if tail and len(tail.group("tail").split()) <= 8 and cue else None
        colon = b.text.rstrip().endswith(":") or tail is not None
        # "Ledningsgruppen består av" over its list: the colon left out
        colon = colon or bool(_OPEN_LIST.search(b.text) and i + 1 < len(f.blocks) and f.blocks[i + 1].bullet)
        headed = not colon and b.words <= 4 and not re.search(r"[.!?]$", b.text)  # "STYRGRUPP", "7. Styrgrupp"
        if not (colon and cue or headed) or i + 1 >= len(f.blocks):
            continue
        members: list[dict[str, Any]] = []
        labels = Labels(f)
        first = [Block(tail.group("tail"), b.line, sentences=[tail.group("tail")])] if tail else []
        for item in named_over_title(first + f.blocks[i + 1:i + 16]):
            if item.cells and (is_header_row(item.cells) or all(_RULE_CELL.fullmatch(c) for c in item.cells)):
                continue  # `| Namn | Roll |`, `|---|---|`
            opened = labels.opens(item)
            if opened is not None:  # `Från Lunds kommun:` over the lines of its people
                members.extend(opened)
                continue
            found = labels.members(item)
            long = item.words > 15 and not labelled_runs(f, item.text)  # "För kommunen: A (chef) och B. För föreningen: C."
            if not item.bullet and (long or found is None):
                break  # a line that is no member, unmarked lines included: the list has ended
            if headed and (SENTENCE_VERB.search(item.text) or _forum_in(f, item.text) or not LOOKS_MEMBER.search(item.text)
                           or _CLAUSE_VERB.search(item.text)):
                break  # prose under the heading, or a list of the group's tasks: not its members
            # called in when needed, or a substitute: no seat (an adjunct's seat is one)
            if re.search(r"vid\s+behov|^övriga|^(?:ersättare|suppleant(?:er)?)\b", item.text, re.I):
                continue
            if found is None and is_heading(item):
                break  # the next section's heading, read as a list line
            if found is None:  # each line is one member: the others stand, this one is for the reviewer
                f.note(f"styrgrupp: \"{item.text}\" nämner ingen part; lägg till den själv")
                continue
            members.extend(found)
        members.extend(labels.close())
        if members:
            return members, b.text
    return [], None


def _section_labels(f: Findings, said: list[tuple[int, Block, str]]) -> list[tuple[int, Block, str]]:
    """`Ledamöter:` or `Sammansättning:` in the section under the group's heading, though it names no group."""
    out = []
    for i, b, _ in said:
        if not (is_heading(b) or b.words <= 4 and not re.search(r"[.!?:]$", b.text)):
            continue
        for j in range(i + 1, min(i + 8, len(f.blocks))):
            nxt = f.blocks[j]
            if is_heading(nxt) and not nxt.text.endswith(":"):
                break
            if nxt.words <= 4 and (nxt.text.endswith(":") or nxt.words <= 2 and not re.search(r"[.!?]$", nxt.text)) \
                    and _LIST_CUE.search(nxt.text):  # "Ledamöter:", or "Ledamöter" as a heading of its own
                out.append((j, nxt, nxt.text))
    return out


def _from_prose(f: Findings, said: list[tuple[int, Block, str]]) -> tuple[list[dict[str, Any]], str | None]:
    """The group's sentence, strongest form first: "Styrgruppen består av …", "I styrgruppen ingår …",
    "… utgör styrgruppen", "Parterna utser varsin representant": the first that names every member."""
    first: str | None = None
    for _, b, s in said:  # a table's row `Samrådsgrupp | Kulturchef och … från kommunen, ordförande … från gillet.`
        if len(b.cells) >= 2 and _FORUM.fullmatch(b.cells[0].strip()) and s.startswith(b.cells[0].strip()):
            members = members_in_prose(f, s[len(b.cells[0].strip()):].strip(), s)
            if members:
                return members, s
    forms = (lambda s: _after_forum(f, s), _IN_FORUM.search, _SEATS_IN.match, _WHO_FIRST.search, _BACK_WHO.match, _where_in)
    following = [t for i, b, s in said for t in _next_sentence(f, i, b, s) if _BACKREF.match(t)]
    for t in [x for _, _, x in said] + [t for i, b, s in said for t in _next_sentence(f, i, b, s)]:
        alike = held_alike(f, t) or fronted(f, t)  # "Varje part har två platser i styrgruppen"
        if alike:
            return alike, t
        clause = _RELATIVE.split(t, maxsplit=1)[-1]  # "En styrgrupp bildas, där kommunen representeras av …"
        runs = party_runs(f, people(_IN_GROUP.sub("", clause)))  # "Kommunen representeras i styrgruppen av X och föreningen av Y"
        if runs:
            return runs, t
    for form in forms:
        for s in [x for _, _, x in said] + following:
            m = form(s)
            if m is None or len(m.group("who").split()) > 40:
                continue
            first = first or s
            who = m.group("who")
            at = next((i for i, _, x in said if x == s), None)
            # "består av: A, …, Lunds kommun" over "B, …, Föreningen Bro"; "består av A, …" run on with no colon and no full stop
            if at is not None and (re.search(r":\s*\S", s) or not re.search(r"[.!?]$", s.strip())):
                block = f.blocks[at]
                after = block.sentences[block.sentences.index(s) + 1:]  # "… samordnare. Från föreningen: Per Ek." run on
                lines = [Block(t, block.line, sentences=[t]) for t in after] + f.blocks[at + 1:at + 15]
                for line in lines:
                    if line.words > 15 or line_members(f, line) is None:
                        break
                    who += " " + line.text
            members = members_in_prose(f, who, s)
            if members:
                return members, s
    for i, b, s in said:
        each = _EACH_APPOINTS.search(s)
        if each:  # "Parterna utser varsin representant till styrgruppen", "Varje part utser två ledamöter"
            return [seat for p in sides(f) for seat in each_seat(p.id, s[each.end():])], s
        for t in [s, *_next_sentence(f, i, b, s)]:
            by_party = appointed(f, t)  # "Kommunen utser två ledamöter och föreningen två"
            if by_party:
                return by_party, t
    return [], first


_WHERE_IN = re.compile(r"(?:,\s*|\s)(?:där|i\s+vilket|i\s+vilken)\s+(?P<who>.+?)\s+(?:ingår|sitter|deltar|medverkar|är\s+representerade)"
                       r"(?:\s+tillsammans\s+med\s+(?P<more>.+?))?\s*\.?$", re.IGNORECASE)


def _where_in(s: str) -> re.Match[str] | None:
    """"… i ett dialogforum, där kommunens chef och föreningens ordförande ingår (tillsammans med en representant för X)":
    the members of a clause after the forum, those "tillsammans med" them included."""
    m = _WHERE_IN.search(s)
    if m is None:
        return None
    who = m.group("who") + (", " + m.group("more") if m.group("more") else "")
    return re.match(r"(?P<who>.+)", who)


def _next_sentence(f: Findings, i: int, b: Block, s: str) -> list[str]:
    """The sentence after `s`: in its paragraph, else the first of the next one (not a heading)."""
    at = b.sentences.index(s)
    if at + 1 < len(b.sentences):
        return [b.sentences[at + 1]]
    if i + 1 < len(f.blocks) and f.blocks[i + 1].sentences and not is_heading(f.blocks[i + 1]):
        return f.blocks[i + 1].sentences[:1]
    return []


def _after_forum(f: Findings, s: str) -> re.Match[str] | None:
    at = _FORUM.search(_masked(f, s))
    if not at:
        return None
    rest = _WHEN.sub("", s[at.end():], count=1)  # "Styrgrupp: fritidschef + …", "Styrgruppen har fyra ledamöter, två från …"
    return (re.match(r"\s*:\s*(?P<who>.+)", rest) or _WHO.match(re.sub(r"^\s*,(?=\s)", "", rest)) or _HAS_SEATS.match(rest)
            or re.match(r"\s*\((?P<who>[^()]{4,200})\)", rest))  # "Styrgruppen (två från kommunen, två från föreningen) …"


def _under_heading(f: Findings, said: list[tuple[int, Block, str]]) -> tuple[list[dict[str, Any]], str | None]:
    """`Styrgrupp` over `En representant från förvaltningen och en från föreningen.`"""
    for i, b, _ in said:
        if (is_heading(b) or b.words <= 4) and i + 1 < len(f.blocks) and f.blocks[i + 1].sentences:
            first = f.blocks[i + 1].sentences[0]
            if re.match(rf"(?:{COUNT})\s+(?:representant|företrädare|ledam)", first, re.I):
                return members_in_prose(f, first, first), first
    return [], None


_EACH_APPOINTS = re.compile(r"\b(?:parterna|varje\s+part|vardera\s+parten?|respektive\s+part|(?:kommunen|regionen|staden)\s+och\s+"
                            r"(?:föreningen|stiftelsen|organisationen|föreningarna))\s+(?:ska\s+)?utse[r]?\s+(?=varsin|var\s+sin|en|två|"
                            r"\w+\s+)", re.IGNORECASE)


def _meetings(f: Findings, said: list[tuple[int, Block, str]]) -> None:
    """`möts fyra gånger per år`, `2 möten/år`, `sammanträder kvartalsvis`, `träffas i februari, juni och oktober`,
    in the group's sentence or the next one that refers back to it ("Rådet sammanträder kvartalsvis")."""
    seen: set[str] = set()
    for i, b, s in said:
        for t in [s, *(x for x in _next_sentence(f, i, b, s) if _BACKREF.match(x))]:
            if t in seen or not _MEET_VERB.search(t) and not re.search(r"\bmöten\b", t, re.I):
                continue
            seen.add(t)
            n = meetings_a_year(t)
            if n:
                f.add("meetings_per_year", n, t, b.line)
