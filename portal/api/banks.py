"""Banks: the results of benefit and subsidy payments (paid, or failed with the reason)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from enum import StrEnum

from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import AwareDatetime

from accounts.models import ApiScope
from employment.models import Payment
from employment.services import payment_result_record
from portal.api.core import COMMON, ClientToken, Text
from portal.api.idempotency import run_once
from portal.api.rows import BatchOut, RowError, process_rows

router = Router(auth=ClientToken(ApiScope.BANK), tags=["banks"])

CLOCK_DRIFT = timedelta(minutes=10)


class Result(StrEnum):
    PAID = "paid"
    FAILED = "failed"


class PaymentResult(Schema):
    reference: str = Text(24, min_length=1, description="our payment reference (SB... or the benefit's)")
    status: Result
    amount: Decimal = Field(..., max_digits=12, decimal_places=2, gt=0,
                            description="the amount of the payment, in yuan (checked against ours)")
    paid_at: AwareDatetime | None = Field(None, description="when it was paid, with its UTC offset")
    reason: str = Text(200, default="", description="why it failed (account closed, name mismatch...)")


class PaymentResultsIn(Schema):
    request_id: str = Text(64, min_length=1)
    results: list[PaymentResult] = Field(max_length=5000)


def _record(client, row: PaymentResult) -> str:
    reference = row.reference.strip().upper()
    payment = Payment.objects.filter(reference=reference).only("status", "amount", "created_at").first()
    if payment is None:
        raise RowError("unknown_reference", "No payment has this reference.")
    if row.amount != payment.amount:
        raise RowError("amount_mismatch", "The amount differs from the payment's.")
    paid_at = row.paid_at if row.status == Result.PAID else None
    sent_on = timezone.localtime(payment.created_at).replace(hour=0, minute=0, second=0, microsecond=0)
    if paid_at is not None and not (sent_on <= paid_at <= timezone.now() + CLOCK_DRIFT):
        raise RowError("bad_time", "The time of payment is before the day the payment was sent, or in the future.")
    before = payment.status
    payment_result_record(actor=client.user, reference=reference, status=row.status.value, paid_at=paid_at,
                          reason=row.reason)
    return "unchanged" if before == row.status.value else "recorded"


@router.post("/payment-results", response={200: BatchOut, **COMMON}, url_name="bank-payment-results")
def payment_results(request, payload: PaymentResultsIn):
    """The bank's result for each payment it was sent: paid (with the time) or failed (with the reason).
    The same result again is "unchanged"; one contradicting what was recorded is an error."""
    client = request.auth
    return run_once(
        client=client, request_id=payload.request_id, endpoint="bank-payment-results",
        payload=payload.model_dump(mode="json"),
        handler=lambda: process_rows(request, payload.request_id, payload.results,
                                     lambda row: _record(client, row)),
    )
