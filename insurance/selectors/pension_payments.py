"""Reads of pension payments that employment's payment batches need (insurance never imports employment)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from insurance.models import PensionPayment

PENSION_FUND = PensionPayment.FUND


def pension_payments_due(*, persons: QuerySet, month: date, for_update: bool = False) -> list[PensionPayment]:
    """Pension months awaiting payment, due by `month`, to the persons of `persons` (a queryset of person ids),
    with the pensioner; locked when asked (the caller's transaction)."""
    payments = (PensionPayment.objects.filter(status=PensionPayment.Status.PENDING, month__lte=month,
                                              pension__person__in=persons)
                .select_related("pension__person").order_by("month", "reference"))
    return list(payments.select_for_update(of=("self",)) if for_update else payments)


def pension_payment_payee(*, payment_id: int) -> tuple[int, int | None]:
    """The pensioner and the retirement case of a pension payment (1 query)."""
    return PensionPayment.objects.filter(pk=payment_id).values_list("pension__person_id", "pension__case_id").get()
