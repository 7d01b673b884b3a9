"""Proactive retirement approval (免申即享): found 3 months ahead by insurance's rules, opened by the system awaiting
the person's confirmation, confirmed online into the back office or declined and never asked again on the same
facts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from tests.factories import PersonFactory, region

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A man born 1966-01-15 reaches his statutory age (60 years 4 months) on 2026-05-15: exactly 3 months after
# 2026-02-15.
BIRTH = date(1966, 1, 15)
ON_THE_DAY = datetime(2026, 2, 15, 8, tzinfo=SHANGHAI)
DAY_BEFORE = datetime(2026, 2, 14, 8, tzinfo=SHANGHAI)


def near_retirement(*, months: int = 300, birth: date = BIRTH, sex: str = "M", **kwargs):
    from insurance.models import CarriedOverRecord

    person = PersonFactory(birth=birth, sex_code=sex, hukou_region=region("370503001"), **kwargs)
    if months:
        CarriedOverRecord.objects.create(person=person, through_month=date(2023, 12, 1), pension_months=months,
                                         average_index=Decimal("1.0000"), account_balance=Decimal("100000"))
    return person


def run():
    from workflow.services.proactive import proactive_run

    return proactive_run()


def offers(person):
    from workflow.models import ProactiveOffer

    return list(ProactiveOffer.objects.filter(person=person).select_related("case"))


@pytest.mark.django_db
def test_exactly_three_months_ahead_opens_a_system_case_waiting_for_confirmation_with_an_sms(users):
    from workflow.models import CaseEvent, OutboundMessage
    from workflow.rules.states import Status

    person = near_retirement(phone="13700000011")
    with freeze_time(DAY_BEFORE):
        run()
    assert offers(person) == []  # 2026-05-15 is 3 months and a day away
    with freeze_time(ON_THE_DAY):
        run()
    [offer] = offers(person)
    case = offer.case
    assert (offer.status, offer.fingerprint) == ("offered", "statutory=2026-05-15;group=male")
    assert case.channel == "system" and case.status == Status.ACCEPTED and case.deadline is None
    assert case.data == {"retirement_date": "2026-05-15", "female_group": ""}
    assert case.jurisdiction_office.code == "BACK-370503" and case.person == person
    assert "2026-05-15" in offer.what and "300" in offer.why and "180" in offer.why  # what and why, in words
    assert CaseEvent.objects.filter(case=case, kind="accepted").count() == 1
    sms = OutboundMessage.objects.get(case=case)
    assert sms.phone == "13700000011" and "退休审批" in sms.body and case.number in sms.body
    with freeze_time(ON_THE_DAY):
        run()  # run again: nothing new
    assert len(offers(person)) == 1 and OutboundMessage.objects.filter(case=case).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["no_minimum", "pensioner", "deceased", "open_case", "female_out_of_window"])
def test_who_is_not_offered(users, case):
    from accounts.services import system_user
    from insurance.services import pension_grant
    from workflow.services import case_accept

    if case == "no_minimum":
        person = near_retirement(months=179)  # 15 years (180 months) are needed for 2026
    elif case == "female_out_of_window":
        person = near_retirement(sex="F")  # a woman born 1966 reached 55 in 2021
    else:
        person = near_retirement()
    if case == "pensioner":
        with freeze_time(datetime(2026, 2, 10, 8, tzinfo=SHANGHAI)):  # flexible early retirement, from 60
            pension_grant(person=person, actor=system_user(), retirement_date=date(2026, 2, 1), group="male",
                          employer_agrees_late=False)
    elif case == "deceased":
        person.date_of_death = date(2026, 1, 1)
        person.save()
    elif case == "open_case":
        with freeze_time(DAY_BEFORE):
            case_accept(service_code="insurance.retirement", actor=users["clerk"], channel="counter",
                        person=person, data={"retirement_date": "2026-05-15"})
    with freeze_time(ON_THE_DAY):
        run()
    assert offers(person) == []


@pytest.mark.django_db
def test_confirming_online_sends_the_case_to_the_back_office_with_its_deadline(users, client):
    from accounts.services import resident_user_create
    from workflow.models import OutboundMessage
    from workflow.rules.states import Status

    person = near_retirement()
    user = resident_user_create(person=person, password="Dongying@2026")
    with freeze_time(ON_THE_DAY):
        run()
        [offer] = offers(person)
        client.force_login(user)
        home = client.get(reverse("portal:resident-home")).content.decode()
        detail = client.get(reverse("resident:case-detail", args=[offer.case.number])).content.decode()
        response = client.post(reverse("resident:offer-confirm", args=[offer.pk]))
    assert reverse("resident:offer-decline", args=[offer.pk]) in detail  # on the case's own page too
    assert offer.what in home and reverse("resident:offer-confirm", args=[offer.pk]) in home
    assert response.status_code == 302 and response.url.endswith(f"/me/cases/{offer.case.number}/")
    offer.refresh_from_db()
    case = offer.case
    case.refresh_from_db()
    assert offer.status == "confirmed" and offer.answered_by == user
    assert case.status == Status.ROUTED and case.deadline is not None and case.next_step_at is not None
    assert {c["code"] for c in case.checks} >= {"age", "minimum"}
    assert OutboundMessage.objects.filter(key=f"case:{case.pk}:accepted").exists()
    with freeze_time(ON_THE_DAY):
        again = client.post(reverse("resident:offer-confirm", args=[offer.pk]))
        home = client.get(reverse("portal:resident-home")).content.decode()
    assert again.status_code == 302 and again.url == reverse("portal:resident-home")
    assert offer.what not in home  # answered: no longer offered


@pytest.mark.django_db
def test_a_decline_is_recorded_and_never_offered_again_but_new_facts_are(users):
    from accounts.services import resident_user_create
    from workflow.rules.states import Status
    from workflow.services.proactive import offer_decline

    person = near_retirement()
    user = resident_user_create(person=person, password="Dongying@2026")
    with freeze_time(ON_THE_DAY):
        run()
        [offer] = offers(person)
        offer_decline(offer=offer, actor=user, reason="我想延迟退休")
        run()
    [offer] = offers(person)
    assert (offer.status, offer.decline_reason) == ("declined", "我想延迟退休")
    assert offer.case.status == Status.WITHDRAWN
    # New facts: the bureau's age table now says another date (a fingerprint never offered): offered again.
    from insurance.models import RetirementAgeRule

    RetirementAgeRule.objects.filter(group="male").update(birth_months_per_step=5)
    from django.core.cache import caches

    caches["local"].clear()
    with freeze_time(datetime(2026, 2, 1, 8, tzinfo=SHANGHAI)):
        run()
    found = sorted(offers(person), key=lambda o: o.pk)
    assert len(found) == 2 and found[1].fingerprint != found[0].fingerprint and found[1].status == "offered"


@pytest.mark.django_db
def test_only_the_person_answers_their_offer(users):
    from accounts.services import resident_user_create
    from workflow.exceptions import NotAllowed
    from workflow.services.proactive import offer_confirm, offer_decline

    person = near_retirement()
    other = resident_user_create(person=PersonFactory(), password="Dongying@2026")
    with freeze_time(ON_THE_DAY):
        run()
        [offer] = offers(person)
        for actor in (other, users["clerk"], users["employer_admin"]):
            with pytest.raises(NotAllowed):
                offer_confirm(offer=offer, actor=actor)
            with pytest.raises(NotAllowed):
                offer_decline(offer=offer, actor=actor)


@pytest.mark.django_db
def test_an_unanswered_offer_lapses_after_the_statutory_date(users):
    person = near_retirement()
    with freeze_time(ON_THE_DAY):
        run()
    with freeze_time(datetime(2026, 5, 16, 8, tzinfo=SHANGHAI)):
        result = run()
    [offer] = offers(person)
    assert result.expired == 1 and offer.status == "expired" and offer.case.status == "withdrawn"


@pytest.mark.django_db
def test_the_finder_reads_in_a_fixed_number_of_queries_whatever_the_persons(users):
    from insurance.proactive import retirement_find

    def measure():
        with freeze_time(ON_THE_DAY), CaptureQueriesContext(connection) as queries:
            found = retirement_find(today=date(2026, 2, 15))
        return len(queries), len(found)

    for n in range(3):
        near_retirement(birth=date(1965, 11, 20) + timedelta(days=n))
    PersonFactory()
    few = measure()
    for n in range(30):
        near_retirement(birth=date(1965, 12, 1) + timedelta(days=n))
        near_retirement(months=100, birth=date(1966, 3, 1) + timedelta(days=n))
        PersonFactory()
    many = measure()
    assert few[0] == many[0] and many[1] > few[1]


def test_the_run_is_on_the_beat_schedule_daily():
    from celery.schedules import crontab

    from portal.celery import BEAT_SCHEDULE

    entry = BEAT_SCHEDULE["workflow-proactive-run"]
    assert entry["task"] == "workflow.tasks.proactive_run" and entry["schedule"] == crontab(minute=0, hour=7)


@pytest.mark.django_db
def test_applying_at_a_counter_answers_the_offer_and_withdraws_the_bureaus_case(users):
    """One application, not two: the person came to a hall instead of confirming online."""
    from tests.insurance.helpers import apply
    from workflow.rules.states import Status

    person = near_retirement()
    with freeze_time(ON_THE_DAY):
        run()
        [offer] = offers(person)
        own = apply("insurance.retirement", actor=users["clerk"], person=person, retirement_date="2026-05-15")
    [offer] = offers(person)
    assert offer.status == "applied" and offer.answered_by == users["clerk"]
    assert offer.case.status == Status.WITHDRAWN and own.status == Status.ROUTED
    assert own.number in offer.case.events.get(to_status=Status.WITHDRAWN).note
    with freeze_time(ON_THE_DAY):
        run()  # the open case of the person's own: nothing offered again
    assert len(offers(person)) == 1
