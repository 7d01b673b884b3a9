"""Reminders, warnings and escalations: each once per case, in batches, whoever runs the sweep and when."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from tests.concurrency import run_concurrently
from tests.factories import PersonFactory, region
from workflow.models import Case, CaseEvent, CaseStep
from workflow.rules.calendar import SHANGHAI
from workflow.services import case_accept, case_claim, escalation_sweep


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def accept_cases(users, n, at=None):
    at = at or sh(2026, 3, 2, 10)
    person = PersonFactory(hukou_region=region("370503001"))
    with freeze_time(at):
        return [case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
                for _ in range(n)]


@pytest.mark.django_db
def test_steps_come_in_order_each_once(test_services, users):
    (case,) = accept_cases(users, 1)  # deadline Mon 9 Mar 17:00
    case_claim(case=case, actor=users["reviewer"])
    assert escalation_sweep(now=sh(2026, 3, 9, 8)).steps == 0
    assert escalation_sweep(now=sh(2026, 3, 9, 9, 30)).steps == 1  # reminded on the deadline's morning
    step = CaseStep.objects.get(case=case)
    assert (step.step, step.target_user, step.target_office.code) == ("remind", users["reviewer"], "BACK-370503")
    assert escalation_sweep(now=sh(2026, 3, 9, 12)).steps == 0  # nothing twice
    assert escalation_sweep(now=sh(2026, 3, 9, 17, 1)).steps == 1  # overdue: the office head is warned
    assert escalation_sweep(now=sh(2026, 3, 10, 17, 1)).steps == 1  # one working day of grace: level up
    escalated = CaseStep.objects.get(case=case, step="escalate-1")
    assert escalated.target_office.code == "LEAD-370500"
    case.refresh_from_db()
    assert case.escalation_level == 2
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds.count("reminded") == kinds.count("warned") == kinds.count("escalated") == 1


@pytest.mark.django_db
def test_a_late_sweep_does_every_due_step_at_once_and_only_once(test_services, users):
    cases = accept_cases(users, 3)
    result = escalation_sweep(now=sh(2026, 4, 30, 12))
    assert result.cases == 3 and result.steps == 3 * 4  # remind, warn, escalate-1, escalate-2
    assert escalation_sweep(now=sh(2026, 5, 30, 12)).steps == 0
    assert all(Case.objects.get(pk=c.pk).next_step_at is None for c in cases)


@pytest.mark.django_db
def test_a_paused_case_is_not_swept(test_services, users):
    from workflow.services import case_request_supplement

    (case,) = accept_cases(users, 1)
    case_claim(case=case, actor=users["reviewer"])
    case_request_supplement(case=case, actor=users["reviewer"], materials=["form"])
    assert escalation_sweep(now=sh(2026, 6, 1, 12)).steps == 0


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_cases(test_services, users):
    accept_cases(users, 3)
    with CaptureQueriesContext(connection) as few:
        escalation_sweep(now=sh(2026, 3, 9, 9, 30))
    accept_cases(users, 30, at=sh(2026, 3, 3, 10))
    with CaptureQueriesContext(connection) as many:
        escalation_sweep(now=sh(2026, 3, 10, 9, 30))
    assert len(many) == len(few)


@pytest.mark.django_db
def test_batches_cover_every_due_case(test_services, users):
    accept_cases(users, 7)
    result = escalation_sweep(now=sh(2026, 3, 9, 9, 30), batch_size=3)
    assert (result.cases, result.batches) == (7, 3)
    assert CaseStep.objects.count() == 7


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_do_each_step_exactly_once(postgres, test_services, users):
    cases = accept_cases(users, 60)
    now = sh(2026, 3, 20, 12)  # everything due: remind, warn, escalate-1, escalate-2
    outcomes = run_concurrently([lambda: escalation_sweep(now=now, batch_size=7) for _ in range(3)])
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    assert sum(r.steps for _, r in outcomes) == 60 * 4
    assert CaseStep.objects.count() == 60 * 4
    for kind, count in (("reminded", 60), ("warned", 60), ("escalated", 120)):
        assert CaseEvent.objects.filter(kind=kind).count() == count
    assert not Case.objects.filter(pk__in=[c.pk for c in cases], next_step_at__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_a_sweep_killed_mid_batch_leaves_nothing_half_done(postgres, test_services, users, monkeypatch):
    from workflow.models import CaseEvent as Event

    accept_cases(users, 5)
    now = sh(2026, 3, 20, 12)
    original = Event.objects.bulk_create

    def crash(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(Event.objects, "bulk_create", crash)
    with pytest.raises(SystemExit):
        escalation_sweep(now=now)
    assert CaseStep.objects.count() == 0  # the batch's transaction rolled back
    monkeypatch.setattr(Event.objects, "bulk_create", original)
    assert escalation_sweep(now=now + timedelta(minutes=1)).steps == 5 * 4
