"""Who pays: the payer of a funding sentence, and the giver a heading, a line or a table row names for
what follows it.

A sentence names its payer as its subject (`Kommunen bidrar med …`, `Kommunen ställer scenen till
förfogande och bidrar med …`), after a fronted phrase (`För 2025 beviljar regionen …`), in the passive
(`beviljas … av kommunen`, `finansieras av …`), in a genitive label (`Kommunens bidrag: 420 000 kronor`)
or through whoever introduced the list it stands in (`Kommunens insats:` and its items).  A payee as
the subject (`Föreningen erhåller …`) is no payer; a payer the text does not name is left out.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .found import Findings
from .text import Block

_PAYER = re.compile(r"\bfinansieras\s+(?:av|genom|via)\s+(?P<a>[A-ZÅÄÖ][^,.:;]{1,80}?)(?=\s+(?:med|genom|som|och)\b|\s*[:,.]|$)"
                    r"|\b(?:medel|bidrag|stöd|finansiering|utvecklingsmedel)\s+från\s+(?P<b>[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]*){0,3})"
                    r"|\b(?i:medel|bidrag|stöd|finansiering|ersättning)\w{0,3}\s+från\s+(?P<f>" + lx.alt(lx.GENERIC_PUBLIC) + r")"
                    r"|^(?P<c>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+(?:(?:föreslås|ska|skall|kommer\s+att)\s+(?:bidra|betala|finansiera|ersätta|tillskjuta)\b|"
                    + lx.alt(lx.PAYER_VERBS) + r")"
                    r"|^(?P<d>[A-ZÅÄÖ][\wåäöÅÄÖ-]{1,40}?)s\s+(?:bidrag|finansiering|ersättning|medel)\s+(?:uppgår|är|blir)\b"
                    r"|\b(?:beviljas|tillskjuts|betalas\s+ut|ersätts)\b[^.;]{0,80}?\bav\s+(?P<e>[A-ZÅÄÖa-zåäö][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]*){0,3})")
_NOT_A_PAYER = re.compile(r"^" + lx.alt(lx.NOT_A_PAYER) + r"(?:\s|$)", re.IGNORECASE)
_FRONTED = re.compile(r"(?:för|under|i|inom|därutöver|dessutom|härutöver|vidare|årligen|totalt|sammanlagt|därtill|"
                      r"utöver|efter|från|vid|enligt)\b", re.IGNORECASE)
_RECEIVES = lx.cue(lx.RECEIVE_VERBS)
_PAYS = lx.cue((*lx.PAYER_VERBS, *lx.PARTY_MONEY_VERBS, "lämnar", "ger", "utbetalar", "bidra", "betala", "finansiera", "ersätta", "tillskjuta",
                "avsätta", "anslå", "bevilja", "skjuta till"))
_CONTRIBUTION = re.compile(r"^\s*(?:egna?\s+|totala\s+|årliga\s+|ekonomiska\s+|kontanta\s+)?" + lx.alt(lx.CONTRIBUTION_NOUNS)
                           + r"|^\s*(?:finansiering|ersättning|medel|andel)\b", re.IGNORECASE)
_GENITIVE = re.compile(r"(?<!\w)(?P<who>" + lx.alt(w for w in (*lx.GENERIC_PUBLIC, *lx.GENERIC_IDEA) if w.endswith("s")) +
                       r")\s+(?:egna?\s+|årliga\s+|ekonomiska\s+|kontanta\s+)?(?:bidrag|finansiering|ersättning|insats|del|andel)\b",
                       re.IGNORECASE)
_GENERIC_WORDS = lx.cue((*lx.GENERIC_PUBLIC, *lx.GENERIC_IDEA))


_INVERTED = re.compile(r"\b(?:betalar|bidrar|ersätter|tillskjuter|finansierar|beviljar|står|lämnar|ger|utbetalar|avsätter|anslår)"
                       r"\s+(?P<who>(?i:kommunen|regionen|staden|föreningen|stiftelsen)|[A-ZÅÄÖ][\wåäöÅÄÖ-]+\s+(?:kommun|stad)|Region\s+[A-ZÅÄÖ][\wåäö-]+)\b")


#: A party as a clause's subject, before its verb: `Kommunen`, `Lunds kommun`, `Föreningen Bro`, `Region Skåne`.
_SUBJECT = re.compile(r"(?i:" + lx.alt((*lx.GENERIC_PUBLIC, *lx.GENERIC_IDEA)) + r")|[A-ZÅÄÖ][\wåäö-]+\s+(?:kommun|stad)"
                      r"|(?:Region|Föreningen|Stiftelsen|Förbundet)(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]+){1,3}")
_MODAL_INVERTED = re.compile(r"\b(?:skulle|ska|skall|kommer)\s+(?P<who>kommunen|regionen|staden|föreningen|stiftelsen)\s+"
                             r"(?:att\s+)?(?:även\s+|också\s+)?(?:betala|bidra|ersätta|finansiera|tillskjuta|lämna)\b")


def _written_payer(s: str) -> str | None:
    """The payer a pattern reads: `finansieras av X`, `medel från X`, `X bidrar`, `beviljas … av X`."""
    m = _PAYER.search(s)
    if not m:
        inverted = _INVERTED.search(s) or _MODAL_INVERTED.search(s)  # "… betalar kommunen därutöver 38 500 kronor"
        if inverted and _SUBJECT.fullmatch(s[:inverted.start()].strip()):
            return None  # "Kommunen ger föreningen ett bidrag": the subject gives, the party after the verb receives
        return inverted.group("who") if inverted else None
    payer = (m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e") or m.group("f")).strip()
    # Swedish puts a time or a linking word first: "För 2024 beviljar kommunen …", "Därutöver bidrar …";
    # "Om partnerskapet bidrar …" is a supposition, not a payer
    if m.group("c") and (_FRONTED.match(payer) or re.search(r"\d", payer) or _NOT_A_PAYER.match(payer)):
        inverted = _INVERTED.search(s) if _FRONTED.match(payer) else None  # "För varje placering betalar kommunen …"
        return inverted.group("who") if inverted else None
    return payer


def payer_of(f: Findings, clause: str, first_amount: int) -> str | None:
    """The payer of one funding clause: as a pattern reads it, else the party the clause opens with when it
    pays (`Kommunen … bidrar med`) or its genitive labels a contribution (`Kommunens bidrag:`)."""
    written = _written_payer(clause)
    source = bool(written) and re.search(r"\b(?:från|av|genom|via)\s+" + re.escape(str(written)), clause) is not None
    if written and not source and f.party(written) is None and len(named_parties(f, written)) < 2 and (opening := _opening(f, clause)):
        return opening[0]  # "Kommunen ställer scenen till förfogande och bidrar med …": the subject pays
    if source and f.party(str(written)) is None and _opening(f, clause):
        return None  # "Föreningen har även ett bidrag från Länsstyrelsen": a party's other income, not this agreement's
    if written:
        return written
    head = clause[:first_amount]
    if _RECEIVES.search(head):  # "Föreningen erhåller 200 000 kronor från kommunen"
        m = re.search(r"\bfrån\s+(?P<who>[\wåäöÅÄÖ-]+(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]*){0,3})", clause)
        party = f.party(m.group("who")) if m else None
        return party.id if party else None
    opening = _opening(f, clause)
    if opening is None:
        owner = _GENITIVE.search(head)  # "… och kommunens bidrag är 300 000 kronor per år"
        party = f.party(owner.group("who")) if owner else None
        return party.id if party else None
    party_id, genitive_end = opening
    if genitive_end is not None:
        return party_id if _CONTRIBUTION.match(clause[genitive_end:]) else None
    return party_id if _PAYS.search(head) else None


_PARTY_MONEY = re.compile(r"^\S.{0,80}?\s(?:" + lx.alt(lx.GIVER_ADVERBS) + r"\s+)?" + lx.alt(lx.PARTY_MONEY_VERBS) + r"\s", re.IGNORECASE)


def party_gives(f: Findings, clause: str) -> bool:
    """`Kommunen ger oss 45 000 kronor`: a verb that gives money only with a party as its subject."""
    m = _PARTY_MONEY.match(clause)
    return bool(m) and _opening(f, clause) is not None and _opening(f, clause)[1] is None  # type: ignore[index]


def opening_party(f: Findings, clause: str) -> str | None:
    """The party a clause opens with, genitive or not."""
    opening = _opening(f, clause)
    return opening[0] if opening else None


def _opening(f: Findings, clause: str) -> tuple[str, int | None] | None:
    """The party a clause opens with, and where its genitive ends (None when it is no genitive)."""
    hit = next((p for pos, p in f.mentioned(clause[:150]) if pos == 0), None)
    if hit:
        return hit.id, None
    words = list(re.finditer(r"[\wåäöÅÄÖ&-]+", clause[:120]))[:5]
    for n in range(len(words), 0, -1):
        head = clause[:words[n - 1].end()]
        if head.endswith("s") and (party := f.party(head[:-1])):  # "Kommunens", "Region Skånes"
            return party.id, words[n - 1].end()
        if party := f.party(head):
            return party.id, None
    return None


_PARTY_HEADING = re.compile(r"^(?P<p>[A-ZÅÄÖ][\wåäöÅÄÖ -]{1,60}?)\s+(?:bidrar\s+med|ska\s+bidra\s+med|står\s+för|åtar\s+sig(?:\s+att)?|ska)"
                            r"(?:\s+följande)?\s*:?$"
                            r"|^(?P<q>[A-ZÅÄÖ][\wåäöÅÄÖ -]{1,40}?)s\s+(?:egna?\s+)?(?:ekonomiska\s+)?"
                            r"(?:insats|insatser|åtagande|åtaganden|bidrag|resurser|medverkan)\s*:?$")
_LISTS_CONTRIBUTIONS = re.compile(r"\b(?:bidrar|bidra|står\s+för|insats|insatser|bidrag|resurser)\b", re.IGNORECASE)
_CLAUSE_NUMBER = re.compile(r"^(?:§\s*\d{1,2}\s+|\d{1,2}(?:\.\d{1,2})*\.?\s+|punkt\s+\d{1,2}\s*[–:.-]?\s+)", re.IGNORECASE)


def is_party_heading(text: str) -> bool:
    return bool(_PARTY_HEADING.match(_CLAUSE_NUMBER.sub("", text)))


def announced(f: Findings, text: str) -> str | None:
    """The party a heading or an introducing line names as the giver of what follows: `Kommunens åtaganden`,
    `7. Föreningens egen insats`, `Kommunen bidrar med:`, `Kommunen åtar sig att`."""
    m = _PARTY_HEADING.match(_CLAUSE_NUMBER.sub("", text).strip())
    if not m:
        return None
    party = f.party(m.group("p") or m.group("q"))
    return party.id if party else None


def lists_contributions(text: str) -> bool:
    """Whether a heading or an introducing line lists contributions (`Kommunens insats`), not duties."""
    return bool(_LISTS_CONTRIBUTIONS.search(text))


def introduces(f: Findings, clause: str) -> tuple[str, bool] | None:
    """An introducing line's giver and whether its list is of contributions (`Kommunens insats:`) rather
    than of duties (`Kommunen åtar sig att`), whose items count only when they give something."""
    giver = announced(f, clause)
    if giver is None and len(clause.split()) <= 4 and (party := f.party(clause.strip(" :"))):
        return party.id, False  # "Kommunen" alone over a list of what it does
    if giver is None and clause.rstrip().endswith(":"):  # "Verksamheten … finansieras av Socialförvaltningen:"
        written = _written_payer(clause)
        opening = _opening(f, clause)
        party = f.party(written) if written else None
        giver = party.id if party else opening[0] if opening else _labelled_introducer(f, clause)
    return (giver, bool(_LISTS_CONTRIBUTIONS.search(clause))) if giver else None


def _labelled_introducer(f: Findings, clause: str) -> str | None:
    """`Vad parterna bidrar med Kommunen:`, a heading run into its label: the party named right before the colon."""
    m = re.search(r"(?<!\w)(?P<who>[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:\s+[\wåäöÅÄÖ-]+){0,3}?)\s*:\s*$", clause)
    party = f.party(m.group("who")) if m else None
    return party.id if party else None


def named_parties(f: Findings, text: str) -> list[str]:
    """The parties `text` names, by name or as `kommunen`, `föreningen` (an unresolved word as itself), in order."""
    found = [(pos, p.id) for pos, p in f.mentioned(text)]
    for m in _GENERIC_WORDS.finditer(text):
        party = f.party(m.group(0))
        found.append((m.start(), party.id if party else m.group(0).lower()))
    out: list[str] = []
    for _, pid in sorted(found):
        if pid not in out:
            out.append(pid)
    return out


def others_named(f: Findings, clause: str, party_id: str) -> bool:
    """Whether the clause names a party other than `party_id`."""
    return bool(set(named_parties(f, clause)) - {party_id})


_TABLE_PARTY = lx.cue(lx.TABLE_PARTY_HEADERS)
_TABLE_CONTRIBUTION = lx.cue(lx.TABLE_CONTRIBUTION_HEADERS)


def contribution_table(b: Block, previous: Block | None, inside: bool) -> bool:
    """Whether `b` is a row of a table of what each party brings: its header names a party column and a
    contribution column (`| Part | Bidrag | Belopp |`)."""
    if not b.cells:
        return False
    if previous is not None and previous.cells:
        return inside
    return bool(_TABLE_PARTY.match(b.cells[0]) and any(_TABLE_CONTRIBUTION.search(c) for c in b.cells[1:]))


def row_giver(f: Findings, b: Block) -> str | None:
    party = f.party(b.cells[0]) if b.cells else None
    return party.id if party else None


#: A memo's proposed decision, the deciding committee unnamed: "att bevilja föreningen …", "Nämnden föreslås bevilja …".
_PROPOSAL = (r"(?:att|(?:[A-ZÅÄÖ][\wåäö -]{0,50})?nämnden\s+(?:föreslås|beslutar|beslutade)(?:\s+att)?)\s+"
             + lx.alt(lx.PROPOSED_GRANT_VERBS))
#: ... as the last of a list of proposals in one sentence: "Nämnden föreslås besluta att ingå …, att bevilja föreningen …".
_PROPOSED = re.compile(r"(?:^|,\s*|\s)att\s+" + lx.alt(lx.PROPOSED_GRANT_VERBS) + r"(?:\s+[\wåäöÅÄÖ-]+){0,3}\s*$", re.IGNORECASE)
#: A memo proposing what the idea-based party receives: "Förvaltningen föreslår att föreningen får 45 000 kronor".
PROPOSED_RECEIPT = re.compile(r"(?<!\w)(?:föreslår|föreslås|förordar|rekommenderar)\s+(?:\w+\s+){0,2}?att\s+(?:"
                              + lx.alt(lx.GENERIC_IDEA) + r"|[A-ZÅÄÖ][\wåäöÅÄÖ-]+(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]+){0,3})\s+"
                              r"(?:får|erhåller|tilldelas|beviljas)(?:\s+ett\s+[a-zåäö]*bidrag\s+(?:om|på))?\s*$", re.IGNORECASE)
_UNNAMED_SUBJECT = re.compile(r"^(?:" + lx.alt(lx.UNNAMED_PAYER_SUBJECTS) + r"|" + _PROPOSAL + r"|(?:till\s+)?" + lx.alt(lx.GENERIC_IDEA) + r"\s+"
                              + lx.alt(lx.UNNAMED_PAYER_VERBS) + r"|till\s+\S.{0,60}?\s" + lx.alt(lx.UNNAMED_PAYER_VERBS)
                              + r"|för\s+(?:verksamheten|partnerskapet|projektet|ändamålet)\s+" + lx.alt(lx.UNNAMED_PAYER_VERBS) + r")",
                              re.IGNORECASE)
_OTHER_BODY = re.compile(r"(?<!\w)(?:från|av|till|hos|genom)\s+(?P<who>[A-ZÅÄÖ][\wåäöÅÄÖ-]+(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]+){0,3})")


def unnamed_payer(f: Findings, clause: str, first_amount: int) -> str | None:
    """The one public party, for a contribution whose payer the sentence leaves unsaid because it is plain:
    `Bidraget uppgår till 300 000 kronor per år`, `Till föreningen utbetalas …`, `Föreningen erhåller …`.
    Never when the sentence names a body that is no party (`Bidraget från Arvsfonden …`), nor with two
    public parties, where the payer is a guess."""
    publics = [p for p in f.parties if p.role == "public"]
    head = _CLAUSE_NUMBER.sub("", clause[:first_amount]).strip()
    if len(publics) != 1 or not (_UNNAMED_SUBJECT.match(head) or _PROPOSED.search(head) or PROPOSED_RECEIPT.search(head)):
        return None
    if any(f.party(m.group("who")) is None and not f.mentioned(m.group("who")) for m in _OTHER_BODY.finditer(clause)):
        return None
    return publics[0].id


def labelled_payer(f: Findings, clause: str, first_amount: int) -> str | None:
    """A party named right before its amount, as a label or a flattened table row writes it
    (`Finansiering: Kommunen 300 000 kronor per år`, `Lerums kommun | 300 000 kr`)."""
    head = clause[:first_amount].rstrip(" :|\t–-")
    named = [(pos, p) for pos, p in f.mentioned(head)
             if head[pos:].casefold().rstrip(" :") in (p.name.casefold(), *(a.casefold() for a in p.aliases))]
    last = re.search(r"(?<!\w)(?P<w>[\wåäöÅÄÖ-]+)$", head)
    if named:
        pos, party = named[-1]
    elif last and head[:last.start()].rstrip().endswith((":", "|")) and (found := f.party(last.group("w"))):
        pos, party = last.start(), found
    else:
        return None
    before = head[:pos].rstrip()
    if verb := _GIVING_VERB_END.search(before):
        # "Länsstyrelsen har beviljat gillet 250 000 kr": a party right after a verb receives; the subject gives
        return _subject_payer(f, before[:verb.start()])
    return None if _TO.search(before + " ") else party.id  # "Bidrag till Föreningen Gnistan: 300 000 kr": the payee


def _subject_payer(f: Findings, subject: str) -> str | None:
    """The payer a subject names: a party, or a committee or office of the one public party (`Nämnden har
    beviljat …`); a body that is no party (`Länsstyrelsen`) is none."""
    party = f.party(subject.strip())
    if party:
        return party.id
    return organ_owner(f, subject.strip())  # not "Länsstyrelsen": a state body, though its name ends in -styrelsen


_ORGAN = re.compile(r"(?:[\wåäöÅÄÖ-]+,?\s+(?:och\s+)?){0,4}?[\wåäöÅÄÖ-]*(?:" + "|".join(lx.PUBLIC_ORGAN_ENDINGS) + r")", re.IGNORECASE)
_OWNER_OF = re.compile(r"^(?P<who>[\wåäöÅÄÖ -]{2,60}?)s\s+(?:egna?\s+|kontanta?\s+|ekonomiska?\s+)?(?:insats|bidrag|medel|finansiering|andel)\w*$",
                       re.IGNORECASE)
_OWN_FUNDING = re.compile(r"^(?:" + lx.alt(lx.OWN_FUNDING_LABELS) + r")", re.IGNORECASE)


def is_public_organ(name: str) -> bool:
    """`Kultur- och fritidsnämnden`, `Socialförvaltningen`, `Jakobsbergs bibliotek`: a body of a public party, not one of its own."""
    return bool(_ORGAN.fullmatch(name.strip()))


def organ_owner(f: Findings, name: str) -> str | None:
    """The public party an organ gives for: the one public party, when its own name is no organ (`Lunds kommun`, not
    `Socialförvaltningen i Lund`, beside which `Kultur- och fritidsförvaltningen` is a body of its own)."""
    publics = [p for p in f.parties if p.role == "public"]
    if len(publics) != 1 or not is_public_organ(name) or f.mentioned(name) or _ORGAN.match(publics[0].name):
        return None
    return publics[0].id


def party_or_organ(f: Findings, name: str) -> str | None:
    """The party a giver's name stands for: the party named; the one public party for an organ of it (`Kultur- och
    fritidsnämnden, IOP`, `Jakobsbergs bibliotek`); the one idea-based party for its own money (`Egen finansiering`)."""
    name = re.split(r"\s*[,(:]", name.strip(), maxsplit=1)[0].strip()
    party = f.party(name)
    if party:
        return party.id
    if f.mentioned(name):
        return None  # "Regionens avdelning" names a party, but not as the giver
    ideas = [p for p in f.parties if p.role == "idea_based"]
    if len(ideas) == 1 and _OWN_FUNDING.match(name):
        return ideas[0].id
    if owner := _OWNER_OF.match(name):  # "Föreningarnas kontanta insats", "Kommunens bidrag": the genitive gives
        party = f.party(owner.group("who"))
        plural = re.fullmatch(lx.alt(lx.GENERIC_IDEA_PLURAL), owner.group("who"), re.IGNORECASE)
        return party.id if party else owner.group("who").lower() if plural and len(ideas) > 1 else None
    return organ_owner(f, name)
_GIVING_VERB_END = re.compile(r"(?<!\w)(?:(?:har|hade|har\s+också|har\s+även)\s+[a-zåäö]+|" + lx.alt((*lx.PAYER_VERBS, *lx.PARTY_MONEY_VERBS,
                              "beviljar", "tilldelar", "utbetalar", "lämnar", "betalar ut")) + r")$", re.IGNORECASE)
_TO = re.compile(r"(?<!\w)(?:till|åt|för|mottagare|mottagaren)\s*:?\s*$", re.IGNORECASE)

