"""Rating at the kiosk: the person identified on it rates one of their own ended cases, found by its receipt; a
case of someone else is not found; a second rating through the kiosk is refused."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import PersonFactory
from tests.kiosk.conftest import identify, url
from workflow.models import Case, Rating, ServiceType
from workflow.rules.codes import case_number, new_tracking_code

pytestmark = pytest.mark.django_db


def ended_case(person, hall, users, seq: int) -> Case:
    now = timezone.now()
    return Case.objects.create(  # written directly: the rating is what is tested
        number=case_number(now.date(), seq), tracking_code=new_tracking_code(),
        service=ServiceType.objects.get(code="insurance.statement"), person=person, channel="counter",
        accepted_office=hall, accepted_by=users["clerk"], jurisdiction_office=hall, status="completed",
        accepted_at=now, closed_at=now)


def test_the_identified_person_rates_their_own_ended_case(client, key, hall, person, users):
    mine = ended_case(person, hall, users, 995001)
    theirs = ended_case(PersonFactory(), hall, users, 995002)
    identify(client, key, person)
    detail = client.get(url("track-detail", key, code=mine.tracking_code)).content.decode()
    assert 'id="kiosk-rate"' in detail
    assert client.get(url("rate", key, code=theirs.tracking_code)).status_code == 404
    rate = url("rate", key, code=mine.tracking_code)
    assert client.get(rate).status_code == 200
    response = client.post(rate, {"score": "4", "reasons": ["wait"]})
    assert 'id="rating-thanks"' in response.content.decode()
    rating = Rating.objects.get(case=mine)
    assert (rating.channel, rating.score, rating.office, rating.staff) == ("kiosk", 4, hall, users["clerk"])
    assert 'id="rating-already"' in client.post(rate, {"score": "1"}).content.decode()
    assert Rating.objects.filter(case=mine).count() == 1


def test_nobody_identified_is_sent_to_the_start(client, key, hall, person, users):
    mine = ended_case(person, hall, users, 995003)
    assert client.get(url("rate", key, code=mine.tracking_code)).status_code == 302
