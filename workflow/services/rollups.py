"""The daily roll-ups (workflow.models.rollups): decided cases per deciding office and reviewer, and the intake of
halls and service points per accepting office, written together for closed days by a beat task.

The rule for late writes: a day's rows are what its cases said when the day was last rolled up. A case is decided
once (decided_at is set on approval or rejection and never cleared, and a decided case stays decided) and accepted
once, but its reviewer, offices or deadline may still be corrected, and data may be fixed by hand. So every run
recomputes the last RECOMPUTE_DAYS closed days, whether rolled up or not, and every missing day of the period; a
correction to an older day shows once `manage.py rollup_daily_figures --days N` recomputes it (README, Operations)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from workflow.models import Case, DailyFiguresDay, DailyIntakeFigures, DailyOfficeFigures, Sequence
from workflow.rules.calendar import SHANGHAI
from workflow.rules.periods import PERIOD_DAYS, midnight, period_of
from workflow.rules.states import DECIDED
from workflow.selectors.backoffice.intake import intake_counts

logger = logging.getLogger(__name__)

RECOMPUTE_DAYS = 3
LOCK_KEY = "workflow.daily_figures.lock"  # a Sequence row, locked for the run: one run at a time


@dataclass
class RollupResult:
    days: list[date]
    rows: int
    intake_rows: int = 0
    skipped: bool = False  # another run held the lock: it does the same work


def decided_in(start: datetime, end: datetime):
    """The cases the back-office figures count, decided in [start, end): with a deadline and a deciding office."""
    return Case.objects.filter(decided_at__gte=start, decided_at__lt=end, status__in=sorted(DECIDED),
                               deadline__isnull=False, jurisdiction_office__isnull=False)


def daily_figures_compute(*, first: date, last: date) -> list[DailyOfficeFigures]:
    """The rows of the days first..last, counted from the cases (one query, a range of the decided index)."""
    rows = (decided_in(midnight(first), midnight(last + timedelta(days=1)))
            .annotate(day=TruncDate("decided_at", tzinfo=SHANGHAI))
            .values("day", "jurisdiction_office_id", "reviewer_id")
            .annotate(decided=Count("pk"), on_time=Count("pk", filter=Q(decided_at__lte=F("deadline"))))
            .order_by())
    return [DailyOfficeFigures(day=row["day"], office_id=row["jurisdiction_office_id"],
                               reviewer_id=row["reviewer_id"], decided=row["decided"], on_time=row["on_time"])
            for row in rows]


def accepted_in(start: datetime, end: datetime):
    """The cases a hall or service point accepted in [start, end) (the intake's `accepted`; `routed`: those
    with a deadline)."""
    return Case.objects.filter(accepted_at__gte=start, accepted_at__lt=end, accepted_office__isnull=False)


def intake_figures_compute(*, first: date, last: date) -> list[DailyIntakeFigures]:
    """The intake rows of the days first..last (two queries: a range of the accepted index, one of the decided)."""
    start, end = midnight(first), midnight(last + timedelta(days=1))
    counts = intake_counts()
    rows: dict[tuple, DailyIntakeFigures] = {}

    def row(day, office_id) -> DailyIntakeFigures:
        return rows.setdefault((day, office_id), DailyIntakeFigures(day=day, office_id=office_id))

    for found in (accepted_in(start, end).annotate(day=TruncDate("accepted_at", tzinfo=SHANGHAI))
                  .values("day", "accepted_office_id")
                  .annotate(accepted=counts["accepted"], routed=counts["routed"]).order_by()):
        figures = row(found["day"], found["accepted_office_id"])
        figures.accepted, figures.routed = found["accepted"], found["routed"]
    for found in (decided_in(start, end).filter(accepted_office__isnull=False)
                  .annotate(day=TruncDate("decided_at", tzinfo=SHANGHAI)).values("day", "accepted_office_id")
                  .annotate(decided=counts["decided"], on_time=counts["on_time"]).order_by()):
        figures = row(found["day"], found["accepted_office_id"])
        figures.decided, figures.on_time = found["decided"], found["on_time"]
    return list(rows.values())


def _days_to_do(*, last: date, recompute: int) -> list[date]:
    """Every day of the period not rolled up yet, and the last `recompute` closed days, oldest first."""
    first = last - timedelta(days=PERIOD_DAYS)
    done = set(DailyFiguresDay.objects.filter(day__gte=first, day__lte=last).values_list("day", flat=True))
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if d not in done or d > last - timedelta(days=recompute)]


def _lock() -> bool:
    """Hold the run's lock until the transaction ends; False if another run holds it (PostgreSQL; SQLite
    serialises writing transactions by itself)."""
    if not Sequence.objects.filter(key=LOCK_KEY).exists():
        try:
            with transaction.atomic():
                Sequence.objects.create(key=LOCK_KEY)
        except IntegrityError:  # created meanwhile by a concurrent run
            pass
    return Sequence.objects.select_for_update(skip_locked=True).filter(key=LOCK_KEY).exists()


def daily_figures_rollup(*, now: datetime | None = None, recompute: int = RECOMPUTE_DAYS) -> RollupResult:
    """Roll up the closed days that need it (see the module's rule), in one transaction: each day's rows of both
    tables are replaced whole and the day marked done. Running it twice, or in two workers at once, changes nothing."""
    now = now or timezone.now()
    last = period_of(now).last_closed_day
    with transaction.atomic():
        if not _lock():
            logger.info("daily figures: another run is under way")
            return RollupResult(days=[], rows=0, skipped=True)
        days = _days_to_do(last=last, recompute=recompute)
        if not days:
            return RollupResult(days=[], rows=0)
        wanted = set(days)
        rows = [r for r in daily_figures_compute(first=days[0], last=days[-1]) if r.day in wanted]
        intake = [r for r in intake_figures_compute(first=days[0], last=days[-1]) if r.day in wanted]
        DailyOfficeFigures.objects.filter(day__in=days).delete()
        DailyOfficeFigures.objects.bulk_create(rows)
        DailyIntakeFigures.objects.filter(day__in=days).delete()
        DailyIntakeFigures.objects.bulk_create(intake)
        DailyFiguresDay.objects.filter(day__in=days).delete()
        DailyFiguresDay.objects.bulk_create(
            [DailyFiguresDay(day=d, covered_until=midnight(d + timedelta(days=1)), computed_at=now) for d in days])
    logger.info("daily figures: rolled up %s days (%s rows, %s of intake)", len(days), len(rows), len(intake))
    return RollupResult(days=days, rows=len(rows), intake_rows=len(intake))
