"""The office board's short lists, rendered in Python (workflow.templatetags.board.assign_rows), are byte for byte
what the template loop rendered before (kept as tests/workflow/reference/assign_table_before.html)."""

from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from freezegun import freeze_time

from tests.workflow.backoffice_support import accept, decide, sh
from workflow.models import Case
from workflow.selectors.backoffice import head_board
from workflow.services import case_claim, case_request_supplement, work_calendar

pytestmark = pytest.mark.django_db

NOW = sh(2026, 3, 12, 10)
BEFORE = Path(__file__).parent / "reference" / "assign_table_before.html"


@pytest.fixture
def board(users, test_services):
    """Overdue and queued cases: unclaimed, claimed, waiting for material; a reviewer and an office whose names
    need escaping."""
    users["reviewer"].last_name = "O'Brien <b>&"
    users["reviewer"].save(update_fields=["last_name"])
    users["reviewer2"].office.name = '东营区 "后台" & <科室>'
    users["reviewer2"].office.save(update_fields=["name"])
    accept(users, at=sh(2026, 3, 2, 10))
    claimed = accept(users, at=sh(2026, 3, 2, 11))
    with freeze_time(sh(2026, 3, 3, 9)):
        case_claim(case=claimed, actor=users["reviewer"])
    waiting = accept(users, at=sh(2026, 3, 3, 10))
    with freeze_time(sh(2026, 3, 4, 9)):
        case_claim(case=waiting, actor=users["head"])
        case_request_supplement(case=waiting, actor=users["head"], materials=["身份证"], note="请补交")
    for day in (9, 10, 11):
        accept(users, at=sh(2026, 3, day, 15))
    decide(accept(users, at=sh(2026, 3, 5, 10)), users, at=sh(2026, 3, 6, 10))
    with freeze_time(NOW):
        return head_board(user=users["head"], now=NOW, calendar=work_calendar())


@pytest.mark.parametrize("table", ["overdue", "queue"])
def test_the_rows_are_what_the_template_rendered(users, board, table):
    rows = board.overdue if table == "overdue" else board.queue
    assert rows and Case.Status.ROUTED in {c.status for c in rows}
    request = RequestFactory().get("/cases/board/?filter=all&x=<1>")
    request.user = users["head"]
    context = {"rows": rows, "reviewers": board.reviewers, "offices": board.other_offices, "table": table,
               "csrf_token": "tok&en"}
    before = engines["django"].from_string(BEFORE.read_text()).render(context, request)
    after = render_to_string("workflow/partials/_assign_table.html", context, request=request)
    assert "O&#x27;Brien &lt;b&gt;&amp;" in after and "&quot;后台&quot; &amp; &lt;科室&gt;" in after
    assert after == before


def test_a_case_waiting_for_material_is_not_offered_to_another_office_and_no_list_says_none(users, board):
    rows = board.overdue
    rows[0].status = Case.Status.SUPPLEMENT_REQUESTED  # as the template reads it (such a case may hold a list)
    request = RequestFactory().get("/cases/board/")
    request.user = users["head"]
    context = {"rows": rows, "reviewers": board.reviewers, "offices": board.other_offices, "table": "overdue",
               "csrf_token": "NOTPROVIDED"}
    before = engines["django"].from_string(BEFORE.read_text()).render(context, request)
    after = render_to_string("workflow/partials/_assign_table.html", context, request=request)
    assert after == before
    assert after.count("send-elsewhere") == len(rows) - 1 and "csrfmiddlewaretoken" not in after  # no token: none
    empty = render_to_string("workflow/partials/_assign_table.html", {"rows": [], "table": "queue"})
    assert "<table" not in empty and empty == engines["django"].from_string(BEFORE.read_text()).render(
        {"rows": [], "table": "queue"})
