"""The payment schedule: how many times a year the money is paid out, and on which dates.

Swedish states the rhythm in four ways: a count (`vid fyra tillfällen per år`, `2 ggr/år`, `i fyra lika
delar per år`), a rhythm word (`kvartalsvis`, `varje månad`), the months it is paid in (`i januari och
juli`, `i maj varje år`), or dated payments (`den 31 augusti 2025 och den 31 januari 2026`).  Dated
payments are dates, never a yearly count: two dates in an eighteen-month term say nothing per year.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .found import Findings
from .swedish import COUNT, MONTHS, find_dates, parse_count

_CUE = lx.cue(lx.PAYMENT_CUES)
_INSTALLMENTS = re.compile(rf"(?<!\w)(?P<n>{COUNT})\s+{lx.alt(lx.INSTALLMENT_NOUNS)}\s*{lx.alt(lx.INSTALLMENT_YEAR)}",
                           re.IGNORECASE)
_RHYTHM = [(re.compile(r"(?<!\w)" + lx.alt([word]), re.IGNORECASE), n)
           for word, n in sorted(lx.PAYMENT_RHYTHM.items(), key=lambda kv: -len(kv[0])) if n]
_ONCE = re.compile(r"(?<!\w)" + lx.alt(w for w, n in lx.PAYMENT_RHYTHM.items() if n is None), re.IGNORECASE)
_EACH_YEAR = re.compile(r"(?<!\w)(?:respektive|varje|vart)\s+år\b|\bårligen\b|\bper\s+år\b", re.IGNORECASE)
_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("mars", "maj", "juni", "juli")]
_MONTH = re.compile(r"(?<!\w)(?P<m>" + "|".join(sorted(_FULL_MONTHS, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
#: "(jan, jul)": short month names, read only inside a parenthesis, where they cannot be another word.
_SHORT_MONTHS = re.compile(r"\((?P<list>(?:[a-zåäö]{3,4}\.?(?:\s*(?:,|och|&|/)\s*)?){1,12})\)", re.IGNORECASE)
#: A month that is a span's edge or a report's, not a payment's: "från januari", "rapporten i mars".
_NOT_PAYMENT_MONTH = re.compile(r"(?:(?:från|fr\.o\.m\.|till|t\.o\.m\.|mellan|sedan|före|efter|rapport\w*|redovisning\w*)"
                                r"\s+(?:och\s+med\s+)?(?:den\s+\d{1,2}\s+)?"
                                # "i mars varje år; för 2025 i april": one year's exception to the yearly month
                                r"|(?:för|under)\s+(?:år\s+)?(?:19|20)\d\d\s+(?:i\s+|den\s+\d{1,2}\s+)?)$", re.IGNORECASE)
_REPAID = re.compile(r"\b(?:tillbaka|återbetal\w*|återkräv\w*)", re.IGNORECASE)  # money paid back, not paid out
_DATED_PAYMENT = re.compile(r"betalas\s+ut|utbetalas|utbetalning\w*\s+(?:sker|görs|ska\s+ske)", re.IGNORECASE)


def extract_payment(f: Findings) -> None:
    for b in f.blocks:
        for s in b.sentences:
            if not _CUE.search(s) or _REPAID.search(s):
                continue
            count = _installments(f, s)
            if count:
                f.add("payment.installments_per_year", count, s, b.line)
            dates = [d.date for d in find_dates(s) if d.date]
            if dates and _DATED_PAYMENT.search(s):
                f.add("payment.dates", tuple(dates), s, b.line)


def _installments(f: Findings, s: str) -> int | None:
    """How many payments a year the sentence states: a count first, then a rhythm word, then the months."""
    m = _INSTALLMENTS.search(s)
    if m:
        count = parse_count(m.group("n"))
        if count and count.value is not None:
            return count.value
        if count:
            f.note(f"utbetalning: \"{m.group(0)}\" anger två olika antal ({count.conflict}); inget valt")
        return None
    rhythm = next((n for rx, n in _RHYTHM if rx.search(s)), None)
    if rhythm:
        return rhythm
    if _ONCE.search(s) and not any(d.date for d in find_dates(s)):
        # "i sin helhet": one payment, once a year when said of each year or when the term is a year at most
        start, end = f.value("period.start"), f.value("period.end")
        if _EACH_YEAR.search(s) or (start and end and (end - start).days <= 366):
            return 1
    return _months(s)


def _months(s: str) -> int | None:
    """`i januari och juli`, `(jan, jul)`, `i maj varje år`: as many payments a year as months named.  A
    sentence with a dated payment (`den 31 augusti 2025`) is left to the dates."""
    dated = [d for d in find_dates(s) if d.date]
    if dated:
        return None
    months = {MONTHS[m.group("m").lower()] for m in _MONTH.finditer(s) if not _NOT_PAYMENT_MONTH.search(s[max(0, m.start() - 40):m.start()])}
    for p in _SHORT_MONTHS.finditer(s):
        words = re.findall(r"[a-zåäö]+", p.group("list").lower())
        if words and all(w in MONTHS for w in words):
            months |= {MONTHS[w] for w in words}
    return len(months) or None
