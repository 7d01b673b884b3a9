"""Proactive flexible-employment social-insurance subsidy (免申即享): a difficulty person paying flexible-employment
contributions is offered the subsidy for the months not yet subsidised, by the subsidy's own eligibility; confirmed,
the case goes to the back office; a decline is not asked again on the same facts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from employment.rules.months import add_months
from employment.services import difficulty_determine, flexible_register
from tests.employment.helpers import born_years_ago, pay, this_month, today
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def difficulty_person(system, *, paid: bool = True, determined: bool = True):
    from accounts.services import person_set_household_facts

    person = PersonFactory(birth=born_years_ago(45, days=200), phone="13800005555")
    person_set_household_facts(actor=system, person=person, low_income=True, source="test")
    flexible_register(actor=system, person=person, start=today() - timedelta(days=120))
    if determined:
        difficulty_determine(actor=system, person=person)
    if paid:
        pay(person, add_months(this_month(), -3), 3, types=("pension", "medical"), payer="flexible",
            amount=Decimal("450.00"))
    return person


def test_the_person_is_offered_the_subsidy_for_the_months_paid_and_confirms_it(users, system):
    from accounts.services import resident_user_create
    from workflow.models import ProactiveOffer
    from workflow.services.proactive import offer_confirm, proactive_run

    person = difficulty_person(system)
    user = resident_user_create(person=person, password="Dongying@2026")
    proactive_run()
    offer = ProactiveOffer.objects.get(person=person, service__code="employment.subsidy_flexible_insurance")
    first = add_months(this_month(), -3)
    assert offer.case.channel == "system" and offer.case.status == "accepted"
    assert offer.case.data["first_month"] <= f"{first:%Y-%m}"
    assert "1800.00" in offer.what and "就业困难人员" in offer.why and "灵活就业" in offer.why
    case = offer_confirm(offer=offer, actor=user)
    assert case.status == "routed" and case.deadline is not None
    assert {c["code"] for c in case.checks} >= {"difficulty", "flexible", "paid"}


def test_no_determination_or_nothing_paid_is_not_offered(users, system):
    from workflow.models import ProactiveOffer
    from workflow.services.proactive import proactive_run

    persons = [difficulty_person(system, determined=False), difficulty_person(system, paid=False)]
    proactive_run()
    assert not ProactiveOffer.objects.filter(person__in=persons).exists()


def test_a_decline_is_not_asked_again(users, system):
    from accounts.services import resident_user_create
    from workflow.models import ProactiveOffer
    from workflow.services.proactive import offer_decline, proactive_run

    person = difficulty_person(system)
    user = resident_user_create(person=person, password="Dongying@2026")
    proactive_run()
    offer_decline(offer=ProactiveOffer.objects.get(person=person), actor=user, reason="")
    proactive_run()
    assert ProactiveOffer.objects.filter(person=person).count() == 1


def test_the_finder_finds_in_one_query_whatever_the_persons(users, system):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from employment.proactive import _candidates

    last = add_months(this_month(), -1)
    since = add_months(last, -11)
    with CaptureQueriesContext(connection) as few:
        _candidates(today=today(), first=since, last=last)
    for _ in range(5):
        PersonFactory()
    difficulty_person(system)
    with CaptureQueriesContext(connection) as many:
        found = _candidates(today=today(), first=since, last=last)
    assert len(few) == len(many) == 1 and found
