"""Lines in, blocks and sentences out: the one view of a document every extractor reads.

A block is a paragraph: consecutive non-blank lines joined with spaces,
because a paragraph wraps differently in a .txt, a Word file and a PDF and
the draft must not depend on where a line happened to break.  A list item,
a Markdown heading or a table row always starts a block of its own.
Markdown emphasis, link syntax and bullets are stripped, whitespace is
collapsed, and the text is NFC-normalised, so the quote a draft carries is
the same whichever format the agreement came in.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

MAX_SENTENCE = 1200  # characters; a longer "sentence" is cut, so no pattern ever sees an unbounded string

# Bullets as typed, and as Word and LibreOffice write them into a PDF: the Symbol and Wingdings fonts
# bullets land in Unicode's private use area (U+F0B7, U+F0A7, ...), and a sub-list often uses "o".
_BULLET = re.compile("^\\s*(?:[-*•–·▪●◦■□➢►\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e\uf0a8]|o(?=\\s)|\\d{1,2}[.)])\\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
_SECTION_NUMBER = re.compile(r"^(?:§\s*)?\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\w)")
_QUOTED = re.compile(r"^(?:\s{0,3}>)+ ?")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
_LINK = re.compile(r"\[([^\]\n]{0,300})\]\((?:[^)\s]{0,500})\)")
_HTML = re.compile(r"<[^<>\n]{0,200}>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
# Control characters (a PDF copy is full of them), line breaks YAML knows but a reader does not, and
# what YAML cannot hold at all: none of it is text a quote can keep.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


@dataclass
class Block:
    """One paragraph: its text, the source line it starts on, and how it was marked up."""

    text: str
    line: int
    bullet: bool = False
    heading: bool = False
    sentences: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)  # a table row's cells, as the row divides them

    @property
    def words(self) -> int:
        return len(self.text.split())


def clean(text: str) -> str:
    """One line or paragraph as plain text: no Markdown, no HTML tags or entities (`&nbsp;`), single spaces, NFC."""
    text = UNPRINTABLE.sub(" ", unicodedata.normalize("NFC", html.unescape(text)).translate(_INVISIBLE))
    text = _LINK.sub(r"\1", text)
    text = _HTML.sub(" ", text)
    text = _ESCAPE.sub(r"\1", text)
    text = text.replace("*", "")
    return " ".join(text.split())


def build_blocks(lines: list[str]) -> list[Block]:
    """Paragraphs from lines: a blank line ends one; a bullet, heading or table row starts one."""
    lines = [_QUOTED.sub("", line) for line in lines]  # an e-mail's quoted reply ("> PARTER", ">> Hej!") is read as its text
    short = _short_line(lines)
    blocks: list[Block] = []
    parts: list[str] = []
    start = 0
    bullet = heading = False
    cells: list[str] = []

    def flush() -> None:
        nonlocal parts, bullet, heading, cells
        text = clean(_join_lines(parts))
        if heading:  # "8. Kontaktpersoner", "§ 3 Avtalstid": the section's name is what the text means
            text = _SECTION_NUMBER.sub("", text)
        if text and not _RULE.match(text):
            blocks.append(Block(text, start, bullet, heading, cells=cells))
        parts, bullet, heading, cells = [], False, False, []

    for number, raw in _columns_read_apart(lines):
        line = raw.replace("\t", " \t ").rstrip()
        if not line.strip() or _RULE.match(line):
            flush()
            continue
        is_heading = bool(_HEADING.match(line)) and line.lstrip().startswith("#")
        is_bullet = bool(_BULLET.match(line)) and not _RULE.match(line)
        is_row = line.lstrip().startswith("|")
        # a table copied with tabs between its cells is a table too ("Part<TAB>Namn<TAB>Befattning")
        tab_row = not is_row and "\t" in raw and sum(bool(c.strip()) for c in raw.split("\t")) >= 2
        # ... and one exported with " | " between its cells and none at the ends ("Offentlig part | Idéburen part")
        is_row = is_row or (not tab_row and not is_heading and bool(_INNER_PIPE.search(line)))
        # ... and one laid out with runs of spaces, figures in its columns ("Handledning       90       90      180")
        spaced = [] if is_row or tab_row or is_heading else _figure_columns(raw)
        tab_row = tab_row or bool(spaced)
        label = bool(parts) and bool(_LABEL_LINE.fullmatch(line.strip()))  # "Församlingen:" over its own list
        # "Lokalhyra ........ 120 000:-": a line of a list set with dot leaders, each its own
        label = label or bool(_LEADER_LINE.fullmatch(line.strip())) or bool(parts and _LEADER_LINE.fullmatch(parts[-1].strip()))
        # "Lokalhyra Tibble träffpunkt          48 000": a label and its figure set apart by spaces, a budget's line, each its own
        label = label or bool(_SPACED_AMOUNT.fullmatch(line.strip())) or bool(parts and _SPACED_AMOUNT.fullmatch(parts[-1].strip()))
        label = label or bool(parts and _SUBCLAUSE.match(line))  # "5.4 Budget per år": a numbered clause starts anew
        # "Kostnaderna beräknas enligt följande:" over "Samordnare 50 %     260 000 kr": the lines it introduces are their own
        label = label or bool(parts and parts[-1].rstrip().endswith(":") and _AMOUNT_END.search(line))
        if is_heading or is_bullet or is_row or tab_row or heading or label or (parts and _ends_paragraph(parts[-1], line, short)):
            flush()
        if not parts:
            start = number
        if is_heading:
            line = _HEADING.sub("", line)
            heading = True
        elif is_bullet:
            line = _BULLET.sub("", line, count=1)
            bullet = True
        elif is_row:
            cells = [clean(cell) for cell in line.strip().strip("|").split("|")]
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        elif tab_row:
            cells = spaced or [clean(cell) for cell in raw.strip().split("\t")]
            line = " ".join(cell for cell in cells if cell)
        parts.append(line)
    flush()
    return [piece for b in blocks for piece in _bounded(b)]


_FIGURE_CELL = re.compile(r"(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,\d{1,2})?(?:\s*(?:kr|kronor|tkr|:-))?|[-–]")


def _figure_columns(raw: str) -> list[str]:
    """The cells of a line set in columns by runs of three or more spaces, three cells at least and figures
    in two of them (a budget or a table of years); none for any other line."""
    if "  " not in raw or len(raw) > 300:
        return []
    cells = [clean(c) for c in re.split(r" {3,}|\t+", raw.strip())]
    figures = sum(bool(_FIGURE_CELL.fullmatch(c)) for c in cells[1:])
    return cells if len(cells) >= 3 and figures >= 2 else []


_SUBCLAUSE = re.compile(r"\s*(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?|§\s*\d{1,2})\s+[A-ZÅÄÖ]")
_LEADER_LINE = re.compile(r"[^.\s].{0,80}?\s*[.…_]{4,}\s*\d[\d \u00a0.,]*\s*(?:kr|kronor|sek|:-|tkr)?\.?")
_SPACED_AMOUNT = re.compile(r"[^\s\d].{0,100}?\S(?: {3,}| \t )\s*\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d{1,2})?\s*(?:kr|kronor|tkr|:-)?\.?")
_AMOUNT_END = re.compile(r"\s\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d{1,2})?\s*(?:kr|kronor|tkr|:-)?\.?$")
_LABEL_LINE = re.compile(r"[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?: [\wåäöÅÄÖ-]+){0,3}:")
_INNER_PIPE = re.compile(r"\S {1,40}\| {1,40}\S")  # "Anna Berg, ordförande          | Bo Ek, ordförande": columns padded
_GAP = re.compile(r"\S(?P<gap> {3,}|\t+)(?=\S)")
_PERSON_CELL = re.compile(r"[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?(?: [A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?){1,2}")
_SIGNATURE_CELL = re.compile(r"^(?:för\s|_{3,}|\.{3,}|…{2,})|\b(?:19|20)\d\d\b|\.{5,}|_{5,}|…{3,}", re.IGNORECASE)


def _cells(line: str) -> list[tuple[int, str]]:
    """A line as the cells set apart on it by three or more spaces (or a tab): (column, text)."""
    out, start = [], len(line) - len(line.lstrip())
    for m in _GAP.finditer(line):
        out.append((start, line[start:m.start("gap")].strip()))
        start = m.end("gap")
    if line.strip():
        out.append((start, line[start:].strip()))
    return out


def _same_label(row: list[tuple[int, str]]) -> bool:
    """Both cells open with the same caption ("Namn: Anna Berg" beside "Namn: Bo Ek", "Ort och datum:" twice): a form's
    two columns, however far a long name pushed the second one."""
    heads = [c.split(":", 1)[0] for _, c in row if ":" in c]
    return len(heads) == 2 and heads[0] == heads[1] and len(heads[0].split()) <= 3


def _columns_read_apart(lines: list[str]) -> list[tuple[int, str]]:
    """Signatures typed side by side in a text ("Visby 2025-01-27        Visby 2025-01-29", then the
    parties, then the names) are read a column at a time, each cell a paragraph of its own, as Word and
    PDF copies are: otherwise a name of one party runs into the other's.  Only a run of two-cell lines
    with a signature's marks in both cells (a date, "För …", a line to sign on) is read so, never a
    label and its value ("Avtalstid:      2025-02-01") or a budget line."""
    out: list[tuple[int, str]] = []
    i, n = 0, len(lines)
    while i < n:
        cells = _cells(lines[i]) if len(lines[i]) <= 300 else []
        if len(cells) != 2 or cells[0][1].endswith(":") or "|" in lines[i] or "\t" in lines[i]:  # a tab's line is a table row
            out.append((i + 1, lines[i]))
            i += 1
            continue
        x = cells[1][0]
        run: list[tuple[int, list[tuple[int, str]]]] = []
        j = i
        while j < n and len(lines[j]) <= 300:
            if "\t" in lines[j]:
                break
            row = _cells(lines[j])
            if _RULE.match(lines[j]) or (len(row) == 1 and re.search(r"\w[.!?]$", row[0][1]) and len(row[0][1].split()) >= 4):
                break  # a rule, or a sentence: what follows the signatures (the e-mail they were quoted in goes on)
            if not row:  # a blank line inside the block
                run.append((j, []))
            elif len(row) == 2 and (abs(row[1][0] - x) <= 6 or _same_label(row)) and (not row[0][1].endswith(":") or _same_label(row)) \
                    and all(len(c.split()) <= 8 for _, c in row):
                run.append((j, row))
            elif len(row) == 1 and len(row[0][1].split()) <= 8 and len(run) > 0 and not _HEADING_WORDS.match(row[0][1]):
                run.append((j, row))  # a one-cell line under a pair, but not the next section's heading ("Underskrifter")
            else:
                break
            j += 1
        while run and not run[-1][1]:
            run.pop()
        two = [row for _, row in run if len(row) == 2]
        marked = any(_SIGNATURE_CELL.search(a) and _SIGNATURE_CELL.search(b) for (_, a), (_, b) in two) or any(
            _PERSON_CELL.fullmatch(a) and _PERSON_CELL.fullmatch(b) for (_, a), (_, b) in two)
        if len(two) < 2 or not marked:
            out.append((i + 1, lines[i]))
            i += 1
            continue
        for side in (0, 1):
            for k, row in run:
                cell = next((c for col, c in row if (col >= x - 6) == bool(side)), None) if row else None
                if cell and not re.fullmatch(r"[_.\s]+", cell):
                    out.extend([(k + 1, ""), (k + 1, cell)])
            out.append((run[-1][0] + 1, ""))
        i = run[-1][0] + 1
    return out


MAX_BLOCK = 8000  # characters; agreements' paragraphs are a few hundred


def _bounded(block: Block) -> list[Block]:
    """The block with its sentences, or, when it is longer than any paragraph of an agreement, cut
    into paragraph-sized runs of whole sentences: no extractor then works on more than MAX_BLOCK
    characters at a time, so none can turn quadratic on a pathological text."""
    sentences = split_sentences(block.text)
    if len(block.text) <= MAX_BLOCK:
        block.sentences = sentences
        return [block]
    pieces: list[Block] = []
    run: list[str] = []
    for sentence in [*sentences, ""]:
        if run and (not sentence or sum(map(len, run)) + len(sentence) > MAX_BLOCK):
            pieces.append(Block(" ".join(run), block.line, block.bullet, block.heading, run, block.cells))
            run = []
        if sentence:
            run.append(sentence)
    return pieces


# ":-" closes an amount ("Arvoden 120 000:-"): a line that ends so does not run on
_RUNS_ON = re.compile(r"(?:[,;:(–]|(?<!:)-|\b(?:och|eller|samt|i|för|med|av|till|den|det|en|ett|om|på))$", re.IGNORECASE)


# A line that ends in a hyphen may have been broken at one: "2021-06-" + "30." is a date and "IOP-" +
# "avtalet" one word, but "Lund 2021-" + "För …" is a date left incomplete and "arbetsmarknads-" +
# "och socialnämnden" keeps its space.
_DIGIT_BREAK = re.compile(r"\d-$")
_WORD_BREAK = re.compile(r"[^\W\d_]-$")
_KEEPS_SPACE = re.compile(r"(?:och|eller|samt|till|resp)\b")


def _broken_at_hyphen(before: str, after: str) -> bool:
    before, after = before.rstrip(), after.lstrip()
    if _DIGIT_BREAK.search(before):
        return after[:1].isdigit()
    return bool(_WORD_BREAK.search(before)) and after[:1].islower() and not _KEEPS_SPACE.match(after)


def _join_lines(parts: list[str]) -> str:
    out: list[str] = []
    for part in parts:
        if out and _broken_at_hyphen(out[-1], part):
            out[-1] = out[-1].rstrip() + part.lstrip()
        else:
            out.append(part)
    return " ".join(out)


_OWN_LINE = re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:tel\.?:?\s*)?(?:\+46|0)[\d\s-]{6,16}\d")


def _short_line(lines: list[str]) -> int:
    """Lines shorter than this end a paragraph: well short of the text's usual full line (its 90th
    percentile), whether lines were wrapped at 45 characters (a PDF column), at 72, or not at all."""
    lengths = sorted(len(line.strip()) for line in lines[:20000] if line.strip())
    return max(20, int(0.6 * lengths[len(lengths) * 9 // 10])) if lengths else 20


def _ends_paragraph(previous: str, line: str, short: int) -> bool:
    """A short line that does not run on, then one that starts anew, is two paragraphs, not one wrapped:
    a heading over its text, or the lines of an address or a signature, where a copy has no blank lines."""
    if len(previous.strip()) >= short:  # as laid out: markup a copy carries (an HTML tag) still took the room
        return False
    if _OWN_LINE.fullmatch(line.strip()):  # an address block's e-mail or phone stands on a line of its own
        return True
    return not _RUNS_ON.search(clean(previous)) and bool(re.match(r"[*_\s]*[A-ZÅÄÖÉ0-9]", line))


# A sentence ends at . ! or ? followed by a space and a capital letter, a digit or a quote.
# "bl.a. har", "t.ex. en" go on: the next word is lower case.  "§ 16. Kommunen" ends.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'”»(]?[A-ZÅÄÖÉÜ0-9])")
_ABBREV = re.compile(r"(?:\b(?:bl\.a|t\.ex|m\.fl|m\.m|s\.k|fr\.o\.m|t\.o\.m|p\.g\.a|d\.v\.s|resp|ca|kl|nr|tel|jfr|st|ev"
                     r"|min|max|inkl|exkl|dvs|fr\.o\.m|ggr)\.)$",
                     re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    pending = ""
    for piece in _SENTENCE_END.split(text):
        pending = f"{pending} {piece}" if pending else piece
        if _ABBREV.search(pending):
            continue
        out.extend(_cut(pending))
        pending = ""
    if pending:
        out.extend(_cut(pending))
    return out


def _cut(sentence: str) -> list[str]:
    if len(sentence) <= MAX_SENTENCE:
        return [sentence]
    return [sentence[i:i + MAX_SENTENCE] for i in range(0, len(sentence), MAX_SENTENCE)]


_HEADING_WORDS = re.compile(
    r"^(?:bakgrund|syfte|mål|målgrupp|partners|parter|avtalsparter|period|avtalstid|giltighet|ekonomi|budget|finansiering|"
    r"ekonomiska villkor|betalning|uppföljning|styrning|samverkan|kontakt|underskrift|omförhandling|tvist|"
    r"förlängning|värdegrund|lärande|parternas|överenskommelsens|utveckling|handlingar|bilaga)", re.IGNORECASE)


def is_heading(block: Block) -> bool:
    """A section title: marked as one, or short, unpunctuated and starting with a section word."""
    if block.heading:
        return True
    text = block.text.rstrip(":")
    return block.words <= 7 and not re.search(r"[.,;!?]$", text) and bool(_HEADING_WORDS.match(text))


def sentence_of(block: Block, pos: int) -> str:
    """The sentence of `block` that holds character `pos` of its text."""
    seen = 0
    for s in block.sentences:
        found = block.text.find(s, seen)
        if found <= pos < found + len(s) + 1:
            return s
        seen = found + len(s) if found >= 0 else seen
    return block.text[:MAX_SENTENCE]
