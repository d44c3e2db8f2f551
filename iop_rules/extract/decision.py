"""What the document is and who decides: its kind and date, the authority, the committee and the decision's date.

A decision memo (tjänsteutlåtande, beslutsunderlag) is full of dates and committees that are not its
own: an earlier grant, the guidelines a council adopted years ago, the working committee that prepared
the matter.  So a decision's date is taken only where the text ties it to a deciding body and to this
agreement, and a document's date only from the header above the text, never from its prose.
"""
from __future__ import annotations

import re
from collections import Counter

from . import lexicon as lx
from .found import Findings
from .signature_section import SIGNATURES_HEADING
from .swedish import DateMatch, find_dates, find_ranges
from .text import Block

_TITLE = re.compile(r"^(?:tjänsteutlåtande|överenskommelse|avtal\b|iop-överenskommelse|iop-avtal|partnerskapsavtal|"
                    r"idéburet offentligt partnerskap|tilläggsavtal|iop\b)", re.IGNORECASE)
_MEMO = re.compile(r"^(?:tjänsteutlåtande|tjänsteskrivelse|beslutsunderlag|protokollsutdrag|protokoll)\b|(?<=\s)"
                   r"(?-i:PROTOKOLLSUTDRAG|TJÄNSTEUTLÅTANDE|BESLUTSUNDERLAG|TJÄNSTESKRIVELSE)$|^(?:socialkontorets |förvaltningens )?"
                   r"förslag till beslut$", re.IGNORECASE)

# -- the authority: "Lunds kommun", "Upplands Väsby kommun", "Göteborgs Stad", "Region Jönköpings län" ----------
_CITY = r"(?:" + lx.alt(lx.PLACE_PREFIXES) + r"\s+)?[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?s?"
_AUTHORITY = re.compile(
    r"\b(?!(?:Denna|Den|Varje|Vår|Er|Hela|Samma|Annan|Berörd|Aktuell|Respektive|Övriga|Andra)\s)"
    rf"(?P<city>(?-i:{_CITY}))\s+(?P<kind>[Kk]ommun|[Ss]tad)\b(?!-)"
    rf"|\b(?P<region>(?-i:Region\s+[A-ZÅÄÖ][a-zåäöé]+s?(?:\s+(?:{'|'.join(lx.REGION_SECOND_WORDS)}))?))\b"
    r"|\b(?P<whole>(?-i:(?:Västra\s+)?Götalandsregionen))\b")


def _authority_name(m: re.Match[str]) -> str:
    if m.group("city"):
        return f"{m.group('city')} {m.group('kind').lower()}"
    return m.group("region") or m.group("whole")


# -- committees: "kultur- och fritidsnämnden", "regionala utvecklingsnämnden", "socialnämnd Centrum" ----------
_BODY = re.compile(
    r"(?<![\w-])(?!benämn)(?:(?P<pre>(?-i:(?!(?:Den|Denna|Varje|Berörd|Aktuell|Respektive|Samma|Vilken)\s)[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+){0,2}s?))"
    r"\s+(?=stadsdelsnämnd))?"  # "Skärholmens stadsdelsnämnd", "Rinkeby-Kista stadsdelsnämnd"
    r"(?P<adj>" + lx.alt(lx.BODY_ADJECTIVES) + r"\s+)?"
    r"(?P<stem>(?:[a-zåäö]+-,?\s+(?:[a-zåäö]+-\s+)?(?:och|samt)\s+)?(?(adj)[a-zåäö]{0,30}|[a-zåäö]{2,30})nämnd)"
    r"(?P<suf>en|ens|s)?(?![\wåäö])"
    r"(?:\s+(?P<district>(?-i:" + lx.alt(lx.DISTRICTS) + r"))(?![\wåäö-])(?!\s+(?-i:[A-ZÅÄÖ])))?", re.IGNORECASE)
_COUNCIL = re.compile(r"(?<![\w-])(?P<stem>kommunstyrelse|regionstyrelse|kommunfullmäktige|regionfullmäktige|landstingsstyrelse)"
                      r"(?:(?P<of>n?s\s+(?P<sub>[a-zåäö]*utskott)(?:et|ets)?)|n|ns|s)?(?![\wåäö])", re.IGNORECASE)
# "nämnden för arbete och välfärd": a committee named for its field, as written
_STOP_FIELD = r"(?!" + lx.alt(lx.NOT_A_FIELD) + ")"
_FIELD_BODY = re.compile(r"(?<![\wåäö-])nämnden\s+för\s+(?P<field>" + _STOP_FIELD + r"[a-zåäö]{3,25}(?:,\s+" + _STOP_FIELD +
                         r"[a-zåäö]{3,25}){0,2}(?:\s+(?:och|samt)\s+" + _STOP_FIELD + r"[a-zåäö]{3,25})?)(?![\wåäö])", re.IGNORECASE)


def _body_name(m: re.Match[str]) -> str:
    """The committee as the text names it; a district after it ("socialnämnd Centrum") is kept as written."""
    stem = re.sub(r"\s+", " ", m.group("stem")).lower()
    adj = (m.group("adj") or "").lower()
    if m.group("pre"):
        return f"{m.group('pre')} {stem}"
    district = m.group("district")
    if district:
        suffix = "en" if (m.group("suf") or "").lower() in ("en", "ens") else ""
        return f"{adj}{stem}{suffix} {district}"
    return f"{adj}{stem}en"


def _district_alias(f: Findings) -> dict[str, str]:
    """"Stadsdelsnämnden" where the text names one district's committee ("Spånga-Tensta stadsdelsnämnd"): the same body."""
    named = {body for b in f.blocks for _, body in bodies_in(b.text) if body.casefold().endswith(" stadsdelsnämnd")}
    return {"stadsdelsnämnden": named.pop()} if len(named) == 1 else {}


def _is_council(body: str) -> bool:
    """Kommunfullmäktige or the board itself; the board's own arbetsutskott decides as a committee does."""
    return bool(_COUNCIL.fullmatch(body)) and "utskott" not in body


def bodies_in(text: str) -> list[tuple[int, str]]:
    """Every committee or council `text` names, with where."""
    out = [(m.start(), _body_name(m)) for m in _BODY.finditer(text)]
    for m in _COUNCIL.finditer(text):
        stem = m.group("stem").lower()
        if m.group("of"):  # "kommunstyrelsens arbetsutskott": the board's committee that decides, as the text names it
            out.append((m.start(), f"{stem}ns {m.group('sub').lower()}"))
            continue
        out.append((m.start(), stem if stem.endswith("fullmäktige") else stem + "n"))
    out += [(m.start(), "nämnden för " + re.sub(r"\s+", " ", m.group("field")).lower()) for m in _FIELD_BODY.finditer(text)]
    return sorted(out)


_DECIDER = lx.cue(lx.DECIDERS)
_NOT_DECIDER = lx.cue(lx.NOT_DECIDERS)
_DECISION_CUE = lx.cue(lx.DECISION_CUES)
_PENDING_CUE = lx.cue(lx.PENDING_DECISION_CUES)
_DECISION_OBJECT = lx.cue(lx.DECISION_OBJECTS)
_OTHER_DECISION = lx.cue(lx.OTHER_DECISIONS)
_DECISION_LABEL = re.compile(r"^(?:" + lx.alt(lx.DECISION_LABELS) + r")(?:\s*:|\s+(?:av|i|vid)\s|\s+(?=\d))", re.IGNORECASE)
# "… org.nr 802465-0312 Beslut: IFN 2025-03-25 § 51": the label of a line a copy ran into the one before it
_INNER_LABEL = re.compile(r"(?<=[\d)]\s)(?-i:Beslut|Beslutsdatum|Nämndbeslut)\s*:\s*", re.IGNORECASE)
_DATE_LABEL = re.compile(r"\b(?:beslutsdatum|sammanträdesdatum|datum\s+för\s+beslut)\s*:?\s*", re.IGNORECASE)
_REFERENCE = re.compile(r"\b(?:dnr\.?|diarienummer|tjänsteutlåtande)\s*:?\s*([A-ZÅÄÖ]{1,5}\s?\d{4}/\d{1,6})(?!\d)",
                        re.IGNORECASE)


def _signatures_start(f: Findings) -> int:
    return next((i for i, b in enumerate(f.blocks) if SIGNATURES_HEADING.match(b.text) and b.words <= 3), len(f.blocks))


def extract_document(f: Findings) -> None:
    head = f.blocks[:15]
    for b in head:
        if _MEMO.search(b.text):
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
    for b in _header(f):
        day = _header_date(b.text)
        if day is not None:
            f.add("document.date", day.date, b.text, b.line, 2 if re.match(r"(?i)datum|daterad", b.text) else 1)
        for label in _DATED.finditer(b.text):  # "… Datum 2025-05-06", "Upprättad 2025-11-12" run into the title's line
            dates = find_dates(b.text[label.end():label.end() + 40])
            if dates and dates[0].start == 0 and dates[0].date:
                f.add("document.date", dates[0].date, b.text, b.line, 2)
        letterhead = _LETTERHEAD.fullmatch(b.text)
        dates = find_dates(letterhead.group("date")) if letterhead else []
        if dates and dates[0].date:  # "Öckerö kommun, 2026-03-18" above the title
            f.add("document.date", dates[0].date, b.text, b.line, 1)
        met = re.search(r"(?i)\bsammanträdesdatum\s*:?\s*", b.text) if f.blocks.index(b) < 4 else None
        dates = find_dates(b.text[met.end():]) if met else []
        if dates and dates[0].start == 0 and dates[0].date:  # a protocol's date is its meeting's
            f.add("document.date", dates[0].date, b.text, b.line, 2)
    for b in f.blocks[:40]:
        for s in b.sentences:
            m = re.search(r"\bdaterad?t?\s+(?:den\s+)?", s)
            if m:
                dates = [d for d in find_dates(s[m.end():m.end() + 40]) if d.date]
                if dates and dates[0].start == 0:
                    f.add("document.date", dates[0].date, s, b.line, 1)


def _header(f: Findings) -> list[Block]:
    """The blocks above the text proper: before its first paragraph of prose and never among the signatures,
    so a signature's "Kiruna 2024-12-12" at the end of a short text is not the document's date."""
    out = []
    end = _signatures_start(f)
    for b in f.blocks[:min(15, end)]:
        if (b.words > 14 and re.search(r"[.!?]$", b.text) or b.words > 40) and not b.cells:
            break  # the first paragraph of prose; a long title over its subtitle is still the header
        out.append(b)
    title = next((i for i, b in enumerate(f.blocks[:60]) if _TITLE.match(b.text) and b.words <= 30 and not b.text.endswith(".")), None)
    if title is not None and title >= len(out):  # an agreement quoted in a letter or an e-mail: the lines under its own title
        for b in f.blocks[title + 1:min(title + 6, end)]:
            if b.words > 14:
                break
            if re.match(r"(?i)(?:datum|daterad)\b", b.text):
                out.append(b)
    return out


# a header's label and the date after it, where the line may have run into another ("Version: slutlig, 2025-11-20")
_DATED = re.compile(r"(?<![\w-])(?:" + lx.alt(lx.DOCUMENT_DATE_LABELS) + r")\s*:?\s*(?:[a-zåäö]+\s*,\s*)?(?=\d)", re.IGNORECASE)
_LETTERHEAD = re.compile(rf"(?:{_AUTHORITY.pattern})\s*,?\s+(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+[a-zåäö]+\s+\d{{4}})")
_HEADER_WORD = re.compile(r"(?<!\w)" + lx.alt(lx.HEADER_WORDS) + r"\.?(?!\w)", re.IGNORECASE)


def _header_date(text: str) -> DateMatch | None:
    """The one date of a header line, when all else on it is header words, references and a place:
    "Datum: 2024-08-27", "Tjänsteutlåtande 2025-10-01", "Version 0.3, 2024-10-02", "Lund den 3 mars 2024"."""
    dates = [d for d in find_dates(text) if d.date]
    if len(dates) != 1 or find_ranges(text):
        return None
    rest = text[:dates[0].start] + " " + text[dates[0].end:]
    rest = _HEADER_WORD.sub(" ", rest)
    rest = re.sub(r"(?i)\b(?:den|nr|v)\b|\d[\w./-]*|[A-ZÅÄÖ]{2,6}[\w/-]*\d[\w/-]*|[·|,;:–—()/\-]", " ", rest)
    words = rest.split()
    if any(w.lower().rstrip(":") in ("beslutsdatum", "sammanträdesdatum") for w in text.split()):
        return None
    place = len(words) == 1 and re.fullmatch(r"[A-ZÅÄÖ][a-zåäö-]+", words[0]) and not bodies_in(words[0])
    return dates[0] if not words or place else None


def extract_decision(f: Findings) -> None:
    _authority(f)
    _bodies(f)
    _decision_dates(f)
    for b in f.blocks[:60]:
        for s in b.sentences:
            for m in _REFERENCE.finditer(s):
                f.add("decision.reference", m.group(1), s, b.line)


def _authority(f: Findings) -> None:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    for b in f.blocks:
        for s in b.sentences:
            for m in _AUTHORITY.finditer(s):
                name = _authority_name(m)
                counts[name] += 1
                first.setdefault(name, (s, b.line))
    for b in f.blocks[:3]:  # the letterhead: "Härnösands kommun" alone on the first lines is who decides
        text = b.text.strip()
        caps = re.match(r"(?P<city>[A-ZÅÄÖ-]{2,30}S?)\s+(?P<kind>KOMMUN|STAD)\b", text)  # "SALA KOMMUN   PROTOKOLLSUTDRAG"
        if caps and not counts:  # only where the text names it nowhere else: a PDF's running header is no letterhead
            f.add("decision.authority", f"{caps.group('city').title()} {caps.group('kind').lower()}", b.text, b.line, 1)
        head = _AUTHORITY.fullmatch(text)
        if head and _authority_name(head) in counts:
            f.add("decision.authority", _authority_name(head), b.text, b.line, 1)
    _most_common(f, "decision.authority", counts, first)


def _most_common(f: Findings, name: str, counts: Counter[str], first: dict[str, tuple[str, int]]) -> None:
    ranked = counts.most_common()
    if ranked:
        for value in [v for v, n in ranked if n == ranked[0][1]]:  # a tie is a conflict: both kept, neither chosen
            f.add(name, value, *first[value])


_GENOM = re.compile(r"(?:\bgenom|,|\bför)\s+$", re.IGNORECASE)
_PROPOSED = re.compile(r"^\s*(?:föreslås\s+(?:besluta|godkänna)|beslutar|godkänner)\b", re.IGNORECASE)
_BODY_DATE = re.compile(r"(?P<body>\S.{2,60}?)\s+(?:den\s+)?(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}\s+[a-zåäö]+\s+\d{4})(?:\s*,?\s*§\s*\d+)?")


def _bodies(f: Findings) -> None:
    """The deciding committee: the one a decision is said to be taken by, or the one the public party acts
    through ("Skellefteå kommun genom kultur- och fritidsnämnden"), before the one named most often."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    same = _district_alias(f)
    for b in f.blocks:
        for s in b.sentences:
            for pos, body in [(p, same.get(x, x)) for p, x in bodies_in(s)]:
                council = _is_council(body)
                if not council:
                    counts[body] += 1
                    first.setdefault(body, (s, b.line))
                before, after = s[max(0, pos - 40):pos], s[pos:][len(body):]
                end = pos + len(body) + 3
                if _GENOM.search(before) and _AUTHORITY.search(s[max(0, pos - 120):pos]):
                    f.add("decision.body", body, s, b.line, 2)  # "Mora kommun, kommunstyrelsen, org.nr …"
                elif council and any("utskott" not in k for k in counts):
                    continue  # "Kommunstyrelsen beslutade 2016 …": a council is background where a committee is named
                elif _PROPOSED.match(s[end - 3:]) or _PROPOSED.match(after):
                    f.add("decision.body", body, s, b.line, 2)
                elif not council and "utskott" not in body and re.fullmatch(r"(?i)till\s+", s[:pos]) and b.words <= 6:
                    f.add("decision.body", body, s, b.line, 2)  # a memo's addressee ("Till individ- och familjenämnden"); an utskott prepares
    _most_common(f, "decision.body", counts, first)


def _decision_dates(f: Findings) -> None:
    committees = any(not _is_council(body) for b in f.blocks for s in b.sentences for _, body in bodies_in(s))
    for b in f.blocks[:20]:  # a protocol's header: "Socialnämnden 2018-09-10", "Kultur- och fritidsnämnden 12 mars 2024 § 45"
        m = _BODY_DATE.fullmatch(b.text)
        named = bodies_in(m.group("body")) if m else []
        if m and len(named) == 1 and named[0][1].casefold() == m.group("body").casefold().rstrip(","):
            dates = find_dates(m.group("date"))
            if dates and dates[0].date:
                f.add("decision.date", dates[0].date, b.text, b.line, 2)
                f.add("decision.body", named[0][1], b.text, b.line, 3)
    for b in f.blocks:
        # "Beslut<TAB>Kultur- och fritidsnämnden 2025-02-26 § 12": a form's row, its label in a cell of its own
        labelled = len(b.cells) == 2 and bool(_DECISION_LABEL.fullmatch(b.cells[0].strip() + ":"))
        for s in [f"{b.cells[0].strip()}: {b.cells[1].strip()}"] if labelled else b.sentences:
            label = (_DECISION_LABEL.match(s) if b.words <= 20 else None) or _INNER_LABEL.search(s)
            dated = _DATE_LABEL.search(s)
            if label or dated:
                start = label.end() if label else dated.end()  # type: ignore[union-attr]
                dates = [d for d in find_dates(s[start:]) if d.date]
                if dates and not find_ranges(s) and (dated or dates[0].start <= 60):
                    f.add("decision.date", dates[0].date, s, b.line, 2)
                    _body_of(f, s, b.line, 0, len(s))
                    continue
            _dated_decision(f, s, b.line, committees)


def _dated_decision(f: Findings, s: str, line: int, committees: bool) -> None:
    """ "Socialnämnden beslutade den 12 mars 2024, § 45, att godkänna överenskommelsen"; "Ärendet behandlas av
    individ- och familjenämnden den 24 september 2024": a decision cue with a decider beside it and a date."""
    if not _DECISION_OBJECT.search(s) or _OTHER_DECISION.search(s):
        return
    ranged = [(r.start, r.end) for r in find_ranges(s)]
    dates = [d for d in find_dates(s) if d.date and not any(a <= d.start < b for a, b in ranged)]
    if not dates:
        return
    found: set[object] = set()
    _pending(f, s, dates, committees)
    for cue in _DECISION_CUE.finditer(s):
        after = [d for d in dates if cue.end() <= d.start <= cue.end() + 80]
        before = [d for d in dates if cue.start() - 40 <= d.end <= cue.start()]
        day = after[0] if after else before[-1] if before else None
        if day is None:
            continue
        lo, hi = min(cue.start(), day.start), max(cue.end(), day.end)
        if _decider_near(s, max(0, lo - 80), hi, cue.start(), committees):
            found.add(day.date)
            _body_of(f, s, line, max(0, lo - 80), hi)
    own = f.value("document.date")
    if len(found) == 1 and own and (own - found.copy().pop()).days > 366:  # type: ignore[operator]
        f.note(f"beslut: \"{s[:120]}\" är fattat mer än ett år före dokumentets datum; ett tidigare beslut, inget beslutsdatum")
    elif len(found) == 1:
        f.add("decision.date", found.pop(), s, line, 1)


def _pending(f: Findings, s: str, dates: list[DateMatch], committees: bool) -> None:
    """"Ärendet behandlas av socialnämnden den 24 september 2024": a meeting still to come decides nothing yet,
    so its date is a note for the reviewer, not the decision's date."""
    for cue in _PENDING_CUE.finditer(s):
        day = next((d for d in dates if cue.end() <= d.start <= cue.end() + 80), None)
        if day is not None and _decider_near(s, max(0, cue.start() - 80), day.end, cue.start(), committees):
            f.note(f"beslut: ärendet ska behandlas {day.date}; ett sammanträde som ännu inte hållits ger inget beslutsdatum")
            return


def _decider_near(s: str, lo: int, hi: int, at: int, committees: bool) -> bool:
    """A deciding body is the nearest to the cue of the bodies in the span, not a working committee or an office;
    a council (kommunfullmäktige, kommunstyrelsen) decides an agreement only in a text that names no committee."""
    deciders = [m.start() for m in _DECIDER.finditer(s, lo, hi)] + [lo + p for p, _ in bodies_in(s[lo:hi])]
    councils = [lo + p for p, body in bodies_in(s[lo:hi]) if _is_council(body)]
    if committees and councils and min(abs(p - at) for p in councils) <= min(abs(p - at) for p in deciders):
        return False
    others = [m.start() for m in _NOT_DECIDER.finditer(s, lo, hi)]
    if not deciders:
        return False
    return not others or min(abs(p - at) for p in deciders) < min(abs(p - at) for p in others)


def _body_of(f: Findings, s: str, line: int, lo: int, hi: int) -> None:
    """The committee a decision sentence names is the deciding body."""
    same = _district_alias(f)
    named = {same.get(body, body) for _, body in bodies_in(s[lo:hi])}
    if len(named) == 1:
        f.add("decision.body", named.pop(), s, line, 3)
