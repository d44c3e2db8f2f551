"""Names, offices, party labels and signing places: what the contact and the signature readers share.

A person is read only where the text shows a name, and tied to a party only where the text names
that party: a label that names no party gives no party (the reader says so in a note), because a
contact or a signatory under the wrong party is worse than one the reviewer has to place.
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon
from .found import Findings
from .lexicon import alt
from .swedish import MONTHS, norm_name

# Names as Swedish agreements print them, Nordic, Slavic, Turkish, Baltic and Romance letters alike ("Petrović", "Şahin")
_UPPER = "A-ZÅÄÖÉÜÆØÁÀÂÇČĆĐÈÊËÍÎÏŁŃÑÓÔÕŐŘŚŠŞŤÚÛŰÝŹŻŽ"
_LOWER = "a-zåäöéüëèáæøíóúñçàâãčćďđêěîïłńňôõőřśšşťûùűýÿźżžğıß"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_PARTICLE = r"(?:von|af|van|de|der|da|di|el|al|bin)"
NAME_WORD = re.compile(_NAME_WORD)
NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}")
EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}")
PHONE = re.compile(r"(?:\+46|0)[\d\s-]{6,16}\d")
PHONE_LABEL = re.compile(r"^(?:tel|telefon|mobil|mob|mobilnummer|telefonnummer|tfn|telefonnr|tel\.nr)\.?:?\s*", re.IGNORECASE)
EMAIL_LABEL = re.compile(r"^(?:e-?post|e-?mail|mail|e-postadress|mejl)\.?:?\s*", re.IGNORECASE)
_TITLE_END = re.compile(alt(lexicon.TITLE_ENDINGS) + r"\.?$", re.IGNORECASE)
_ORG_WORD = re.compile(r"kommun|förvaltning|region|nämnd|förening|\bstad\b|sverige|\bhus\b|\bab\b|stiftelse|"
                       r"styrelse|avdelning|enhet|sektor|verksamhet", re.IGNORECASE)
# Words of a form's labels and of headings: "Ort Datum", "Namn Titel" are no one's name.
_FORM_WORDS = frozenset(w for phrases in lexicon.SIGNATURE_LABELS.values() for p in phrases for w in p.split()) | {
    "för", "och", "mellan", "parter", "parterna", "kontaktperson", "kontaktpersoner", "underskrifter"} - {"dag"}


def title_word(word: str) -> bool:
    """`word` is an office ("fritidskonsulent", "ordf.", "HR-chef"): it ends as one does."""
    return bool(_TITLE_END.search(word.strip(",;:()")))


def indefinite(word: str) -> str | None:
    """An office in its definite form, as prose puts it before a name ("verksamhetsledaren Malin Åkesson",
    "ordföranden", "chefen"), in the form a title is written: `verksamhetsledare`."""
    for cut in (1, 2):
        if len(word) > cut + 3 and word.endswith("en"[2 - cut:]) and title_word(word[:-cut]):
            return word[:-cut]
    return None


def looks_like_title(text: str) -> bool:
    """A short line that is an office: it starts or ends with one ("Enhetschef, barn och unga",
    "Hälso- och sjukvårdsdirektör"), and holds no number, address or sentence."""
    words = text.split()
    if not 1 <= len(words) <= 8 or re.search(r"\d|@|:", text) or (text.endswith((".", "!", "?")) and not title_word(words[-1])):
        return False
    return title_word(words[0]) or title_word(words[-1])


def person(f: Findings, text: str) -> str | None:
    """`text` as a person's name: two to four capitalised words that name no organisation, office or label."""
    text = text.strip()
    if not NAME.fullmatch(text) or _ORG_WORD.search(text) or f.party(text):
        return None
    words = text.split()
    if any(title_word(w) or w.casefold() in _FORM_WORDS for w in words):  # "Socialdirektör Ordförande"
        return None
    if words[0].casefold() in _NOT_PLACE_WORDS:
        return None
    return text


_LEAD_WORDS = re.compile(r"^(?:för|från|hos|på|inom|företrädare\s+för|representant\s+för)\s+", re.IGNORECASE)
# "KFN", "SN", "BUN": a committee's initials (nämnd); "KS": the municipal executive board.
_COMMITTEE_INITIALS = re.compile(r"(?:[A-ZÅÄÖ]{1,4}N|KS)")
_AUTHORITY = re.compile(r"kommun|region|\bstad\b|landsting", re.IGNORECASE)
_BODY = re.compile(r"nämnd|förvaltning|kommunstyrelse|stadsdel", re.IGNORECASE)


def owner(f: Findings, text: str, bodies: bool = True) -> str | None:
    """The id of the party `text` labels ("För kommunen", "Fritidsbanken Kiruna" for "Föreningen
    Fritidsbanken Kiruna", "KFN" or "Socialnämnden" for the one municipality), or None."""
    label = _LEAD_WORDS.sub("", text.strip(" :–-,.")).strip(" :–-,.")
    if not label or len(label) > 120:
        return None
    head = re.split(r",|\s+genom\s+|\s+[–-]\s+|\s+\(|\s+via\s+", label)[0].strip()  # "Region X genom regionstyrelsen"
    for candidate in dict.fromkeys((label, head, label[:-1] if label.endswith("s") else label)):
        p = f.party(candidate)
        if p:
            return p.id
    side = lexicon.SIDE_WORDS.get(norm_name(label))
    if side:  # "Kommun – …", "Förening: …": the one party of that side
        of_side = [p for p in f.parties if p.role == side]
        return of_side[0].id if len(of_side) == 1 else None
    want = norm_name(label)
    if len(want) >= 5:  # the name as the signature or contact line shortens it, word for word
        hits = [p for p in f.parties if f" {want} " in f" {norm_name(p.name)} "
                or any(f" {want} " in f" {norm_name(a)} " for a in p.aliases)]
        if len(hits) == 1:
            return hits[0].id
    words = [_stem(w) for w in want.split()]
    if words and sum(len(w) for w in words) >= 6:  # "Friluftsfrämjandet Luleå" for "Friluftsfrämjandets lokalavdelning i Luleå"
        hits = [p for p in f.parties if set(words) <= {_stem(w) for w in norm_name(p.name).split()}]
        if len(hits) == 1:
            return hits[0].id
    publics = [p for p in f.parties if p.role == "public"]
    if bodies and len(publics) == 1 and not _BODY.search(publics[0].name) and (
            _COMMITTEE_INITIALS.fullmatch(label) or (_BODY.search(label) and len(label.split()) <= 6)):
        return publics[0].id  # a committee or office of the one municipality or region that is a party
    return None


def _stem(word: str) -> str:
    """A name's word without its genitive or its plural's definite ending: `friluftsfrämjandets` and
    `friluftsfrämjandet` are one word, and so are `bygdegårdsföreningarnas` and `bygdegårdsföreningars`."""
    for definite in ("arnas", "ernas", "ornas", "arna", "erna", "orna"):
        if len(word) > len(definite) + 3 and word.endswith(definite):
            return word[:-len(definite)] + definite[:2]
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def org_label(text: str) -> bool:
    """`text` names an organisation the parties do not ("Kultur- och fritidsförvaltning"): kept as written."""
    label = _LEAD_WORDS.sub("", text.strip(" :–-,.")).strip()
    if norm_name(label) in lexicon.SIDE_WORDS or _names_party(f=None, text=label):
        return False  # "Kommun", "föreningen": a side, which party it is the parties decide
    return bool(label) and len(label.split()) <= 6 and bool(_ORG_WORD.search(label)) and label[:1].isupper() and \
        not re.search(r"\d|@", label)


_NOT_PLACE_WORDS = frozenset(lexicon.NOT_PLACES)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORDINAL = "|".join(sorted(lexicon.ORDINAL_DAYS, key=len, reverse=True))  # "den tjugoåttonde mars 2025"
#: A date as signed, or the blank left for it ("2023-12-", "10 mars 2025", "____", "den ......").
DATE_AS_WRITTEN = (rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}-(?:\d{{1,2}}|_{{1,4}})-_{{1,4}}|\d{{4}}(?:-\d{{1,2}})?-?"  # "2027-__-__": a form's blank
                   rf"|\d{{1,2}}(?::[ae])?\s+(?:{_MONTH})\.?\s+\d{{4}}"
                   rf"|\d{{1,2}}/\d{{1,2}}[\s-]+\d{{4}}|(?:{_ORDINAL})\s+(?:{_MONTH})\s+\d{{4}}|(?:{_MONTH})\s+\d{{4}}")  # "i juni 2026"
_BLANK = r"[_.…\s]{2,}"
PLACE = rf"(?-i:[{_UPPER}][{_LOWER}]+(?:[\s-][{_UPPER}][{_LOWER}]+)?)"
PLACE_DATE = re.compile(rf"(?P<place>{PLACE})\s*,?\s*(?:\s(?P<den>den|d\.)\s*|\si\s+(?=(?:{_MONTH})\s))?"  # "Undersåker i juni 2026"
                        rf"(?:(?P<date>{DATE_AS_WRITTEN})|(?P<blank>{_BLANK})|"
                        r"(?<=den)(?P<open>\s*$))", re.IGNORECASE)
DATE_ONLY = re.compile(rf"(?:den\s+)?(?P<date>{DATE_AS_WRITTEN})|(?P<blank>{_BLANK})", re.IGNORECASE)


def place_date(f: Findings, text: str, whole: bool = True) -> re.Match[str] | None:
    """"Umeå den 3 mars 2025", "Piteå 2023-12-", "Luleå ______": a place, and its date or the blank for
    one; never a document's date line ("Tjänsteutlåtande 2025-10-01") or a party's name."""
    m = (PLACE_DATE.fullmatch if whole else PLACE_DATE.match)(text.strip())
    if not m or m.group("place").split()[0].casefold() in _NOT_PLACE_WORDS or _names_party(f, m.group("place")) or any(
            w.casefold() in _FORM_WORDS for w in m.group("place").split()):  # "Namnförtydligande ……": a form's caption
        return None
    if title_word(m.group("place").split()[-1]) or not (m.group("date") or (m.group("blank") or "").strip() or
                                                        (m.group("open") is not None and m.group("den"))):
        return None  # "Sundsvall den", the date to be written after it, is a place with its date left open
    return m


def _names_party(f: Findings | None, text: str) -> bool:
    """`text` is a party's whole name or alias ("Region Gotland"), not merely the place one is named for ("Motala"),
    or a word that stands for one ("kommunen")."""
    want = norm_name(text)
    return any(want == norm_name(n) for p in (f.parties if f else []) for n in (p.name, *p.aliases)) or want in {
        w.casefold() for w in (*lexicon.GENERIC_PUBLIC, *lexicon.GENERIC_IDEA)}


def note_quote(text: str, n: int = 120) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def split_parts(text: str) -> list[str]:
    """A contact or signature line's parts: commas, semicolons, and "Name (office)" brackets."""
    text = re.sub(r"\s*\(([^()]{2,80})\)", r", \1", text)
    return [p.strip(" .;") for p in re.split(r"[,;]|\s[–—|-]\s", text) if p.strip(" .;")]  # "Lisa Holm, enhetschef – lisa@…"


def first_name_part(f: Findings, text: str) -> tuple[str, str | None] | None:
    """A part that is a name, or an office and then a name ("verksamhetsledare Anna Berg"): (name, office)."""
    if person(f, text):
        return text.strip(), None
    words = text.split()
    for cut in (1, 2, 3):  # the office in front, in one to three words ("regional utvecklingsdirektör Eva Ek")
        office = words[cut - 1] if len(words) > cut + 1 else ""
        if office and (title_word(office) or indefinite(office)) and person(f, " ".join(words[cut:])):
            lead = [w for w in words[:cut - 1] if w.casefold() not in _POSSESSIVES]  # "dess ordförande Bo Ek"
            return " ".join(words[cut:]), " ".join([*lead, indefinite(office) or office])
    if len(words) >= 3 and title_word(words[-1]) and person(f, " ".join(words[:-1])):
        return " ".join(words[:-1]), words[-1]  # "Anna Berg ordförande"
    for cut in (3, 2):  # a name line and the office under it run into one: "Anna Berg ordförande i socialnämnden"
        if len(words) > cut and title_word(words[cut]) and person(f, " ".join(words[:cut])) and looks_like_title(" ".join(words[cut:])):
            return " ".join(words[:cut]), " ".join(words[cut:])
    return None


_POSSESSIVES = frozenset(("dess", "deras", "sin", "sitt", "sina", "hennes", "hans", "vår", "vårt", "er", "ert"))
_REACHED = re.compile(r"^(?:som\s+)?(?:nås|kan\s+nås|är\s+nåbar)\s+(?:på|via)\s+(?:telefon\s+|tel\.?\s+|nummer\s+)?", re.IGNORECASE)


def details(f: Findings, parts: list[str], into: dict[str, Any], with_contact: bool) -> None:
    """Office, e-mail, phone and party from the parts after a name, into `into`."""
    for raw in parts:
        if re.match(r"(?:och|samt|eller)\s", raw) or any(person(f, m.group(0)) for m in NAME.finditer(raw)):
            break  # the next person begins: nothing after this is the first one's
        part = PHONE_LABEL.sub("", EMAIL_LABEL.sub("", raw))
        if EMAIL.fullmatch(part.removeprefix("mailto:")):
            if with_contact:
                into.setdefault("email", part.removeprefix("mailto:"))
        elif PHONE.fullmatch(part):
            if with_contact:
                into.setdefault("phone", part)
        elif _REACHED.match(part) and (PHONE.search(part) or EMAIL.search(part)):
            for key, rx in (("email", EMAIL), ("phone", PHONE)):  # "som nås på anna@… eller 0322-61 62 14"
                found = rx.search(part)
                if found and with_contact:
                    into.setdefault(key, found.group(0))
        elif not into.get("party") and owner(f, part) and not looks_like_title(part):
            into["party"] = owner(f, part)
        elif "title" not in into and not re.search(r"\d|@", part) and not _NOT_TITLE.search(part):
            suffix = party_suffix(f, part) if not into.get("party") else None
            held = _HELD_AT.match(part)  # "sekreterare i föreningen": the office, and the party it is held in
            held_by = owner(f, held.group("party"), bodies=False) if held and title_word(held.group("title")) else None
            if suffix:
                into["title"], into["party"] = suffix
            elif held and held_by and into.get("party") in (None, held_by):
                into["title"], into["party"] = held.group("title"), held_by
            else:
                into["title"] = part


_HELD_AT = re.compile(r"^(?P<title>\S+)\s+(?:i|hos|vid|på|inom)\s+(?P<party>\S.{1,60})$", re.IGNORECASE)
# "på kultur och fritid som är kontaktperson": a clause about the person, or where they work, is no office
_NOT_TITLE = re.compile(r"^(?:på|vid|hos|inom|i|från|som)\s|(?<!\w)(?:som|är)(?!\w)", re.IGNORECASE)


def party_suffix(f: Findings, text: str) -> tuple[str, str] | None:
    """`Projektsamordnare Hej främling!` -> (`Projektsamordnare`, the party's id)."""
    for _, p in f.mentioned(text):
        for name in (p.name, *p.aliases):
            m = re.search(r"\s+(?:på\s+|vid\s+|hos\s+)?" + re.escape(name.rstrip("!.")) + r"!?\.?$", text, re.IGNORECASE)
            if m and m.start() > 0:
                return text[:m.start()].strip(" ,"), p.id
    return None


_POLITICAL = re.compile(r"\s*\((?:S|M|C|V|L|KD|MP|SD|FP)\)")  # "Anna Berg (S)": the politician's party, not a title
_FOR_SUFFIX = re.compile(r",?\s+för\s+(?P<p>[^,]{2,80})$", re.IGNORECASE)


def signatory(f: Findings, text: str) -> dict[str, Any] | None:
    """`Anna Berg, ordförande`, `Anna Berg ordförande`, `ordförande Anna Berg`, `Lina Öhman, fritidschef, för KFN`."""
    text = _POLITICAL.sub("", text).strip(" .")
    if len(text.split()) > 10:  # a sentence about a person ("Per-Erik Nyhus (SD) reserverar sig …"), not a signatory
        return None
    m = _FOR_SUFFIX.search(text)
    party = owner(f, m.group("p")) if m else None
    if m and party:
        text = text[:m.start()]
    parts = split_parts(text)
    if not parts or len(parts) > 4:
        return None
    found = first_name_part(f, parts[0])
    if not found:
        return None
    sig: dict[str, Any] = {"name": found[0]}
    if party:
        sig["party"] = party
    if found[1]:
        sig["title"] = found[1]
    rest = parts[1:]
    if rest and not sig.get("party") and owner(f, rest[-1], bodies=False) and not looks_like_title(rest[-1]):
        sig["party"] = owner(f, rest[-1], bodies=False)  # "Anna Berg, ordförande, Föreningen Bro"
        rest = rest[:-1]
    if rest and not re.search(r"\d|@", ", ".join(rest)):  # "Karin Jonsson ordförande, arbetsmarknadsnämnden"
        sig["title"] = ", ".join([*([sig["title"]] if "title" in sig else []), *rest])
    suffix = party_suffix(f, sig["title"]) if "title" in sig else None
    whole = suffix and any(p.id == suffix[1] and norm_name(p.name) in norm_name(sig["title"]) for p in f.parties)
    if suffix and whole and (not sig.get("party") or sig["party"] == suffix[1]):
        # "ordförande Ambjörnarps Sportklubb": the office, then the party's whole name ("Generalsekreterare IM" keeps its short one)
        sig["title"], sig["party"] = suffix
    return sig


def contact_from(f: Findings, text: str, party: str | None, quote: str) -> dict[str, Any] | None:
    """A contact from a line's text: the name first (or an office and the name), then office, e-mail, phone, party."""
    parts = split_parts(text)
    found = first_name_part(f, parts[0]) if parts else None
    if not found:
        return None
    c: dict[str, Any] = {"party": party, "name": found[0]}
    if found[1]:
        c["title"] = found[1]
    details(f, parts[1:], c, with_contact=True)
    if not c.get("party"):
        c.pop("party", None)
    c["source"] = quote
    return c
