"""Reads of ratings: what a page may offer to rate, and the summaries per office and staff member, each in a fixed
number of queries whatever the number of ratings."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Count, Q
from django.utils import timezone

from workflow.models import Case, Rating
from workflow.rules import ratings as rules
from workflow.rules.states import FINAL, OPEN

RECTIFICATION = "workflow.rectification"


def may_be_rated(case: Case) -> bool:
    """Whether a case is one its applicant may rate (ended, and not itself a rectification)."""
    return case.status in FINAL and case.service.code != RECTIFICATION


def channels_rated(*, case: Case) -> set[str]:
    return set(Rating.objects.filter(subject=f"case:{case.pk}").values_list("channel", flat=True))


def subject_rated(*, subject: str, channel: str) -> bool:
    return Rating.objects.filter(subject=subject, channel=channel).exists()


def _aggregates(now: datetime) -> dict:
    open_rect = Q(rectification__status__in=sorted(OPEN))
    counts = {f"level_{score}": Count("id", filter=Q(score=score)) for score in rules.Level.values}
    return {**counts, "total": Count("id"),
            "rectifications": Count("rectification"),
            "open": Count("id", filter=open_rect),
            "overdue": Count("id", filter=open_rect & Q(rectification__deadline__lt=now)),
            "rectified": Count("id", filter=Q(rectified_at__isnull=False))}


def _finish(row: dict) -> dict:
    counts = {score: row[f"level_{score}"] for score in rules.Level.values}
    row["levels"] = [counts[score] for score in sorted(rules.Level.values, reverse=True)]
    row["bad"] = sum(n for score, n in counts.items() if rules.is_bad(score))
    row["rate"] = rules.satisfaction_rate(counts)
    return row


def _month_range(month: rules.Month) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (datetime.combine(month.first, time.min, tzinfo=tz), datetime.combine(month.next_first, time.min, tzinfo=tz))


def ratings_by_office(*, month: rules.Month, office_ids: list[int] | None = None,
                      now: datetime | None = None) -> list[dict]:
    """Per office that was rated in the month: counts per level, share satisfied, bad ratings, rectifications open,
    overdue and done. One query."""
    start, end = _month_range(month)
    queryset = Rating.objects.filter(rated_at__gte=start, rated_at__lt=end)
    if office_ids is not None:
        queryset = queryset.filter(office_id__in=office_ids)
    rows = (queryset.order_by().values("office_id", "office__name", "office__code")
            .annotate(**_aggregates(now or timezone.now())).order_by("office__code"))
    return [_finish(dict(row)) for row in rows]


def ratings_by_staff(*, month: rules.Month, office_ids: list[int] | None = None,
                     now: datetime | None = None) -> list[dict]:
    """The same per staff member who handled what was rated (staff number and name: for supervision only)."""
    start, end = _month_range(month)
    queryset = Rating.objects.filter(rated_at__gte=start, rated_at__lt=end, staff__isnull=False)
    if office_ids is not None:
        queryset = queryset.filter(office_id__in=office_ids)
    rows = (queryset.order_by().values("office__name", "office__code", "staff_id", "staff__staff_number",
                                       "staff__last_name", "staff__first_name", "staff__username")
            .annotate(**_aggregates(now or timezone.now())).order_by("office__code", "staff__staff_number"))
    return [_finish(dict(row)) for row in rows]


def bad_ratings_recent(*, office_ids: list[int] | None, limit: int = 20) -> list[Rating]:
    """The latest bad ratings with their rectification (one query)."""
    queryset = Rating.objects.filter(score__lte=rules.BAD_AT_MOST).select_related(
        "office", "staff", "rectification", "service").order_by("-rated_at")
    if office_ids is not None:
        queryset = queryset.filter(office_id__in=office_ids)
    return list(queryset[:limit])
