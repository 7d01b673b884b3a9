"""Supervision of where cases are accepted: every hall and street or community service point of an area, with
what it accepted in the period and how its time-limited cases fare in the back offices they were sent to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, FilteredRelation, Q, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, Region
from workflow.rules.states import DECIDED
from workflow.selectors.backoffice.cases import WORKING, overdue_q
from workflow.selectors.backoffice.stats import OnTime, period_start

KIND_LABELS = {Region.Level.STREET: _("Street / township service centre"),
               Region.Level.COMMUNITY: _("Community / village service station")}


@dataclass
class IntakeFigures(OnTime):
    office: Office
    accepted: int = 0  # in the period, immediate and time-limited
    routed: int = 0  # of which time-limited (sent to a back office)
    open: int = 0
    overdue: int = 0
    decided: int = 0
    on_time: int = 0

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.office.region.level, _("Service hall"))

    @property
    def is_point(self) -> bool:
        return self.office.region.level in KIND_LABELS


def _figures(now: datetime) -> dict:
    """Counts over the office's cases accepted in the period (the rows of the filtered join `recent`)."""
    limited = Q(recent__deadline__isnull=False)
    working = Q(recent__status__in=WORKING)
    overdue = overdue_q(now, via="recent__")
    decided = limited & Q(recent__status__in=sorted(DECIDED), recent__decided_at__isnull=False)
    return {
        "accepted": Count("recent__status"),
        "routed": Count("recent__status", filter=limited),
        "open": Count("recent__status", filter=limited & working),
        "overdue": Count("recent__status", filter=working & overdue),
        "decided": Count("recent__status", filter=decided),
        "on_time": Count("recent__status", filter=decided & Q(recent__decided_at__lte=F("recent__deadline"))),
    }


def intake_by_office(*, now: datetime, region: Region | None = None, office: Office | None = None
                     ) -> list[IntakeFigures]:
    """The halls and service points of a region's subtree (a district's, or the city's), or of the subtree of an
    office's region, each with the cases it accepted in the period: one query (the offices, joined to their
    cases of the period through the accepting office's index; the office's region read in it too)."""
    path = region.path if region is not None else Subquery(
        Office.objects.filter(pk=office.pk).values("region__path")[:1])
    recent = FilteredRelation("accepted_cases", condition=Q(accepted_cases__accepted_at__gte=period_start(now)))
    offices = (Office.objects.filter(kind=Office.Kind.HALL, is_active=True, region__path__startswith=path)
               .select_related("region").annotate(recent=recent).annotate(**_figures(now))
               .order_by("region__path", "code"))
    names = list(_figures(now))
    return [IntakeFigures(o, **{name: getattr(o, name) for name in names}) for o in offices]
