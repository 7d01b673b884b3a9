"""The public timeline (workflow.models.timeline) stays equal to what a fresh computation from the case's rows gives,
after every write that adds events or changes what tracking shows; the set-based fill gives the same."""

from __future__ import annotations

from datetime import date, datetime
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from freezegun import freeze_time

from accounts.models import Office
from tests.factories import EmployerFactory, PersonFactory, region
from workflow.models import Case, CaseEvent, PublicTimeline
from workflow.rules.calendar import SHANGHAI
from workflow.selectors.timeline import public_timeline_compute
from workflow.services import (
    case_accept,
    case_approve,
    case_assign,
    case_claim,
    case_event_add,
    case_reassign,
    case_reject,
    case_release,
    case_request_supplement,
    case_supplement_received,
    case_withdraw,
    escalation_sweep,
)
from workflow.services.calendar import calendar_notice_load
from workflow.services.timeline import public_timeline_fill

pytestmark = pytest.mark.django_db


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def stored(case: Case) -> dict:
    """The stored public timeline, its entries in the order the page shows them (by time, then id: they are
    appended as written, and a step may be recorded with an earlier time than one written before)."""
    timeline = PublicTimeline.objects.get(case=case)
    return {"applicant": timeline.applicant, "clerk_kind": timeline.clerk_kind, "clerk_number": timeline.clerk_number,
            "events": sorted(timeline.events, key=lambda entry: (entry[0], entry[5]))}


def assert_fresh(case: Case) -> dict:
    fresh = public_timeline_compute(case.pk)
    assert stored(case) == fresh
    return fresh


@pytest.fixture
def person():
    return PersonFactory(name="欧阳娜娜", hukou_region=region("370503001"))


def accept(users, person, at=None, **kwargs):
    with freeze_time(at or sh(2026, 3, 2, 10)):
        return case_accept(service_code=kwargs.pop("service_code", "test.timed"), actor=users["clerk"],
                           channel="counter", person=person, materials=["id_card"], **kwargs)


def test_a_case_walked_from_acceptance_to_its_close_keeps_its_public_timeline_fresh(test_services, users, person):
    case = accept(users, person)
    fresh = assert_fresh(case)
    assert fresh["applicant"] == "欧***" and fresh["clerk_number"] == users["clerk"].staff_number
    assert [e[1] for e in fresh["events"]] == ["accepted", "routed"]
    reviewer, head = users["reviewer"], users["head"]
    for write in (
        lambda c: case_claim(case=c, actor=reviewer),
        lambda c: case_release(case=c, actor=reviewer, note="私人备注"),
        lambda c: case_assign(case=c, actor=head, reviewer=reviewer, note=f"{person.name}"),
        lambda c: case_assign(case=c, actor=head, reviewer=reviewer),  # reassigned within the office
        lambda c: case_request_supplement(case=c, actor=reviewer, materials=["form"], note="请补交"),
        lambda c: case_supplement_received(case=c, actor=users["clerk"]),
        lambda c: case_event_add(case=c, kind=CaseEvent.Kind.NOTE, actor=reviewer, note="内部"),
        lambda c: case_approve(case=c, actor=reviewer, note="同意"),
    ):
        write(case)
        assert_fresh(case)
    events = stored(case)["events"]
    assert [e[1] for e in events][-2:] == ["approved", "completed"]
    assert "note" not in [e[1] for e in events]
    assert not any(person.name in str(value) for entry in events for value in entry)  # no names, no notes


def test_rejection_withdrawal_reassignment_and_an_immediate_case_keep_it_fresh(test_services, users, person):
    rejected = accept(users, person)
    case_claim(case=rejected, actor=users["reviewer"])
    case_request_supplement(case=rejected, actor=users["reviewer"], materials=["form"])
    case_reject(case=rejected, actor=users["reviewer"], reason="不符合条件")
    assert_fresh(rejected)
    withdrawn = accept(users, person)
    case_reassign(case=withdrawn, actor=users["head"], office=Office.objects.get(code="BACK-370523"))
    assert_fresh(withdrawn)
    case_withdraw(case=withdrawn, actor=users["clerk"])
    assert_fresh(withdrawn)
    immediate = case_accept(service_code="test.immediate", actor=users["clerk"], channel="counter", person=person)
    assert [e[1] for e in assert_fresh(immediate)["events"]] == ["accepted", "completed"]


def test_reminders_warnings_and_escalations_leave_it_as_it_was(test_services, users, person):
    case = accept(users, person)  # deadline Mon 9 Mar 17:00
    case_claim(case=case, actor=users["reviewer"])
    before = stored(case)
    assert escalation_sweep(now=sh(2026, 4, 30, 12)).steps == 4
    assert stored(case) == before == assert_fresh(case)


def test_a_deadline_moved_by_the_holiday_calendar_appears_on_it(test_services, users, person,
                                                                django_capture_on_commit_callbacks):
    cases = [accept(users, person, at=sh(2026, 12, 25, 10)) for _ in range(2)]  # due Mon 4 January 2027
    with django_capture_on_commit_callbacks(execute=True):
        assert calendar_notice_load(year=2027, source="测试", holidays=[(date(2027, 1, 1), date(2027, 1, 5), "元旦")],
                                    workdays=[date(2027, 1, 10)], actor=users["admin"]) == 2
    for case in cases:
        assert "deadline_changed" in [entry[1] for entry in assert_fresh(case)["events"]]


def test_an_employers_case_is_masked_as_the_page_masks_it(test_services, users, person):
    employer = EmployerFactory(name="东营黄河口精细化工有限公司", region=region("370503"))
    with freeze_time(sh(2026, 3, 6, 10)):
        case = case_accept(service_code="test.calendar", actor=users["clerk"], channel="counter", person=person,
                           employer=employer)
    assert assert_fresh(case)["applicant"] == "欧*** · 东营*******有限公司"


def test_the_set_based_fill_and_the_migration_give_what_the_services_write(test_services, users, person):
    employer = EmployerFactory(name="某店", region=region("370503"))
    walked = accept(users, person)
    case_claim(case=walked, actor=users["reviewer"])
    case_request_supplement(case=walked, actor=users["reviewer"], materials=["form"])
    with freeze_time(sh(2026, 3, 6, 10)):
        other = case_accept(service_code="test.calendar", actor=users["clerk"], channel="counter", person=person,
                            employer=employer)
    written = {case.pk: stored(case) for case in (walked, other)}
    PublicTimeline.objects.all().delete()
    assert public_timeline_fill() == 2
    assert {case.pk: stored(case) for case in (walked, other)} == written
    assert public_timeline_fill() == 0  # only cases without one
    PublicTimeline.objects.all().delete()
    migration = import_module("workflow.migrations.0011_public_timeline_fill")
    migration.fill(apps, SimpleNamespace(connection=connection))
    assert {case.pk: stored(case) for case in (walked, other)} == written
