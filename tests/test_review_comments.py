"""Comments anchored on quoted sentences in a copy of a Word file (iop_rules.review.comments).

Every document is built here with python-docx, commented, saved, and read back twice: with
python-docx (the comments, the text) and as raw XML from the zip (that `word/comments.xml`
exists and which characters `w:commentRangeStart`/`End` enclose).  Every case also proves that
the paragraphs' text is byte-identical before and after.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from docx.text.run import Run
from lxml import etree

from iop_rules.review.comments import add_comment, add_summary_comment, body_text, find_anchor

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraph_texts(document: Document) -> list[str]:
    """python-docx's own reading of the text, independent of the module's: body and table cells."""
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


def commented(path: Path) -> dict[str, str]:
    """For each comment id, the text between its range start and end in the saved document.xml."""
    with zipfile.ZipFile(path) as z:
        assert "word/comments.xml" in z.namelist()
        root = etree.fromstring(z.read("word/document.xml"))
    open_ids: list[str] = []
    out: dict[str, str] = {}
    references = {e.get(W + "id") for e in root.iter(W + "commentReference")}
    for element in root.iter():
        if element.tag == W + "commentRangeStart":
            open_ids.append(element.get(W + "id"))
            out[open_ids[-1]] = ""
        elif element.tag == W + "commentRangeEnd":
            open_ids.remove(element.get(W + "id"))
        elif element.tag == W + "p" and open_ids:
            for i in open_ids:
                out[i] += "\n"
        elif element.tag in (W + "t", W + "tab") and element.getparent().tag == W + "r":
            for i in open_ids:
                out[i] += element.text or "" if element.tag == W + "t" else "\t"
    assert not open_ids, "a comment range was never closed"
    for t in root.iter(W + "t"):  # Word drops a w:t's edge spaces unless told to keep them
        if t.text and t.text != t.text.strip():
            assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve", t.text
    assert references == set(out), "each range has its comment reference"
    return out


def review(document: Document, tmp_path: Path, quotes: list[str], name: str = "copy.docx"
           ) -> tuple[list[list[Run]], Path, Document]:
    """Anchor one comment on each quote, save, read back; the text must not change on the way."""
    before, before_docx = body_text(document), paragraph_texts(document)
    anchors = []
    for n, quote in enumerate(quotes):
        runs = find_anchor(document, quote)
        assert runs is not None, quote
        add_comment(document, runs, f"kommentar {n}")
        anchors.append(runs)
    assert body_text(document) == before
    path = tmp_path / name
    document.save(str(path))
    again = docx.Document(str(path))
    assert body_text(again) == before
    assert paragraph_texts(again) == before_docx
    return anchors, path, again


def rpr(run: Run) -> bytes:
    return etree.tostring(run._r.rPr) if run._r.rPr is not None else b""


def test_quote_inside_one_run_needs_no_split(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph()
    for text in ("Inledning. ", "Avtalet gäller i tre år.", " Därefter upphör det."):
        p.add_run(text)
    (runs,), path, _ = review(document, tmp_path, ["Avtalet gäller i tre år."])
    assert [r.text for r in runs] == ["Avtalet gäller i tre år."]
    assert len(p.runs) == 3 + 1  # the three, and the comment's reference run
    assert commented(path) == {"0": "Avtalet gäller i tre år."}


def test_quote_across_three_runs_with_bold_and_italic_in_the_middle(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("Föreningen ska ")
    middle = p.add_run("årligen")
    middle.bold, middle.italic = True, True
    last = p.add_run(" redovisa verksamheten. Nästa mening.")
    last.font.size = Pt(11)
    (runs,), path, again = review(document, tmp_path, ["Föreningen ska årligen redovisa verksamheten."])
    assert [r.text for r in runs] == ["Föreningen ska ", "årligen", " redovisa verksamheten."]
    assert runs[1].bold and runs[1].italic and not runs[0].bold
    rest = [r for r in again.paragraphs[0].runs if r.text == " Nästa mening."]
    assert len(rest) == 1 and rest[0].font.size == Pt(11) and runs[2].font.size == Pt(11)
    assert commented(path) == {"0": "Föreningen ska årligen redovisa verksamheten."}


def test_quote_starting_and_ending_inside_one_run_splits_it_in_three_alike(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph()
    run = p.add_run("Före. Kommunen betalar 100 000 kronor per år. Efter.")
    run.underline, run.font.size = True, Pt(13)
    original = rpr(run)
    (runs,), path, _ = review(document, tmp_path, ["Kommunen betalar 100 000 kronor per år."])
    assert [r.text for r in runs] == ["Kommunen betalar 100 000 kronor per år."]
    texts = [r.text for r in p.runs if r.text]
    assert texts == ["Före. ", "Kommunen betalar 100 000 kronor per år.", " Efter."]
    assert all(rpr(r) == original for r in p.runs if r.text)  # formatting copied, not lost
    assert commented(path) == {"0": "Kommunen betalar 100 000 kronor per år."}


def test_quote_starting_mid_run_and_ending_mid_another_run(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("Avtalet är tecknat. Kommunen ")
    p.add_run("betalar").bold = True
    p.add_run(" bidraget kvartalsvis.\tSlut.")
    (runs,), path, _ = review(document, tmp_path, ["Kommunen betalar bidraget kvartalsvis."])
    assert [r.text for r in runs] == ["Kommunen ", "betalar", " bidraget kvartalsvis."]
    assert [r.text for r in p.runs if r.text] == [
        "Avtalet är tecknat. ", "Kommunen ", "betalar", " bidraget kvartalsvis.", "\tSlut."]
    assert commented(path) == {"0": "Kommunen betalar bidraget kvartalsvis."}


def test_quote_in_a_signature_table_cell(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Underskrifter")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "För Lunds kommun"
    table.cell(0, 1).text = "För Föreningen Hjärtat"
    table.cell(1, 0).text = "Anna Andersson, ordförande"
    table.cell(1, 1).text = "Bertil Berg, ordförande"
    (runs,), path, again = review(document, tmp_path, ["Bertil Berg"])
    assert runs[0]._r.getparent() is table.cell(1, 1).paragraphs[0]._p
    assert commented(path) == {"0": "Bertil Berg"}
    cell = etree.tostring(again.tables[0].cell(1, 1)._tc).decode()
    assert "commentRangeStart" in cell and "commentRangeEnd" in cell


def test_quote_over_a_cells_lines_is_anchored_first_to_last(tmp_path: Path) -> None:
    """`extract` reads a cell's paragraphs as one line, so a quote may run over them."""
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 1)
    cell.text = "För Föreningen Hjärtat"
    cell.add_paragraph("Bertil Berg")
    _, path, _ = review(document, tmp_path, ["Föreningen Hjärtat Bertil Berg"])
    assert commented(path) == {"0": "Föreningen Hjärtat\nBertil Berg"}


@pytest.mark.parametrize(("shown", "quoted"), [
    ("Bidraget är 50\u00a0000 kronor per år.", "Bidraget är 50 000 kronor per år."),
    ("Perioden är 2024\u20132026 och kallas \u201dIOP Lund\u201d.", 'Perioden är 2024-2026 och kallas "IOP Lund".'),
    ("Parterna\tska\nsamverka  löpande.", "Parterna ska samverka löpande."),
    ("Parterna ska samverka löpande.", "Parterna\u00a0ska  samverka\nlöpande."),
])
def test_whitespace_quotes_and_dashes_match_their_plain_forms(tmp_path: Path, shown: str, quoted: str) -> None:
    document = docx.Document()
    document.add_paragraph("Inledning.")
    document.add_paragraph().add_run(f"Före. {shown} Efter.")
    (runs,), path, _ = review(document, tmp_path, [quoted])
    assert "".join(r.text for r in runs) == shown
    assert list(commented(path).values()) == [shown.replace("\n", "")]  # a w:br holds no text


@pytest.mark.parametrize(("shown", "quoted", "found"), [
    ("Föreningen i Malmo\u0308 är part.", "Föreningen i Malmö är part.", True),  # decomposed ö in Word
    ("Föreningen i Malmö är part.", "Föreningen i Malmo\u0308 är part.", True),
    ("Staden heter Lundå.", "Staden heter Lunda", False),  # not half of the å
])
def test_accents_composed_or_not(tmp_path: Path, shown: str, quoted: str, found: bool) -> None:
    document = docx.Document()
    document.add_paragraph(shown)
    if found:
        _, path, _ = review(document, tmp_path, [quoted])
        assert list(commented(path).values()) == [shown]
    else:
        assert find_anchor(document, quoted) is None


def test_a_split_shares_out_tabs_breaks_and_marks_without_loss(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph()._p.append(parse_xml(
        f'<w:r {nsdecls("w")} w:rsidR="00AB12CD"><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Före. </w:t>'
        '<w:lastRenderedPageBreak/><w:t>Kommunen</w:t><w:tab/><w:t xml:space="preserve">betalar </w:t><w:br/>'
        '<w:t>kvartalsvis. Efter.</w:t></w:r>'))
    paragraph = document.paragraphs[0]._p
    (runs,), path, _ = review(document, tmp_path, ["Kommunen betalar kvartalsvis."])
    assert "".join(r.text for r in runs) == "Kommunen\tbetalar \nkvartalsvis."
    for tag in ("lastRenderedPageBreak", "tab", "br"):
        assert len(paragraph.findall(f"{W}r/{W}{tag}")) == 1, tag
    assert runs[0]._r.find(W + "lastRenderedPageBreak") is not None  # a mark at the cut goes with what follows
    assert all(r.get(W + "rsidR") == "00AB12CD" and r.find(f"{W}rPr/{W}i") is not None
               for r in paragraph.findall(W + "r") if r.find(W + "t") is not None)
    assert list(commented(path).values()) == ["Kommunen\tbetalar kvartalsvis."]


@pytest.mark.parametrize("cut", [" […]", " [...]", "[…]"])
def test_a_cut_quote_matches_the_part_before_the_mark(tmp_path: Path, cut: str) -> None:
    document = docx.Document()
    document.add_paragraph("Föreningen ska bedriva verksamhet för barn och unga i hela kommunen.")
    _, path, _ = review(document, tmp_path, ["Föreningen ska bedriva verksamhet för barn" + cut])
    assert commented(path) == {"0": "Föreningen ska bedriva verksamhet för barn"}
    assert [r.text for r in document.paragraphs[0].runs if r.text] == [
        "Föreningen ska bedriva verksamhet för barn", " och unga i hela kommunen."]


def test_a_quote_not_in_the_document_changes_nothing(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Avtalet gäller i tre år.")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "För Lunds kommun"
    before = etree.tostring(document.element)
    for quote in ("Avtalet gäller i fem år.", "För Malmö stad", "", "  […]", "Avtalet gäller i tre år. Mer"):
        assert find_anchor(document, quote) is None, quote
    assert etree.tostring(document.element) == before
    document.save(str(tmp_path / "same.docx"))
    with zipfile.ZipFile(tmp_path / "same.docx") as z:
        assert "word/comments.xml" not in z.namelist()


def test_the_first_occurrence_is_taken(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Rubrik: ").add_run("Parterna ska samverka.").bold = True
    document.add_paragraph("Igen: Parterna ska samverka.")
    (runs,), _, _ = review(document, tmp_path, ["Parterna ska samverka."])
    assert runs[0]._parent._p is document.paragraphs[0]._p and runs[0].bold


def test_a_quote_within_one_paragraph_wins_over_one_across_two(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Slutet av ett stycke")
    document.add_paragraph("Början. Slutet av ett stycke Början.")
    (runs,), path, _ = review(document, tmp_path, ["Slutet av ett stycke Början."])
    assert runs[0]._parent._p is document.paragraphs[1]._p
    assert commented(path) == {"0": "Slutet av ett stycke Början."}


def test_several_comments_on_one_paragraph_even_overlapping(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Första meningen. Andra meningen. Tredje meningen.")
    quotes = ["Andra meningen.", "Första meningen.", "Tredje meningen.", "meningen. Tredje"]
    _, path, again = review(document, tmp_path, quotes)
    assert commented(path) == {str(n): q for n, q in enumerate(quotes)}
    assert [c.text for c in again.comments] == [f"kommentar {n}" for n in range(4)]


def test_quotes_in_a_content_control_and_in_tracked_changes(tmp_path: Path) -> None:
    document = docx.Document()
    anchor = document.add_paragraph("Parter")
    anchor._p.addnext(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Part"/></w:sdtPr><w:sdtContent><w:p>'
        '<w:r><w:t xml:space="preserve">Föreningen </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Hjärtat</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> är part i avtalet.</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    document.add_paragraph()._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="90" w:author="A" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve">Kommunen betalar </w:t></w:r></w:ins>'))
    document.paragraphs[-1]._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="91" w:author="A" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:delText>inte </w:delText></w:r></w:del>'))
    document.paragraphs[-1].add_run("varje kvartal.")
    assert body_text(document) == "Parter\nFöreningen Hjärtat är part i avtalet.\nKommunen betalar varje kvartal."
    _, path, _ = review(document, tmp_path, ["Hjärtat är part", "betalar varje kvartal"])
    assert commented(path) == {"0": "Hjärtat är part", "1": "betalar varje kvartal"}


def test_summary_comment_covers_the_first_paragraph_with_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("")
    heading = document.add_paragraph("Överenskommelse om ")
    heading.add_run("idéburet offentligt partnerskap").italic = True
    document.add_paragraph("Avtalet gäller i tre år.")
    before = body_text(document)
    add_summary_comment(document, "Granskning enligt 2024 års regler.\nTre brister.", "Granskare", "GR")
    assert body_text(document) == before
    path = tmp_path / "summary.docx"
    document.save(str(path))
    assert commented(path) == {"0": "Överenskommelse om idéburet offentligt partnerskap"}
    (comment,) = docx.Document(str(path)).comments
    assert (comment.author, comment.initials) == ("Granskare", "GR")
    assert [p.text for p in comment.paragraphs] == ["Granskning enligt 2024 års regler.", "Tre brister."]


def test_summary_comment_needs_some_text() -> None:
    document = docx.Document()
    document.add_paragraph("  ")
    with pytest.raises(ValueError):
        add_summary_comment(document, "x", "a", "b")


def test_comment_author_initials_and_paragraphs_read_back(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Föreningen ska lämna en årlig rapport.")
    runs = find_anchor(document, "lämna en årlig rapport")
    assert runs is not None
    add_comment(document, runs, "Regel R3: rapporten saknar datum.\r\nSe 5 §.\x0b")
    add_comment(document, runs, "Egen", author="Kim Reviewer", initials="KR")
    document.save(str(tmp_path / "c.docx"))
    first, second = docx.Document(str(tmp_path / "c.docx")).comments
    assert (first.author, first.initials) == ("iop-rules", "IR")
    assert [p.text for p in first.paragraphs] == ["Regel R3: rapporten saknar datum.", "Se 5 §."]
    assert (second.author, second.initials, second.text) == ("Kim Reviewer", "KR", "Egen")
    assert commented(tmp_path / "c.docx") == {"0": "lämna en årlig rapport", "1": "lämna en årlig rapport"}


def test_add_comment_refuses_no_runs() -> None:
    with pytest.raises(ValueError):
        add_comment(docx.Document(), [], "x")
