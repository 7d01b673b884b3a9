"""The beat's tasks: each calls its service, and a rerun changes nothing."""

from __future__ import annotations

from employment.models import FraudFlag, Payment
from employment.rules.months import add_months
from employment.tasks import benefit_payments_generate, fraud_sweep, prompts_sweep
from tests.employment.helpers import this_month, working_life


def test_the_beat_tasks_are_scheduled():
    from portal.celery import BEAT_SCHEDULE

    tasks = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert {"employment.tasks.benefit_payments_generate", "employment.tasks.fraud_sweep",
            "employment.tasks.prompts_sweep"} <= tasks


def test_monthly_payments_task_catches_up_a_missed_month_and_reruns_harmlessly(users, person, employer, system):
    from employment.models import BenefitClaim
    from tests.employment.test_benefits import claim_benefit

    working_life(person, employer, actor=system, years=1, ended_ago_days=70)  # last month is free of work
    claim = BenefitClaim.objects.get(case=claim_benefit(users, person))
    Payment.objects.filter(claim=claim).delete()
    BenefitClaim.objects.filter(pk=claim.pk).update(first_month=add_months(this_month(), -1))
    assert benefit_payments_generate() == 2
    assert benefit_payments_generate() == 0
    assert sorted(claim.payments.values_list("month", flat=True)) == [add_months(this_month(), -1), this_month()]


def test_sweeps_run_as_tasks(db):
    assert fraud_sweep() == {"flagged": 0, "unreviewed": 0}
    assert prompts_sweep() == 0
    assert not FraudFlag.objects.exists()
