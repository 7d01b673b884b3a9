"""A death another department reports suspends unemployment benefit while the district verifies it: confirmed, the
benefit stops; found wrong, it resumes with its held-back payments — unless a fraud review holds it too."""

from __future__ import annotations

from datetime import date

import pytest

from accounts.services import person_report_death
from employment.models import BenefitClaim, Payment
from employment.rules.months import add_months
from employment.services import benefit_payments_generate, payment_result_record
from tests.employment.helpers import apply, approve, reject, this_month, working_life
from tests.employment.test_fraud import new_employer_declares_and_pays
from workflow.models import Case

ACCOUNT = "6222020200112233445"


@pytest.fixture
def drawing(users, person, employer, system):
    working_life(person, employer, actor=system, years=3)
    case = apply("employment.benefit", actor=users["clerk"], person=person, bank_account=ACCOUNT, bank="农业银行")
    return BenefitClaim.objects.get(case=approve(case, users["reviewer"]))


def _flagged(claim, person, system) -> Case:
    """This month paid by the bank, then a new employer declares the person: a fraud review holds the benefit."""
    payment_result_record(actor=system, reference=claim.payments.get(month=this_month()).reference, status="paid")
    new_employer_declares_and_pays(person, system)
    return Case.objects.get(person=person, service__code="employment.fraud_review")


def _report(person, system):
    assert person_report_death(actor=system, person=person, date_of_death=date(2026, 5, 1), source="公安死亡通报")
    return Case.objects.get(person=person, service__code="insurance.death_review")


def test_a_reported_death_suspends_the_benefit_and_holds_its_payments(drawing, person, system):
    _report(person, system)
    drawing.refresh_from_db()
    assert drawing.status == BenefitClaim.Status.SUSPENDED
    assert not drawing.payments.filter(status=Payment.Status.PENDING).exists()
    assert benefit_payments_generate(month=add_months(this_month(), 1)) == 0


def test_confirmed_the_benefit_stops(drawing, person, system, users):
    approve(_report(person, system), users["reviewer"])
    drawing.refresh_from_db()
    assert drawing.status == BenefitClaim.Status.STOPPED and drawing.stop_reason == BenefitClaim.StopReason.DIED


def test_found_wrong_the_benefit_resumes_with_its_held_back_payment(drawing, person, system, users):
    held = drawing.payments.get(month=this_month())
    reject(_report(person, system), users["reviewer"], reason="本人健在")
    drawing.refresh_from_db()
    held.refresh_from_db()
    assert drawing.status == BenefitClaim.Status.ACTIVE and held.status == Payment.Status.PENDING


def test_a_benefit_under_a_fraud_review_stays_suspended_until_both_decide(drawing, person, system, users):
    review_case = _flagged(drawing, person, system)
    death_case = _report(person, system)
    reject(death_case, users["reviewer"], reason="本人健在")
    drawing.refresh_from_db()
    assert drawing.status == BenefitClaim.Status.SUSPENDED  # the fraud review still holds it
    reject(review_case, users["reviewer"], reason="核实无误")
    drawing.refresh_from_db()
    assert drawing.status == BenefitClaim.Status.ACTIVE


def test_a_fraud_review_cleared_while_the_death_is_being_verified_does_not_resume(drawing, person, system, users):
    review_case = _flagged(drawing, person, system)
    _report(person, system)
    reject(review_case, users["reviewer"], reason="核实无误")
    drawing.refresh_from_db()
    assert drawing.status == BenefitClaim.Status.SUSPENDED
