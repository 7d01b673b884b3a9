"""Payments: created for an approved subsidy or a month of benefit, each with its unique reference; the bank's
result recorded against it exactly once (a repeated report changes nothing)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from employment.exceptions import EmploymentError
from employment.models import BatchLine, Payment, PaymentBatch, SubsidyGrant
from employment.rules.months import month_start
from workflow.services import sequence_next

SUSPENDED_NOTE = Payment.SUSPENDED


def subsidy_payment_create(*, grant: SubsidyGrant, now: datetime | None = None) -> Payment:
    """The grant's payment: to the employer when an employer applied (an agency, a start-up), else the person."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    reference = f"SB{day:%Y%m%d}{sequence_next(f'employment:payment:{day:%Y%m%d}'):06d}"
    return Payment.objects.create(
        reference=reference, item=grant.subsidy, person=None if grant.employer_id else grant.person,
        employer=grant.employer, grant=grant,
        month=month_start(day), amount=grant.amount, fund=grant.fund, created_at=now)


def payments_cancel(*, payments: QuerySet[Payment], note: str = "") -> int:
    """Cancel payments not yet paid. Those in a batch released to the bank are left to the bank's result (the
    money may already be paid); one in a batch not yet released stops that batch's release."""
    at_bank = BatchLine.objects.filter(payment=OuterRef("pk"), result=BatchLine.Result.SENT,
                                       batch__status=PaymentBatch.Status.RELEASED)
    return payments.filter(status__in=[Payment.Status.PENDING, Payment.Status.FAILED]).exclude(Exists(at_bank)).update(
        status=Payment.Status.CANCELLED, failure_reason=note[:200], result_at=timezone.now())


ALLOWED = {
    Payment.Status.PENDING: {Payment.Status.PAID, Payment.Status.FAILED},
    Payment.Status.FAILED: {Payment.Status.PAID,  # the bank paid on a retry
                            Payment.Status.PENDING},  # the account corrected: payable again in a later batch
}


@transaction.atomic
def payment_result_record(*, actor: User, reference: str, status: str, paid_at: datetime | None = None,
                          reason: str = "") -> Payment:
    """The bank's result for a payment: paid (with the time) or failed (with the reason). Idempotent: the same
    result again changes nothing; a contradicting one is refused with the reason. A payment in a payment batch is
    recorded on its batch line too (a failure opens the task to correct the account), and only once the batch is
    released to the bank."""
    if status not in (Payment.Status.PAID, Payment.Status.FAILED):
        raise EmploymentError(_("A payment result is either paid or failed."), code="status")
    payment = Payment.objects.select_for_update().filter(reference=reference.strip().upper()).first()
    if payment is None:
        raise EmploymentError(_("No payment has the reference %(reference)s.") % {"reference": reference},
                              code="not_found")
    from employment.services.batch_results import live_line_result_record

    if live_line_result_record(payment=payment, actor=actor, status=status, paid_at=paid_at, reason=reason):
        payment.refresh_from_db()
        return payment
    return payment_apply(payment=payment, actor=actor, status=status, paid_at=paid_at, reason=reason)


def payment_apply(*, payment: Payment, actor: User, status: str, paid_at: datetime | None = None,
                  reason: str = "") -> Payment:
    """Record a result on a payment locked by the caller (see payment_result_record)."""
    if payment.status == status:
        return payment
    if status not in ALLOWED.get(payment.status, set()):
        raise EmploymentError(_("Payment %(reference)s is already “%(status)s”.")
                              % {"reference": payment.reference, "status": payment.get_status_display()},
                              code="conflict")
    now = timezone.now()
    payment.status, payment.result_by, payment.result_at = status, actor, now
    if status == Payment.Status.PAID:
        payment.paid_at, payment.failure_reason = paid_at or now, ""
    elif status == Payment.Status.FAILED:
        payment.failure_reason = (reason.strip() or _("No reason given."))[:200]
    else:  # made payable again once the account is corrected
        payment.failure_reason, payment.result_at = "", None
    payment.save(update_fields=["status", "result_by", "result_at", "paid_at", "failure_reason"])
    if status == Payment.Status.PAID and payment.claim_id:
        from employment.services.fraud import fraud_detect

        # A month paid after contributions arrived for it is caught now, not only by the nightly sweep.
        fraud_detect(person_ids=[payment.person_id], months=[payment.month], source="payment")
    return payment
