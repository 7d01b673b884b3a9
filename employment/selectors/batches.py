"""Payment batches and accounts to correct, as each member of staff may see them (a back office: its own area's
batches; the leadership: all), written for a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from accounts.models import Office, User
from accounts.money import MoneySum
from accounts.selectors import persons_visible_to
from employment.models import AccountCorrection, BatchLine, PaymentBatch
from insurance.selectors.employers import employers_visible_to


def batches_visible_to(*, user: User) -> QuerySet[PaymentBatch]:
    batches = PaymentBatch.objects.select_related("prepared_by", "released_by", "office")
    if user.office_id is None or user.kind != User.Kind.STAFF:
        return batches.none()
    if user.office.kind == Office.Kind.BACK_OFFICE:
        batches = batches.filter(office__region__path__startswith=user.office.region.path)
    return batches.order_by("-prepared_at", "-pk")


def batch_results(*, batch: PaymentBatch) -> dict:
    """Lines and amounts by result (1 query)."""
    rows = batch.lines.order_by().values("result").annotate(lines=Count("pk"), amount=MoneySum("amount"))
    return {row["result"]: row for row in rows}


def batch_lines(*, batch: PaymentBatch, result: str = "") -> QuerySet[BatchLine]:
    lines = batch.lines.select_related("correction").order_by("seq")
    return lines.filter(result=result) if result else lines


def corrections_visible_to(*, user: User, open_only: bool = True) -> QuerySet[AccountCorrection]:
    """The tasks to correct an account, of the persons and employers the user may see, oldest open first."""
    corrections = AccountCorrection.objects.filter(
        Q(person__in=persons_visible_to(user=user).values("pk"))
        | Q(person__isnull=True, employer__in=employers_visible_to(user=user).values("pk")))
    if open_only:
        corrections = corrections.filter(resolved_at__isnull=True)
    return corrections.select_related("line__batch", "person", "employer", "case").order_by("opened_at", "pk")
