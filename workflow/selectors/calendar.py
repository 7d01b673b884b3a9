"""Which years the open cases' deadlines reach without a published holiday notice: the workbench, the admin and
/healthz warn about them, since their deadlines count the statutory holidays only (provisional)."""

from __future__ import annotations

from datetime import datetime

from django.core.cache import caches
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.models import CalendarYear, Case
from workflow.rules.states import CLOCK_RUNNING, Status

PROVISIONAL_KEY = "workflow:calendar:provisional-years"
PROVISIONAL_SECONDS = 60  # a page per minute per process pays the few queries; a loaded notice shows within it
_WITH_DEADLINE = sorted({*CLOCK_RUNNING, Status.SUPPLEMENT_REQUESTED})


def _first(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=timezone.get_default_timezone())


def provisional_deadline_years() -> list[int]:
    """The years without a published notice in which an open case is due (cached a minute in the process)."""
    cache = caches["local"]
    years = cache.get(PROVISIONAL_KEY)
    if years is None:
        years = _provisional_deadline_years()
        cache.set(PROVISIONAL_KEY, years, PROVISIONAL_SECONDS)
    return years


def _provisional_deadline_years() -> list[int]:
    open_cases = Case.objects.filter(status__in=_WITH_DEADLINE, deadline__isnull=False)
    span = open_cases.aggregate(first=Min("deadline"), last=Max("deadline"))
    if span["first"] is None:
        return []
    tz = timezone.get_default_timezone()
    first, last = span["first"].astimezone(tz).year, span["last"].astimezone(tz).year
    published = set(CalendarYear.objects.filter(year__range=(first, last)).values_list("year", flat=True))
    return [year for year in range(first, last + 1) if year not in published and open_cases.filter(
        deadline__gte=_first(year), deadline__lt=_first(year + 1)).exists()]


def provisional_deadline_years_forget() -> None:
    caches["local"].delete(PROVISIONAL_KEY)




def calendar_warning() -> str:
    """What the workbench, the admin and /healthz say while an open case is due in a year without a notice
    (empty when none is)."""
    years = provisional_deadline_years()
    if not years:
        return ""
    return _("Open cases are due in %(years)s, whose holiday notice is not loaded: their deadlines count only the "
             "statutory holidays and may move when the notice is loaded (working-day calendar, in the admin).") % {
        "years": "、".join(str(year) for year in years)}
