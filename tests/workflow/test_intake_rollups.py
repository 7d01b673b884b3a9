"""The halls' and service points' intake read from the daily roll-ups (workflow.models.DailyIntakeFigures) for
closed days and counted live for the rest: the figures are those counted from every case, on every edge of the
period, with the beat on time, late, down for days or longer than the period, and after late writes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import Count, F, Q

from accounts.models import Office
from tests.concurrency import run_concurrently
from tests.factories import region
from tests.workflow.backoffice_support import accept, sh
from workflow.models import Case, DailyFiguresDay, DailyIntakeFigures
from workflow.rules.states import DECIDED, Status
from workflow.selectors.backoffice import WORKING, intake_by_office, overdue_q
from workflow.services.rollups import daily_figures_rollup

pytestmark = pytest.mark.django_db

NOW = sh(2026, 3, 12, 10)  # the period starts on 2026-02-10 at 10:00
EDGES = [sh(2026, 1, 20), sh(2026, 2, 10, 9, 59), sh(2026, 2, 10, 10), sh(2026, 2, 10, 23, 59, 59), sh(2026, 2, 11),
         sh(2026, 2, 20, 12), sh(2026, 3, 9, 17), sh(2026, 3, 11, 23, 59, 59), sh(2026, 3, 12), sh(2026, 3, 12, 9, 59)]
HALLS = ("HALL-370523", "HALL-370502", "PT-370502001001", "HALL-370500")
FIGURES = ("accepted", "routed", "decided", "on_time", "open", "overdue")


@pytest.fixture
def cases(users, test_services):
    """Cases accepted at four halls and points on every edge of the period, immediate and time-limited, decided
    (on time and late) on every edge, and still open (in time, overdue, waiting for documents past their deadline,
    accepted long before the period)."""
    template = accept(users)
    offices = {code: Office.objects.get(code=code).pk for code in HALLS}
    back = users["reviewer"].office_id
    rows, n = [], 0
    for i, accepted_at in enumerate(EDGES):
        for j, hall in enumerate(offices.values()):
            later = [moment for moment in EDGES if moment >= accepted_at]
            decided_at = later[(i + j) % len(later)] if (i + j) % 3 else None
            for k, (status, deadline) in enumerate(_shapes(accepted_at, decided_at)):
                n += 1
                rows.append(Case(
                    number=f"I{n:014d}", tracking_code=f"INT{n:013d}", service_id=template.service_id,
                    person_id=template.person_id, channel=template.channel, accepted_office_id=hall,
                    accepted_by_id=template.accepted_by_id, status=status, accepted_at=accepted_at,
                    jurisdiction_office_id=back if deadline else None, deadline=deadline,
                    decided_at=decided_at if status in DECIDED and deadline else None,
                    paused_at=accepted_at + timedelta(days=2) if status == Status.SUPPLEMENT_REQUESTED else None,
                    reviewer=users["reviewer"] if k % 2 else None))
    Case.objects.bulk_create(rows)
    return template


def _shapes(accepted_at, decided_at) -> list[tuple]:
    """(status, deadline) of the cases accepted at one moment: immediate, time-limited decided in time and late,
    and open ones (in time, overdue, paused past the deadline)."""
    shapes = [(Status.COMPLETED, None)]
    if decided_at is not None:
        shapes += [(Status.APPROVED, decided_at + timedelta(hours=3)),
                   (Status.REJECTED, decided_at - timedelta(hours=1)),
                   (Status.COMPLETED, decided_at - timedelta(minutes=1))]
    shapes += [(Status.ROUTED, NOW + timedelta(days=2)), (Status.IN_REVIEW, accepted_at + timedelta(days=1)),
               (Status.SUPPLEMENT_REQUESTED, accepted_at + timedelta(days=1))]
    return shapes


def counted_from_the_cases(now) -> dict:
    """The intake as counted from every case: accepted in the last 30 days; decided in them; open now."""
    since = now - timedelta(days=30)
    halls = Case.objects.filter(accepted_office__code__in=HALLS)
    accepted = (halls.filter(accepted_at__gte=since).values("accepted_office_id")
                .annotate(accepted=Count("pk"), routed=Count("pk", filter=Q(deadline__isnull=False))))
    decided = (halls.filter(decided_at__gte=since, status__in=sorted(DECIDED), deadline__isnull=False,
                            jurisdiction_office__isnull=False).values("accepted_office_id")
               .annotate(decided=Count("pk"), on_time=Count("pk", filter=Q(decided_at__lte=F("deadline")))))
    open_ = (halls.filter(status__in=WORKING, deadline__isnull=False).values("accepted_office_id")
             .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_q(now))))
    figures: dict[int, dict] = {}
    for row in [*accepted, *decided, *open_]:
        figures.setdefault(row.pop("accepted_office_id"), dict.fromkeys(FIGURES, 0)).update(row)
    return {office: tuple(f[name] for name in FIGURES) for office, f in figures.items()}


def shown(now) -> dict:
    rows = intake_by_office(region=region("370500"), now=now)
    return {row.office.pk: tuple(getattr(row, name) for name in FIGURES) for row in rows
            if any(getattr(row, name) for name in FIGURES)}


def assert_same(now) -> None:
    assert shown(now) == counted_from_the_cases(now)


def intake_rows() -> list[tuple]:
    return list(DailyIntakeFigures.objects.order_by("day", "office_id")
                .values_list("day", "office_id", *FIGURES[:4]))


def test_the_fixture_has_work_on_every_edge(cases):
    figures = counted_from_the_cases(NOW)
    assert len(figures) == len(HALLS)
    for accepted, routed, decided, on_time, open_, overdue in figures.values():
        assert 0 < routed < accepted and 0 < on_time < decided and 0 < overdue < open_


def test_without_any_roll_up_everything_is_counted_live(cases):
    assert not DailyFiguresDay.objects.exists()
    assert_same(NOW)


@pytest.mark.parametrize("later", [timedelta(0), timedelta(minutes=30), timedelta(hours=14), timedelta(days=1),
                                   timedelta(days=3, hours=2)])
def test_with_the_roll_ups_the_figures_are_those_counted_from_the_cases(cases, later):
    result = daily_figures_rollup(now=NOW)
    assert result.intake_rows and DailyIntakeFigures.objects.filter(day=date(2026, 2, 11)).exists()
    assert_same(NOW + later)


def test_a_day_holds_what_was_accepted_and_what_was_decided_that_day(cases):
    daily_figures_rollup(now=NOW)
    hall = Office.objects.get(code="HALL-370502")
    row = DailyIntakeFigures.objects.get(day=date(2026, 2, 20), office=hall)
    accepted = Case.objects.filter(accepted_office=hall, accepted_at=sh(2026, 2, 20, 12))
    decided = Case.objects.filter(accepted_office=hall, decided_at=sh(2026, 2, 20, 12))
    assert (row.accepted, row.routed) == (accepted.count(), accepted.filter(deadline__isnull=False).count())
    assert (row.decided, row.on_time) == (decided.count(), decided.filter(decided_at__lte=F("deadline")).count())


def test_a_beat_down_for_days_or_longer_than_the_period_shows_the_same_figures(cases):
    daily_figures_rollup(now=sh(2026, 2, 25, 1))
    assert_same(NOW)
    daily_figures_rollup(now=NOW)
    assert_same(NOW)
    DailyFiguresDay.objects.all().delete()
    DailyIntakeFigures.objects.all().delete()
    daily_figures_rollup(now=sh(2026, 1, 25, 1))
    assert_same(NOW)


def test_late_writes_to_the_last_closed_days_are_caught_by_the_next_run(cases):
    daily_figures_rollup(now=sh(2026, 3, 12, 0, 7))
    hall, other = (Office.objects.get(code=code).pk for code in ("HALL-370502", "HALL-370523"))
    Case.objects.filter(accepted_at=sh(2026, 3, 11, 23, 59, 59), accepted_office_id=hall).update(accepted_office=other)
    Case.objects.filter(decided_at=sh(2026, 3, 11, 23, 59, 59)).update(decided_at=sh(2026, 3, 10, 8))
    daily_figures_rollup(now=sh(2026, 3, 12, 1, 7))
    assert_same(NOW)


def test_running_twice_changes_nothing(cases):
    daily_figures_rollup(now=NOW)
    once = intake_rows()
    daily_figures_rollup(now=NOW, recompute=31)
    assert intake_rows() == once


def test_an_old_open_case_stays_in_sight_and_a_district_sees_only_its_own(cases):
    """Open cases are counted whenever they were accepted; a district's board lists its own halls and points."""
    old = Case.objects.filter(accepted_at=sh(2026, 1, 20), status=Status.IN_REVIEW,
                              accepted_office__code="PT-370502001001")
    assert old.exists() and old.filter(deadline__lt=NOW).count() == old.count()
    district = {row.office.code: row for row in intake_by_office(region=region("370502"), now=NOW)}
    assert {"HALL-370502", "PT-370502001001"} <= set(district) and not {"HALL-370523", "HALL-370500"} & set(district)
    assert district["PT-370502001001"].overdue >= old.count()


def test_the_migration_forgets_the_days_rolled_up_without_intake(cases):
    import importlib

    daily_figures_rollup(now=NOW)
    DailyIntakeFigures.objects.all().delete()  # as before the intake was rolled up
    from django.apps import apps

    importlib.import_module("workflow.migrations.0018_intake_rollups").forget_rolled_up_days(apps, None)
    assert_same(NOW)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_write_each_day_once(postgres, cases):
    outcomes = run_concurrently([lambda: daily_figures_rollup(now=NOW) for _ in range(3)])
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    assert DailyIntakeFigures.objects.filter(day=date(2026, 2, 20)).count() == len(HALLS)
    once = intake_rows()
    daily_figures_rollup(now=NOW, recompute=31)
    assert intake_rows() == once
    assert_same(NOW)
