"""Employers, declarations and payment orders as staff may see them (scoped to the office's area)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Employer, Office, User
from accounts.selectors import employers_served_by, office_is_point, persons_visible_to
from insurance.models import Declaration, PaymentOrder


def employers_visible_to(*, user: User) -> QuerySet[Employer]:
    """Halls and the leadership serve the whole city; a back office its own area, a service point its subtree;
    an employer user itself."""
    employers = Employer.objects.select_related("region")
    if user.kind == User.Kind.EMPLOYER:
        return employers.filter(pk=user.employer_id)
    if user.office_id is None or user.kind != User.Kind.STAFF:
        return employers.none()
    if user.office.kind == Office.Kind.BACK_OFFICE:
        return employers.filter(region__path__startswith=user.office.region.path)
    if office_is_point(user.office):
        return employers_served_by(office=user.office)
    return employers


def _employer_user(user: User) -> bool:
    """An employer's user sees its employer's rows alone (no person is visible to it): they are asked by the
    employer's id, not through the subqueries of staff's scopes, which cost each of its pages' queries time to
    build and compile for the same rows."""
    return user.kind == User.Kind.EMPLOYER


def declarations_visible_to(*, user: User) -> QuerySet[Declaration]:
    if _employer_user(user):
        declarations = Declaration.objects.select_related("employer")
        return declarations.filter(employer_id=user.employer_id) if user.employer_id else declarations.none()
    return Declaration.objects.filter(employer__in=employers_visible_to(user=user)).select_related("employer")


def orders_visible_to(*, user: User) -> QuerySet[PaymentOrder]:
    if _employer_user(user):
        orders = PaymentOrder.objects.select_related("employer", "person", "declaration")
        return orders.filter(employer_id=user.employer_id) if user.employer_id else orders.none()
    employers = employers_visible_to(user=user)
    return PaymentOrder.objects.filter(
        Q(employer__in=employers) | Q(person__in=persons_visible_to(user=user))
    ).select_related("employer", "person", "declaration")


def orders_awaiting_payment(*, user: User, query: str = "") -> QuerySet[PaymentOrder]:
    orders = orders_visible_to(user=user).filter(status=PaymentOrder.Status.ISSUED).order_by("due_on", "pk")
    query = query.strip()
    if query:
        orders = orders.filter(Q(number=query.upper()) | Q(employer__credit_code=query.upper())
                               | Q(employer__name__contains=query))
    return orders
