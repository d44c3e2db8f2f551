"""The budget: its lines and total, and whether the agreement needs a larger budget frame.

A budget stands under a heading (`Budget`, `Budget för regionens bidrag per år (tkr)`, `Kostnadsbudget
2025`) or as a table whose header names a cost and an amount, and is written as lines of a label and
an amount: `Lokaler: 240 000 kr`, a Markdown row `| Lokaler | 240 |`, a row typed with ` | ` or tabs,
or a label on one line and its amount on the next.  The unit a heading or header gives (`tkr`,
`mnkr`) applies to the bare figures under it.  `Summa`/`Totalt` ends the list and is the total.
"""
from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx
from .found import Findings, join_quotes
from .swedish import find_amounts
from .text import Block, is_heading

_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+|§\s*\d+\s+|bilaga\s+\d+\s*[:.–-]?\s*)?" + lx.alt(lx.BUDGET_HEADINGS)
                      + r"(?![\wåäö])", re.IGNORECASE)
_TOTAL = re.compile(r"^" + lx.alt(lx.BUDGET_TOTAL_LABELS) + r"(?![\wåäö])\s*:?\s*", re.IGNORECASE)
_PART_TOTAL = re.compile(r"^summa\s+(?:intäkter|finansiering|inkomster)\b", re.IGNORECASE)
_INCOME = re.compile(r"^" + lx.alt(lx.BUDGET_INCOME_LABELS) + r"\s*:?$", re.IGNORECASE)
_COSTS = re.compile(r"^" + lx.alt(lx.BUDGET_COST_LABELS) + r"\s*:?$", re.IGNORECASE)
_COST_HEADER = lx.cue(lx.BUDGET_COST_HEADERS)
_AMOUNT_HEADER = lx.cue(lx.BUDGET_AMOUNT_HEADERS)
_FIGURE = re.compile(r"^(?P<num>\d{1,3}(?:[ \u00a0.]\d{3})+|\d{3,9})(?:,(?P<dec>\d{1,2}))?$")
_THOUSANDS = re.compile(r"\b(?:tkr|tusen\s+kronor|tusentals\s+kronor|tsek|ksek)\b", re.IGNORECASE)
_MILLIONS = re.compile(r"\b(?:mnkr|mkr|msek|miljoner\s+kronor)\b", re.IGNORECASE)
_LINE = re.compile(r"(?P<label>[^\d(|][^:|]{1,80}?)\s*(?::|\|)?\s*(?P<amount>\d[\d \u00a0.,]*\s*(?:kr|kronor|sek|:-|tkr|mnkr)?)\.?",
                   re.IGNORECASE)
MAX_ROWS = 60
_LEADER = re.compile(r"(?P<label>[^.]\S.*?)\s*[.…_]{4,}\s*(?P<fig>\d[\d \u00a0.,]*\s*(?:kr|kronor|sek|:-|tkr)?)\.?")


def budget_span(f: Findings) -> range:
    """The blocks the budget stands in (empty when there is none): funding sentences there are lines."""
    for start in _starts(f.blocks):
        lines, total, end = _read(f.blocks, start)
        if lines or total:
            return range(start, end)
    return range(0)


def _starts(blocks: list[Block]) -> list[int]:
    """Where a budget may begin: a budget heading, or a table whose header names a cost and an amount
    (the line over it when that gives the unit, `Belopp i tkr:`).  A contents list names the heading too,
    so every candidate is read and the first with lines wins."""
    out = []
    for i, b in enumerate(blocks):
        if b.words <= 12 and _HEADING.match(b.text) and not find_amounts(b.text) and not b.text.endswith("."):
            out.append(i)
        elif _LEADER.fullmatch(b.text.strip()) and i and not _LEADER.fullmatch(blocks[i - 1].text.strip()) and \
                i + 1 < len(blocks) and _LEADER.fullmatch(blocks[i + 1].text.strip()):
            out.append(i - 1)  # lines with dot leaders, two at least, without a heading over them
        elif b.cells and not (i and blocks[i - 1].cells) and len(b.cells) >= 2 and _COST_HEADER.match(b.cells[0]) and \
                any(_AMOUNT_HEADER.search(c) for c in b.cells[1:]):
            out.append(i - 1 if i and not blocks[i - 1].cells and _unit(blocks[i - 1].text) != 1 else i)
    return out


def _unit(text: str) -> int:
    return 1_000 if _THOUSANDS.search(text) else 1_000_000 if _MILLIONS.search(text) else 1


def extract_budget(f: Findings) -> None:
    span = budget_span(f)
    if span:
        lines, total, _ = _read(f.blocks, span.start)
        if lines:
            f.items["budget.lines"] = lines
        if total:
            f.add("budget.total", total[0], total[1], total[2])
    if f.pick("budget.total") is None:
        _total_in_a_sentence(f)


def _read(blocks: list[Block], start: int) -> tuple[list[dict[str, Any]], tuple[int, str, int] | None, int]:
    """The lines, the total (amount, quote, line) and the end of the budget that starts at `start`."""
    unit = _unit(blocks[start].text)
    lines: list[dict[str, Any]] = []
    label: tuple[str, str] | None = None
    income = False
    column: int | None = None  # the total column of a table with an amount column a year
    end = min(len(blocks), start + 1 + MAX_ROWS)
    for i in range(start + 1, end):
        b = blocks[i]
        text = b.text.strip()
        amounts = find_amounts(text)
        if b.cells and all(re.fullmatch(r"[\s:|-]*", c) for c in b.cells):
            continue  # a Markdown table's rule row: "|---|---:|"
        if b.cells and not amounts and not any(re.search(r"\d", c) for c in b.cells[1:]) or _years_header(b):
            unit = _unit(text) if _unit(text) != 1 else unit  # a header row: "| Post | tkr |"
            column = next((k for k, c in enumerate(b.cells) if k and _TOTAL.match(c + " ")), None) if len(b.cells) > 2 else None
            continue
        if _INCOME.match(text) or _COSTS.match(text):
            income = bool(_INCOME.match(text))
            continue
        row = _row(b, unit, column)
        if row and _TOTAL.match(row[0] + " ") and not _PART_TOTAL.match(row[0]):
            return lines, (row[1], text, b.line), i + 1
        if row:
            if not income and not _PART_TOTAL.match(row[0]):
                lines.append(_line(row[0], row[1], text))
            label = None
        elif len(amounts) == 1 and amounts[0].text == text.rstrip(".") and label:
            lines.append(_line(label[0], amounts[0].kronor, join_quotes([label[1], text])))
            label = None
        elif not amounts and b.words <= 8 and not text.startswith("(") and not text.endswith("."):
            label = (text.rstrip(" :"), text)
        elif (is_heading(b) and not amounts) or (text.endswith(".") and b.words > 12):
            return lines, None, i
    return lines, None, end


def _row(b: Block, unit: int, column: int | None = None) -> tuple[str, int] | None:
    """A budget line: its label and amount in kronor, or None when the block is not one line of one amount."""
    leader = _LEADER.fullmatch(b.text.strip())  # "Lokalhyra ....... 120": a label, dots to its amount
    cells = b.cells or (b.text.split(" | ") if " | " in b.text else [leader.group("label"), leader.group("fig")] if leader else [])
    cells = [c.strip() for c in cells if c.strip() and c.strip() not in ("-", "–")]
    if len(cells) >= 2 and column is not None and len(b.cells) > column:
        figure = _figure(b.cells[column], unit)  # "| Post | 2025 | 2026 | Totalt |": the total column
        return (cells[0].rstrip(" :"), figure) if figure is not None else None
    if len(cells) >= 2:
        figures = [a for a in (_figure(c, unit) for c in cells[1:]) if a is not None]
        return (cells[0].rstrip(" :"), figures[0]) if len(figures) == 1 and not _figure(cells[0], unit) else None
    amounts = find_amounts(b.text)
    m = _LINE.fullmatch(b.text.strip())
    if m and len(amounts) == 1 and amounts[0].end >= len(b.text.rstrip(". ")) - 1:
        return m.group("label"), amounts[0].kronor
    bare = re.fullmatch(r"(?P<label>[^\d(][^\d:]{1,80}?)\s*:?\s+(?P<fig>\d{1,3}(?:[ \u00a0.]\d{3})+|\d{3,9})", b.text.strip())
    if bare and not amounts:
        figure = _figure(bare.group("fig"), unit)
        return (bare.group("label"), figure) if figure else None
    return None


def _years_header(b: Block) -> bool:
    """`| Post | 2025 | 2026 | Totalt |`: a header of year columns (its figures are years, not amounts)."""
    return len(b.cells) > 2 and all(re.fullmatch(r"(?:19|20)\d\d|" + lx.alt(lx.BUDGET_TOTAL_LABELS), c.strip(), re.I)
                                    for c in b.cells[1:] if c.strip())


def _figure(cell: str, unit: int) -> int | None:
    """A table cell's amount in kronor: `1 150` under a `tkr` header, `240 000 kr`, `1,8 mnkr`."""
    cell = cell.strip().rstrip(".")
    amounts = find_amounts(cell)
    if len(amounts) == 1 and len(amounts[0].text) >= len(cell) - 1:
        return amounts[0].kronor
    m = _FIGURE.match(cell) or (re.match(r"^(?P<num>\d{1,2})(?:,(?P<dec>\d{1,2}))?$", cell) if unit > 1 else None)
    if not m:  # "90" under a "tkr" header is 90 000 kronor; a bare "90" elsewhere is no amount
        return None
    whole = int(re.sub(r"\D", "", m.group("num")))
    dec = m.group("dec") or ""
    return whole * unit + (int(dec) * unit // 10 ** len(dec) if dec else 0)


def _line(label: str, amount: int, quote: str) -> dict[str, Any]:
    return {"label": label.strip().rstrip(":").strip(), "amount": amount, "source": quote}


_TOTAL_SENTENCE = re.compile(lx.alt(lx.BUDGET_TOTAL_PHRASES), re.IGNORECASE)


def _total_in_a_sentence(f: Findings) -> None:
    """`Den totala budgeten för verksamheten uppgår till 1,8 mnkr`: a total stated in prose."""
    for b in f.blocks:
        for s in b.sentences:
            m = _TOTAL_SENTENCE.search(s)
            amounts = [a for a in find_amounts(s) if m and a.start > m.start()]
            # "Projektets totala budget är 1 030 000 kronor, varav …": the amount the phrase states, not its parts
            if m and amounts and re.fullmatch(r"[^\d,;.]{0,30}", s[m.end():amounts[0].start]):
                f.add("budget.total", amounts[0].kronor, s, b.line)


_INCREASE = re.compile(r"(?:driftbudget|budgetram|budget)\w*\s+(?:\w+\s+){0,3}?(?:ökas|utökas|höjs|höjas|behöver ökas)"
                       r"|(?:utökad|ökad|höjd)\s+(?:driftbudget|budgetram|budget|ram)|"
                       r"(?:(?:ryms|rymmas|inryms|inrymmas)\s+(?:inte|ej)|(?:inte|ej)\s+(?:kan\s+)?(?:ryms|rymmas|inryms|inrymmas))"
                       r"\s+inom\s+(?:\w+\s+){0,3}(?:budget|ram|anslag)",
                       re.IGNORECASE)
_FITS = re.compile(r"(?<!inte\s)(?<!ej\s)(?:ryms|rymmas|finansieras|hanteras)\s+inom\s+(?:ramen\s+för\s+)?(?:\w+\s+){0,3}?"
                   r"(?:budget|budgetram|ram|ramar|anslag|anslaget)\w*|inom\s+ramen\s+för\s+(?:\w+\s+){0,2}(?:anslag|budget)\w*",
                   re.IGNORECASE)


def extract_budget_increase(f: Findings) -> None:
    """A larger budget frame is needed (`ryms inte inom nämndens budgetram`, `begära utökad budgetram`), or is
    not (`Kostanden ryms inom nämndens anslag`): the second is kept too, as `needed: false`."""
    for b in f.blocks:
        for s in b.sentences:
            m = _INCREASE.search(s)
            if m:
                years = sorted({int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", s[m.start():])})
                f.add("budget_increase", tuple(years), s, b.line, rank=1 if years else 0)  # the years, when stated
            elif _FITS.search(s) and not re.search(r"\b(?:inte|ej|ska|skall|bör|måste)\b", s):  # "ska rymmas": a rule, not a fact
                f.add("budget_increase.fits", True, s, b.line)
