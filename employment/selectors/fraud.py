"""The fraud check's reads: benefit months paid while the person worked (as set-based querysets), and the
flags and reviews staff may see."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth

from accounts.models import User
from accounts.selectors import persons_visible_to
from employment.models import FraudFlag, FraudReview, Payment, PaymentItem, StatusKind, StatusPeriod
from employment.selectors import facts


def paid_benefit_months(*, person_ids: list[int] | None = None, months: list[date] | None = None) -> QuerySet[Payment]:
    """Benefit months paid and not yet flagged (optionally only some persons and months)."""
    payments = Payment.objects.filter(item=PaymentItem.BENEFIT, status=Payment.Status.PAID)
    if person_ids is not None:
        payments = payments.filter(person_id__in=person_ids)
    if months is not None:
        payments = payments.filter(month__in=months)
    return payments.exclude(Exists(FraudFlag.objects.filter(person_id=OuterRef("person_id"), month=OuterRef("month"))))


def employment_open_in(person_ref, month_ref) -> QuerySet[StatusPeriod]:
    """Employments (with an employer or flexible) open on any day of the month."""
    return StatusPeriod.objects.annotate(start_month=TruncMonth("started_on")).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=month_ref), person_id=person_ref,
        kind__in=[StatusKind.EMPLOYED, StatusKind.FLEXIBLE], start_month__lte=month_ref)


def overlaps(payments: QuerySet[Payment]) -> dict[str, QuerySet[Payment]]:
    """The paid months that overlap work, by reason, each annotated with the employer behind it. Each is one
    semi-join over its source (contributions, declarations, employments), so a sweep is a few set-based scans."""
    person, month = OuterRef("person_id"), OuterRef("month")
    sources = {
        FraudFlag.Reason.EMPLOYER_CONTRIBUTIONS: facts.employer_contributions(person, month),
        FraudFlag.Reason.EMPLOYER_DECLARED: facts.employer_declarations(person, month),
        FraudFlag.Reason.OPEN_EMPLOYMENT: employment_open_in(person, month).values("employer"),
    }
    return {reason: payments.filter(Exists(rows)).annotate(employer_ref=Subquery(rows.values("employer")[:1]))
            for reason, rows in sources.items()}


def reviews_visible_to(*, user: User, status: str = "") -> QuerySet[FraudReview]:
    reviews = FraudReview.objects.filter(person__in=persons_visible_to(user=user).values("pk")).select_related(
        "person", "case", "claim").prefetch_related("flags")  # every list shows each review's months
    if status:
        reviews = reviews.filter(status=status)
    return reviews.order_by("-opened_at", "-pk")
