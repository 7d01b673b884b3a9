"""CSV files the portal hands out (every export goes through csv_response): UTF-8 with a BOM so that spreadsheet
programs read the Chinese, and no cell a spreadsheet program would run as a formula (CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse

# What makes a spreadsheet program read a cell as a formula (OWASP's CSV injection list: = + - @, tab and carriage
# return), with the full-width forms a Chinese keyboard types, which Excel and WPS also take for the ASCII ones.
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
# Leading white space does not stop a formula: " =1+1" and "\u3000=1+1" still run in some programs.
_BLANKS = " \t\r\n\u3000\u00a0"


def csv_cell(value) -> str:
    """The value as text a spreadsheet program shows as it is: a leading apostrophe before anything it would run."""
    text = "" if value is None else str(value)
    if text and (text[0] in FORMULA_STARTS or text.lstrip(_BLANKS)[:1] in FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(*, filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download whose every cell, the header's too, went through csv_cell."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(v) for v in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
