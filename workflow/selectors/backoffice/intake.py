"""Supervision of where cases are accepted: every hall and street or community service point of an area, with
what it accepted in the period and how its time-limited cases fare in the back offices they were sent to. The
closed days come from the daily roll-ups (workflow.models.DailyIntakeFigures); the figures are those counted from
every case (tests/workflow/test_intake_rollups.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, IntegerField, Q, QuerySet, Subquery, Sum, Value
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, Region
from accounts.models.places import DECIDING_KINDS
from workflow.models import Case, DailyIntakeFigures
from workflow.rules.states import DECIDED
from workflow.selectors.backoffice.cases import WORKING, overdue_q
from workflow.selectors.backoffice.decided import live_windows, rolled_up_days, until
from workflow.selectors.backoffice.stats import OnTime

KIND_LABELS = {Region.Level.STREET: _("Street / township service centre"),
               Region.Level.COMMUNITY: _("Community / village service station")}


@dataclass
class IntakeFigures(OnTime):
    office: Office
    accepted: int = 0  # in the period, immediate and time-limited
    routed: int = 0  # of which time-limited (sent to a back office)
    open: int = 0  # time-limited, accepted here at any time, still open
    overdue: int = 0  # of the open, past their deadline
    decided: int = 0  # time-limited, accepted here, decided in the period
    on_time: int = 0

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.office.region.level, _("Service hall"))

    @property
    def is_point(self) -> bool:
        return self.office.region.level in KIND_LABELS


NAMES = ("accepted", "routed", "decided", "on_time", "open", "overdue")
ZERO = Value(0, output_field=IntegerField())


def intake_counts() -> dict:
    """The counts of accepted and of decided cases, the same live and in the roll-ups
    (workflow.services.rollups). They count `status` (never null), a column of every index they are read from,
    where the primary key is not: so the live parts read the indexes alone."""
    return {"accepted": Count("status"), "routed": Count("status", filter=Q(deadline__isnull=False)),
            "decided": Count("status"), "on_time": Count("status", filter=Q(decided_at__lte=F("deadline")))}


def _part(rows: QuerySet, key: str, **counts) -> QuerySet:
    """A part of the union: rows of `key` (the office) with every figure's column, in NAMES' order."""
    return rows.values(key).annotate(**{name: counts.get(name, ZERO) for name in NAMES}).order_by()


def _parts(*, now: datetime, office_ids: list[int]) -> list[QuerySet]:
    """The intake's figures as parts of one query (sum them by office):
    - accepted, routed: the cases accepted in the period (the roll-ups' closed days, the live edges counted from
      the accepting office's index);
    - decided, on_time: the time-limited cases accepted there that a back office decided in the period (the
      roll-ups', and the live edges from the deciding offices' decided index: every such case has one);
    - open, overdue: every time-limited case accepted there still open, whenever it was accepted (an old case
      still waiting is exactly what supervision looks for), from the open cases' index."""
    counts = intake_counts()
    cases = Case.objects.filter(accepted_office_id__in=office_ids)
    deciding = Office.objects.filter(kind__in=DECIDING_KINDS).values("pk")
    key = "accepted_office_id"
    parts = []
    for start, end in live_windows(now):
        parts.append(_part(until(cases.filter(accepted_at__gte=start), "accepted_at", end), key,
                           accepted=counts["accepted"], routed=counts["routed"]))
        decided = cases.filter(jurisdiction_office_id__in=deciding, decided_at__gte=start,
                               status__in=sorted(DECIDED), deadline__isnull=False)
        parts.append(_part(until(decided, "decided_at", end), key, decided=counts["decided"],
                           on_time=counts["on_time"]))
    parts.append(_part(cases.filter(status__in=WORKING, deadline__isnull=False), key,
                       open=Count("status"), overdue=Count("status", filter=overdue_q(now))))
    days = rolled_up_days(DailyIntakeFigures.objects.filter(office_id__in=office_ids), now)
    parts.append(_part(days, "office_id", **{name: Sum(name) for name in NAMES[:4]}))
    return parts


def intake_by_office(*, now: datetime, region: Region | None = None, office: Office | None = None
                     ) -> list[IntakeFigures]:
    """The halls and service points of a region's subtree (a district's, or the city's), or of the subtree of an
    office's region, each with its figures: two queries (the offices with their regions; the figures, one union
    of ranges of indexes and roll-up rows whose size does not grow with the city's history)."""
    path = region.path if region is not None else Subquery(
        Office.objects.filter(pk=office.pk).values("region__path")[:1])
    offices = {o.pk: IntakeFigures(o) for o in Office.objects
               .filter(kind=Office.Kind.HALL, is_active=True, region__path__startswith=path)
               .select_related("region").order_by("region__path", "code")}
    if not offices:
        return []
    parts = _parts(now=now, office_ids=list(offices))
    for row in parts[0].union(*parts[1:], all=True):
        figures = offices[row["accepted_office_id"]]
        for name in NAMES:
            setattr(figures, name, getattr(figures, name) + row[name])
    return list(offices.values())
