"""Reading wage-base lists (CSV or XLSX) into rows, for the counter and the employer's online upload alike."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from insurance.exceptions import RowErrors

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024
# Header labels recognised for each column (lower-cased, spaces removed).
HEADERS = {
    "id_number": {"身份证号码", "公民身份号码", "身份证号", "证件号码", "id_number", "idnumber", "identitynumber"},
    "name": {"姓名", "name"},
    "wage": {"缴费工资", "申报工资", "工资", "缴费基数", "wage", "base", "monthlywage"},
}


@dataclass(frozen=True)
class WageRow:
    row: int  # the row number in the file, as the user sees it
    id_number: str
    name: str
    wage: str


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
    raise RowErrors(_("The file is neither UTF-8 nor GBK text."), errors=[])


def _table(file_name: str, content: bytes) -> list[list[str]]:
    if file_name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:
            raise RowErrors(_("The spreadsheet cannot be read."), errors=[]) from exc
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if file_name.lower().endswith((".csv", ".txt")):
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(_decode(content)))]
    raise RowErrors(_("Upload a .csv or .xlsx file."), errors=[])


def _columns(header: list[str]) -> dict[str, int] | None:
    found = {}
    for index, label in enumerate(header):
        key = label.lower().replace(" ", "").replace("_", "") if label else ""
        for column, labels in HEADERS.items():
            if key in {v.replace("_", "") for v in labels}:
                found.setdefault(column, index)
    return found if {"id_number", "wage"} <= set(found) else None


def wage_rows_parse(*, file_name: str, content: bytes) -> list[WageRow]:
    """Rows of (identity number, name, wage) as text, numbered as in the file. A header row is recognised by
    its labels; without one, the columns are identity number, name, wage. Empty rows are skipped."""
    if len(content) > MAX_BYTES:
        raise RowErrors(_("The file is larger than 10 MB."), errors=[])
    table = _table(file_name, content)
    columns = _columns(table[0]) if table else None
    start = 1 if columns else 0
    columns = columns or {"id_number": 0, "name": 1, "wage": 2}
    rows = []
    for number, cells in enumerate(table[start:], start=start + 1):
        if not any(cells):
            continue

        def get(column: str, cells=cells) -> str:
            index = columns.get(column)
            return cells[index] if index is not None and index < len(cells) else ""

        rows.append(WageRow(row=number, id_number=get("id_number"), name=get("name"), wage=get("wage")))
    if not rows:
        raise RowErrors(_("The file has no rows."), errors=[])
    if len(rows) > MAX_ROWS:
        raise RowErrors(_("A file holds at most %(max)s rows.") % {"max": MAX_ROWS}, errors=[])
    return rows


def wage_rows_from_text(text: str) -> list[WageRow]:
    """Lines typed or pasted as "identity number, name, wage" (or "identity number, wage")."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [c.strip() for c in line.replace("，", ",").replace("\t", ",").split(",")]
        if not any(cells):
            continue
        if len(cells) == 2:
            cells = [cells[0], "", cells[1]]
        cells += [""] * (3 - len(cells))
        rows.append(WageRow(row=number, id_number=cells[0], name=cells[1], wage=cells[2]))
    return rows
