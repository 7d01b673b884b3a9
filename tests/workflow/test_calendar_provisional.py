"""Years without a published holiday notice: the statutory holidays count (provisionally), the workbench, the
admin and /healthz warn while an open case is due in such a year, and loading or editing a year's notice
recomputes the open cases' deadlines, each with a timeline event."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.workflow.backoffice_support import accept, sh
from workflow.models import CalendarDay, CaseEvent
from workflow.reference import calendar_rows
from workflow.rules.calendar import WorkCalendar
from workflow.rules.holidays import statutory_holidays
from workflow.services.calendar import calendar_notice_load, work_calendar

pytestmark = pytest.mark.django_db

# Friday 25 December 2026: five working days on are Mon 28 ... Thu 31 and then Friday 1 January 2027, New Year's Day.
CHRISTMAS = sh(2026, 12, 25, 10)
WARNING = "节假日安排尚未录入"


def test_the_statutory_holidays_of_2027():
    days = statutory_holidays(2027)
    assert days[date(2027, 1, 1)] == "元旦"
    assert [d for d, name in days.items() if name.startswith("春节")] == [
        date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8)]  # 除夕 and 初一 to 初三
    assert days[date(2027, 4, 5)] == "清明节"
    assert days[date(2027, 6, 9)] == "端午节" and days[date(2027, 9, 15)] == "中秋节"
    assert [d for d, name in days.items() if name in ("劳动节", "国庆节")] == [
        date(2027, 5, 1), date(2027, 5, 2), date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3)]
    assert len(days) == 13


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_statutory_holidays_are_days_off_in_every_published_notice(year):
    rows = next(rows for y, _source, rows in calendar_rows() if y == year)
    days_off = {day for day, kind, _name in rows if kind == "holiday"}
    assert set(statutory_holidays(year)) <= days_off


def test_a_year_without_a_notice_counts_its_statutory_holidays_and_is_marked_provisional():
    calendar = WorkCalendar(published_years=frozenset({2026}))
    assert calendar.working_deadline(CHRISTMAS, 5) == sh(2027, 1, 4, 17)
    assert calendar.is_provisional(date(2027, 1, 4)) and not calendar.is_provisional(date(2026, 12, 31))
    assert not calendar.is_working(date(2027, 2, 5)) and not calendar.is_working(date(2027, 4, 5))
    assert calendar.is_working(date(2027, 2, 9))
    # A published year keeps exactly its notice: 1 October 2026 off only because the notice says so.
    assert calendar.is_working(date(2026, 10, 1))


def test_the_calendar_with_its_published_years_is_still_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        calendar = work_calendar()
    assert {2025, 2026} <= calendar.published_years
    assert date(2026, 2, 16) in calendar.holidays and date(2026, 2, 14) in calendar.workdays


def test_a_case_accepted_in_late_december_2026_is_not_due_on_new_years_day(test_services, users):
    case = accept(users, at=CHRISTMAS)
    assert case.deadline == sh(2027, 1, 4, 17)


def _staff_page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_workbench_the_admin_and_healthz_warn_of_a_deadline_in_a_year_without_a_notice(test_services, users,
                                                                                            client):
    assert WARNING not in _staff_page(client, users["reviewer"], reverse("workflow:workbench"))
    assert client.get(reverse("healthz")).json()["warnings"] == []
    accept(users, at=CHRISTMAS)
    from django.core.cache import caches

    caches["local"].clear()  # the warning is cached a minute per process
    assert WARNING in _staff_page(client, users["reviewer"], reverse("workflow:workbench"))
    assert WARNING in _staff_page(client, users["head"], reverse("workflow:head-board"))
    assert WARNING in _staff_page(client, users["admin"], reverse("admin:index"))
    years_page = _staff_page(client, users["admin"], reverse("admin:workflow_calendaryear_changelist"))
    assert "2027" in years_page and "02-05 春节（除夕）" in years_page and "09-15 中秋节" in years_page
    health = client.get(reverse("healthz"))
    assert health.status_code == 200 and "2027" in health.json()["warnings"][0]


NOTICE_2027 = {  # an imagined notice: New Year 1-3 January, Saturday 2 January ... worked Sunday 10 January
    "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知（测试）",
    "holidays": [(date(2027, 1, 1), date(2027, 1, 5), "元旦")], "workdays": [date(2027, 1, 10)],
}


def test_loading_a_years_notice_recomputes_open_deadlines_with_a_timeline_event(
        test_services, users, client, django_capture_on_commit_callbacks):
    case = accept(users, at=CHRISTMAS)
    done = accept(users, at=CHRISTMAS)
    done.status = "completed"
    done.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        assert calendar_notice_load(**NOTICE_2027, actor=users["admin"]) == 1
    case.refresh_from_db()
    assert case.deadline == sh(2027, 1, 6, 17)
    event = case.events.get(kind=CaseEvent.Kind.DEADLINE_CHANGED)
    assert event.actor == users["admin"] and "2027-01-04 17:00" in event.note and "2027-01-06 17:00" in event.note
    assert not done.events.filter(kind=CaseEvent.Kind.DEADLINE_CHANGED).exists()  # only open cases move
    assert WARNING not in _staff_page(client, users["reviewer"], reverse("workflow:workbench"))
    # Loading the same notice again changes nothing and records nothing.
    assert calendar_notice_load(**NOTICE_2027, actor=users["admin"]) == 0
    assert case.events.filter(kind=CaseEvent.Kind.DEADLINE_CHANGED).count() == 1


def test_editing_a_day_in_the_admin_recomputes_and_records_it(test_services, users, client):
    case = accept(users, at=CHRISTMAS)
    client.force_login(users["admin"])
    response = client.post(reverse("admin:workflow_calendarday_add"),
                           {"date": "2027-01-04", "kind": "holiday", "name": "元旦（补休）"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.deadline == sh(2027, 1, 5, 17)
    day = CalendarDay.objects.get(date=date(2027, 1, 4))
    client.post(reverse("admin:workflow_calendarday_delete", args=[day.pk]), {"post": "yes"})
    case.refresh_from_db()
    assert case.deadline == sh(2027, 1, 4, 17)
    events = case.events.filter(kind=CaseEvent.Kind.DEADLINE_CHANGED, actor=users["admin"])
    assert events.count() == 2
