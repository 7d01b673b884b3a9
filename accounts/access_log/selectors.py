"""Reads of the access log: a resident's own list, and each staff member's reading against their work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access_log.rules import Reading
from accounts.access_log.work import work_done
from accounts.models import AccessLogEntry, Office, User


def accesses_of_person(*, person_id: int) -> QuerySet[AccessLogEntry]:
    """Who in the bureau (or which department's system) read this person's record, newest first; never the
    person's own reads."""
    return (AccessLogEntry.objects.filter(person_id=person_id).exclude(user__person_id=person_id)
            .select_related("office", "api_client").order_by("-at", "-pk"))


@dataclass
class StaffReading:
    user: User
    today: Reading
    week: Reading

    @property
    def unusual(self) -> bool:
        return self.today.unusual or self.week.unusual

    @property
    def periods(self) -> list[dict]:
        return [{"label": _("Today"), "reading": self.today}, {"label": _("This week"), "reading": self.week}]


def period_starts(now: datetime) -> tuple[datetime, datetime]:
    """The start of today and of this week (Monday), local time."""
    local = timezone.localtime(now)
    today = timezone.make_aware(datetime.combine(local.date(), time.min))
    return today, today - timedelta(days=local.weekday())


def staff_reading(*, office: Office, now: datetime) -> list[StaffReading]:
    """Staff who read persons' records this week while working in the offices of an office's region (its
    district's halls and back office): persons opened today and this week against the work they did in the same
    periods, the unusual first. One query when nobody read anything; six otherwise."""
    today, week = period_starts(now)
    # The office's region path read in the same query (the board has not loaded the region).
    area = Subquery(Office.objects.filter(pk=office.pk).values("region__path")[:1])
    reads = {row["user_id"]: row for row in AccessLogEntry.objects.filter(
        at__gte=week, user__isnull=False, api_client__isnull=True, office__region__path__startswith=area)
        .values("user_id").annotate(week=Count("person_id", distinct=True),
                                    today=Count("person_id", distinct=True, filter=Q(at__gte=today))).order_by()}
    if not reads:
        return []
    staff = User.objects.filter(pk__in=list(reads)).select_related("office").order_by("staff_number", "pk")
    work_week, work_today = work_done(user_ids=reads, since=week), work_done(user_ids=reads, since=today)
    rows = [StaffReading(user=u, today=Reading(persons=reads[u.pk]["today"], work=work_today[u.pk]),
                         week=Reading(persons=reads[u.pk]["week"], work=work_week[u.pk])) for u in staff]
    return sorted(rows, key=lambda r: (not r.unusual, -r.week.persons))
