"""The reviewer's workbench: my office's open cases by deadline, filters, countdowns, claiming, pages, queries."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tests.factories import OfficeFactory, StaffFactory, region
from tests.workflow.backoffice_support import accept, sh
from workflow.rules.states import Status
from workflow.services import case_approve, case_claim, case_request_supplement

pytestmark = pytest.mark.django_db

NOW = sh(2026, 3, 12, 10)  # a Thursday
WORKBENCH = reverse("workflow:workbench")


@pytest.fixture
def cases(users, test_services):
    """Overdue (due 3/9), due soon (3/12 17:00), plenty of time (3/13), mine, waiting; and some not for this list."""
    overdue = accept(users, at=sh(2026, 3, 2, 10))
    soon = accept(users, at=sh(2026, 3, 5, 10))
    later = accept(users, at=sh(2026, 3, 6, 10))
    mine = accept(users, at=sh(2026, 3, 6, 11))
    waiting = accept(users, at=sh(2026, 3, 6, 12))
    with freeze_time(sh(2026, 3, 9, 10)):
        case_claim(case=mine, actor=users["reviewer"])
        case_claim(case=waiting, actor=users["reviewer"])
        case_request_supplement(case=waiting, actor=users["reviewer"], materials=["form"])
        done = accept(users, at=sh(2026, 3, 9, 9))
        case_claim(case=done, actor=users["reviewer"])
        case_approve(case=done, actor=users["reviewer"])
    elsewhere = accept(users, district="370502001", clerk="clerk2")  # 东营区's back office
    return {"overdue": overdue, "soon": soon, "later": later, "mine": mine, "waiting": waiting, "done": done,
            "elsewhere": elsewhere}


def numbers(response) -> list[str]:
    return [case.number for case in response.context["listing"].rows]


def get(client, user, url=WORKBENCH, **params):
    client.force_login(user)
    with freeze_time(NOW):
        return client.get(url, params)


def test_my_offices_open_cases_by_deadline_with_their_countdowns(client, users, cases):
    response = get(client, users["reviewer"])
    assert response.status_code == 200
    c = cases
    assert numbers(response) == [c["overdue"].number, c["soon"].number, c["later"].number, c["mine"].number,
                                 c["waiting"].number]
    html = response.content.decode()
    assert c["elsewhere"].number not in html and c["done"].number not in html
    rows = {case.number: case.countdown for case in response.context["listing"].rows}
    assert rows[c["overdue"].number].css == "countdown-overdue"
    assert rows[c["soon"].number].css == "countdown-soon"
    assert rows[c["later"].number].css == "" and rows[c["waiting"].number].state == "paused"
    assert html.count('class="countdown countdown-overdue"') == 1 and html.count("countdown-soon") >= 1


def test_the_list_shows_the_masked_applicant_channel_and_accepting_office(client, users, cases):
    person = cases["soon"].person
    html = get(client, users["reviewer"]).content.decode()
    assert person.masked_id_number in html and person.id_number not in html
    assert person.masked_name in html and person.name not in html
    assert "广饶县人社服务大厅" in html and "窗口" in html


@pytest.mark.parametrize(("name", "expected"), [
    ("mine", ["mine", "waiting"]), ("queue", ["overdue", "soon", "later"]), ("soon", ["soon"]),
    ("overdue", ["overdue"]), ("waiting", ["waiting"]), ("nonsense", ["overdue", "soon", "later", "mine", "waiting"]),
])
def test_filters(client, users, cases, name, expected):
    response = get(client, users["reviewer"], filter=name)
    assert numbers(response) == [cases[key].number for key in expected]
    counts = response.context["listing"].counts
    assert counts == {"all": 5, "mine": 2, "queue": 3, "soon": 1, "overdue": 1, "waiting": 1}


def test_a_case_paused_after_its_deadline_counts_as_overdue(client, users, test_services):
    late = accept(users, at=sh(2026, 3, 2, 10))
    case_claim(case=late, actor=users["reviewer"])
    with freeze_time(sh(2026, 3, 10, 10)):  # the deadline was 3/9 17:00
        case_request_supplement(case=late, actor=users["reviewer"], materials=["form"])
    response = get(client, users["reviewer"], filter="overdue")
    assert numbers(response) == [late.number]
    assert "countdown-overdue" in response.content.decode()


def test_a_reviewer_claims_from_the_list_and_stays_on_it(client, users, cases):
    client.force_login(users["reviewer"])
    url = reverse("workflow:case-claim", kwargs={"number": cases["later"].number})
    with freeze_time(NOW):
        response = client.post(url, {"next": f"{WORKBENCH}?filter=queue"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{WORKBENCH}?filter=queue"
    cases["later"].refresh_from_db()
    assert cases["later"].status == Status.IN_REVIEW and cases["later"].reviewer == users["reviewer"]
    assert cases["later"].number in response.content.decode()  # the success message names it
    assert numbers(response) == [cases["overdue"].number, cases["soon"].number]


def test_a_case_claimed_meanwhile_gives_a_clear_message_and_changes_nothing(client, users, cases):
    case_claim(case=cases["later"], actor=users["head"])
    client.force_login(users["reviewer"])
    url = reverse("workflow:case-claim", kwargs={"number": cases["later"].number})
    response = client.post(url, {"next": WORKBENCH}, follow=True)
    assert "此业务已不在待领取队列中" in response.content.decode()
    cases["later"].refresh_from_db()
    assert cases["later"].reviewer == users["head"]


def test_the_list_is_paginated(client, users, test_services):
    for day in range(30):
        accept(users, at=sh(2026, 3, 2 + day % 5, 9, day))
    first = get(client, users["reviewer"])
    assert len(numbers(first)) == 25 and first.context["listing"].page.paginator.num_pages == 2
    second = get(client, users["reviewer"], page=2)
    assert len(numbers(second)) == 5 and not set(numbers(first)) & set(numbers(second))
    assert numbers(get(client, users["reviewer"], page="x")) == numbers(first)
    assert numbers(get(client, users["reviewer"], page=99)) == numbers(second)


def test_staff_outside_a_back_office_get_an_explanation_not_an_error(client, users):
    hall_reviewer = StaffFactory(office=OfficeFactory(kind="hall", region=region("370503")), roles=["reviewer"])
    response = get(client, hall_reviewer)
    assert response.status_code == 200 and response.context["listing"] is None


def test_pages_are_in_chinese_by_default(client, users, cases):
    html = get(client, users["reviewer"]).content.decode()
    assert "工作台" in html and "已超期" in html and "领取" in html


def _grow(users, n):
    for i in range(n):
        case = accept(users, at=sh(2026, 3, 2 + i % 5, 9, i))
        if i % 3 == 0:
            case_claim(case=case, actor=users["reviewer"])
        if i % 6 == 0:
            case_request_supplement(case=case, actor=users["reviewer"], materials=["form"])


# user, the session's second-factor device,
# its office (the layout), the counts, the page of cases (the calendar is the
# pages' shared copy: no query once warm; nor the permission sets, accounts/permission_cache.py).
WORKBENCH_QUERIES = 5


@pytest.mark.parametrize("filter_name", ["all", "mine", "overdue"])
def test_the_workbench_makes_the_same_few_queries_however_many_cases(client, users, test_services,
                                                                    django_assert_num_queries, filter_name):
    url = f"{WORKBENCH}?filter={filter_name}"
    _grow(users, 3)
    get(client, users["reviewer"])  # the login's first request records activity in the session
    with freeze_time(NOW), django_assert_num_queries(WORKBENCH_QUERIES):
        assert client.get(url).status_code == 200
    _grow(users, 40)
    with freeze_time(NOW), django_assert_num_queries(WORKBENCH_QUERIES):
        response = client.get(url)
    assert response.context["listing"].counts["all"] == 43
