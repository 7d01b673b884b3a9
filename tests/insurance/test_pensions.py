"""Pensioners: the proof-of-life sweep warns once per due date, suspends the overdue, a proof resumes,
every change is in the pension's history; a death stops what must stop."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from accounts.services import person_record_death
from insurance.models import Card, CarriedOverRecord, Enrolment, Pension
from insurance.services import card_apply, pension_grant, proof_of_life_record, proof_of_life_sweep
from tests.factories import PersonFactory
from tests.insurance.conftest import enrol
from workflow.models import OutboundMessage

pytestmark = pytest.mark.django_db


def pensioner(system, *, phone="13800000009"):
    person = PersonFactory(birth=date(1960, 3, 1), sex_code="M", phone=phone)
    CarriedOverRecord.objects.create(person=person, through_month=date(2019, 12, 1), pension_months=360,
                                     average_index=D("1.1"), account_balance=D("90000"))
    return pension_grant(person=person, actor=system, retirement_date=date(2020, 3, 1), group="male")


def set_last_proof(pension, day):
    Pension.objects.filter(pk=pension.pk).update(last_proof_on=day, next_proof_due=day.replace(year=day.year + 1))
    pension.refresh_from_db()


def test_the_sweep_warns_once_per_due_date_suspends_the_overdue_and_a_proof_resumes(system):
    today = date(2026, 6, 10)
    due_soon, overdue, fine = pensioner(system), pensioner(system), pensioner(system)
    set_last_proof(due_soon, date(2025, 6, 25))  # due 2026-06-25: within 30 days
    set_last_proof(overdue, date(2025, 6, 1))  # due 2026-06-01: past
    set_last_proof(fine, date(2026, 1, 5))
    result = proof_of_life_sweep(actor=system, today=today)
    assert result == {"silent": 0, "warned": 1, "suspended": 1}
    assert proof_of_life_sweep(actor=system, today=today) == {"silent": 0, "warned": 0, "suspended": 0}
    assert proof_of_life_sweep(actor=system, today=today + timedelta(days=1)) == {
        "silent": 0, "warned": 0, "suspended": 0}
    assert OutboundMessage.objects.filter(key=f"insurance:proof-due:{due_soon.pk}:20260625").count() == 1
    overdue.refresh_from_db()
    assert overdue.status == Pension.Status.SUSPENDED and overdue.suspended_on == today
    assert Pension.objects.get(pk=fine.pk).status == Pension.Status.ACTIVE

    proof_of_life_record(person=overdue.person, method="id_card", actor=system)
    overdue.refresh_from_db()
    assert overdue.status == Pension.Status.ACTIVE and overdue.suspended_on is None
    history = list(overdue.history.order_by("history_date").values_list("status", "history_change_reason"))
    assert [h[0] for h in history] == ["active", "suspended", "active"]
    # Recorded in the bureau's record language, whatever the language of the request.
    assert history[1][1] == "逾期未进行资格认证，暂停发放" and history[2][1] == "领取资格认证通过，恢复发放"
    assert overdue.proofs.get().method_id == "id_card"


def test_a_new_due_period_is_warned_again(system):
    pension = pensioner(system)
    set_last_proof(pension, date(2025, 6, 25))
    assert proof_of_life_sweep(actor=system, today=date(2026, 6, 10))["warned"] == 1
    proof_of_life_record(person=pension.person, method="sms_code", actor=system)
    set_last_proof(pension, date(2026, 6, 20))
    assert proof_of_life_sweep(actor=system, today=date(2027, 6, 1))["warned"] == 1
    assert OutboundMessage.objects.filter(key__startswith=f"insurance:proof-due:{pension.pk}:").count() == 2


def test_the_sweep_task_is_scheduled_daily():
    from portal.celery import BEAT_SCHEDULE

    entry = BEAT_SCHEDULE["insurance-proof-of-life-sweep"]
    assert entry["task"] == "insurance.tasks.proof_of_life_sweep"
    from insurance.tasks import proof_of_life_sweep_task

    assert proof_of_life_sweep_task.name == entry["task"]


def test_a_death_stops_the_pension_ends_enrolments_and_cancels_cards(system, employer):
    pension = pensioner(system)
    card_apply(person=pension.person, actor=system)
    worker = PersonFactory()
    enrol(worker, employer)
    card_apply(person=worker, actor=system)
    person_record_death(actor=system, person=pension.person, date_of_death=date(2026, 5, 2))
    person_record_death(actor=system, person=worker, date_of_death=date(2026, 5, 3))
    pension.refresh_from_db()
    assert (pension.status, pension.stopped_on, pension.stop_reason) == ("stopped", date(2026, 5, 2), "死亡")
    assert set(Enrolment.objects.filter(person=worker).values_list("status", "ended_on")) == {
        ("ended", date(2026, 5, 3))}
    assert set(Card.objects.filter(person__in=[pension.person, worker]).values_list("status", flat=True)) == {
        "cancelled"}
    # A stopped pension is not suspended by the sweep, nor warned.
    assert proof_of_life_sweep(actor=system, today=date(2030, 1, 1)) == {"silent": 0, "warned": 0, "suspended": 0}


def test_retirement_ends_the_enrolments_and_a_pensioner_cannot_enrol_in_pension_again(system, employer):
    from insurance.exceptions import InsuranceError

    person = PersonFactory(birth=date(1964, 5, 1), sex_code="M")
    enrol(person, employer, start=date(2024, 1, 1))
    CarriedOverRecord.objects.create(person=person, through_month=date(2023, 12, 1), pension_months=200,
                                     average_index=D("1"), account_balance=D("50000"))
    pension_grant(person=person, actor=system, retirement_date=date(2024, 5, 1), group="male")
    assert set(Enrolment.objects.filter(person=person).values_list("status", "end_reason")) == {("ended", "retired")}
    with pytest.raises(InsuranceError) as exc:
        enrol(person, employer, types=["pension"])
    assert exc.value.code == "pensioner"
