"""Contact persons, as agreements list them: a section of labelled lines, an address block, a table, or a
sentence ("Kommunens kontaktperson är …").  The signatures are read in `signatures.py`.

A contact's party is taken only from a label or a name that names one; an e-mail address that may be
a neighbour's (its local part names someone else) is a note for the reviewer, never a value.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from . import lexicon
from .found import Findings
from .lexicon import alt
from .persons import (EMAIL, NAME, PHONE, PHONE_LABEL, details, first_name_part, looks_like_title, note_quote, org_label,
                      owner, person, place_date, split_parts)
from .signatures import SIGNATURES_HEADING, extract_signatures
from .signatures import label as signature_label
from .text import Block, is_heading

__all__ = ["extract_contacts", "extract_signatures", "SIGNATURES_HEADING", "NAME", "person"]

_NUMBER = r"^(?:§\s*)?(?:(?:artikel|punkt|avsnitt|kapitel)\s+)?(?:[IVXL]{1,6}\.\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s*(?:[–:-]\s*)?)?"
_HEADING = re.compile(_NUMBER + alt(lexicon.CONTACT_HEADINGS) + r"(?:\s+(?:och|för|under|samt|mellan)(?:\s+[\wåäö-]+){1,4})?"
                      r"(?:\s*:\s*(?P<rest>.*))?$", re.IGNORECASE)
_ROLE = alt(lexicon.CONTACT_ROLES)
_VERB = alt(lexicon.CONTACT_VERBS)
# "Kontaktperson för föreningen är …", "Kommunens kontaktperson under sommaren är …", "Livslinjens kontaktperson: …"
_MENTION = re.compile(rf"(?:(?P<gen>(?:(?-i:[A-ZÅÄÖ])[\w-]*\s+){{0,3}}[\w-]+s)\s+{_ROLE}|(?:som\s+)?{_ROLE}\s+(?:för|hos|på|från|inom|vid|i)\s+"
                      rf"(?P<party>[^,:]{{2,60}}?))(?:\s+(?:under|i|för|hos)\s+[^,:]{{1,40}}?)?\s*(?:{_VERB})\s*"
                      rf"|(?<!\w)för\s+(?P<party2>[^,:]{{2,60}}?)\s+är\s+{_ROLE}\s+", re.IGNORECASE)  # "För X är kontaktperson …"
_PEOPLE_SPLIT = re.compile(r",?\s+(?:och|samt)\s+(?=(?:[a-zåäö]+\s+)?(?-i:[A-ZÅÄÖ]))")  # where a second person begins
_NAMES_ROLE = re.compile(rf"^(?P<party>[^,]{{2,80}}?)\s+utser\s+(?P<rest>.+?)\s+(?:till|som)\s+(?:{_ROLE})\b", re.IGNORECASE)
_OFFICIAL = re.compile(rf"^{alt(lexicon.OFFICIAL_ROLES)}\s*(?::|är)", re.IGNORECASE)
_ROLE_ALONE = re.compile(rf"^(?:{_ROLE})\s*(?::|är)\s*(?P<rest>.+)$", re.IGNORECASE)
# A label that opens a contact line: "Kommunen:", "För föreningen:", "Region Gotland –".
_LABEL = re.compile(r"(?:^|(?<=[\s,;]))(?P<label>(?:[Ff]ör\s+)?[^\W\d_][^\s:;,@]*(?:\s+[^\s:;,@–]+){0,6}?)\s*(?::|\s[–—]|\s-(?=\s))\s*")
_NOT_PARTY_LABEL = re.compile(rf"^(?:{alt(lexicon.NOT_PARTY_LABELS)}|{alt(lexicon.CONTACT_FIELDS)})\.?$", re.IGNORECASE)
_FIELD = re.compile(r"^(?P<label>" + alt(k for k, v in lexicon.CONTACT_FIELDS.items() if v != "party") + r")\.?\s*:\s*(?P<value>.*)$",
                    re.IGNORECASE)


def _field(text: str) -> str | None:
    """What a table header or a line's label names: `E-post` -> `email`."""
    return lexicon.CONTACT_FIELDS.get(" ".join(text.split()).casefold().rstrip(".:"))


def extract_contacts(f: Findings) -> None:
    contacts = _sentences(f)
    start = next((i for i, b in enumerate(f.blocks) if _HEADING.match(b.text) and (
        (b.words <= 8 and not re.search(r"[.!?]$", b.text)) or _HEADING.match(b.text).group("rest"))), None)  # type: ignore[union-attr]
    if start is not None:
        contacts += _section(f, start)
    contacts += _tables_with_contacts(f, start)
    kept: list[dict[str, Any]] = []
    for c in contacts:
        same = next((k for k in kept if k["name"] == c["name"]), None)
        if same is None:
            kept.append(c)
        else:
            for key, value in c.items():
                same.setdefault(key, value)
    kept = _checked_emails(f, kept)
    if kept:
        f.items["contacts"] = kept


def _section(f: Findings, start: int) -> list[dict[str, Any]]:
    """The contact section's lines, tables and address blocks, up to the next section."""
    blocks: list[Block] = []
    for b in f.blocks[start + 1:start + 40] if f.blocks[start].words <= 8 else []:
        if (is_heading(b) and not owner(f, b.text)) or SIGNATURES_HEADING.match(b.text) or (  # "### Kommunen" opens a party
                b.words >= 25 and b.text.endswith(".")) or _signing(f, b.text):
            break
        blocks.append(b)
    heading = _HEADING.match(f.blocks[start].text)
    rest = heading.group("rest") if heading else None
    lines = [rest] if rest else []
    table = _table(f, [b for b in blocks if len(b.cells) >= 2])
    lines += [b.text for b in blocks if len(b.cells) < 2]
    return table + _lines(f, lines)


def _signing(f: Findings, text: str) -> bool:
    """The signatures begin here, with no heading of their own: "Mora den 18 december 2025", "Ort och datum"."""
    lab = signature_label(text)
    return bool(lab and lab[0] in ("place_date", "date", "sign")) or bool(place_date(f, text) and not person(f, text))


def _lines(f: Findings, lines: list[str]) -> list[dict[str, Any]]:
    """Labelled contact lines ("Kommunen: Anna Berg, enhetschef, anna@…", several to a paragraph) and
    address blocks (a party, then name, office, e-mail and phone each on a line of its own)."""
    out: list[dict[str, Any]] = []
    current: str | None = None  # the party a label or a name line above has opened
    last: dict[str, Any] | None = None  # the contact the following lines still describe
    for t in [piece for line in lines for piece in _run_on(line)]:
        field = _FIELD.match(t)
        if field:  # "Namn: Anna Berg", "Titel: enhetschef", "E-post: anna@…" under the party's label
            kind, value = _field(field.group("label")), field.group("value").strip()
            if kind == "name":
                last = _contact(f, value, current, t)
                if last is not None:
                    last.setdefault("party", current)
                    out.append(last) if last.get("party") else None
            elif last is not None and value:
                details(f, [value] if kind != "title" else [], last, with_contact=True)
                if kind == "title":
                    last.setdefault("title", value)
                last["source"] += f" {t}"
            continue
        segments = _segments(f, t)
        if segments:
            for pid, rest, quote in segments:
                made = _contact(f, rest, pid, quote) if rest else None
                if made:
                    out.append(made)
                    last = made
                else:
                    current, last = pid, None
            continue
        if EMAIL.fullmatch(t.removeprefix("mailto:")) or PHONE.fullmatch(PHONE_LABEL.sub("", t).strip(" .:")):
            if last is not None:
                details(f, [t], last, with_contact=True)
                last["source"] += f" {t}"
            continue
        made = _contact(f, t, None, t)  # a party the line names itself comes before the one above it
        if made:
            made.setdefault("party", current)
            if not made.get("party"):
                f.note(f"kontaktperson: \"{note_quote(t)}\" står utan part; ange vilken part den hör till")
                last = None
                continue
            out.append(made)
            last = made
            continue
        if last is not None and "title" not in last and (looks_like_title(t) or (org_label(t) and not f.party(t))):
            last["title"], last["source"] = t, f"{last['source']} {t}"  # the office, or the department, under the name
            continue
        if len(t.split()) <= 8 and not re.search(r"\d|@", t):
            pid = owner(f, t) or (t.strip(" :") if org_label(t) else None)
            if pid:
                current, last = pid, None
                continue
        last = None
    return out


def _run_on(text: str) -> list[str]:
    """Contact lines run together into one paragraph, cut after each e-mail address or phone number that a
    capitalised word follows: "Anna Lind, …, anna.lind@x.se Bo Ström, …" is two lines."""
    cuts = [m.end() for rx in (EMAIL, PHONE) for m in rx.finditer(text) if re.match(r"\s+[A-ZÅÄÖ]", text[m.end():])]
    bounds = [0, *sorted(set(cuts)), len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _segments(f: Findings, text: str) -> list[tuple[str | None, str, str]]:
    """`text` cut at each label that names a party: (party, what follows, the quote).  Two lines run
    together into one paragraph ("Kommunen: Anna Berg … Föreningen: Bo Ek …") stay two contacts."""
    cuts: list[tuple[int, int, str | None]] = []
    for m in _LABEL.finditer(text):
        lab = m.group("label")
        if _NOT_PARTY_LABEL.match(lab.strip()) or NAME.fullmatch(lab.strip()) and person(f, lab.strip()):
            continue
        lab = re.sub(rf"s\s+(?:{_ROLE})$", "", lab.strip(), flags=re.IGNORECASE) or lab  # "Kommunens kontaktperson:"
        pid = owner(f, lab) or (lab.strip() if org_label(lab) else None)
        if pid is None and re.match(rf"(?:{_ROLE})$", lab.strip(), re.IGNORECASE):
            continue
        if pid is None and m.start() == 0 and not EMAIL.search(text[:m.end()]):
            cuts.append((m.start(), m.end(), None))  # a label that names no party: its contact gets none
        elif pid is not None:
            cuts.append((m.start(), m.end(), pid))
    out: list[tuple[str | None, str, str]] = []
    for i, (begin, end, pid) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        out.append((pid, text[end:stop].strip(" ;,"), text[begin:stop].strip(" ;,")))
    return out


def _contact(f: Findings, text: str, party: str | None, quote: str) -> dict[str, Any] | None:
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


def _sentences(f: Findings) -> list[dict[str, Any]]:
    """Contacts named in a sentence, one or several: "Kommunens kontaktperson är fritidskonsulent Jonas Berg,
    …, och föreningens kontaktperson är verksamhetsledaren Malin Åkesson", "Kontaktperson för föreningen är …",
    "Kommunen utser Anna Berg till kontaktperson", "Ansvarig handläggare: …"."""
    out = []
    previous = ""
    for b in f.blocks:
        block_owner = _owner_of_block(f, b.text, previous)
        previous = b.text if not b.cells and not b.heading else ""
        for s in b.sentences:
            low = s.casefold()
            if "kontakt" not in low and "handläggare" not in low and "tjänste" not in low:
                continue
            mentions = [m for m in _MENTION.finditer(s) if owner(f, m.group("gen") or m.group("party") or m.group("party2"))]
            for i, m in enumerate(mentions):
                stop = mentions[i + 1].start() if i + 1 < len(mentions) else len(s)
                rest = re.sub(r",?\s*(?:och|samt)?\s*$", "", s[m.end():stop].rstrip(". "))
                for one in _PEOPLE_SPLIT.split(rest):  # "Kommunens kontaktpersoner är Anna Berg, …, och Bo Ek, …"
                    made = _contact(f, one, owner(f, m.group("gen") or m.group("party") or m.group("party2")), s)
                    if made and made.get("party"):
                        out.append(made)
            if mentions:
                continue
            named = _NAMES_ROLE.match(s)
            if named and owner(f, named.group("party")):
                made = _contact(f, named.group("rest"), owner(f, named.group("party")), s)
                if made:
                    out.append(made)
                continue
            alone = _ROLE_ALONE.match(s)
            people = _PEOPLE_SPLIT.split(alone.group("rest").rstrip(".")) if alone else []
            if len(people) > 1:  # "Kontaktpersoner är Anna Berg (staden), …, och Bo Ek (föreningen), …"
                out += [c for c in (_contact(f, p, None, s) for p in people) if c and c.get("party")]
                continue
            made = _contact(f, alone.group("rest").rstrip("."), None, s) if alone else None
            if made and not made.get("party") and block_owner:  # "Föreningen Bro, Storgatan 1 … Kontaktperson: Bo Ek"
                made = {"party": block_owner, **made}
            publics = [p for p in f.parties if p.role == "public"]
            if made and not made.get("party") and _OFFICIAL.match(s) and len(publics) == 1:
                made = {"party": publics[0].id, **made}  # "Handläggare: Jonas Öhrn": the authority's own official
            if made and made.get("party"):
                out.append(made)
            elif made:
                f.note(f"kontaktperson: \"{note_quote(s)}\" står utan part; ange vilken part den hör till")
    return out


def _tables_with_contacts(f: Findings, section: int | None) -> list[dict[str, Any]]:
    """Outside the contact section, a table with a contact-person column (a table of the parties with
    `| Part | Org.nr | Kontaktperson |`): a contact per row."""
    out: list[dict[str, Any]] = []
    run: list[Block] = []
    for i, b in enumerate([*f.blocks, Block("", 0)]):
        if len(b.cells) >= 2 and (section is None or not section < i <= section + 40):
            run.append(b)
            continue
        if len(run) >= 2 and any(re.fullmatch(r"kontaktperson(?:er)?", c.strip(), re.IGNORECASE) for c in run[0].cells):
            out += _table(f, run)
        run = []
    return out


def _owner_of_block(f: Findings, text: str, previous: str) -> str | None:
    """The one party a paragraph describes (its name, address, organisation number), or the one the short
    paragraph above it names: whose "Kontaktperson: …" a party's own address block gives."""
    before = re.split(r"(?i)kontaktperson", text)[0]
    if not before.strip() and len(previous.split()) <= 25:  # the paragraph is the contact line alone
        before = previous
    named = {p.id for _, p in f.mentioned(before)}
    return named.pop() if len(named) == 1 else None


def _table(f: Findings, rows: list[Block]) -> list[dict[str, Any]]:
    """A contact table: a column per field (`| Part | Namn | Funktion | E-post |`), or a column per party
    (`| | Region Skåne | Föreningen … |`, then rows `| Namn | … |`, `| Roll | … |`)."""
    if len(rows) < 2:
        return []
    header = [c.strip() for c in rows[0].cells]
    kinds = {i: k for i, c in enumerate(header) for k in [_field(c)] if k}
    out = []
    if "name" in kinds.values():
        for row in rows[1:]:
            c: dict[str, Any] = {}
            for i, cell in enumerate(row.cells):
                kind, cell = kinds.get(i), cell.strip()
                if kind == "party" and cell:
                    c["party"] = owner(f, cell) or (cell if org_label(cell) else None)
                elif kind == "name" and person(f, cell):
                    c["name"] = cell
                elif kind in ("title", "email", "phone") and cell and not re.fullmatch(r"[-–_.\s]*", cell):
                    c[kind] = cell
            if c.get("name") and not c.get("party"):  # no column says the party: the cell that names one
                c["party"] = next((p for cell in row.cells if not person(f, cell.strip())
                                   for p in [owner(f, cell.strip(), bodies=False)] if p), None)
            if c.get("name") and c.get("party"):
                out.append({**c, "source": row.text})
        return out
    parties = {i: owner(f, c) for i, c in enumerate(header) if c and owner(f, c)}
    if not parties or any(person(f, c.strip()) for c in header):
        return _table_rows(f, rows)
    by_col: dict[int, dict[str, Any]] = {i: {"party": pid} for i, pid in parties.items()}
    for row in rows[1:]:
        kind = _field(row.cells[0]) if row.cells else None
        for i, c in by_col.items():
            cell = row.cells[i].strip() if i < len(row.cells) else ""
            if kind == "name" and person(f, cell):
                c["name"] = cell
            elif kind in ("title", "email", "phone") and cell:
                c[kind] = cell
    return [{**c, "source": " ".join(r.text for r in rows)} for c in by_col.values() if c.get("name")]


def _table_rows(f: Findings, rows: list[Block]) -> list[dict[str, Any]]:
    """A contact table without a header: a row per person, `Kommunen | Annelie Persson | sektionschef | …@…`."""
    out = []
    for row in rows:
        cells = [c.strip() for c in row.cells if c.strip()]
        name = next((c for c in cells if person(f, c)), None)
        pid = next((p for c in cells if not person(f, c) for p in [owner(f, c, bodies=False)] if p), None)
        if not name or not pid:
            continue
        c: dict[str, Any] = {"party": pid, "name": name}
        details(f, [x for x in cells if x != name and owner(f, x, bodies=False) != pid], c, with_contact=True)
        out.append({**c, "source": row.text})
    return out


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalpha())


def _email_of(name: str, email: str) -> bool:
    """The address plausibly is this person's: its local part has their first or last name, or no name at all
    (`info@`, `kansli@`: an office's address, which goes with whoever stands above it)."""
    local = email.split("@")[0]
    names = [_plain(n) for n in name.split() if len(_plain(n)) >= 2]
    if any(n in _plain(local) for n in names):
        return True
    return not re.fullmatch(r"[a-zåäö]{2,}(?:[._-][a-zåäö]{2,})+", local.casefold())  # "bo.ek@" is a name, not Anna's


def _domain_party(f: Findings, email: str) -> str | None:
    """The one party whose name the address's domain spells ("lund" in lund.se for Lunds kommun), if any."""
    labels = [_plain(x) for x in email.split("@")[-1].split(".")[:-1] if len(_plain(x)) >= 4]
    hits = {p.id for p in f.parties for x in labels if x in _plain(p.name) or _plain(p.name) in x}
    return hits.pop() if len(hits) == 1 else None


def _checked_emails(f: Findings, contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An address whose local part names someone else ("erik.berg@…" beside Anna Lind) is the neighbour's,
    perhaps: a note for the reviewer, not a value.  A contact whose address is at another party's domain
    was put under the wrong party, perhaps (a party's name printed under its people, not above): a note."""
    kept = []
    for c in contacts:
        email = c.get("email")
        if email and not _email_of(c["name"], email):
            del c["email"]
            f.note(f"kontaktperson: e-postadressen {email} står vid {c['name']} men kan höra till en annan rad; ange den själv")
        domain = _domain_party(f, email) if email else None
        if domain and c.get("party") in {p.id for p in f.parties} and domain != c["party"]:
            f.note(f"kontaktperson: {c['name']} står under en part men har e-post hos en annan ({email}); ange parten själv")
            continue
        kept.append(c)
    return kept
