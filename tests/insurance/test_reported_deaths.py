"""A death another department reports (the police's answer to a re-check, a civil affairs death notice) stops
what a death stops and opens a case for the person's district to confirm it."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.api_clients import api_client_create
from accounts.identity import identity_recheck_due
from accounts.models import ApiScope
from accounts.services import person_create
from insurance.models import Enrolment
from tests.factories import PersonFactory, region
from tests.insurance.conftest import enrol
from workflow.models import Case

pytestmark = pytest.mark.django_db
DECEASED_NUMBER = "370503195508080033"  # recorded deceased in the fake police register


def _review(person) -> Case:
    return Case.objects.select_related("jurisdiction_office").get(person=person, service__code="insurance.death_review")


def test_the_police_answer_of_a_recheck_records_the_death_with_a_case_for_the_district(users, employer, fakes):
    population, _tax = fakes
    population.down = True
    person = person_create(actor=users["clerk"], id_number=DECEASED_NUMBER, name="刘建国",
                           hukou_region=region("370503001"))
    enrol(person, employer, start=date(2026, 1, 1))
    population.down = False
    assert identity_recheck_due(now=timezone.now() + timedelta(hours=1)).deceased == 1
    person.refresh_from_db()
    assert person.date_of_death == date(2024, 11, 2)
    assert not Enrolment.objects.filter(person=person, status=Enrolment.Status.ACTIVE).exists()
    case = _review(person)
    assert case.jurisdiction_office.code == "BACK-370503" and case.status == "routed"
    assert case.channel == "system" and case.data["source"] == "公安人口信息核验"


def test_a_civil_affairs_death_notice_stops_and_opens_a_case_once(client, employer):
    _client, token = api_client_create(name="东营市民政局", department="民政", scopes=[ApiScope.CIVIL_AFFAIRS])
    person = PersonFactory(name="钱八", hukou_region=region("370503001"))
    enrol(person, employer, start=date(2026, 1, 1))
    body = {"request_id": "d-1", "notices": [{"id_number": person.id_number, "name": "钱八",
                                              "date_of_death": "2026-05-01", "certificate_no": "HH001"}]}

    def send(payload):
        return client.post("/api/v1/civil-affairs/death-notices", json.dumps(payload),
                           content_type="application/json", headers={"Authorization": f"Bearer {token}"}).json()

    assert send(body)["rows"][0]["outcome"] == "recorded"
    assert send({**body, "request_id": "d-2"})["rows"][0]["outcome"] == "unchanged"
    person.refresh_from_db()
    assert person.date_of_death == date(2026, 5, 1)
    assert not Enrolment.objects.filter(person=person, status=Enrolment.Status.ACTIVE).exists()
    assert _review(person).data == {"date_of_death": "2026-05-01", "source": "民政死亡通报 HH001"}
