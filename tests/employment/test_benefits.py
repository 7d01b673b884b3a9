"""Unemployment benefit: the eligibility criteria from insurance's records, the entitlement on approval, monthly
payments, and what stops it (re-employment, a new employer's contributions, death)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from employment.models import BenefitClaim, Payment
from employment.rules.months import add_months
from employment.services import benefit_payments_generate, employment_register, payment_result_record
from tests.employment.helpers import apply, approve, pay, this_month, today, working_life
from tests.factories import EmployerFactory
from workflow.exceptions import NotEligible

ACCOUNT = "6222020200112233445"


def claim_benefit(users, person):
    case = apply("employment.benefit", actor=users["clerk"], person=person, bank_account=ACCOUNT, bank="工商银行")
    assert case.status == "routed"
    assert case.jurisdiction_office.code == "BACK-370503"
    return approve(case, users["reviewer"])


@pytest.mark.parametrize(("years", "months"), [(1, 12), (5, 18), (10, 24)])
def test_entitlement_by_contribution_years(users, person, employer, system, years, months):
    working_life(person, employer, actor=system, years=years)
    case = claim_benefit(users, person)
    claim = BenefitClaim.objects.get(case=case)
    assert (claim.contribution_months, claim.entitled_months, claim.status) == (12 * years, months, "active")
    assert claim.monthly_amount == Decimal("1980.00")  # 90% of the 2,200 first-tier minimum wage (rule table)
    assert claim.first_month == this_month()
    assert claim.last_month == add_months(this_month(), months - 1)
    payment = Payment.objects.get(claim=claim)
    assert (payment.month, payment.amount, payment.status, payment.fund) == (
        this_month(), Decimal("1980.00"), "pending", "ui_fund")
    assert payment.reference == f"UB{this_month():%Y%m}{claim.pk:010d}"
    assert case.result["months"] == months


def test_eleven_months_of_contributions_are_not_enough(users, person, employer, system):
    working_life(person, employer, actor=system, years=1, insured_months=11)
    with pytest.raises(NotEligible) as exc:
        apply("employment.benefit", actor=users["clerk"], person=person, bank_account=ACCOUNT, bank="工商银行")
    errors = {c.code: c for c in exc.value.errors}
    assert list(errors) == ["insured_a_year"]
    assert errors["insured_a_year"].data["months"] == 11


def test_a_voluntary_separation_gives_no_benefit(users, person, employer, system):
    working_life(person, employer, actor=system, years=3, reason="resigned")
    with pytest.raises(NotEligible) as exc:
        apply("employment.benefit", actor=users["clerk"], person=person, bank_account=ACCOUNT, bank="工商银行")
    check = {c.code: c for c in exc.value.errors}["involuntary_separation"]
    assert "Resigned" in str(check.detail)


def test_without_unemployment_registration_there_is_no_benefit(users, person, employer, system):
    from employment.services import employment_end

    employment_register(actor=system, person=person, employer=employer, start=today() - timedelta(days=800))
    employment_end(actor=system, person=person, employer=employer, ended_on=today() - timedelta(days=40),
                   reason="dismissed")
    pay(person, add_months(this_month(), -24), 20, employer=employer)
    with pytest.raises(NotEligible) as exc:
        apply("employment.benefit", actor=users["clerk"], person=person, bank_account=ACCOUNT, bank="工商银行")
    assert [c.code for c in exc.value.errors] == ["registered_unemployed"]


def test_a_bank_account_is_checked(users, person):
    from employment.catalogue.benefits import BenefitForm

    form = BenefitForm(data={"bank_account": "12ab", "bank": "x"})
    assert not form.is_valid() and "bank_account" in form.errors


def test_monthly_payments_are_generated_once_and_the_entitlement_runs_out(users, person, employer, system):
    working_life(person, employer, actor=system, years=1)
    claim = BenefitClaim.objects.get(case=claim_benefit(users, person))
    assert benefit_payments_generate(month=this_month()) == 0  # already queued on approval
    months = [add_months(this_month(), n) for n in range(1, 12)]
    assert sum(benefit_payments_generate(month=m) for m in months) == 11
    assert claim.payments.count() == 12
    assert benefit_payments_generate(month=add_months(this_month(), 12)) == 0
    claim.refresh_from_db()
    assert claim.status == "exhausted"


def test_payment_results_are_idempotent(users, person, employer, system):
    working_life(person, employer, actor=system, years=1)
    payment = Payment.objects.get(claim__case=claim_benefit(users, person))
    paid = payment_result_record(actor=system, reference=payment.reference.lower(), status="paid")
    first_time = paid.paid_at
    again = payment_result_record(actor=system, reference=payment.reference, status="paid")
    assert again.status == "paid" and again.paid_at == first_time
    from employment.exceptions import EmploymentError

    with pytest.raises(EmploymentError, match="already"):
        payment_result_record(actor=system, reference=payment.reference, status="failed", reason="closed account")
    with pytest.raises(EmploymentError, match="No payment"):
        payment_result_record(actor=system, reference="UB000000", status="paid")


def test_re_employment_stops_the_benefit(users, person, employer, system):
    working_life(person, employer, actor=system, years=5)
    claim = BenefitClaim.objects.get(case=claim_benefit(users, person))
    benefit_payments_generate(month=add_months(this_month(), 1))
    employment_register(actor=system, person=person, employer=EmployerFactory(),
                        start=add_months(this_month(), 1))
    claim.refresh_from_db()
    assert (claim.status, claim.stop_reason) == ("stopped", "re_employed")
    statuses = dict(claim.payments.values_list("month", "status"))
    assert statuses == {this_month(): "pending", add_months(this_month(), 1): "cancelled"}
    assert claim.unused_months == 17  # 18 months, one drawn


def test_unused_months_combine_with_a_new_entitlement(users, person, employer, system):
    """Re-employed after 3 of 18 months: 15 months are kept; 12 months of new contributions later, the new
    entitlement (12 months, the contribution time counted afresh) plus the 15 is capped at 24."""
    from freezegun import freeze_time

    from employment.services import employment_end, unemployment_register

    with freeze_time("2025-01-15 10:00"):
        working_life(person, employer, actor=system, years=5)
        first = BenefitClaim.objects.get(case=claim_benefit(users, person))
        benefit_payments_generate(month=date(2025, 2, 1))
        benefit_payments_generate(month=date(2025, 3, 1))
    new_employer = EmployerFactory()
    with freeze_time("2025-03-10 10:00"):
        employment_register(actor=system, person=person, employer=new_employer, start=date(2025, 3, 10))
    first.refresh_from_db()
    assert (first.stop_reason, first.unused_months) == ("re_employed", 16)  # March was cancelled: 2 drawn
    pay(person, date(2025, 3, 1), 12, employer=new_employer)
    with freeze_time("2026-04-15 10:00"):
        employment_end(actor=system, person=person, employer=new_employer, ended_on=date(2026, 3, 5),
                       reason="employer_closed")
        unemployment_register(actor=system, person=person, registered_on=date(2026, 4, 15))
        second = BenefitClaim.objects.get(case=claim_benefit(users, person))
    assert (second.contribution_months, second.new_months, second.carried_months, second.entitled_months) == (
        12, 12, 16, 24)


def test_death_stops_the_benefit_after_the_month_of_death(users, person, employer, system):
    from accounts.services import person_record_death

    working_life(person, employer, actor=system, years=2)
    claim = BenefitClaim.objects.get(case=claim_benefit(users, person))
    benefit_payments_generate(month=add_months(this_month(), 1))
    person_record_death(actor=system, person=person, date_of_death=today())
    claim.refresh_from_db()
    assert (claim.status, claim.stop_reason) == ("stopped", "died")
    assert dict(claim.payments.values_list("month", "status")) == {
        this_month(): "pending", add_months(this_month(), 1): "cancelled"}
    assert person.employment_periods.get(ended_on=today()).end_reason == "died"


def test_a_new_employers_contributions_stop_the_benefit(users, person, employer, system):
    from employment.services import contributions_received

    working_life(person, employer, actor=system, years=2)
    claim = BenefitClaim.objects.get(case=claim_benefit(users, person))
    benefit_payments_generate(month=add_months(this_month(), 1))
    other = EmployerFactory()
    contributions_received(person_ids=[person.pk], months=[add_months(this_month(), 1)], employer_id=other.pk,
                           source="declaration", actor=system)
    claim.refresh_from_db()
    assert (claim.status, claim.stop_reason) == ("stopped", "employer_contributions")
    assert claim.payments.get(month=add_months(this_month(), 1)).status == "cancelled"
    assert not claim.fraud_flags.exists()  # nothing was paid for that month: no fraud


def test_payments_skip_months_an_employer_already_paid_for(users, person, employer, system):
    working_life(person, employer, actor=system, years=2)
    claim = BenefitClaim.objects.get(case=claim_benefit(users, person))
    pay(person, add_months(this_month(), 1), 1, employer=EmployerFactory())
    assert benefit_payments_generate(month=add_months(this_month(), 1)) == 0
    assert claim.payments.count() == 1
