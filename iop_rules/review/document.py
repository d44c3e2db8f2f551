"""`iop-rules review`: a draft in, a commented Word copy out.

extract -> check -> one Word comment per failing or unknown rule, anchored on the sentence the
finding quotes, and one summary comment first, at the document's first paragraph: the verdict in
one line, the findings that have no sentence to stand on, and what the draft did not read.  A
Word draft is copied (its text never changes: only comments are added); a PDF or a text draft
becomes a Word document of its own text first, so the reviewer always gets a Word file back.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IopError
from ..results import AgreementReport, Result
from ..render.review import PUBLIC_CONTRACT_RULE, finding_order, fix_text, split_keys, verdict_line, verdict_words
from ..render.review import fix_of as _fix_of
from ..verdicts import is_finding, severity_rank

__all__ = ["review_file", "draft_notes", "comment_text", "summary_text", "verdict_line", "verdict_words",
           "fix_text", "fix_of", "PUBLIC_CONTRACT_RULE"]
#: How `extract` joins two quotes of one value (draft.py); a comment anchors on the first.
QUOTE_JOIN = " … "

WORDS: dict[str, dict[str, Any]] = {
    "sv": {"citation": "Grund", "remediation": "Åtgärd", "fix": "Föreslagen lydelse", "fields": "fält i filen",
           "heading": "Granskning med iop-rules {version}", "rulesets": "Regelverk",
           "unanchored": "Avvikelser utan mening i texten att kommentera:",
           "not_found": "Inte funnet i texten", "conflicts": "Motstridiga uppgifter (inget valt)",
           "notes": "Att kontrollera", "comments": "{n} kommentarer i marginalen",
           "read_as": "Texten lästes som {kind}; kommentarerna står i en Word-kopia av texten."},
    "en": {"citation": "Basis", "remediation": "Remedy", "fix": "Proposed wording", "fields": "fields in the file",
           "heading": "Review by iop-rules {version}", "rulesets": "Rulesets",
           "unanchored": "Findings with no sentence in the text to comment on:",
           "not_found": "Not found in the text", "conflicts": "Conflicting values (none chosen)",
           "notes": "To check", "comments": "{n} comments in the margin",
           "read_as": "The text was read as {kind}; the comments are in a Word copy of the text."},
}


@dataclass
class DraftNotes:
    """What `extract` says at the top of its draft about what it did not read."""

    not_found: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ReviewOutcome:
    output: str
    report: AgreementReport
    verdict_line: str
    anchored: list[Result]
    unanchored: list[Result]


def draft_notes(draft: str) -> DraftNotes:
    """The comment block of an `extract` draft: "inte funnet i texten", "motstridiga uppgifter", notes."""
    out = DraftNotes()
    section: list[str] | None = None
    for line in draft.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        label, _, rest = body.partition(":")
        low = label.casefold()
        if "inte funnet i texten" in low or "hittades inte i texten" in low:
            out.not_found.extend(x.strip() for x in _split_list(rest) if x.strip())
            section = None
        elif "motstridiga uppgifter" in low:
            section = out.conflicts
        elif "att kontrollera" in low:
            section = out.notes
        elif section is not None and line.startswith("#   "):
            section.append(body[2:].strip() if body.startswith("- ") else body)
        else:
            section = None
    return out


def _split_list(text: str) -> list[str]:
    """Split on commas outside parentheses: "organisationsnummer (A, B), budget"."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def findings_in_order(report: AgreementReport) -> list[Result]:
    """Failing and unknown results, as every report orders them: severity, then `finding_order`."""
    return sorted((r for r in report.results if is_finding(r.verdict)),
                  key=lambda r: (severity_rank(r.severity), finding_order(r)))


def fix_of(library: Any, r: Result, lang: str = "sv") -> str | None:
    """The model clause the rule's spec proposes (`fix`), with its source, or None."""
    return _fix_of(r, lang, library)


def comment_text(r: Result, lang: str = "sv", fix: str | None = None) -> str:
    """One comment: verdict and severity in words, rule and title, message, guideline, remedy, wording."""
    words = WORDS[lang]
    message, keys = split_keys(r.message.get(lang, ""))
    remedy, remedy_keys = split_keys(r.remediation.get(lang, ""))  # the file's keys a remedy names join the hint
    keys += [k for k in remedy_keys if k not in keys]
    lines = [f"{verdict_words(r, lang)}: {r.rule} {r.title.get(lang, r.title.get('sv', ''))}",
             _plain(message),
             f"{words['citation']}: {r.citation}",
             f"{words['remediation']}: {_plain(remedy)}"]
    if fix:
        lines.append(f"{words['fix']}: {fix}")
    if keys:
        lines.append(f"({words['fields']}: {', '.join(keys)})")
    return "\n".join(line for line in lines if line.strip())


def _plain(text: str) -> str:
    """A message without Markdown code marks: a Word comment shows `key` as it is typed."""
    return re.sub(r"`([^`]*)`", r"\1", text)


def anchor_quote(source: str | None) -> str | None:
    """The part of a result's quote to anchor on: the first of quotes joined with " … "."""
    if not source:
        return None
    first = source.split(QUOTE_JOIN)[0].strip()
    return first or None


def summary_text(report: AgreementReport, notes: DraftNotes, unanchored: list[Result], anchored: int,
                 lang: str, library: Any, kind: str, version: str) -> str:
    words = WORDS[lang]
    lines = [f"{words['heading'].format(version=version)}: {verdict_line(report, lang)}",
             f"{words['rulesets']}: " + "; ".join(report.rulesets),
             words["comments"].format(n=anchored)]
    if kind != "docx":
        lines.append(words["read_as"].format(kind=kind.upper()))
    if unanchored:
        lines.append(words["unanchored"])
        for r in unanchored:
            lines.append("• " + comment_text(r, lang, fix_of(library, r, lang)).replace("\n", "\n   "))
    if notes.not_found:
        lines.append(f"{words['not_found']}: {', '.join(notes.not_found)}")
    if notes.conflicts:
        lines.append(f"{words['conflicts']}:")
        lines += [f"• {c}" for c in notes.conflicts]
    if notes.notes:
        lines.append(f"{words['notes']}:")
        lines += [f"• {n}" for n in notes.notes]
    return "\n".join(lines)


def default_output(source: str | Path) -> Path:
    p = Path(source)
    return p.with_name(f"{p.stem}-granskad.docx")


def _document_of(path: Path, kind: str) -> Any:
    """A Word document to comment: the draft itself, or one made of the text `extract` reads."""
    import docx
    if kind == "docx":
        try:
            return docx.Document(str(path))
        except Exception as exc:  # python-docx raises many kinds for a damaged file
            raise IopError(f"cannot open the Word file ({exc.__class__.__name__}), expected a .docx", str(path), 0, 0) from None
    from ..extract.read import read_source
    from ..extract.text import build_blocks
    document = docx.Document()
    styles = {s.name for s in document.styles}
    for block in build_blocks(read_source(path).lines):
        if block.heading:
            document.add_heading(block.text, level=2)
        elif block.bullet and "List Bullet" in styles:
            document.add_paragraph(block.text, style="List Bullet")
        else:
            document.add_paragraph(block.text)
    document.core_properties.title = path.stem
    return document


def review_file(source: str | Path, output: str | Path | None = None, *, author: str = "iop-rules",
                lang: str = "sv", force: bool = False, library: Any = None, engine: str | None = None,
                as_of: dt.date | None = None, ruleset: str | None = None) -> ReviewOutcome:
    """Extract, check and write the commented copy; `IopError` for input that cannot be read or written."""
    from .. import __version__
    from ..engine import get_backend
    from ..extract import extract_file
    from ..loader import parse_agreement
    from ..rulesets import load_rulesets
    from ..runner import check_loaded
    from ..safeio import write_atomically
    from .comments import add_comment, add_summary_comment, body_text, find_anchor

    path = Path(source)
    target = Path(output) if output else default_output(path)
    if target.exists() and not force:
        raise IopError("the file already exists, expected a new file name or --force", str(target), 0, 0)
    if path.suffix.lower() not in (".docx", ".pdf", ".txt", ".md", ".markdown"):
        raise IopError(f"cannot review a {path.suffix or 'suffix-less'} file, expected .docx, .pdf, .txt or .md",
                       str(path), 0, 0)
    kind = path.suffix.lower().lstrip(".")
    library = library or load_rulesets()
    if ruleset is not None and ruleset not in library.by_id:
        raise IopError(f"unknown ruleset {ruleset!r}, expected one of: {', '.join(sorted(library.by_id))}", "--ruleset", 0, 0)
    draft = extract_file(path)
    report = check_loaded(parse_agreement(draft, str(path)), library, get_backend(engine), as_of, ruleset)
    findings = findings_in_order(report)

    # A probe copy first, so the summary can say what has no anchor and still be the first comment.
    probe = _document_of(path, kind)
    anchorable = [r for r in findings if (q := anchor_quote(r.source)) and find_anchor(probe, q) is not None]
    unanchored = [r for r in findings if r not in anchorable]

    document = _document_of(path, kind)
    before = body_text(document)
    initials = "IR" if author == "iop-rules" else "".join(w[0] for w in re.split(r"[\s-]+", author) if w)[:3].upper() or "IR"
    add_summary_comment(document, summary_text(report, draft_notes(draft), unanchored, len(anchorable), lang,
                                               library, kind, __version__), author, initials)
    anchored: list[Result] = []
    for r in anchorable:
        runs = find_anchor(document, anchor_quote(r.source) or "")
        if runs is None:  # pragma: no cover - the probe found it in the same text
            unanchored.append(r)
            continue
        add_comment(document, runs, comment_text(r, lang, fix_of(library, r, lang)), author, initials)
        anchored.append(r)
    if body_text(document) != before:  # pragma: no cover - comments.py guarantees it; never ship a changed text
        raise IopError("anchoring comments changed the document's text; nothing written", str(path), 0, 0)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(str(target), buffer.getvalue(), protect=[str(path)])
    return ReviewOutcome(str(target), report, verdict_line(report, lang), anchored, unanchored)
