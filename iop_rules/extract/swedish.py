"""Swedish dates, periods, amounts, counts and organisation numbers, as agreements write them.

Every pattern here is linear in its input: no nested unbounded quantifiers,
no alternatives that can match the same text, and callers hand us a block
or a sentence, never the whole document.  Parsing never guesses: a season
("våren 2019") or a month without a day is reported as such, not turned
into a date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..months import SWEDISH_MONTHS
from . import lexicon

MONTHS = SWEDISH_MONTHS
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
NUMBER_WORDS = lexicon.NUMBER_WORDS  # one to ninety-nine, "tjugofyra" included
# One to ninety-nine as a compact pattern (tens, then an optional unit; or a word below twenty): a flat
# alternation of 99 words would be tried word by word at every position of every sentence.
_NUMWORD = (r"(?<!\w)(?:(?:tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio)(?:ett|två|tre|fyra|fem|sex|sju|åtta|nio)?"
            r"|tretton|fjorton|femton|sexton|sjutton|arton|aderton|nitton|elva|tolv|tio|nio|åtta|sju|sex|fem|fyra|tre|två|ett|en)")
_ORDINAL = "|".join(sorted(lexicon.ORDINAL_DAYS, key=len, reverse=True))
SEASONS = {"våren": "spring", "vår": "spring", "sommaren": "summer", "hösten": "autumn", "höst": "autumn",
           "vintern": "winter"}

# One date, in any form the agreements use.  Named groups tell which form matched.
_DATE = (
    r"(?P<iso>(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d))"
    rf"|(?P<last>\bsista\s+(?P<lm>{_MONTH})\.?\s+(?:år\s+)?(?P<ly>\d{{4}})(?!\d))"
    rf"|(?P<text>(?<!\d)(?P<td>\d{{1,2}})(?::[ae])?\s+(?P<tm>{_MONTH})\.?\s+(?:år\s+)?(?P<ty>\d{{4}})(?!\d))"
    rf"|(?P<season>\b(?P<sw>{'|'.join(SEASONS)})\s+(?:år\s+)?(?P<sy>\d{{4}})(?!\d))"
    r"|(?P<slash>(?<![\d/])(?P<sd>\d{1,2})/(?P<sm>\d{1,2})[ -](?P<sy2>\d{4})(?!\d))"  # "1/9 2024": day, then month
    rf"|(?P<ord>(?<!\w)(?P<od>{_ORDINAL})\s+(?P<om>{_MONTH})\.?\s+(?:år\s+)?(?P<oy>\d{{4}})(?!\d))"  # "den första mars 2025"
)
DATE_RE = re.compile(_DATE, re.IGNORECASE)
# Two dates joined by a range word or a dash: "2019-07-01 till 2021-06-30", "1 april 2019 till och med den 31 december 2020".
_RANGE_JOIN = r"\s*(?:–|—|--?|till\s+och\s+med|t\.?\s?o\.?\s?m\.?|till|och)\s*(?:den\s+)?"


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    date: dt.date | None  # None for a season or an impossible date
    kind: str  # iso | text | last_of_month | season | invalid


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date in `text`, in order; seasons and impossible dates come back with `date=None`."""
    out = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        if g["iso"]:
            day = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
            kind = "iso" if day else "invalid"
        elif g["last"]:
            year, month = int(g["ly"]), MONTHS[g["lm"].lower()]
            day = dt.date(year, month, calendar.monthrange(year, month)[1])
            kind = "last_of_month"
        elif g["text"]:
            day = _safe_date(int(g["ty"]), MONTHS[g["tm"].lower()], int(g["td"]))
            kind = "text" if day else "invalid"
        elif g["ord"]:
            day = _safe_date(int(g["oy"]), MONTHS[g["om"].lower()], lexicon.ORDINAL_DAYS[g["od"].lower()])
            kind = "text" if day else "invalid"
        elif g["slash"]:
            day = _safe_date(int(g["sy2"]), int(g["sm"]), int(g["sd"]))
            kind = "text" if day else "invalid"
        else:
            day, kind = None, "season"
        out.append(DateMatch(m.start(), m.end(), m.group(0), day, kind))
    return out


@dataclass(frozen=True)
class RangeMatch:
    start: int
    end: int
    text: str
    first: dt.date
    last: dt.date


def find_ranges(text: str) -> list[RangeMatch]:
    """Date ranges: two real dates with only a range word or dash between them."""
    dates = [d for d in find_dates(text) if d.date is not None]
    out = []
    i = 0
    while i + 1 < len(dates):
        a, b = dates[i], dates[i + 1]
        between = text[a.end:b.start]
        if len(between) <= 20 and re.fullmatch(_RANGE_JOIN, between, re.IGNORECASE) and a.date and b.date:
            if b.date >= a.date:
                out.append(RangeMatch(a.start, b.end, text[a.start:b.end], a.date, b.date))
                i += 2
                continue
        i += 1
    return out or _shared_year_ranges(text)


# "1 januari–31 december 2024": the first date takes the year written once, after the second.
_SHARED_YEAR = re.compile(rf"(?<!\d)(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\.?{_RANGE_JOIN}(?P<d2>\d{{1,2}})\s+"
                          rf"(?P<m2>{_MONTH})\.?\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE)


def _shared_year_ranges(text: str) -> list[RangeMatch]:
    out = []
    for m in _SHARED_YEAR.finditer(text):
        year = int(m.group("y"))
        first = _safe_date(year, MONTHS[m.group("m1").lower()], int(m.group("d1")))
        last = _safe_date(year, MONTHS[m.group("m2").lower()], int(m.group("d2")))
        if first and last and last >= first:
            out.append(RangeMatch(m.start(), m.end(), m.group(0), first, last))
    return out


_YEARS_RE = re.compile(r"\b(?:år|året|åren|för år|under år|kalenderåret|kalenderåren|verksamhetsåret|budgetåret)\s+"
                       r"(\d{4})(?:\s*(?:[-–]|och|till|t\.o\.m\.)\s*(\d{4}))?(?!\d)", re.IGNORECASE)


def year_span(text: str) -> tuple[int, int, str] | None:
    """`År 2021` or `År 2022-2023`: the calendar years a sum is for."""
    m = _YEARS_RE.search(text)
    if not m:
        return None
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else first
    return (first, last, m.group(0)) if last >= first else None


# Amounts: "125 000 kr", "2 644 000 kronor", "1,3 miljoner kronor", "125 000:-", "1,5 mkr".
AMOUNT_RE = re.compile(
    r"(?<![\d,.])(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+|\d+)(?:,(?P<dec>\d{1,2}))?"
    r"\s*(?P<mult>miljoner|miljon|mnkr|mkr|msek|tkr|tusen)?\s*(?P<unit>kronor|kr\b|sek\b|:-)?",
    re.IGNORECASE)
_MULT = {"miljoner": 1_000_000, "miljon": 1_000_000, "mnkr": 1_000_000, "mkr": 1_000_000, "msek": 1_000_000,
         "tkr": 1_000, "tusen": 1_000}


@dataclass(frozen=True)
class AmountMatch:
    start: int
    end: int
    text: str
    kronor: int


# "tvåhundratusen kronor", "trehundrafemtiotusen (350 000) kronor", "upp till fyra miljoner kronor"
_WORD_AMOUNT_RE = re.compile(r"(?<!\w)(?P<w>[a-zåäö]{2,60})(?:\s+(?P<big>miljoner|miljon|miljarder|miljard))?"
                             r"\s*(?:\((?P<fig>\d{1,3}(?:[ \u00a0\u202f.]\d{3})*)(?:\s*:-)?\)\s*)?(?P<unit>kronor|kr\b|sek\b)",
                             re.IGNORECASE)


def _word_amounts(text: str) -> list[AmountMatch]:
    out = []
    for m in _WORD_AMOUNT_RE.finditer(text):
        value = lexicon.parse_number_word(m.group("w"))
        if value is None or (value < 100 and not m.group("big")):  # "tre kronor" is not a contribution
            continue
        value *= lexicon.BIG_WORDS.get((m.group("big") or "").lower(), 1)
        if m.group("fig") and int(re.sub(r"\D", "", m.group("fig"))) != value:
            continue  # the word and the figure disagree: no amount is chosen
        out.append(AmountMatch(m.start(), m.end(), m.group(0).strip(), value))
    return out


def find_amounts(text: str) -> list[AmountMatch]:
    """Sums of money: a number followed by a currency word (a bare number is not money), in figures or words."""
    out = _word_amounts(text)
    words = [(a.start, a.end) for a in out]
    for m in AMOUNT_RE.finditer(text):
        if any(start <= m.start() < end for start, end in words):
            continue  # the figure a number in words repeats: "trehundrafemtiotusen (350 000:-) kronor"
        mult = (m.group("mult") or "").lower()
        unit = m.group("unit")
        if not unit and mult not in ("mkr", "mnkr", "msek", "tkr"):
            continue
        if mult == "tusen" and not unit:
            continue
        digits = re.sub(r"\D", "", m.group("num"))
        if len(digits) > 1 and digits[0] == "0":  # "000 kr" is the tail of a number cut off, not nought
            continue
        whole = int(digits)
        dec = m.group("dec") or ""
        value = whole * _MULT.get(mult, 1)
        if dec:
            value += int(dec) * _MULT.get(mult, 1) // (10 ** len(dec)) if mult else 0
        out.append(AmountMatch(m.start(), m.end(), m.group(0).strip(), value))
    return sorted(out, key=lambda a: a.start)


_COUNT_RE = re.compile(rf"\b(?:(?P<word>{_NUMWORD})(?!\w)|(?P<num>\d{{1,3}}(?:[ \u00a0]\d{{3}})*))(?:\s*\((?P<paren>\d{{1,3}})\))?(?!\d)",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Count:
    value: int | None  # None when the word and the figure disagree
    text: str
    conflict: tuple[int, int] | None = None


def parse_count(text: str) -> Count | None:
    """`två (2)`, `2`, `två`: a small count; `två (3)` is a conflict, not a number."""
    m = _COUNT_RE.fullmatch(text.strip())
    if not m:
        return None
    word = NUMBER_WORDS[m.group("word").lower()] if m.group("word") else None
    num = int(re.sub(r"\D", "", m.group("num"))) if m.group("num") else None
    paren = int(m.group("paren")) if m.group("paren") else None
    values = {v for v in (word, num, paren) if v is not None}
    if len(values) > 1:
        a, b = sorted(values)[:2]
        return Count(None, m.group(0), (a, b))
    return Count(values.pop(), m.group(0))


COUNT = rf"(?:(?:{_NUMWORD})(?!\w)|\d{{1,3}}(?:[ \u00a0]\d{{3}})*)(?:\s*\(\d{{1,3}}\))?"  # "1 500 besökare"

ORG_RE = re.compile(r"(?<![\d-])(\d{6})[- ]?(\d{4})(?![\d-])")
# "org.nr 212000-1215", "Org. nr: 2120001215", "org.nr. …", "orgnr …", "organisationsnummer: 802010–7762"
ORG_LABEL_RE = re.compile(r"\b(?:organisationsnummer|organisationsnr|org\.?\s?-?nr|orgnr|org\.?\s?nummer)\.?\s*(?:är\s+)?:?\s*"
                          r"(\d{6}\s?[-–]?\s?\d{4})(?![\d-])", re.IGNORECASE)


def format_org(raw: str) -> str:
    digits = re.sub(r"\D", "", raw)
    return f"{digits[:6]}-{digits[6:]}"


def slug(name: str) -> str:
    """A party id from its name: `Socialförvaltningen i Lund` -> `socialforvaltningen-i-lund`."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    out = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return out[:60].strip("-") or "part"


def norm_name(name: str) -> str:
    """Names compared the way a reader does: case, punctuation and spacing do not matter."""
    return " ".join(re.sub(r"[^\w\s-]", " ", name.casefold()).split())
