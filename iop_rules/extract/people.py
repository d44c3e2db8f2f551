"""People: contact persons and signatures, as the closing sections of an agreement list them."""
from __future__ import annotations

import re
from typing import Any

from .found import Findings
from .swedish import MONTHS
from .text import is_heading

_SIGNATURE_LABEL = re.compile(r"(?P<label>ort\s+och\s+datum|ort/datum|datum\s+och\s+ort|datum|namnförtydligande|namn|"
                              r"underskrift|signatur|titel|befattning)\s*:\s*(?P<value>.*)", re.IGNORECASE)
SIGNATURES_HEADING = re.compile(r"^(?:underskrift|underskrifter|undertecknande|signaturer)\b", re.IGNORECASE)
_NAME_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüëèá]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüëèá]+)?"
NAME = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}")
EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}")
PHONE = re.compile(r"(?:\+46|0)[\d\s-]{6,16}\d")
_TITLE_WORD = re.compile(
    r"(?:chef|direktör|ordförande|sekreterare|samordnare|kassör|ledamot|ledamöter|koordinator|ansvarig|handläggare|"
    r"strateg|ledare|rektor|föreståndare|controller|utvecklare|kommunalråd|vd|ombud|firmatecknare|"
    r"projektledare|verksamhetsledare)$", re.IGNORECASE)
_ORG_WORD = re.compile(r"kommun|förvaltning|region|nämnd|förening|\bstad\b|sverige|\bhus\b|\bab\b|stiftelse", re.I)
_NOT_PARTY_LABEL = re.compile(r"^(?:organisationsnummer|org\.?\s?nr|telefon|tel|mobil|e-?post|e-?mail|mail|adress|"
                              r"postadress|besöksadress|webb|hemsida)$", re.IGNORECASE)
_PLACE_DATE = re.compile(
    rf"(?P<place>(?-i:[A-ZÅÄÖ][a-zåäö]+(?:\s[A-ZÅÄÖ][a-zåäö]+)?))\s*,?\s+(?:den\s+)?"
    rf"(?P<date>\d{{4}}(?:-\d{{1,2}}(?:-\d{{0,2}})?)?-?|\d{{1,2}}\s+(?:{'|'.join(MONTHS)})\s+\d{{4}}|_{{2,}})"
    r"(?:\s+för\s+(?P<party>.{2,80}))?", re.IGNORECASE)


def person(f: Findings, text: str) -> str | None:
    """`text` as a person's name: two to four capitalised words that name no organisation and no office."""
    if not NAME.fullmatch(text) or _ORG_WORD.search(text) or f.party(text):
        return None
    if any(_TITLE_WORD.search(word) for word in text.split()):  # "Socialdirektör Ordförande" is two offices
        return None
    return text


def _party_suffix(f: Findings, text: str) -> tuple[str, str] | None:
    """`Projektsamordnare Hej främling!` -> (`Projektsamordnare`, the party's id)."""
    for _, p in f.mentioned(text):
        for name in (p.name, *p.aliases):
            m = re.search(r"\s+" + re.escape(name.rstrip("!.")) + r"!?\.?$", text, re.IGNORECASE)
            if m and m.start() > 0:
                return text[:m.start()].strip(" ,"), p.id
    return None


def extract_contacts(f: Findings) -> None:
    blocks = f.blocks
    contacts: list[dict[str, Any]] = _contact_sentences(f)
    start = next((i for i, b in enumerate(blocks)
                  if re.match(r"^kontakt(?:person|personer|uppgifter|er)?\b", b.text, re.I) and b.words <= 3), None)
    if start is None:
        if contacts:
            f.items["contacts"] = contacts
        return
    current: str | None = None
    last: dict[str, Any] | None = None
    follows_last = False
    for j in range(start + 1, min(start + 40, len(blocks))):
        b, t = blocks[j], blocks[j].text
        if is_heading(b) or (b.words >= 15 and t.endswith(".")):
            break
        nxt = blocks[j + 1].text if j + 1 < len(blocks) else ""
        if EMAIL.fullmatch(t.removeprefix("mailto:")):
            if last is not None and "email" not in last and follows_last:
                last["email"] = t
                last["source"] += f" {t}"
            continue
        label = re.fullmatch(r"(?P<x>[^:@\d]{2,60}):\s*(?P<rest>.*)", t)
        if label and not _NOT_PARTY_LABEL.match(label.group("x").strip()):
            if not label.group("rest"):
                current, follows_last = f.party_ref(label.group("x")), False
                continue
            made = _contact(f, label.group("rest"), f.party_ref(label.group("x")), t)
            if made:
                contacts.append(made)
                last, follows_last = made, True
            continue
        made = _contact(f, t, current or (last or {}).get("party"), t)
        if made:
            contacts.append(made)
            last, follows_last = made, True
            continue
        short = b.words <= 6 and not re.search(r"\d|,|@", t)
        if short and last is not None and "title" not in last and follows_last and not f.party(t):
            last["title"] = t
            last["source"] += f" {t}"
            continue  # the e-mail or phone on the next line is still this person's
        if PHONE.fullmatch(t.removeprefix("tel").strip(" .:")) and last is not None and follows_last:
            last.setdefault("phone", t.removeprefix("tel").strip(" .:"))
            last["source"] += f" {t}"
            continue
        if short and _starts_person(f, nxt):
            current = f.party_ref(t)
        follows_last = False
    contacts = [c for c in contacts if c.get("party")]
    if contacts:
        f.items["contacts"] = contacts


def _starts_person(f: Findings, text: str) -> bool:
    return bool(person(f, text.split(",")[0].strip()))


def _contact(f: Findings, text: str, party: str | None, quote: str) -> dict[str, Any] | None:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts or not person(f, parts[0]):
        return None
    c: dict[str, Any] = {"party": party, "name": parts[0]}
    for raw in parts[1:]:
        part = _PHONE_LABEL.sub("", raw.rstrip(".;"))
        if EMAIL.fullmatch(part):
            c["email"] = part
        elif PHONE.fullmatch(part):
            c["phone"] = part
        elif f.party(part):
            c["party"] = f.party_ref(part)
        elif _party_suffix(f, part):
            title, c["party"] = _party_suffix(f, part)  # type: ignore[misc]
            c.setdefault("title", title)
        elif "title" not in c and not re.search(r"\d|@", part):  # an office, never a number or an address
            c["title"] = part
    c["source"] = quote
    return c


_PHONE_LABEL = re.compile(r"^(?:tel|telefon|mobil|mob)\.?:?\s*", re.IGNORECASE)
# "Kontaktperson för Lunds kommun är Anna Berg, tel 046-35 50 00, anna.berg@lund.se."
_CONTACT_SENTENCE = re.compile(r"\bkontaktperson\w*\s+(?:för|hos|på|från)\s+(?P<party>[^,]{2,80}?)\s+är\s+(?P<rest>.+)$",
                               re.IGNORECASE)


def _contact_sentences(f: Findings) -> list[dict[str, Any]]:
    out = []
    for b, s in f.sentences_with(_CONTACT_SENTENCE):
        m = _CONTACT_SENTENCE.search(s)
        party = f.party(m.group("party")) if m else None
        made = _contact(f, m.group("rest"), party.id, s) if m and party else None
        if made:
            out.append(made)
    return out


def extract_signatures(f: Findings) -> None:
    blocks = f.blocks
    start = next((i for i, b in enumerate(blocks) if SIGNATURES_HEADING.match(b.text) and b.words <= 3), None)
    if start is None:
        _memo_signatures(f)
        return
    sigs: list[dict[str, Any]] = []
    place = date = party = None
    lead: list[str] = []
    used = False  # the place, date and party so far belong to a signature already read
    for b in blocks[start + 1:]:
        t = b.text
        label = _SIGNATURE_LABEL.fullmatch(t)
        starts_lead = bool(label and not label.group("label").lower().startswith(("namn", "titel", "befattning"))) or bool(
            _PLACE_DATE.fullmatch(t) and not person(f, t)) or bool(re.fullmatch(r"för\s+.{2,80}", t, re.IGNORECASE)) or (
            f.party(t) is not None and not any("party" not in s for s in sigs))
        if used and starts_lead:  # a new signature block: signatories after it share its lead, never an earlier one
            place = date = party = None
            used = False
        if label:  # "Ort och datum: Kalmar 2024-02-01", "Namnförtydligande: Anna Berg", "Underskrift: ____"
            kind, t = label.group("label").lower(), label.group("value").strip()
            if kind.startswith(("underskrift", "signatur")):
                continue
            if kind.startswith(("ort", "datum")) and not _PLACE_DATE.fullmatch(t):
                place = date = None  # left blank to be filled in: this signature has no date yet
                lead = [*lead, b.text]
                continue
            if kind.startswith(("titel", "befattning")) and sigs and "title" not in sigs[-1]:
                sigs[-1]["title"], sigs[-1]["source"] = t, f"{sigs[-1]['source']} {b.text}"
                continue
        pd = _PLACE_DATE.fullmatch(t)
        if pd and not person(f, t):
            place, date, lead = pd.group("place"), pd.group("date"), [*lead, b.text]
            party = f.party_ref(pd.group("party")) if pd.group("party") else party
            continue
        m = re.fullmatch(r"för\s+(.{2,80})", t, re.IGNORECASE)
        if m:
            party, lead = f.party_ref(m.group(1)), [*lead, t]
            continue
        if b.words >= 10:
            continue
        sig = _signatory(f, t)
        if sig:
            sig.update({k: v for k, v in (("party", party), ("place", place), ("date_as_written", date)) if v})
            sig["source"] = " ".join([*lead, b.text])
            sigs.append(sig)
            lead, used = [], True
            continue
        last = sigs[-1] if sigs else None
        if last and re.fullmatch(_NAME_WORD, t) and not _TITLE_WORD.search(t) and "title" not in last:
            last["name"] = f"{last['name']} {t}"
            last["source"] += f" {t}"
        elif last and "title" not in last and b.words <= 6 and any(_TITLE_WORD.search(w) for w in (t.split()[0], t.split()[-1])):
            last["title"] = t
            last["source"] += f" {t}"
        elif f.party(t):
            waiting = [s for s in sigs if "party" not in s]
            for s in waiting:  # the party printed under its signatories
                s["party"] = f.party_ref(t)
                s["source"] += f" {t}"
            if not waiting:  # the party printed above its signatory: it leads the next signature
                party, lead = f.party_ref(t), [*lead, t]
    _keep(f, sigs)


def _signatory(f: Findings, text: str) -> dict[str, Any] | None:
    parts = [p.strip() for p in text.split(",", 1)]
    if person(f, parts[0]):
        sig = {"name": parts[0]}
        if len(parts) > 1 and parts[1]:
            sig["title"] = parts[1]
        return sig
    words = text.split()
    if len(words) >= 3 and _TITLE_WORD.search(words[-1]) and person(f, " ".join(words[:-1])):
        return {"name": " ".join(words[:-1]), "title": words[-1]}
    return None


def _memo_signatures(f: Findings) -> None:
    """A decision memo signed at its end by officials, with no signature heading: `Name Title`."""
    kind = f.value("document.kind")
    sigs = []
    tail = f.blocks[-12:]
    for i, b in enumerate(tail):
        words = b.text.split()
        following = tail[i + 1].text if i + 1 < len(tail) else ""
        if len(words) >= 3 and _TITLE_WORD.search(words[-1]) and person(f, " ".join(words[:-1])):
            sigs.append({"name": " ".join(words[:-1]), "title": words[-1], "source": b.text})
        elif person(f, b.text) and len(following.split()) <= 3 and _TITLE_WORD.search(following):
            sigs.append({"name": b.text, "title": following, "source": f"{b.text} {following}"})  # name, then title
    public = [p for p in f.parties if p.role == "public"]
    if sigs and kind == "decision_memo" and len(public) == 1:
        for s in sigs:
            s["party"] = public[0].id
        f.note(f"underskrifter: tjänsteutlåtandets undertecknare antas företräda {public[0].name}; kontrollera")
    _keep(f, sigs)


def _keep(f: Findings, sigs: list[dict[str, Any]]) -> None:
    kept = [s for s in sigs if s.get("party")]
    for s in sigs:
        if not s.get("party"):
            f.note(f"underskrift: \"{s['source']}\" kunde inte knytas till en part")
    if kept:
        f.items["signatures"] = kept

