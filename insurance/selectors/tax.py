"""The reconciliation with the tax bureau: per month, what was sent, paid, left unpaid, and the payments it
reported that match nothing we sent; scoped to the office's area (the city for the leadership)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum

from accounts.models import User
from accounts.selectors import persons_in_office_area
from insurance.models import TaxPayment, TaxSubmission
from insurance.rules.contributions import ZERO
from insurance.rules.months import month_start

Status = TaxSubmission.Status
PAID = Q(paid_at__isnull=False) | Q(order__status="paid")
WITHDRAWN = Q(order__status="cancelled")
UNPAID = Q(status=Status.SENT) & ~PAID & ~WITHDRAWN


def _payer_scope(user: User, prefix: str = "") -> Q | None:
    """None: the whole city (an office at city level); else the office's area."""
    office = user.office
    if office.region.path == settings.PORTAL_CITY_PATH:
        return None
    return (Q(**{f"{prefix}employer__region__path__startswith": office.region.path})
            | Q(**{f"{prefix}person__in": persons_in_office_area(office=office)}))


def submissions_visible_to(*, user: User) -> QuerySet[TaxSubmission]:
    if user.office_id is None:
        return TaxSubmission.objects.none()
    scope = _payer_scope(user)
    found = TaxSubmission.objects.exclude(status=Status.CANCELLED)
    return found if scope is None else found.filter(scope)


def mismatches_visible_to(*, user: User) -> QuerySet[TaxPayment]:
    """A payment naming nothing we know is seen only at city level (no district can be told from it)."""
    if user.office_id is None:
        return TaxPayment.objects.none()
    found = TaxPayment.objects.filter(outcome=TaxPayment.Outcome.MISMATCHED)
    scope = _payer_scope(user, prefix="submission__")
    return found if scope is None else found.filter(scope)


@dataclass
class MonthFigures:
    month: date
    sent: int = 0
    sent_amount: Decimal = ZERO
    paid: int = 0
    paid_amount: Decimal = ZERO
    unpaid: int = 0
    unpaid_amount: Decimal = ZERO
    waiting: int = 0  # not sent yet (queued, or refused by the other side)
    withdrawn: int = 0
    mismatched: int = 0
    mismatched_amount: Decimal = ZERO


def tax_reconciliation(*, user: User, first: date, last: date) -> list[MonthFigures]:
    """One row per month from `last` back to `first` (two queries, whatever the number of months)."""
    first, last = month_start(first), month_start(last)
    rows: dict[date, MonthFigures] = {}
    sent = Q(status=Status.SENT)
    for row in (submissions_visible_to(user=user).filter(month__range=(first, last)).values("month").annotate(
            sent=Count("pk", filter=sent), sent_amount=Sum("amount", filter=sent),
            paid=Count("pk", filter=sent & PAID), paid_amount=Sum("amount", filter=sent & PAID),
            unpaid=Count("pk", filter=UNPAID), unpaid_amount=Sum("amount", filter=UNPAID),
            waiting=Count("pk", filter=~sent), withdrawn=Count("pk", filter=sent & WITHDRAWN))):
        month = row.pop("month")
        rows[month] = MonthFigures(month=month, **{k: v if v is not None else ZERO for k, v in row.items()})
    for row in (mismatches_visible_to(user=user).filter(month__range=(first, last)).values("month")
                .annotate(n=Count("pk"), amount=Sum("amount"))):
        figures = rows.setdefault(row["month"], MonthFigures(month=row["month"]))
        figures.mismatched, figures.mismatched_amount = row["n"], row["amount"] or ZERO
    return [rows[m] for m in sorted(rows, reverse=True)]


def tax_month_detail(*, user: User, month: date, limit: int = 100) -> dict:
    """The month's unpaid and not-yet-sent submissions and its mismatched payments, for the page's lists."""
    month = month_start(month)
    submissions = (submissions_visible_to(user=user).filter(month=month)
                   .select_related("employer", "person", "order").order_by("kind", "key"))
    return {
        "unpaid": list(submissions.filter(UNPAID)[:limit]),
        "waiting": list(submissions.exclude(status=Status.SENT)[:limit]),
        "mismatched": list(mismatches_visible_to(user=user).filter(month=month)
                           .select_related("submission").order_by("-received_at")[:limit]),
    }
