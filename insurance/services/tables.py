"""Uploaded tables (CSV or XLSX) read as a stream of rows within bounds checked before anything is unpacked: an
.xlsx is a zip, and half a megabyte of it can hold millions of rows that would hold a web worker's memory and
time until it is killed."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _

from insurance.exceptions import RowErrors

MAX_BYTES = 10 * 1024 * 1024
# What an .xlsx may unpack to: a wage list of 20,000 rows unpacks to a few megabytes.
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
# The data rows a file may hold (the wage list's limit) and the lines read at most, blank ones included.
MAX_DATA_ROWS = 20_000
MAX_LINES = 25_000
MAX_COLUMNS = 50
# Reading stops after this long (seconds): the rest of the site needs the worker.
MAX_SECONDS = 10.0
_EOCD = b"PK\x05\x06"  # the zip's end-of-central-directory record


def _refuse(message: str) -> RowErrors:
    return RowErrors(message, errors=[])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse(_("The file is neither UTF-8 nor GBK text."))


def _check_zip(content: bytes) -> None:
    """Refuse a spreadsheet whose parts would unpack to too much, from the zip's directory alone (its declared
    sizes bound what is unpacked: a part that unpacks to more fails its checksum)."""
    end = content.rfind(_EOCD, max(0, len(content) - 65_557))
    if end < 0:
        raise _refuse(_("The spreadsheet cannot be read."))
    if int.from_bytes(content[end + 10:end + 12], "little") > MAX_ZIP_ENTRIES:
        raise _refuse(_("The spreadsheet holds too many parts: save the wage list alone as a new .xlsx or .csv."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _refuse(_("The spreadsheet cannot be read.")) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(_("The spreadsheet unpacks to more than %(mb)s MB, far more than a wage list needs: keep "
                        "only the wage list (at most %(rows)s rows) and save it again.")
                      % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024), "rows": f"{MAX_DATA_ROWS:,}"})


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    _check_zip(content)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        raise _refuse(_("The spreadsheet cannot be read.")) from exc
    try:
        try:
            sheet = book.worksheets[0]
        except IndexError as exc:
            raise _refuse(_("The spreadsheet cannot be read.")) from exc
        # What the file says of its own size is not trusted: too small would drop rows, too large would pad every
        # row to thousands of empty cells. The columns a wage list uses are among the first few.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # a damaged sheet is found only while it is read
                raise _refuse(_("The spreadsheet cannot be read.")) from exc
            yield [_cell(v) for v in row]
    finally:
        book.close()


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(_decode(content)))
    try:
        for row in reader:
            yield [c.strip() for c in row]
    except csv.Error as exc:
        raise _refuse(_("The CSV file cannot be read: %(reason)s") % {"reason": exc}) from exc


def table_rows(*, file_name: str, content: bytes) -> Iterator[list[str]]:
    """The rows of the file's first sheet as text, blank ones included, numbered from 1 by the caller. Stops with
    RowErrors at MAX_LINES lines or MAX_SECONDS, whatever the file claims about itself."""
    if len(content) > MAX_BYTES:
        raise _refuse(_("The file is larger than 10 MB."))
    name = file_name.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(content)
    else:
        raise _refuse(_("Upload a .csv or .xlsx file."))
    deadline = time.monotonic() + MAX_SECONDS
    try:
        for count, row in enumerate(rows, start=1):
            if count > MAX_LINES:
                raise _refuse(_("The file has more than %(lines)s lines, blank ones included: keep only the wage "
                                "list (at most %(rows)s rows) and upload it again.")
                              % {"lines": f"{MAX_LINES:,}", "rows": f"{MAX_DATA_ROWS:,}"})
            if count % 500 == 0 and time.monotonic() > deadline:
                raise _refuse(_("The file takes too long to read: save the wage list alone as a new .csv or .xlsx "
                                "and upload it again."))
            yield row
    finally:
        rows.close()  # the spreadsheet's archive is closed at once, however reading ends
