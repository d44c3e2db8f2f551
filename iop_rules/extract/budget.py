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
from .payers import party_or_organ
from .swedish import find_amounts
from .text import Block, is_heading

#: `Föreningens budget per år (tkr)`, `Verksamhetens budget 2026`: a budget heading after its owner's genitive.
_OWNER = r"(?:[A-ZÅÄÖ][\wåäö-]{1,30}(?<=s)\s+(?:" + lx.alt(("totala", "samlade", "preliminära", "årliga")) + r"\s+)?)?"
_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+|§\s*\d+\s+|bilaga\s+\d+\s*[:.–-]?\s*)?" + _OWNER + lx.alt(lx.BUDGET_HEADINGS)
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
    found = _budget(f)
    return range(found[0], found[3]) if found else range(0)


def _budget(f: Findings) -> tuple[int, list[dict[str, Any]], tuple[int, str, int] | None, int] | None:
    """The first budget of the text: where it starts, its lines, its total and where it ends.  A run of lines
    that no heading announces counts only when a total closes it and no line is a party's (`Kommunen: 300 000
    kr` is a contribution, not a cost); a list of what the money is for (`Bidraget avser:`) is the budget only
    when the text has no other, and on the same terms."""
    starts = _starts(f)
    for start, kind in [s for s in starts if s[1] != "use"] + [s for s in starts if s[1] == "use"]:
        lines, total, end = _read(f.blocks, start)
        if kind == "heading" and (lines or total):
            return start, lines, total, end
        if kind != "heading" and total and len(lines) >= 2 and not any(_names_a_party(f, line["label"]) or _YEARLIKE.match(line["label"])
                                                                       for line in lines):  # a line a year: a table of contributions
            return start, lines, total, end
    return None


def _names_a_party(f: Findings, label: str) -> bool:
    return f.party(label) is not None or bool(f.mentioned(label)) or bool(_PARTY_WORD.search(label))


def _starts(f: Findings) -> list[tuple[int, str]]:
    """The budget's candidate starts, read once per document: three extractors ask, and reading them is
    the costliest step of a long text."""
    if "budget_starts" not in f.read_once:
        f.read_once["budget_starts"] = _read_starts(f.blocks)
    starts: list[tuple[int, str]] = f.read_once["budget_starts"]
    return starts


def _read_starts(blocks: list[Block]) -> list[tuple[int, str]]:
    """Where a budget may begin, and what announces it (`heading`, `use`, `run`): a budget heading, a line that
    introduces one (`Kostnaderna beräknas enligt följande:`) or a table whose header names a cost and an amount
    or a year and a sum (the line over it when that gives the unit, `Belopp i tkr:`); a line over what the money
    is for (`Bidraget avser:`); or else the first of a run of lines of a label and an amount.  A contents list
    names the heading too, so every candidate is read and the first with lines wins."""
    out = []
    for i, b in enumerate(blocks):
        if b.words <= 12 and _HEADING.match(b.text) and not find_amounts(b.text) and not b.text.endswith("."):
            out.append((i, "heading"))
        elif b.words <= 30 and _INTRO.search(b.text) and _INTRO_END.search(b.text) and not find_amounts(b.text):
            out.append((i, "heading"))
        elif b.words <= 30 and _USE_INTRO.match(b.text) and not find_amounts(b.text):
            out.append((i, "use"))
        elif _LEADER.fullmatch(b.text.strip()) and i and not _LEADER.fullmatch(blocks[i - 1].text.strip()) and \
                i + 1 < len(blocks) and _LEADER.fullmatch(blocks[i + 1].text.strip()):
            out.append((i - 1, "heading"))  # lines with dot leaders, two at least, without a heading over them
        elif b.cells and not (i and blocks[i - 1].cells) and len(b.cells) >= 2 and \
                _COST_HEADER.match(b.cells[0]) and any(_AMOUNT_HEADER.search(c) for c in b.cells[1:]):
            out.append((i - 1 if i and not blocks[i - 1].cells and _unit(blocks[i - 1].text) != 1 else i, "heading"))
        elif i and b.cells and not blocks[i - 1].cells and _YEAR_COLUMN.match(b.cells[0].strip()) and \
                any(_TOTAL.fullmatch(c.strip() + " ") for c in b.cells[2:]):
            out.append((i - 1, "heading"))  # "År | Region Gotland | RF-SISU | Summa": a line a year, its sum the amount
        elif i and _row(b, 1) and not _row(blocks[i - 1], 1) and not b.bullet:  # a list's items: contributions as often
            out.append((i - 1, "run"))
    return out


_INTRO = lx.cue(lx.BUDGET_INTRO_NOUNS)
_INTRO_END = re.compile(lx.alt(lx.BUDGET_INTRO_ENDS) + r"\s*[:.]?\s*$|:\s*$", re.IGNORECASE)
#: "Bidraget för ett helt år avser:", "Medlen ska användas till följande:": what the money is for, line by line.
_USE_INTRO = re.compile(r"^(?:\S+\s+){0,2}?" + lx.alt(lx.MONEY_NOUNS) + r"\b[^.:]{0,60}?" + lx.alt(lx.BUDGET_USE_VERBS) + r"[^.:]{0,30}:$",
                        re.IGNORECASE)
_YEAR_COLUMN = re.compile(r"^" + lx.alt(("år", "period", "verksamhetsår", "budgetår", "kalenderår")) + r"$", re.IGNORECASE)
_PARTY_WORD = lx.cue((*lx.GENERIC_PUBLIC, *lx.GENERIC_IDEA))


def _unit(text: str) -> int:
    return 1_000 if _THOUSANDS.search(text) else 1_000_000 if _MILLIONS.search(text) else 1


def extract_budget(f: Findings) -> None:
    found = _budget(f)
    if found:
        _, lines, total, _ = found
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
    return _text_line(b.text.strip(), unit)


#: What may follow a line's amount: its unit of time (`300 000 kr/år`), a note in brackets (`(en heltidstjänst)`).
_AFTER_AMOUNT = re.compile(r"(?:\s*(?:/\s*|per\s+)" + lx.alt(lx.YEAR_WORDS + ("månad", "mån")) + r"|\s*\([^()]{0,80}\)"
                           r"|\s*(?:exkl|inkl)\.?\s+moms)\s*\.?$", re.IGNORECASE)
#: Between a label and its amount: a colon, a dash, an equals sign, dots.
_SEPARATOR = " \t:=–—-.…_|"


def _text_line(text: str, unit: int) -> tuple[str, int] | None:
    """A line written as text: a label, then its one amount at the end (`Lokalhyra: 60 000 kr/år`,
    `Personal – 300 000 kr (en heltidstjänst)`, `Lokal = 100 000 kr`, `Hyra 60 000` under a heading)."""
    core = text.rstrip(" .")
    for _ in range(3):
        core = _AFTER_AMOUNT.sub("", core).rstrip(" .")
    amounts = find_amounts(core)
    label, amount = None, None
    if amounts and amounts[-1].end >= len(core) - 1 and (len(amounts) == 1 or core[:amounts[-1].start].rstrip().endswith(("=", ":"))
                                                           or _PRICED.search(core[:amounts[-1].start])):
        label, amount = core[:amounts[-1].start], amounts[-1].kronor  # "Lokalhyra 12 mån à 5 000 kr: 60 000 kr": the last
    elif (bare := _BARE.search(core)) and (not amounts or _PRICED.search(core[:amounts[-1].end])) \
            and not _YEARLIKE.fullmatch(bare.group(0)) and len(core.split()) <= 12:
        label, amount = core[:bare.start()], _figure(bare.group(0).strip(), unit)  # "30 juni 2027" ends in a year, no amount
    if label is None or amount is None:
        return None
    label = label.strip(_SEPARATOR)
    if not re.search(r"[a-zåäö]{2}", label, re.IGNORECASE) or label.startswith("(") or len(label) > 80 or \
            (find_amounts(label) and not _PRICED.search(label)):
        return None
    return label, amount


#: A label that prices what it counts (`Ideellt arbete, 1 200 timmar à 200 kr   240 000`): the line's amount is the last.
_PRICED = re.compile(r"(?<!\w)(?:à|á|@|x|×)\s*\d[\d \u00a0]*(?:kr|kronor|:-)?\s*(?:/\s*\w+\s*)?$", re.IGNORECASE)
#: A bare figure ending a line (`Hyra   60 000`; `Aktiviteter   80` under a `tkr` heading).
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_BARE = re.compile(r"(?<=[\s:=–—.…_|])(?:\d{1,3}(?:[ \u00a0.]\d{3})+|\d{1,9})(?:,\d{1,2})?$")


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
    return {"label": label.strip(_SEPARATOR), "amount": amount, "source": quote}


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


#: After a budget's costs, how they are financed: a line a party (`Kommunen  120 000`, `Gillet, entré och kafé  20 000`).
MAX_FINANCING_ROWS = 12


def budget_financing(f: Findings) -> list[tuple[str, int, str, str]]:
    """The party lines of a budget's financing part, as (party id, kronor, per, quote): `Summa kostnader 140 000`
    then `Kommunen 120 000` and `Gillet, entré, kafé och medlemsavgifter 20 000`.  The unit of time is the
    heading's (`Budget per helår`: a year); a line that names no party, or more than one, is left out."""
    found = _budget(f)
    if not found:
        return []
    start, _, _, end = found
    heading = f.blocks[start].text if start < len(f.blocks) else ""
    per = "year" if _YEARLY.search(heading) else "period"
    unit = _unit(heading)
    out = []
    for b in f.blocks[start + 1:min(len(f.blocks), end + MAX_FINANCING_ROWS)]:
        if is_heading(b) and not _INCOME.match(b.text.strip()):
            break
        row = _row(b, unit)
        if not row or _TOTAL.match(row[0] + " "):
            continue
        party = party_or_organ(f, row[0])
        if party and len(f.mentioned(row[0])) <= 1:
            out.append((party, row[1], per, b.text))
    return out


_YEARLY = re.compile(r"(?<!\w)(?:per\s+(?:hel)?år|årlig\w*|per\s+verksamhetsår|per\s+kalenderår|helår)(?!\w)", re.IGNORECASE)
