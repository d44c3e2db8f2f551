"""A party's name as the legal person is registered: the form written right before its organisation number.

A memo's heading or its first sentence often shortens the association's name ("partnerskap med Föreningen
Kunskapsbron"), while the line that gives the number writes it in full ("Föreningen Kunskapsbron Eslöv,
organisationsnummer 802488-7252"; "Vi i Väderstad ideell förening (org.nr …)").  The number belongs to the full
name, so that is the party's name (convention 9); the short form stays an alias, so the rest of the text still
finds the party by it.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .found import Findings, PartyFound
from .swedish import ORG_LABEL_RE, norm_name

# capitalised words the number's line adds after the short name ("Eslöv", "i Sjöbo"), then a comma or bracket
_TAIL = re.compile(r"^(?P<tail>(?:\s+[–—-](?=\s))?(?:\s+(?:i\s+)?(?-i:[A-ZÅÄÖ])[\wåäöé-]+){1,3})\s*[,(]?\s*$")  # "Eslöv", "– Tillsammans"
# "… (817081-8333)": a bare number in brackets, the name before it perhaps with a dash's subtitle ("– Eleonora och Gustaf
# Ekhs minnesfond för barn i Skaraborg")
_BARE_NUMBER = re.compile(r"\((\d{6}\s?[-–]\s?\d{4})\)")
_DASH_TAIL = re.compile(r"^(?P<tail>\s+[–—]\s+(?-i:[A-ZÅÄÖ])[^,;:()–—]{2,90}?)\s*$")
_INNER = lx.alt(lx.NAME_INNER_WORDS)
# "på stan", "i Lund": the words after a name, up to the first that ends one (punctuation, a dash, a verb's place)
_GOES_ON = re.compile(rf"^\s+(?P<on>(?-i:{_INNER})\s+(?:[a-zåäöé-]+|(?-i:[A-ZÅÄÖ])[\wåäöé-]*[^\Ws]))(?=[\s,.;:)–—]|$)")  # not "i Skånes …"
_COUNTY = re.compile(r"\s+i\s+(?-i:[A-ZÅÄÖ])[\wåäö-]+s\s+län(?!\w)")
# "Vi i" that a local association's name begins with ("Vi i Väderstad"), written at the head of its sentence
_WE_HEAD = re.compile(r"(?:^|[.!?:]\s+)(?P<head>(?-i:Vi)\s+i\s+)$")


def complete_names(f: Findings) -> None:
    """Each idea-based party's name completed to the form its organisation number is written after, or to the
    words every mention of it goes on with."""
    for p in f.parties:
        if p.role != "idea_based":
            full = _county_form(f, p)  # "Länsstyrelsen" for "Länsstyrelsen i Södermanlands län"
            if full and f.party(full) in (None, p):
                p.aliases.add(p.name)
                p.name = full
            continue
        full = _numbered_form(f, p) or _always_followed(f, p) or _county_form(f, p)
        if full and norm_name(full) != norm_name(p.name) and f.party(full) in (None, p):
            p.aliases.add(p.name)
            p.name = full


def _numbered_form(f: Findings, p: PartyFound) -> str | None:
    """The one longer form of `p`'s name that stands right before an organisation number (None if none, or two)."""
    forms: set[str] = set()
    for b in f.blocks:
        for m in _BARE_NUMBER.finditer(b.text):
            before = b.text[max(0, m.start() - 160):m.start()]
            at = before.casefold().rfind(p.name.casefold())
            tail = _DASH_TAIL.match(before[at + len(p.name):]) if at >= 0 and not (at and before[at - 1].isalnum()) else None
            if tail:
                forms.add(p.name + tail.group("tail"))
        for m in ORG_LABEL_RE.finditer(b.text):
            before = b.text[max(0, m.start() - 160):m.start()]  # "… Föreningen Kunskapsbron Eslöv, " before "organisationsnummer"
            at = before.casefold().rfind(p.name.casefold())
            if at < 0 or (at and before[at - 1].isalnum()):
                continue
            tail = _TAIL.match(before[at + len(p.name):])
            head = _WE_HEAD.search(before[:at])
            if head and not _named_mid_sentence(f, head.group("head") + p.name):
                head = None  # "Vi i Åmots bygdegårdsförening (org.nr …) och kommunen har kommit överens": the association's "we"
            if tail or head:
                forms.add(f"{head.group('head') if head else ''}{p.name}{tail.group('tail') if tail else ''}".strip())
    return forms.pop() if len(forms) == 1 else None


def _named_mid_sentence(f: Findings, name: str) -> bool:
    """`name` written inside a sentence ("mellan Mjölby kommun och Vi i Väderstad ideell förening"): its capital "Vi"
    is then the name's own, not the first person an association writes in."""
    rx = re.compile(r"[\wåäö,]\s+" + re.escape(name))  # the capital as written: "och vi i föreningen" is the first person
    return any(rx.search(b.text) for b in f.blocks)


def _always_followed(f: Findings, p: PartyFound) -> str | None:
    """`Föreningen Vuxna på stan` for `Föreningen Vuxna`, where each of three or more mentions goes on "på stan"."""
    rx = re.compile(r"(?<!\w)" + re.escape(p.name) + r"(?!\w)")
    ons = [m2.group("on") if m2 else None for b in f.blocks for m in rx.finditer(b.text)
           for m2 in [_GOES_ON.match(b.text[m.end():])]]
    if len(ons) >= 3 and ons[0] and all(on == ons[0] for on in ons):
        return f"{p.name} {ons[0]}"
    return None


def _county_form(f: Findings, p: PartyFound) -> str | None:
    """`Länsstyrelsen i Södermanlands län` for `Länsstyrelsen`: the one county the text writes after the name."""
    if p.name.split()[-1].casefold() == "län":
        return None
    rx = re.compile(r"(?<!\w)" + re.escape(p.name) + r"(?=\s+i\s)")
    forms = {p.name + c.group(0) for b in f.blocks for m in rx.finditer(b.text) for c in [_COUNTY.match(b.text, m.end())] if c}
    return " ".join(forms.pop().split()) if len(forms) == 1 else None
