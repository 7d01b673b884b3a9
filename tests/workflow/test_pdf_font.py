"""The font the portal's PDFs embed (workflow/fonts, built by tools/cjk_font.py): what it covers, its licence,
and a document that needs a character it lacks says so in the log."""

from __future__ import annotations

import logging
from pathlib import Path

import polib

from workflow.pdf import FONT_FILE, pdf_font_missing, pdf_font_warn_missing

ROOT = Path(__file__).resolve().parents[2]


def test_every_chinese_string_of_the_portal_has_a_glyph():
    # What a PDF prints comes from the Chinese catalogue: a translation with a character outside the font
    # would print as an empty box. Add it to tools/cjk_font.py's EXTRA and build the font again.
    catalogue = polib.pofile(str(ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    text = "".join(entry.msgstr for entry in catalogue if entry.msgstr)
    assert len(text) > 10_000
    assert pdf_font_missing(text) == []


def test_every_place_and_demo_name_has_a_glyph(demo):
    from accounts.models import Region

    places = "".join(Region.objects.values_list("name", flat=True))
    names = "".join(person.name for person in demo["persons"])
    assert "垦利区" in places and names
    assert pdf_font_missing(places + names) == []


def test_all_of_gb_2312_digits_and_latin_are_covered():
    level_1_and_2 = "".join(bytes([row, cell]).decode("gb2312") for row in range(0xB0, 0xF8)
                            for cell in range(0xA1, 0xFF) if (row, cell) not in {(0xD7, c) for c in range(0xFA, 0xFF)})
    assert len(level_1_and_2) == 6763
    assert pdf_font_missing(level_1_and_2 + "0123456789.,-*/:()ABCXYZabcxyz（）：，。、¥—·") == []


def test_a_character_outside_the_font_is_named_in_the_log(caplog):
    assert pdf_font_missing("张堃 王喆") == ["堃", "喆"]
    with caplog.at_level(logging.WARNING, logger="workflow.pdf"):
        pdf_font_warn_missing("张堃", document="rights statement")
    assert "rights statement: no glyph in NotoSansSC-GB2312.ttf for 堃" in caplog.text


def test_the_font_ships_with_its_licence():
    licence = (FONT_FILE.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
    assert FONT_FILE.stat().st_size < 3_000_000  # a subset, not the 19 MB collection

