"""Text out of .txt, .md, .docx and .pdf files, or one clear `IopError` saying why not.

Inputs are bounded before they are parsed: a file larger than an agreement
could be, a Word file whose XML would unpack to more than that, or a PDF
with more pages than that is refused with a message, never read into
memory.  Word and PDF libraries are imported only when such a file is read.
"""
from __future__ import annotations

import logging
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IopError

MAX_FILE_BYTES = 20 * 1024 * 1024  # a Word or PDF file, images included
MAX_TEXT_CHARS = 2 * 1024 * 1024  # the text itself: agreements are tens of kilobytes
MAX_XML_BYTES = 60 * 1024 * 1024  # a .docx's document.xml, unpacked
MAX_PAGES = 500
MAX_UNPACKED_BYTES = 120 * 1024 * 1024  # all parts of a .docx together, unpacked (pictures included)
MAX_ZIP_MEMBERS = 2000
MAX_CONTENT_BYTES = 40 * 1024 * 1024  # all pages' drawing instructions together, decoded
SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf")


@dataclass
class Source:
    """A document's text as lines, and where each line stands in the file the reviewer has open."""

    path: str
    kind: str  # txt | md | docx | pdf
    lines: list[str]
    #: For Word and PDF: the paragraph or page each line came from (a Word file has no lines).
    units: list[int] | None = None
    #: What the reviewer should know about how the text was read (Swedish, for the draft's comment block).
    notes: list[str] = field(default_factory=list)

    def where(self, line: int) -> str:
        """`rad 12`, `stycke 7` or `sida 2`, in the terms of the file's own format."""
        if self.units is None or not 0 < line <= len(self.units):
            return f"rad {line}"
        return f"{'stycke' if self.kind == 'docx' else 'sida'} {self.units[line - 1]}"


def read_source(path: str | Path) -> Source:
    """The lines of a source text, whatever its format; blank lines separate paragraphs."""
    p = Path(path)
    name = str(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise IopError(f"cannot extract from a {suffix or 'suffix-less'} file, expected .txt, .md, .docx or .pdf",
                       name, 0, 0)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise IopError("no such file, expected an agreement text (.txt, .md, .docx or .pdf)", name, 0, 0) from None
    except OSError as exc:
        raise IopError(f"cannot read the file ({exc.strerror}), expected a readable file", name, 0, 0) from None
    if p.is_dir():
        raise IopError("is a directory, expected one agreement text file", name, 0, 0)
    if size == 0:
        raise IopError("the file is empty, expected the text of an agreement", name, 0, 0)
    text_like = suffix in (".txt", ".md", ".markdown")
    limit = MAX_TEXT_CHARS * 2 if text_like else MAX_FILE_BYTES
    if size > limit:
        raise IopError(f"the file is {size / 1e6:.1f} MB, more than the {limit / 1e6:.0f} MB an agreement can be; "
                       "expected the text of one agreement", name, 0, 0)
    units = None
    notes: list[str] = []
    if text_like:
        lines = _text_lines(_read_bytes(p, name), name)
        kind = "txt" if suffix == ".txt" else "md"
    elif suffix == ".docx":
        (lines, units), kind = _docx_lines(p, name, notes), "docx"
    else:
        (lines, units), kind = _pdf_lines(p, name, notes), "pdf"
    if not any(line.strip() for line in lines):
        raise IopError("there is no text in the file, expected the text of an agreement", name, 0, 0)
    if sum(len(line) + 1 for line in lines) > MAX_TEXT_CHARS:
        raise IopError(f"the text is longer than {MAX_TEXT_CHARS // 1024 // 1024} MB of characters, "
                       "expected the text of one agreement", name, 0, 0)
    return Source(name, kind, lines, units, notes)


def _read_bytes(p: Path, name: str) -> bytes:
    try:
        return p.read_bytes()
    except OSError as exc:
        raise IopError(f"cannot read the file ({exc.strerror}), expected a readable file", name, 0, 0) from None


def _text_lines(data: bytes, name: str) -> list[str]:
    """UTF-8 (with or without BOM), or Windows-1252 when it is not UTF-8; binary data is refused."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise IopError("binary data (a NUL byte), not text; expected a UTF-8 text file", name, line, col)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line, col = _position(data, exc.start)
            raise IopError("the bytes here are neither UTF-8 nor Windows-1252 text, expected a UTF-8 text file",
                           name, line, col) from None
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise IopError("binary data (control characters), not text; expected a UTF-8 text file", name, 0, 0)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").split("\n")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _docx_lines(p: Path, name: str, notes: list[str]) -> tuple[list[str], list[int]]:
    """Body paragraphs and table rows in document order, each its own paragraph.

    Word marks headings and list items with styles, not characters; they are
    written back as `# ` and `- ` so a heading or a bullet means the same to
    the extractors as it does in a Markdown or text copy of the agreement.
    """
    try:
        with zipfile.ZipFile(p) as z:
            z.getinfo("word/document.xml")
            _bounded_zip(z.infolist(), name)
    except (zipfile.BadZipFile, KeyError, OSError, NotImplementedError, ValueError, EOFError):  # a damaged zip
        raise IopError("not a Word .docx file (it is not a zip with word/document.xml), expected a .docx "
                       "saved by Word or LibreOffice", name, 0, 0) from None
    lines: list[str] = []
    units: list[int] = []
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        document = docx.Document(str(p))
        body = document.element.body
        if next(body.iter(_W + "ins", _W + "del"), None) is not None:
            notes.append("Word-filen har spårade ändringar: texten är läst som om alla godkänts (infogat med, "
                         "struket utan); kontrollera att det är den versionen som ska granskas")
        for number, child in enumerate(_body_blocks(body), 1):
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraph = Paragraph(child, document)
                text = _element_text(child).split("\n")
                text[0] = _docx_marker(paragraph) + text[0]
            elif tag == "tbl":
                text = _table_lines(Table(child, document))
            else:
                continue
            lines.extend(["", *text])
            units.extend([number] * (len(text) + 1))
    except IopError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise IopError(f"cannot read the Word document ({type(exc).__name__}: {exc}), expected a valid .docx",
                       name, 0, 0) from None
    return lines, units


def _bounded_zip(members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a Word file whose parts unpack to far more than an agreement (a zip bomb) before any is read:
    each part's declared size is checked, and the sum.  zipfile never reads past a part's declared size
    (a part that inflates further fails its check), so the declared sizes bound the work."""
    if len(members) > MAX_ZIP_MEMBERS:
        raise IopError(f"the Word file has {len(members)} parts, more than a document has; expected one agreement",
                       name, 0, 0)
    total = 0
    for info in members:
        if info.file_size > MAX_XML_BYTES:
            raise IopError(f"a part of the Word file ({info.filename}) unpacks to {info.file_size / 1e6:.0f} MB, more "
                           "than an agreement can be; expected one agreement", name, 0, 0)
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise IopError(f"the Word file unpacks to {total / 1e6:.0f} MB, more than an agreement can be; "
                       "expected one agreement", name, 0, 0)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PARTS = (_W + "t", _W + "tab", _W + "br", _W + "cr")


def _body_blocks(container: Any) -> Any:
    """Paragraphs and tables in document order, including those inside content controls (`w:sdt`,
    which Word templates put around fields such as a party's name) and custom XML."""
    for child in container.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _body_blocks(content)


def _element_text(element: Any) -> str:
    """A paragraph's text with tracked changes accepted: inserted runs (inside `w:ins`, which python-docx's
    `.text` skips) are read, deleted ones are `w:delText` and are not; tabs and line breaks kept."""
    out = []
    for node in element.iter(*_TEXT_PARTS):
        tag = node.tag
        out.append((node.text or "") if tag == _W + "t" else "\t" if tag == _W + "tab" else "\n")
    return "".join(out)


def _table_lines(table: Any) -> list[str]:
    """A table row by row (`| a | b |`), except signatures side by side: a table whose cells are the
    short lines of a signature ("För Lunds kommun" over a name over a title) is read column by column,
    each column a paragraph of its own, as it would stand in a text."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(" ".join(_element_text(p) for p in cell._tc.iter(_W + "p")).split())
            if not cells or text != cells[-1]:  # merged cells repeat
                cells.append(text)
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    side_by_side = 2 <= width <= 4 and all(len(r) == width for r in rows) and any(  # "För X" | "För Y"
        sum(bool(re.match(r"för\s", c, re.IGNORECASE)) for c in r) >= 2 for r in rows) and all(
        len(c.split()) <= 8 for r in rows for c in r)
    if not side_by_side:
        return ["| " + " | ".join(r) + " |" for r in rows]
    columns = [[r[i] for r in rows if r[i]] for i in range(width)]
    return [line for column in columns for line in ("", *column)]


def _docx_marker(paragraph: Any) -> str:
    """`# ` for a heading or title, `- ` for a list item (a list style or Word numbering), else nothing."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    if lowered.startswith(("heading", "title", "rubrik", "titel")):  # built-in names, and Swedish custom ones
        return "# "
    p_pr = paragraph._p.pPr
    if lowered.startswith(("list", "liststycke", "punktlista", "numrerad lista")) or (
            p_pr is not None and p_pr.numPr is not None):
        return "- "
    return ""


def _pdf_reader_lines(reader: Any, name: str) -> tuple[list[str], list[int]]:
    if reader.is_encrypted and not reader.decrypt(""):
        raise IopError("the PDF is encrypted with a password, expected an unencrypted PDF", name, 0, 0)
    if len(reader.pages) > MAX_PAGES:
        raise IopError(f"the PDF has {len(reader.pages)} pages, more than the {MAX_PAGES} an agreement can have",
                       name, 0, 0)
    _bounded_content(reader, name)
    from .pdftext import pdf_lines
    return pdf_lines(reader.pages, MAX_TEXT_CHARS)


def _bounded_content(reader: Any, name: str) -> None:
    """Refuse a PDF whose pages together hold far more drawing instructions than an agreement, before any
    is parsed: pages that all share one huge content stream would each be parsed in full.  A shared stream
    is decoded once, but counted for every page that draws it, as text extraction would work through it."""
    sizes: dict[int, int] = {}
    total = 0
    for number, page in enumerate(reader.pages, 1):
        contents = page.get("/Contents")
        if contents is None:
            continue
        refs = contents if isinstance(contents, list) or type(contents).__name__ == "ArrayObject" else [contents]
        for ref in refs:
            key = getattr(ref, "idnum", None)
            if key is not None and key in sizes:
                size = sizes[key]
            else:
                stream = ref.get_object()
                size = len(stream.get_data()) if hasattr(stream, "get_data") else 0
                if key is not None:
                    sizes[key] = size
            total += size
            if total > MAX_CONTENT_BYTES:
                raise IopError(f"the PDF's pages (up to page {number}) hold more than {MAX_CONTENT_BYTES // 1024 // 1024} "
                               "MB of drawing instructions, more than an agreement; expected one agreement", name, 0, 0)


def _pdf_lines(p: Path, name: str, notes: list[str] | None = None) -> tuple[list[str], list[int]]:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a declared dependency
        raise IopError("reading PDF needs the pypdf package, expected it installed", name, 0, 0) from None
    quiet = logging.getLogger("pypdf")
    quiet.propagate, quiet.handlers = False, [logging.NullHandler()]  # its repair notes are not the user's business
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(str(p))
            lines, units = _pdf_reader_lines(reader, name)
            if not any(re.search(r"\w", line) for line in lines):  # no text layer: a scan, read by OCR if we can
                lines, units = ocr_pdf(reader, name)
                if notes is not None:
                    notes.append("PDF-filen har inget textlager: texten är läst med OCR (Tesseract, svenska); "
                                 "jämför varje värde extra noga med originalet, OCR kan läsa fel siffror och namn")
    except IopError:
        raise
    except Exception as exc:  # pypdf raises many kinds (and a damaged stream some of its own) on a broken file
        raise IopError(f"cannot read the PDF ({type(exc).__name__}: {exc}), expected a valid PDF", name, 0, 0) from None
    if not any(re.search(r"\w", line) for line in lines):
        raise IopError("the PDF has no text layer and OCR found no text in it; expected a text-based PDF or a "
                       "legible scan", name, 0, 0)
    return lines, units


OCR_PACKAGES = ("the PDF has no text layer (a scanned PDF); reading it needs OCR: install Tesseract with Swedish "
                "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-swe) and pytesseract "
                "(pip install 'iop-rules[ocr]'), or run OCR on it first (e.g. ocrmypdf -l swe)")
MAX_OCR_PIXELS = 40_000_000  # an A4 page at 600 dpi is 35 megapixels; a larger image is not a scanned page
OCR_SECONDS_PER_PAGE = 60


def ocr_unavailable() -> str | None:
    """Why OCR cannot run here (what to install), or None when Tesseract with Swedish is installed."""
    try:
        import pytesseract
    except ImportError:
        return OCR_PACKAGES
    try:
        if "swe" not in pytesseract.get_languages(config=""):
            return OCR_PACKAGES
    except Exception:  # the binary is missing or broken
        return OCR_PACKAGES
    return None


def ocr_pdf(reader: Any, name: str) -> tuple[list[str], list[int]]:
    """The text of a scanned PDF, page by page, by Tesseract's Swedish model: each page's images, in order."""
    why = ocr_unavailable()
    if why:
        raise IopError(why, name, 0, 0)
    lines: list[str] = []
    units: list[int] = []
    total = 0
    for number, page in enumerate(reader.pages, 1):
        for image in page.images:
            picture = image.image
            if picture is None:
                continue
            if picture.width * picture.height > MAX_OCR_PIXELS:
                raise IopError(f"page {number} holds an image of {picture.width}x{picture.height} pixels, more than a "
                               "scanned page; expected a scan of an agreement", name, 0, 0)
            import pytesseract  # after the bounds: only a page worth reading pays for the binding
            try:
                text = pytesseract.image_to_string(picture, lang="swe", timeout=OCR_SECONDS_PER_PAGE)
            except RuntimeError:  # pytesseract's timeout
                raise IopError(f"OCR of page {number} took more than {OCR_SECONDS_PER_PAGE} s, expected a "
                               "scan of an agreement", name, 0, 0) from None
            page_lines = ["", *text.replace("\f", "").split("\n")]
            lines.extend(page_lines)
            units.extend([number] * len(page_lines))
            total += len(text)
            if total > MAX_TEXT_CHARS:
                raise IopError("the scanned text is longer than an agreement can be, expected one agreement",
                               name, 0, 0)
    return lines, units
