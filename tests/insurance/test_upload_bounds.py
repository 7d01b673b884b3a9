"""A wage list is read as a stream within bounds checked before anything is unpacked: half a megabyte of .xlsx
holding millions of tiny rows, a flood of blank lines or a file that takes too long is refused at once with a
clear message, and nothing is written."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from insurance.exceptions import RowErrors
from insurance.services.uploads import wage_rows_parse

_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}
_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><dimension ref="%s"/><sheetData>')
_SHEET_TAIL = b"</sheetData></worksheet>"
ROW = (b'<row><c t="inlineStr"><is><t>370502198001011234</t></is></c><c t="inlineStr"><is><t>x</t></is></c>'
       b'<c><v>5000</v></c></row>')
BLANK = b"<row/>"
TINY = b"<row><c><v>1</v></c></row>"


def xlsx(rows: int, *, row: bytes = ROW, tail: bytes = _SHEET_TAIL, dimension: str = "A1:C1") -> bytes:
    """A real .xlsx whose sheet holds `rows` copies of `row`, written straight into the zip in chunks (millions
    of rows take a fraction of a second and a few hundred kilobytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_SHEET_HEAD % dimension.encode())
            chunk = row * 10_000
            for _ in range(rows // 10_000):
                sheet.write(chunk)
            sheet.write(row * (rows % 10_000))
            sheet.write(tail)
    return buffer.getvalue()


def refusal(name: str, content: bytes) -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(RowErrors) as exc:
        wage_rows_parse(file_name=name, content=content)
    return exc.value.message, time.monotonic() - started


def test_the_generated_spreadsheet_is_a_real_one():
    rows = wage_rows_parse(file_name="w.xlsx", content=xlsx(3))
    assert [(r.row, r.id_number, r.wage) for r in rows] == [(n, "370502198001011234", "5000") for n in (1, 2, 3)]


def test_millions_of_tiny_rows_in_half_a_megabyte_are_refused_before_anything_is_unpacked():
    content = xlsx(3_000_000, row=TINY)
    assert len(content) < 512 * 1024
    message, seconds = refusal("w.xlsx", content)
    assert "25 MB" in message and "20,000" in message
    assert seconds < 2


def test_reading_stops_at_the_row_limit_without_reading_further():
    # Past row 20,001 the sheet is broken: a reader that went on (or held the whole sheet) would say so instead.
    content = xlsx(60_000, tail=b"<row><c><v>broken")
    message, _seconds = refusal("w.xlsx", content)
    assert message == _("A file holds at most %(max)s rows.") % {"max": 20000}


def test_a_flood_of_blank_rows_is_refused_by_the_line_limit():
    message, _seconds = refusal("w.xlsx", xlsx(200_000, row=BLANK))
    assert "25,000" in message
    message, _seconds = refusal("w.csv", b"370502198001011234,x,5000\n" + b"\n" * 1_000_000)
    assert "25,000" in message


def test_reading_stops_when_it_takes_too_long(monkeypatch):
    monkeypatch.setattr("insurance.services.tables.MAX_SECONDS", -1)
    message, _seconds = refusal("w.xlsx", xlsx(2_000))
    assert "时间过长" in message


@pytest.mark.parametrize("dimension", ["A1:C1", "A1:XFD1048576"])
def test_a_dimension_that_lies_neither_drops_rows_nor_pads_them(dimension):
    started = time.monotonic()
    rows = wage_rows_parse(file_name="w.xlsx", content=xlsx(3, dimension=dimension))
    assert len(rows) == 3 and time.monotonic() - started < 2


def test_a_csv_field_too_long_for_the_reader_is_a_message_not_a_500():
    message, _seconds = refusal("w.csv", b'"' + b"x" * 200_000 + b'"\n')
    assert message


@pytest.mark.django_db
def test_the_employer_upload_refuses_the_bomb_quickly_and_writes_nothing(client, users):
    from insurance.models import Declaration

    client.force_login(users["employer_admin"])
    before = Declaration.objects.count()
    bomb = SimpleUploadedFile("wages.xlsx", xlsx(3_000_000, row=TINY))
    started = time.monotonic()
    response = client.post(reverse("employer:declaration-upload"), {
        "month": f"{timezone.localdate():%Y-%m}", "file": bomb})
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert any("25 MB" in str(m) for m in response.context["messages"])
    assert Declaration.objects.count() == before
