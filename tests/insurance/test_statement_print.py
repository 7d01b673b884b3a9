"""The rights statement prints the same on any printer and viewer: every font embedded, the text read back
by poppler, and poppler and Ghostscript drawing the same page (reportlab's STSong-Light, never embedded,
showed no Chinese in poppler and no digits in Ghostscript)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from insurance.models import CarriedOverRecord
from insurance.services import declaration_submit, payment_confirm, statement_issue
from tests.insurance.conftest import enrol, rows_for

pytestmark = pytest.mark.django_db

HEADING = "东营市社会保险个人权益记录单（2025年度）"


def require(*tools: str) -> None:
    """poppler-utils and Ghostscript (.ci/run installs them; under CI=true a skip is a failure)."""
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"needs {tool} (apt-get install poppler-utils ghostscript)")


def run(*command: str) -> bytes:
    return subprocess.run(command, capture_output=True, check=True, timeout=60).stdout


@pytest.fixture
def statement(demo, employer, system):
    """The 2025 statement of a demo person insured through an employer, with months carried over from the
    former system and two months paid: figures in every table."""
    person = demo["persons"][0]
    enrol(person, employer, start=date(2025, 1, 1))
    CarriedOverRecord.objects.create(person=person, through_month=date(2024, 12, 1), pension_months=120,
                                     average_index=Decimal("1"), account_balance=Decimal("30000"))
    for month in (date(2025, 1, 1), date(2025, 2, 1)):
        declaration = declaration_submit(employer=employer, month=month, rows=rows_for([person], ["8000"]),
                                         actor=system, channel="counter")
        payment_confirm(order=declaration.orders.get(), actor=system)
    return statement_issue(person=person, year=2025, actor=system, channel="counter")


@pytest.fixture
def pdf_file(statement, tmp_path):
    path = tmp_path / "statement.pdf"
    path.write_bytes(bytes(statement.pdf))
    return str(path)


def test_every_font_of_the_statement_is_embedded(statement):
    # Read with pypdf, so that it runs on every machine: a font without a font file (FontFile, FontFile2 for
    # TrueType, FontFile3) leaves its glyphs to whatever the viewer or printer has.
    fonts = {}
    for page in PdfReader(io.BytesIO(bytes(statement.pdf))).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = [f.get_object() for f in font.get("/DescendantFonts", [])] or [font]
            fonts[str(font["/BaseFont"])] = all(
                any(key in d.get("/FontDescriptor", {}) for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descendants)
    assert fonts and all(fonts.values()), fonts


def test_poppler_lists_every_font_embedded_and_reads_the_heading_and_digits_back(statement, pdf_file):
    require("pdffonts", "pdftotext")
    listing = run("pdffonts", pdf_file).decode().splitlines()[2:]
    assert listing
    for line in listing:  # name, type, encoding, then emb sub uni and the object id
        assert line.split()[-5] == "yes", line
    text = run("pdftotext", "-layout", pdf_file, "-").decode()
    person, summary = statement.person, statement.summary
    assert HEADING in text and person.name in text and person.masked_id_number in text
    pension = next(t for t in summary["types"] if t["type"] == "pension")
    for figure in (pension["base_average"], pension["employer"], pension["individual"],
                   summary["account"]["credited"], summary["account"]["closing"]):
        assert figure in text, figure


def page_image(command: list[str]) -> Image.Image:
    return Image.open(io.BytesIO(run(*command))).convert("L")


def test_poppler_and_ghostscript_draw_the_same_page(pdf_file):
    require("pdftoppm", "gs")
    poppler = page_image(["pdftoppm", "-r", "72", "-gray", "-singlefile", "-png", pdf_file])
    ghostscript = page_image(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pnggray", "-r72",
                              "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", "-sOutputFile=-", pdf_file])
    width, height = min(poppler.width, ghostscript.width), min(poppler.height, ghostscript.height)
    poppler, ghostscript = poppler.crop((0, 0, width, height)), ghostscript.crop((0, 0, width, height))
    assert 255 - ImageStat.Stat(poppler).mean[0] > 2  # the page is drawn: text and tables, not a blank sheet
    # Compared in cells of 6 x 6 pt: anti-aliasing differs a little between the two, a missing or boxed glyph
    # a lot (with STSong-Light: up to 136 grey levels in 1 % of the cells; embedded: at most 40).
    cells = ImageChops.difference(poppler.reduce(6), ghostscript.reduce(6))
    assert cells.getextrema()[1] <= 64
