"""Contributions the tax bureau collected (税务征收): payment orders it collected for us, and the payments of
flexible-employment individuals. Both go through insurance's own services, which record the contributions as
paid and send `contributions_recorded` (employment's fraud check) in the same transaction."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person, User
from accounts.money import MoneySum
from accounts.text import enumeration
from insurance.exceptions import InsuranceError
from insurance.models import Contribution, Payer, PaymentOrder, TaxPayment, TaxSubmission
from insurance.rules.contributions import ZERO
from insurance.rules.months import month_start
from insurance.services.contributions import flexible_contribution_record
from insurance.services.payments import payment_confirm
from insurance.services.tax_outbox import tax_payment_record, tax_submissions_of_flexible

CHANNEL = PaymentOrder.Channel.TAX


def _payer_codes(order: PaymentOrder) -> set[str]:
    codes = set()
    if order.employer_id:
        codes.add(order.employer.credit_code)
    if order.person_id:
        codes.add(order.person.id_number)
    return codes


@transaction.atomic
def tax_order_collected(*, order_number: str, payer_code: str, amount: Decimal, paid_at: datetime,
                        reference: str, actor: User) -> tuple[PaymentOrder, bool]:
    """The tax bureau collected one of our payment orders: the order and its contributions turn paid.

    Returns (order, recorded); recorded is False when this very collection (same tax reference) was recorded
    before, so a repeated notice changes nothing. Refused with a reason: an unknown order, another payer,
    another amount, a refund, a cancelled order, or one already paid some other way.
    """
    number = (order_number or "").strip().upper()
    order = (PaymentOrder.objects.select_for_update(of=("self",)).select_related("employer", "person")
             .filter(number=number).first())
    if order is None:
        raise InsuranceError(_("No payment order has the number %(number)s.") % {"number": number},
                             code="unknown_order")
    if (payer_code or "").strip().upper() not in _payer_codes(order):
        raise InsuranceError(_("Order %(number)s is not for this payer.") % {"number": number}, code="payer_mismatch")
    if order.amount < ZERO:
        raise InsuranceError(_("Order %(number)s is a refund: it is not collected.") % {"number": number},
                             code="refund")
    if amount != order.amount:
        raise InsuranceError(_("The amount collected (%(amount)s) differs from order %(number)s (%(due)s).")
                             % {"amount": f"{amount:.2f}", "number": number, "due": f"{order.amount:.2f}"},
                             code="amount_mismatch")
    reference = (reference or "").strip()[:60]
    if order.status == PaymentOrder.Status.PAID and order.payment_channel == CHANNEL and order.reference == reference:
        return order, False
    order = payment_confirm(order=order, actor=actor, channel=CHANNEL, reference=reference, paid_at=paid_at)
    submission = TaxSubmission.objects.filter(order=order).first()
    tax_payment_record(key=_order_key(number, reference), kind=TaxSubmission.Kind.DECLARATION, named=number,
                       amount=amount, month=_order_month(order, paid_at), paid_at=paid_at, reference=reference,
                       submissions=[submission] if submission else [])
    return order, True


def _order_key(number: str, reference: str) -> str:
    return f"order:{number}:{(reference or '').strip()[:60]}"


def _order_month(order: PaymentOrder | None, paid_at: datetime) -> date:
    if order is not None and order.declaration_id:
        return order.declaration.month
    return month_start(timezone.localdate(paid_at))


@transaction.atomic
def tax_order_mismatch_record(*, order_number: str, amount: Decimal, paid_at: datetime, reference: str,
                              reason: str, code: str = "") -> TaxPayment:
    """A collection the tax bureau reported that matches nothing we sent as it stands (an unknown order, another
    payer or amount, an order cancelled or paid otherwise): kept, for the reconciliation page."""
    number = (order_number or "").strip().upper()[:20]
    order = PaymentOrder.objects.select_related("declaration").filter(number=number).first()
    submission = TaxSubmission.objects.filter(order=order).first() if order is not None else None
    return tax_payment_record(key=_order_key(number, reference) + f":{amount}", kind=TaxSubmission.Kind.DECLARATION,
                              named=number, amount=amount, month=_order_month(order, paid_at), paid_at=paid_at,
                              reference=reference, submissions=[submission] if submission else [], reason=reason,
                              code=code)


def _flexible_key(id_number: str, months: list[date], amount: Decimal, reference: str) -> str:
    return f"flex:{id_number}:{','.join(f'{m:%Y%m}' for m in sorted(months))}:{amount}:{reference[:40]}"


@transaction.atomic
def tax_flexible_mismatch_record(*, id_number: str, months: list[date], amount: Decimal, paid_on: date,
                                 reference: str, reason: str, code: str = "") -> TaxPayment:
    """A flexible-employment payment that could not be recorded (unknown person, another name or amount…)."""
    paid_at = _start_of(paid_on)
    return tax_payment_record(key=_flexible_key(id_number, months, amount, reference),
                              kind=TaxSubmission.Kind.FLEXIBLE, named=id_number, amount=amount,
                              month=min(months) if months else month_start(paid_on), paid_at=paid_at,
                              reference=reference, reason=reason, code=code)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


@transaction.atomic
def tax_flexible_collected(*, person: Person, months: list[date], amount: Decimal, paid_on: date,
                           actor: User, reference: str = "") -> int:
    """A flexible-employment individual paid the tax bureau for these months: the months are recorded as paid
    (for each active flexible enrolment, with the voucher number `reference` when the bureau sent one) and must
    cost exactly the amount collected, else nothing is recorded.

    Returns the number of contribution rows recorded: 0 when every month was recorded before (a repeated notice
    changes nothing). A notice naming some months already recorded and some not is refused whole, and so is
    a notice for recorded months under another voucher: the person paid twice, and the tax bureau refunds.
    """
    months = sorted({month_start(m) for m in months})
    if not months:
        raise InsuranceError(_("Name at least one month."), code="months")
    if months[-1] > month_start(timezone.localdate()):
        raise InsuranceError(_("Months after the current one cannot be paid yet."), code="future_month")
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one notice of a person at a time
    own = Contribution.objects.filter(person=person, month__in=months, payer=Payer.FLEXIBLE)
    rows = list(own.values_list("month", "tax_reference"))
    recorded = {month for month, _voucher in rows}
    if len(recorded) == len(months):
        vouchers = {voucher for _month, voucher in rows if voucher}
        if reference and vouchers and reference not in vouchers:
            raise InsuranceError(_("These months were already paid under voucher %(voucher)s: this payment is "
                                   "a second one, to be refunded.") % {"voucher": enumeration(sorted(vouchers))},
                                 code="already_paid")
        return 0
    if recorded:
        raise InsuranceError(_("Some of these months are already recorded (%(months)s): send the others alone.")
                             % {"months": enumeration(f"{m:%Y-%m}" for m in sorted(recorded))},
                             code="partly_recorded")
    count = flexible_contribution_record(person=person, months=months, actor=actor, paid_on=paid_on,
                                         tax_reference=reference)
    if count == 0:
        raise InsuranceError(_("No flexible-employment enrolment covers these months."), code="not_covered")
    due = own.aggregate(total=MoneySum("individual_part"))["total"] or ZERO
    if due != amount:
        # Raising undoes the rows just recorded, and whatever the signal's receivers did with them.
        raise InsuranceError(_("The amount collected (%(amount)s) differs from what these months cost (%(due)s).")
                             % {"amount": f"{amount:.2f}", "due": f"{due:.2f}"}, code="amount_mismatch")
    tax_payment_record(key=_flexible_key(person.id_number, months, amount, reference),
                       kind=TaxSubmission.Kind.FLEXIBLE, named=person.id_number, amount=amount, month=months[0],
                       paid_at=_start_of(paid_on), reference=reference,
                       submissions=tax_submissions_of_flexible(person=person, months=months))
    return count
