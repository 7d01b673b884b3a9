"""Pension payments: the month's payment of every pension being paid (a rerun adds nothing), and the bank's
result recorded against one (the same result again changes nothing; a contradicting one is refused)."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from insurance.exceptions import InsuranceError
from insurance.models import Pension, PensionPayment
from insurance.rules.months import month_start

ALLOWED = {
    PensionPayment.Status.PENDING: {PensionPayment.Status.PAID, PensionPayment.Status.FAILED},
    PensionPayment.Status.FAILED: {PensionPayment.Status.PAID, PensionPayment.Status.PENDING},
}


def pension_payment_reference(*, pension_id: int, month: date) -> str:
    return f"PN{month:%Y%m}{pension_id:010d}"


@transaction.atomic
def pension_payments_generate(*, month: date, now: datetime | None = None) -> int:
    """The month's payment of every pension being paid from that month or earlier, to a living pensioner. A
    suspended or stopped pension gets none (a suspension that ends does not pay the months missed here: the
    reviewer decides back pay). Running it again adds nothing."""
    month, now = month_start(month), now or timezone.now()
    due = (Pension.objects.filter(status=Pension.Status.ACTIVE, starts_month__lte=month,
                                  person__date_of_death__isnull=True)
           .exclude(payments__month=month).values_list("pk", "monthly_amount"))
    rows = [PensionPayment(pension_id=pk, month=month, amount=amount, created_at=now,
                           reference=pension_payment_reference(pension_id=pk, month=month))
            for pk, amount in due if amount and amount > 0]
    return len(PensionPayment.objects.bulk_create(rows, ignore_conflicts=True))


def pension_payment_payable_again(*, payment_id: int) -> bool:
    """A failed payment whose account was corrected: pending again (for a later batch). False if it had not
    failed (paid on a retry, or cancelled since)."""
    payment = PensionPayment.objects.select_for_update().get(pk=payment_id)
    if payment.status != PensionPayment.Status.FAILED:
        return False
    pension_payment_result_record(payment_id=payment_id, status=PensionPayment.Status.PENDING)
    return True


def pension_payment_result_record(*, payment_id: int, status: str, paid_at: datetime | None = None,
                                  reason: str = "") -> PensionPayment:
    """The bank's result (paid or failed), or a failed payment made payable again (pending) once the account is
    corrected. Called inside the caller's transaction, the row locked here."""
    payment = PensionPayment.objects.select_for_update().get(pk=payment_id)
    if payment.status == status:
        return payment
    if status not in ALLOWED.get(payment.status, set()):
        raise InsuranceError(_("Payment %(reference)s is already “%(status)s”.")
                             % {"reference": payment.reference, "status": payment.get_status_display()},
                             code="conflict")
    now = timezone.now()
    payment.status, payment.result_at = status, now
    if status == PensionPayment.Status.PAID:
        payment.paid_at, payment.failure_reason = paid_at or now, ""
    elif status == PensionPayment.Status.FAILED:
        payment.failure_reason = (reason.strip() or _("No reason given."))[:200]
    else:
        payment.result_at = None
    payment.save(update_fields=["status", "result_at", "paid_at", "failure_reason"])
    return payment
