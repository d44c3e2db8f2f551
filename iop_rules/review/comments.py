"""Reviewer comments in a Word document, anchored on the sentences an agreement's data quotes.

The quotes come from `iop-rules extract`, which reads the text as Word shows it; the document
stores that text split into runs wherever the formatting, a spell check or an edit changed, and
a run may end one sentence and start the next.  python-docx can anchor a comment only on whole
runs and has no way to find text, so this module finds the quote in the XML itself (in tables,
content controls and tracked insertions too, which python-docx's `paragraphs` skip), splits the
runs at the quote's ends with their formatting copied, and leaves every character of the text
as it was: a reviewer's copy must differ from the original only by its comments.
"""
from __future__ import annotations

import bisect
import copy
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from docx.comments import Comment
from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

_P, _R, _RPR, _T = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:t")
_TABS = (qn("w:tab"), qn("w:ptab"))
_BREAKS = (qn("w:br"), qn("w:cr"))
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: Runs under these are not shown text: deleted (tracked) text, and the copy of a drawing that
#: Word keeps for older readers beside the one it shows.
_HIDDEN = (qn("w:del"), qn("w:moveFrom"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")

#: Characters that a quote and the document may spell differently and still mean the same:
#: typographic quotes and dashes as typed by Word's autocorrect, or by the person who quoted.
_EQUIVALENT = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
}
#: Characters with no width: a soft hyphen, zero-width spaces and joiners, a byte-order mark.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
#: A quote cut by `extract` (draft.py's `_cut_quote`) or by hand: ` […]` at the end, or at the start.
_CUT_AT_END = re.compile(r"\s*\[\s*\.\.\.\s*\]\s*$")
_CUT_AT_START = re.compile(r"^\s*\[\s*\.\.\.\s*\]\s*")
#: Characters XML 1.0 cannot hold; lxml refuses a comment text that has one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class _Layout:
    """A paragraph's shown text and where each of its runs stands in it."""

    paragraph: CT_P
    text: str
    runs: list[tuple[CT_R, int, int]]  # run, start, end (end exclusive)


def find_anchor(document: Document, quote: str) -> list[Run] | None:
    """The runs that hold exactly `quote`, split where needed, or None when the document lacks it.

    The first occurrence within one paragraph is taken; a quote found only across paragraphs (a
    table cell's lines, which `extract` reads as one) is anchored from the first to the last.
    Whitespace of any kind, typographic quotes and dashes, and a cut marked `[…]` do not stop a
    match.  Nothing changes in the document when the quote is not found.
    """
    wanted = _CUT_AT_START.sub("", _CUT_AT_END.sub("", _normalise(quote)[0])).strip()
    if not wanted:
        return None
    layouts = [_layout(p) for p in _paragraphs(document)]
    starts: list[int] = []
    offset = 0
    for layout in layouts:
        starts.append(offset)
        offset += len(layout.text) + 1  # the paragraph break, read as whitespace
    text, where = _normalise("\n".join(layout.text for layout in layouts))
    found: tuple[int, int] | None = None
    position = text.find(wanted)
    while position >= 0:
        end = position + len(wanted)
        if end == len(text) or not unicodedata.combining(text[end]):  # not half of an accented letter
            span = where[position], where[end - 1] + 1
            if bisect.bisect_right(starts, span[0]) == bisect.bisect_right(starts, span[1] - 1):
                found = span
                break
            found = found or span
        position = text.find(wanted, position + 1)
    if found is None:
        return None
    first = bisect.bisect_right(starts, found[0]) - 1
    last = bisect.bisect_right(starts, found[1] - 1) - 1
    return _cover(document, layouts[first], found[0] - starts[first], layouts[last], found[1] - starts[last],
                  layouts[first:last + 1])


def add_comment(document: Document, runs: Sequence[Run], text: str, author: str = "iop-rules",
                initials: str = "IR") -> Comment:
    """A comment on `runs` (first to last); each line of `text` is a paragraph of the comment.

    Characters that XML cannot hold are dropped, so a rule's message can never make the copy
    unwritable.
    """
    if not runs:
        raise ValueError("a comment needs at least one run to anchor on")
    clean = _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return document.add_comment(list(runs), text=clean, author=author, initials=initials)


def add_summary_comment(document: Document, text: str, author: str = "iop-rules", initials: str = "IR") -> Comment:
    """The review's overall comment, on the document's first paragraph with text: where a reader starts."""
    for p in _paragraphs(document):
        layout = _layout(p)
        if layout.text.strip():
            parent = Paragraph(p, document)
            return add_comment(document, [Run(r, parent) for r, _, _ in layout.runs], text, author, initials)
    raise ValueError("the document has no text to anchor a summary comment on")


def body_text(document: Document) -> str:
    """The shown text of every body paragraph, tables and content controls included, one per line.

    It is read the way `find_anchor` reads it, so comparing it before and after proves that
    anchoring comments changed no character of the agreement.
    """
    return "\n".join(_layout(p).text for p in _paragraphs(document))


def _paragraphs(document: Document) -> Iterator[CT_P]:
    """Body paragraphs in document order, into tables and content controls, not into text boxes."""
    def walk(element: etree._Element) -> Iterator[CT_P]:
        for child in element.iterchildren(tag=etree.Element):
            if child.tag == _P:
                yield cast(CT_P, child)  # a paragraph inside one is a text box's, which `extract` does not read
            elif child.tag not in _HIDDEN:
                yield from walk(child)
    yield from walk(document.element.body)


def _runs(paragraph: etree._Element) -> Iterator[CT_R]:
    """A paragraph's own runs in order, also those inside hyperlinks, fields, inline content
    controls and tracked insertions; not deleted ones, nor those of a text box in a drawing."""
    for child in paragraph.iterchildren(tag=etree.Element):
        if child.tag == _R:
            yield cast(CT_R, child)
        elif child.tag not in _HIDDEN and child.tag != _P:
            yield from _runs(child)


def _piece_text(element: etree._Element) -> str:
    """What one child of a run shows: its characters, a tab, a line break or a hyphen."""
    tag = element.tag
    if tag == _T:
        return element.text or ""
    if tag in _TABS:
        return "\t"
    if tag in _BREAKS:
        return "\n"  # a page break too: it separates words as a line break does
    if tag == _NO_BREAK_HYPHEN:
        return "-"
    return ""


def _layout(paragraph: CT_P) -> _Layout:
    parts: list[str] = []
    runs: list[tuple[CT_R, int, int]] = []
    offset = 0
    for r in _runs(paragraph):
        text = "".join(_piece_text(child) for child in r if child.tag != _RPR)
        runs.append((r, offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    return _Layout(paragraph, "".join(parts), runs)


def _normalise(text: str) -> tuple[str, list[int]]:
    """`text` with whitespace collapsed to one space, equivalent characters made one, accents
    decomposed; and for each resulting character, the index of the character it came from."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():  # tabs, line breaks, non-breaking and thin spaces
            if not out or out[-1] != " ":
                out.append(" ")
                where.append(index)
        elif char not in _INVISIBLE:
            for piece in unicodedata.normalize("NFD", _EQUIVALENT.get(char, char)):
                out.append(piece)
                where.append(index)
    return "".join(out), where


def _cover(document: Document, first: _Layout, start: int, last: _Layout, end: int,
           layouts: list[_Layout]) -> list[Run]:
    """The runs from `start` in `first` to `end` in `last`, the runs at both ends split there."""
    start_run, start_at = next((r, s) for r, s, e in first.runs if s <= start < e)
    end_run, end_at, end_stop = next((r, s, e) for r, s, e in last.runs if s < end <= e)
    if end < end_stop:
        left, _ = _split(end_run, end - end_at)
        if start_run is end_run:
            start_run = left
        end_run = left
    if start > start_at:
        _split(start_run, start - start_at)  # start_run is now the part from `start` on
    covered: list[Run] = []
    inside = False
    for layout in layouts:
        parent = Paragraph(layout.paragraph, document)
        for r in _runs(layout.paragraph):
            inside = inside or r is start_run
            if inside:
                covered.append(Run(r, parent))
            if r is end_run:
                return covered
    raise AssertionError("the quote's last run is not after its first")  # pragma: no cover


def _split(run: CT_R, at: int) -> tuple[CT_R, CT_R]:
    """Split `run` before its character `at` into two runs of the same formatting (the `w:rPr` and
    the run's attributes are copied); the new one, inserted before, holds the text before `at`,
    and `run` itself keeps the rest.  Returns (before, run)."""
    before = copy.deepcopy(run)
    _keep(before, at, keep_before=True)
    _keep(run, at, keep_before=False)
    run.addprevious(before)
    return before, run


def _keep(run: CT_R, at: int, keep_before: bool) -> None:
    """Remove from `run` what lies after `at` (keep_before) or before it; a `w:t` across `at` is cut.

    Children without text (a drawing, a field character, a page-break mark) go with the text after
    them when they stand exactly at `at`, so the two halves share them out without loss or copy.
    """
    position = 0
    for child in list(run):
        if child.tag == _RPR:
            continue
        length = len(_piece_text(child))
        if position < at < position + length:  # only a w:t is longer than one character
            text = child.text or ""
            child.text = text[:at - position] if keep_before else text[at - position:]
            if child.text != child.text.strip():
                child.set(_XML_SPACE, "preserve")
        else:
            is_before = position < at if length == 0 else position + length <= at
            if is_before != keep_before:
                run.remove(child)
        position += length
