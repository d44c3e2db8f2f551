"""`iop-rules extract`: drafts from the five agreement texts, in every format, and from bad input."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop_rules.errors import IopError
from iop_rules.extract import extract_file, extract_lines
from bench.extract_accuracy import PINNED, measure, total
from iop_rules.extract.text import build_blocks
from iop_rules.loader import parse_agreement

from .conftest import AGREEMENTS, DATA, ROOT, run_cli
from .documents import to_docx, to_pdf

TEXTS = sorted(AGREEMENTS.glob("*.txt"))
LOCATION = re.compile(r"  # (?:rad|stycke|sida) \d+(?:, (?:rad|stycke|sida) \d+)*$", re.MULTILINE)
ONE_ERROR_LINE = re.compile(r"^[^\n]+:\d+:\d+: [^\n]+\n$")


@pytest.fixture(scope="module")
def accuracy():  # type: ignore[no-untyped-def]
    return measure(AGREEMENTS)


def test_accuracy_on_the_issue_fields_is_pinned(accuracy) -> None:  # type: ignore[no-untyped-def]
    assert [r.id for r in accuracy] == [t.stem for t in TEXTS]
    overall = total({name: _summed(accuracy, name) for name in PINNED})
    assert overall.recall >= 0.90, overall.misses
    assert overall.precision >= 0.98, overall.misses
    for r in accuracy:  # no agreement is carried by the others
        own = total(r.scores)
        assert own.precision >= 0.98 and own.recall >= 0.80, (r.id, own.misses)


def _summed(results, name):  # type: ignore[no-untyped-def]
    from bench.extract_accuracy import Score
    s = Score()
    for r in results:
        s.add(r.scores[name])
    return s


def test_a_draft_never_hides_a_finding_the_hand_file_has(accuracy) -> None:  # type: ignore[no-untyped-def]
    """Every rule that fails (or cannot be decided) on the hand-encoded file fails or is unknown on the draft.

    One known exception: IOP-GOAL-02 compares commitments by subject ("25 par" and "25
    kompisrelationer" are the same pairs), a judgement `extract` does not make, so it
    cannot see the conflict; the accuracy script names it."""
    hidden = {r.id: {rule for rule, _ in r.only_hand} - {rule for rule, _ in r.only_draft} for r in accuracy}
    assert hidden == {"danderyd-kompisbyran-2018": set(), "lund-im-radrum-2019": set(),
                      "lund-kompis-sverige-2019": {"IOP-GOAL-02"}, "lund-vanskapens-hus-2021": set(),
                      "ostersund-hej-framling-2019": set()}
    extra = {r.id: {rule for rule, _ in r.only_draft} - {rule for rule, _ in r.only_hand} for r in accuracy}
    assert all(not rules for rules in extra.values()), extra


def test_the_accuracy_script_prints_figures_and_names_differences() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "extract_accuracy.py")], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^overall\s+\d+\s+\d+\s+\d+\s+\d+\.\d%\s+\d+\.\d%$", proc.stdout, re.MULTILINE)
    # "våren 2019" is a season, not a date: the report is left for the reviewer, so the rules become unknown
    assert "danderyd-kompisbyran-2018: IOP-REP-01 is unknown on the draft only" in proc.stdout
    assert "lund-kompis-sverige-2019: IOP-GOAL-02 is fail on the hand file only" in proc.stdout


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_every_quote_is_the_agreements_own_words(text: Path) -> None:
    """Nothing is invented: each part of each `source` stands in the text (as paragraphs read it)."""
    draft = yaml.safe_load(extract_file(text))
    paragraphs = " ".join(b.text for b in build_blocks(text.read_text(encoding="utf-8").splitlines()))
    quotes = [q for q in _sources(draft)]
    assert quotes
    for quote in quotes:
        for part in quote.split(" … "):
            assert part in paragraphs, part


def _sources(node):  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source":
                yield value
            else:
                yield from _sources(value)
    elif isinstance(node, list):
        for item in node:
            yield from _sources(item)


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_the_same_text_as_txt_docx_and_pdf_gives_the_same_draft(text: Path, tmp_path: Path) -> None:
    content = text.read_text(encoding="utf-8")
    copies = [to_docx(content, tmp_path / f"{text.stem}.docx"), to_pdf(content, tmp_path / f"{text.stem}.pdf")]
    from_txt = extract_file(text)
    for copy in copies:
        draft = extract_file(copy)
        # Only the places differ: a text file has lines, a Word file paragraphs, a PDF pages.
        assert LOCATION.sub("", draft) == LOCATION.sub("", from_txt), copy.suffix
        assert LOCATION.search(draft)


def test_each_source_says_where_it_stands_in_the_file(tmp_path: Path) -> None:
    text = AGREEMENTS / "lund-im-radrum-2019.txt"
    lines = text.read_text(encoding="utf-8").splitlines()
    period = next(x for x in extract_file(text).splitlines() if x.startswith("  source: Det Idéburna"))
    line = int(re.search(r"# rad (\d+)$", period).group(1))
    assert "gäller från 2019-07-01 till 2021-06-30" in lines[line - 1]

    pdf = to_pdf(text.read_text(encoding="utf-8"), tmp_path / "radrum.pdf")
    period = next(x for x in extract_file(pdf).splitlines() if x.startswith("  source: Det Idéburna"))
    page = int(re.search(r"# sida (\d+)$", period).group(1))
    from pypdf import PdfReader
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages]
    assert [i + 1 for i, p in enumerate(pages) if "gäller från 2019-07-01 till 2021-06-30" in p] == [page]


def test_what_was_not_found_is_listed_for_the_reviewer() -> None:
    draft = extract_file(AGREEMENTS / "ostersund-hej-framling-2019.txt")
    head = [line for line in draft.splitlines() if line.startswith("#")]
    missing = next(line for line in head if line.startswith("# inte funnet i texten:"))
    assert "uppsägningstid" in missing and "översyn (datum)" in missing
    assert "notice" not in yaml.safe_load(draft).get("termination", {})


def test_a_season_is_kept_as_text_with_a_note_not_turned_into_a_date() -> None:
    draft = extract_file(AGREEMENTS / "danderyd-kompisbyran-2018.txt")
    assert '"våren 2019" är en årstid, inget datum' in draft
    assert "reports" not in yaml.safe_load(draft).get("follow_up", {})


def test_conflicting_candidates_are_both_shown_and_none_is_picked(tmp_path: Path) -> None:
    source = tmp_path / "two-periods.txt"
    source.write_text("Överenskommelse om idéburet offentligt partnerskap\n\n"
                      "Partnerskapet gäller från 2021-01-01 till 2022-12-31.\n\n"
                      "Partnerskapet gäller från 2021-01-01 till 2023-12-31.\n", encoding="utf-8")
    draft = extract_file(source)
    assert "period" not in yaml.safe_load(draft)
    assert "# motstridiga uppgifter (inget valt, välj själv):" in draft
    assert "2021-01-01–2022-12-31" in draft and "2021-01-01–2023-12-31" in draft


def test_payers_joined_by_and_or_are_kept_as_written(tmp_path: Path) -> None:
    draft = yaml.safe_load(extract_file(AGREEMENTS / "lund-im-radrum-2019.txt"))
    payers = [f["payer"] for f in draft["funding"]]
    assert "Socialförvaltningen och/eller Kultur och fritidsförvaltningen" in payers


def test_extract_then_check_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "radrum.yaml"
    run = run_cli("extract", str(AGREEMENTS / "lund-im-radrum-2019.txt"), "-o", str(out))
    assert (run.code, run.out, run.err) == (0, "", "")
    parse_agreement(out.read_text(encoding="utf-8"), str(out))  # loads with the strict schema
    checked = run_cli("check", str(out), "--format", "json", "--fail-on", "warning")
    import json
    verdicts = {r["rule"]: r["verdict"] for r in json.loads(checked.out)["agreements"][0]["results"]}
    assert checked.code == 1 and verdicts["IOP-FIN-06"] == "fail"

    again = run_cli("extract", str(AGREEMENTS / "lund-im-radrum-2019.txt"), "-o", str(out))
    assert again.code == 2 and "already exists" in again.err and ONE_ERROR_LINE.match(again.err)
    forced = run_cli("extract", str(AGREEMENTS / "lund-im-radrum-2019.txt"), "-o", str(out), "--force")
    assert forced.code == 0 and out.read_text(encoding="utf-8") == run_cli(
        "extract", str(AGREEMENTS / "lund-im-radrum-2019.txt")).out


def _scanned_pdf(path: Path) -> Path:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a picture of a page, no text layer
    pdf.output(str(path))
    return path


BAD = {
    "empty.txt": (lambda p: p.write_bytes(b""), "the file is empty"),
    "binary.txt": (lambda p: p.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8), "binary data"),
    "big.txt": (lambda p: p.write_bytes(("Parterna ska samverka. " * 40 + "\n\n").encode() * 5700), "MB"),
    "broken.docx": (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a Word .docx file"),
    "broken.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog"), "cannot read the PDF"),
    "scanned.pdf": (_scanned_pdf, "no text layer"),
    "agreement.rtf": (lambda p: p.write_text("{\\rtf1 text}"), "expected .txt, .md, .docx or .pdf"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_line_and_exit_2_with_no_file_written(name: str, tmp_path: Path) -> None:
    make, expected = BAD[name]
    source = tmp_path / name
    make(source)
    out = tmp_path / "draft.yaml"
    run = run_cli("extract", str(source), "-o", str(out))
    assert run.code == 2 and run.out == ""
    assert ONE_ERROR_LINE.match(run.err) and run.err.startswith(f"{source}:"), run.err
    assert expected in run.err and "Traceback" not in run.err
    assert not out.exists()


def test_a_missing_file_and_a_directory_are_refused(tmp_path: Path) -> None:
    for path in (tmp_path / "nothing.txt", tmp_path):
        run = run_cli("extract", str(path))
        assert run.code == 2 and ONE_ERROR_LINE.match(run.err), run.err


def test_a_text_in_another_language_gives_an_honest_mostly_empty_draft(tmp_path: Path) -> None:
    source = tmp_path / "english.txt"
    source.write_text("Agreement between the City and the Club\n\n" + "The parties will cooperate on sports for "
                      "young people and report to the board every year with the results of the work.\n\n" * 5,
                      encoding="utf-8")
    run = run_cli("extract", str(source))
    assert run.code == 0, run.err
    assert "texten ser inte ut att vara på svenska" in run.out
    draft = parse_agreement(run.out, str(source)).agreement
    assert not draft.parties and not draft.funding and draft.period is None


def test_the_draft_is_the_same_every_time_whatever_the_hash_seed() -> None:
    text = AGREEMENTS / "lund-vanskapens-hus-2021.txt"
    drafts = {subprocess.run([sys.executable, "-m", "iop_rules.cli", "extract", str(text)], capture_output=True,
                             text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
              for seed in ("1", "2")}
    assert drafts == {extract_file(text)}


# Pieces of agreement language, in any order and combination: the extractors' cues meet each other
# in ways no real agreement shows, and the draft must still load and quote only the text.
_FRAGMENTS = [
    "Offentlig part: Lunds kommun", "Ideell icke vinstdrivande part: Föreningen Bro", "# Budget", "## Kontaktpersoner",
    "## Underskrifter", "Lund 2019-", "för Lunds kommun", "Anna Berg, Enhetschef, anna@lund.se", "Totalt: 1 000 kr",
    "Lokalhyra: 100 000 kr", "gäller från 2019-07-01 till 2021-06-30.", "1 april 2019 till och med den 31 december 2020",
    "finansieras av Lunds kommun med 125 000 kr per kalenderår", "betalas ut vid två (3) tillfällen per år",
    "Uppsägningstiden är 3 månader.", "återbetalningsskyldig", "Om tvister uppstår ska dessa lösas genom dialog.",
    "senast 2021-01-31 göra en översyn", "- Socialchef (Lunds kommun)", "Följande ska ingå i styrgruppen:",
    "våren 2019", "sista augusti 2019", "organisationsnummer 802496-6081", "Båda parter är med och finansierar",
    "mellan Lunds kommun och Föreningen Bro.", "", "", "- ", "*", ":", "2 644 000 kronor", "1,3 miljoner kronor",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=40)), max_size=30))
def test_any_text_gives_a_draft_that_loads_and_quotes_only_the_text(lines: list[str]) -> None:
    try:
        draft = extract_lines(lines, "fuzz")
    except IopError as exc:  # the only refusal: a draft that cannot be made valid, said in one line
        assert "\n" not in str(exc)
        return
    parse_agreement(draft, "fuzz.yaml")
    paragraphs = " ".join(b.text for b in build_blocks(lines))
    for quote in _sources(yaml.safe_load(draft)):
        for part in quote.split(" … "):
            assert part.removesuffix(" […]") in paragraphs  # a paragraph-long quote is cut and marked


# An agreement none of the extractors was written from: the forms the issue lists, in other words.
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
    assert "# inte funnet i texten: organisationsnummer (Region Gotland), budget" in draft
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


def test_a_draft_to_a_folder_that_does_not_exist_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "draft.yaml"
    run = run_cli("extract", str(AGREEMENTS / "lund-im-radrum-2019.txt"), "-o", str(out))
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err) and "cannot write the file" in run.err
    assert not out.exists()


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
    assert [(f.payer, f.amount, f.per) for f in a.funding] == [("malmo-stad", 40_000, "month"),
                                                               ("stiftelsen-fristad", 200_000, "year")]
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


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_damaged_word_and_pdf_files_give_a_draft_or_one_error_never_a_crash(suffix: str, tmp_path: Path) -> None:
    """Bytes flipped and cut at random in a real Word file and PDF (a fixed seed: the same cases every run)."""
    import random
    text = (AGREEMENTS / "lund-kompis-sverige-2019.txt").read_text(encoding="utf-8")
    original = (to_docx if suffix == ".docx" else to_pdf)(text, tmp_path / f"original{suffix}").read_bytes()
    rng = random.Random(20261124)
    damaged = tmp_path / f"damaged{suffix}"
    for _ in range(40):
        data = bytearray(original)
        for _ in range(rng.randint(1, 20)):
            at = rng.randrange(len(data))
            if rng.random() < 0.5:
                data[at] = rng.randrange(256)
            else:
                del data[at:at + rng.randint(1, 200)]
        damaged.write_bytes(bytes(data))
        try:
            parse_agreement(extract_file(damaged), str(damaged))
        except IopError as exc:
            assert str(exc).startswith(f"{damaged}:0:0: ") and "\n" not in str(exc)


def test_a_word_file_from_a_newer_zip_version_is_one_error(tmp_path: Path) -> None:
    """Found by the random damage above: zipfile raises NotImplementedError for an unknown zip version."""
    text = (AGREEMENTS / "lund-kompis-sverige-2019.txt").read_text(encoding="utf-8")
    data = bytearray(to_docx(text, tmp_path / "original.docx").read_bytes())
    at = data.find(b"PK\x01\x02")  # the first central directory entry: "version needed to extract" at +6
    data[at + 6] = 240
    damaged = tmp_path / "newer.docx"
    damaged.write_bytes(bytes(data))
    run = run_cli("extract", str(damaged))
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err) and "not a Word .docx file" in run.err, run.err


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


@pytest.mark.parametrize("content", ["a" * 1_900_000, "å" * 1_900_000, "1 " * 900_000,
                                     "Föreningen X, org.nr 802496-6080 (nedan kallad föreningen)\n" * 25_000],
                         ids=["one-long-word", "one-long-swedish-word", "numbers", "one-long-paragraph"])
def test_a_large_pathological_text_finishes_with_a_loadable_draft(content: str, tmp_path: Path) -> None:
    """Near the size limit, shaped to make patterns backtrack: a word-counting pattern once made the first
    of these quadratic (minutes). The timeout guards against a hang; it does not measure speed."""
    source = tmp_path / "big.txt"
    source.write_text(content, encoding="utf-8")
    run = run_cli("extract", str(source))
    assert run.code == 0, run.err
    parse_agreement(run.out, str(source))


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
    from_pdf = LOCATION.sub("", extract_file(docx_file.with_suffix(".pdf")))
    assert from_pdf == LOCATION.sub("", extract_file(text))


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
