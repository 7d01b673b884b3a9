"""Reading wage-base lists (CSV or XLSX) into rows, for the counter and the employer's online upload alike."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from insurance.exceptions import RowErrors
from insurance.services.tables import MAX_BYTES, MAX_DATA_ROWS, table_rows

MAX_ROWS = MAX_DATA_ROWS
__all__ = ["MAX_BYTES", "MAX_ROWS", "WageRow", "wage_rows_from_text", "wage_rows_parse"]

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


def _columns(header: list[str]) -> dict[str, int] | None:
    found = {}
    for index, label in enumerate(header):
        key = label.lower().replace(" ", "").replace("_", "") if label else ""
        for column, labels in HEADERS.items():
            if key in {v.replace("_", "") for v in labels}:
                found.setdefault(column, index)
    return found if {"id_number", "wage"} <= set(found) else None


def _get(cells: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    return cells[index] if index is not None and index < len(cells) else ""


def wage_rows_parse(*, file_name: str, content: bytes) -> list[WageRow]:
    """Rows of (identity number, name, wage) as text, numbered as in the file. A header row is recognised by
    its labels; without one, the columns are identity number, name, wage. Empty rows are skipped. The file is
    read as a stream and refused as soon as it holds more than MAX_ROWS rows (tables.table_rows bounds the rest)."""
    rows: list[WageRow] = []
    columns = None
    for number, cells in enumerate(table_rows(file_name=file_name, content=content), start=1):
        if number == 1:
            columns = _columns(cells)
            if columns is not None:
                continue
            columns = {"id_number": 0, "name": 1, "wage": 2}
        if not any(cells):
            continue
        if len(rows) == MAX_ROWS:
            raise RowErrors(_("A file holds at most %(max)s rows.") % {"max": MAX_ROWS}, errors=[])
        rows.append(WageRow(row=number, id_number=_get(cells, columns, "id_number"),
                            name=_get(cells, columns, "name"), wage=_get(cells, columns, "wage")))
    if not rows:
        raise RowErrors(_("The file has no rows."), errors=[])
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
