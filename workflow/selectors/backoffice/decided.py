"""Cases decided in the period, per office or per reviewer, in one query: the closed days from the daily roll-ups
(workflow.models.rollups) and, counted live from the decided index, the period's partial first day and every day
after the last one rolled up (today, and any day the beat task has not reached yet). The figures are the same as
counting every decided case of the period from the index (tests/workflow/test_rollups_equivalence.py)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, F, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest, Least

from workflow.models import Case, DailyFiguresDay, DailyOfficeFigures
from workflow.rules.periods import period_of
from workflow.rules.states import DECIDED

REVIEWER_NAMES = ("reviewer_id", "reviewer__first_name", "reviewer__last_name", "reviewer__username",
                  "reviewer__staff_number")


def _decided(cases: QuerySet[Case], since) -> QuerySet[Case]:
    """Decided with a deadline to be on time for. An open case never has decided_at (it is set when approved or
    rejected), so these and the open cases are counted apart, each from its own partial index."""
    return cases.filter(decided_at__gte=since, status__in=sorted(DECIDED), deadline__isnull=False)


def _counts() -> dict:
    return {"decided": Count("status"), "on_time": Count("status", filter=Q(decided_at__lte=F("deadline")))}


def live_windows(now: datetime) -> list[tuple]:
    """The parts of the period counted live, as [start, end) (end None: up to now): the partial first day; the
    closed days after the last one rolled up, if beat fell behind (a range with a bound only known when the query
    runs, estimated small: a constant-bounded range alone would make the planner guess a third of the index); and
    today (a constant bound the planner sees: the index range of one day)."""
    period = period_of(now)
    covered = Subquery(DailyFiguresDay.objects.order_by("-day").values("covered_until")[:1])
    gap_from = Least(Greatest(Coalesce(covered, period.first_start), period.first_start), period.today_start)
    return [(period.since, period.first_start), (gap_from, period.today_start), (period.today_start, None)]


def rolled_up_days(figures: QuerySet, now: datetime) -> QuerySet:
    """The roll-up rows of the period's closed days, up to the last day rolled up."""
    period = period_of(now)
    last_day = Subquery(DailyFiguresDay.objects.order_by("-day").values("day")[:1])
    return figures.filter(day__gte=period.first_day, day__lte=period.last_closed_day).filter(day__lte=last_day)


def until(cases: QuerySet[Case], field: str, end) -> QuerySet[Case]:
    """The cases before a window's end (its start is the caller's: each window is one index range)."""
    return cases if end is None else cases.filter(**{f"{field}__lt": end})


def decided_figures(*, now: datetime, cases: QuerySet[Case], figures: QuerySet[DailyOfficeFigures],
                    by: tuple[str, ...], figures_by: tuple[str, ...]) -> list[dict]:
    """Rows of `by` (Case fields) with `decided` and `on_time`, a key appearing up to four times (sum them):
    `cases` and `figures` are the same selection (office, reviewer) of cases and of roll-up rows; `figures_by`
    names in the roll-ups the columns of `by`, in the same order."""
    parts = [until(_decided(cases, start), "decided_at", end).values(*by).annotate(**_counts()).order_by()
             for start, end in live_windows(now)]
    parts.append(rolled_up_days(figures, now).values(*figures_by)
                 .annotate(decided=Sum("decided"), on_time=Sum("on_time")).order_by())
    return list(parts[0].union(*parts[1:], all=True))
