"""Public tracking: what the page shows and never shows, unknown and malformed codes, limits, query counts."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from accounts.models import Office
from tests.conftest import en
from tests.factories import EmployerFactory, PersonFactory, region
from workflow.models import CaseEvent, PublicTimeline
from workflow.rules.calendar import SHANGHAI
from workflow.rules.states import Status
from workflow.selectors.tracking import case_tracking, mask_organisation_name
from workflow.services import (
    case_accept,
    case_assign,
    case_claim,
    case_event_add,
    case_reject,
    case_release,
    case_request_supplement,
    case_supplement_received,
)

pytestmark = pytest.mark.django_db


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def detail(code):
    return reverse("tracking:track-detail", kwargs={"code": code})


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def person():
    return PersonFactory(name="欧阳娜娜", phone="13912345678", address="东营区西四路123号院7单元",
                         hukou_region=region("370503001"))


@pytest.fixture
def timed_case(test_services, users, person):
    with freeze_time(sh(2026, 2, 12, 10)):  # deadline: 2026-02-26 17:00 (Spring Festival in between)
        return case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person,
                           data={"amount": "987.65"}, materials=["id_card"])


def test_the_page_shows_stage_timeline_offices_staff_numbers_and_countdown(timed_case, users, client):
    case_claim(case=timed_case, actor=users["reviewer"])
    with freeze_time(sh(2026, 2, 25, 10)):
        page = html(en(client).get(detail(timed_case.tracking_code)))
    assert timed_case.number in page and timed_case.formatted_tracking_code in page
    assert "测试限时业务" in page
    assert 'class="stage stage-current" aria-current="step"><span class="sr-only">Now: </span>In review' in page
    # Each step: which office, which staff number.
    assert page.count(f'{users["clerk"].office.name} · Staff no. {users["clerk"].staff_number}') >= 2
    assert f'{users["reviewer"].office.name} · Staff no. {users["reviewer"].staff_number}' in page
    assert "Taken up for review" in page
    assert "2026-02-26 17:00" in page
    # Wednesday 10:00 to Thursday's close of business:
    assert '<p class="countdown " id="track-countdown">1 working day 7 hours left</p>' in page


def test_the_countdown_warns_when_due_soon_and_counts_past_the_deadline(timed_case, client):
    with freeze_time(sh(2026, 2, 26, 10)):
        soon = html(en(client).get(detail(timed_case.tracking_code)))
    assert 'class="countdown countdown-soon" id="track-countdown">7 hours left</p>' in soon
    with freeze_time(sh(2026, 2, 27, 11)):
        late = html(en(client).get(detail(timed_case.tracking_code)))
    assert 'class="countdown countdown-overdue" id="track-countdown">Overdue by 2 hours</p>' in late


def test_the_countdown_reads_as_one_chinese_phrase(timed_case, client):
    """"剩余1个工作日7小时", not the English word order "1个工作日7小时 剩余"."""
    with freeze_time(sh(2026, 2, 25, 10)):
        running = html(client.get(detail(timed_case.tracking_code)))
    assert 'id="track-countdown">剩余1个工作日7小时</p>' in running, running
    assert "剩余</" not in running and "办理时限为" not in running
    with freeze_time(sh(2026, 2, 27, 11)):
        late = html(client.get(detail(timed_case.tracking_code)))
    assert 'id="track-countdown">已超期2小时</p>' in late


def test_a_decided_case_gives_its_dates_in_chinese_sentences(timed_case, users, client):
    case_claim(case=timed_case, actor=users["reviewer"])
    with freeze_time(sh(2026, 2, 25, 10)):
        case_reject(case=timed_case, actor=users["reviewer"], reason="不符合条件")
        page = html(client.get(detail(timed_case.tracking_code)))
    assert re.search(r"办理时限为 <time[^>]*>2026-02-26 17:00</time>。", page)
    assert re.search(r"于 <time[^>]*>2026-02-25 10:00</time> 作出决定。", page)
    assert "</time>." not in page
    assert 'id="track-timeliness">按时办结</p>' in page


def test_waiting_for_material_pauses_the_countdown_and_lists_what_is_missing(timed_case, users, client):
    case_claim(case=timed_case, actor=users["reviewer"])
    with freeze_time(sh(2026, 2, 24, 10)):
        case_request_supplement(case=timed_case, actor=users["reviewer"], materials=["form"], note="")
    for day in (sh(2026, 2, 24, 16), sh(2026, 3, 2, 10)):  # frozen: the same time left days later
        with freeze_time(day):
            page = html(en(client).get(detail(timed_case.tracking_code)))
        assert 'class="countdown " id="track-countdown">Clock paused (2 working days' in page
        assert "Material the office is waiting for" in page and "<li>申请表</li>" in page
    with freeze_time(sh(2026, 3, 2, 11)):
        case_supplement_received(case=timed_case, actor=users["clerk"])
        page = html(en(client).get(detail(timed_case.tracking_code)))
    assert "Clock paused" not in page and "Material the office is waiting for" not in page
    assert "Material received" in page


def test_an_immediate_case_shows_completed_on_the_spot(test_services, users, person, client):
    case = case_accept(service_code="test.immediate", actor=users["clerk"], channel="counter", person=person)
    page = html(en(client).get(detail(case.tracking_code)))
    assert "Completed on the spot" in page
    assert page.count("stage stage-done") == 2 and "stage-current" not in page


def test_calendar_day_limits_count_down_in_days(test_services, users, person, client):
    employer = EmployerFactory(region=region("370503"))
    with freeze_time(sh(2026, 3, 6, 10)):
        case = case_accept(service_code="test.calendar", actor=users["clerk"], channel="counter", person=person,
                           employer=employer)
    with freeze_time(sh(2026, 5, 3, 17)):
        tracked = case_tracking(code=case.tracking_code)
    assert tracked.deadline == sh(2026, 5, 5, 17)
    assert (tracked.countdown.calendar_days, tracked.countdown.days, tracked.countdown.hours) == (True, 2, 0)


def test_the_page_never_shows_personal_data_at_any_stage(test_services, users, person, client):
    employer = EmployerFactory(name="东营黄河口精细化工有限公司", contact_name="李海涛", contact_phone="05468881234",
                               address="河口区黄河路88号", region=region("370503"), legal_representative="赵德华")
    reviewer = users["reviewer"]
    secrets = [
        person.id_number, person.id_number[6:14], person.masked_id_number, person.name, person.name[1:],
        person.phone, person.masked_phone, person.address, employer.name, employer.credit_code,
        employer.contact_name, employer.contact_phone, employer.address, employer.legal_representative,
        "987.65", users["clerk"].get_full_name(), reviewer.get_full_name(), users["head"].get_full_name(),
    ]
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person,
                       data={"amount": "987.65"}, materials=["id_card"])
    other = case_accept(service_code="test.calendar", actor=users["clerk"], channel="counter", person=person,
                        employer=employer)

    def leaks(target) -> list[str]:
        page = html(client.get(detail(target.tracking_code)))
        assert client.get(detail(target.tracking_code)).status_code == 200
        return [s for s in secrets if s and s in page]

    assert leaks(case) == [] and leaks(other) == []
    case_assign(case=case, actor=users["head"], reviewer=reviewer, note=f"{person.name} {person.phone}")
    assert leaks(case) == []
    case_request_supplement(case=case, actor=reviewer, materials=["form"],
                            note=f"请{person.name}补交材料，电话{person.phone}，住址{person.address}")
    assert leaks(case) == []
    case_supplement_received(case=case, actor=users["clerk"], note=person.id_number)
    case_reject(case=case, actor=reviewer, reason=f"{person.name}（{person.id_number}）不符合条件")
    assert leaks(case) == []
    page = html(client.get(detail(other.tracking_code)))
    assert person.masked_name in page and mask_organisation_name(employer.name) in page


def test_internal_reminders_warnings_and_escalations_stay_off_the_public_timeline(timed_case, client):
    case_event_add(case=timed_case, kind=CaseEvent.Kind.WARNED, office=Office.objects.get(code="BACK-370503"))
    case_event_add(case=timed_case, kind=CaseEvent.Kind.ESCALATED)
    page = html(en(client).get(detail(timed_case.tracking_code)))
    assert "Sent to the back office" in page
    assert "office head warned" not in page and "Escalated" not in page


def test_cached_parts_of_the_page_follow_the_language(timed_case, client):
    with translation.override("zh-hans"):
        routed_zh = str(CaseEvent.Kind.ROUTED.label)
    chinese = html(client.get(detail(timed_case.tracking_code)))
    english = html(en(client).get(detail(timed_case.tracking_code)))
    assert routed_zh in chinese and "Sent to the back office" not in chinese
    assert "Sent to the back office" in english and "测试限时业务" in english


def _canonical(response) -> str:
    """The page without what differs on every request anyway (CSRF token, CSP nonce) and the echoed path."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html(response))
    text = re.sub(r'nonce="[^"]+"', "", text)
    return re.sub(r'name="next" value="[^"]*"', "", text)


MALFORMED = ["not-a-code", "7K3M", "U" * 16, "7K3M9QX2HB4T0RZE7K3M", "%00'; drop table", "x" * 300]


@pytest.mark.parametrize("malformed", MALFORMED)
def test_unknown_and_malformed_codes_get_the_same_answer_from_one_identical_query(timed_case, client, malformed):
    unknown = "ZZZZZZZZZZZZZZZZ"
    answers = {}
    for code in (unknown, malformed):
        with CaptureQueriesContext(connection) as queries:
            response = en(client).get(detail(code))
        sql = [re.sub(r"'[0-9A-Z]{16}'", "'?'", q["sql"]) for q in queries.captured_queries]
        answers[code] = (response.status_code, response["Content-Type"], response["Cache-Control"],
                         _canonical(response), sql)
    assert answers[unknown] == answers[malformed]
    status, _, _, page, sql = answers[unknown]
    assert status == 404 and "No case has this tracking code" in page
    assert len(sql) == 1 and '"tracking_code" = ' in sql[0]


def test_the_form_answers_unknown_and_malformed_codes_identically(timed_case, client):
    unknown = client.get(reverse("tracking:track"), {"code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"})
    malformed = client.get(reverse("tracking:track"), {"code": "hello world"})
    assert unknown.status_code == malformed.status_code == 404
    assert _canonical(unknown) == _canonical(malformed)


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{grouped}", " {grouped_lower} ", "{confusable}"])
def test_a_typed_or_scanned_code_opens_the_case(timed_case, client, typed):
    code = timed_case.tracking_code
    grouped = timed_case.formatted_tracking_code
    confusable = grouped.replace("0", "O").replace("1", "I")
    value = typed.format(code=code, lower=code.lower(), grouped=grouped, grouped_lower=grouped.lower(),
                         confusable=confusable)
    response = client.get(reverse("tracking:track"), {"code": value})
    assert response.status_code == 302 and response["Location"] == detail(code)
    assert client.get(detail(value.strip().replace(" ", ""))).status_code == 200


def test_an_empty_form_says_what_to_enter(client):
    response = en(client).get(reverse("tracking:track"), {"code": "  "})
    assert response.status_code == 200 and "Enter the tracking code printed on your receipt." in html(response)


def test_the_home_page_has_the_tracking_form(client):
    page = html(client.get(reverse("portal:home")))
    assert f'action="{reverse("tracking:track")}"' in page and 'name="code"' in page


def test_every_view_costs_one_query_first_views_and_changed_cases_included(timed_case, users, person, client,
                                                                         django_assert_num_queries):
    """The case and its public timeline come in one row (workflow.models.timeline): nothing is cached per case."""
    other = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
    client.get(detail(other.tracking_code))  # the process's names and calendar are read once, by any case's view
    case_claim(case=timed_case, actor=users["reviewer"])
    case_request_supplement(case=timed_case, actor=users["reviewer"], materials=["form"])
    with django_assert_num_queries(1):  # a first view
        assert "<li>申请表</li>" in html(client.get(detail(timed_case.tracking_code)))
    case_supplement_received(case=timed_case, actor=users["clerk"], materials=[])
    for _ in range(10):
        case_release(case=timed_case, actor=users["reviewer"])
        case_claim(case=timed_case, actor=users["reviewer"])
    case_request_supplement(case=timed_case, actor=users["reviewer"], materials=["form", "id_card"])
    steps = timed_case.events.count()
    assert steps > 25
    with django_assert_num_queries(1):  # the case and its timeline, however long
        page = html(client.get(detail(timed_case.tracking_code)))
    assert page.count("<li><time") == steps  # every new step is there at once
    with django_assert_num_queries(1):
        assert html(client.get(detail(timed_case.tracking_code))).count("<li><time") == steps
    with django_assert_num_queries(1):
        assert client.get(detail("ZZZZZZZZZZZZZZZZ")).status_code == 404


def test_a_case_without_its_public_timeline_is_shown_the_same_with_two_more_queries(timed_case, users, client,
                                                                                   django_assert_num_queries):
    """Cases a bulk generator wrote without the projection: the page computes it itself."""
    case_claim(case=timed_case, actor=users["reviewer"])
    with_projection = _canonical(en(client).get(detail(timed_case.tracking_code)))
    PublicTimeline.objects.filter(case=timed_case).delete()
    with django_assert_num_queries(3):
        without = _canonical(en(client).get(detail(timed_case.tracking_code)))
    assert without == with_projection
    case_release(case=timed_case, actor=users["reviewer"])  # the next public event computes it afresh
    assert PublicTimeline.objects.filter(case=timed_case).exists()
    with django_assert_num_queries(1):
        assert "Returned to the office queue" in html(en(client).get(detail(timed_case.tracking_code)))


def test_organisation_names_are_masked_in_the_middle():
    assert mask_organisation_name("东营胜利石油装备有限公司") == "东营******有限公司"
    assert mask_organisation_name("东营市某商店") == "东营****"
    assert mask_organisation_name("某店") == "某*"
    assert mask_organisation_name("") == "*"


def test_stages_follow_the_status(timed_case, users):
    def states(case):
        return [s.state for s in case_tracking(code=case.tracking_code).stages]

    assert states(timed_case) == ["done", "current", "todo", "todo"]
    case_claim(case=timed_case, actor=users["reviewer"])
    assert states(timed_case) == ["done", "done", "current", "todo"]
    case_reject(case=timed_case, actor=users["reviewer"], reason="no")
    tracked = case_tracking(code=timed_case.tracking_code)
    assert states(timed_case) == ["done"] * 4 and tracked.stages[-1].label == str(Status.REJECTED.label)
    assert tracked.countdown.state == "done"  # decided: whether in time is said instead of a countdown
