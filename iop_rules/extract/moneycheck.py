"""Which amounts of the funding sentences are not contributions of their own: an amount that measures
another (a difference, a figure compared with, the whole a share is of, the old amount of a change), the
same contribution stated twice, and a sum of contributions also stated one by one."""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import Findings, role_of
from .payers import is_public_organ

_COMPARED = re.compile(r"(?<!\w)" + lx.alt(lx.COMPARISON_BEFORE) + r"\s*(?:de\s+|" + lx.alt(lx.APPROXIMATE_WORDS) + r"\s*)?$", re.I)
_DIFFERENCE = re.compile(r"^\s*(?:kr|kronor)?\s*" + lx.alt(lx.COMPARISON_AFTER), re.I)
_SHARE = lx.cue(lx.SHARE_WORDS)
_CHANGED_FROM = re.compile(r"(?<!\w)" + lx.alt(lx.CHANGED_FROM) + r"\s*$", re.I)
#: The whole a share is of, right before its amount: `… av verksamhetens kostnader, som beräknas till`.
_WHOLE = re.compile(r"(?<!\w)" + lx.alt(lx.WHOLE_COST_NOUNS) + r"[^.;\d]{0,40}?(?<!\w)(?:på|om|av|är|blir|till)\s*(?:"
                    + lx.alt(lx.APPROXIMATE_WORDS) + r"\s*)?$", re.I)


def not_a_contribution(clause: str, amounts: list[Any], k: int) -> bool:
    """An amount that only measures another: a difference (`en ökning med 50 000 kronor`, `100 000 kronor mer
    än tidigare`), a figure compared with (`jämfört med 350 000 kronor`), or the whole a share is of (`40 procent
    av verksamhetens totala kostnad på 750 000 kronor`).  Read as funding, it would add money nobody gives."""
    a = amounts[k]
    lead = clause[amounts[k - 1].end if k else 0:a.start]
    if _DIFFERENCE.match(clause[a.end:]) or (k and _COMPARED.search(lead)):
        return True
    if k + 1 < len(amounts) and _CHANGED_FROM.search(lead) and re.search(r"\btill\s*$", clause[a.end:amounts[k + 1].start]):
        return True  # "höjs från 300 000 kronor till 350 000 kronor": the old amount

    return bool(_WHOLE.search(lead) and (k or _SHARE.search(clause[:a.start])))


def without_repeats(f: Findings, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One contribution stated twice (a memo's proposal, then the agreement's own clause) is one entry:
    the same amount, unit, kind and span, and payers that are the same party or one not identified."""
    out: list[dict[str, Any]] = []
    for e in entries:
        key = (e.get("amount"), e.get("per"), e["kind"])
        known = lambda p: bool(p) and any(q.id == p for q in f.parties)  # noqa: E731
        # the span may be stated once only ("300 000 kronor per år under 2025–2027", then "300 000 kronor per år")
        twin = next((o for o in out if e.get("amount") is not None and key == (o.get("amount"), o.get("per"), o["kind"])
                     and (not o.get("covers") or not e.get("covers") or o["covers"] == e["covers"]) and o.get("source") != e.get("source")
            and (o["payer"] == e["payer"] or not known(o["payer"]) or not known(e["payer"]))), None)
        if twin is None:
            out.append(e)
        elif (known(e["payer"]) and not known(twin["payer"])) or (e["payer"] and not twin["payer"]):
            out[out.index(twin)] = {**e, **({"covers": twin["covers"]} if twin.get("covers") and not e.get("covers") else {})}
    return out


_SUM_WORDS = lx.cue(lx.SUM_WORDS)


def without_totals(f: Findings, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A sum the text states of contributions it also states one by one (`totalt 1 500 000 kronor under
    avtalsperioden` after 500 000 kronor a year; `sammanlagt 1 250 000 kronor` after the parts) is no
    contribution of its own: counted twice, it would double the public money."""
    cash = [e for e in entries if e["kind"] == "cash" and e.get("amount")]
    start, end = f.value("period.start"), f.value("period.end")
    years = {round((end - start).days / 365.25)} - {0} if start and end else set(range(2, 6))
    out = []
    for e in entries:
        if e in cash and e.get("per") == "period" and _SUM_WORDS.search(e.get("source") or ""):
            others = [o for o in cash if o is not e and (o.get("source") != e.get("source") or o.get("per") == "year")]
            same = [o for o in others if not o["payer"] or not e["payer"] or o["payer"] == e["payer"]]
            yearly = [o["amount"] for o in same if o.get("per") == "year"]
            parts = sum(o["amount"] for o in same if o.get("per") == e.get("per"))
            if any(e["amount"] == a * n for a in yearly for n in years) or (len(same) > 1 and parts == e["amount"]):
                continue
        out.append(e)
    return out


_PAYMENT = lx.cue(lx.PAYMENT_CUES)


def without_installments(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The parts a payment sentence splits a contribution into (`Bidraget betalas ut med 420 000 kronor den 31 augusti
    2026 och 420 000 kronor den 31 augusti 2027` after `sammanlagt 840 000 kronor`) are its installments, not
    contributions of their own: counted as well, they would double the money."""
    by_source: dict[str, list[dict[str, Any]]] = {}
    for e in entries:
        if e["kind"] == "cash" and e.get("amount") and _PAYMENT.search(e.get("source") or ""):
            by_source.setdefault(e["source"], []).append(e)
    drop: list[int] = []
    for source, parts in by_source.items():
        total = sum(e["amount"] for e in parts)
        payers = {e["payer"] for e in parts}
        if len(parts) > 1 and any(o["kind"] == "cash" and o.get("amount") == total and o.get("source") != source
                                  and (o["payer"] in payers or not o["payer"]) for o in entries):
            drop.extend(id(e) for e in parts)
    return [e for e in entries if id(e) not in drop]


_RATES = {"hour", "day", "participant", "placement", "place", "client"}
_ESTIMATE = lx.cue(lx.ESTIMATE_WORDS)


def without_rate_ceilings(f: Findings, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`Den sammanlagda ersättningen … får inte överstiga 1 100 000 kronor per avtalsår` beside rates (325 kronor per
    timme) limits what the rates add up to, `… beräknas till cirka 400 000 kronor per år` estimates it; neither is a
    payment of its own, and both are left to the reviewer."""
    out = []
    for e in entries:
        rates = [o for o in entries if o.get("per") in _RATES and o["payer"] == e["payer"] and o is not e]
        source = e.get("source") or ""
        if e.get("per") not in _RATES and rates and ((e.get("cap") and _SUM_WORDS.search(source)) or _ESTIMATE.search(source)):
            f.note(f"finansiering: ett tak för ersättningarna per enhet, ingen betalning; inte medtaget: \"{str(e.get('source'))[:160]}\"")
            continue
        out.append(e)
    return out


#: "Föreningen betalar en hyra om 6 000 kronor", "… deltagaravgiften är 200 kronor": the cost named right before its amount
OWN_COSTS = re.compile(r"(?<!\w)" + lx.alt(lx.OWN_COST_NOUNS) + r"(?:\s+för\s+[^\d,.;]{1,40})?\s+(?:om|på|är|uppgår\s+till|med)\s*$",
                        re.IGNORECASE)
_JOINT = re.compile(r"\s(?:och|samt|och/eller|eller)\s|/|,", re.IGNORECASE)


def not_a_party(f: Findings, payer: str, named: list[Any]) -> bool:
    """A payer the text names that is none of the parties, when both sides' parties are known: not a joint payer
    (`Ronja och Stjärnan`), not an organ of the public party, not a word for a party (`kommunen`), and a public body
    or the people the activity serves."""
    roles = {p.role for p in f.parties}
    if not {"public", "idea_based"} <= roles or named or _JOINT.search(payer) or is_public_organ(payer):
        return False
    if re.fullmatch(lx.alt((*lx.GENERIC_PUBLIC, *lx.GENERIC_IDEA, *lx.GENERIC_IDEA_PLURAL)), payer.strip(), re.IGNORECASE):
        return False
    # another public body (`Region Skåne`, `Länsstyrelsen`) or the people served (`Deltagarna`); an organisation the
    # reader of parties may have missed is kept
    return role_of(payer) == "public" or bool(re.fullmatch(lx.alt(lx.PAYING_PEOPLE), payer.strip(), re.IGNORECASE))
