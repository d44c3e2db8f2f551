"""Paragraphs out of a text PDF.

pypdf gives lines; a PDF has no paragraphs, only positions.  A paragraph
break is a vertical gap clearly larger than the document's usual line
spacing; a page break is a paragraph break unless the sentence visibly runs
on (the previous line has no closing punctuation and the next starts in
lower case).  Headings are told by size or weight, running headers and
footers are dropped, and signatures printed side by side are read a column
at a time.  The result is lines with blank lines between paragraphs, the
same shape as a .txt file.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Line:
    page: int
    y: float | None
    size: float
    text: str
    bold: bool = False  # every piece of the line is set in a bold font
    cells: list[tuple[float, str]] = field(default_factory=list)  # (x, text) pieces far apart on the line


def _is_bold(font: Any) -> bool:
    name = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
    return any(word in name.lower() for word in ("bold", "black", "heavy"))


def _place(cells: list[list[Any]], x: float, text: str, size: float, positioned: bool) -> None:
    """Text set well to the right of where the previous piece ended (more than two ems) starts a cell:
    two signatures side by side, not two words of one sentence."""
    if cells and not (positioned and x > cells[-1][2] + 2 * size):
        cells[-1][1] += text
        cells[-1][2] += len(text) * size * 0.55
    else:
        cells.append([x, text, x + len(text) * size * 0.55])


def _collect(page: Any, number: int) -> list[_Line]:
    lines: list[_Line] = []
    current: list[str] = []
    cells: list[list[Any]] = []  # [x, text, estimated end] of each piece set apart from the one before
    where: list[Any] = [None, None, True]  # y, font size and boldness of the line being built

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i > 0:
                end_line()
            if part:
                scale = abs(tm[3] * cm[3]) or 1.0
                if where[0] is None and part.strip():
                    where[0] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    where[1] = (size or 10.0) * scale
                if part.strip():
                    where[2] = where[2] and _is_bold(font)
                current.append(part)
                _place(cells, tm[4] * cm[0] + tm[5] * cm[2] + cm[4], part, (size or 10.0) * scale, i == 0)

    def end_line() -> None:
        text = "".join(current)
        if text.strip():
            pieces = [(x, " ".join(t.split())) for x, t, _ in cells if t.strip()]
            lines.append(_Line(number, where[0], where[1] or 10.0, text, bool(where[2]), pieces))
        current.clear()
        cells.clear()
        where[0], where[1], where[2] = None, None, True

    page.extract_text(visitor_text=visit)
    end_line()
    return lines


def pdf_lines(pages: Any, max_chars: int) -> tuple[list[str], list[int]]:
    """All pages' text as lines, blank lines between paragraphs, and the page (from 1) of each line.

    A run of lines in a clearly larger font than the body text, or a short bold line,
    is a heading and becomes one `# ` line: Word's PDF export leaves headings only as
    font size and weight.
    """
    raw: list[_Line] = []
    total = 0
    for number, page in enumerate(pages):
        got = _collect(page, number)
        raw.extend(got)
        total += sum(len(x.text) for x in got)
        if total > max_chars:
            break
    gaps = [prev.y - cur.y for prev, cur in zip(raw, raw[1:])
            if prev.page == cur.page and prev.y is not None and cur.y is not None
            and 0.8 * cur.size < prev.y - cur.y < 3 * cur.size]
    usual = sorted(gaps)[len(gaps) // 10] if gaps else None  # the line spacing, if any paragraph wraps
    body = statistics.median(x.size for x in raw) if raw else 0.0
    raw = _side_by_side(_without_running_lines(raw))
    lines: list[str] = []
    units: list[int] = []
    for i, line in enumerate(raw):
        heading = line.size > 1.15 * body or _bold_heading(line)
        breaks = i > 0 and _breaks(raw[i - 1], line, usual)
        if heading and i > 0 and (raw[i - 1].size > 1.15 * body or _bold_heading(raw[i - 1])) and _wraps(raw[i - 1], line):
            lines[-1] = f"{lines[-1]} {line.text.strip()}"  # a heading that wrapped
            continue
        if breaks or (heading and i > 0):
            lines.append("")
            units.append(line.page + 1)
        lines.append(f"# {line.text.strip()}" if heading else line.text)
        units.append(line.page + 1)
    return lines, units


def _without_running_lines(raw: list[_Line]) -> list[_Line]:
    """Without running headers and footers ("Överenskommelse IOP – Lunds kommun", "Sida 2 (6)"): a line
    among the first or last two of a page that recurs, figures aside, on at least half the pages. Left
    in, a header becomes the title and splits every paragraph that runs over a page."""
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(raw):
        pages.setdefault(line.page, []).append(i)
    if len(pages) < 2:
        return raw
    edges = {i for indices in pages.values() for i in (*indices[:2], *indices[-2:])}
    seen: dict[str, set[int]] = {}
    for i in edges:
        seen.setdefault(_shape(raw[i].text), set()).add(raw[i].page)
    running = {shape for shape, on in seen.items() if len(on) >= max(2, len(pages) // 2)}
    return [line for i, line in enumerate(raw) if not (i in edges and _shape(line.text) in running)]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def _side_by_side(raw: list[_Line]) -> list[_Line]:
    """Signatures set side by side ("För Lunds kommun" beside "För Föreningen Bro", a name beside a name)
    are read a column at a time, each line its own paragraph, as they would stand in a text; any other
    line keeps its cells joined (a budget label beside its amount is one line)."""
    out: list[_Line] = []
    i = 0
    while i < len(raw):
        run = _aligned_run(raw, i)
        if len(run) > 1 and any(sum(bool(re.match(r"för\s", t, re.I)) for _, t in line.cells) >= 2 for line in run):
            for column in range(len(run[0].cells)):
                for line in run:
                    x, text = line.cells[column]
                    out.append(_Line(line.page, None, line.size, text, line.bold))
            i += len(run)
        else:
            out.append(raw[i])
            i += 1
    return out


def _aligned_run(raw: list[_Line], start: int) -> list[_Line]:
    """Consecutive lines on one page with the same 2-4 cells, each cell starting where the first line's does."""
    first = raw[start]
    if not 2 <= len(first.cells) <= 4:
        return [first]
    run = [first]
    for line in raw[start + 1:]:
        if line.page != first.page or len(line.cells) != len(first.cells) or any(
                abs(a[0] - b[0]) > 2 * first.size for a, b in zip(line.cells, first.cells)):
            break
        run.append(line)
    return run


def _bold_heading(line: _Line) -> bool:
    """A short bold line with no figures and no sentence end: a heading set in the body's size (Word's
    Heading 3, a bold paragraph used as a title). A bold amount or date stays text."""
    text = line.text.strip()
    return (line.bold and len(text.split()) <= 10 and not re.search(r"\d", text)
            and not re.search(r"[.,;!?]$", text))


def _wraps(prev: _Line, cur: _Line) -> bool:
    """`cur` goes on the line after `prev`, in the same font: the same line of text, wrapped."""
    return (prev.page == cur.page and prev.y is not None and cur.y is not None
            and 0 < prev.y - cur.y <= 1.6 * cur.size and abs(prev.size - cur.size) < 0.5)


def _breaks(prev: _Line, cur: _Line, usual: float | None) -> bool:
    if prev.page != cur.page:
        runs_on = not re.search(r"[.:!?;]\s*$", prev.text) and re.match(r"\s*[a-zåäöé(]", cur.text)
        return not runs_on
    if prev.y is None or cur.y is None:
        return False
    gap = prev.y - cur.y
    if gap <= 0:  # moved up: a new column or a text box
        return True
    # Lines of a paragraph sit `usual` apart; a paragraph adds space.  When no paragraph wraps,
    # every gap is a paragraph gap and `usual` is one of them: then the font size decides.
    if usual and usual <= 1.6 * cur.size:
        return gap > 1.15 * usual
    return gap > 1.6 * cur.size
