"""`iop-rules review`: a draft in, a Word copy with the findings as comments out.

Each shipped agreement text is made into a Word file the way a reviewer receives one (headings,
lists, the signatures in a two-column table), reviewed through the CLI, and read back: one
comment per failing or unknown rule, anchored on its quoted sentence where the finding has one,
the summary first, and the document's text byte-identical to the input's.  The oracle for which
rules are findings is `extract` + `check --format json` run separately through the CLI.
"""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest

from iop_rules.render.review import split_keys
from iop_rules.review.comments import body_text
from iop_rules.review.document import (DraftNotes, comment_text, draft_notes, fix_of, fix_text, summary_text,
                                       verdict_line, verdict_words)
from tests.conftest import AGREEMENTS, ROOT, run_cli
from tests.documents import _plain, add_item, items, to_pdf
from tests.test_review_comments import commented, paragraph_texts

TEXTS = sorted(AGREEMENTS.glob("*.txt"))


def _signature_section(found: list) -> tuple[int, int]:  # type: ignore[type-arg]
    """Where the signature blocks are: after an "Underskrifter" heading, else the last run of short lines."""
    last = len(found)
    for i in range(len(found) - 1, max(-1, len(found) - 20), -1):
        if found[i].lines[0].strip(" #*:").casefold() == "underskrifter":
            start = i + 1
            while start < last and len(" ".join(found[start].lines)) > 80:
                start += 1
            return start, last
    best = (last, last)
    i = max(0, last - 15)
    while i < last:
        j = i
        while j < last and found[j].kind == "paragraph" and len(" ".join(found[j].lines)) <= 40:
            j += 1
        if j - i >= 2 and j - i > best[1] - best[0]:
            best = (i, j)
        i = max(j, i + 1)
    return best


def word_copy(text: str, path: Path) -> Path:
    """The text as a reviewer's Word file: Word headings and lists, and the signature blocks in a
    two-column table (the first party's lines left, the other's right), as municipal templates do."""
    document = docx.Document()
    found = items(text)
    start, end = _signature_section(found)

    for item in found[:start]:
        add_item(document, item)
    signatures = ["\n".join(_plain(x) for x in item.lines) for item in found[start:end]]
    if signatures:
        first_word = signatures[0].split()[0] if signatures[0].split() else ""
        again = next((k for k in range(1, len(signatures)) if signatures[k].split()[:1] == [first_word]), None)
        half = again or (len(signatures) + 1) // 2
        table = document.add_table(rows=1, cols=2)
        for cell, part in zip(table.rows[0].cells, (signatures[:half], signatures[half:])):
            cell.paragraphs[0].text = part[0] if part else ""
            for line in part[1:]:
                cell.add_paragraph(line)
    for item in found[end:]:
        add_item(document, item)
    document.save(str(path))
    return path


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for a, b in (("\u2013", "-"), ("\u2014", "-"), ("\u201d", '"'), ("\u201c", '"'), ("\u2019", "'")):
        text = text.replace(a, b)
    return " ".join(text.split())


def _bare(text: str) -> str:
    """The characters, without whitespace (the read-back skips line breaks inside a paragraph)."""
    return "".join(_norm(text).split())


def _findings(source: Path, tmp_path: Path) -> list[dict]:
    """The oracle: extract and check through the CLI, the failing and unknown results."""
    draft = tmp_path / f"{source.stem}-oracle.yaml"
    assert run_cli("extract", str(source), "-o", str(draft)).code == 0
    out = run_cli("check", str(draft), "--format", "json", "--exit-zero")
    assert out.code == 0, out.err
    results = json.loads(out.out)["agreements"][0]["results"]
    return [r for r in results if r["verdict"] in ("fail", "unknown")]


def _review(source: Path, *extra: str) -> tuple[Path, docx.document.Document]:
    out = run_cli("review", str(source), *extra)
    assert out.code == 0, out.err
    target = Path(out.out.split(": ")[0])
    assert target.exists()
    return target, docx.Document(str(target))


def _check_review(source: Path, target: Path, reviewed, findings: list[dict]) -> None:  # type: ignore[no-untyped-def]
    comments = list(reviewed.comments)
    ranges = commented(target)
    summary = comments[0]
    assert summary.text.startswith("Granskning med iop-rules")
    first_paragraph = next(p.text for p in reviewed.paragraphs if p.text.strip())
    assert _bare(ranges[str(summary.comment_id)]) == _bare(first_paragraph)
    by_rule = {}
    for c in comments[1:]:
        rule = re.search(r": ([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+) ", c.text.split("\n")[0]).group(1)
        assert rule not in by_rule, f"two comments for {rule}"
        by_rule[rule] = c
    for f in findings:
        if f["rule"] in by_rule:
            c = by_rule[f["rule"]]
            quote = f["source"].split(" … ")[0]
            assert _bare(ranges[str(c.comment_id)]) == _bare(quote.removesuffix(" […]")), (f["rule"], quote)
            assert f["title"] in c.text and f["citation"] in c.text
        else:  # no sentence to stand on: named, with its remedy, in the summary
            remedy, keys = split_keys(f["remediation"])  # the words in the text, the file's keys in the hint
            assert f["rule"] in summary.text and f"Åtgärd: {remedy}" in summary.text
            assert all(k in summary.text for k in keys) and (not keys or f["remediation"] not in summary.text)
    assert set(by_rule) <= {f["rule"] for f in findings}
    # every finding whose quote is in the document has a comment of its own on it
    text = _norm(body_text(reviewed))
    for f in findings:
        if f.get("source") and _norm(f["source"].split(" … ")[0].removesuffix(" […]")) in text:
            assert f["rule"] in by_rule, f["rule"]


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_review_of_a_word_copy_of_each_shipped_agreement(text: Path, tmp_path: Path) -> None:
    source = word_copy(text.read_text(encoding="utf-8"), tmp_path / f"{text.stem}.docx")
    original = docx.Document(str(source))
    before, before_cells = body_text(original), paragraph_texts(original)
    assert original.tables, "the copy has its signature table"
    findings = _findings(source, tmp_path)
    target, reviewed = _review(source)
    assert target == tmp_path / f"{text.stem}-granskad.docx"
    assert body_text(reviewed) == before and paragraph_texts(reviewed) == before_cells
    assert len(list(reviewed.comments)) >= 1
    _check_review(source, target, reviewed, findings)
    anchored = len(list(reviewed.comments)) - 1
    assert anchored >= 1 or not any(f.get("source") for f in findings)
    assert all(c.author == "iop-rules" and c.initials == "IR" for c in reviewed.comments)


def test_a_text_and_a_pdf_give_a_reviewed_word_file(tmp_path: Path) -> None:
    text = AGREEMENTS / "ostersund-hej-framling-2019.txt"
    txt = tmp_path / text.name
    shutil.copy(text, txt)
    pdf = to_pdf(text.read_text(encoding="utf-8"), tmp_path / "hej-framling-pdf.pdf")
    for source in (txt, pdf):
        findings = _findings(source, tmp_path)
        target, reviewed = _review(source)
        assert target.suffix == ".docx" and target.parent == tmp_path
        assert "som PDF" in list(reviewed.comments)[0].text or "som TXT" in list(reviewed.comments)[0].text
        _check_review(source, target, reviewed, findings)
        assert len(list(reviewed.comments)) > 1


def test_refuses_to_overwrite_without_force_and_names_options(tmp_path: Path) -> None:
    source = word_copy((AGREEMENTS / "lund-vanskapens-hus-2021.txt").read_text(encoding="utf-8"), tmp_path / "d.docx")
    target = tmp_path / "ut.docx"
    target.write_bytes(b"keep")
    out = run_cli("review", str(source), "-o", str(target))
    assert out.code == 2 and "--force" in out.err and out.err.count("\n") == 1
    assert target.read_bytes() == b"keep"
    _, reviewed = _review(source, "-o", str(target), "--force", "--author", "Anna Jurist", "--lang", "en")
    assert all(c.author == "Anna Jurist" and c.initials == "AJ" for c in reviewed.comments)
    assert list(reviewed.comments)[0].text.startswith("Review by iop-rules")
    assert any(c.text.startswith(("Failed — ", "Cannot be decided — ")) for c in reviewed.comments)
    assert not list(tmp_path.glob(".iop-rules-*")), "no temporary file left behind"


def test_the_source_is_never_written_over(tmp_path: Path) -> None:
    source = word_copy((AGREEMENTS / "lund-im-radrum-2019.txt").read_text(encoding="utf-8"), tmp_path / "d.docx")
    data = source.read_bytes()
    out = run_cli("review", str(source), "-o", str(source), "--force")
    assert out.code == 2 and source.read_bytes() == data


@pytest.mark.parametrize("bad", ["x.odt", "missing.docx", "broken.docx", "empty.txt"])
def test_unreadable_drafts_are_one_line_and_exit_2(tmp_path: Path, bad: str) -> None:
    path = tmp_path / bad
    if bad != "missing.docx":
        path.write_bytes(b"PK\x03\x04 not a zip" if bad == "broken.docx" else b"")
    out = run_cli("review", str(path))
    assert out.code == 2, out
    assert out.err.count("\n") == 1 and "Traceback" not in out.err
    assert not list(tmp_path.glob("*-granskad.docx"))


def test_summary_names_what_the_draft_did_not_read(tmp_path: Path) -> None:
    source = word_copy((AGREEMENTS / "danderyd-kompisbyran-2018.txt").read_text(encoding="utf-8"), tmp_path / "d.docx")
    _, reviewed = _review(source)
    summary = list(reviewed.comments)[0].text
    assert "Inte funnet i texten: " in summary and "uppsägningstid" in summary
    assert "Att kontrollera:" in summary and "våren 2019" in summary
    assert summary.split("\n")[0].endswith(("okända", "okänd"))


def test_draft_notes_reads_the_comment_block() -> None:
    draft = ("# yaml-language-server: $schema=../agreement.schema.json\n"
             "# Utkast från `iop-rules extract`: granska varje värde mot källtexten innan filen används.\n"
             "# inte funnet i texten: organisationsnummer (A, B), budget (rader och total), uppsägningstid\n"
             "# motstridiga uppgifter (inget valt, välj själv):\n"
             '#   period: 2019-01-01–2019-12-31 ("a") eller 2019-02-01–2019-12-31 ("b")\n'
             "# att kontrollera:\n#   - en årstid\n#   - ett orgnr\nid: x\n# inte funnet i texten: not read\n")
    notes = draft_notes(draft)
    assert notes.not_found == ["organisationsnummer (A, B)", "budget (rader och total)", "uppsägningstid"]
    assert notes.conflicts == ['period: 2019-01-01–2019-12-31 ("a") eller 2019-02-01–2019-12-31 ("b")']
    assert notes.notes == ["en årstid", "ett orgnr"]
    assert draft_notes("# hittades inte i texten: x, y\nid: a\n").not_found == ["x", "y"]


def _report():  # type: ignore[no-untyped-def]
    from iop_rules.runner import check
    return check([AGREEMENTS / "ostersund-hej-framling-2019.yaml"], engine="python").agreements[0]


def test_verdict_line_counts_and_public_contract() -> None:
    report = _report()
    line = verdict_line(report)
    assert re.fullmatch(r"(\d+ (fel|varningar?|upplysning(ar)?|okända?)(, |$))+", line), line
    lou = dataclasses.replace(report.results[0], rule="IOP-LOU-01", verdict="fail", severity="error")
    flagged = dataclasses.replace(report, results=(*report.results, lou))
    assert verdict_line(flagged).endswith(" — sannolikt ett offentligt kontrakt")
    assert verdict_line(flagged, "en").endswith(" — probably a public contract")
    clean = dataclasses.replace(report, results=tuple(r for r in report.results if r.verdict == "pass"))
    assert verdict_line(clean) == "Inga avvikelser"


def test_a_remedy_names_the_thing_in_words_and_the_file_key_in_the_hint() -> None:
    r = next(x for x in _report().results if x.verdict == "fail")
    r = dataclasses.replace(r, remediation={"sv": "Ange hur bidraget betalas ut. [payment.dates, payment]", "en": "x"})
    lines = comment_text(r, "sv").split("\n")
    assert "Åtgärd: Ange hur bidraget betalas ut." in lines
    assert lines[-1].startswith("(fält i filen: ") and lines[-1].endswith("payment.dates, payment)")
    assert not any("[payment" in line for line in lines)


def test_comment_words_and_proposed_wording() -> None:
    r = next(x for x in _report().results if x.verdict == "fail")
    assert verdict_words(r) in ("Underkänd — fel", "Underkänd — varning", "Underkänd — upplysning")
    text = comment_text(r, "sv", fix_text({"sv": "Uppsägningstiden är sex månader.", "source": "SKR:s mall"}))
    lines = text.split("\n")
    assert lines[0] == f"{verdict_words(r)}: {r.rule} {r.title['sv']}"
    assert f"Grund: {r.citation}" in lines and lines[-1] == "Föreslagen lydelse: Uppsägningstiden är sex månader. (källa: SKR:s mall)"
    assert "`" not in text
    assert fix_text(None) is None and fix_text("Klausul.") == "Klausul."
    assert fix_text({"text": {"sv": "A", "en": "B"}, "source": "S"}, "en") == "B (source: S)"

    import dataclasses
    fixed = dataclasses.replace(r, fix={"sv": "Tvist avgörs i allmän domstol.", "en": "Disputes go to court.",
                                        "source": "SKR 2017"})
    assert fix_of(None, fixed) == "Tvist avgörs i allmän domstol. (källa: SKR 2017)"  # the result carries its clause
    assert fix_of(None, dataclasses.replace(r, fix=None)) is None


def test_summary_puts_unanchored_findings_with_their_remedy() -> None:
    report = _report()
    loose = [r for r in report.results if r.verdict == "fail"][:2]
    text = summary_text(report, DraftNotes(["styrgrupp"], ["x eller y"], ["en årstid"]), loose, 3, "sv", None, "pdf", "0.1.0")
    assert text.startswith("Granskning med iop-rules 0.1.0: ")
    for r in loose:
        assert r.rule in text and split_keys(r.remediation["sv"])[0] in text
    assert "Inte funnet i texten: styrgrupp" in text and "• x eller y" in text and "• en årstid" in text


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")


@pytest.mark.skipif(SOFFICE is None or PDFTOPPM is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and poppler (pdftoppm, pdftotext) not installed")
def test_reviewed_document_renders_in_libreoffice(tmp_path: Path) -> None:
    """Convert the reviewed copy to PDF with its comments in the margin, and keep page one for the README."""
    source = word_copy((AGREEMENTS / "ostersund-hej-framling-2019.txt").read_text(encoding="utf-8"),
                       tmp_path / "hej-framling.docx")
    target, _ = _review(source)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}',
                    "--outdir", str(tmp_path), str(target)], capture_output=True, timeout=180, check=False)
    pdf = target.with_suffix(".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000
    ranges = commented(target)
    reviewed = docx.Document(str(target))
    comments = list(reviewed.comments)

    def page_text(n: int) -> str:
        return subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                              text=True, timeout=60).stdout

    def on(text: str) -> list:  # type: ignore[type-arg]
        return [c for c in comments if _bare(ranges[str(c.comment_id)])[:40] and
                _bare(ranges[str(c.comment_id)])[:40] in _bare(text)]
    pages = [page_text(n) for n in range(1, 30)]
    pages = [p for p in pages if p.strip()]
    assert on(pages[0]) and on(pages[0])[0].comment_id == 0, "the summary comment stands on the first page"
    best = max(range(len(pages)), key=lambda i: (len([c for c in on(pages[i]) if c.comment_id != 0]), -i))
    subprocess.run([PDFTOPPM, "-png", "-r", "80", "-f", str(best + 1), "-l", str(best + 1), "-singlefile", str(pdf),
                    str(tmp_path / "page")], capture_output=True, timeout=120, check=True)
    png = tmp_path / "page.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    example = _with_margin(png, [c.text for c in on(pages[best])], tmp_path / "example.png")
    docs = ROOT / "docs" / "review-example.png"
    if not docs.exists() or docs.read_bytes() != example.read_bytes():
        shutil.copy(example, docs)


def _with_margin(page: Path, comments: list[str], out: Path) -> Path:
    """The page as LibreOffice 7.4 renders it (it cannot put comments in the margin of a PDF), with the
    comments anchored on it set in a margin beside it, as Word shows them."""
    import textwrap
    from PIL import Image, ImageDraw, ImageFont
    image = Image.open(page).convert("RGB")
    width = 420
    canvas = Image.new("RGB", (image.width + width, image.height), "#f3f3f3")
    canvas.paste(image, (0, 0))
    draw = ImageDraw.Draw(canvas)
    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 11)
        bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 11)
    except OSError:
        font = bold = ImageFont.load_default()
    y = 20
    for text in comments:
        lines = [w for para in text.split("\n") for w in (textwrap.wrap(para, 62) or [""])][:24]
        height = 22 + 14 * len(lines)
        if y + height > image.height - 10:
            break
        box = (image.width + 12, y, image.width + width - 12, y + height)
        draw.rectangle(box, fill="white", outline="#c0504d")
        draw.text((box[0] + 8, y + 5), "iop-rules", font=bold, fill="#c0504d")
        for i, line in enumerate(lines):
            draw.text((box[0] + 8, y + 20 + 14 * i), line, font=font, fill="#222222")
        y += height + 10
    canvas.save(out, optimize=True)
    return out
