"""Subsidies: each criterion cross-checked against the registry and insurance, shown to the clerk and reviewer;
amounts from the rule table; every approved payment classified to its fund with a unique reference."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from employment.models import Payment, SubsidyGrant
from employment.rules.months import add_months
from employment.services import difficulty_determine, flexible_register
from tests.employment.helpers import apply, approve, born_years_ago, pay, this_month, today, working_life
from tests.factories import EmployerFactory, PersonFactory
from workflow.exceptions import NotEligible
from workflow.services import case_check


def errors(exc) -> dict:
    return {c.code: c for c in exc.value.errors}


def test_a_start_up_subsidy_for_someone_drawing_benefit_is_refused_with_the_criterion(users, person, employer,
                                                                                     system):
    from tests.employment.test_benefits import claim_benefit

    working_life(person, employer, actor=system, years=2)
    claim_benefit(users, person)
    business = EmployerFactory(legal_representative=person.name)
    with pytest.raises(NotEligible) as exc:
        apply("employment.subsidy_startup", actor=users["clerk"], person=person, business=business.credit_code)
    failed = errors(exc)
    assert list(failed) == ["no_benefit"]
    assert failed["no_benefit"].label == "Not drawing unemployment benefit"
    assert "1980.00" in str(failed["no_benefit"].detail)
    # The clerk sees every criterion, passed or failed, with the data behind it.
    checks = {c.code: c for c in case_check(service_code="employment.subsidy_startup", actor=users["clerk"],
                                            channel="counter", person=person,
                                            data={"business": business.credit_code})}
    assert checks["insured"].passed and checks["insured"].data["paid_months"] == 24
    assert checks["founder"].passed and checks["no_insurance_subsidy"].passed
    assert checks["rule"].data["amount"] == "12000.00"


def test_start_up_training_subsidy_for_someone_never_insured_is_accepted(users, system):
    person = PersonFactory(birth=born_years_ago(25))
    case = apply("employment.subsidy_startup_training", actor=users["clerk"], person=person,
                 certificate="SYB2026-0001", course="SYB 创业培训")
    insured = {c["code"]: c for c in case.checks}["insured"]
    assert insured["passed"] and insured["data"] == {"required": 0}
    case = approve(case, users["reviewer"])
    grant = SubsidyGrant.objects.get(case=case)
    assert (grant.amount, grant.fund, grant.person) == (Decimal("1000.00"), "employment_fund", person)
    payment = grant.payments.get()
    assert payment.reference.startswith(f"SB{today():%Y%m%d}")
    assert (payment.amount, payment.fund, payment.status, payment.person) == (
        Decimal("1000.00"), "employment_fund", "pending", person)
    assert case.result["payment"] == payment.reference
    # One-time: a second application is refused.
    with pytest.raises(NotEligible) as exc:
        apply("employment.subsidy_startup_training", actor=users["clerk"], person=person,
              certificate="SYB2026-0002", course="SYB")
    assert list(errors(exc)) == ["first_time"]


@pytest.mark.parametrize(("months", "accepted"), [(11, False), (12, True)])
def test_vocational_training_needs_twelve_months_of_unemployment_insurance(users, person, employer, months, accepted):
    pay(person, add_months(this_month(), -months), months, employer=employer)
    fields = {"certificate": "ZY-1", "course": "电工", "level": "intermediate"}
    if not accepted:
        with pytest.raises(NotEligible) as exc:
            apply("employment.subsidy_vocational_training", actor=users["clerk"], person=person, **fields)
        assert errors(exc)["insured"].data == {"paid_months": 11, "required": 12, "since": None}
        return
    case = apply("employment.subsidy_vocational_training", actor=users["clerk"], person=person, **fields)
    approve(case, users["reviewer"])
    grant = SubsidyGrant.objects.get(case=case)
    # The intermediate level's amount; paid from the unemployment-insurance fund for an insured worker.
    assert (grant.amount, grant.variant, grant.fund) == (Decimal("1500.00"), "intermediate", "ui_fund")
    assert "insured" in grant.details["situations"]


def test_vocational_training_for_someone_not_insured_for_a_year_is_paid_from_the_employment_fund(users, person):
    from employment.models import SubsidyRule

    SubsidyRule.objects.filter(subsidy="vocational_training").update(required_insurance_months=0)
    case = apply("employment.subsidy_vocational_training", actor=users["clerk"], person=person, certificate="ZY-2",
                 course="育婴", level="primary")
    approve(case, users["reviewer"])
    assert SubsidyGrant.objects.get(case=case).fund == "employment_fund"


def test_job_referral_subsidy_for_placing_a_registered_unemployed_person(users, person, system):
    from employment.services import employment_register, unemployment_register

    agency, new_employer = EmployerFactory(), EmployerFactory()
    unemployment_register(actor=system, person=person, registered_on=today() - timedelta(days=70))
    placed = today() - timedelta(days=40)
    employment_register(actor=system, person=person, employer=new_employer, start=placed)
    pay(person, add_months(this_month(), -1), 1, employer=new_employer)
    case = apply("employment.subsidy_job_referral", actor=users["clerk"], person=person, employer=agency,
                 placed_on=placed.isoformat())
    checks = {c["code"]: c for c in case.checks}
    assert checks["placed"]["passed"] and checks["was_unemployed"]["passed"] and checks["insured"]["passed"]
    approve(case, users["reviewer"])
    grant = SubsidyGrant.objects.get(case=case)
    payment = grant.payments.get()
    assert (payment.employer, payment.person, payment.amount) == (agency, None, Decimal("200.00"))
    # The same person placed again is not subsidised twice.
    with pytest.raises(NotEligible) as exc:
        apply("employment.subsidy_job_referral", actor=users["clerk"], person=person, employer=EmployerFactory(),
              placed_on=placed.isoformat())
    assert "first_time" in errors(exc)


def test_start_up_job_creation_counts_the_qualifying_jobs(users, system):
    from employment.services import employment_register

    startup = EmployerFactory()
    hired = [PersonFactory() for _ in range(3)]
    for p in hired[:2]:
        employment_register(actor=system, person=p, employer=startup, start=today() - timedelta(days=60))
        pay(p, add_months(this_month(), -1), 1, employer=startup)
    case = apply("employment.subsidy_startup_jobs", actor=users["clerk"], employer=startup,
                 hired="\n".join(p.id_number for p in hired))
    checks = {c["code"]: c for c in case.checks}
    assert checks[f"hired_{hired[0].pk}"]["passed"] and not checks[f"hired_{hired[2].pk}"]["passed"]
    assert checks["jobs"]["data"] == {"qualifying": 2}
    approve(case, users["reviewer"])
    grant = SubsidyGrant.objects.get(case=case)
    assert (grant.amount, grant.quantity, grant.fund, grant.employer) == (
        Decimal("4000.00"), 2, "startup_fund", startup)
    assert grant.payments.get().employer == startup


def test_flexible_employment_social_insurance_subsidy_is_two_thirds_of_what_was_paid(users, system):
    person = PersonFactory(birth=born_years_ago(45, days=200))
    from accounts.services import person_set_household_facts

    person_set_household_facts(actor=system, person=person, low_income=True, source="test")
    flexible_register(actor=system, person=person, start=today() - timedelta(days=120))
    difficulty_determine(actor=system, person=person)
    first = add_months(this_month(), -3)
    pay(person, first, 3, types=("pension", "medical"), payer="flexible", amount=Decimal("450.00"))
    case = apply("employment.subsidy_flexible_insurance", actor=users["clerk"], person=person,
                 first_month=f"{first:%Y-%m}", last_month=f"{add_months(first, 2):%Y-%m}")
    approve(case, users["reviewer"])
    grant = SubsidyGrant.objects.get(case=case)
    assert grant.amount == Decimal("1800.00")  # 2/3 of 3 months x 2 types x 450
    assert (grant.first_month, grant.last_month, grant.fund) == (first, add_months(first, 2), "employment_fund")
    # The months are not subsidised twice.
    with pytest.raises(NotEligible) as exc:
        apply("employment.subsidy_flexible_insurance", actor=users["clerk"], person=person,
              first_month=f"{first:%Y-%m}", last_month=f"{first:%Y-%m}")
    assert "not_covered" in errors(exc)


def test_the_flexible_subsidy_needs_a_determination(users, person, system):
    flexible_register(actor=system, person=person, start=today() - timedelta(days=30))
    with pytest.raises(NotEligible) as exc:
        apply("employment.subsidy_flexible_insurance", actor=users["clerk"], person=person,
              first_month=f"{this_month():%Y-%m}", last_month=f"{this_month():%Y-%m}")
    assert {"difficulty", "paid"} <= set(errors(exc))


def test_every_approved_payment_has_a_unique_reference(users, system):
    references = set()
    for n in range(3):
        case = apply("employment.subsidy_startup_training", actor=users["clerk"], person=PersonFactory(),
                     certificate=f"SYB-{n}", course="SYB")
        approve(case, users["reviewer"])
        references.add(Payment.objects.get(grant__case=case).reference)
    assert len(references) == 3
