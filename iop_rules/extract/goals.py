"""Measurable commitments: `minst 64 tillfällen per år`, said by or under a named party.

Only a commitment whose party is clear is taken: the sentence starts with
the party's name, or it is a list item under a heading that is the party's
name.  Its subject is not guessed (two wordings of one target are not
matched up), so conflicts between commitments are left to the reviewer.
"""
from __future__ import annotations

import re
from typing import Any

from . import counts
from . import lexicon as lx
from .found import Findings
from .followup import is_amendment
from .reasons import phrase_pattern
from .swedish import COUNT, MONTHS, find_amounts, norm_name, parse_count
from .text import Block, is_heading

_MONTHS = "|".join(MONTHS)
_NUMBER_WORD = "|".join(sorted(lx.NUMBER_WORDS, key=len, reverse=True))
_UNIT_WORD = rf"(?!(?:kr|kronor|procent|tkr|mkr|{_MONTHS}|per|i|om|varje|för|under|och|av|{_NUMBER_WORD})\b)[a-zåäö][a-zåäö-]{{1,25}}"
_PER_WORDS = {" ".join(p.split()): key for key, phrases in lx.COMMITMENT_PERIODS.items() for p in phrases}
#: A few words between the thing counted and its period ("sex föreläsningar om återbruk per år"), none a number.
_FILLER = rf"(?:\s+(?!(?:{_NUMBER_WORD}|per|varje)\b)[a-zåäö][\wåäö-]*){{0,4}}?"
_AMOUNT_PER = re.compile(
    rf"(?<![\w,.–-])(?P<n>{COUNT})\s+(?P<unit>{_UNIT_WORD}(?:\s+(?:och\s+)?{_UNIT_WORD}){{0,2}}){_FILLER}\s*(?P<per>{lx.alt(_PER_WORDS)})",
    re.IGNORECASE)
#: What was, not what is promised: "har under perioden haft i genomsnitt 60 deltagare i månaden".
_DESCRIPTION = lx.cue(lx.COMMITMENT_DESCRIPTIONS)
#: A time unit is no count of things: "under sju veckor varje sommar" says how long, not how many.
_TIME_UNIT = re.compile(r"^(?:veckor|vecka|veckorna|månader|månad|år|dygn|timmar)$", re.IGNORECASE)
_EXCLUDE = re.compile(r"betalas|utbetal|utbet\.|faktur|styrgrupp|sammanträd|rapport|redovis|kronor|\bkr\b|\btkr\b|uppsägning|varsel|"
                      r"samverkansgrupp|ledningsgrupp|partnerskapsråd", re.IGNORECASE)
#: Hours given in kind ("bidrar med cirka 1 200 ideella timmar per år") are a contribution, not a commitment ...
_IN_KIND_HOURS = re.compile(r"\bbidra\w*\s+med\b.*\btimm", re.IGNORECASE)
#: ... unless they are a floor the party promises ("ideellt arbete om minst 800 timmar per år"), not an estimate.
_FLOOR = re.compile(r"\b(?:" + lx.alt(lx.COMMITMENT_FLOORS) + r")\s+$", re.IGNORECASE)
_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zA-Z]\)|[-–•*])\s+")
_VERB = lx.alt(lx.COMMITMENT_VERBS)
_LEAD = re.compile(rf"^(?P<who>[A-ZÅÄÖ][^,.:;]{{1,60}}?)\s+{_VERB}", re.IGNORECASE)
_INVERTED = re.compile(r"\båtar\s+sig\s+(?P<who>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+att\b")
_HEAD = re.compile(rf"^(?:vad\s+)?(?P<who>[^,.:;]{{2,60}}?)(?:s\s+{lx.alt(lx.COMMITMENT_HEADS)}|\s+(?:åtar\s+sig(?:\s+att)?|ska|skall|"
                   rf"bidrar\s+med|ansvarar\s+för|gör|har\s+följande(?:\s+[\wåäö]+){{1,4}}))(?:\s+[^\s,.;:]+){{0,3}}\s*:?$"
                   rf"|^{lx.alt(lx.COMMITMENT_HEADS)}\s+(?:för|från)\s+(?P<of>[^,.:;]{{2,60}}?)\s*:?$", re.IGNORECASE)
_GIVEN_HEAD = re.compile(r"(?:\S+s\s+)?" + lx.alt(lx.CONTRIBUTION_HEADINGS), re.IGNORECASE)  # "Ekonomi", "Parternas resurser"
_GIVES = re.compile(r"^[^,.:;]{2,60}?\s+(?:" + lx.alt(lx.IN_KIND_VERBS) + r")\s*:?$", re.IGNORECASE)  # "Kommunen bidrar med"
_GIVES_LEAD = re.compile(r"^[^,.:;]{2,60}?\s+(?:" + lx.alt(lx.IN_KIND_VERBS) + r")(?!\w)", re.IGNORECASE)  # "Kommunen upplåter …"
#: A meeting the parties hold ("uppföljningsmöten två gånger per år", "avstämning varje kvartal") is no commitment.
_MEETING = re.compile(r"[\wåäö]*(?:" + lx.alt(lx.MEETING_NOUNS) + ")", re.IGNORECASE)
_LETTERED = re.compile(r"^(?:[a-zA-Z]\)|\d{1,2}\)|\d{1,2}\.\d{1,2}\.?)\s")  # "a) …", "2) …", "1.1 …" under a lead-in
_WORD_AND_FIGURE = re.compile(r"(?<!\w)(?P<w>[a-zåäö]{4,40})\s*\((?P<d>\d{1,5})\)")
_GOAL_HEADS = {" ".join(h.split()) for h in lx.CONTENTS_HEADINGS["goals"]}
_WE_ARE = lx.cue(lx.WE_ARE_THE_IDEA_SIDE)
#: One word naming an activity in its definite form: "Mötesplatsen", "Sommarcaféet", "Chattjouren".
_ACTIVITY = re.compile(r"[\wåäö-]*(?:" + "|".join(re.escape(a) for a in lx.ACTIVITY_SUBJECTS) + r")[\wåäö]*(?:en|et|an|n|t)", re.IGNORECASE)


def _figure(m: re.Match[str]) -> str:
    """`etthundratjugo (120)` as `120` when the word and the figure agree; as written otherwise."""
    return m.group("d") if lx.parse_number_word(m.group("w")) == int(m.group("d")) else m.group(0)


def _author(f: Findings) -> str | None:
    """The idea-based party that writes the text itself ("Vi är en ideell förening …"), when there is one such party."""
    ideas = [p for p in f.parties if p.role == "idea_based"]
    said = len(ideas) == 1 and any(_WE_ARE.search(s) for b in f.blocks for s in b.sentences)
    return ideas[0].id if said else None


def _we(who: str, author: str | None) -> str | None:
    """"Vi lovar att …" in a text the idea-based party writes: that party."""
    return author if who.casefold() in ("vi", "vi i föreningen") else None


def _whose(f: Findings, who: str) -> str | None:
    """The party `who` names: its name or alias, a generic word, a genitive ("Kommunens arbetsmarknadsenhet"),
    or its name without a leading "Föreningen" ("Unga Ledare Halland")."""
    who = who.strip()
    first = who.split()[0] if who.split() else ""
    for text in (who, first, first[:-1] if first.lower().endswith("s") else ""):
        party = f.party(text) if text else None
        if party and party.role != "funder":
            return party.id
    named = f.mentioned(who)
    if len(named) == 1 and named[0][0] == 0 and named[0][1].role != "funder":
        return named[0][1].id
    ends = [p for p in f.parties if p.role != "funder" and len(who) > 5 and norm_name(p.name).endswith(" " + norm_name(who))]
    if len(ends) == 1:
        return ends[0].id
    ideas = [p for p in f.parties if p.role == "idea_based"]
    if _ACTIVITY.fullmatch(who) and len(ideas) == 1:
        return ideas[0].id  # the activity the one idea-based party runs ("Projektet ska ta emot minst 20 deltagare")
    # "Föreningen" among several idea-based parties: the one that is a förening by its name
    kind = [p for p in f.parties if p.role == "idea_based" and who.casefold() in ("föreningen", "stiftelsen")
            and norm_name(p.name).startswith(who.casefold()[:-2])]
    return kind[0].id if len(kind) == 1 else None


def _context_party(f: Findings, b: Block, current: str | None) -> str | None:
    """The party a heading or a lead-in line gives the lines under it: "Föreningens åtaganden", "Kommunen ska:"."""
    text = _NUMBERING.sub("", b.text).strip()
    owner = f.party(text.rstrip(" :")) if b.words <= 6 else None  # a heading that is the party's name
    if owner and owner.role != "funder":
        return owner.id
    m = _HEAD.match(text) if b.words <= 7 else None
    if m:  # "Föreningens ansvar och åtaganden", "Åtaganden för föreningen"
        return _whose(f, m.group("who") or m.group("of"))
    head = " ".join(text.rstrip(" :").casefold().split())
    ideas = [p for p in f.parties if p.role == "idea_based"]
    if head in _GOAL_HEADS or head.startswith("mål för"):  # targets under "Mål", with one idea-based party
        return ideas[0].id if len(ideas) == 1 else None
    if b.text.rstrip().endswith(":") and not is_heading(b):
        return current  # "Kommunen har följande del i överenskommelsen:" keeps the list's party
    return None


def _counts(body: str, s: str, given: bool) -> list[tuple[int, str, str]]:
    """The counts a sentence promises, with unit and period: `N things per period` (and a part of it, "varav …"),
    else a floor whose period stands elsewhere, else days named ("tisdagar och torsdagar": 2 a week)."""
    out: list[tuple[int, str, str]] = []
    for m in _AMOUNT_PER.finditer(body):
        count = parse_count(m.group("n"))
        unit = m.group("unit")
        floor = bool(_FLOOR.search(body[:m.start()]))
        in_kind = bool(_IN_KIND_HOURS.search(s)) or unit.lower() in ("timmar", "timme")  # hours given
        if not count or not count.value or (given or in_kind) and not floor or _TIME_UNIT.match(unit) and not floor:
            continue  # hours given in kind are an estimate of a contribution, unless promised as a floor
        per = _PER_WORDS[" ".join(m.group("per").lower().split())]
        out.append((count.value, unit, per))
        part = counts.parts_after(body[m.end():])
        whole = parse_count(part[0]) if part else None
        if part and whole and whole.value and whole.value < count.value:
            out.append((whole.value, part[1] or unit, per))
    if out or given:
        return out
    floor_count = counts.floor_with_period(body)
    count = parse_count(floor_count[0]) if floor_count else None
    if floor_count and count and count.value and not _TIME_UNIT.match(floor_count[1]):
        return [(count.value, floor_count[1], floor_count[2])]
    days = counts.weekly(body)
    return [(days[0], days[1], "week")] if days else []


def _meetings(f: Findings) -> re.Pattern[str]:
    """The groups the parties meet in ("samrådsgruppen träffas två gånger om året"): their meetings are no commitment.
    A group word in a party's name ("Bygdegårdarnas samverkansråd") names that party, not a meeting."""
    names = " ".join(p.name.casefold() for p in f.parties)
    groups = [g + "*" for g in (*lx.STEERING_GROUPS, *lx.STEERING_GROUPS_WEAK) if g not in names]
    return lx.cue(groups) if groups else re.compile(r"(?!)")


def extract_commitments(f: Findings) -> None:
    """What a party undertakes, counted.  Under a heading about money or resources ("Ekonomi", "Resurser") and
    in a list of what a party gives ("Kommunen bidrar med"), a count is a contribution offered, not an
    undertaking: there only a floor ("minst 800 timmar per år") is taken."""
    out: list[dict[str, Any]] = []
    meetings = _meetings(f)
    author = _author(f)
    context: str | None = None
    section_given = lead_given = False
    for b in f.blocks:
        bullet = b.bullet or bool(_LETTERED.match(b.text))  # "a) genomföra …" is a list item too
        if not bullet:
            context = _context_party(f, b, context)
            head = _HEAD_NUMBER.sub("", b.text).rstrip(" :").casefold()
            if (is_heading(b) or b.words <= 4 and not head.endswith(".")) and not f.party(head):
                section_given = bool(_GIVEN_HEAD.fullmatch(head))  # a party's name under "Vad parterna bidrar med" keeps it
            lead_given = bool(_GIVES.match(_NUMBERING.sub("", b.text))) and b.words <= 7
        for s in b.sentences:
            if _EXCLUDE.search(s) or meetings.search(s) or find_amounts(s):
                continue
            body = _WORD_AND_FIGURE.sub(_figure, _NUMBERING.sub("", _LETTERED.sub("", s)))
            leads = [m for m in (_LEAD.match(body), _INVERTED.search(body)) if m]
            lead = leads[0] if leads else None
            party = next((p for p in (_whose(f, m.group("who")) or _we(m.group("who"), author) for m in leads) if p), None)
            if party is None and (bullet or not lead) and context:
                party = context
            if party is None:
                continue
            given = section_given or lead_given or bool(lead and _GIVES_LEAD.match(body))  # "Kommunen upplåter hallen två kvällar i veckan"
            if not _DESCRIPTION.search(body) and not _MEETING.search(body):
                said = dict.fromkeys(_counts(body, s, given))  # once each: a part may be said twice ("varav minst sex … per år")
                out.extend({"party": party, "text": s, "quantity": n, "unit": unit, "per": per, "source": s} for n, unit, per in said)
    if out:
        f.items["commitments"] = out


_HEADS = {" ".join(h.split()): key for key, heads in lx.CONTENTS_HEADINGS.items() for h in heads}
#: "§ 2", "2.1", "II.", "Artikel 1 –", "Punkt 8 –": a heading's number, not its words.
_HEAD_NUMBER = re.compile(r"^(?:§\s*\d{1,2}|\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|(?:artikel|punkt|avsnitt|kapitel)\s+\d{1,2}"
                          r"\s*[–:.-]?)\s*", re.IGNORECASE)
_SENTENCES = {key: re.compile("|".join(phrase_pattern(p, "", "") for p in phrases), re.IGNORECASE)
              for key, phrases in lx.CONTENTS_SENTENCES.items()}


def _heading_key(text: str) -> tuple[str | None, bool]:
    """The section a heading names, and whether it named it as one part of several ("Omförhandling och uppsägning")."""
    head = " ".join(_HEAD_NUMBER.sub("", text).rstrip(" :").casefold().split())
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
