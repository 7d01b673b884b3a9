"""The fraud check (冒领): a person drawing benefit whose new employer declares and pays contributions is flagged
once, payments stop, a review case lands in their district's back office with the overpaid amount and the
reason on its timeline; the nightly sweep finds the same without double flags; the review decides."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from employment.models import BenefitClaim, FraudFlag, FraudReview, Payment, Prompt
from employment.rules.months import add_months
from employment.services import (
    benefit_payments_generate,
    employment_register,
    fraud_sweep,
    payment_result_record,
)
from tests.employment.helpers import apply, approve, reject, this_month, today, working_life
from tests.factories import EmployerFactory
from workflow.models import CaseEvent

ACCOUNT = "6222020200112233445"


@pytest.fixture
def drawing(users, person, employer, system):
    """A person drawing benefit, this month's paid by the bank."""
    working_life(person, employer, actor=system, years=3)
    case = apply("employment.benefit", actor=users["clerk"], person=person, bank_account=ACCOUNT, bank="农业银行")
    claim = BenefitClaim.objects.get(case=approve(case, users["reviewer"]))
    payment = claim.payments.get(month=this_month())
    payment_result_record(actor=system, reference=payment.reference, status="paid")
    return claim


def new_employer_declares_and_pays(person, actor, *, pay_it=True):
    """The new employer enrols the person and declares this month through insurance's own services."""
    from insurance.models import PaymentOrder
    from insurance.services import declaration_submit, enrolment_start, payment_confirm
    from insurance.services.uploads import WageRow

    new_employer = EmployerFactory()
    enrolment_start(actor=actor, person=person, employer=new_employer, types=["pension", "unemployment"],
                    started_on=this_month())
    declaration = declaration_submit(employer=new_employer, month=this_month(), actor=actor, channel="online",
                                     rows=[WageRow(row=1, id_number=person.id_number, name="", wage="6000")])
    if pay_it:
        payment_confirm(order=declaration.orders.get(status=PaymentOrder.Status.ISSUED), actor=actor,
                        channel="tax", reference="T1")
    return new_employer


def test_flagged_once_payments_stop_and_a_case_lands_in_the_district(drawing, person, system, users):
    new_employer = new_employer_declares_and_pays(person, system)
    flag = FraudFlag.objects.get(person=person)
    # Caught when the new employer declares the month, before it even pays.
    assert (flag.month, flag.reason, flag.employer, flag.amount, flag.source) == (
        this_month(), "declared", new_employer, Decimal("1980.00"), "contributions")
    drawing.refresh_from_db()
    assert drawing.status == "suspended"
    # Payments stop: next month's benefit is not queued while the review is open.
    assert benefit_payments_generate(month=add_months(this_month(), 1)) == 0
    review = FraudReview.objects.get(person=person)
    assert (review.status, review.overpaid) == ("open", Decimal("1980.00"))
    case = review.case
    assert (case.service.code, case.status, case.channel) == ("employment.fraud_review", "routed", "system")
    assert case.jurisdiction_office.code == "BACK-370503"  # the person's district (河口区), not where it was paid
    note = case.events.get(kind=CaseEvent.Kind.NOTE).note
    assert f"{this_month():%Y-%m}" in note and new_employer.name in note and "1980.00" in note
    assert case.data["overpaid"] == "1980.00"
    assert [c["code"] for c in case.checks] == [f"month_{this_month():%Y-%m}"]
    # The desk and the resident's page see it.
    assert Prompt.objects.get(person=person, resolved_at__isnull=True, rule="employment.fraud_review")
    # The nightly sweep finds the same month: no second flag, no second review or case.
    assert fraud_sweep()["flagged"] == 0
    assert FraudFlag.objects.filter(person=person).count() == 1
    assert FraudReview.objects.filter(person=person).count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.NOTE).count() == 1


def test_a_declaration_not_yet_paid_is_flagged_at_once(drawing, person, system):
    new_employer_declares_and_pays(person, system, pay_it=False)
    flag = FraudFlag.objects.get(person=person)
    assert (flag.reason, flag.source) == ("declared", "contributions")
    drawing.refresh_from_db()
    assert drawing.status == "suspended"
    assert FraudReview.objects.get(person=person).case.status == "routed"
    assert fraud_sweep()["flagged"] == 0  # the nightly sweep finds nothing new


def test_an_employment_registered_back_over_paid_months_is_flagged(drawing, person, system):
    employment_register(actor=system, person=person, employer=EmployerFactory(), start=today())
    drawing.refresh_from_db()
    assert drawing.stop_reason == "re_employed"
    assert fraud_sweep()["flagged"] == 1
    assert FraudFlag.objects.get(person=person).reason == "employment"


def test_a_month_paid_after_the_contributions_arrived_is_flagged_when_the_bank_reports_it(users, person, employer,
                                                                                             system):
    from employment.services import contributions_received

    working_life(person, employer, actor=system, years=3)
    case = apply("employment.benefit", actor=users["clerk"], person=person, bank_account=ACCOUNT, bank="农业银行")
    claim = BenefitClaim.objects.get(case=approve(case, users["reviewer"]))
    payment = claim.payments.get()
    from tests.employment.helpers import pay

    other = EmployerFactory()
    pay(person, this_month(), 1, employer=other)
    contributions_received(person_ids=[person.pk], months=[this_month()], employer_id=other.pk, source="tax",
                           actor=system)
    claim.refresh_from_db()
    assert claim.status == "stopped"  # nothing paid yet: stopped, not flagged
    payment.refresh_from_db()
    assert payment.status == "cancelled"


def test_confirming_the_review_stops_the_benefit_for_good(drawing, person, system, users):
    new_employer_declares_and_pays(person, system)
    review = FraudReview.objects.get(person=person)
    approve(review.case, users["reviewer"], note="已核实，责令退回")
    review.refresh_from_db()
    drawing.refresh_from_db()
    assert (review.status, review.decided_by) == ("confirmed", users["reviewer"])
    assert (drawing.status, drawing.stop_reason) == ("stopped", "fraud_confirmed")
    assert review.case.result == {"decision": "confirmed", "overpaid": "1980.00",
                                  "stopped_from": f"{this_month():%Y-%m}"}
    assert not Prompt.objects.filter(person=person, resolved_at__isnull=True, rule="employment.fraud_review").exists()


def test_clearing_the_review_resumes_the_payments(drawing, person, system, users):
    benefit_payments_generate(month=add_months(this_month(), 1))
    new_employer_declares_and_pays(person, system)
    held = Payment.objects.get(claim=drawing, month=add_months(this_month(), 1))
    assert held.status == "cancelled"
    review = FraudReview.objects.get(person=person)
    reject(review.case, users["reviewer"], reason="单位误报，已更正")
    drawing.refresh_from_db()
    held.refresh_from_db()
    assert drawing.status == "active"
    assert held.status == "pending"
    assert FraudReview.objects.get(pk=review.pk).status == "cleared"
    # The flag stays: the month is never flagged twice.
    assert fraud_sweep()["flagged"] == 0


def test_later_months_join_the_open_review(drawing, person, system):
    """A second detection while the review is open adds its months to the same case."""
    from tests.employment.helpers import pay

    new_employer_declares_and_pays(person, system)
    review = FraudReview.objects.get(person=person)
    earlier = Payment.objects.create(reference="UBTEST0001", item="benefit", person=person, claim=drawing,
                                     month=add_months(this_month(), -1), amount=Decimal("1980.00"), fund="ui_fund",
                                     status="paid", created_at=review.opened_at - timedelta(days=30))
    pay(person, earlier.month, 1, employer=EmployerFactory(), types=("pension",))
    assert fraud_sweep()["flagged"] == 1
    review.refresh_from_db()
    assert review.overpaid == Decimal("3960.00")
    assert FraudReview.objects.filter(person=person).count() == 1
    assert review.case.events.filter(kind=CaseEvent.Kind.NOTE).count() == 2
    assert [m["month"] for m in review.case.data["months"]] == [f"{earlier.month:%Y-%m}", f"{this_month():%Y-%m}"]


def test_no_double_flags_for_the_same_month_even_by_hand(drawing, person, system):
    from django.db import IntegrityError, transaction

    new_employer_declares_and_pays(person, system)
    flag = FraudFlag.objects.get(person=person)
    other = Payment.objects.create(reference="UBTEST0002", item="benefit", person=person, claim=drawing,
                                   month=add_months(this_month(), 2), amount=Decimal("1"), fund="ui_fund",
                                   created_at=flag.detected_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        FraudFlag.objects.create(person=person, claim=drawing, payment=other, month=flag.month, reason="declared",
                                 amount=Decimal("1"), source="sweep", detected_at=flag.detected_at)


def test_the_sweep_leaves_honest_beneficiaries_alone(drawing, person, system):
    assert fraud_sweep() == {"flagged": 0, "unreviewed": 0}
    drawing.refresh_from_db()
    assert drawing.status == "active"
    assert today() >= drawing.first_month


def test_a_failing_fraud_check_never_undoes_the_contributions_being_recorded(drawing, person, system, monkeypatch):
    """The payment confirmation stands; the nightly sweep repeats the check."""
    from insurance.models import Contribution

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr("employment.services.lifecycle.fraud_detect", broken)
    new_employer_declares_and_pays(person, system)
    assert Contribution.objects.filter(person=person, month=this_month(), employer__isnull=False).exists()
    assert not FraudFlag.objects.exists()
    monkeypatch.undo()
    assert fraud_sweep()["flagged"] == 1
