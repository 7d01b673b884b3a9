"""The daily roll-ups of decided cases: the board's and the overview's figures read from them (closed days) and
counted live (the period's partial first day, today, days not rolled up yet) are the figures counted from every
case of the period; the task is idempotent, catches late writes of the last closed days, and back-fills."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import Count, F, Q
from freezegun import freeze_time

from tests.concurrency import run_concurrently
from tests.workflow.backoffice_support import accept, sh
from tests.workflow.test_backoffice_board import BOARD, BOARD_QUERIES, OVERVIEW, OVERVIEW_QUERIES, get
from workflow.models import Case, DailyFiguresDay, DailyOfficeFigures
from workflow.rules.states import DECIDED, Status
from workflow.selectors.backoffice import city_overview, reviewer_loads
from workflow.services.rollups import daily_figures_rollup

pytestmark = pytest.mark.django_db

NOW = sh(2026, 3, 12, 10)  # the period starts on 2026-02-10 at 10:00


@pytest.fixture
def cases(users, test_services):
    """Decided cases of two back offices, three reviewers and none, on time and late, on the period's edges
    (before its start, at it, the last second of its partial first day, the first whole day, yesterday's last
    second, today's first), a case with no deadline (not counted), and open ones."""
    template = accept(users)
    hekou, dongying = users["reviewer"].office_id, users["reviewer2"].office_id
    moments = [sh(2026, 2, 10, 9, 59), sh(2026, 2, 10, 10), sh(2026, 2, 10, 23, 59, 59), sh(2026, 2, 11),
               sh(2026, 2, 20, 12), sh(2026, 3, 1, 8), sh(2026, 3, 9, 17), sh(2026, 3, 10, 16),
               sh(2026, 3, 11, 23, 59, 59), sh(2026, 3, 12), sh(2026, 3, 12, 9, 59), sh(2026, 1, 20)]
    who = [(hekou, users["reviewer"]), (hekou, users["head"]), (hekou, None), (dongying, users["reviewer2"])]
    statuses = [Status.APPROVED, Status.REJECTED, Status.COMPLETED]
    rows, n = [], 0
    for i, moment in enumerate(moments):
        for j, (office, reviewer) in enumerate(who):
            for late in (False, True):
                n += 1
                deadline = moment + timedelta(hours=-1 if late else 5)
                rows.append(_copy(template, n, office=office, reviewer=reviewer, decided_at=moment,
                                  deadline=None if (i + j) % 7 == 6 and late else deadline,
                                  status=statuses[(i + j + late) % 3]))
    rows.append(_copy(template, n + 1, office=hekou, reviewer=users["reviewer"], decided_at=None,
                      deadline=sh(2026, 3, 1), status=Status.IN_REVIEW))
    Case.objects.bulk_create(rows)
    return template


def _copy(case: Case, n: int, **fields) -> Case:
    return Case(number=f"T{n:014d}", tracking_code=f"TRK{n:013d}", service_id=case.service_id,
                person_id=case.person_id, channel=case.channel, accepted_office_id=case.accepted_office_id,
                accepted_by_id=case.accepted_by_id, jurisdiction_office_id=fields["office"],
                reviewer=fields["reviewer"], status=fields["status"], accepted_at=sh(2026, 1, 5),
                deadline=fields["deadline"], decided_at=fields["decided_at"])


def live(now, *, by: str) -> dict:
    """The figures as counted before the roll-ups: every decided case of the last 30 days, from the cases."""
    rows = (Case.objects.filter(decided_at__gte=now - timedelta(days=30), status__in=sorted(DECIDED),
                                deadline__isnull=False).values(by)
            .annotate(decided=Count("pk"), on_time=Count("pk", filter=Q(decided_at__lte=F("deadline")))))
    return {row[by]: (row["decided"], row["on_time"]) for row in rows if row["decided"]}


def shown(now, users) -> tuple[dict, dict]:
    offices, total = city_overview(now=now)
    by_office = {row.office.pk: (row.decided, row.on_time) for row in offices if row.decided}
    loads = reviewer_loads(office=users["head"].office, now=now)
    by_reviewer = {load.user_id: (load.decided, load.on_time) for load in loads if load.decided}
    assert (total.decided, total.on_time) == tuple(map(sum, zip(*by_office.values(), strict=False)))
    return by_office, by_reviewer


def assert_same(now, users) -> None:
    by_office, by_reviewer = shown(now, users)
    assert by_office == live(now, by="jurisdiction_office_id")
    assert by_reviewer == live_reviewers(now, users)


def live_reviewers(now, users) -> dict:
    office = users["head"].office_id
    rows = (Case.objects.filter(jurisdiction_office_id=office, reviewer__isnull=False,
                                decided_at__gte=now - timedelta(days=30), status__in=sorted(DECIDED),
                                deadline__isnull=False).values("reviewer_id")
            .annotate(decided=Count("pk"), on_time=Count("pk", filter=Q(decided_at__lte=F("deadline")))))
    return {row["reviewer_id"]: (row["decided"], row["on_time"]) for row in rows}


def rows_of_figures() -> list[tuple]:
    return list(DailyOfficeFigures.objects.order_by("day", "office_id", "reviewer_id")
                .values_list("day", "office_id", "reviewer_id", "decided", "on_time"))


def test_the_fixture_has_work_on_every_edge(users, cases):
    figures = live(NOW, by="jurisdiction_office_id")
    assert len(figures) == 2 and all(0 < on_time < decided for decided, on_time in figures.values())
    assert len(live_reviewers(NOW, users)) == 2


def test_without_any_roll_up_the_pages_count_everything_live(users, cases):
    assert not DailyFiguresDay.objects.exists()
    assert_same(NOW, users)


@pytest.mark.parametrize("later", [timedelta(0), timedelta(minutes=30), timedelta(hours=14), timedelta(days=1),
                                   timedelta(days=3, hours=2)])
def test_with_the_roll_ups_the_figures_are_those_counted_live(users, cases, later):
    """Rolled up at NOW, read at NOW and later without the task running again (the days since counted live)."""
    result = daily_figures_rollup(now=NOW)
    assert result.days[0] == date(2026, 2, 9) and result.days[-1] == date(2026, 3, 11) and result.rows
    assert DailyOfficeFigures.objects.filter(day=date(2026, 2, 11)).exists()
    assert_same(NOW + later, users)


def test_a_beat_down_for_days_shows_the_same_figures_and_the_next_run_back_fills(users, cases):
    daily_figures_rollup(now=sh(2026, 2, 25, 1))  # then nothing for two weeks
    assert DailyFiguresDay.objects.latest("day").day == date(2026, 2, 24)
    assert_same(NOW, users)
    result = daily_figures_rollup(now=NOW)
    assert result.days == [date(2026, 2, 25) + timedelta(days=i) for i in range(15)]  # every missing day
    assert_same(NOW, users)


def test_a_beat_down_longer_than_the_period_counts_it_all_live(users, cases):
    daily_figures_rollup(now=sh(2026, 1, 25, 1))
    assert_same(NOW, users)


def test_running_twice_changes_nothing_and_redoes_only_the_last_closed_days(users, cases):
    daily_figures_rollup(now=NOW)
    before = rows_of_figures()
    again = daily_figures_rollup(now=NOW)
    assert again.days == [date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11)]
    after = rows_of_figures()
    assert after == before
    assert DailyFiguresDay.objects.count() == 31


def test_a_late_write_to_a_closed_day_is_caught_by_the_next_run(users, cases):
    """A decision of yesterday 23:59 written after the run (a slow commit), and a reviewer corrected by hand two
    days back: the pages show them once the next run (hourly) has redone the last closed days."""
    daily_figures_rollup(now=sh(2026, 3, 12, 0, 7))
    late = Case.objects.filter(decided_at=sh(2026, 3, 11, 23, 59, 59), deadline__isnull=False).first()
    Case.objects.filter(pk=late.pk).update(decided_at=sh(2026, 3, 11, 23, 59, 58))
    Case.objects.filter(decided_at=sh(2026, 3, 10, 16), reviewer=users["reviewer"]).update(reviewer=users["head"])
    daily_figures_rollup(now=sh(2026, 3, 12, 1, 7))
    assert_same(NOW, users)


def test_a_correction_older_than_the_last_closed_days_needs_a_longer_recompute(users, cases):
    daily_figures_rollup(now=NOW)
    Case.objects.filter(decided_at=sh(2026, 3, 1, 8), reviewer=users["reviewer"]).update(reviewer=users["head"])
    daily_figures_rollup(now=NOW)
    assert shown(NOW, users)[1] != live_reviewers(NOW, users)  # 3/1 is 11 days back: not redone by itself
    daily_figures_rollup(now=NOW, recompute=30)
    assert_same(NOW, users)


def test_the_task_is_on_the_beat_schedule_and_runs_the_service(users, cases, settings):
    from portal.celery import BEAT_SCHEDULE
    from workflow.tasks import daily_figures_rollup_task

    assert any(e["task"] == "workflow.tasks.daily_figures_rollup" for e in BEAT_SCHEDULE.values())
    assert daily_figures_rollup_task()["rows"] >= 0
    assert DailyFiguresDay.objects.count() == 31


@pytest.mark.parametrize(("role", "url", "expected"), [("head", BOARD, BOARD_QUERIES),
                                                       ("leader", OVERVIEW, OVERVIEW_QUERIES)])
def test_the_pages_make_the_same_queries_with_roll_ups(client, users, cases, django_assert_num_queries, role, url,
                                                       expected):
    daily_figures_rollup(now=NOW)
    get(client, users[role], url)
    with freeze_time(NOW), django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_write_each_day_once(postgres, users, cases):
    outcomes = run_concurrently([lambda: daily_figures_rollup(now=NOW) for _ in range(3)])
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    assert sum(not result.skipped for _, result in outcomes) >= 1
    assert DailyFiguresDay.objects.count() == 31
    once = rows_of_figures()
    daily_figures_rollup(now=NOW, recompute=31)
    assert rows_of_figures() == once
    assert_same(NOW, users)


def test_the_command_redoes_the_days_asked(users, cases):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with freeze_time(NOW):
        call_command("rollup_daily_figures", stdout=out)
        call_command("rollup_daily_figures", "--days", "10", stdout=out)
    assert out.getvalue().splitlines()[0].startswith("31 days") and out.getvalue().splitlines()[1].startswith("10 days")
