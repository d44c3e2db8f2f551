"""Contact persons, as agreements list them: a section of labelled lines, an address block, a table, or a
sentence ("Kommunens kontaktperson är …").  The signatures are read in `signatures.py`.

A contact's party is taken only from a label or a name that names one; an e-mail address that may be
a neighbour's (its local part names someone else) is a note for the reviewer, never a value.
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon
from .contact_emails import checked_emails, domain_owner
from .contact_prose import prose_contacts, sentence_contacts
from .found import Findings
from .lexicon import alt
from .persons import (EMAIL, EMAIL_LABEL, NAME, PHONE, PHONE_LABEL, contact_from, details, first_name_part, looks_like_title,
                      note_quote, org_label, owner, person, place_date, split_parts)
from .signature_section import SIGNATURES_HEADING
from .signature_section import label as signature_label
from .signatures import extract_signatures
from .text import Block, is_heading, split_sentences

__all__ = ["extract_contacts", "extract_signatures", "SIGNATURES_HEADING", "NAME", "person"]

_NUMBER = r"^(?:§\s*)?(?:(?:artikel|punkt|avsnitt|kapitel)\s+)?(?:[IVXL]{1,6}\.\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s*(?:[–:-]\s*)?)?"
_HEADING = re.compile(_NUMBER + alt(lexicon.CONTACT_HEADINGS) + r"(?:\s+(?:och|för|under|samt|mellan)(?:\s+[\wåäö-]+){1,4})?"
                      r"(?P<asked>\s*\?)?(?:\s*:\s*(?P<rest>.*))?$", re.IGNORECASE)
_ROLE = alt(lexicon.CONTACT_ROLES)
_VERB = alt(lexicon.CONTACT_VERBS)
# A label that opens a contact line: "Kommunen:", "För föreningen:", "Region Gotland –".
_LABEL = re.compile(r"(?:^|(?<=[\s,;]))(?P<label>(?:[Ff]ör\s+)?[^\W\d_][^\s:;,@]*(?:\s+[^\s:;,@–]+){0,6}?)\s*(?::|\s[–—]|\s-(?=\s))\s*")
_NOT_PARTY_LABEL = re.compile(rf"^(?:{alt(lexicon.NOT_PARTY_LABELS)}|{alt(lexicon.CONTACT_FIELDS)})\.?$", re.IGNORECASE)
_FIELD = re.compile(r"^(?P<label>" + alt(k for k, v in lexicon.CONTACT_FIELDS.items() if v != "party") + r")\.?\s*:\s*(?P<value>.*)$",
                    re.IGNORECASE)


def _field(text: str) -> str | None:
    """What a table header or a line's label names: `E-post` -> `email`."""
    return lexicon.CONTACT_FIELDS.get(" ".join(text.split()).casefold().rstrip(".:"))


def extract_contacts(f: Findings) -> None:
    contacts = sentence_contacts(f)
    start = next((i for i, b in enumerate(f.blocks) if _heading(b)), None)
    if start is not None:
        contacts += _section(f, start)
    contacts += _tables_with_contacts(f, start)
    contacts += _labelled_rows(f)
    contacts += prose_contacts(f)
    kept: list[dict[str, Any]] = []
    for c in contacts:
        same = next((k for k in kept if k["name"] == c["name"]), None)
        if same is None:
            kept.append(c)
        else:
            for key, value in c.items():
                same.setdefault(key, value)
    kept = checked_emails(f, kept)
    if kept:
        f.items["contacts"] = kept


def _heading(b: Block) -> bool:
    """The contact section's heading: short, no sentence ("Vem kontaktar man?" asks one), or the heading run into its first line."""
    m = _HEADING.match(b.text)
    return bool(m and ((b.words <= 8 and (m.group("asked") or not re.search(r"[.!?]$", b.text))) or m.group("rest")))


def _section(f: Findings, start: int) -> list[dict[str, Any]]:
    """The contact section's lines, tables and address blocks, up to the next section."""
    blocks: list[Block] = []
    for b in f.blocks[start + 1:start + 40] if f.blocks[start].words <= 8 else []:
        if (is_heading(b) and len(b.cells) < 2 and not _party_line(f, b.text) and not EMAIL.search(b.text) and not _LEADER.search(b.text)) or \
                SIGNATURES_HEADING.match(b.text) or (  # "### Kommunen" opens a party; "Kontaktperson X …… Anna" is a line
                b.words >= 25 and b.text.endswith(".")) or _signing(f, b.text):
            break
        blocks.append(b)
    heading = _HEADING.match(f.blocks[start].text)
    rest = heading.group("rest") if heading else None
    lines = [rest] if rest else []
    table = _table(f, [b for b in blocks if len(b.cells) >= 2])
    lines += [b.text for b in blocks if len(b.cells) < 2]
    return table + _lines(f, lines)


def _labelled_rows(f: Findings) -> list[dict[str, Any]]:
    """`Kontaktpersoner<TAB>Ewa Hedlund, …, (kommunen); Per-Olof Wiklund, …`: a form's row whose label names the contacts,
    one person to each part of its value."""
    out: list[dict[str, Any]] = []
    for b in f.blocks:
        if len(b.cells) == 2 and _HEADING.fullmatch(b.cells[0].strip()) and b.cells[1].strip():
            out += _lines(f, [part for s in split_sentences(b.cells[1]) for part in s.split(";") if part.strip()])
    return out


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
    for t in [_LEADER.sub(": ", piece, count=1) for line in lines for piece in _run_on(line)]:
        field = _FIELD.match(t)
        if field:  # "Namn: Anna Berg", "Titel: enhetschef", "E-post: anna@…" under the party's label
            kind, value = _field(field.group("label")), field.group("value").strip()
            if kind == "name":
                last = contact_from(f, value, current, t)
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
                made = contact_from(f, rest, pid, quote) if rest else None
                role = _ROLE_LABEL.match(quote)  # "Avtalsansvarig för Regionen: Sara Westin, …": the role is the office
                if made and role and "title" not in made:
                    made["title"] = role.group("role").lower()
                if made:
                    out.append(made)
                    last = made
                else:
                    current, last = pid, None
            continue
        if EMAIL.fullmatch(EMAIL_LABEL.sub("", t).removeprefix("mailto:")) or PHONE.fullmatch(PHONE_LABEL.sub("", t).strip(" .:")):
            if last is not None:
                details(f, [t], last, with_contact=True)
                last["source"] += f" {t}"
            continue
        made = contact_from(f, t, None, t) or _party_first(f, t)  # a party the line names itself comes before the one above it
        if made:
            made.setdefault("party", current or (domain_owner(f, made["email"]) if made.get("email") else None))
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
            pid = _party_line(f, t)
            if pid:
                current, last = pid, None
                continue
        last = None
    return out


def _party_first(f: Findings, t: str) -> dict[str, Any] | None:
    """`Lunds kommun, Socialförvaltningen, Anna Berg, enhetschef, anna.berg@…`: the party (and its department), then the person."""
    parts = split_parts(t)
    pid = owner(f, parts[0], bodies=False) if len(parts) >= 2 else None
    at = next((k for k, part in enumerate(parts[1:4], 1) if first_name_part(f, part)), None)
    if pid is None or at is None or any(not org_label(part) and not owner(f, part) for part in parts[1:at]):
        return None
    return contact_from(f, ", ".join(parts[at:]), pid, t)


_PARTY_LEAD = re.compile(rf"^(?:(?:{_ROLE})\s+(?:för|hos|på|inom)\s+|(?:part|parter|organisation)\s*:\s*)", re.IGNORECASE)


def _party_line(f: Findings, t: str) -> str | None:
    """A line that opens a party's contacts: "Kommunen", "Kontaktperson för föreningen", "Part: Region Gotland"."""
    label = _PARTY_LEAD.sub("", t).strip(" :")
    return owner(f, label) or (label if org_label(label) else None)


# "Kontaktperson staden ........ Petra Holm": a label and its value set apart by a leader of dots
_LEADER = re.compile(r"(?<=\w)\s*(?:\.{3,}|…+)\s*(?=[A-ZÅÄÖ])")


def _run_on(text: str) -> list[str]:
    """Contact lines run together into one paragraph, cut after each e-mail address or phone number that a
    capitalised word follows: "Anna Lind, …, anna.lind@x.se Bo Ström, …" is two lines."""
    cuts = [m.end() for rx in (EMAIL, PHONE) for m in rx.finditer(text) if re.match(r"\s+[A-ZÅÄÖ]", text[m.end():])]
    bounds = [0, *sorted(set(cuts)), len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


_RESPONSIBLE = re.compile(rf"^(?:{alt(lexicon.RESPONSIBLE_ROLES)}|[\wåäö-]+ansvarig[a]?)(?:\s+för\s+{alt(lexicon.AGREEMENT_WORDS)})?"
                         r"\s+(?:för|hos|på|inom|från|vid)\s+(?=\S)",
                         re.IGNORECASE)


_ROLE_LABEL = re.compile(r"^(?P<role>[\wåäö-]+ansvarig)\s+(?:för|hos|på|inom|vid)\s", re.IGNORECASE)


def _label_party(f: Findings, lab: str) -> tuple[str | None, bool]:
    """The party a contact line's label names ("Kommunens kontaktperson", "Ansvarig hos föreningen"), and whether it
    is a role alone ("Kontaktperson:"), which names none."""
    if _NOT_PARTY_LABEL.match(lab.strip()) or NAME.fullmatch(lab.strip()) and person(f, lab.strip()) and not owner(f, lab):
        return None, False
    lab = re.sub(rf"s\s+(?:{_ROLE})$", "", lab.strip(), flags=re.IGNORECASE) or lab  # "Kommunens kontaktperson:"
    lab = re.sub(rf"^(?:{_ROLE})\s*\(([^()]{{2,60}})\)$", r"\1", lab, flags=re.IGNORECASE)  # "Kontaktperson (staden):"
    lab = re.sub(rf"^(?:{_ROLE})\s+(?:för\s+|hos\s+|på\s+)?(?=\S)", "", lab, flags=re.IGNORECASE)  # "Kontaktperson staden:"
    lab = _RESPONSIBLE.sub("", lab)  # "Ansvarig för överenskommelsen hos kommunen:"
    pid = owner(f, lab) or (lab.strip() if org_label(lab) else None)
    return pid, pid is None and bool(re.match(rf"(?:{_ROLE})$", lab.strip(), re.IGNORECASE))


def _segments(f: Findings, text: str) -> list[tuple[str | None, str, str]]:
    """`text` cut at each label that names a party: (party, what follows, the quote).  Two lines run
    together into one paragraph ("Kommunen: Anna Berg … Föreningen: Bo Ek …") stay two contacts."""
    cuts: list[tuple[int, int, str | None]] = []
    for m in _LABEL.finditer(text):
        begin, pid, role_only = m.start(), None, False
        # "… anhörigsamordnare Ansvarig hos föreningen:": a label that began mid-run, where two lines were joined
        for k in [0, *(w.start() for w in re.finditer(r"(?<=\s)(?-i:[A-ZÅÄÖ])", m.group("label")))]:
            pid, role_only = _label_party(f, m.group("label")[k:])
            if pid is not None or role_only:
                begin = m.start() + k
                break
        if role_only and pid is None:
            continue
        whole = m.group("label").strip()
        skipped = _NOT_PARTY_LABEL.match(whole) or (NAME.fullmatch(whole) and person(f, whole) and not owner(f, whole))
        if pid is None and m.start() == 0 and not EMAIL.search(text[:m.end()]) and not skipped:
            cuts.append((m.start(), m.end(), None))  # a label that names no party: its contact gets none
        elif pid is not None:
            cuts.append((begin, m.end(), pid))
    out: list[tuple[str | None, str, str]] = []
    for i, (begin, end, pid) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        out.append((pid, text[end:stop].strip(" ;,"), text[begin:stop].strip(" ;,")))
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


def _table(f: Findings, rows: list[Block]) -> list[dict[str, Any]]:
    """A contact table: a column per field (`| Part | Namn | Funktion | E-post |`), or a column per party
    (`| | Region Skåne | Föreningen … |`, then rows `| Namn | … |`, `| Roll | … |`)."""
    if len(rows) < 2:
        return []
    header = [c.strip() for c in rows[0].cells]
    kinds = {i: k for i, c in enumerate(header) for k in [_field(c)] if k}
    out = []
    if "name" in kinds.values():
        packed_header = [c for c in header if c]
        packed_kinds = {i: k for i, c in enumerate(packed_header) for k in [_field(c)] if k}
        for row in rows[1:]:
            c: dict[str, Any] = {}
            cells, row_kinds = row.cells, kinds
            packed = [x for x in row.cells if x.strip()]
            if len(packed) == len(packed_header) and (len(packed) < len(row.cells) or len(packed_header) < len(header)):
                # columns lined up with runs of tabs, as many as each cell's width needed
                cells, row_kinds = packed, packed_kinds
            for i, cell in enumerate(cells):
                kind, cell = row_kinds.get(i), cell.strip()
                if kind == "party" and cell:
                    c["party"] = owner(f, cell) or (cell if org_label(cell) else None)
                elif kind == "name" and person(f, cell):
                    c["name"] = cell
                elif kind == "name" and "," in cell and first_name_part(f, split_parts(cell)[0]):
                    c.update(contact_from(f, cell, None, row.text) or {})  # "Sofia Engström, samordnare" in the name's column
                    c.pop("source", None)
                elif kind in ("title", "email", "phone") and cell and not re.fullmatch(r"[-–_.\s]*", cell):
                    c[kind] = cell
            if c.get("name") and not c.get("party"):  # no column says the party: the cell that names one ("Stadens kontaktperson")
                c["party"] = next((p for cell in row.cells if not person(f, cell.strip())
                                   for p in [owner(f, cell.strip(), bodies=False) or _label_party(f, cell.strip())[0]]
                                   if p in {x.id for x in f.parties}), None)
            if c.get("name") and not c.get("party") and c.get("email"):  # no cell names the party: the work address's domain does
                c["party"] = domain_owner(f, c["email"])
            if re.search(rf"(?<!\w){_ROLE}$", c.get("title", ""), re.IGNORECASE):
                del c["title"]  # "Föreningens kontaktperson" in the role column says whose, not an office
            if c.get("name") and c.get("party"):
                out.append({**c, "source": row.text})
        return out
    parties = {i: owner(f, c) for i, c in enumerate(header) if c and owner(f, c)}
    if not parties or any(person(f, c.strip()) or ("," in c and person(f, split_parts(c)[0])) for c in header):
        return _table_rows(f, rows)
    if not any(_field(r.cells[0]) for r in rows[1:] if r.cells):  # a column per party, its lines with no labels
        return [c for i in parties for c in _lines(f, [header[i], *(r.cells[i] for r in rows[1:] if i < len(r.cells))])]
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
        packed = next((c for c in cells if name is None and "," in c and person(f, split_parts(c)[0])), None)
        if packed:  # "Lisa Holm, enhetschef" in one cell: the name, then the office
            name, cells = split_parts(packed)[0], [*(x for x in cells if x != packed), *split_parts(packed)[1:]]
        if not name or not pid:
            continue
        c: dict[str, Any] = {"party": pid, "name": name}
        details(f, [x for x in cells if x != name and owner(f, x, bodies=False) != pid], c, with_contact=True)
        out.append({**c, "source": row.text})
    return out


