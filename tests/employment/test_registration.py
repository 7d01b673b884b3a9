"""Employment and unemployment registration: one status at a time with its history, refusals with reasons,
the all-or-nothing composition with insurance enrolment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction

from employment.exceptions import EmploymentError
from employment.models import StatusPeriod
from employment.rules.months import month_start
from employment.selectors import status_history
from employment.services import employment_register, unemployment_register
from tests.employment.helpers import apply, pay, this_month, today
from tests.factories import EmployerFactory
from workflow.exceptions import NotEligible


def failed(exc: NotEligible) -> dict:
    return {c.code: c for c in exc.errors}


def test_employment_registration_at_the_counter(users, person, employer):
    case = apply("employment.registration", actor=users["clerk"], person=person, employer=employer,
                 started_on=today().isoformat(), contract="fixed_term", position="焊工")
    assert case.status == "completed"
    period = StatusPeriod.objects.get(person=person)
    assert (period.kind, period.employer, period.started_on, period.ended_on) == ("employed", employer, today(), None)
    assert period.details == {"contract": "fixed_term", "position": "焊工"}
    assert case.result == {"status_period": period.pk}


def test_a_second_employer_is_refused_while_the_first_employment_is_open(users, person, employer):
    employment_register(actor=users["clerk"], person=person, employer=employer, start=today())
    other = EmployerFactory()
    with pytest.raises(NotEligible) as exc:
        apply("employment.registration", actor=users["clerk"], person=person, employer=other,
              started_on=today().isoformat(), contract="open_ended")
    check = failed(exc.value)["not_employed_elsewhere"]
    assert employer.name in str(check.detail)
    with pytest.raises(EmploymentError, match="End that employment first"):
        employment_register(actor=users["clerk"], person=person, employer=other, start=today())
    assert StatusPeriod.objects.filter(person=person).count() == 1


def test_unemployment_registration_is_refused_while_an_employment_is_open(users, person, employer):
    employment_register(actor=users["clerk"], person=person, employer=employer, start=today() - timedelta(days=90))
    with pytest.raises(NotEligible) as exc:
        apply("employment.unemployment_registration", actor=users["clerk"], person=person,
              registered_on=today().isoformat(), situation="separated", wants_work="on")
    check = failed(exc.value)["no_open_employment"]
    assert "Employed by" in str(check.detail) and employer.name in str(check.detail)
    assert check.data["employer_id"] == employer.pk


def test_unemployment_registration_is_refused_while_an_employer_pays_this_month(users, person, employer):
    pay(person, this_month(), 1, employer=employer)
    with pytest.raises(NotEligible) as exc:
        apply("employment.unemployment_registration", actor=users["clerk"], person=person,
              registered_on=today().isoformat(), situation="separated", wants_work="on")
    check = failed(exc.value)["no_employer_contributions"]
    assert employer.name in str(check.detail)
    assert check.data == {"month": f"{today():%Y-%m}", "employers": [employer.pk]}
    # The service refuses it too, whoever calls it, with the reason.
    with pytest.raises(EmploymentError, match=employer.name):
        unemployment_register(actor=users["clerk"], person=person, registered_on=today())
    assert not StatusPeriod.objects.filter(person=person).exists()


def test_only_a_person_who_wants_work_registers(users, person):
    from employment.catalogue.registration import UnemploymentForm

    form = UnemploymentForm(data={"registered_on": today().isoformat(), "situation": "graduate"})
    assert not form.is_valid()
    assert "wants_work" in form.errors


def test_one_status_at_a_time_with_history(users, person, employer):
    last_month = month_start(today()) - timedelta(days=1)
    case = apply("employment.unemployment_registration", actor=users["clerk"], person=person,
                 registered_on=(last_month - timedelta(days=20)).isoformat(), situation="graduate", wants_work="on")
    assert case.status == "completed"
    apply("employment.registration", actor=users["clerk"], person=person, employer=employer,
          started_on=today().isoformat(), contract="open_ended")
    history = status_history(person=person)
    assert [(p.kind, p.ended_on) for p in history] == [("employed", None),
                                                      ("unemployed", today() - timedelta(days=1))]
    assert history[1].end_reason == "new_status"


def test_separation_records_whether_it_was_involuntary(users, person, employer):
    employment_register(actor=users["clerk"], person=person, employer=employer, start=today() - timedelta(days=400))
    case = apply("employment.separation", actor=users["clerk"], person=person, employer=employer,
                 ended_on=today().isoformat(), reason="dismissed")
    period = StatusPeriod.objects.get(person=person)
    assert (period.ended_on, period.end_reason, period.involuntary, period.closed_by_case) == (
        today(), "dismissed", True, case)


def test_separation_from_an_employer_the_person_is_not_registered_with_is_refused(users, person, employer):
    with pytest.raises(NotEligible) as exc:
        apply("employment.separation", actor=users["clerk"], person=person, employer=employer,
              ended_on=today().isoformat(), reason="resigned")
    assert "employed_here" in failed(exc.value)


def test_new_hire_registration_composes_all_or_nothing(users, person, employer):
    """The employer's one-form registration (issue 7): insurance enrolment and employment registration in one
    transaction; when employment refuses, the enrolment is undone too."""
    from insurance.models import Enrolment
    from insurance.services import enrolment_start

    employment_register(actor=users["clerk"], person=person, employer=EmployerFactory(), start=today())
    with pytest.raises(EmploymentError), transaction.atomic():
        enrolment_start(actor=users["clerk"], person=person, employer=employer, types=["pension"],
                        started_on=this_month())
        employment_register(actor=users["clerk"], person=person, employer=employer, start=today())
    assert not Enrolment.objects.filter(person=person, employer=employer).exists()
    assert StatusPeriod.objects.filter(person=person).count() == 1


def test_a_deceased_person_cannot_be_registered(users, person, employer, system):
    from accounts.services import person_record_death

    person_record_death(actor=system, person=person, date_of_death=today())
    with pytest.raises(EmploymentError, match="deceased"):
        employment_register(actor=system, person=person, employer=employer, start=today())


def test_the_employers_employee_list_reads_every_status_in_one_query(users, system, django_assert_num_queries):
    from employment.selectors import employment_status_bulk
    from tests.factories import PersonFactory

    employer = EmployerFactory()
    persons = [PersonFactory() for _ in range(5)]
    for p in persons[:3]:
        employment_register(actor=system, person=p, employer=employer, start=today())
    unemployment_register(actor=system, person=persons[3], registered_on=today())
    with django_assert_num_queries(1):
        found = employment_status_bulk(person_ids=[p.pk for p in persons])
    assert {pk: period.kind for pk, period in found.items()} == {
        persons[0].pk: "employed", persons[1].pk: "employed", persons[2].pk: "employed",
        persons[3].pk: "unemployed"}
