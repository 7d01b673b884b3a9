"""The on-time rate of the board (per office and per reviewer) and of the city overview: an open case already past
its deadline is late now, and the pages say what the rate counts."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tests.workflow.backoffice_support import accept, decide, sh
from workflow.rules.ontime import on_time_rate
from workflow.services import case_claim

NOW = sh(2026, 3, 12, 10)


@pytest.mark.parametrize(("on_time", "decided", "overdue", "rate"), [
    (10, 10, 0, 100), (10, 10, 10, 50), (0, 0, 3, 0), (2, 3, 0, 67), (0, 0, 0, None), (1, 1, 2, 33),
])
def test_the_rate_counts_decided_cases_and_open_ones_already_overdue(on_time, decided, overdue, rate):
    assert on_time_rate(on_time=on_time, decided=decided, overdue=overdue) == rate


@pytest.fixture
def late_work(users, test_services):
    """河口区: one case decided in time; one in the reviewer's hands and one still in the queue, both overdue
    (due 3/9 17:00). Nothing was decided late, so a rate of decided cases only would read 100%."""
    decide(accept(users, at=sh(2026, 3, 2, 11)), users, at=sh(2026, 3, 5, 10))
    held = accept(users, at=sh(2026, 3, 2, 10))
    with freeze_time(sh(2026, 3, 3, 10)):
        case_claim(case=held, actor=users["reviewer"])
    accept(users, at=sh(2026, 3, 2, 9))


def page(client, user, name):
    client.force_login(user)
    with freeze_time(NOW):
        return client.get(reverse(name))


@pytest.mark.django_db
def test_an_overdue_open_case_lowers_the_reviewers_and_the_offices_rate_on_the_board(client, users, late_work):
    response = page(client, users["head"], "workflow:head-board")
    board = response.context["board"]
    mine = next(load for load in board.loads if load.staff_number == users["reviewer"].staff_number)
    assert (mine.decided, mine.on_time, mine.overdue, mine.rate) == (1, 1, 1, 50)
    assert (board.on_time, board.counted, board.rate) == (1, 3, 33)  # the unclaimed overdue case counts too
    html = response.content.decode()
    assert "按时办结率" in html and "33%" in html and "100%" not in html
    assert "按时办结1件，共3件" in html
    assert "已超期未办结的业务已不可能按时办结" in html  # the page says what the rate counts


@pytest.mark.django_db
def test_the_city_overview_counts_overdue_open_cases_as_late(client, users, late_work):
    response = page(client, users["leader"], "workflow:city-overview")
    hekou = next(row for row in response.context["offices"] if row.office.code == "BACK-370503")
    assert (hekou.decided, hekou.on_time, hekou.overdue, hekou.rate) == (1, 1, 2, 33)
    total = response.context["total"]
    assert (total.overdue, total.rate) == (2, 33)
    html = response.content.decode()
    assert "33%" in html and "100%" not in html
    assert "已超期未办结的业务已不可能按时办结" in html
