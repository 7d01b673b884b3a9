"""Payment orders: issued for a declaration, a correction or a back payment; confirmed exactly once."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from insurance.exceptions import InsuranceError
from insurance.models import Contribution, Declaration, Payer, PaymentOrder
from insurance.services.tax_outbox import tax_submission_for_order, tax_submission_withdraw
from insurance.signals import contributions_recorded
from workflow.services import sequence_next

BATCH = 2000
PAY_WITHIN_DAYS = 15


def _due_on(month: date | None, today: date) -> date:
    if month is None:
        return today + timedelta(days=PAY_WITHIN_DAYS)
    end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return end if end >= today + timedelta(days=PAY_WITHIN_DAYS) else today + timedelta(days=PAY_WITHIN_DAYS)


def order_issue(*, kind: str, amount: Decimal, declaration: Declaration | None = None, employer=None, person=None,
                case=None, month: date | None = None) -> PaymentOrder:
    now = timezone.now()
    today = timezone.localdate(now)
    number = f"JF{today:%Y%m%d}{sequence_next(f'insurance:order:{today:%Y%m%d}'):06d}"
    order = PaymentOrder.objects.create(number=number, kind=kind, amount=amount, declaration=declaration,
                                        employer=employer, person=person, case=case, issued_at=now,
                                        due_on=_due_on(month, today))
    if declaration is not None and month is not None:
        # The tax bureau collects it: sent through the outbox (at least once, idempotent by the order number).
        tax_submission_for_order(order=order, month=month)
    return order


def order_cancel_live(*, declaration: Declaration, actor: User) -> int:
    """Cancel a declaration's unpaid order (its lines are being replaced)."""
    live = PaymentOrder.objects.filter(declaration=declaration, status=PaymentOrder.Status.ISSUED)
    tax_submission_withdraw(orders=live)
    return live.update(status=PaymentOrder.Status.CANCELLED)


def _rows_from_declaration(declaration: Declaration, order: PaymentOrder, paid_on: date) -> tuple[list, set]:
    rows, persons = [], set()
    lines = declaration.lines.values_list("person_id", "base", "parts").order_by("pk")
    for person_id, base, parts in lines.iterator(chunk_size=BATCH):
        persons.add(person_id)
        for kind, p in parts.items():
            rows.append(Contribution(
                person_id=person_id, employer_id=declaration.employer_id, month=declaration.month, insurance_type=kind,
                payer=Payer.EMPLOYER, base=base, employer_part=Decimal(p["employer"]),
                individual_part=Decimal(p["individual"]), account_part=Decimal(p.get("account", "0")),
                status=Contribution.Status.PAID, order=order, paid_on=paid_on))
    return rows, persons


def _record_declaration(order: PaymentOrder, paid_on: date) -> tuple[set, list]:
    declaration = Declaration.objects.select_for_update().get(pk=order.declaration_id)
    persons: set[int] = set()
    if order.kind == PaymentOrder.Kind.CORRECTION:
        # The corrected month replaces what the superseded version recorded for this employer.
        replaced = Contribution.objects.filter(employer_id=declaration.employer_id, month=declaration.month,
                                               payer=Payer.EMPLOYER)
        persons |= set(replaced.values_list("person_id", flat=True))
        replaced.delete()
    rows, declared = _rows_from_declaration(declaration, order, paid_on)
    try:
        with transaction.atomic():
            Contribution.objects.bulk_create(rows, batch_size=BATCH)
    except IntegrityError as exc:
        raise InsuranceError(_("Some of these contributions were already recorded by another payment; "
                               "check the employees declared twice."), code="conflict") from exc
    declaration.status = Declaration.Status.PAID
    declaration.save(update_fields=["status"])
    return persons | declared, [declaration.month]


def _record_owed(order: PaymentOrder, paid_on: date) -> tuple[set, list]:
    owed = Contribution.objects.filter(order=order, status=Contribution.Status.OWED)
    facts = list(owed.values_list("person_id", "month").distinct())
    owed.update(status=Contribution.Status.PAID, paid_on=paid_on)
    return {p for p, _m in facts}, sorted({m for _p, m in facts})


@transaction.atomic
def payment_confirm(*, order: PaymentOrder, actor: User, channel: str = "counter", reference: str = "",
                    paid_at: datetime | None = None) -> PaymentOrder:
    """Record an order as paid and its contributions as paid (in bulk). A second confirmation is refused."""
    order = PaymentOrder.objects.select_for_update().get(pk=order.pk)
    if order.status == PaymentOrder.Status.PAID:
        raise InsuranceError(_("Order %(number)s is already paid.") % {"number": order.number}, code="already_paid")
    if order.status == PaymentOrder.Status.CANCELLED:
        raise InsuranceError(_("Order %(number)s was cancelled: the declaration was changed after it was issued.")
                             % {"number": order.number}, code="cancelled")
    paid_at = paid_at or timezone.now()
    paid_on = timezone.localdate(paid_at)
    if order.declaration_id:
        persons, months = _record_declaration(order, paid_on)
    else:
        persons, months = _record_owed(order, paid_on)
    order.status, order.paid_at, order.confirmed_by = PaymentOrder.Status.PAID, paid_at, actor
    order.payment_channel, order.reference = channel, reference.strip()[:60]
    order.save(update_fields=["status", "paid_at", "confirmed_by", "payment_channel", "reference"])
    contributions_recorded.send(sender=PaymentOrder, person_ids=sorted(persons), months=months,
                                employer_id=order.employer_id, source=order.kind)
    return order
