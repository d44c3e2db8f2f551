"""Which amounts of the funding sentences are not contributions of their own: an amount that measures
another (a difference, a figure compared with, the whole a share is of, the old amount of a change), the
same contribution stated twice, and a sum of contributions also stated one by one."""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import Findings

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
