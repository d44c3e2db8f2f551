"""Contributions in kind: premises, staff, volunteers' hours, material, know-how, a party gives without money.

Swedish names them with a giver and a verb (`Kommunen upplåter lokaler`, `Regionen ger kretsen tillgång
till …`, `Föreningen bidrar med ideella ledare`), under a heading or an introducing line that names the
giver (`Föreningens insats:`, `Kommunen åtar sig att` and a list), in a label (`Föreningarnas bidrag:
ideella ledare …`) or in a table of what each party brings.  One entry per giver: the draft records that
a party contributes, the reviewer adds the detail.  Money in the same sentence is the cash reader's.
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import Findings, role_of
from .payers import named_parties, opening_party, organ_owner
from .swedish import find_amounts
from .text import Block

_VALUED = re.compile(r"(?<!\w)" + lx.alt(lx.VALUED_WORDS) + r"\s*(?:" + lx.alt(lx.APPROXIMATE_WORDS) + r"\s*)?$",
                     re.IGNORECASE)
def _verbs(phrases: tuple[str, ...]) -> str:
    """The verbs as an alternation that lets an adverb stand after the verb: `bidrar därutöver med`."""
    adverb = r"(?:\s+" + lx.alt(lx.GIVER_ADVERBS) + r"){0,2}"
    out = [re.escape(p.split()[0]) + (adverb + r"\s+" + r"\s+".join(map(re.escape, p.split()[1:])) if " " in p else "")
           for p in sorted(set(phrases), key=len, reverse=True)]
    return "(?:" + "|".join(out) + r")(?!\w)"


_GIVE_VERBS = _verbs(lx.IN_KIND_VERBS)
_GIVE_INFINITIVES = _verbs(lx.IN_KIND_INFINITIVES)
_FREE = lx.alt(lx.FREE_OF_CHARGE)
#: A party giving something that is not money: "Regionen ger dessutom kretsen tillgång till samlingslokalen …",
#: "Kommunen ska tillhandahålla lokaler", "Föreningen åtar sig att bidra med ideella ledare".
_ADVERBS = r"(?:" + lx.alt(lx.GIVER_ADVERBS) + r"\s+){0,2}"
_MODAL = (r"(?:(?P<modal>ska|skall|kommer\s+att|åtar\s+sig(?:\s+för\s+sin\s+del)?\s+att|förbinder\s+sig\s+att|fortsätter\s+att)\s+"
          + _ADVERBS + r")")
_GIVES = re.compile(r"^(?P<who>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+" + _ADVERBS + r"(?:" + _MODAL + r"(?P<inf>" + _GIVE_INFINITIVES +
                    r"|ställa\b[^.]{0,80}\btill\s+(?:\w+\s+)?förfogande|ge\b[^.]{0,40}\btillgång\s+till|låta\b[^.]{0,60}\b(?:använda|nyttja|"
                    r"disponera|låna)|erbjuda\b[^.]{0,60}\b" + _FREE + r")|"
                    r"(?P<verb>" + _GIVE_VERBS + r"|ställer\b[^.]{0,80}\btill\s+(?:\w+\s+)?förfogande|ger\b[^.]{0,40}\btillgång\s+till|"
                    r"låter\b[^.]{0,60}\b(?:använda|nyttja|disponera|låna)|lånar\s+(?:\w+\s+)?ut|"
                    r"(?:erbjuder|upplåter|lånar\s+ut)\b[^.]{0,60}\b" + _FREE + r"))\s*(?P<what>.*)$", re.IGNORECASE)
#: The same in the passive, the giver after `av`: "Lokaler tillhandahålls av kommunen utan kostnad".
_GIVEN_BY = re.compile(r"^(?P<what>[A-ZÅÄÖ][^.;]{2,80}?)\s+(?P<verb>(?i:" + lx.alt(lx.IN_KIND_PASSIVES) + r"|ställs\s+till\s+\w+\s+förfogande))"
                       r"\s+(?:\w+\s+){0,2}?av\s+"
                       r"(?P<who>[\wåäöÅÄÖ-]+(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]+){0,3})")
_FREE_END = re.compile(_FREE + r"$", re.IGNORECASE)
_FREE_ANYWHERE = re.compile(r"(?<!\w)" + _FREE, re.IGNORECASE)  # "utan kostnad" says nothing is paid: no money word
#: The verb before its subject, after a fronted phrase: "Enligt förslaget bidrar kommunen med … samt med lokaler".
_INVERTED = re.compile(r"^[A-ZÅÄÖ][^,.;]{2,60}?\s(?P<verb>bidrar|står|upplåter|tillhandahåller|bistår|svarar)\s+"
                       r"(?P<who>[\wåäöÅÄÖ-]+(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]+){0,3})\s+" + _ADVERBS + r"(?P<prep>med|för)?\s*(?P<what>.*)$")
#: A party's genitive and a contribution noun, then what it is: "Kommunens bidrag utgörs av lokaler".
_CONSISTS = re.compile(r"^(?P<who>[A-ZÅÄÖ][\wåäöÅÄÖ -]{1,60}?)s\s+(?:egen\s+|egna?\s+|ideella?\s+)?" + lx.alt((*lx.CONTRIBUTION_NOUNS, "egeninsats"))
                       + r"\s+(?:i\s+partnerskapet\s+|till\s+partnerskapet\s+)?(?:utgörs\s+av|består\s+av|omfattar|är|(?:sker\s+)?i\s+form\s+av|"
                       r"beräknas\s+till|uppskattas\s+till|motsvarar)\s+(?P<what>\S.*)$",
                       re.IGNORECASE)
#: A second verb of the sentence's subject: "Församlingen ordnar sorgegrupper … och står för lokaler …".
_ALSO_GIVES = re.compile(r"\s(?:och|samt)\s+" + _ADVERBS + r"(?P<verb>" + _GIVE_VERBS + r"|ställer\b[^.;]{0,80}\btill\s+(?:\w+\s+)?förfogande)"
                         r"\s*(?P<what>[^.;]*)", re.IGNORECASE)
#: A public party's staff or unit present in the activity: "Kommunens anhörigkonsulent finns på plats en förmiddag i
#: månaden", "Förvaltningens rådgivare deltar vid träffarna": their working time is what the party gives.
_STAFF_PRESENT = re.compile(r"^(?P<who>[A-ZÅÄÖ][\wåäöÅÄÖ -]{1,40}?)s\s+(?P<staff>(?:[\wåäö-]+\s+(?:och\s+)?){0,3}?[\wåäö-]+)\s+"
                            r"(?P<verb>" + lx.alt(lx.PRESENCE_VERBS) + r")\s+(?P<what>\S.*)$")
#: The same, as a list item under a line that names the giver: "- ge samverkansrådet tillgång till …".
_GIVE_ITEM = re.compile(r"^(?:att\s+)?(?P<verb>" + lx.alt((*lx.IN_KIND_INFINITIVES, *lx.IN_KIND_VERBS))
                        + r"|ställa\b[^.]{0,80}\btill\s+(?:\w+\s+)?förfogande|"
                        r"ge\b[^.]{0,40}\btillgång\s+till|låta\b[^.]{0,60}\b(?:använda|nyttja|disponera))\s*(?P<what>.*)$",
                        re.IGNORECASE)
#: A label naming the giver: "Föreningarnas bidrag: ideella ledare …", "Kommunens insats: lokal och personal".
_LABEL = re.compile(r"^(?P<who>[A-ZÅÄÖ][\wåäöÅÄÖ -]{1,60}?)s\s+(?:egna?\s+)?" + lx.alt(lx.CONTRIBUTION_NOUNS) +
                    r"\s*:\s*(?P<what>\S.*)$", re.IGNORECASE)
#: `Kommunen ansvarar för lokalerna`: a duty verb that gives only when its object is a resource.
_DUTY_GIVES = re.compile(r"^(?P<who>[A-ZÅÄÖ][^,.:;]{1,60}?)\s+(?:ska\s+)?" + _ADVERBS + r"(?P<verb>ansvarar\s+för|svarar\s+för|"
                         r"bekostar|betalar\s+för)\s+(?!att\s+(?!" + _GIVE_INFINITIVES + r"))(?P<what>[^.;]*)\.?$",
                         re.IGNORECASE)  # "ansvarar för att …": a duty, unless it gives ("ansvarar för att tillhandahålla lokaler")
_CASH_WORDS = re.compile(r"\b(?:medel|kronor|kr\b|bidrag\s+om|finansiering|ersättning|belopp|procent\s+av(?!\s+(?:en\s+)?heltid)|"
                         r"kostnad\w*|hälften|andel)",
                         re.IGNORECASE)  # "50 procent av kostnaderna" is a share of the money, not a thing given
_KIND_WORDS = lx.cue(lx.IN_KIND_WORDS)
_RATE = re.compile(r"(?<!\w)[àá]\s*$")  # "50 timmar à 250 kr": a unit price, not money given
_RESOURCE = lx.cue(lx.RESOURCE_WORDS)
_NAMED = re.compile(r"resurser\s+i\s+form\s+av\s+(?P<a>[a-zåäö][\wåäö ]{2,40}?)(?=[.,;]|$)"
                    r"|(?P<b>fritt\s+nyttjande\s+av\s+lokal)|bidrar\s+med\s+(?P<c>lokaler)|(?P<d>ideella\s+timmar)"
                    r"|med\s+hjälp\s+av\s+(?P<e>volontärer)|(?P<f>frivilligt\s+arbete)|upplåter\s+(?P<g>lokaler|lokal)",
                    re.IGNORECASE)
_RELATIVE = re.compile(r",?\s+som\s+(?:betalas|utbetalas|ska|fördelas|motsvarar|används)\b[^,]*,?", re.IGNORECASE)
_CLAUSE_NUMBER = re.compile(r"^(?:§\s*\d{1,2}\s+|\d{1,2}(?:\.\d{1,2})+\.?\s+|punkt\s+\d{1,2}\s*[–:.-]?\s+)", re.IGNORECASE)
_JOIN = re.compile(r"\s+(?:samt|och)\s+(?:med\s+)?|,\s+(?:och\s+|samt\s+)?(?:med\s+)?")


_BOTH = re.compile(r"(?:både|båda|bägge|alla|samtliga)\b", re.IGNORECASE)


def names_a_resource(text: str, anywhere: bool = False) -> bool:
    """Whether a list item names a thing given (`- Lokaler på biblioteket`), not a task, and no money: in its
    first words, or `anywhere` when the list is one of contributions (`- en lärare två timmar i veckan`)."""
    head = text if anywhere else " ".join(text.split()[:3])  # not "… är behjälplig med att hitta lokaler"
    return bool((_RESOURCE.search(head) or _KIND_WORDS.search(head)) and not find_amounts(text))


def givers(f: Findings, who: str) -> list[str]:
    """The parties `who` names: one party, or every idea-based party for `föreningarna`; none for a joint
    giver (`X och Y`), which the caller keeps as written."""
    if re.fullmatch(lx.alt(lx.GENERIC_IDEA_PLURAL), who.strip(), re.IGNORECASE):
        return [p.id for p in f.parties if p.role == "idea_based"]
    party = f.party(who) if len(f.mentioned(who)) < 2 else None
    if party is None and (owner := organ_owner(f, who)):  # "Jakobsbergs bibliotek upplåter studierum": the municipality gives
        return [owner]
    return [party.id] if party else []


def unnumbered(s: str) -> str:
    """`4.1 Kommunen …`, `§ 6 Kommunen …`: the clause without its number."""
    return _CLAUSE_NUMBER.sub("", s)


def in_kind_of(f: Findings, b: Block, context: str | None, entries: list[dict[str, Any]], listing: bool = False) -> None:
    """The contributions in kind one paragraph names; `context` is the giver an introducing line or a
    heading named, for a list item or a table row that does not name its own; `listing`: the item is a
    contribution whatever its words (`Kommunens insats:` and `- lokal Storgatan 34, hyresfri`)."""
    if listing and context:
        what = _without_money(" ".join(b.cells[1:]) if b.cells else b.text)
        if what:
            _add(entries, context, re.sub(r"\s*\([^()]*\)", "", what).strip(" .–-") or what, b.text)
            return
    for raw in b.sentences:
        s = unnumbered(raw)
        g = _GIVES.match(s) or _LABEL.match(s) or _CONSISTS.match(s) or _inverted(f, s)
        if g and not givers(f, g.group("who")) and len(f.mentioned(g.group("who"))) < 2:
            g = None  # "Föreningen ordnar sorgegrupper och står för lokaler": the subject is read below
        duty = _DUTY_GIVES.match(s) if not g else None
        if duty and _RESOURCE.search(duty.group("what")) and (who := givers(f, duty.group("who"))):
            what = _without_money(duty.group("what"))
            if what:
                _add(entries, who[0], f"{duty.group('verb')} {what}", raw)
                continue
        also = _ALSO_GIVES.search(s) if not g or "what" in g.groupdict() and _without_money(g.group("what")) is None else None
        if also and (opener := opening_party(f, s)):
            what = _without_money(also.group("what"))
            if what:
                _add(entries, opener, f"{also.group('verb')} {what}", raw)
                continue
        item = _GIVE_ITEM.match(s) if (b.bullet or b.cells) and context and not g else None
        if g or item:
            # "X och Y bidrar med …"; "Både X och Y bidrar med resurser" says both contribute, not what
            joint = [g.group("who").strip()] if g and len(f.mentioned(g.group("who"))) > 1 and not _BOTH.match(g.group("who")) else []
            who = (givers(f, g.group("who")) or joint) if g else [context] if context else []
            what = _without_money((g or item).group("what"))  # type: ignore[union-attr]
            groups = (g or item).groupdict()  # type: ignore[union-attr]
            verb = groups.get("verb") or groups.get("inf") or ""
            if groups.get("prep"):  # "bidrar kommunen med …": the verb as it is said with its subject first
                verb = f"{verb} {groups['prep']}"
            if what is None and (len(verb.split()) > 3 or _FREE_END.search(verb)) and not find_amounts(verb):
                what = ""  # "ställer scenen till förfogande och bidrar med 275 000 kronor": the object is in the verb
            modal = (groups.get("modal") or "").lower()
            obliged = modal in ("ska", "skall") or modal.startswith("kommer")
            if obliged and what is not None and not names_a_resource(f"{verb} {what}", anywhere=True):
                what = None  # "Föreningen ska bidra med kunskap till planeringen": a duty, unless it names a thing given
            if _OFFERS.match(verb) and what is not None and not _offered_to_a_party(f, who, f"{verb} {what}"):
                what = None  # "Föreningen erbjuder gratis läxhjälp": the activity offered to its users, not a thing given
            if who and what is not None:
                for payer in who:
                    _add(entries, payer, f"{verb} {what}".strip(" .") if verb else what, raw)
                continue
        if not _given_by(f, s, raw, entries) and not _staff_present(f, s, raw, entries) and not _may_use(f, s, raw, entries):
            _named(f, raw, entries)


_OFFERS = re.compile(r"erbjud", re.IGNORECASE)


def _offered_to_a_party(f: Findings, who: list[str], offer: str) -> bool:
    """Whether an offer free of charge gives to the partnership: a resource (`erbjuder lokaler kostnadsfritt`) or
    something offered to another party (`erbjuder föreningen att använda hallen`)."""
    receiver = re.match(r"\S+\s+((?:\S+\s+){0,2}\S+)", offer)  # the words after the verb: "erbjuder föreningen att …"
    others = set(named_parties(f, receiver.group(1))) - set(who) if receiver else set()
    return names_a_resource(offer, anywhere=True) or any(f.party(o) for o in others)


def _inverted(f: Findings, s: str) -> re.Match[str] | None:
    """`Enligt förslaget bidrar kommunen med … samt med lokaler`: a giving verb whose subject, a party, follows it."""
    m = _INVERTED.match(s)
    if not m or not givers(f, m.group("who")) or (m.group("verb") in ("står", "svarar") and m.group("prep") != "för"):
        return None
    return m


_USE = r"disponera|nyttja|använda|låna|hyra|tillgång\s+till"
#: The receiver as the subject: "Föreningen får disponera kommunens lokal utan kostnad", "… får utan kostnad nyttja …".
_MAY_USE = re.compile(r"^(?:[A-ZÅÄÖ][^,.:;]{0,30}?\s)?(?P<who>" + lx.alt(lx.GENERIC_IDEA) + r"|[A-ZÅÄÖ][\wåäöÅÄÖ-]+(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]+){0,3})"
                      r"\s+får\s+" + _ADVERBS + r"(?:" + _FREE + r"\s+)?(?P<verb>" + _USE + r")\s+(?P<what>[^.;]+)",
                      re.IGNORECASE)
#: ... after a fronted word: "Därutöver får föreningen disponera Hembygdsgården utan hyra".
_MAY_USE_INVERTED = re.compile(r"^[A-ZÅÄÖ][\wåäö]+(?:\s+[\wåäö]+){0,2}?\s+får\s+(?P<who>" + lx.alt(lx.GENERIC_IDEA) + r"|[A-ZÅÄÖ][\wåäöÅÄÖ-]+"
                               r"(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]+){0,3})\s+" + _ADVERBS + r"(?:" + _FREE + r"\s+)?(?P<verb>" + _USE + r")\s+"
                               r"(?P<what>[^.;]+)", re.IGNORECASE)
_GENITIVE_GIVER = re.compile(r"(?<!\w)(?P<who>" + lx.alt(w for w in lx.GENERIC_PUBLIC if w.endswith("s")) + r")(?!\w)", re.IGNORECASE)


def _may_use(f: Findings, s: str, raw: str, entries: list[dict[str, Any]]) -> bool:
    """`Föreningen får disponera kommunens lokal utan kostnad`: what the idea-based party may use, the public party's
    (its genitive names it), given when it is the public party's or free of charge."""
    m = _MAY_USE.match(s) or _MAY_USE_INVERTED.match(s)
    receiver = givers(f, m.group("who")) if m else []
    if not m or len(receiver) != 1 or not any(p.id == receiver[0] and p.role == "idea_based" for p in f.parties):
        return False
    owner = _GENITIVE_GIVER.search(m.group("what"))
    publics = [p.id for p in f.parties if p.role == "public"]
    giver = (f.party(owner.group("who")[:-1]) if owner else None)
    who = giver.id if giver else publics[0] if len(publics) == 1 and _FREE_ANYWHERE.search(s) else None
    if who is None or find_amounts(s):
        return False
    _add(entries, who, f"{m.group('verb')} {m.group('what')}".strip(" ."), raw)
    return True


def _staff_present(f: Findings, s: str, raw: str, entries: list[dict[str, Any]]) -> bool:
    """`Kommunens anhörigkonsulent finns på plats i träffpunkten en förmiddag i månaden`: a public party's staff time,
    when the sentence says how often (a time given, not a duty of the party's own)."""
    m = _STAFF_PRESENT.match(s)
    if not m or not _WHEN.search(m.group("what")):
        return False
    who = givers(f, m.group("who")) or ([owner] if (owner := organ_owner(f, m.group("who"))) else [])
    if len(who) != 1 or not any(p.id == who[0] and p.role == "public" for p in f.parties):
        return False
    _add(entries, who[0], f"{m.group('staff')} {m.group('verb')} {m.group('what')}".strip(" ."), raw)
    return True


_WHEN = re.compile(r"(?<!\w)(?:i\s+(?:veckan|månaden)|per\s+(?:vecka|månad|termin)|varje\s+(?:vecka|månad)|"
                   r"varannan\s+vecka|vid\s+(?:varje|minst|alla)|en\s+(?:gång|dag|kväll|förmiddag|eftermiddag)\b)", re.IGNORECASE)


def _given_by(f: Findings, s: str, raw: str, entries: list[dict[str, Any]]) -> bool:
    """`Lokaler tillhandahålls av kommunen utan kostnad`: the passive, the giver after `av`."""
    m = _GIVEN_BY.match(s)
    who = givers(f, m.group("who")) if m else []
    what = _without_money(m.group("what")) if m else None
    if not (m and who and what):
        return False
    _add(entries, who[0], f"{what} ({m.group('verb')})", raw)
    return True


def _without_money(what: str) -> str | None:
    """What is given, without the money the same clause names (`egna medel om 500 000 kronor samt med ideella
    ledare`: the leaders); None when all it gives is money (`bidrar med 300 000 kronor`, `med kontanta medel`).
    After money, only a further object of the verb (`samt med …`) is a thing given, not a clause of its own."""
    what = _RELATIVE.sub("", lx.PLACEHOLDER.sub("", what)).strip(" :.,–-")
    kept, after_money = [], False
    pieces = _JOIN.split(what)
    joiners = [""] + [m.group(0) for m in _JOIN.finditer(what)]
    for joiner, part in zip(joiners, pieces):
        money = [a for a in find_amounts(part) if not _VALUED.search(part[:a.start]) and not _RATE.search(part[:a.start])]
        if money:
            after_money = True
            continue
        if after_money and "med" not in joiner:
            continue
        if (_CASH_WORDS.search(_FREE_ANYWHERE.sub("", part)) and not _KIND_WORDS.search(part)) or not re.search(r"[a-zåäö]{3}", part, re.I) \
                or re.match(r"(?:se|jfr|enligt)\s", part, re.I):  # "se Ekonomi": a reference, not a thing given
            continue
        kept.append(part.strip(" .,"))
    return ", ".join(kept)[:200] or None


def _add(entries: list[dict[str, Any]], payer: str, description: str, source: str) -> None:
    if not any(e["kind"] == "in_kind" and e["payer"] == payer for e in entries):
        entries.append({"payer": payer, "kind": "in_kind", "description": description or source, **_value(source),
                        "source": source})


_PER_AFTER = [(re.compile(r"^\s*(?:kr|kronor)?\s*" + lx.alt([p]), re.IGNORECASE), unit)
              for p, unit in sorted(((p, u) for u, ps in lx.PER_UNITS.items() for p in ps), key=lambda x: -len(x[0]))]
_APPROX = re.compile(r"(?<!\w)" + lx.alt(lx.APPROXIMATE_WORDS) + r"\s*$", re.IGNORECASE)


def _value(source: str) -> dict[str, Any]:
    """The one value the text puts on what is given (`utbildning till ett värde av cirka 40 000 kronor per år`)."""
    valued = [a for a in find_amounts(source) if _VALUED.search(source[max(0, a.start - 40):a.start])]
    if len(valued) != 1:
        return {}
    a = valued[0]
    per = next((unit for rx, unit in _PER_AFTER if rx.search(source[a.end:])), "period")
    out: dict[str, Any] = {"amount": a.kronor, "per": per}
    if _APPROX.search(source[max(0, a.start - 20):a.start]):
        out["approximate"] = True
    return out


def _named(f: Findings, s: str, entries: list[dict[str, Any]]) -> None:
    """A resource the sentence names with a party somewhere in it: `resurser i form av lokaler`, `ideella timmar`."""
    m = _NAMED.search(s)
    if not m or find_amounts(s[m.start():]) or re.match(r"^(?:både|båda|alla)\b", s, re.I):
        return
    if m.group("b"):
        payer = next((e["payer"] for e in reversed(entries) if e["kind"] == "cash" and e["payer"]), None)
    else:  # the sentence's subject gives; of two parties named elsewhere in it one may be the one that receives
        payer = opening_party(f, unnumbered(s))
        lead = re.match(r"^([A-ZÅÄÖ][\wåäö-]*(?:\s+(?:och\s+)?[\wåäö-]+){0,3}?)\s+(?:bidrar|upplåter)\b", unnumbered(s))
        named = f.mentioned(s)  # "Ideella timmar som Hej främling! bidrar med …": the one party the sentence names
        payer = payer or (f.party_ref(lead.group(1)) if lead else None) or (named[0][1].id if len(named) == 1 else None)
    if not payer or any(e["kind"] == "in_kind" and e["payer"] == payer for e in entries):
        return
    entry: dict[str, Any] = {"payer": payer, "kind": "in_kind"}
    if f.party(payer) is None:
        entry["side"] = "public" if role_of(payer) == "public" else None
    entry["description"] = next(g for g in m.groups() if g)
    entry["source"] = s
    entries.append(entry)


def listed_resources(f: Findings, entries: list[dict[str, Any]]) -> None:
    """A table of what each party brings: `Party • resource • resource … Other party • …`."""
    for b in f.blocks:
        if b.text.count("•") < 3:
            continue
        for p in f.parties:
            m = re.search(r"(?<!\w)" + re.escape(p.name) + r"(?:\s*\([^()]{0,40}\))?\s*•\s*(?P<item>[^•]{3,160})", b.text)
            if m and not any(e["payer"] == p.id for e in entries):
                entries.append({"payer": p.id, "kind": "in_kind", "description": m.group("item").strip(),
                                "source": b.text[m.start():m.end()].strip()})


def both_finance(f: Findings, entries: list[dict[str, Any]]) -> None:
    """`Båda parter är med och finansierar verksamheten (via pengar eller andra insatser)`: a party the
    text names no other contribution for contributes in the way the sentence says."""
    for b in f.blocks:
        for s in b.sentences:
            m = re.search(r"\bbåda\s+parter(?:na)?\s+(?:är\s+med\s+och\s+)?finansierar\b[^(]*(?:\((?P<how>[^()]{3,80})\))?",
                          s, re.IGNORECASE)
            if not m:
                continue
            for p in f.parties:
                if p.role in ("public", "idea_based") and not any(e["payer"] == p.id for e in entries):
                    entries.append({"payer": p.id, "kind": "in_kind", "description": m.group("how") or "finansierar",
                                    "source": s})
            return
