"""The working-day calendar as loaded from the bureau's exceptions (one query), the copy pages share, and the
writes that change it: loading a year's notice, or any edit of a year's days, recomputes the deadlines of the open
cases it reaches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import CharField, DateField, IntegerField, Q, Value

from workflow.models import CalendarDay, CalendarYear
from workflow.rules.calendar import WorkCalendar
from workflow.selectors.calendar import provisional_deadline_years_forget
from workflow.services.deadlines import deadlines_recompute

_YEAR = "year"  # the kind of the rows that name a published year, in the one query below

# Pages showing countdowns (the desk, the back office, the applicant's pages, tracking) share one calendar per
# process for this long: the bureau edits it a few times a year, and the tracking page is read very often. An
# edit is seen at once by the process that made it (calendar_cache_forget), by the others within this time.
CALENDAR_KEY = "workflow:calendar:v1"
CALENDAR_SECONDS = 300


def work_calendar(*, since: date | None = None) -> WorkCalendar:
    """The calendar from `since` on (default: every exception; the table holds a few dozen rows a year), with the
    years whose notice is loaded: days and years in one query."""
    days = CalendarDay.objects.order_by().values_list("date", "kind", Value(0, output_field=IntegerField()))
    years = CalendarYear.objects.order_by().values_list(Value(None, output_field=DateField()),
                                                        Value(_YEAR, output_field=CharField()), "year")
    if since is not None:
        days, years = days.filter(date__gte=since), years.filter(year__gte=since.year)
    holidays, workdays, published = set(), set(), set()
    for day, kind, year in days.union(years, all=True):
        if kind == _YEAR:
            published.add(year)
        else:
            (holidays if kind == CalendarDay.Kind.HOLIDAY else workdays).add(day)
    return WorkCalendar(
        holidays=frozenset(holidays), workdays=frozenset(workdays),
        opens=time.fromisoformat(settings.WORKDAY_OPENS), closes=time.fromisoformat(settings.WORKDAY_CLOSES),
        tz=ZoneInfo(settings.TIME_ZONE), published_years=frozenset(published),
    )


def work_calendar_cached() -> WorkCalendar:
    """The calendar every countdown on a page reads (no query while cached). Writes that set deadlines read
    work_calendar() itself."""
    cache = caches["local"]
    calendar = cache.get(CALENDAR_KEY)
    if calendar is None:
        calendar = work_calendar()
        cache.set(CALENDAR_KEY, calendar, CALENDAR_SECONDS)
    return calendar


def calendar_cache_forget(**_kwargs) -> None:
    """The calendar changed (a row saved or deleted, a notice loaded): forget the shared copy now and once the
    transaction commits (so that a page read meanwhile cannot keep the old calendar)."""
    cache = caches["local"]
    cache.delete(CALENDAR_KEY)
    transaction.on_commit(lambda: cache.delete(CALENDAR_KEY))


@transaction.atomic
def calendar_changed(*, years: Iterable[int], actor=None) -> int:
    """After the days or the notice of `years` changed (loaded, edited or deleted): the open cases whose deadline
    reaches them get it recomputed, each change recorded in its timeline. The number of deadlines changed."""
    years = sorted(set(years))
    if not years:
        return 0
    transaction.on_commit(provisional_deadline_years_forget)
    calendar_cache_forget()
    return deadlines_recompute(calendar=work_calendar(), years=years, actor=actor)


@transaction.atomic
def calendar_notice_load(*, year: int, source: str, holidays: Iterable[tuple[date, date, str]],
                         workdays: Iterable[date], actor=None, verified: bool = True) -> int:
    """Load (or replace) a year's State Council notice: its days off (first, last, name), the weekend days worked
    in exchange; the year is then published. Open cases' deadlines follow. The number of deadlines changed."""
    rows = []
    for first, last, name in holidays:
        if last < first:
            raise ValueError(f"{first}–{last} is not a stretch of days")
        rows += [CalendarDay(date=date.fromordinal(n), kind=CalendarDay.Kind.HOLIDAY, name=name)
                 for n in range(first.toordinal(), last.toordinal() + 1)]
    rows += [CalendarDay(date=day, kind=CalendarDay.Kind.WORKDAY, name="调休上班") for day in workdays]
    # A notice may name days of the year before (a New Year's bridge at the end of December).
    CalendarDay.objects.filter(Q(date__year=year) | Q(date__in=[row.date for row in rows])).delete()
    CalendarDay.objects.bulk_create(rows)
    CalendarYear.objects.update_or_create(year=year, defaults={"source": source, "verified": verified})
    return calendar_changed(years={year, *(row.date.year for row in rows)}, actor=actor)
