"""What the other apps read: each a fixed small number of queries, and the facts they promise."""

from datetime import date
from decimal import Decimal as D

import pytest

from insurance import selectors
from insurance.services import (
    declaration_submit,
    enrolment_start,
    flexible_contribution_record,
    payment_confirm,
)
from tests.factories import EmployerFactory, PersonFactory
from tests.insurance.conftest import rows_for, staff

pytestmark = pytest.mark.django_db


def pay(employer, persons, month, system, wage=6000):
    declaration = declaration_submit(employer=employer, month=month, rows=rows_for(persons, [wage] * len(persons)),
                                     actor=system, channel="counter")
    payment_confirm(order=declaration.orders.get(), actor=system)


def test_enrolment_status_for_one_and_for_many(employer, system, django_assert_num_queries):
    insured = staff(employer, 2)
    flexible = PersonFactory()
    enrolment_start(actor=system, person=flexible, types=["pension"], started_on=date(2026, 1, 1))
    with django_assert_num_queries(1):
        status = selectors.enrolment_status(person=insured[0])
    assert set(status) == {"pension", "medical", "unemployment", "work_injury"}
    assert status["pension"]["employer"] == employer.name and status["pension"]["since"] == date(2025, 1, 1)
    with django_assert_num_queries(1):
        bulk = selectors.enrolment_status_bulk(person_ids=[p.pk for p in [*insured, flexible]])
    assert bulk[flexible.pk] == {"pension": "active"} and bulk[insured[1].pk]["unemployment"] == "active"


def test_unemployment_months_in_a_window_and_employer_months_for_the_fraud_check(employer, system,
                                                                                  django_assert_num_queries):
    person = staff(employer, 1)[0]
    for month in (1, 2, 3, 5):
        pay(employer, [person], date(2025, month, 1), system)
    declaration_submit(employer=employer, month=date(2025, 6, 1), rows=rows_for([person], [6000]), actor=system,
                       channel="counter")  # declared, not yet paid
    with django_assert_num_queries(1):
        assert selectors.unemployment_paid_months(person=person, start=date(2025, 2, 1),
                                                  end=date(2025, 12, 31)) == 3
    with django_assert_num_queries(2):
        months = selectors.employer_months_for_person(person=person, start=date(2025, 1, 1), end=date(2025, 12, 1))
    assert months == {employer.pk: [date(2025, m, 1) for m in (1, 2, 3, 5, 6)]}
    with django_assert_num_queries(1):
        assert selectors.current_employer_id(person=person) == employer.pk


def test_the_subsidy_selector_sees_contributions_paid_partly_by_the_subsidy(system, django_assert_num_queries):
    person, other = PersonFactory(), PersonFactory()
    for p, share in ((person, D("0.6667")), (other, None)):
        enrolment_start(actor=system, person=p, types=["pension", "medical"], started_on=date(2026, 1, 1))
        flexible_contribution_record(person=p, months=[date(2026, 9, 1), date(2026, 10, 1)], actor=system,
                                     subsidy_share=share)
    with django_assert_num_queries(1):
        assert selectors.receives_subsidy(person=person, today=date(2026, 11, 20))
    assert not selectors.receives_subsidy(person=other, today=date(2026, 11, 20))
    assert not selectors.receives_subsidy(person=person, today=date(2027, 6, 1))


def test_contribution_history_by_year_and_type(employer, system, django_assert_num_queries):
    person = staff(employer, 1, start=date(2024, 11, 1))[0]
    for month in (date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1)):
        pay(employer, [person], month, system, wage=3000)
    with django_assert_num_queries(1):
        history = selectors.contribution_history(person=person)
    pension = [(r["year"], r["months"], r["employer"]) for r in history if r["insurance_type"] == "pension"]
    assert pension == [(2024, 2, D("1413.12")), (2025, 1, D("720.64"))]  # floors 4,416 and 4,504 x 16%


def test_pensioner_selectors(system):
    from insurance.models import CarriedOverRecord
    from insurance.services import pension_grant

    person = PersonFactory(birth=date(1962, 2, 1), sex_code="M")
    assert not selectors.is_pensioner(person=person)
    CarriedOverRecord.objects.create(person=person, through_month=date(2021, 12, 1), pension_months=250,
                                     average_index=D("1"), account_balance=D("1"))
    pension_grant(person=person, actor=system, retirement_date=date(2022, 2, 1), group="male")
    assert selectors.is_pensioner(person=person) and selectors.receives_pension(person=person)


def test_employer_insured_employees(system):
    employer = EmployerFactory()
    insured = staff(employer, 3)
    assert set(selectors.employer_insured_employees(employer=employer)) == set(insured)


def test_the_signal_is_offered_through_the_selectors_module():
    from insurance.signals import contributions_recorded

    assert selectors.contributions_recorded is contributions_recorded


def test_the_set_based_employer_month_filter_and_flexible_payments(employer, system, django_assert_num_queries):
    from django.db.models import OuterRef

    from accounts.models import Person

    declared, paid, neither = staff(employer, 3)
    pay(employer, [paid], date(2025, 3, 1), system)
    declaration_submit(employer=employer, month=date(2025, 4, 1), rows=rows_for([declared], [6000]), actor=system,
                       channel="counter")
    march = Person.objects.filter(selectors.employer_month_exists(OuterRef("pk"), date(2025, 3, 1)))
    april = Person.objects.filter(selectors.employer_month_exists(OuterRef("pk"), date(2025, 4, 1)))
    with django_assert_num_queries(1):
        assert set(march.filter(pk__in=[declared.pk, paid.pk, neither.pk])) == {paid}
    assert set(april.filter(pk__in=[declared.pk, paid.pk, neither.pk])) == {declared}

    person = PersonFactory()
    enrolment_start(actor=system, person=person, types=["pension"], started_on=date(2026, 1, 1))
    flexible_contribution_record(person=person, months=[date(2026, 1, 1), date(2026, 2, 1)], actor=system,
                                 subsidy_share=D("0.5"))
    with django_assert_num_queries(1):
        paid_flexibly = selectors.flexible_contributions(person=person, first=date(2026, 1, 1),
                                                         last=date(2026, 12, 1))
    # 20% of the 2026 floor 4,573 = 914.60 a month, half paid by the subsidy: 457.30 each month.
    assert paid_flexibly == {"months": [date(2026, 1, 1), date(2026, 2, 1)], "paid": D("914.60")}


def test_one_pass_over_the_contributions_feeds_the_history_the_summary_and_what_is_owed(employer, system,
                                                                                        django_assert_num_queries):
    """The records page's three readings of the same rows: one query inside read_once, and each the figures of a
    reading of its own (paid months across two years, the last month, the owed months counted once over types)."""
    from django.db.models import Count, Sum

    from accounts import memo
    from insurance.models import Contribution
    from insurance.services import back_payment_record

    person = staff(employer, 1, start=date(2024, 11, 1))[0]
    for month in (date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1)):
        pay(employer, [person], month, system)
    back_payment_record(person=person, employer=employer, first_month=date(2024, 6, 1), last_month=date(2024, 8, 1),
                        types=["pension", "unemployment"], wage=D("5000"), actor=system)
    with django_assert_num_queries(3), memo.read_once():  # the totals, the carried-over record, the owed months
        history = selectors.contribution_history(person=person)
        summary = selectors.contribution_summary(person=person)
        owed = selectors.owed_contributions(person=person)
    rows = Contribution.objects.filter(person=person)
    paid = rows.filter(status=Contribution.Status.PAID)
    assert {(h["year"], h["insurance_type"]): h["months"] for h in history} == {
        (r["month__year"], r["insurance_type"]): r["n"]
        for r in paid.values("month__year", "insurance_type").annotate(n=Count("month", distinct=True))}
    pension = next(t for t in summary["types"] if t["insurance_type"] == "pension")
    assert pension["months"] == 3 and pension["last"] == date(2025, 1, 1)
    owed_rows = rows.filter(status=Contribution.Status.OWED).aggregate(e=Sum("employer_part"), i=Sum("individual_part"))
    assert owed == {"months": 3, "total": owed_rows["e"] + owed_rows["i"]} and summary["owed"] == owed["total"] > 0
    assert summary["account_balance"] == paid.filter(insurance_type="pension").aggregate(
        a=Sum("account_part"))["a"]
    clear = staff(employer, 1)[0]
    with django_assert_num_queries(1):  # nothing owed of two types: the totals alone answer
        assert selectors.owed_contributions(person=clear) == {"months": 0, "total": D("0.00")}
