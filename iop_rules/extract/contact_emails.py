"""Whose e-mail address a contact line gives: one whose local part names someone else is perhaps the
neighbour's, and one at another party's domain perhaps puts the person under the wrong party; both are
notes for the reviewer, never values."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from .found import Findings
from .persons import EMAIL


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalpha())


def _email_of(name: str, email: str, offices: set[str]) -> bool:
    """The address plausibly is this person's: its local part has their first or last name, or no name at all
    (`info@`, `kansli@`, `itkafe.halmstad@` that spells a party's name: an office's address, which goes with whoever
    stands above it)."""
    local = email.split("@")[0]
    names = [_plain(n) for n in name.split() if len(_plain(n)) >= 2]
    if any(n in _plain(local) for n in names):
        return True
    words = [_plain(w) for w in re.split(r"[._-]", local)]
    if all(any(o in w for o in offices) for w in words if len(w) >= 4) and any(len(w) >= 4 for w in words):
        return True
    return not re.fullmatch(r"[a-zåäö]{2,}(?:[._-][a-zåäö]{2,})+", local.casefold())  # "bo.ek@" is a name, not Anna's


def _spells(name: str, email: str) -> bool:
    """The address's local part spells the person's whole name (`malin.sjoo@` for Malin Sjöö): it is theirs, wherever it stands."""
    local = _plain(email.split("@")[0])
    names = [_plain(n) for n in name.split()]
    return len(names) >= 2 and all(len(n) >= 2 and n in local for n in names)


_KIND_WORDS = frozenset(("kommun", "stad", "region", "föreningen", "förening", "stiftelsen", "stiftelse", "ideell", "ideella", "i", "och"))


def domain_owner(f: Findings, email: str) -> str | None:
    """The one party the address's domain is named for, word for word (`filipstad.se` for Filipstads kommun,
    `aterbruketfilipstad.se` for Stiftelsen Återbruket i Filipstad, `regionskane.se`): a work address names the
    employer, so a contact line with no label is that party's.  A domain that only shares a place with a name is none."""
    labels = {_plain(x) for x in email.split("@")[-1].split(".")[:-1] if len(_plain(x)) >= 4}
    hits = {p.id for p in f.parties if labels & _domain_forms(p.name)}
    return hits.pop() if len(hits) == 1 else None


def _domain_forms(name: str) -> set[str]:
    """A name as a domain spells it: all its words run together, or its own words without the kind ("kommun",
    "Stiftelsen"), each perhaps without its genitive s, and the leading ones of those alone."""
    words = [_plain(w) for w in re.split(r"[\s-]+", name) if _plain(w)]
    forms = {"".join(words)}
    for own in ([w for w in words if w not in _KIND_WORDS], [w[:-1] if w.endswith("s") and len(w) > 4 else w
                                                             for w in words if w not in _KIND_WORDS]):  # "vannas", "lunds"
        forms |= {"".join(own[:k]) for k in range(1, len(own) + 1)}
    return {x for x in forms if len(x) >= 4}


def domain_party(f: Findings, email: str) -> str | None:
    """The one party whose name the address's domain spells ("lund" in lund.se for Lunds kommun), if any."""
    labels = [_plain(x) for x in email.split("@")[-1].split(".")[:-1] if len(_plain(x)) >= 4]
    hits = {p.id for p in f.parties for x in labels if x in _plain(p.name) or _plain(p.name) in x}
    return hits.pop() if len(hits) == 1 else None


def checked_emails(f: Findings, contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An address whose local part names someone else ("erik.berg@…" beside Anna Lind) is the neighbour's,
    perhaps: a note for the reviewer, not a value.  A contact whose address is at another party's domain
    was put under the wrong party, perhaps (a party's name printed under its people, not above): a note."""
    kept = []
    addresses = {m.group(0).rstrip(".") for b in f.blocks for m in EMAIL.finditer(b.text)}
    offices = {_plain(w) for p in f.parties for n in (p.name, *p.aliases) for w in re.split(r"[\s-]+", n) if len(_plain(w)) >= 4}
    for c in contacts:
        if not c.get("email"):  # "E-post: jonas.elm@tranemo.se och malin.sjoo@…" on a line of its own below the names
            spelled = [a for a in addresses if _spells(c["name"], a)]
            if len(spelled) == 1:
                c["email"] = spelled[0]
        email = c.get("email")
        if email and not _email_of(c["name"], email, offices):
            del c["email"]
            f.note(f"kontaktperson: e-postadressen {email} står vid {c['name']} men kan höra till en annan rad; ange den själv")
        domain = domain_party(f, email) if email else None
        if domain and c.get("party") in {p.id for p in f.parties} and domain != c["party"]:
            f.note(f"kontaktperson: {c['name']} står under en part men har e-post hos en annan ({email}); ange parten själv")
            continue
        kept.append(c)
    return kept
