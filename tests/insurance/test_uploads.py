"""Reading wage lists: CSV in UTF-8 or GBK with or without a header, XLSX, and clear refusals."""

import io

import pytest
from openpyxl import Workbook

from insurance.exceptions import RowErrors
from insurance.services.uploads import wage_rows_from_text, wage_rows_parse


def test_a_gbk_csv_with_a_chinese_header_in_any_column_order():
    content = "姓名,缴费工资,身份证号码\n张三,5000,370502198001011234\n\n李四,\"6,000.50\",37050219800101123X\n"
    rows = wage_rows_parse(file_name="工资.CSV", content=content.encode("gb18030"))
    assert [(r.row, r.id_number, r.name, r.wage) for r in rows] == [
        (2, "370502198001011234", "张三", "5000"), (4, "37050219800101123X", "李四", "6,000.50")]


def test_a_csv_without_a_header_is_identity_number_name_wage():
    rows = wage_rows_parse(file_name="w.csv", content="370502198001011234,张三,5000\n".encode())
    assert (rows[0].row, rows[0].wage) == (1, "5000")


def test_an_xlsx_keeps_row_numbers_and_whole_numbers():
    book = Workbook()
    book.active.append(["公民身份号码", "姓名", "工资"])
    book.active.append(["370502198001011234", "张三", 5000.0])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = wage_rows_parse(file_name="w.xlsx", content=buffer.getvalue())
    assert [(r.row, r.wage) for r in rows] == [(2, "5000")]


@pytest.mark.parametrize(("name", "content"), [
    ("w.pdf", b"%PDF-1.4"), ("w.xlsx", b"not a spreadsheet"), ("w.csv", b""), ("w.csv", b"\xff\xfe\x00\x81\x30"),
])
def test_unreadable_files_are_refused_clearly(name, content):
    with pytest.raises(RowErrors) as exc:
        wage_rows_parse(file_name=name, content=content)
    assert exc.value.message


def test_pasted_lines_accept_chinese_commas_tabs_and_two_columns():
    rows = wage_rows_from_text("370502198001011234，张三，5000\n37050219800101123X\t6000\n\n")
    assert [(r.row, r.name, r.wage) for r in rows] == [(1, "张三", "5000"), (2, "", "6000")]
