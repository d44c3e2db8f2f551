"""Who and what: the document, the deciding authority, the parties and their numbers."""
from __future__ import annotations

import re
from collections import Counter

from . import lexicon as lx
from .found import Findings, role_of
from ..facts import luhn_valid  # the one check the rules use too
from .swedish import ORG_LABEL_RE, find_dates, format_org, norm_name
from .people import SIGNATURES_HEADING
from .text import is_heading, sentence_of

_TITLE = re.compile(r"^(?:tjänsteutlåtande|överenskommelse|avtal\b|iop-överenskommelse|iop-avtal|partnerskapsavtal|"
                    r"idéburet offentligt partnerskap)", re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>" + lx.alt([*lx.PUBLIC_LABELS, *lx.IDEA_LABELS, *lx.FUNDER_LABELS]) +
                    r"|part\s*\d{1,2})\s*:\s*(?P<name>\S.{0,150})$", re.IGNORECASE)
_MELLAN = re.compile(
    r"(?:överenskommelse|överenskommelsen|iop|partnerskap|partnerskapet|avtal|avtalet)\b[^.:;]{0,60}?"
    r"\bmellan\s+(?P<names>[A-ZÅÄÖ][^.;:]{2,200}?)\s*"
    r"(?:\bgällande\b|\bavseende\b|\bangående\b|\bom\b|\bför\b|\bkring\b|\brörande\b|\bi syfte\b|[.;:]|$)",
    re.IGNORECASE)
_AUTHORITY = re.compile(r"\b(?!(?:Denna|Den|Varje|Vår|Er|Hela|Samma|Annan|Berörd|Aktuell)\s)([A-ZÅÄÖ][a-zåäöé]+s?)\s+([Kk]ommun)\b"
                        r"|\b([A-ZÅÄÖ][a-zåäöé]+s?)\s+([Ss]tad)\b|\b(Region)\s+([A-ZÅÄÖ][a-zåäöé]+)\b")
# Only a committee (nämnd): "Kommunstyrelsen beslutade 2016 …" is background in most agreements, not the decision.
_BODY = re.compile(r"\b(?!benämn)((?:[a-zåäö]+-\s+och\s+)?[a-zåäö]{2,30}nämnd)(?:en|ens|s)?\b", re.IGNORECASE)
_NON_PROFIT = re.compile(r"icke[- ]vinstdrivande|inte vinstdrivande|ej\s+vinstdrivande|utan\s+vinst(?:intresse|intressen|syfte)|"
                         r"utan\s+(?:att\s+)?vinst|ideell\s+förening|allmännyttig\s+ideell",
                         re.IGNORECASE)
_REFERENCE = re.compile(r"\b(?:dnr\.?|diarienummer|tjänsteutlåtande)\s*:?\s*([A-ZÅÄÖ]{1,5}\s?\d{4}/\d{1,6})(?!\d)",
                        re.IGNORECASE)


def extract_document(f: Findings) -> None:
    head = f.blocks[:15]
    for b in head:
        if re.match(r"^tjänsteutlåtande\b", b.text, re.IGNORECASE) or re.fullmatch(
                r"(?:socialkontorets |förvaltningens )?förslag till beslut", b.text, re.IGNORECASE):
            f.add("document.kind", "decision_memo", b.text, b.line, 1)
        elif _TITLE.match(b.text) and b.words <= 30 and not b.text.endswith("."):
            f.add("document.kind", "agreement", b.text, b.line)
    for i, b in enumerate(head):
        if _TITLE.match(b.text) and b.words <= 30 and not b.text.endswith("."):
            title, quote = b.text, [b.text]
            nxt = f.blocks[i + 1] if i + 1 < len(f.blocks) else None
            if nxt and nxt.bullet and re.match(r"^(?:mellan|gällande|avseende|om|för)\b", nxt.text) and nxt.words <= 30:
                title = f"{title} {nxt.text}"
                quote.append(nxt.text)
            f.add("document.title", title.rstrip(" :"), " ".join(quote), b.line)
            break
    signed_at = next((i for i, b in enumerate(f.blocks) if SIGNATURES_HEADING.match(b.text) and b.words <= 3), len(f.blocks))
    for b in f.blocks[:min(20, signed_at)]:  # a date above the signatures, not one of theirs
        m = re.fullmatch(r"(?:(?![A-ZÅÄÖ][a-zåäö-]*nämnden)[A-ZÅÄÖ][a-zåäö]+,?\s+)?(?:den\s+)?(.+?)\.?", b.text)
        dates = find_dates(b.text)
        if m and len(dates) == 1 and dates[0].date and dates[0].text == m.group(1):
            f.add("document.date", dates[0].date, b.text, b.line, 1)
    for b in f.blocks[:40]:
        for s in b.sentences:
            m = re.search(r"\bdaterad?t?\s+(?:den\s+)?", s)
            if m:
                dates = [d for d in find_dates(s[m.end():m.end() + 40]) if d.date]
                if dates and dates[0].start == 0:
                    f.add("document.date", dates[0].date, s, b.line, 1)


def extract_decision(f: Findings) -> None:
    authorities: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    bodies: Counter[str] = Counter()
    body_first: dict[str, tuple[str, int]] = {}
    for b in f.blocks:
        for s in b.sentences:
            for m in _AUTHORITY.finditer(s):
                city, kind = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                name = f"{city} {kind.lower()}" if city else f"Region {m.group(6)}"
                authorities[name] += 1
                first.setdefault(name, (s, b.line))
            for m in _BODY.finditer(s):
                body = m.group(1).lower()
                body = re.sub(r"\s+", " ", body) + "en"
                bodies[body] += 1
                body_first.setdefault(body, (s, b.line))
    for b in f.blocks[:3]:  # the letterhead: "Härnösands kommun" alone on the first lines is who decides
        head = _AUTHORITY.fullmatch(b.text.strip())
        if head:
            city, kind = (head.group(1), head.group(2)) if head.group(1) else (head.group(3), head.group(4))
            name = f"{city} {kind.lower()}" if city else f"Region {head.group(6)}"
            if name in authorities:
                f.add("decision.authority", name, b.text, b.line, 1)
    for counter, where, name in ((authorities, first, "decision.authority"), (bodies, body_first, "decision.body")):
        ranked = counter.most_common()
        if not ranked:
            continue
        top = [v for v, n in ranked if n == ranked[0][1]]
        for value in top:  # a tie is a conflict: both are kept for the reviewer, neither is chosen
            f.add(name, value, *where[value])
    for b in f.blocks[:20]:
        dm = re.fullmatch(r"([A-ZÅÄÖ][a-zåäö-]*nämnden)\s+(\d{4}-\d{2}-\d{2})", b.text)
        if dm:
            dates = find_dates(dm.group(2))
            if dates and dates[0].date:
                f.add("decision.date", dates[0].date, b.text, b.line)
        for s in b.sentences:
            lm = re.match(r"^beslutsdatum\s*:?\s*", s, re.IGNORECASE)
            if lm:
                dates = find_dates(s)
                if dates and dates[0].date:
                    f.add("decision.date", dates[0].date, s, b.line)
    for b in f.blocks[:60]:
        for s in b.sentences:
            for m in _REFERENCE.finditer(s):
                f.add("decision.reference", m.group(1), s, b.line)


def extract_parties(f: Findings) -> None:
    for b in f.blocks:
        m = _LABEL.match(b.text)
        if not m:
            continue
        label = m.group("label").lower()
        name, rest = _split_name(m.group("name"))
        if not name:
            continue
        role = ("public" if re.match(r"offentlig|kommunal", label) else "funder" if "finansiär" in label
                else role_of(name) if label.startswith("part") else "idea_based")  # "Part 1:" says no role
        party = f.add_party(role, name, b.text, b.line)
        if "vinstdrivande" in label and role == "idea_based":
            party.non_profit, party.np_quote = True, b.text
        org = ORG_LABEL_RE.search(rest)
        if org:
            _set_org(f, party, org.group(1), b.text)
    if not f.parties:
        _parties_from_table(f)
    if not f.parties:
        _parties_from_section(f)
    if not f.parties:
        _parties_from_prose(f)
    if not f.parties:
        _parties_from_mellan(f)
    _aliases(f)
    _non_profit(f)
    _org_numbers(f)


def _split_name(raw: str) -> tuple[str, str]:
    """`Vänskapens hus; organisationsnummer 845000-8175` -> (`Vänskapens hus`, the rest)."""
    m = re.search(r"\s*(?:[;,(]|\s-\s|\s–\s|\borganisationsnummer\b|\borg\.?\s?nr\b)", raw, re.IGNORECASE)
    name = raw[:m.start()] if m else raw
    rest = raw[m.start():] if m else ""
    return name.strip().rstrip(".").strip(), rest


_PARTIES_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s*)?(?:avtals)?parter(?:na)?\s*:?$", re.IGNORECASE)


def _parties_from_section(f: Findings) -> None:
    """A section headed `Parter` whose paragraphs each name one party:
    `Linköpings kommun, socialnämnden, org.nr 212000-0449 (nedan kallad kommunen)`."""
    start = next((i for i, b in enumerate(f.blocks) if is_heading(b) and _PARTIES_HEADING.match(b.text)), None)
    if start is None:
        return
    for b in f.blocks[start + 1:start + 8]:
        if is_heading(b):
            break
        name, rest = _split_name(b.text)
        bare = re.search(r"(?<![\d-])(\d{6}-\d{4})(?![\d-])", rest)
        if not name or not name[0].isupper() or len(name.split()) > 8 or not (
                ORG_LABEL_RE.search(rest) or _NEDAN.search(rest) or bare):
            continue
        party = f.add_party(role_of(name), name, b.text, b.line)
        org = ORG_LABEL_RE.search(rest) or bare
        if org:
            _set_org(f, party, org.group(1), b.text)
        nedan = _NEDAN.search(rest)
        if nedan and f.party(nedan.group("alias")) in (None, party):
            party.aliases.add(nedan.group("alias"))
        if _NON_PROFIT.search(rest) and party.role == "idea_based":
            party.non_profit, party.np_quote = True, b.text


# "Mellan Motala kommun genom socialnämnden, nedan kallad kommunen, och Stiftelsen X, organisationsnummer …";
# "Trelleborgs kommun (212000-1215), genom socialnämnden, och Stiftelsen Fristad Söder (802010-7762) har kommit
# överens om följande"; "Parter: Kiruna kommun, … (org.nr …), och Föreningen Fritidsbanken Kiruna (org.nr …)".
_PROSE_LEAD = re.compile(r"^(?:mellan|parter(?:na)?\s*:|avtalsparter\s*:)\s+|\b(?:överenskommelse|överenskommelsen|avtal|avtalet|"
                         r"partnerskap|partnerskapet|iop)\b[^.;:]{0,60}?\bmellan\s+", re.IGNORECASE)
_PROSE_AGREED = re.compile(r"\s+(?:har\s+(?:i\s+dag\s+)?(?:kommit\s+överens|ingått|träffat|slutit|tecknat)|ingår\s+(?:härmed\s+)?"
                           r"(?:denna|följande)|har\s+följande\s+överenskommits)\b", re.IGNORECASE)
_PROSE_END = re.compile(r"\s+(?:" + lx.alt(w for w in lx.NAME_ENDS if w not in ("genom", "nedan", "för")) + r")\b|[.;:]\s*$",
                        re.IGNORECASE)
_SPLIT_PARTIES = re.compile(r",?\s+(?:och|samt)\s+(?=[A-ZÅÄÖ])|,\s+(?=[A-ZÅÄÖ])")
_COMMITTEE = re.compile(r"^(?:[\wåäö]+-\s+och\s+)?[\wåäö-]*(?:nämnd|förvaltning|styrelse)\w*\.?$", re.IGNORECASE)
_ORG_IN_PART = re.compile(r"(?:\b(?:organisationsnummer|org\.?\s?nr\.?|orgnr)\s*:?\s*)?\(?(?:org\.?\s?nr\.?\s*)?(\d{6}[- ]?\d{4})\)?",
                          re.IGNORECASE)


_ROLE_CELL = re.compile(r"^(?:(?P<pub>offentlig|kommunal)|(?P<idea>idéburen|idéburna|ideell|ideella))\s+part", re.IGNORECASE)


def _parties_from_table(f: Findings) -> None:
    """A table of the parties: a row per party with its organisation number and, often, its role
    (`| Västra Götalandsregionen, regionala utvecklingsnämnden | 232100-0131 | Offentlig part |`)."""
    for b in f.blocks[:60]:
        if len(b.cells) < 2:
            continue
        org = next((c for c in b.cells[1:] if re.fullmatch(r"\d{6}-\d{4}", c.strip())), None)
        role_cell = next((c for c in b.cells[1:] if _ROLE_CELL.match(c.strip())), None)
        if not org or not (role_cell or len(f.parties) < 8):
            continue
        name, _ = _split_name(b.cells[0])
        if not name or not name[0].isupper() or len(name.split()) > 8:
            continue
        role = role_of(name)
        if role_cell:
            role = "public" if _ROLE_CELL.match(role_cell.strip()).group("pub") else "idea_based"  # type: ignore[union-attr]
        party = f.add_party(role, name, b.text, b.line)
        _set_org(f, party, org, b.text)
    if len(f.parties) < 2:
        f.parties.clear()


def _parties_from_prose(f: Findings) -> None:
    for i, b in enumerate(f.blocks[:40]):
        for s in b.sentences[:3]:
            lead = _PROSE_LEAD.search(s)
            agreed = _PROSE_AGREED.search(s)
            if lead:
                body = s[lead.end():]
            elif agreed and agreed.start() > 0:
                body = s[:agreed.start()]
            elif i < 6 and len(ORG_LABEL_RE.findall(s)) >= 2 and len(s) < 400:
                body = s  # "Region Skåne (org.nr …), genom …, och Föreningen Stödlinjen Syd (org.nr …)" under the title
            else:
                continue
            end = _PROSE_AGREED.search(body) or _PROSE_END.search(body)
            body = body[:end.start()] if end else body
            parts = _split_outside_parens(body)
            found = [_prose_party(p) for p in parts]
            if len(found) < 2 or any(x is None for x in found):
                continue
            for (name, org, alias), part in zip(found, parts):  # type: ignore[misc]
                party = f.add_party(role_of(name), name, s, b.line)
                if party.role == "idea_based" and _NON_PROFIT.search(part):
                    party.non_profit, party.np_quote = True, s
                if alias and f.party(alias) in (None, party):
                    party.aliases.add(alias)
                if org:
                    _set_org(f, party, org, s)
            return


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
    return [c.strip(" ,") for c in cuts if c.strip(" ,") and not _COMMITTEE.match(c.strip(" ,"))]


def _prose_party(part: str) -> tuple[str, str | None, str | None] | None:
    """`Stiftelsen X, organisationsnummer 816400-7299, nedan kallad stiftelsen` -> (name, number, alias)."""
    org = _ORG_IN_PART.search(part)
    nedan = _NEDAN.search(part)
    m = re.match(r"(?P<name>[A-ZÅÄÖ][^,(]*?)(?=\s*(?:[,(]|\s(?:genom|nedan|org\.?\s?nr|organisationsnummer)\b|\s\d{6}[- ]?\d{4}|$))",
                 part, re.IGNORECASE)
    if not m:
        return None
    name = m.group("name").strip().rstrip(".")
    if not name or not name[0].isupper() or len(name.split()) > 8 or re.search(r"\d", name):
        return None
    return name, (org.group(1) if org else None), (nedan.group("alias") if nedan else None)


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
    _parties_from_med(f)


# "partnerskap med Föreningen Gemenskap": a memo names the non-profit; the public party is the
# authority the text itself names as paying or deciding, quoted where it does.
_MED = re.compile(r"\b(?:överenskommelse|partnerskap|iop)\w*\b[^.;:]{0,40}?\bmed\s+"
                  r"(?P<name>(?:(?-i:Ideella|Ideell)\s+(?:föreningen|förening)\s+)?(?-i:[A-ZÅÄÖ])[\wåäöÅÄÖ-]*"
                  r"(?:\s+(?-i:[A-ZÅÄÖ])[\wåäöÅÄÖ-]*){0,4})", re.IGNORECASE)


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


def _split_names(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r",\s+", text.strip())]
    last = re.split(r"(?<!-)\s+(?:och|samt)\s+", parts.pop()) if parts else []
    # "Malmö stad, arbetsmarknads- och socialnämnden och X": the committee is who decides for the
    # party before it, not a party of its own
    names = [n for n in (*parts, *last) if not re.fullmatch(r"[a-zåäö][\wåäö -]*nämnden?", n)]
    if any(not n or not n[0].isupper() or len(n.split()) > 8 for n in names):
        return []
    return [n.rstrip(".") for n in names]


# `(nedan kallad kommunen)`, `(nedan ”Föreningen”)`: the short name the rest of the text uses.
_NEDAN = re.compile(r"(?:\(\s*|(?<=,\s)|(?<=^))nedan\s+(?:kallad|kallat|kallade|benämnd|benämnt|benämnda)?\s*[”\"'»]?"
                    r"(?P<alias>[A-Za-zÅÄÖåäöé][\wåäöÅÄÖé-]{1,30}(?:\s[\wåäöÅÄÖé-]{1,20})?)[”\"'«]?\s*(?:\)|[,.;]|$)",
                    re.IGNORECASE)


def _aliases(f: Findings) -> None:
    for p in f.parties:
        nedan = _NEDAN.search(p.quote)
        if nedan and f.party(nedan.group("alias")) in (None, p):
            p.aliases.add(nedan.group("alias"))
        pattern = re.compile(re.escape(p.name.rstrip("!.")) + r"!?\s*\(([A-ZÅÄÖ]{2,8})\)")
        for b in f.blocks:
            m = pattern.search(b.text)
            if m:
                p.aliases.add(m.group(1))
                break


_ALL_NON_PROFIT = re.compile(r"^(?:båda|samtliga|alla)\b[^.]{0,60}?\b(?:föreningar\w*|parter\w*|organisationer\w*)\b", re.I)


def _non_profit(f: Findings) -> None:
    for b in f.blocks:  # "Samtliga tre idéburna parter är föreningar utan vinstsyfte."
        for s in b.sentences:
            if _ALL_NON_PROFIT.search(s) and _NON_PROFIT.search(s):
                for p in f.parties:
                    if p.role == "idea_based" and not p.non_profit:
                        p.non_profit, p.np_quote = True, s
    for p in f.parties:
        if p.role != "idea_based" or p.non_profit:
            continue
        names = [norm_name(p.name), *(norm_name(a) for a in p.aliases)]
        for b in f.blocks:
            for s in b.sentences:
                starts = (norm_name(s), norm_name(re.sub(r"^(?:föreningen|organisationen)\s+", "", s, flags=re.I)))
                if any(x.startswith(n + " ") for x in starts for n in names if n) and _NON_PROFIT.search(s):
                    p.non_profit, p.np_quote = True, s
                    break
            if p.non_profit:
                break


def _org_numbers(f: Findings) -> None:
    for i, b in enumerate(f.blocks):
        for m in ORG_LABEL_RE.finditer(b.text):
            if any(p.org_quote == b.text for p in f.parties):
                continue
            owners = [p for _, p in f.mentioned(b.text)]
            if not owners:  # an address block: the party named just above it
                for prev in reversed(f.blocks[max(0, i - 4):i]):
                    owner = f.party(prev.text) if prev.words <= 8 else None
                    if owner:
                        owners = [owner]
                        break
            if len(owners) == 1:
                _set_org(f, owners[0], m.group(1), sentence_of(b, m.start()))
            else:
                f.note(f"organisationsnummer {format_org(m.group(1))} hittades men kunde inte knytas till en part: "
                       f"\"{b.text[:120]}\"")


def _set_org(f: Findings, party, raw: str, quote: str) -> None:  # type: ignore[no-untyped-def]
    number = format_org(raw)
    if party.org_number and party.org_number != number:
        f.note(f"{party.name}: två olika organisationsnummer i texten ({party.org_number}, {number}); "
               "inget valt")
        party.org_number, party.org_quote = None, None
        return
    party.org_number, party.org_quote = number, quote
    if not luhn_valid(number):
        f.note(f"{party.name}: organisationsnumret {number} klarar inte kontrollsiffran (Luhn); "
               "det står så i texten, kontrollera det")

