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
    contacts: list[dict[str, Any]] = _contact_sentences(f) + _inline_contacts(f)
    start = next((i for i, b in enumerate(blocks)
                  if re.match(r"^kontakt(?:person|personer|uppgifter|er)?\b", b.text, re.I) and b.words <= 3), None)
    if start is None:
        if contacts:
            f.items["contacts"] = contacts
        return
    current: str | None = None
    nearby: str | None = None  # a party named on its own line since the last contact
    last: dict[str, Any] | None = None
    follows_last = False
    for j in range(start + 1, min(start + 40, len(blocks))):
        b, t = blocks[j], blocks[j].text
        if is_heading(b) or (b.words >= 15 and t.endswith(".")):
            break
        nxt = blocks[j + 1].text if j + 1 < len(blocks) else ""
        if EMAIL.fullmatch(t.removeprefix("mailto:")):
            if last is not None and "email" not in last and follows_last:
                if _email_of(last["name"], t):
                    last["email"] = t
                    last["source"] += f" {t}"
                else:  # "anna@…" under "Erik Berg": maybe the neighbour's address; the reviewer decides
                    f.note(f"kontaktperson: e-postadressen {t} står under {last['name']} men kan höra till en annan rad; "
                           "ange den själv")
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
        made = _contact(f, t, current or nearby, t)
        if made and made.get("party") is None and last is not None:
            # no party of its own and no party heading above: the previous contact's party is a guess
            f.note(f"kontaktperson: \"{t[:120]}\" står utan part; ange vilken part den hör till")
            follows_last = False
            continue
        if made:
            contacts.append(made)
            last, follows_last, nearby = made, True, None
            continue
        if b.words <= 6 and f.party(t):  # an address block's party name, above the next person
            nearby = f.party_ref(t)
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


def _email_of(name: str, email: str) -> bool:
    """The address plausibly is this person's: its local part has their first or last name, or no name at all
    (`info@`, `kansli@`: an office's address, which goes with whoever stands above it)."""
    import unicodedata
    plain = lambda x: "".join(c for c in unicodedata.normalize("NFKD", x.casefold()) if c.isalpha())  # noqa: E731
    local = plain(email.split("@")[0])
    names = [plain(n) for n in name.split() if len(plain(n)) >= 3]
    if any(n in local for n in names):
        return True
    return not re.search(r"[a-zåäö]{3,}[._-][a-zåäö]{3,}", email.split("@")[0].casefold())


# "Kontakt: kommunen – Elin Rantatalo, fritidskonsulent; föreningen – Mikael Pekkari, ordförande."
_INLINE_CONTACTS = re.compile(r"^kontakt(?:person|personer|er)?\s*:\s*(?P<rest>.+)$", re.IGNORECASE)


def _inline_contacts(f: Findings) -> list[dict[str, Any]]:
    out = []
    for b in f.blocks:
        m = _INLINE_CONTACTS.match(b.text)
        if not m or ";" not in m.group("rest"):
            continue
        for part in m.group("rest").rstrip(".").split(";"):
            who = re.match(r"\s*(?P<party>[^–:-]{2,60}?)\s+[–-]\s+(?P<rest>.+)$", part)
            party = f.party(who.group("party")) if who else None
            made = _contact(f, who.group("rest"), party.id, b.text) if who and party else None
            if made:
                out.append(made)
    return out


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
        start = _unheaded_signatures(f)
    if start is None:
        _memo_signatures(f)
        return
    sigs: list[dict[str, Any]] = []
    place = date = party = None
    lead: list[str] = []
    used = False  # the place, date and party so far belong to a signature already read
    table = _signature_table(f, blocks[start + 1:start + 30])
    if table:
        _keep(f, table)
        return
    for b in blocks[start + 1:]:
        t = b.text
        inline = _PLACE_DATE.match(t)
        if inline and inline.end() < len(t) and not inline.group("party") and _signatory(f, _for_party(t[inline.end():])[0]):
            # "Piteå 2023-12-    Lina Öhman, fritidschef, för KFN": place, date and signatory on one line
            name_part, for_party = _for_party(t[inline.end():])
            sig = _signatory(f, name_part)
            owner = f.party_ref(for_party) if for_party and f.party(for_party) else party
            sig.update({k: v for k, v in (("party", owner), ("place", inline.group("place")),  # type: ignore[union-attr]
                                          ("date_as_written", inline.group("date"))) if v})
            sig["source"] = " ".join([*lead, t])  # type: ignore[index]
            sigs.append(sig)  # type: ignore[arg-type]
            lead, used = [], True
            continue
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
        labelled = re.fullmatch(r"för\s+(?P<party>[^:]{2,80}?)\s*:\s*(?P<rest>.+)", t, re.IGNORECASE)
        if labelled and f.party(labelled.group("party")):  # "För Botkyrka kommun: Ali Demir, ordförande i …"
            sig = _signatory(f, labelled.group("rest").strip())
            if sig:
                sig.update({k: v for k, v in (("party", f.party_ref(labelled.group("party"))), ("place", place),
                                              ("date_as_written", date)) if v})
                sig["source"] = " ".join([*lead, b.text])
                sigs.append(sig)
                lead, used = [], True
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


def _for_party(text: str) -> tuple[str, str | None]:
    """`Lina Öhman, fritidschef, för KFN` -> (`Lina Öhman, fritidschef`, `KFN`)."""
    m = re.search(r",?\s+för\s+(?P<p>[^,]{2,80})$", text.strip(), re.IGNORECASE)
    return (text.strip()[:m.start()].strip(" ,"), m.group("p").strip(" .")) if m else (text.strip(), None)


def _signature_table(f: Findings, blocks: list[Any]) -> list[dict[str, Any]]:
    """Signatures as a table: a row per party (`| Västra Götalandsregionen | Lena Sjöberg, direktör | Vänersborg
    2025-02- |`) or a column per party (the parties in the header row, `Namn: …`, `Titel: …` below)."""
    rows = [b for b in blocks if len(b.cells) >= 2]
    if len(rows) < 2:
        return []
    sigs: list[dict[str, Any]] = []
    header = rows[0].cells
    if all(f.party(c) for c in header if c.strip()) and sum(bool(c.strip()) for c in header) >= 2:
        for col, name in enumerate(header):  # a column per party
            sig: dict[str, Any] = {"party": f.party_ref(name)}
            quote = [name]
            for row in rows[1:]:
                cell = row.cells[col].strip() if col < len(row.cells) else ""
                m = _SIGNATURE_LABEL.fullmatch(cell)
                if not m:
                    continue
                kind, value = m.group("label").lower(), m.group("value").strip()
                if kind.startswith("namn") and value:
                    if "name" in sig:  # a second signatory for the same party
                        sigs.append(sig)
                        sig, quote = {"party": sig["party"]}, [name]
                    sig["name"] = value
                elif kind.startswith(("titel", "befattning")) and value and "name" in sig:
                    sig["title"] = value
                elif kind.startswith(("ort", "datum")):
                    pd = _PLACE_DATE.fullmatch(value)
                    if pd:
                        sig["place"], sig["date_as_written"] = pd.group("place"), pd.group("date")
                quote.append(cell)
                sig["source"] = " ".join(quote)
            if "name" in sig:
                sigs.append(sig)
        for s in sigs:  # the place and date stand once per column
            first = next(x for x in sigs if x["party"] == s["party"])
            for k in ("place", "date_as_written"):
                if k in first and k not in s:
                    s[k] = first[k]
        return [s for s in sigs if person(f, s["name"])]
    for row in rows:  # a row per party
        owner = next((c for c in row.cells if f.party(c)), None)
        named = next((c for c in row.cells if _signatory(f, c)), None)
        if not owner or not named:
            continue
        sig = _signatory(f, named) or {}
        sig["party"] = f.party_ref(owner)
        pd = next((_PLACE_DATE.fullmatch(c) for c in row.cells if _PLACE_DATE.fullmatch(c) and not person(f, c)), None)
        if pd:
            sig.update({"place": pd.group("place"), "date_as_written": pd.group("date")})  # type: ignore[union-attr]
        sig["source"] = row.text  # type: ignore[index]
        sigs.append(sig)  # type: ignore[arg-type]
    return sigs


def _unheaded_signatures(f: Findings) -> int | None:
    """Where signatures start when no heading says so: among the last blocks, a place and date ("Kiruna
    2024-12-12", "Motala den 26 augusti 2024") or "För <party>", with a person's name within the next four."""
    blocks = f.blocks
    for i in range(max(0, len(blocks) - 20), len(blocks)):
        t = blocks[i].text
        lead = (_PLACE_DATE.fullmatch(t) and not person(f, t)) or re.fullmatch(r"för\s+.{2,80}", t, re.IGNORECASE)
        if lead and any(_signatory(f, b.text) for b in blocks[i + 1:i + 5]):
            return i - 1
    return None


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

