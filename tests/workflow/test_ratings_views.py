"""Ratings through each channel's page: the receipt's tracking link, the SMS link, my cases, the window's pad; the
office's answer; the public monthly summary and the supervision page with their fixed query counts."""

import re
from datetime import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from counter.models import Ticket
from tests.factories import PersonFactory, region
from workflow.models import Case, CaseStep, OutboundMessage, Rating
from workflow.rules.calendar import SHANGHAI
from workflow.rules.states import Status
from workflow.services import case_accept, case_approve, case_claim, escalation_sweep
from workflow.services.ratings import rating_give_case

pytestmark = pytest.mark.django_db
RECTIFICATIONS = Case.objects.filter(service__code="workflow.rectification")


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def person(db):
    return PersonFactory(hukou_region=region("370503001"), phone="13900002222", name="欧阳评价")


@pytest.fixture
def completed(test_services, users, person):
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
    case_claim(case=case, actor=users["reviewer"])
    case_approve(case=case, actor=users["reviewer"])
    case.refresh_from_db()
    return case


def test_from_the_tracking_page_a_bad_rating_opens_a_rectification(client, completed, person):
    detail = client.get(reverse("tracking:track-detail", args=[completed.tracking_code])).content.decode()
    assert 'id="track-rate"' in detail
    url = reverse("tracking:track-rate", args=[completed.tracking_code])
    page = client.get(url).content.decode()
    assert person.name not in page and person.id_number not in page and completed.number in page
    response = client.post(url, {"score": "1", "reasons": ["attitude"], "comment": "态度差"})
    assert response.status_code == 302
    rating = Rating.objects.get(case=completed)
    assert rating.channel == "receipt" and rating.rectification is not None
    again = client.post(url, {"score": "5"})
    assert 'id="rating-already"' in again.content.decode()
    assert Rating.objects.filter(case=completed).count() == 1 and RECTIFICATIONS.count() == 1


def test_an_open_case_offers_no_rating(client, test_services, users, person):
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
    detail = client.get(reverse("tracking:track-detail", args=[case.tracking_code])).content.decode()
    assert 'id="track-rate"' not in detail
    assert client.get(reverse("tracking:track-rate", args=[case.tracking_code])).status_code == 404


def test_the_sms_link_rates_once_without_a_login(client, completed):
    body = OutboundMessage.objects.get(key=f"case:{completed.pk}:approved").body
    path = re.search(r"(/ratings/sms/\S+/)", body).group(1)
    assert client.get(path).status_code == 200
    assert client.post(path, {"score": "4"}).status_code == 200
    assert Rating.objects.get(case=completed).channel == "sms"
    client.post(path, {"score": "1"})
    assert Rating.objects.filter(case=completed).count() == 1 and not RECTIFICATIONS.exists()
    forged = path.replace(completed.number, "202601010000001")
    assert client.get(forged).status_code == 404


@pytest.mark.parametrize("data", [{"score": "9"}, {"score": "0"}, {"score": "x"}, {"score": "3", "reasons": ["bribe"]},
                                  {"score": "3", "comment": "长" * 301}, {}])
def test_hostile_input_is_refused_on_the_form(client, completed, data):
    response = client.post(reverse("tracking:track-rate", args=[completed.tracking_code]), data)
    assert response.status_code == 200 and "has-error" in response.content.decode()
    assert not Rating.objects.exists()


def test_the_resident_rates_online_from_my_cases(client, test_services, users):
    resident = users["resident"]
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=resident.person)
    client.force_login(resident)
    assert 'id="rate-case"' not in client.get(reverse("resident:case-detail", args=[case.number])).content.decode()
    Case.objects.filter(pk=case.pk).update(status=Status.COMPLETED)
    assert 'id="rate-case"' in client.get(reverse("resident:case-detail", args=[case.number])).content.decode()
    response = client.post(reverse("resident:case-rate", args=[case.number]), {"score": "5"})
    assert response.status_code == 302
    assert Rating.objects.get(case=case).channel == "online"


def test_the_pad_at_the_window_rates_a_served_ticket_and_a_bad_one_goes_to_the_halls_district(client, users, person):
    """Counted for the hall; answered by the back office of its district, which supervises it (a hall's staff are
    clerks, without the review permission an answer needs)."""
    from django.utils import timezone

    from accounts.selectors import office_covering

    hall = users["clerk2"].office
    ticket = Ticket.objects.create(hall=hall, day=timezone.localdate(), code="A001", issued_at=timezone.now(),
                                   status=Ticket.Status.DONE, clerk=users["clerk2"], person=person)
    client.force_login(users["clerk2"])
    url = reverse("counter:rate-ticket", args=[ticket.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"score": "2", "reasons": ["wait"]}).status_code == 302
    rating = Rating.objects.get(subject=f"ticket:{ticket.pk}")
    assert rating.channel == "desk" and rating.office == hall and rating.staff == users["clerk2"]
    back = office_covering(region=hall.region, kind="back_office")
    assert back is not None and back != hall
    assert rating.rectification.jurisdiction_office == back and rating.rectification.person == person
    reviewer = users["reviewer2"]  # of BACK-370502, the district of clerk2's hall
    assert reviewer.office == back
    client.force_login(reviewer)
    client.post(reverse("workflow:rectification-reply", args=[rating.rectification.number]), {"text": "已核实。"})
    rating.refresh_from_db()
    assert rating.replied_at is not None


def test_the_office_answers_on_the_case_page_and_the_rater_gets_the_sms(client, completed, users):
    rating = rating_give_case(case=completed, channel="online", score=1)
    number = rating.rectification.number
    client.force_login(users["reviewer"])
    page = client.get(reverse("workflow:case-detail", args=[number])).content.decode()
    assert 'id="rectification-reply"' in page
    assert 'id="rectification-reply"' in page and completed.number in page
    client.post(reverse("workflow:rectification-reply", args=[number]), {"text": "已核实，向您致歉。"})
    assert OutboundMessage.objects.get(key=f"rating:{rating.pk}:reply").phone == "13900002222"
    client.post(reverse("workflow:rectification-done", args=[number]), {"text": "已对窗口人员开展培训。"})
    assert Case.objects.get(number=number).status == Status.COMPLETED
    # The rectification appears on the workbench of the office while open: done now, it left the open list.


def test_a_rectification_past_its_reply_limit_escalates(completed):
    with freeze_time(sh(2026, 3, 6, 16)):
        case = rating_give_case(case=completed, channel="online", score=1).rectification
    assert case.deadline == sh(2026, 3, 9, 17)
    escalation_sweep(now=sh(2026, 3, 12, 10))  # past the deadline and a working day's grace
    steps = set(CaseStep.objects.filter(case=case).values_list("step", flat=True))
    assert "warn" in steps and any(step.startswith("escalate") for step in steps), steps


def test_the_public_summary_counts_the_month_in_a_fixed_number_of_queries(client, completed, users,
                                                                         django_assert_num_queries):
    with freeze_time(sh(2026, 3, 10, 10)):
        rating_give_case(case=completed, channel="online", score=1)
        rating_give_case(case=completed, channel="sms", score=5)
    with django_assert_num_queries(1):
        page = client.get(reverse("ratings:public-summary"), {"month": "2026-03"}).content.decode()
    office = completed.jurisdiction_office.name
    assert office in page and "50.0%" in page
    assert users["reviewer"].last_name not in page and completed.person.name not in page
    assert "50.0%" not in client.get(reverse("ratings:public-summary"), {"month": "2026-02"}).content.decode()


def test_the_supervision_page_shows_the_office_and_its_staff(client, completed, users):
    with freeze_time(sh(2026, 3, 10, 10)):
        rating_give_case(case=completed, channel="online", score=2)
    client.force_login(users["head"])
    page = client.get(reverse("workflow:rating-stats"), {"month": "2026-03"}).content.decode()
    assert completed.jurisdiction_office.name in page and users["reviewer"].staff_number in page
    board = client.get(reverse("workflow:head-board")).content.decode()
    assert reverse("workflow:rating-stats") in board


def test_the_supervision_page_costs_the_same_queries_whatever_the_ratings(client, test_services, users, person):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["head"])
    url = reverse("workflow:rating-stats")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def rated_case(score: int):
        case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
        case_claim(case=case, actor=users["reviewer"])
        case_approve(case=case, actor=users["reviewer"])
        rating_give_case(case=Case.objects.get(pk=case.pk), channel="online", score=score)

    rated_case(5)
    queries()  # the first request of a session fills what later ones read from the cache
    few = queries()
    for score in (1, 2, 3, 4):
        rated_case(score)
    assert queries() == few
