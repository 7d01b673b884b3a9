"""Every CSV the portal hands out goes through one function that keeps spreadsheet programs from running a cell
as a formula: = + - @, tab and carriage return first, after white space, and their full-width forms."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.exports import csv_cell

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ["=1+1", "+1", "-1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "\n=1+1", " =1+1", "  +cmd|' /C calc'!A0",
           "\u3000=1+1", "\u00a0=1", "＝HYPERLINK(\"http://x\")", "＋1", "－1", "＠SUM(A1)", "\t", "\r"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_is_neutralised(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["张三", "5000.00", "370502198001011234", "", "a=b", "王-明", "x@y.cn", None])
def test_other_cells_are_left_as_they_are(value):
    assert csv_cell(value) == ("" if value is None else value)


@pytest.mark.django_db
def test_the_employer_wage_list_download_neutralises_names(client):
    from tests.employer_online.helpers import employer_with_logins, hire

    _employer, admin, staff = employer_with_logins()
    names = ["\t=1+1", "＝HYPERLINK(\"http://evil\")", " @SUM(A1)"]
    for name in names:
        hire(admin, name=name)
    client.force_login(staff)
    response = client.get(reverse("employer:declaration-template"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row[1] for row in rows[1:]) == sorted("'" + n for n in names)


# The bank interchange files (docs/bank-files.md) have their own layout (no BOM, a checksum trailer): their writer
# passes every cell through csv_cell (tests/employment/test_batches.py), and the batch view serves that file.
OWN_LAYOUT = {"employment/rules/bankfile.py", "employment/views/batches.py"}


def test_no_csv_is_written_outside_the_one_export_function():
    """A new export must use accounts.exports.csv_response, not its own csv.writer or text/csv response."""
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "var/", "benchmarks/")) or relative in OWN_LAYOUT | {
                "accounts/exports.py"}:
            continue
        if re.search(r"csv\.(writer|DictWriter)|text/csv", path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == []
