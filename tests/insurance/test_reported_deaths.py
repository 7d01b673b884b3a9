"""A death another department reports (the police's answer to a re-check, a death notice of the police or civil
affairs) is a report, not a death: the pension is held and a case goes to the person's district. Confirmed, the
death is recorded and what it ends stops; found wrong, the report is withdrawn and the pension paid again."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.api_clients import api_client_create
from accounts.identity import identity_recheck_due
from accounts.models import ApiScope, Person
from accounts.services import person_create, person_report_death
from insurance.models import Card, Enrolment, Pension
from insurance.services import card_apply, proof_of_life_record
from insurance.services.pension_payments import pension_payments_generate
from tests.factories import PersonFactory, region
from tests.insurance.conftest import enrol
from tests.insurance.helpers import approve, reject
from tests.insurance.test_pensions import pensioner
from workflow.models import Case, OutboundMessage

pytestmark = pytest.mark.django_db
DECEASED_NUMBER = "370503195508080033"  # recorded deceased in the fake police register


def _review(person) -> Case:
    return Case.objects.select_related("jurisdiction_office").get(person=person, service__code="insurance.death_review")


def _held_pensioner(system, users):
    pension = pensioner(system)
    person = pension.person
    Person.objects.filter(pk=person.pk).update(hukou_region=region("370503001"))
    person.refresh_from_db()
    card_apply(person=person, actor=users["clerk"])
    assert person_report_death(actor=system, person=person, date_of_death=date(2026, 5, 1), source="民政死亡通报")
    return person, pension


def test_the_police_answer_of_a_recheck_holds_and_opens_a_case_for_the_district(users, employer, fakes):
    population, _tax = fakes
    population.down = True
    person = person_create(actor=users["clerk"], id_number=DECEASED_NUMBER, name="刘建国",
                           hukou_region=region("370503001"))
    enrol(person, employer, start=date(2026, 1, 1))
    population.down = False
    assert identity_recheck_due(now=timezone.now() + timedelta(hours=1)).deceased == 1
    person.refresh_from_db()
    assert person.date_of_death is None and person.death_reported_on == date(2024, 11, 2)
    assert Enrolment.objects.filter(person=person, status=Enrolment.Status.ACTIVE).exists()  # nothing ended yet
    case = _review(person)
    assert case.jurisdiction_office.code == "BACK-370503" and case.status == "routed"
    assert case.channel == "system" and case.data["source"] == "公安人口信息核验"


def test_a_civil_affairs_death_notice_opens_one_case_and_a_repeat_changes_nothing(client, employer):
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
    assert person.death_reported_on == date(2026, 5, 1) and not person.is_deceased
    assert _review(person).data == {"date_of_death": "2026-05-01", "source": "民政死亡通报 HH001"}
    assert Case.objects.filter(person=person, service__code="insurance.death_review").count() == 1


def test_a_reported_death_holds_the_pension_and_it_is_not_paid(system, users):
    person, pension = _held_pensioner(system, users)
    pension.refresh_from_db()
    assert pension.status == Pension.Status.HELD
    assert pension.history.first().history_change_reason.startswith("暂停发放")
    month = timezone.localdate().replace(day=1)
    pension_payments_generate(month=month)
    assert not pension.payments.filter(month=month).exists()
    # The report is not news for the person: no SMS about the review case.
    assert not OutboundMessage.objects.filter(case=_review(person)).exists()


def test_a_proof_of_life_does_not_release_a_held_pension(system, users):
    person, pension = _held_pensioner(system, users)
    proof_of_life_record(person=person, method="id_card", actor=users["clerk"])
    pension.refresh_from_db()
    assert pension.status == Pension.Status.HELD


def test_confirming_the_reported_death_records_it_and_stops_what_a_death_ends(system, users):
    person, pension = _held_pensioner(system, users)
    approve(_review(person), users["reviewer"], note="家属确认")
    person.refresh_from_db()
    pension.refresh_from_db()
    assert person.date_of_death == date(2026, 5, 1) and person.death_reported_on is None
    assert pension.status == Pension.Status.STOPPED and pension.stopped_on == date(2026, 5, 1)
    assert not Enrolment.objects.filter(person=person).exclude(status=Enrolment.Status.ENDED).exists()
    assert not Card.objects.filter(person=person).exclude(status=Card.Status.CANCELLED).exists()


def test_a_report_found_wrong_is_withdrawn_and_the_pension_paid_again(system, users):
    person, pension = _held_pensioner(system, users)
    reject(_review(person), users["reviewer"], reason="本人到大厅核实健在")
    person.refresh_from_db()
    pension.refresh_from_db()
    assert not person.is_deceased and person.death_reported_on is None
    assert pension.status == Pension.Status.ACTIVE
    assert Card.objects.filter(person=person).exclude(status=Card.Status.CANCELLED).exists()
    assert not OutboundMessage.objects.filter(case=_review(person)).exists()
    # A new report after the wrong one is verified again.
    assert person_report_death(actor=system, person=person, date_of_death=date(2026, 6, 1), source="公安死亡通报")
    assert Case.objects.filter(person=person, service__code="insurance.death_review").count() == 2


def test_a_pension_suspended_for_proof_of_life_stays_suspended_through_a_wrong_report(system, users):
    pension = pensioner(system)
    Pension.objects.filter(pk=pension.pk).update(status=Pension.Status.SUSPENDED)
    Person.objects.filter(pk=pension.person_id).update(hukou_region=region("370503001"))
    person_report_death(actor=system, person=pension.person, date_of_death=date(2026, 5, 1), source="民政死亡通报")
    reject(_review(pension.person), users["reviewer"], reason="报告有误")
    pension.refresh_from_db()
    assert pension.status == Pension.Status.SUSPENDED


def test_staff_see_the_report_being_verified_on_the_person_page(system, users, client):
    from django.urls import reverse

    person, _pension = _held_pensioner(system, users)
    client.force_login(users["clerk"])
    html = client.get(reverse("accounts:person-detail", kwargs={"pk": person.pk})).content.decode()
    assert "死亡报告待核实" in html and "2026-05-01" in html
    records = client.get(reverse("insurance:person-records", kwargs={"pk": person.pk})).content.decode()
    assert "暂停发放（死亡报告核实中）" in records
