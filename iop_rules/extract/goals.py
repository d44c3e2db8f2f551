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
from .reasons import phrase_pattern, short_names
from .sections import HEAD_NUMBER as _HEAD_NUMBER
from .sections import extract_contents as extract_contents  # re-exported: a step of `extract`
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
#: ... or said in the past ("genomförde 45 träffar per år"), unless as a future perfect ("ska senast i maj ha genomfört …").
_PAST = lx.cue(lx.COMMITMENT_PAST_VERBS)
_FUTURE_PERFECT = re.compile(r"\b(?:ska|skall|kommer\s+att)\b(?:\s+\S+){0,4}?\s+ha\b", re.IGNORECASE)
#: A time unit is no count of things: "under sju veckor varje sommar" says how long, not how many.
_TIME_UNIT = re.compile(r"^(?:veckor|vecka|veckorna|månader|månad|år|dygn|timmar)$", re.IGNORECASE)
_EXCLUDE = re.compile(r"betala|utbetal|utbet\.|faktur|styrgrupp|sammanträd|rapport|redovis|kronor|\bkr\b|\btkr\b|uppsägning|varsel|"
                      r"samverkansgrupp|ledningsgrupp|partnerskapsråd", re.IGNORECASE)
#: A duty of follow-up or a grant ("lämna en verksamhetsberättelse en gång per år"): its rhythm is no commitment.
_FOLLOW_UP = re.compile(r"(?<!\w)[\wåäö]*" + lx.alt(lx.FOLLOW_UP_DUTIES), re.IGNORECASE)
#: Hours given in kind ("bidrar med cirka 1 200 ideella timmar per år") are a contribution, not a commitment ...
_IN_KIND_HOURS = re.compile(r"\bbidra\w*\s+med\b.*\btimm", re.IGNORECASE)
#: ... unless they are a floor the party promises ("ideellt arbete om minst 800 timmar per år"), not an estimate.
_FLOOR = re.compile(r"\b(?:" + lx.alt(lx.COMMITMENT_FLOORS) + r")\s+$", re.IGNORECASE)
_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zA-Z]\)|[-–•*])\s+")
_VERB = lx.alt(lx.COMMITMENT_VERBS)
_LEAD = re.compile(rf"^(?P<who>[A-ZÅÄÖ][^,.:;]{{1,60}}?)\s+{_VERB}", re.IGNORECASE)
_INVERTED = re.compile(r"\båtar\s+sig\s+(?P<who>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+att\b")
_HEAD = re.compile(r"^(?:detta|det\s+här|så\s+här|följande)\s+(?:gör|ska|skall|åtar\s+sig|ansvarar)\s+(?P<by>[^,.:;]{2,60}?)(?:\s+för)?\s*:?$|"
                   rf"^(?:vad\s+)?(?P<who>[^,.:;]{{2,60}}?)(?:s\s+{lx.alt(lx.COMMITMENT_HEADS)}|\s+(?:åtar\s+sig(?:\s+att)?|ska|skall|"
                   rf"bidrar\s+med|ansvarar\s+för|gör|har\s+följande(?:\s+[\wåäö]+){{1,4}}))(?:\s+[^\s,.;:]+){{0,3}}\s*:?$"
                   rf"|^{lx.alt(lx.COMMITMENT_HEADS)}\s+(?:för|från)\s+(?P<of>[^,.:;]{{2,60}}?)\s*:?$", re.IGNORECASE)
_GIVEN_HEAD = re.compile(r"(?:\S+s\s+)?" + lx.alt(lx.CONTRIBUTION_HEADINGS), re.IGNORECASE)  # "Ekonomi", "Parternas resurser"
_GIVES = re.compile(r"^[^,.:;]{2,60}?\s+(?:" + lx.alt(lx.IN_KIND_VERBS) + r")\s*:?$", re.IGNORECASE)  # "Kommunen bidrar med"
_GIVES_LEAD = re.compile(r"^[^,.:;]{2,60}?\s+(?:" + lx.alt(lx.IN_KIND_VERBS) + r")(?!\w)", re.IGNORECASE)  # "Kommunen upplåter …"
#: The same in the infinitive, promised or in a list: "Kommunen ska ställa lokaler till förfogande …", "- upplåta lokal …".
_GIVES_INFINITIVE = re.compile(
    r"^(?:[^,.:;]{2,60}?\s+(?:ska|skall|åtar\s+sig\s+att|kommer\s+att|lovar\s+att)\s+)?(?:(?:även|också|dessutom)\s+)?(?:"
    + "|".join(phrase_pattern(p, "", "") for p in (*lx.IN_KIND_INFINITIVES, *lx.GIVING_INFINITIVES)) + ")", re.IGNORECASE)
_TABLE_PARTY = {" ".join(h.split()) for h in lx.TABLE_PARTY_HEADERS}
_TABLE_COMMITMENT = {" ".join(h.split()) for h in lx.COMMITMENT_TABLE_HEADERS}
#: A meeting the parties hold ("uppföljningsmöten två gånger per år", "avstämning varje kvartal") is no commitment.
_MEETING = re.compile(r"[\wåäö]*(?:" + lx.alt(lx.MEETING_NOUNS) + ")", re.IGNORECASE)
_LETTERED = re.compile(r"^(?:[a-zA-Z]\)|[a-z]\.|\d{1,2}\)|\d{1,2}\.\d{1,2}\.?)\s")  # "a) …", "a. …", "2) …", "1.1 …" under a lead-in
_END_MARK = re.compile(r"[.,;!?]$")
#: A list run into one line ("Föreningen åtar sig att a) …; b) …; c) …"): its items, each read on its own.
_ITEMS = re.compile(r"[;,]\s+(?=(?:[a-z]\)|\d{1,2}\))\s)")
#: A line with no subject of its own: an infinitive ("Hålla …", "Att ordna …", "Ta emot …"; not a plural "Deltagarna …") or a
#: count ("Minst 30 träffar …").
_SUBJECTLESS = re.compile(r"^(?:att\s+)?(?:[a-zåäö]{2,}(?<![aeou]rn)a|ta|ge|nå|stå|se|gå|bli|" + lx.alt(lx.COMMITMENT_FLOORS) + r"|\d+|"
                          + _NUMBER_WORD + r")(?!\w)", re.IGNORECASE)
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
    short = [p for p in f.parties if p.role == "idea_based" and who.casefold() in {n.casefold() for n in short_names(p.name)}]
    if len(short) == 1:
        return short[0].id  # "Kunskapsbron" for "Föreningen Kunskapsbron Eslöv"
    ideas = [p for p in f.parties if p.role == "idea_based"]
    if _ACTIVITY.fullmatch(who) and len(ideas) == 1:
        return ideas[0].id  # the activity the one idea-based party runs ("Projektet ska ta emot minst 20 deltagare")
    # "Föreningen" among several idea-based parties: the one that is a förening by its name
    kind = [p for p in f.parties if p.role == "idea_based" and who.casefold() in ("föreningen", "stiftelsen")
            and norm_name(p.name).startswith(who.casefold()[:-2])]
    return kind[0].id if len(kind) == 1 else None


_JOINT = re.compile(r"(?<!\w)" + lx.alt(lx.JOINT_WORDS) + r"\s+(?P<with>[\wåäö-]+(?:\s+[\wåäö-]+){0,3})", re.IGNORECASE)
_AND = re.compile(r"\s+(?:och|samt)\s+|,\s*", re.IGNORECASE)


def _joint(f: Findings, who: str, body: str) -> bool:
    """A commitment two parties make together ("Kommunen och föreningen ska gemensamt …", "Kommunen ska tillsammans
    med föreningen …"): no one party's, so it is left out rather than given to the first one named."""
    named = {p for part in _AND.split(who) if part.strip() for p in (_whose(f, part),) if p}
    if len(named) >= 2:
        return True
    m = _JOINT.search(body)
    return bool(m and any(_whose(f, " ".join(m.group("with").split()[:n])) for n in (1, 2, 3, 4)))


def _context_party(f: Findings, b: Block, current: str | None) -> str | None:
    """The party a heading or a lead-in line gives the lines under it: "Föreningens åtaganden", "Kommunen ska:"."""
    text = _NUMBERING.sub("", b.text).strip()
    owner = f.party(text.rstrip(" :")) if b.words <= 6 else None  # a heading that is the party's name
    if owner and owner.role != "funder":
        return owner.id
    m = _HEAD.match(text) if b.words <= 7 else None
    if m:  # "Föreningens ansvar och åtaganden", "Åtaganden för föreningen"
        return _whose(f, m.group("who") or m.group("of") or m.group("by"))
    head = " ".join(text.rstrip(" :").casefold().split())
    ideas = [p for p in f.parties if p.role == "idea_based"]
    if head in _GOAL_HEADS or head.startswith("mål för"):  # targets under "Mål", with one idea-based party
        return ideas[0].id if len(ideas) == 1 else None
    if b.text.rstrip().endswith(":") and not is_heading(b):
        return current  # "Kommunen har följande del i överenskommelsen:" keeps the list's party
    return None


def _subjectless(f: Findings, text: str) -> bool:
    """A line that starts with no subject of its own, so the party of the title above it speaks: not a party's
    name ("Föreningarna …") nor a word like "Alla", "Dessa", which ends as an infinitive does."""
    m = _SUBJECTLESS.match(text)
    first = m.group(0).casefold() if m else ""
    return bool(m) and first not in lx.NOT_INFINITIVES and f.party(first) is None and first not in lx.GENERIC_IDEA_PLURAL


def _is_description(body: str) -> bool:
    """What was, not what is promised: a word of the past or of an estimate."""
    return bool(_DESCRIPTION.search(body) or _PAST.search(body) and not _FUTURE_PERFECT.search(body))


def _table_header(b: Block) -> bool | None:
    """A table row read as a header: True for `| Part | Åtagande |`, False for another header, None for no header."""
    cells = [" ".join(c.casefold().rstrip(" :").split()) for c in b.cells]
    if len(cells) < 2 or cells[0] not in _TABLE_PARTY:
        return None
    return any(c in _TABLE_COMMITMENT for c in cells[1:])


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
    section: str | None = None  # the party a title names, for the lines under it
    section_given = lead_given = False
    table: bool | None = None  # in a table of what each party undertakes (`| Part | Åtagande |`)
    for b in f.blocks:
        bullet = b.bullet or bool(_LETTERED.match(b.text))  # "a) genomföra …" is a list item too
        header = _table_header(b) if b.cells else None
        table = header if header is not None else table if b.cells else None
        row = f.party(b.cells[0].strip(" :")) if table and header is None and len(b.cells) >= 2 else None
        if row and row.role != "funder":  # "Föreningen | Minst 40 träffar per år": the row's party, its other cells the text
            _row_commitments(f, b, row.id, meetings, out)
            continue
        titled = b.words <= 7 and not _END_MARK.search(b.text.rstrip(" :"))  # a title, perhaps numbered ("3. Föreningens åtaganden")
        if bullet and titled and (owner := _context_party(f, b, None)):
            context = section = owner
            continue
        if not bullet:
            context = _context_party(f, b, context)
            if titled and (context or is_heading(b)):
                section = context  # "Föreningens ansvar": the lines under it, till the next title, are that party's
            elif context is None and _subjectless(f, _NUMBERING.sub("", b.text)):
                context = section  # "Hålla mötesplatsen öppen …", "Minst 30 träffar per år" under that title
            head = _HEAD_NUMBER.sub("", b.text).rstrip(" :").casefold()
            if (is_heading(b) or b.words <= 4 and not head.endswith(".")) and not f.party(head):
                section_given = bool(_GIVEN_HEAD.fullmatch(head))  # a party's name under "Vad parterna bidrar med" keeps it
            lead_given = bool(_GIVES.match(_NUMBERING.sub("", b.text))) and b.words <= 7
        carried: str | None = None  # "Föreningen åtar sig att a) …; b) …": the lead's party for the items after it
        for s in (item for sentence in b.sentences for item in _ITEMS.split(sentence)):
            if _EXCLUDE.search(s) or _FOLLOW_UP.search(s) or meetings.search(s) or find_amounts(s):
                continue
            body = _WORD_AND_FIGURE.sub(_figure, _NUMBERING.sub("", _LETTERED.sub("", s)))
            leads = [m for m in (_LEAD.match(body), _INVERTED.search(body)) if m]
            lead = leads[0] if leads else None
            if lead and _joint(f, lead.group("who"), body):
                continue
            party = next((p for p in (_whose(f, m.group("who")) or _we(m.group("who"), author) for m in leads) if p), None)
            if lead and party:
                carried = party
            elif party is None and carried and _LETTERED.match(s):
                party = carried
            if party is None and (bullet or not lead) and context:
                party = context
            if party is None:
                continue
            given = (section_given or lead_given or bool(_GIVES_LEAD.match(body))  # "Kommunen upplåter hallen två kvällar i veckan"
                     or bool(_GIVES_INFINITIVE.match(body)))
            if not _is_description(body) and not _MEETING.search(body):
                said = dict.fromkeys(_counts(body, s, given))  # once each: a part may be said twice ("varav minst sex … per år")
                out.extend({"party": party, "text": s, "quantity": n, "unit": unit, "per": per, "source": s} for n, unit, per in said)
    if out:
        f.items["commitments"] = out


def _row_commitments(f: Findings, b: Block, party: str, meetings: re.Pattern[str], out: list[dict[str, Any]]) -> None:
    """A row of a table of undertakings: the counts its other cells promise, for the party its first cell names."""
    body = _WORD_AND_FIGURE.sub(_figure, " ".join(c.strip() for c in b.cells[1:]))
    if (_EXCLUDE.search(body) or _FOLLOW_UP.search(body) or meetings.search(body) or find_amounts(body) or _is_description(body)
            or _MEETING.search(body)):
        return
    given = bool(_GIVES_INFINITIVE.match(body) or _GIVES_LEAD.match(body))
    out.extend({"party": party, "text": body, "quantity": n, "unit": unit, "per": per, "source": b.sentences[0] if b.sentences else b.text}
               for n, unit, per in dict.fromkeys(_counts(body, body, given)))
