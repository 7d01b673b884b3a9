"""The office head's board and the bureau leader's city overview: overdue work, alerts, loads, on-time rates."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tests.workflow.backoffice_support import accept, decide, sh
from workflow.models import CaseStep
from workflow.rules.states import Status
from workflow.services import case_claim, escalation_sweep

pytestmark = pytest.mark.django_db

NOW = sh(2026, 3, 12, 10)
BOARD = reverse("workflow:head-board")
OVERVIEW = reverse("workflow:city-overview")


@pytest.fixture
def office(users, test_services):
    """河口区: one case overdue in the queue, one in the reviewer's hands, two decided (one late), one decided
    long ago; 东营区: one open case. The sweep has run: 河口区's head is warned about the overdue one."""
    overdue = accept(users, at=sh(2026, 3, 2, 10))  # due 3/9 17:00
    open_mine = accept(users, at=sh(2026, 3, 6, 10))
    case_claim(case=open_mine, actor=users["reviewer"])
    decide(accept(users, at=sh(2026, 3, 2, 11)), users, at=sh(2026, 3, 5, 10))  # in time
    decide(accept(users, at=sh(2026, 3, 2, 12)), users, at=sh(2026, 3, 10, 10), approve=False)  # late
    decide(accept(users, at=sh(2026, 1, 5, 10)), users, at=sh(2026, 1, 6, 10))  # outside the 30 days
    elsewhere = accept(users, district="370502001", clerk="clerk2", at=sh(2026, 3, 6, 10))
    escalation_sweep(now=NOW)
    return {"overdue": overdue, "open_mine": open_mine, "elsewhere": elsewhere}


def get(client, user, url):
    client.force_login(user)
    with freeze_time(NOW):
        return client.get(url)


def test_the_board_shows_overdue_work_and_the_queue_with_assignment_in_place(client, users, office):
    response = get(client, users["head"], BOARD)
    board = response.context["board"]
    assert [c.number for c in board.overdue] == [office["overdue"].number]
    assert board.counts["all"] == 2 and board.counts["overdue"] == 1
    html = response.content.decode()
    assert reverse("workflow:case-assign", kwargs={"number": office["overdue"].number}) in html
    assert office["elsewhere"].number not in html
    assert {r.username for r in board.reviewers} == {"reviewer", "head"}


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_an_overdue_case_nobody_claimed_is_listed_once_under_overdue_marked_not_claimed(client, users, office):
    in_time = accept(users, at=sh(2026, 3, 11, 10))  # in the queue, due 3/18
    response = get(client, users["head"], BOARD)
    board = response.context["board"]
    assert [c.number for c in board.overdue] == [office["overdue"].number]
    assert [c.number for c in board.queue] == [in_time.number]
    assert (board.counts["queue_in_time"], board.counts["overdue_unclaimed"]) == (1, 1)
    html = response.content.decode()
    overdue, queue = _section(html, "overdue-h"), _section(html, "queue-h")
    detail = office["overdue"].get_absolute_url()
    assert overdue.count(f'href="{detail}"') == 1 and detail not in queue
    assert in_time.get_absolute_url() in queue and in_time.get_absolute_url() not in overdue
    assert "未领取" in overdue and "其中1件尚无人领取" in overdue
    assert "待领取的业务（未超期）" in queue and '<span class="badge">1</span>' in queue


def test_the_head_sends_a_queued_case_to_another_back_office_from_the_board(client, users, office):
    html = get(client, users["head"], BOARD).content.decode()
    url = reverse("workflow:case-reassign", kwargs={"number": office["overdue"].number})
    assert url in html
    with freeze_time(NOW):
        response = client.post(url, {"office": users["reviewer2"].office_id, "next": BOARD}, follow=True)
    assert response.redirect_chain[-1][0] == BOARD
    assert response.context["board"].counts["all"] == 1
    office["overdue"].refresh_from_db()
    assert office["overdue"].jurisdiction_office_id == users["reviewer2"].office_id


def test_each_reviewer_has_their_load_and_on_time_rate_over_30_days(client, users, office):
    board = get(client, users["head"], BOARD).context["board"]
    loads = {load.staff_number: load for load in board.loads}
    mine = loads[users["reviewer"].staff_number]
    assert (mine.open, mine.decided, mine.on_time, mine.rate) == (1, 2, 1, 50)
    head = loads[users["head"].staff_number]
    assert (head.open, head.decided, head.rate) == (0, 0, None)
    assert (board.on_time, board.counted, board.rate) == (1, 3, 33)  # the overdue case in the queue is late too


def test_warnings_to_the_office_are_acknowledged_from_the_board(client, users, office):
    response = get(client, users["head"], BOARD)
    alerts = response.context["board"].alerts
    assert [(a.case_id, a.step) for a in alerts] == [(office["overdue"].pk, "warn")]
    url = reverse("workflow:alert-acknowledge", kwargs={"pk": alerts[0].pk})
    for outsider in ("reviewer", "head2", "leader"):  # not addressed to them
        client.force_login(users[outsider])
        assert client.post(url).status_code == 404, outsider
    assert CaseStep.objects.get(pk=alerts[0].pk).acknowledged_at is None
    client.force_login(users["head"])
    response = client.post(url, {"next": BOARD}, follow=True)
    assert response.redirect_chain[-1][0] == BOARD
    assert response.context["board"].alerts == [] and response.context["board"].alert_count == 0
    assert CaseStep.objects.get(pk=alerts[0].pk).acknowledged_at is not None


def test_the_head_of_another_office_sees_only_theirs(client, users, office):
    board = get(client, users["head2"], BOARD).context["board"]
    assert board.counts["all"] == 1 and board.overdue == [] and board.alerts == []


def test_the_overview_gives_every_back_office_its_figures(client, users, office):
    escalation_sweep(now=sh(2026, 3, 16, 10))  # the overdue case now goes up to the leadership
    response = get(client, users["leader"], OVERVIEW)
    rows = {row.office.code: row for row in response.context["offices"]}
    hekou, dongying = rows["BACK-370503"], rows["BACK-370502"]
    assert (hekou.open, hekou.overdue, hekou.escalated, hekou.decided, hekou.rate) == (2, 1, 1, 2, 33)
    assert (dongying.open, dongying.overdue, dongying.escalated, dongying.decided) == (1, 0, 0, 0)
    assert rows["BACK-370522"].open == 0 and rows["BACK-370522"].rate is None
    total = response.context["total"]
    assert (total.open, total.overdue, total.escalated) == (3, 1, 1)
    html = response.content.decode()
    assert reverse("workflow:office-cases", kwargs={"code": "BACK-370503"}) in html


def test_escalations_reach_the_leader_who_acknowledges_them(client, users, office):
    escalation_sweep(now=sh(2026, 3, 16, 10))
    response = get(client, users["leader"], OVERVIEW)
    alerts = response.context["alerts"]
    assert {(a.case_id, a.step) for a in alerts} == {(office["overdue"].pk, "escalate-1"),
                                                     (office["overdue"].pk, "escalate-2")}
    client.force_login(users["head"])
    url = reverse("workflow:alert-acknowledge", kwargs={"pk": alerts[0].pk})
    assert client.post(url).status_code == 404
    client.force_login(users["leader"])
    assert client.post(url, {"next": OVERVIEW}).status_code == 302
    assert get(client, users["leader"], OVERVIEW).context["alert_count"] == 1


def test_the_leader_drills_down_into_an_office_without_acting_on_its_cases(client, users, office):
    response = get(client, users["leader"], reverse("workflow:office-cases", kwargs={"code": "BACK-370503"}))
    listing = response.context["listing"]
    assert {c.number for c in listing.rows} == {office["overdue"].number, office["open_mine"].number}
    assert "mine" not in {key for key, _label, _count in listing.tabs}
    html = response.content.decode()
    assert reverse("workflow:case-claim", kwargs={"number": office["overdue"].number}) not in html
    overdue = get(client, users["leader"], reverse("workflow:office-cases", kwargs={"code": "BACK-370503"})
                  + "?filter=overdue").context["listing"]
    assert [c.number for c in overdue.rows] == [office["overdue"].number]
    assert get(client, users["leader"], reverse("workflow:office-cases", kwargs={"code": "HALL-370503"})
               ).status_code == 404


def test_menus_and_home_pages_follow_the_role(client, users):
    expected = {"reviewer": ("workflow:workbench", {"workflow:workbench"}),
                "head": ("workflow:head-board", {"workflow:workbench", "workflow:head-board"}),
                "leader": ("workflow:city-overview", {"workflow:city-overview"}),
                "admin": ("accounts:staff-home", set())}
    ours = {"workflow:workbench", "workflow:head-board", "workflow:city-overview"}
    for role, (home, menu) in expected.items():
        client.force_login(users[role])
        response = client.get(reverse("accounts:home"))
        assert response["Location"] == reverse(home), role
        nav = client.get(reverse("accounts:staff-home")).context["staff_nav"]
        assert {item["url_name"] for item in nav} & ours == menu, role


def _grow(users, n):
    for i in range(n):
        case = accept(users, at=sh(2026, 3, 2 + i % 5, 9, i), district=("370503001", "370502001")[i % 2],
                      clerk=("clerk", "clerk2")[i % 2])
        reviewer = ("reviewer", "reviewer2")[i % 2]
        if i % 3 == 0:
            decide(case, users, at=sh(2026, 3, 9, 9, i), reviewer=reviewer, approve=bool(i % 2))
        elif i % 3 == 1:
            case_claim(case=case, actor=users[reviewer])
    escalation_sweep(now=NOW)


# user, the session's second-factor device, office (permissions come from the cache); counts, overdue, queue,
# alerts (the newest to the head by name, the newest to the office, the capped count), reviewers, their figures
# (open cases, cases decided in the period: each from its own index), the other back offices, the access log's
# reading of the district this week, the halls and service points of the district and their intake (two queries:
# the offices, then their figures from roll-ups and index ranges), the employers of the area with open wage
# complaints (labour's section, issue 15) (the calendar is the pages' shared copy: no query once warm).
BOARD_QUERIES = 17
# user, the session's second-factor device, office; offices, their figures (open, decided in the period), alerts
# (to the leader by name, to the office, the capped count), the halls and service points and their intake (two queries).
OVERVIEW_QUERIES = 11


@pytest.mark.parametrize(("role", "url", "expected"), [("head", BOARD, BOARD_QUERIES),
                                                       ("leader", OVERVIEW, OVERVIEW_QUERIES)])
def test_the_board_and_overview_make_the_same_queries_however_many_cases(client, users, test_services,
                                                                        django_assert_num_queries, role, url,
                                                                        expected):
    _grow(users, 6)
    get(client, users[role], url)  # the login's first request records activity in the session
    with freeze_time(NOW), django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _grow(users, 60)
    with freeze_time(NOW), django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    assert Status.ROUTED  # the data grew with every kind of case
