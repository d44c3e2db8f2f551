"""`iop-rules extract` on input it cannot read or that is built to hurt it: one line and exit 2, or a draft that loads."""
from __future__ import annotations

from pathlib import Path

import pytest

from iop_rules.errors import IopError
from iop_rules.extract import extract_file
from iop_rules.loader import parse_agreement

from .conftest import AGREEMENTS, ONE_ERROR_LINE, run_cli
from .documents import to_docx, to_pdf

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


def test_a_draft_to_a_folder_that_does_not_exist_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "draft.yaml"
    run = run_cli("extract", str(AGREEMENTS / "lund-im-radrum-2019.txt"), "-o", str(out))
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err) and "no such directory" in run.err
    assert not out.exists()


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


def _docx_with_parts(path: Path, sizes: list[int]) -> Path:
    """A real Word file with extra parts of the given unpacked sizes: zeros, which deflate to almost nothing."""
    import zipfile
    to_docx("Överenskommelse om idéburet offentligt partnerskap\n\nParterna ska samverka.\n", path)
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        for i, size in enumerate(sizes):
            with z.open(f"word/media/image{i}.bin", "w", force_zip64=True) as part:
                for _ in range(size // len(chunk)):
                    part.write(chunk)
    return path


@pytest.mark.parametrize(("sizes", "expected"), [([70 * 1024 * 1024], "a part of the Word file"),
                                                 ([50 * 1024 * 1024] * 3, "the Word file unpacks to")])
def test_a_word_file_that_unpacks_to_far_more_than_its_size_is_refused(tmp_path: Path, sizes, expected) -> None:
    bomb = _docx_with_parts(tmp_path / "bomb.docx", sizes)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    run = run_cli("extract", str(bomb), timeout=60)
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err), run.err
    assert expected in run.err


def test_a_pdf_whose_pages_share_a_huge_content_stream_is_refused(tmp_path: Path) -> None:
    """Sixty pages drawing one content stream of a million bytes: each page would be parsed in full."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject
    writer = PdfWriter()
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b"0 0 m 1 1 l S\n" * 75_000)
    ref = writer._add_object(stream.flate_encode())
    for _ in range(60):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Contents")] = ref
    pdf = tmp_path / "shared.pdf"
    with open(pdf, "wb") as out:
        writer.write(out)
    assert pdf.stat().st_size < 1024 * 1024
    run = run_cli("extract", str(pdf), timeout=60)
    assert run.code == 2 and ONE_ERROR_LINE.match(run.err), run.err
    assert "drawing instructions" in run.err
