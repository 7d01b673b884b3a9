"""Tax: contributions the tax bureau collected become paid contribution records (and trigger the fraud check)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated

from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import AwareDatetime

from accounts.identifiers import is_valid_id_number, names_match, normalize_id_number
from accounts.models import ApiScope, Person
from insurance.exceptions import InsuranceError
from insurance.services.tax import (
    tax_flexible_collected,
    tax_flexible_mismatch_record,
    tax_order_collected,
    tax_order_mismatch_record,
)
from portal.api.core import COMMON, ClientToken, Text
from portal.api.idempotency import run_once
from portal.api.rows import BatchOut, RowError, process_rows

router = Router(auth=ClientToken(ApiScope.TAX), tags=["tax"])

# The earliest payment the bureau's records take; later than now (give or take a clock's drift) is refused.
EARLIEST = date(2000, 1, 1)
CLOCK_DRIFT = timedelta(minutes=10)
Month = Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]


class OrderCollection(Schema):
    order_number: str = Text(20, min_length=1, description="the payment order's number (JF...)")
    payer_code: str = Text(20, description="the employer's unified social credit code, or the person's identity "
                                           "number for an order of a person")
    amount: Decimal = Field(..., max_digits=14, decimal_places=2, ge=0, description="the amount collected, in yuan")
    paid_at: AwareDatetime = Field(..., description="when the money arrived, with its UTC offset")
    tax_reference: str = Text(60, min_length=1, description="the tax bureau's voucher number (电子税票号)")


class OrderCollectionsIn(Schema):
    request_id: str = Text(64, min_length=1)
    collections: list[OrderCollection] = Field(max_length=1000)


class FlexibleCollection(Schema):
    id_number: str = Text(20)
    name: str = Text(50)
    months: list[Month] = Field(..., min_length=1, max_length=36, description="the months paid for, as YYYY-MM")
    amount: Decimal = Field(..., max_digits=12, decimal_places=2, ge=0, description="the amount collected, in yuan")
    paid_on: date
    tax_reference: str = Text(60, default="", description="the tax bureau's voucher number (电子税票号); kept "
                                                            "with the months it paid")


class FlexibleCollectionsIn(Schema):
    request_id: str = Text(64, min_length=1)
    collections: list[FlexibleCollection] = Field(max_length=1000)


def _moment_ok(value: datetime) -> bool:
    """Comparisons of aware times never overflow; converting an extreme one (year 9999, -23:59) would."""
    earliest = datetime(EARLIEST.year, 1, 1, tzinfo=timezone.get_current_timezone())
    return earliest <= value <= timezone.now() + CLOCK_DRIFT


def _order(client, row: OrderCollection) -> str:
    if not _moment_ok(row.paid_at):
        raise RowError("bad_time", "The time of payment is not a plausible time.")
    try:
        _collected, recorded = tax_order_collected(order_number=row.order_number, payer_code=row.payer_code,
                                                   amount=row.amount, paid_at=row.paid_at,
                                                   reference=row.tax_reference, actor=client.user)
    except InsuranceError as exc:
        # Refused as before; the collection is kept as mismatched for the reconciliation page.
        reason, code = str(exc.message), exc.code
        raise RowError(code, reason, after=lambda: tax_order_mismatch_record(
            order_number=row.order_number, amount=row.amount, paid_at=row.paid_at, reference=row.tax_reference,
            reason=reason, code=code)) from exc
    return "recorded" if recorded else "unchanged"


def _months(values: list[str]) -> list[date]:
    """The schema has checked the YYYY-MM form (the year may still be 0000)."""
    pairs = [(int(value[:4]), int(value[5:7])) for value in values]
    if any(year < EARLIEST.year for year, _month in pairs):
        raise RowError("invalid_month", "A month is before the bureau's records begin.")
    return [date(year, month, 1) for year, month in pairs]


def _flexible(client, row: FlexibleCollection) -> str:
    number = normalize_id_number(row.id_number)
    if not is_valid_id_number(number):
        raise RowError("invalid_id_number", "The identity number is not valid.")
    if not EARLIEST <= row.paid_on <= timezone.localdate():
        raise RowError("bad_date", "The date of payment is not a plausible date.")
    months = _months(row.months)

    def mismatch(code: str, message: str) -> RowError:
        # Refused as before; the payment is kept as mismatched for the reconciliation page.
        return RowError(code, message, after=lambda: tax_flexible_mismatch_record(
            id_number=number, months=months, amount=row.amount, paid_on=row.paid_on,
            reference=row.tax_reference.strip(), reason=message, code=code))

    person = Person.objects.filter(id_number=number).first()
    if person is None:
        raise mismatch("not_registered", "No person with this identity number is registered here.")
    if not names_match(row.name, person.name):
        raise mismatch("name_mismatch", "The name does not match the registered person.")
    try:
        recorded = tax_flexible_collected(person=person, months=months, amount=row.amount, paid_on=row.paid_on,
                                          actor=client.user, reference=row.tax_reference.strip())
    except InsuranceError as exc:
        raise mismatch(exc.code, str(exc.message)) from exc
    return "recorded" if recorded else "unchanged"


@router.post("/order-collections", response={200: BatchOut, **COMMON}, url_name="tax-order-collections")
def order_collections(request, payload: OrderCollectionsIn):
    """Payment orders the tax bureau collected (declarations, corrections, back payments): each order and its
    contributions turn paid; the same collection again is "unchanged", a different amount or payer an error."""
    client = request.auth
    return run_once(
        client=client, request_id=payload.request_id, endpoint="tax-order-collections",
        payload=payload.model_dump(mode="json"),
        handler=lambda: process_rows(request, payload.request_id, payload.collections,
                                     lambda row: _order(client, row)),
    )


@router.post("/flexible-collections", response={200: BatchOut, **COMMON}, url_name="tax-flexible-collections")
def flexible_collections(request, payload: FlexibleCollectionsIn):
    """Payments of flexible-employment individuals: their months are recorded as paid if the amount is exactly
    what those months cost; months already recorded are "unchanged"."""
    client = request.auth
    return run_once(
        client=client, request_id=payload.request_id, endpoint="tax-flexible-collections",
        payload=payload.model_dump(mode="json"),
        handler=lambda: process_rows(request, payload.request_id, payload.collections,
                                     lambda row: _flexible(client, row)),
    )
