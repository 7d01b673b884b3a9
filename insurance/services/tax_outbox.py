"""Sending the tax bureau what it collects: each declared month's payment order and each flexible-employment
assessment is a TaxSubmission written in the transaction that makes it, sent at least once by the dispatcher
(the tax bureau is idempotent by the key), and matched to the payments the tax bureau reports back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from accounts.exchange.outbox import OutboxResult, outbox_dispatch_due, outbox_entry_enqueue
from accounts.models import Person
from insurance.models import Enrolment, PaymentOrder, Scheme, TaxPayment, TaxSubmission
from insurance.rules.contributions import ZERO, flexible_base, parts_for
from insurance.rules.months import month_start
from insurance.selectors.reference import ReferenceBook
from insurance.tax_exchange import tax_service

Status = TaxSubmission.Status
SENT_TO_TAX = (PaymentOrder.Kind.DECLARATION, PaymentOrder.Kind.CORRECTION)


def tax_submission_for_order(*, order: PaymentOrder, month: date) -> TaxSubmission | None:
    """Queue a declaration's (or correction's) payment order for the tax bureau; a refund is not collected."""
    if order.kind not in SENT_TO_TAX or order.amount <= ZERO or order.employer is None:
        return None
    declaration = order.declaration
    payload = {"kind": "declaration", "order_number": order.number, "payer_code": order.employer.credit_code,
               "payer_name": order.employer.name, "month": f"{month:%Y-%m}", "amount": f"{order.amount:.2f}",
               "version": declaration.version if declaration else 1, "due_on": order.due_on.isoformat()}
    submission, _created = outbox_entry_enqueue(
        model=TaxSubmission, key=order.number, kind=TaxSubmission.Kind.DECLARATION, month=month_start(month),
        order=order, employer=order.employer, amount=order.amount, payload=payload)
    return submission


def tax_submission_withdraw(*, orders) -> int:
    """Orders cancelled before they were sent are not sent (the declaration was replaced)."""
    return TaxSubmission.objects.filter(order__in=orders, status=Status.QUEUED).update(
        status=Status.CANCELLED, next_attempt_at=None, updated_at=timezone.now())


def _flexible_amount(enrolments: list[Enrolment], month: date, book: ReferenceBook) -> Decimal:
    """What the individual owes for the month: the same figures flexible_contribution_record records."""
    limits = book.require_limits(month)
    total = ZERO
    for enrolment in enrolments:
        rate = book.rates([enrolment.insurance_type], month, scheme=Scheme.FLEXIBLE)[enrolment.insurance_type]
        total += parts_for(flexible_base(enrolment.base_ratio or Decimal("0.60"), limits), rate).individual
    return total


def tax_flexible_assess(*, month: date) -> int:
    """Queue the month's assessment of every flexible-employment individual with an active enrolment begun by
    then (idempotent: a person's month is one key). Returns how many were new."""
    month, book = month_start(month), ReferenceBook()
    by_person: dict[int, list[Enrolment]] = {}
    for enrolment in (Enrolment.objects.filter(scheme=Scheme.FLEXIBLE, status=Enrolment.Status.ACTIVE,
                                               started_on__lte=month).order_by("person_id", "insurance_type")):
        by_person.setdefault(enrolment.person_id, []).append(enrolment)
    done = set(TaxSubmission.objects.filter(kind=TaxSubmission.Kind.FLEXIBLE, month=month)
               .values_list("person_id", flat=True))
    persons = Person.objects.in_bulk([pk for pk in by_person if pk not in done])
    created = 0
    for pk, person in persons.items():
        amount = _flexible_amount(by_person[pk], month, book)
        key = f"LH-{pk}-{month:%Y%m}"
        payload = {"kind": "flexible", "assessment_number": key, "id_number": person.id_number, "name": person.name,
                   "month": f"{month:%Y-%m}", "amount": f"{amount:.2f}",
                   "types": [e.insurance_type for e in by_person[pk]]}
        _entry, new = outbox_entry_enqueue(model=TaxSubmission, key=key, kind=TaxSubmission.Kind.FLEXIBLE,
                                           month=month, person=person, amount=amount, payload=payload)
        created += new
    return created


def _send(submission: TaxSubmission) -> str:
    return tax_service().submit(key=submission.key, payload={"key": submission.key, **submission.payload})


def tax_outbox_dispatch(*, now=None, limit: int = 200) -> OutboxResult:
    """The beat task: send what is due; two workers share the work without sending a row twice at once."""
    return outbox_dispatch_due(model=TaxSubmission, send=_send, now=now, limit=limit)


def tax_payment_record(*, key: str, kind: str, named: str, amount: Decimal, month: date, paid_at: datetime,
                       reference: str = "", submissions=(), reason: str = "", code: str = "") -> TaxPayment:
    """Record a payment the tax bureau reported: matched to the submissions it paid (marked paid), or, with a
    reason, mismatched. The same report again (same key) changes nothing."""
    submissions = list(submissions)
    payment, created = TaxPayment.objects.get_or_create(key=key[:160], defaults={
        "kind": kind, "named": named[:40], "reference": reference[:60], "amount": amount, "month": month_start(month),
        "paid_at": paid_at, "submission": submissions[0] if submissions else None,
        "outcome": TaxPayment.Outcome.MISMATCHED if reason else TaxPayment.Outcome.MATCHED,
        "reason": str(reason)[:300], "code": code[:40]})
    if created and not reason and submissions:
        TaxSubmission.objects.filter(pk__in=[s.pk for s in submissions], paid_at__isnull=True).update(
            paid_at=paid_at, updated_at=timezone.now())
    return payment


def tax_submissions_of_flexible(*, person: Person, months: list[date]) -> list[TaxSubmission]:
    return list(TaxSubmission.objects.filter(Q(kind=TaxSubmission.Kind.FLEXIBLE), person=person,
                                             month__in=[month_start(m) for m in months]).order_by("month"))
