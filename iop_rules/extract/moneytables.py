"""Contributions in a table of years by payer: a row a year, a column a party.

    Finansiering per år (kronor)
    År        Region Gotland  RF-SISU Gotland  Summa
    2026      260 000         100 000          360 000

Each party's cell is its contribution for that calendar year (within the term), in the unit the heading
or the header gives.  A sum column or a total row is no contribution of its own, and a party whose
column only repeats a yearly amount the text states already (`100 000 kronor per år`) adds nothing.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import lexicon as lx
from .found import Findings
from .swedish import MONTHS, RangeMatch, find_amounts
from .text import Block

_YEAR = re.compile(r"(?:år\s+)?((?:19|20)\d\d)(?:\s*\([^()]{1,30}\))?")  # "2026 (feb–dec)": the year, its months clipped by the term
_YEAR_HEADER = re.compile(r"^(?:år|period|verksamhetsår|budgetår|kalenderår)$", re.IGNORECASE)
_TOTAL = re.compile(r"^" + lx.alt(lx.BUDGET_TOTAL_LABELS), re.IGNORECASE)
_THOUSANDS = re.compile(r"\b(?:tkr|tusen\s+kronor|tusentals\s+kronor)\b", re.IGNORECASE)


def year_table_funding(f: Findings, entries: list[dict[str, Any]]) -> None:
    """Add the contributions of every year-by-payer table in the text to `entries`."""
    blocks = f.blocks
    for i, b in enumerate(blocks):
        columns = _columns(f, b, blocks[i + 1] if i + 1 < len(blocks) else None)
        if not columns:
            continue
        unit = 1_000 if _THOUSANDS.search(b.text) or (i and _THOUSANDS.search(blocks[i - 1].text)) else 1
        found = _rows(f, blocks[i + 1:i + 12], columns, unit)
        for payer, rows in found.items():
            stated = {e["amount"] for e in entries if e["payer"] == payer and e["kind"] == "cash" and e.get("per") == "year"}
            if rows and all(amount in stated for amount, _, _ in rows):
                continue  # "100 000 kronor per år ur egna medel", then 100 000 in each year's row: the same money
            for amount, year, row in rows:
                entries.append(_entry(f, payer, amount, year, row))


def _columns(f: Findings, b: Block, below: Block | None) -> dict[int, str]:
    """The party of each column a header names (`År | Region Gotland | RF-SISU Gotland | Summa`); a header set in
    spaces is read by the order its parties are named in, when the row below it is a year's."""
    if len(b.cells) >= 3 and _YEAR_HEADER.match(b.cells[0].strip()):
        return {k: p for k, c in enumerate(b.cells) if k and (p := _column_party(f, c)) is not None}
    if len(b.cells) == 2 and _YEAR_HEADER.match(b.cells[0].strip()) and (p := _column_party(f, b.cells[1])):
        return {1: p}  # "| År | Kommunens bidrag |": one payer's column
    first = b.text.split()[0] if b.text.split() else ""
    if b.cells or not _YEAR_HEADER.match(first) or not below or len(below.cells) < 3 or not _YEAR.fullmatch(below.cells[0].strip()):
        return {}
    named = sorted(f.mentioned(b.text), key=lambda hit: hit[0])
    return {k + 1: p.id for k, (_, p) in enumerate(named)} if 0 < len(named) < len(below.cells) else {}


_MONEY_COLUMN = re.compile(r"^(?P<who>.+?)s\s+(?:" + lx.alt(("bidrag", "ekonomiska bidrag", "finansiering", "ersättning",
                                                           "del", "andel", "medel", "insats", "kontanta bidrag")) + r")$",
                           re.IGNORECASE)


def _column_party(f: Findings, cell: str) -> str | None:
    """The party whose money a column holds: named (`Region Gotland`) or in a genitive (`Kommunens bidrag`).
    A column of what is given in kind (`Föreningens ideella insats`: hours) holds no money and is left out."""
    text = cell.strip()
    party = f.party(text)
    if party is None and (m := _MONEY_COLUMN.match(text)):
        party = f.party(m.group("who"))
    return party.id if party else None


def _rows(f: Findings, rows: list[Block], columns: dict[int, str], unit: int) -> dict[str, list[tuple[int, int, Block]]]:
    """Each party's (amount, year, row) for the rows that follow a header, up to the first that is not a year's."""
    out: dict[str, list[tuple[int, int, Block]]] = {payer: [] for payer in columns.values()}
    for row in rows:
        if row.cells and all(re.fullmatch(r"[\s:|-]*", c) for c in row.cells):
            continue  # a Markdown table's rule row: "|---|---:|"
        year = _YEAR.fullmatch(row.cells[0].strip()) if row.cells else None
        if not year:
            if row.cells and _TOTAL.match(row.cells[0].strip()):
                break  # "Totalt  840 000  300 000": the sum of the rows above
            break
        for k, payer in columns.items():
            amount = _figure(row.cells[k], unit) if k < len(row.cells) else None
            if amount:
                out[payer].append((amount, int(year.group(1)), row))
    return out


def _figure(cell: str, unit: int) -> int | None:
    """A cell's amount in kronor: `260 000`, `260 000 kr`, `260` under a `tkr` heading."""
    text = cell.strip()
    amounts = find_amounts(text)
    if len(amounts) == 1 and len(amounts[0].text.strip()) >= len(text) - 1:
        return amounts[0].kronor
    m = re.fullmatch(r"\d{1,3}(?:[ \u00a0]\d{3})*|\d+", text)
    return int(re.sub(r"\D", "", text)) * unit if m else None


def _entry(f: Findings, payer: str, amount: int, year: int, row: Block) -> dict[str, Any]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    began, ended = f.value("period.start"), f.value("period.end")
    if began and ended and start <= ended and end >= began:
        start, end = max(start, began), min(end, ended)
    return {"payer": payer, "kind": "cash", "amount": amount, "per": "period", "covers": {"start": start, "end": end},
            "source": row.text}


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
#: `april–december 2026`, `maj-dec 2025`, `2028 (jan–apr)`, `januari till juni 2027`: months of one year, no days.
_MONTH_SPAN = re.compile(rf"(?<!\w)(?P<m1>{_MONTH})\.?(?:\s+(?P<y1>(?:19|20)\d\d))?\s*(?:[–—-]|till(?:\s+och\s+med)?|t\.o\.m\.?)\s*"
                         rf"(?P<m2>{_MONTH})\.?\s+(?:år\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
                         rf"|(?<!\d)(?P<y2>(?:19|20)\d\d)\s*\((?P<n1>{_MONTH})\.?\s*[–—-]\s*(?P<n2>{_MONTH})\.?\)", re.IGNORECASE)


def month_spans(text: str) -> list[RangeMatch]:
    """The months a sum is for (`För perioden april–december 2026: 310 000 kronor`, `maj 2024–augusti 2026`), first day to last."""
    out = []
    for m in _MONTH_SPAN.finditer(text):
        year = int(m.group("y") or m.group("y2"))
        start_year = int(m.group("y1") or year)  # "maj 2024–augusti 2026": months of two years
        first, last = MONTHS[(m.group("m1") or m.group("n1")).lower()], MONTHS[(m.group("m2") or m.group("n2")).lower()]
        if (start_year, first) <= (year, last) and start_year >= year - 5:
            end = dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
            out.append(RangeMatch(m.start(), m.end(), m.group(0), dt.date(start_year, first, 1), end))
    return out
