"""Who the parties are: their names, roles, organisation numbers and whether they are non-profit.

The parties are read from the first place that lists them, most explicit first: labels ("Idéburen
part: …"), a table, a section headed "Parter", then the sentence that makes the agreement ("Mellan A
och B …", "A och B har kommit överens …"), and last a memo's "partnerskap med X".  Of a sentence only
its names are taken: "… mellan Huddinge kommun och Brottsofferjouren skrivits" ends the name before
"skrivits", and a committee beside a party ("Region Gotland, socialnämnden") is who decides, not a party.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .decision import extract_decision, extract_document  # noqa: F401  (steps __init__ runs)
from .found import Findings, PartyFound, role_of
from .nonprofit import mark_non_profit
from .partynames import complete_names
from .partytables import from_columns, from_rows
from .partylist import NON_PROFIT, alias_in, from_labels, looks_like_name, set_org, split_name, without_committee
from .partysection import from_section, places_joined
from .swedish import ORG_LABEL_RE, format_org
from .text import Block, sentence_of

def extract_parties(f: Findings) -> None:
    from_labels(f)
    for reader in (from_columns, from_rows):
        if not f.parties:
            reader(f)
    roles = {p.role for p in f.parties}
    section = from_section(f) if not {"public", "idea_based"} <= roles else []  # "Kommun: …" beside "Idéburen organisation: …"
    if not f.parties:
        _parties_from_prose(f, section)
    if not f.parties:
        _parties_from_mellan(f)
    _aliases(f)
    complete_names(f)
    _we(f)
    mark_non_profit(f)
    _org_numbers(f)


# "Mellan Motala kommun genom socialnämnden, nedan kallad kommunen, och Stiftelsen X, organisationsnummer …";
# "Trelleborgs kommun (212000-1215), genom socialnämnden, och Stiftelsen Fristad Söder (802010-7762) har kommit
# överens om följande"; "Parter: Kiruna kommun, … (org.nr …), och Föreningen Fritidsbanken Kiruna (org.nr …)".
_PROSE_LEAD = re.compile(r"^(?:mellan\s*:?|parter(?:na)?\s*:|avtalsparter\s*:)\s+|\b(?:överenskommelse|överenskommelsen|avtal|avtalet|"
                         r"partnerskap|partnerskapet|iop)\b[^.;:]{0,80}?\b(?:mellan|(?:ingås|tecknas|sluts|träffas|ingicks|tecknades)\s+av)\s+|^parter(?:na)?\s+(?:(?:i|för|till)\s+[^.;:]{0,50}?\s+)?är\s+",
                         re.IGNORECASE)
_PROSE_AGREED = re.compile(r"\s+(?:" + lx.alt(lx.AGREED_VERBS) + r")(?!\w)", re.IGNORECASE)
_PROSE_END = re.compile(r"\s+(?:" + lx.alt(w for w in lx.NAME_ENDS if w not in ("genom", "nedan", "för")) + r")\b|[.;:]\s*$",
                        re.IGNORECASE)
_SPLIT_PARTIES = re.compile(r",?\s+(?:och|samt)\s+(?=[A-ZÅÄÖ])|,\s+(?=[A-ZÅÄÖ])")
_COMMITTEE = re.compile(r"^(?:[\wåäö]+-,?\s+(?:[\wåäö]+-\s+)?och\s+)?[\wåäö-]*(?:nämnd|förvaltning|styrelse)\w*(?:\s+[A-ZÅÄÖ]\w+)?\.?$"
                        r"|^(?:regionala|tekniska|gemensamma|sociala)\s+\w*nämnd\w*$|^nämnden\s+för\s", re.IGNORECASE)
_ORG_IN_PART = re.compile(r"(?:\b(?:organisationsnummer|organisationsnr|org\.?\s?-?nr\.?|orgnr)\s*:?\s*)?\(?(?:org\.?\s?nr\.?\s*)?"
                          r"(\d{6}\s?[-–]?\s?\d{4})\)?", re.IGNORECASE)


def _parties_from_prose(f: Findings, section: list[Block]) -> None:
    blocks = [*section, *f.blocks[:40]]
    for i, b in enumerate(blocks):
        # "Denna överenskommelse har slutits mellan" on a line of its own, the parties in the paragraph below
        joined = f"{b.text.rstrip(' :')} {blocks[i + 1].sentences[0]}" if _ENDS_MELLAN.search(b.text) and i + 1 < len(blocks) \
            and blocks[i + 1].sentences else None
        for s in [joined] if joined else b.sentences[:3]:
            if _prose_sentence(f, s, b, in_head=i < len(section) + 6):
                return


_ENDS_MELLAN = re.compile(r"(?<!\w)mellan\s*:?$", re.IGNORECASE)
_SIDES = re.compile(r"\bå\s+(?:ena|andra)\s+sidan\s+", re.IGNORECASE)


def _prose_sentence(f: Findings, s: str, b: Block, in_head: bool) -> bool:
    text = _SIDES.sub("", s)  # "mellan å ena sidan X … och å andra sidan Y"
    lead = _PROSE_LEAD.search(text)
    agreed = _PROSE_AGREED.search(text)
    if lead:
        body = text[lead.end():]
    elif agreed and agreed.start() > 0:
        body = text[:agreed.start()]
    elif in_head and len(ORG_LABEL_RE.findall(text)) >= 2 and len(text) < 400:
        body = text  # "Region Skåne (org.nr …), genom …, och Föreningen Stödlinjen Syd (org.nr …)" under the title
    else:
        return False
    end = _PROSE_AGREED.search(body) or _PROSE_END.search(body)
    body = body[:end.start()] if end else body
    parts = places_joined(_split_outside_parens(body))
    found = [_prose_party(p) for p in parts]
    if len(found) < 2 or any(x is None for x in found):
        return False
    for (name, org, alias), part in zip(found, parts):  # type: ignore[misc]
        party = f.add_party(role_of(name), name, s, b.line)
        if party.role == "idea_based" and NON_PROFIT.search(part):
            party.non_profit, party.np_quote = True, s
        if alias and f.party(alias) in (None, party):
            party.aliases.add(alias)
        if org:
            set_org(f, party, org, s)
    return True


def _split_outside_parens(text: str) -> list[str]:
    """`A (x och y), och B` at its top level: "och"/"samt" before a capital letter, never inside brackets."""
    depth, cuts, last = 0, [], 0
    for m in re.finditer(r"[()]|" + _SPLIT_PARTIES.pattern, text):
        if m.group(0) == "(":
            depth += 1
        elif m.group(0) == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            cuts.append(text[last:m.start()])
            last = m.end()
    cuts.append(text[last:])
    # "Region Gotland, Socialnämnden": the committee that decides for the party before it, not a party
    return [c.strip(" ,") for c in cuts if c.strip(" ,") and not _COMMITTEE.match(c.strip(" ,"))
            and not re.match(r"(?i)(?:med\s+)?(?:organisationsnummer|org\.?\s?nr)", c.strip(" ,"))]


def _prose_party(part: str) -> tuple[str, str | None, str | None] | None:
    """`Stiftelsen X, organisationsnummer 816400-7299, nedan kallad stiftelsen` -> (name, number, alias)."""
    org = _ORG_IN_PART.search(part)
    name, _ = split_name(part)
    name = _WE_LEAD.sub("", without_committee(re.sub(r"\s+(?:med|har)$", "", name)))  # "Vi i Åmots bygdegårdsförening"
    if not looks_like_name(name) or re.search(r"\d", name):
        return None
    return name, (org.group(1) if org else None), alias_in(part)


_MELLAN = re.compile(
    r"(?:överenskommelse|överenskommelsen|iop|partnerskap|partnerskapet|avtal|avtalet)\b[^.:;]{0,60}?"
    r"\bmellan\s+(?P<names>[A-ZÅÄÖ][^.;:]{2,200}?)\s*"
    r"(?:\s(?:" + lx.alt(lx.NAME_ENDS) + r")(?!\w)|[.;:]|$)", re.IGNORECASE)


def _parties_from_mellan(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
            m = _MELLAN.search(s)
            if not m:
                continue
            names = _split_names(m.group("names"))
            if len(names) < 2:
                continue
            for name in names:
                f.add_party(role_of(name), name, s, b.line)
            return
    if not _parties_from_signatures(f):
        _parties_from_med(f)


_FOR = re.compile(r"^(?:för|på\s+uppdrag\s+av)\s+(?P<name>(?-i:[A-ZÅÄÖ]).{2,120})$", re.IGNORECASE)


def _parties_from_signatures(f: Findings) -> bool:
    """A text that names its parties only where they sign ("För Lunds kommun", "För Föreningen Bro"):
    each side signs for itself, so one public and one idea-based name there are the parties."""
    named: list[tuple[str, Block]] = []
    for b in f.blocks[len(f.blocks) // 2:]:
        m = _FOR.match(b.text) if b.words <= 14 else None
        name = split_name(m.group("name"))[0] if m else ""
        if m and looks_like_name(name) and name.casefold() not in {n.casefold() for n, _ in named}:
            named.append((name, b))
    roles = [role_of(n) for n, _ in named]
    if len(named) < 2 or "public" not in roles or "idea_based" not in roles or len(named) > 4:
        return False
    for (name, b), role in zip(named, roles):
        f.add_party(role, name, b.text, b.line)
    return True


# "partnerskap med Föreningen Gemenskap": a memo names the non-profit; the public party is the
# authority the text itself names as paying or deciding, quoted where it does.
_MED = re.compile(r"\b(?:överenskommelse|partnerskap|iop)\w*\b[^.;:]{0,40}?\bmed\s+"
                  r"(?P<name>(?:(?-i:Ideella|Ideell)\s+(?:föreningen|förening)\s+)?(?-i:[A-ZÅÄÖ])[\wåäöÅÄÖ-]*"
                  r"(?:\s+(?:i\s+)?(?-i:[A-ZÅÄÖ])[\wåäöÅÄÖ-]*(?![\wåäöÅÄÖ-])(?!\s+(?:kommun|stad|län)\b)){0,4})",  # "Stadsmissionen i Kalmar"
                  re.IGNORECASE)


def _parties_from_med(f: Findings) -> None:
    # the mention with an organisation number beside it names the organisation in full, so it goes first
    def unnumbered(bs: tuple[object, str]) -> bool:
        m = _MED.search(bs[1])
        return not (m and ORG_LABEL_RE.search(bs[1][m.end():][:40]))
    found = sorted(f.sentences_with(_MED), key=unnumbered)
    for b, s in found:
        name = _MED.search(s).group("name")  # type: ignore[union-attr]
        if role_of(name) != "idea_based" or not re.match(r"[A-ZÅÄÖ]", name):
            continue
        authority = f.pick("decision.authority")
        if authority is None:
            return
        f.add_party("public", authority.value, authority.quote, authority.line)
        f.add_party("idea_based", name, s, b.line)
        return


_KIND_WORD = re.compile(r"^(?-i:" + lx.alt(w for w in lx.GENERIC_IDEA if not w.endswith("s")) + r")\s+(?=(?-i:[A-ZÅÄÖ]))")


def _split_names(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r",\s+", text.strip())]
    last = re.split(r"(?<!-)\s+(?:och|samt)\s+", parts.pop()) if parts else []
    # "Malmö stad, arbetsmarknads- och socialnämnden och X": the committee is who decides for the
    # party before it, not a party of its own
    names = [n for n in (*parts, *last) if not re.fullmatch(r"[a-zåäö][\wåäö -]*nämnden?", n)]
    names = [_KIND_WORD.sub("", n) for n in names]  # "föreningen Gemensam Tråd i Tranås": the name after its kind, as written
    if any(not n or not n[0].isupper() or len(n.split()) > 8 for n in names):
        return []
    return [n.rstrip(".") for n in names]


def _aliases(f: Findings) -> None:
    for p in f.parties:
        alias = alias_in(split_name(p.quote)[1]) if p.quote.startswith(p.name) else None
        if alias and f.party(alias) in (None, p):
            p.aliases.add(alias)
        pattern = re.compile(re.escape(p.name.rstrip("!.")) + r"!?\s*\(([A-ZÅÄÖ]{2,8})\)")
        for b in f.blocks:
            m = pattern.search(b.text)
            if m:
                p.aliases.add(m.group(1))
                break


_WE_LEAD = re.compile(r"^(?:vi|vi som är med)\s+i\s+(?=(?-i:[A-ZÅÄÖ]))", re.IGNORECASE)
_WE_ARE = re.compile(r"(?<!\w)" + lx.alt(lx.WE_ARE) + r"\s+(?:[\wåäö-]+\s+){0,3}?" + lx.alt(lx.IDEA_NAME_WORDS), re.IGNORECASE)


def _we(f: Findings) -> None:
    """An association that writes the agreement itself ("Vi är en ideell förening …", "vi i föreningen"): its "vi" and
    "vår" name the one idea-based party."""
    ideas = [p for p in f.parties if p.role == "idea_based"]
    if len(ideas) != 1 or f.party("vi") is not None:
        return
    if any(_WE_ARE.search(s) for b in f.blocks for s in b.sentences):
        ideas[0].aliases.add("vi")


def _org_numbers(f: Findings) -> None:
    for i, b in enumerate(f.blocks):
        for m in ORG_LABEL_RE.finditer(b.text):
            if any(p.org_number == format_org(m.group(1)) for p in f.parties):
                continue
            owners = _genitive_owner(f, b.text, m.start()) or _owner_before(f, b.text, m.start()) or [p for _, p in f.mentioned(b.text)]
            if not owners:  # an address block: the party named just above it
                for prev in reversed(f.blocks[max(0, i - 4):i]):
                    owner = f.party(prev.text) if prev.words <= 8 else None
                    if owner:
                        owners = [owner]
                        break
            if len(owners) == 1:
                set_org(f, owners[0], m.group(1), sentence_of(b, m.start()))
            else:
                f.note(f"organisationsnummer {format_org(m.group(1))} hittades men kunde inte knytas till en part: "
                       f"\"{b.text[:120]}\"")
        _bare_numbers(f, b)


def _genitive_owner(f: Findings, text: str, at: int) -> list[PartyFound]:
    """`Kommunens org.nr är …`, `Föreningen Bros organisationsnummer: …`: the party in the genitive right before the label."""
    words = text[max(0, at - 80):at].split()
    if not words or not words[-1].endswith("s"):
        return []
    for n in range(1, min(4, len(words)) + 1):
        owner = f.party(" ".join([*words[-n:-1], words[-1][:-1]]))
        if owner is not None:
            return [owner]
    return []


def _owner_before(f: Findings, text: str, at: int) -> list[PartyFound]:
    """The party whose name stands right before a number: "Håstens Sportklubb (802490-2432)"."""
    before = text[max(0, at - 90):at]
    hits = [(pos, p) for pos, p in f.mentioned(before)]
    if not hits:
        return []
    pos, p = hits[-1]
    tail = before[pos:]
    names = [p.name, *p.aliases]
    rest = next((tail[len(n):] for n in names if tail.casefold().startswith(n.casefold())), None)
    # "Alingsås församling inom Svenska kyrkan, organisationsnummer …": a short aside may stand between
    # ... or the committee acting for it: "Västerås stad, individ- och familjenämnden, org.nr …"
    aside = r"[\s,(]*(?:(?:inom|genom|via|i)\s[^\d,()]{2,50},\s*|[\wåäö -]{0,40}(?:nämnd|förvaltning|styrelse)\w*,\s*)?(?:med\s+)?"
    return [p] if rest is not None and re.fullmatch(aside, rest) else []


_BARE = re.compile(r"\((\d{6}\s?[-–]\s?\d{4})\)")


def _bare_numbers(f: Findings, b: Block) -> None:
    """`Håstens Sportklubb (802490-2432)`: a number in brackets right after a party's name is its number."""
    for m in _BARE.finditer(b.text):
        owners = _owner_before(f, b.text, m.start() + 1)
        if len(owners) == 1 and not owners[0].org_number:
            set_org(f, owners[0], m.group(1), sentence_of(b, m.start()))
