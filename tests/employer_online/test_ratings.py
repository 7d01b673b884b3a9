"""The employer rates one of its ended cases online; an open one offers no rating; a second rating is refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Office
from workflow.models import Case, Rating, ServiceType
from workflow.rules.codes import case_number, new_tracking_code

pytestmark = pytest.mark.django_db


def _case(employer, actor, status: str, seq: int) -> Case:
    now = timezone.now()
    return Case.objects.create(
        number=case_number(now.date(), seq), tracking_code=new_tracking_code(),
        service=ServiceType.objects.filter(kind="time_limited").exclude(code="workflow.rectification").first(),
        channel="online", accepted_by=actor, status=status, accepted_at=now, closed_at=now, employer=employer,
        jurisdiction_office=Office.objects.get(code="BACK-370502"))


def test_the_employer_rates_an_ended_case_once(client, users):
    admin = users["employer_admin"]
    ended = _case(admin.employer, admin, "completed", 996001)
    still_open = _case(admin.employer, admin, "routed", 996002)
    client.force_login(admin)
    assert 'id="rate-case"' in client.get(reverse("employer:case", args=[ended.number])).content.decode()
    assert 'id="rate-case"' not in client.get(reverse("employer:case", args=[still_open.number])).content.decode()
    assert client.get(reverse("employer:case-rate", args=[still_open.number])).status_code == 404
    url = reverse("employer:case-rate", args=[ended.number])
    assert client.post(url, {"score": "2", "reasons": ["materials"]}).status_code == 302
    rating = Rating.objects.get(case=ended)
    assert (rating.channel, rating.employer, rating.person) == ("online", admin.employer, None)
    assert rating.rectification.employer == admin.employer  # the rater is the applicant of the rectification
    assert 'id="rating-already"' in client.get(url).content.decode()
