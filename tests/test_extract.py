"""`iop-rules extract` on the five agreement texts: accuracy, quotes, places, formats, the CLI."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.extract_accuracy import PINNED, measure, total
from iop_rules.errors import IopError
from iop_rules.extract import extract_file, extract_lines
from iop_rules.extract.text import build_blocks
from iop_rules.loader import parse_agreement

from .conftest import AGREEMENTS, DRAFT_PLACE, ONE_ERROR_LINE, ROOT, quotes_of, run_cli
from .documents import to_docx, to_pdf

TEXTS = sorted(AGREEMENTS.glob("*.txt"))


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
    assert {k: v for k, v in hidden.items() if v} in ({}, {"lund-kompis-sverige-2019": {"IOP-GOAL-02"}}), hidden
    # The draft may leave more undecided (`unknown`: a commitment's subject is the reviewer's), never fail more.
    extra = {r.id: {rule for rule, v in r.only_draft if v == "fail"} - {rule for rule, _ in r.only_hand}
             for r in accuracy}
    assert all(not rules for rules in extra.values()), extra
    assert all(not r.flipped - {"IOP-GOAL-02"} for r in accuracy)


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
    quotes = [q for q in quotes_of(draft)]
    assert quotes
    for quote in quotes:
        for part in quote.split(" … "):
            assert part in paragraphs, part

@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_the_same_text_as_txt_docx_and_pdf_gives_the_same_draft(text: Path, tmp_path: Path) -> None:
    content = text.read_text(encoding="utf-8")
    copies = [to_docx(content, tmp_path / f"{text.stem}.docx"), to_pdf(content, tmp_path / f"{text.stem}.pdf")]
    from_txt = extract_file(text)
    for copy in copies:
        draft = extract_file(copy)
        # Only the places differ: a text file has lines, a Word file paragraphs, a PDF pages.
        assert DRAFT_PLACE.sub("", draft) == DRAFT_PLACE.sub("", from_txt), copy.suffix
        assert DRAFT_PLACE.search(draft)

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
    missing = next(line for line in head if line.startswith("# hittades inte i texten:"))
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
    for quote in quotes_of(yaml.safe_load(draft)):
        for part in quote.split(" … "):
            assert part.removesuffix(" […]") in paragraphs  # a paragraph-long quote is cut and marked


# An agreement none of the extractors was written from: the forms the issue lists, in other words.
