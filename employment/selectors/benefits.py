"""Unemployment benefit: a person's entitlement and payments, the recipients staff may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from accounts.models import Person, User
from accounts.money import MoneySum
from accounts.selectors import persons_visible_to
from employment.models import BenefitClaim, Payment
from insurance.selectors.employers import employers_visible_to

LIVE = (BenefitClaim.Status.ACTIVE, BenefitClaim.Status.SUSPENDED)
DRAWN = (Payment.Status.PENDING, Payment.Status.PAID)


def live_claim(*, person: Person, for_update: bool = False) -> BenefitClaim | None:
    """The entitlement being paid or suspended (1 query)."""
    claims = BenefitClaim.objects.filter(person=person, status__in=LIVE)
    if for_update:
        claims = claims.select_for_update()
    return claims.first()


def previous_claim(*, person: Person) -> BenefitClaim | None:
    """The latest entitlement that has ended (its unused months combine with a new one) (1 query)."""
    return BenefitClaim.objects.filter(person=person).exclude(status__in=LIVE).order_by("-granted_at").first()


def with_drawn(claims: QuerySet[BenefitClaim]) -> QuerySet[BenefitClaim]:
    """Annotate the months paid or sent to the bank, and the amount paid."""
    drawn = Q(payments__status__in=DRAWN)
    return claims.annotate(months_drawn=Count("payments", filter=drawn),
                           amount_paid=MoneySum("payments__amount", filter=Q(payments__status=Payment.Status.PAID)))


def benefits_of(*, person: Person) -> dict:
    """Entitlements with their months drawn, and the latest payments (2 queries)."""
    claims = list(with_drawn(BenefitClaim.objects.filter(person=person)).order_by("-granted_at"))
    payments = list(Payment.objects.filter(person=person, item="benefit").order_by("-month")[:12])
    return {"claims": claims, "payments": payments}


def claims_visible_to(*, user: User, status: str = "") -> QuerySet[BenefitClaim]:
    """Entitlements of the persons the user may see (a back office: its area), latest first."""
    claims = BenefitClaim.objects.filter(person__in=persons_visible_to(user=user).values("pk"))
    if status:
        claims = claims.filter(status=status)
    return with_drawn(claims.select_related("person", "case")).order_by("-granted_at", "-pk")


def claim_payments(*, claim: BenefitClaim) -> list[Payment]:
    return list(claim.payments.select_related("fraud_flag").order_by("month"))


def payments_visible_to(*, user: User) -> QuerySet[Payment]:
    """Payments to the persons and employers the user may see."""
    return Payment.objects.filter(
        Q(person__in=persons_visible_to(user=user).values("pk"))
        | Q(person__isnull=True, employer__in=employers_visible_to(user=user).values("pk"))
    ).select_related("person", "employer")
