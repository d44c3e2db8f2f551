"""Word and PDF copies of an agreement text, made the way a reviewer receives them.

An agreement's `.txt` is Markdown-like: `#` headings, `-` or `1.` list items,
paragraphs separated by blank lines.  The Word copy uses Word's own heading
and list styles (no `#` or `-` characters); the PDF copy has headings only
as a larger bold font, bullets as `•`, and lines wrapped by the PDF writer,
as Word's "save as PDF" leaves them.  `extract` has to recover the same
paragraphs from all three.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_HEADING = re.compile(r"^\s*(#{1,6})\s*")
_BULLET = re.compile(r"^\s*(?:[-*•]|(?P<number>\d{1,2})[.)])\s+")


@dataclass
class Item:
    kind: str  # heading | bullet | number | paragraph
    lines: list[str]
    level: int = 1


def items(text: str) -> list[Item]:
    """The text's headings, list items and paragraphs, in order."""
    out: list[Item] = []
    current: Item | None = None
    for line in text.splitlines():
        if not line.strip():
            current = None
            continue
        heading, bullet = _HEADING.match(line), _BULLET.match(line)
        if heading:
            out.append(Item("heading", [line[heading.end():]], len(heading.group(1))))
            current = None
        elif bullet:
            current = Item("number" if bullet.group("number") else "bullet", [line[bullet.end():]])
            out.append(current)
        elif current is None:
            current = Item("paragraph", [line])
            out.append(current)
        else:
            current.lines.append(line)
    return out


def _plain(line: str) -> str:
    """Markdown emphasis and hard-break spaces are formatting, not text."""
    return line.replace("**", "").replace("*", "").rstrip()


def add_item(document, item: Item) -> None:  # type: ignore[no-untyped-def]
    """One item as Word writes it: a heading, a bulleted or numbered paragraph, or a plain one."""
    lines = [_plain(x) for x in item.lines]
    if item.kind == "heading":
        document.add_heading(lines[0], level=min(item.level, 9))
    elif item.kind in ("bullet", "number"):
        document.add_paragraph("\n".join(lines), style="List Bullet" if item.kind == "bullet" else "List Number")
    else:
        document.add_paragraph("\n".join(lines))  # a line break inside a paragraph, as Shift+Enter gives


def to_docx(text: str, path: Path) -> Path:
    import docx
    document = docx.Document()
    for item in items(text):
        add_item(document, item)
    document.save(str(path))
    return path


def to_pdf(text: str, path: Path, running: str | None = None) -> Path:
    """`running`: a header on every page, with "Sida N" as the footer, as a municipality's template prints."""
    from fpdf import FPDF

    class Paged(FPDF):
        def header(self) -> None:
            if running:
                self.set_font("helvetica", "", 9)
                self.cell(0, 5, running, new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            if running:
                self.set_y(-15)
                self.set_font("helvetica", "", 9)
                self.cell(0, 5, f"Sida {self.page_no()}")

    pdf = Paged(format="A4")
    pdf.core_fonts_encoding = "windows-1252"  # the standard fonts' WinAnsi encoding: å, ä, ö, –, …, •
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for item in items(text):
        body = " ".join(_plain(x).strip() for x in item.lines)
        if item.kind == "heading":
            pdf.set_font("helvetica", "B", 15)
            pdf.multi_cell(0, 8, body, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("helvetica", "", 11)
            marker = "• " if item.kind == "bullet" else "1. " if item.kind == "number" else ""
            pdf.multi_cell(0, 6, marker + body, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))
    return path
