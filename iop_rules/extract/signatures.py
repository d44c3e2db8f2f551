"""Signatures: who signs for which party, where and when, in the layouts agreements print them.

The signature section is read line by line into groups, one per signing party: a place-and-date
line, a party ("För Region Gotland", or the party printed under its signatory), the signatories
and their offices.  A place and date printed once above every party belong to each; one printed
inside a group belongs to that group only, and a blank left to fill in is no date.  A group with a
party and a line to sign on but no printed name is a signature without a name, as the text has it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import lexicon
from .found import Findings
from .lexicon import alt
from .persons import (DATE_AS_WRITTEN, DATE_ONLY, EMAIL, PHONE, looks_like_title, org_label, owner, person, place_date,
                      party_suffix, signatory, title_word)
from .signature_layouts import memo_officials, memo_signatures, prose_signatures, table_lines, table_rows
from .signature_section import FOR_PARTY, RUN_ON_HEADING, label, run_on, section_blocks, section_start

_PAGE_MARK = re.compile(r"(?<!\w)" + alt(lexicon.PAGE_MARKS) + r"\.?\s*(?:[A-ZÅÄÖ]{1,5}\s+)?\d+(?:\s*(?:av|/)\s*\d+)?", re.IGNORECASE)
_BLANK_LINE = re.compile(r"[_.…\s-]{3,}")
# "070-412 55 81", "Tel: 0451-…": a contact's line that stands among (or just above) the signatures; never a date's digits
_PHONE = re.compile(r"^(?:tel|telefon|mobil)\b|(?<![\d-])" + PHONE.pattern, re.IGNORECASE)
_SIGNED_BY = re.compile(r"^(?:digitalt\s+|elektroniskt\s+)?" + alt(lexicon.SIGNING_VERBS) + r"(?:\s+digitalt)?(?:\s+av)?\s*:?\s+",
                        re.IGNORECASE)
_PARTY_DATE = re.compile(rf"(?P<party>[^,\d]{{3,80}}?),?\s+(?:den\s+)?(?P<date>{DATE_AS_WRITTEN})", re.IGNORECASE)
# "Anna Berg, socialchef, 2025-01-10 14:32": a signatory with the date (and time) an e-signature stamps after them
_SIGNED_ON = re.compile(rf"(?P<who>.{{3,120}}?)(?:[,;]|\s[–—-])?\s+(?:(?:digitalt\s+|elektroniskt\s+)?{alt(lexicon.SIGNING_VERBS)}"
                        rf"(?:\s+(?:digitalt|elektroniskt))?\s+)?(?:den\s+)?(?P<date>{DATE_AS_WRITTEN})"
                        r"(?:\s+(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?)?", re.IGNORECASE)
# "Kommunen: …", "Föreningen Bro – …": a party's label with its signature after it on the line
_PARTY_LABEL = re.compile(r"^(?P<party>[^:–]{2,80}?)\s*(?::|\s[–—])\s*(?P<rest>\S.*)$")


@dataclass
class _Group:
    party: str | None = None
    place: str | None = None
    date: str | None = None
    dated: bool = False  # a place or date line (perhaps left blank) stood in this group
    above: bool = False  # ... above the group's party: printed once for every party
    slot: bool = False  # a line to sign on
    title: str | None = None  # an office printed with no name
    lead: list[str] = field(default_factory=list)
    sigs: list[dict[str, Any]] = field(default_factory=list)


class _Reader:
    """One pass over the signature section's lines; `trailing` when each place and date stands under
    its signatory rather than above."""

    def __init__(self, f: Findings, trailing: bool = False) -> None:
        self.f, self.trailing = f, trailing
        self.groups: list[_Group] = [_Group()]

    @property
    def cur(self) -> _Group:
        return self.groups[-1]

    def new_group(self, keep_place: bool) -> None:
        g = _Group()
        if keep_place and self.cur.above:
            g.place, g.date, g.dated, g.above = self.cur.place, self.cur.date, self.cur.dated, True
        self.groups.append(g)

    def place_date(self, place: str | None, date: str | None, quote: str) -> None:
        g = self.cur
        if self.trailing and g.sigs and not g.dated:
            for s in g.sigs:
                s.update({k: v for k, v in (("place", place), ("date_as_written", date)) if v and k not in s})
                s["source"] += f" {quote}"
            g.dated = True
            return
        clash = (place and g.place) or (date and g.date) or not (place or date) or (g.dated and not (g.place or g.date))
        if g.sigs or (g.dated and clash):
            self.new_group(False)
            g = self.cur
        g.place, g.date = place or g.place, date or g.date
        g.dated, g.above = True, g.party is None
        g.lead.append(quote)

    def party(self, pid: str, quote: str) -> None:
        g = self.cur
        waiting = [s for s in g.sigs if not s.get("party")]
        if waiting:  # the party printed under its signatories
            for s in waiting:
                s["party"], s["source"] = pid, f"{s['source']} {quote}"
            self.new_group(True)
            return
        if (g.party == pid and not g.sigs) or (g.sigs and g.sigs[-1].get("party") == pid):
            g.lead.append(quote)  # "För Motala kommun", then "Socialnämnden": the same party again
            return
        if g.sigs or g.party:
            self.new_group(True)
        self.cur.party = pid
        self.cur.lead.append(quote)

    def signatory(self, sig: dict[str, Any], quote: str) -> None:
        g = self.cur
        if sig.get("party") and g.party and sig["party"] != g.party and g.sigs:
            self.new_group(True)
            g = self.cur
        suffix = party_suffix(self.f, sig["title"]) if "title" in sig and not (g.party or sig.get("party")) else None
        if suffix:  # no party above: "Bo Ek, ordförande Föreningen Bro" is the office, then the party it is held in
            sig["title"], sig["party"] = suffix
        if g.party and not sig.get("party"):
            sig["party"] = g.party
        for key, value in (("place", g.place), ("date_as_written", g.date)):
            if value and key not in sig:
                sig[key] = value
        again = g.sigs[-1] if g.sigs and g.sigs[-1]["name"] == sig["name"] and not g.lead else None
        if again is not None:  # the name signed, then printed again with the office under the line ("Anna Berg, ordförande")
            again.update({k: v for k, v in sig.items() if k not in again})
            again["source"] += f" {quote}"
            return
        sig["source"] = " ".join([*g.lead, quote])
        g.lead = []
        g.sigs.append(sig)

    def title(self, text: str, quote: str) -> bool:
        g = self.cur
        last = g.sigs[-1] if g.sigs else None
        head, _, tail = text.rpartition(",")
        party = owner(self.f, tail, bodies=False) if head and not looks_like_title(tail) else None
        office = head.strip() if party else text
        if last is not None and "title" not in last:
            last["title"], last["source"] = office, f"{last['source']} {quote}"
            if party and not last.get("party"):  # "Ordförande, Fritidsbanken Kiruna"
                last["party"] = party
            return True
        if last is None and g.party and g.title is None:
            g.title, g.slot = office, True
            return True
        return False

    def line(self, t: str) -> None:
        """Read one line of the section."""
        f = self.f
        if len(t.split()) > 14 or EMAIL.search(t) or _PHONE.search(t) or _PAGE_MARK.search(t):
            return  # a contact's line, the text between the signatures, or a page's running header
        lab = label(t)
        if lab:
            self._labelled(*lab, quote=t)
            return
        if _BLANK_LINE.fullmatch(t):
            self.cur.slot = True
            return
        signed = _SIGNED_BY.match(t)
        if signed:
            t = t[signed.end():]
        pd = place_date(f, t)
        if pd and not person(f, t):
            self.place_date(pd.group("place"), pd.group("date"), t)
            return
        inline = place_date(f, t, whole=False)
        if inline and FOR_PARTY.match(t[inline.end():].strip()):  # "Lund 2021-" and "För …" joined into one line
            self.place_date(inline.group("place"), inline.group("date"), t[:inline.end()].strip())
            self.line(t[inline.end():].strip())
            return
        if inline and inline.end() < len(t):  # "Piteå 2023-12-  Lina Öhman, fritidschef, för KFN"
            sig = signatory(f, t[inline.end():])
            if sig:
                self.place_date(inline.group("place"), inline.group("date"), t[:inline.end()].strip())
                self.signatory(sig, t[inline.end():].strip())
                return
        head, _, tail = t.rpartition(",")
        pd_after = place_date(f, tail) if head and FOR_PARTY.match(head) else None
        if pd_after:  # "För Lunds kommun, Lund den 1 mars 2025": the party, then its place and date
            self.line(head.strip())
            self.place_date(pd_after.group("place"), pd_after.group("date"), tail.strip())
            return
        dated = _PARTY_DATE.fullmatch(t)
        if dated and owner(f, dated.group("party")):  # "Gävle kommun, 2025-02-01": the party and its date
            self.party(owner(f, dated.group("party")), dated.group("party"))  # type: ignore[arg-type]
            self.place_date(None, dated.group("date"), t)
            return
        date_only = DATE_ONLY.fullmatch(t.strip())
        if date_only and date_only.group("date"):  # "2025-05-12" on a line of its own
            self.place_date(None, date_only.group("date"), t)
            return
        labelled = FOR_PARTY.match(t)
        pid = (owner(f, labelled.group("party")) or (labelled.group("party").strip() if org_label(labelled.group("party"))
                                                     else None)) if labelled else None
        if labelled and labelled.group("rest"):  # "För Botkyrka kommun: Ali Demir, ordförande i …"
            sig = signatory(f, labelled.group("rest"))
            if pid and sig:
                self.party(pid, f"För {labelled.group('party')}:")
                sig.setdefault("party", pid)
                self.signatory(sig, labelled.group("rest"))
                return
            if pid:  # "För kommunen: Ort och datum: Lund 2025-01-10": the party, then a line of its block
                self.party(pid, f"För {labelled.group('party')}:")
                self.line(labelled.group("rest"))
                return
        if labelled:
            if pid:
                self.party(pid, t)
            return
        if self._signed_on(t):
            return
        sig = signatory(f, t)
        if sig:
            self.signatory(sig, t)
            return
        if self._labelled_party(t):
            return
        last = self.cur.sigs[-1] if self.cur.sigs else None
        if last and re.fullmatch(r"[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?", t) and not title_word(t) and \
                "title" not in last and not owner(f, t):
            last["name"], last["source"] = f"{last['name']} {t}", f"{last['source']} {t}"  # a surname on its own line
            return
        head, _, tail = t.rpartition(",")
        if (looks_like_title(t) or (head and looks_like_title(head) and owner(f, tail, bodies=False))) and self.title(t, t):
            return  # "Ordförande", "Kultur- och fritidschef, Kiruna kommun"
        pid = owner(f, t) if len(t.split()) <= 10 else None
        if pid:
            self.party(pid, t)

    def _labelled_party(self, t: str) -> bool:
        """`Kommunen: Digitalt signerad av Anna Berg …`: the party's label, then the rest of its block."""
        m = _PARTY_LABEL.match(t)
        pid = owner(self.f, m.group("party")) if m and not person(self.f, m.group("party")) else None
        if not pid or m is None:
            return False
        self.party(pid, m.group("party") + ":")
        self.line(m.group("rest"))
        return True

    def _signed_on(self, t: str) -> bool:
        """`Anna Berg, socialchef, 2025-01-10 14:32`: a signatory, and the date written after them."""
        m = _SIGNED_ON.fullmatch(t)
        sig = signatory(self.f, m.group("who")) if m else None
        if not sig or m is None:
            return False
        sig.setdefault("date_as_written", m.group("date"))
        self.signatory(sig, t)
        return True

    def _labelled(self, kind: str, value: str, quote: str) -> None:
        f = self.f
        if kind in ("place_date", "date", "place") and not value:
            self.cur.slot = True  # a caption, above or under the line its value is written on
        elif kind in ("place_date", "date", "place"):
            pd = place_date(f, value) if kind != "date" else None
            d = DATE_ONLY.fullmatch(value) if kind != "place" else None
            if pd:
                self.place_date(pd.group("place"), pd.group("date"), quote)
            elif d and d.group("date"):
                self.place_date(None, d.group("date"), quote)
            elif kind == "place" and person(f, value) is None and re.fullmatch(r"[A-ZÅÄÖ][a-zåäö]+(?:\s[A-ZÅÄÖ][a-zåäö]+)?", value):
                self.place_date(value, None, quote)
            else:  # left blank to be filled in: this group has no place or date yet
                self.place_date(None, None, quote)
        elif kind == "name":
            sig = signatory(f, value) if value else None
            if sig:
                self.signatory(sig, quote)
            else:
                self.cur.slot = True
        elif kind == "title" and value:
            self.title(value, quote)
        elif kind == "sign":
            self.cur.slot = True
            signed = signatory(f, value) if value and not _BLANK_LINE.fullmatch(value) else None
            if signed:
                self.signatory(signed, quote)

    def result(self) -> list[dict[str, Any]]:
        named = [s for g in self.groups for s in g.sigs]
        signed = {s.get("party") for s in named}
        nameless = []
        for g in self.groups:  # a party's block with a line to sign on, or a place, but no printed name
            if g.party and not g.sigs and g.party not in signed and (g.dated or g.slot or g.title):
                sig = {"party": g.party, "title": g.title, "place": g.place, "date_as_written": g.date,
                       "source": " ".join(g.lead)}
                nameless.append({k: v for k, v in sig.items() if v})
                signed.add(g.party)
        return named + nameless


def _read(f: Findings, lines: list[str]) -> list[dict[str, Any]]:
    lines = [piece for t in lines for piece in run_on(f, t)]
    reader = _Reader(f)
    for t in lines:
        reader.line(t)
    last = reader.groups[-1]
    if last.dated and not last.sigs and not last.party and any(g.sigs and not g.dated for g in reader.groups[:-1]):
        reader = _Reader(f, trailing=True)  # each place and date printed under its signatory
        for t in lines:
            reader.line(t)
    return reader.result()


def extract_signatures(f: Findings) -> None:
    start = section_start(f)
    if start is None:
        prose = prose_signatures(f)
        if prose:
            _keep(f, prose)
        else:
            _keep(f, memo_signatures(f))
        return
    blocks = section_blocks(f, start)
    sigs = table_rows(f, blocks)
    if not sigs:
        table = table_lines(f, blocks)
        texts = [RUN_ON_HEADING.sub("", b.text, count=1) for b in blocks]
        sigs = _read(f, table if table is not None else texts)
    _keep(f, memo_officials(f, sigs))


def _keep(f: Findings, sigs: list[dict[str, Any]]) -> None:
    kept = [s for s in sigs if s.get("party")]
    for s in sigs:
        if not s.get("party"):
            f.note(f"underskrift: \"{s['source']}\" kunde inte knytas till en part")
    if kept:
        f.items["signatures"] = kept
