"""`iop-rules extract` on agreements written in other styles than the five, and on how Word and PDF lay text out."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from iop_rules.extract import extract_file, extract_lines
from iop_rules.extract.text import build_blocks
from iop_rules.loader import parse_agreement

from .conftest import AGREEMENTS, DATA, DRAFT_PLACE
from .documents import to_docx, to_pdf

GOTLAND = """Överenskommelse om idéburet offentligt partnerskap

Detta IOP är upprättat mellan Region Gotland och Föreningen Solvik.

Föreningen Solvik, organisationsnummer 802496-6080, är en ideell förening utan vinstintressen.

Överenskommelsen gäller fr.o.m. 1 april 2019 t.o.m. den 31 mars 2021.

Region Gotland bidrar med 1,3 miljoner kronor per år.

Finansieringen betalas ut vid fyra (4) tillfällen per år.

Föreningen ska lämna en delrapport senast sista augusti 2019 och en slutrapport senast 2021-02-28.

Parterna ska senast 2020-06-30 göra en översyn av överenskommelsen.

Uppsägningstiden är tre (3) månader.

Om föreningen inte fullgör sina åtaganden är den återbetalningsskyldig.

Tvister ska i första hand lösas genom dialog.
"""


def test_a_new_agreement_in_other_words() -> None:
    draft = extract_lines(GOTLAND.splitlines(), "gotland")
    a = parse_agreement(draft, "gotland.yaml").agreement
    assert [(p.role, p.name, p.org_number, p.non_profit) for p in a.parties] == [
        ("public", "Region Gotland", None, None), ("idea_based", "Föreningen Solvik", "802496-6080", True)]
    assert (a.period.start.isoformat(), a.period.end.isoformat()) == ("2019-04-01", "2021-03-31")
    assert [(f.payer, f.kind, f.amount, f.per) for f in a.funding] == [("region-gotland", "cash", 1_300_000, "year")]
    assert a.payment.installments_per_year == 4
    assert [(r.due.isoformat(), r.kind) for r in a.follow_up.reports] == [("2019-08-31", "interim"),
                                                                          ("2021-02-28", "final")]
    assert a.review.date.isoformat() == "2020-06-30"
    assert a.termination.notice.months == 3 and a.termination.repayment and a.termination.dispute
    assert "# hittades inte i texten: organisationsnummer (Region Gotland), förlängning, budget" in draft
    assert "# rad 7" in next(line for line in draft.splitlines() if "fr.o.m." in line)


def test_a_word_table_is_read_row_by_row_and_a_short_swedish_text_is_swedish(tmp_path: Path) -> None:
    import docx
    document = docx.Document()
    document.add_heading("Överenskommelse om idéburet offentligt partnerskap", 1)
    document.add_paragraph("Offentlig part: Region Gotland")
    document.add_paragraph("Ideell part: Föreningen Solvik")
    document.add_heading("Budget", 2)
    table = document.add_table(rows=3, cols=2)
    for i, (label, amount) in enumerate([("Lokalhyra", "100 000 kr"), ("Personal", "400 000 kr"),
                                         ("Totalt", "500 000 kr")]):
        table.cell(i, 0).text, table.cell(i, 1).text = label, amount
    document.add_paragraph("Region Gotland finansierar verksamheten med 250 000 kr per år.")
    document.save(str(tmp_path / "gotland.docx"))
    draft = extract_file(tmp_path / "gotland.docx")
    a = parse_agreement(draft, "gotland.yaml").agreement
    assert [(line.label, line.amount) for line in a.budget.lines] == [("Lokalhyra", 100_000), ("Personal", 400_000)]
    assert a.budget.total == 500_000
    assert "svenska" not in draft


def test_a_template_style_agreement_with_numbered_sections_and_short_names() -> None:
    """`## 1. Parter` with `(nedan kallad kommunen)`, then the short names used everywhere after."""
    draft = extract_file(DATA / "extract" / "linkoping.md")
    a = parse_agreement(draft, "linkoping.yaml").agreement
    kommun, forening = "linkopings-kommun", "foreningen-laxhjalpen-i-linkoping"
    assert [(p.id, p.role, p.org_number) for p in a.parties] == [
        (kommun, "public", "212000-0449"), (forening, "idea_based", "802456-7890")]
    assert "802456-7890 klarar inte kontrollsiffran (Luhn)" in draft  # kept as written, flagged
    assert [(f.payer, f.kind, f.amount, f.per) for f in a.funding] == [
        (kommun, "cash", 450_000, "year"), (forening, "in_kind", None, "period")]
    assert [(r.due.isoformat(), r.kind) for r in a.follow_up.reports] == [
        ("2022-08-31", "interim"), ("2023-08-31", "interim"), ("2025-02-28", "final")]
    assert [m.party for m in a.follow_up.steering_group.members] == [kommun, forening]
    assert a.payment.installments_per_year == 4 and a.termination.notice.months == 6
    assert [(c.party, c.name, c.email) for c in a.contacts] == [
        (kommun, "Sara Lind", "sara.lind@linkoping.se"), (forening, "Omar Haddad", "omar@laxhjalpen.se")]
    assert [(s.party, s.name, s.place, s.date_as_written) for s in a.signatures] == [
        (kommun, "Karin Ek", "Linköping", "2021-12-15"), (forening, "Omar Haddad", "Linköping", "2021-12-16")]
    assert a.iop_criteria.initiative_from_idea_based and a.iop_criteria.no_market


def test_a_plain_copy_without_blank_lines_between_headings_and_signature_lines() -> None:
    """Copied text: "Ekonomi" sits on the line above its paragraph, a signature's place, party, name and
    title on consecutive lines; short lines that do not run on end their paragraph."""
    draft = extract_file(DATA / "extract" / "malmo.txt")
    a = parse_agreement(draft, "malmo.yaml").agreement
    assert (a.decision.authority, a.decision.body) == ("Malmö stad", "arbetsmarknads- och socialnämnden")
    assert [(p.id, p.role) for p in a.parties] == [("malmo-stad", "public"), ("stiftelsen-fristad", "idea_based")]
    # "bidrar med volontärer och egna medel om 200 000 kr per år": the volunteers in kind, the money as cash
    assert [(f.payer, f.kind, f.amount, f.per) for f in a.funding] == [
        ("malmo-stad", "cash", 40_000, "month"), ("stiftelsen-fristad", "cash", 200_000, "year"),
        ("stiftelsen-fristad", "in_kind", None, "period")]
    assert a.payment.installments_per_year == 12
    assert (a.follow_up.cadence.reports, a.follow_up.cadence.per) == (1, "year")
    assert a.review.date.isoformat() == "2024-09-30" and a.termination.notice.months == 3
    assert [(s.party, s.name, s.title, s.place, s.date_as_written) for s in a.signatures] == [
        ("malmo-stad", "Anna Svensson", "Ordförande arbetsmarknads- och socialnämnden", "Malmö", "12 december 2022"),
        ("stiftelsen-fristad", "Erik Holm", "Verksamhetschef", "Malmö", "14 december 2022")]
    assert a.document.date is None  # the signatures' dates are not the document's


def test_a_region_with_two_non_profits_a_joint_contribution_and_a_yearly_deadline() -> None:
    draft = extract_file(DATA / "extract" / "region.md")
    a = parse_agreement(draft, "region.yaml").agreement
    assert [(p.id, p.role) for p in a.parties] == [("region-vasterbotten", "public"),
                                                   ("foreningen-fjallvagen", "idea_based"),
                                                   ("studieforbundet-norr", "idea_based")]
    assert (a.extension.months, a.extension.times) == (12, 2)
    # a joint contribution in kind, valued: kept as written, never narrowed to the first party or made cash
    assert [(f.payer, f.side, f.kind, f.amount, f.per) for f in a.funding] == [
        ("region-vasterbotten", None, "cash", 1_500_000, "year"),
        ("Föreningen Fjällvägen och Studieförbundet Norr", "idea_based", "in_kind", 300_000, "year")]
    # "senast den 31 januari varje år" is a yearly cadence, not a dated report and not a commitment of 31 "januari"
    assert (a.follow_up.cadence.reports, a.follow_up.cadence.per) == (1, "year")
    assert [(r.due.isoformat(), r.kind) for r in a.follow_up.reports] == [("2027-03-31", "final")]
    assert not a.commitments


def test_short_forms_of_dates_ranges_grants_and_own_contributions() -> None:
    """"2024-01-01--2024-12-31", "1/9 2024", "beviljar … för år 2024", "egen insats om 50 000:-",
    "kan kräva tillbaka"; a report the text gives no kind is left to the file's default."""
    draft = extract_file(DATA / "extract" / "umea.txt")
    a = parse_agreement(draft, "umea.yaml").agreement
    assert a.decision.authority == "Umeå kommun"
    assert (a.period.start.isoformat(), a.period.end.isoformat()) == ("2024-01-01", "2024-12-31")
    assert [(f.payer, f.amount, f.per, f.covers and f.covers.start.isoformat()) for f in a.funding] == [
        ("umea-kommun", 200_000, "period", "2024-01-01"), ("foreningen-ljuset", 50_000, "period", None),
        ("foreningen-ljuset", 24_000, "year", None)]
    assert [r.due.isoformat() for r in a.follow_up.reports] == ["2024-09-01", "2025-03-15"]
    assert "kind: interim" in draft and draft.count("kind: interim") == 1  # "delredovisning" only
    assert a.termination.repayment is not None
    assert a.payment is None  # "i två delbetalningar" says how many, not how many per year: not guessed


def test_terse_labels_and_the_municipality_named_as_kommunen() -> None:
    """"IOP-avtal mellan …", "t o m", "Kommunens bidrag uppgår till …" (the one public party),
    "Uppsägningstid: 3 mån.", and a turnover that is no contribution."""
    draft = extract_file(DATA / "extract" / "boras.txt")
    a = parse_agreement(draft, "boras.yaml").agreement
    assert a.document.kind == "agreement"
    assert (a.period.start.isoformat(), a.period.end.isoformat()) == ("2024-01-01", "2025-12-31")
    assert [(f.payer, f.amount, f.per) for f in a.funding] == [("boras-stad", 100_000, "year")]
    assert a.termination.notice.months == 3
    assert (a.follow_up.cadence.reports, a.follow_up.cadence.per) == (2, "year")


def test_numbered_party_labels_html_entities_and_short_references() -> None:
    """"**Part 1:** …", "350&nbsp;000 kr" (once read as 0 kr), "Gävle kommun" for "Socialnämnden i Gävle
    kommun", "Stiftelsen" for the one foundation, and a Markdown link."""
    draft = extract_file(DATA / "extract" / "gavle.md")
    a = parse_agreement(draft, "gavle.yaml").agreement
    public, foundation = "socialnamnden-i-gavle-kommun", "stiftelsen-hjalpande-hand"
    assert [(p.id, p.role, p.org_number) for p in a.parties] == [(public, "public", "212000-2411"),
                                                                 (foundation, "idea_based", "802479-4545")]
    assert [(f.payer, f.kind, f.amount, f.per) for f in a.funding] == [(public, "cash", 350_000, "year"),
                                                                       (foundation, "in_kind", None, "period")]


def test_lines_broken_at_a_hyphen_and_bullets_from_word_pdfs() -> None:
    """Seen in a LibreOffice PDF of the RådRum text: "2021-06-" at a line end, "30." on the next; Word's
    and LibreOffice's Symbol-font bullets arrive as U+F0B7."""
    blocks = build_blocks(["gäller från 2019-07-01 till 2021-06-", "30.", "", "IOP-", "avtalet, arbetsmarknads-",
                           "och socialnämnden", "", "Lund 2021-", "För Socialförvaltningen", "",
                           "\uf0b7 Offentlig sektor: Östersunds kommun"])
    assert [b.text for b in blocks] == ["gäller från 2019-07-01 till 2021-06-30.",
                                        "IOP-avtalet, arbetsmarknads- och socialnämnden",
                                        "Lund 2021- För Socialförvaltningen", "Offentlig sektor: Östersunds kommun"]
    assert blocks[-1].bullet


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (Debian's libreoffice-writer-nogui) is not installed")
@pytest.mark.parametrize("name", ["lund-im-radrum-2019", "lund-vanskapens-hus-2021", "lund-kompis-sverige-2019",
                                  "ostersund-hej-framling-2019"])
def test_a_pdf_saved_by_libreoffice_gives_the_same_draft(name: str, tmp_path: Path) -> None:
    """A PDF as an office suite writes it (fonts subset, lines wrapped at hyphens, Symbol bullets, headings
    bold in the body's size), not fpdf2's. Danderyd's still differs: its "•"-separated resource table,
    wrapped by the PDF, loses one party's item."""
    text = AGREEMENTS / f"{name}.txt"
    docx_file = to_docx(text.read_text(encoding="utf-8"), tmp_path / f"{text.stem}.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_file)],
                   capture_output=True, timeout=180, check=True, env={**os.environ, "HOME": str(tmp_path)})
    from_pdf = DRAFT_PLACE.sub("", extract_file(docx_file.with_suffix(".pdf")))
    assert from_pdf == DRAFT_PLACE.sub("", extract_file(text))


def test_a_bold_line_in_the_body_size_is_a_heading_in_a_pdf(tmp_path: Path) -> None:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 6, "Uppsägning", new_x="LMARGIN", new_y="NEXT")  # no gap: only the weight tells
    pdf.set_font("helvetica", "", 11)
    pdf.cell(0, 6, "Uppsägningstiden är tre (3) månader.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 6, "Totalt 100 000 kr", new_x="LMARGIN", new_y="NEXT")  # a bold amount stays text
    pdf.output(str(tmp_path / "bold.pdf"))
    from iop_rules.extract.read import read_source
    blocks = build_blocks(read_source(tmp_path / "bold.pdf").lines)
    assert [(b.text, b.heading) for b in blocks] == [("Uppsägning", True), (
        "Uppsägningstiden är tre (3) månader. Totalt 100 000 kr", False)]


def test_swedish_word_styles_mark_headings_and_list_items(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    document = docx.Document()
    document.styles.add_style("Rubrik", WD_STYLE_TYPE.PARAGRAPH)
    document.styles.add_style("Liststycke", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Styrgrupp", style="Rubrik")
    document.add_paragraph("Följande ska ingå i styrgruppen:")
    document.add_paragraph("Enhetschef (Lunds kommun)", style="Liststycke")
    document.save(str(tmp_path / "stilar.docx"))
    from iop_rules.extract.read import read_source
    blocks = build_blocks(read_source(tmp_path / "stilar.docx").lines)
    assert [(b.text, b.heading, b.bullet) for b in blocks] == [
        ("Styrgrupp", True, False), ("Följande ska ingå i styrgruppen:", False, False),
        ("Enhetschef (Lunds kommun)", False, True)]


def test_signatures_side_by_side_in_a_word_table(tmp_path: Path) -> None:
    """Read row by row, the two signatures ran together ("Anna Berg Bo Ek", and two offices taken for a name)."""
    import docx
    document = docx.Document()
    document.add_paragraph("Överenskommelse om idéburet offentligt partnerskap mellan Lunds kommun och Föreningen Bro")
    document.add_paragraph("Underskrifter")
    table = document.add_table(rows=4, cols=2)
    for i, row in enumerate([("Lund 2024-01-10", "Lund 2024-01-12"), ("För Lunds kommun", "För Föreningen Bro"),
                             ("Anna Berg", "Bo Ek"), ("Socialdirektör", "Ordförande")]):
        table.cell(i, 0).text, table.cell(i, 1).text = row
    document.save(str(tmp_path / "signaturer.docx"))
    a = parse_agreement(extract_file(tmp_path / "signaturer.docx"), "signaturer.yaml").agreement
    assert [(s.party, s.name, s.title, s.date_as_written) for s in a.signatures] == [
        ("lunds-kommun", "Anna Berg", "Socialdirektör", "2024-01-10"),
        ("foreningen-bro", "Bo Ek", "Ordförande", "2024-01-12")]


def test_signatures_side_by_side_in_a_pdf(tmp_path: Path) -> None:
    """Two signature columns share each printed line; read across, they ran together into one signature."""
    from fpdf import FPDF
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(0, 6, "Överenskommelse om idéburet offentligt partnerskap mellan Lunds kommun och Föreningen Bro",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.cell(0, 6, "Underskrifter", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for left, right in [("Lund 2024-01-10", "Lund 2024-01-12"), ("För Lunds kommun", "För Föreningen Bro"),
                        ("Anna Berg", "Bo Ek"), ("Socialdirektör", "Ordförande")]:
        pdf.set_x(20)
        pdf.cell(80, 6, left)
        pdf.set_x(110)
        pdf.cell(80, 6, right, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "signaturer.pdf"))
    a = parse_agreement(extract_file(tmp_path / "signaturer.pdf"), "signaturer.yaml").agreement
    assert [(s.party, s.name, s.title, s.date_as_written) for s in a.signatures] == [
        ("lunds-kommun", "Anna Berg", "Socialdirektör", "2024-01-10"),
        ("foreningen-bro", "Bo Ek", "Ordförande", "2024-01-12")]


def test_a_decision_memo_naming_only_the_non_profit() -> None:
    """"partnerskap med Föreningen Gemenskap": the public party is the authority the memo names as paying;
    the organisation's turnover and the meeting dates are no contribution and no report."""
    draft = extract_file(DATA / "extract" / "vanersborg.txt")
    a = parse_agreement(draft, "vanersborg.yaml").agreement
    assert (a.document.kind, a.decision.authority, a.decision.reference) == (
        "decision_memo", "Vänersborgs kommun", "KS 2023/0142")
    assert [(p.id, p.role) for p in a.parties] == [("vanersborgs-kommun", "public"),
                                                   ("foreningen-gemenskap", "idea_based")]
    assert (a.period.start.isoformat(), a.period.end.isoformat()) == ("2023-04-01", "2025-03-31")
    assert [(f.payer, f.kind, f.amount, f.per) for f in a.funding] == [
        ("vanersborgs-kommun", "cash", 600_000, "year"), ("foreningen-gemenskap", "in_kind", None, "period")]
    assert [(r.due.isoformat(), r.kind) for r in a.follow_up.reports] == [("2025-05-31", "final")]
    assert a.signatures == []  # the Kommundirektör signs the memo, not the agreement (docs/corpus-truth.md, 15)
    assert "Karin Holm" in draft  # ... and the draft says so in a note rather than dropping it unseen


def test_a_markdown_budget_table_and_payment_dates() -> None:
    a = parse_agreement(extract_file(DATA / "extract" / "skane.md"), "skane.yaml").agreement
    assert [(line.label, line.amount) for line in a.budget.lines] == [("Lokalhyra", 120_000), ("Personal", 380_000)]
    assert a.budget.total == 500_000
    assert [d.isoformat() for d in a.payment.dates] == ["2024-01-15", "2024-07-15"]


def test_contacts_in_a_sentence_and_in_an_address_block() -> None:
    """"Kontaktperson för X är …, tel …, …@….", and name, office, e-mail and phone each on a line of its own
    (a phone number is never taken for an office)."""
    a = parse_agreement(extract_file(DATA / "extract" / "kontakter.txt"), "kontakter.yaml").agreement
    assert [(c.party, c.name, c.title, c.email, c.phone) for c in a.contacts] == [
        ("lunds-kommun", "Anna Berg", None, "anna.berg@lund.se", "046-35 50 00"),
        ("foreningen-bro", "Bo Ek", "Ordförande", "bo.ek@bro.se", "070-123 45 67")]


def test_an_earlier_period_a_ceiling_and_a_past_grant_are_not_taken_for_this_agreement() -> None:
    draft = extract_file(DATA / "extract" / "orebro.txt")
    a = parse_agreement(draft, "orebro.yaml").agreement
    assert (a.period.start.isoformat(), a.period.end.isoformat()) == ("2022-01-01", "2023-12-31")  # not "gällde"
    assert [(f.payer, f.amount, f.per, f.cap) for f in a.funding] == [
        ("orebro-kommun", 200_000, "year", True)]  # "högst": a ceiling; the earlier 75 000 kr grant is history
    assert not a.follow_up.reports  # the steering group's meeting dates are no reports


def test_a_word_draft_with_tracked_changes_is_read_with_the_changes_accepted(tmp_path: Path) -> None:
    """A draft under review carries tracked changes; python-docx's `.text` drops inserted runs, so the
    proposed end date vanished. Inserted text is read, deleted text is not, and the reviewer is told."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(tag: str, text: str):  # type: ignore[no-untyped-def]
        r, t = OxmlElement("w:r"), OxmlElement(tag)
        t.text = text
        r.append(t)
        return r

    document = docx.Document()
    paragraph = document.add_paragraph("Överenskommelsen gäller från 2024-01-01 till ")
    for change, tag, text in (("w:del", "w:delText", "2024-12-31"), ("w:ins", "w:t", "2025-12-31")):
        element = OxmlElement(change)
        element.set(qn("w:id"), "1")
        element.set(qn("w:author"), "Granskare")
        element.append(run(tag, text))
        paragraph._p.append(element)
    paragraph._p.append(run("w:t", "."))
    document.save(str(tmp_path / "utkast.docx"))
    draft = extract_file(tmp_path / "utkast.docx")
    a = parse_agreement(draft, "utkast.yaml").agreement
    assert (a.period.start.isoformat(), a.period.end.isoformat()) == ("2024-01-01", "2025-12-31")
    assert "Word-filen har spårade ändringar" in draft
    assert a.document.title is None  # a sentence is no title


def test_paragraphs_inside_word_content_controls_are_read(tmp_path: Path) -> None:
    """Word templates wrap fields (a party's name, a date) in content controls; they were skipped."""
    import docx
    from docx.oxml import OxmlElement
    document = docx.Document()
    document.add_paragraph("Överenskommelse om idéburet offentligt partnerskap")
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    paragraph = document.add_paragraph("Offentlig part: Region Gotland")._p
    paragraph.getparent().remove(paragraph)
    content.append(paragraph)
    control.append(content)
    document.element.body.insert(1, control)
    document.save(str(tmp_path / "mall.docx"))
    a = parse_agreement(extract_file(tmp_path / "mall.docx"), "mall.yaml").agreement
    assert [(p.name, p.role) for p in a.parties] == [("Region Gotland", "public")]


def test_running_headers_and_footers_of_a_pdf_are_not_text(tmp_path: Path) -> None:
    """Left in, the page header became the title and split the paragraph that ran over a page."""
    text = AGREEMENTS / "lund-im-radrum-2019.txt"
    pdf = to_pdf(text.read_text(encoding="utf-8"), tmp_path / f"{text.stem}.pdf",
                 running="Överenskommelse IOP – Lunds kommun och IM")
    assert DRAFT_PLACE.sub("", extract_file(pdf)) == DRAFT_PLACE.sub("", extract_file(text))


@pytest.mark.parametrize("text, kronor", [
    ("125 000 kr", 125_000), ("2 644 000 kronor", 2_644_000), ("62 500 kronor", 62_500),
    ("1,3 miljoner kronor", 1_300_000), ("1,5 mkr", 1_500_000), ("300 tkr", 300_000), ("50 000:-", 50_000),
    ("125\u2009000 kr", 125_000), ("2.644.000 SEK", 2_644_000), ("000 kr", None), ("2019 års budget", None)])
def test_amounts_as_agreements_write_them(text: str, kronor: int | None) -> None:
    from iop_rules.extract.swedish import find_amounts
    assert [a.kronor for a in find_amounts(text)][:1] == ([kronor] if kronor else [])


@pytest.mark.parametrize("text, iso", [
    ("2019-01-01", "2019-01-01"), ("1 april 2019", "2019-04-01"), ("den 31 december 2020", "2020-12-31"),
    ("sista augusti 2019", "2019-08-31"), ("sista februari 2020", "2020-02-29"), ("1/9 2024", "2024-09-01"),
    ("1:a maj 2021", "2021-05-01"), ("våren 2019", None), ("2019-02-30", None)])
def test_dates_as_agreements_write_them(text: str, iso: str | None) -> None:
    from iop_rules.extract.swedish import find_dates
    found = find_dates(text)
    assert len(found) == 1 and (found[0].date.isoformat() if found[0].date else None) == iso


def test_a_named_forum_that_does_a_steering_groups_work(tmp_path: Path) -> None:
    """IOP-GOV-01 accepts "a steering group (styrgrupp) or named follow-up forum with members from both sides"."""
    source = tmp_path / "kalmar.txt"
    source.write_text("Överenskommelse om idéburet offentligt partnerskap mellan Kalmar kommun och Föreningen Bro\n\n"
                      "En samverkansgrupp med representanter för båda parterna träffas fyra gånger per år.\n",
                      encoding="utf-8")
    group = parse_agreement(extract_file(source), "kalmar.yaml").agreement.follow_up.steering_group
    assert ([m.party for m in group.members], group.meetings_per_year) == (["kalmar-kommun", "foreningen-bro"], 4)


def test_what_an_amount_is_for_in_every_unit_the_file_has() -> None:
    """"30 000 kr/mån", "360 000 kronor/år", "årligen", "per kvartal", "per termin" (a half year)."""
    draft = extract_file(DATA / "extract" / "vaxjo.txt")
    a = parse_agreement(draft, "vaxjo.yaml").agreement
    assert [(f.amount, f.per) for f in a.funding] == [(30_000, "month"), (90_000, "quarter"), (360_000, "year"),
                                                      (45_000, "half_year"), (100_000, "year")]


def test_a_signature_form_with_labels_and_a_blank_date() -> None:
    """"Ort och datum:", "Namnförtydligande:", "Underskrift: ____": the second signature's date is left blank
    in the text, so it has none — it does not inherit the first one's."""
    a = parse_agreement(extract_file(DATA / "extract" / "kalmar-underskrifter.txt"), "kalmar.yaml").agreement
    assert [(s.party, s.name, s.title, s.place, s.date_as_written) for s in a.signatures] == [
        ("kalmar-kommun", "Anna Berg", None, "Kalmar", "2024-02-01"),
        ("foreningen-bro", "Bo Ek", "ordförande", None, None)]


@pytest.mark.parametrize("text, first, last", [
    ("gäller 1 januari–31 december 2024.", "2024-01-01", "2024-12-31"),
    ("från 1 mars till och med 30 juni 2025", "2025-03-01", "2025-06-30"),
    ("gäller fr.o.m. 2024-01-01 t.o.m. 2025-12-31", "2024-01-01", "2025-12-31"),
    ("1 december–31 januari 2025", None, None)])  # the year written once cannot cover both: not guessed
def test_periods_as_agreements_write_them(text: str, first: str | None, last: str | None) -> None:
    from iop_rules.extract.swedish import find_ranges
    found = [(r.first.isoformat(), r.last.isoformat()) for r in find_ranges(text)]
    assert found == ([(first, last)] if first else [])


def test_the_reasons_for_iop_in_other_words() -> None:
    draft = extract_lines(["Överenskommelse om idéburet offentligt partnerskap mellan Kiruna kommun och Föreningen Bro", "",
                           "Initiativet till partnerskapet har tagits av föreningen. Verksamheten bedrivs inte på en "
                           "marknad. Båda parterna bidrar med resurser."], "kiruna")
    criteria = parse_agreement(draft, "kiruna.yaml").agreement.iop_criteria
    assert (criteria.initiative_from_idea_based, criteria.no_market, criteria.both_finance) == (True, True, True)


def test_precision_errors_found_in_review() -> None:
    """A reviewing helper's findings: party above its signatory; a fronted time or linking word is no payer;
    "1 500 besökare"; "halvårsrapport" is interim; "om året"/"i månaden"; the period a report covers is no due date."""
    lines = ["Överenskommelse om idéburet offentligt partnerskap mellan Gävle kommun och Föreningen Gemenskap", "",
             "För 2024 beviljar kommunen 200 000 kr.", "",
             "Därutöver bidrar föreningen med 10 000 kr.", "",
             "Föreningen Gemenskap bidrar med 40 000 kr om året och 5 000 kr i månaden.", "",
             "Föreningen ska ta emot 1 500 besökare per år.", "",
             "En halvårsrapport lämnas senast 2024-08-31.", "",
             "Redovisningen ska avse perioden 1 januari 2024 – 31 december 2024 och lämnas senast 31 mars 2025.", "",
             "Underskrifter", "", "Gävle kommun", "Gävle 2023-12-01", "Per Andersson", "Socialnämndens ordförande", "",
             "Föreningen Gemenskap", "Gävle 2023-12-05", "Lisa Ström", "Ordförande"]
    a = parse_agreement(extract_lines(lines, "gavle"), "gavle.yaml").agreement
    assert not {"För 2024", "Därutöver"} & {f.payer for f in a.funding}
    # the verb before its subject ("Därutöver bidrar föreningen …", "För 2024 beviljar kommunen …") names the payer
    assert [(f.payer, f.amount) for f in a.funding if f.payer == "gavle-kommun"] == [("gavle-kommun", 200_000)]
    assert [(f.amount, f.per) for f in a.funding if f.payer == "foreningen-gemenskap"] == [
        (10_000, "period"), (40_000, "year"), (5_000, "month")]
    assert [c.quantity for c in a.commitments] == [1500]
    assert [(r.due.isoformat(), r.kind) for r in a.follow_up.reports] == [("2024-08-31", "interim"), ("2025-03-31", "interim")]
    assert [(s.party, s.name, s.date_as_written) for s in a.signatures] == [
        ("gavle-kommun", "Per Andersson", "2023-12-01"), ("foreningen-gemenskap", "Lisa Ström", "2023-12-05")]
