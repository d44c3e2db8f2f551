"""A scanned PDF (no text layer) is read by OCR where Tesseract with Swedish is installed, and gives one
clear error naming what to install where it is not."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from iop_rules.errors import IopError
from iop_rules.extract import extract_file
from iop_rules.extract import read as reading

from .conftest import run_cli
from .documents import to_pdf

TEXT = """Överenskommelse om idéburet offentligt partnerskap

Överenskommelsen gäller från 2025-01-01 till 2026-12-31.

Uppsägningstiden är tre månader.

Tvister ska i första hand lösas genom dialog mellan parterna.
"""

needs_tesseract = pytest.mark.skipif(reading.ocr_unavailable() is not None,
                                     reason="Tesseract with Swedish (tesseract-ocr, tesseract-ocr-swe) and pytesseract")


def _scan(text_pdf: Path, out: Path) -> Path:
    """The text PDF as a scan would be: each page an image, no text layer.  Rendered by pdftoppm where
    poppler is installed, else the text is drawn onto a page-sized image."""
    from PIL import Image, ImageDraw, ImageFont
    pages: list[Image.Image] = []
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(text_pdf), str(out.with_suffix(""))], check=True)
        pages = [Image.open(p).convert("L") for p in sorted(out.parent.glob(out.stem + "-*.png"))]
    if not pages:
        from pypdf import PdfReader
        font_path = next((p for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",) if Path(p).exists()), None)
        font = ImageFont.truetype(font_path, 34) if font_path else ImageFont.load_default()
        for page in PdfReader(str(text_pdf)).pages:
            image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
            draw = ImageDraw.Draw(image)
            y = 150
            for line in page.extract_text().splitlines():
                draw.text((150, y), line, fill=0, font=font)
                y += 60
            pages.append(image)
    pages[0].save(out, "PDF", resolution=200.0, save_all=True, append_images=pages[1:])
    return out


def _has_text_layer(pdf: Path) -> bool:
    from pypdf import PdfReader
    return any(p.extract_text().strip() for p in PdfReader(str(pdf)).pages)


@needs_tesseract
def test_a_scanned_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    scan = _scan(to_pdf(TEXT, tmp_path / "text.pdf"), tmp_path / "scan.pdf")
    assert not _has_text_layer(scan)
    draft = extract_file(scan)
    assert "läst med OCR" in draft
    a = yaml.safe_load(draft)
    assert (str(a["period"]["start"]), str(a["period"]["end"])) == ("2025-01-01", "2026-12-31")
    assert a["termination"]["notice"]["months"] == 3
    assert "dispute" in a["termination"]


def test_without_tesseract_a_scan_is_one_clear_error_naming_the_packages(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("PIL")
    from PIL import Image
    scan = tmp_path / "scan.pdf"
    Image.new("L", (400, 560), 255).save(scan, "PDF")
    monkeypatch.setattr(reading, "ocr_unavailable", lambda: reading.OCR_PACKAGES)
    with pytest.raises(IopError) as err:
        extract_file(scan)
    assert "tesseract-ocr tesseract-ocr-swe" in err.value.message and "pytesseract" in err.value.message


def test_a_scan_too_large_for_a_page_is_refused(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("PIL")
    from PIL import Image
    scan = tmp_path / "huge.pdf"
    Image.new("1", (8000, 8000), 1).save(scan, "PDF")
    monkeypatch.setattr(reading, "ocr_unavailable", lambda: None)
    monkeypatch.setattr(reading, "MAX_OCR_PIXELS", 1_000_000)
    with pytest.raises(IopError) as err:
        extract_file(scan)
    assert "more than a scanned page" in err.value.message


@needs_tesseract
def test_the_cli_says_it_read_a_scan(tmp_path: Path) -> None:
    scan = _scan(to_pdf(TEXT, tmp_path / "text.pdf"), tmp_path / "scan.pdf")
    run = run_cli("extract", str(scan))
    assert run.code == 0, run.err
    assert "OCR" in run.out
