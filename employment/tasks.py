"""Celery tasks of employment services: thin, each calls one service."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="employment.tasks.benefit_payments_generate")
def benefit_payments_generate() -> int:
    """Last month's and this month's benefit payments (daily: new entitlements are picked up, a month the beat
    missed is caught up; a rerun adds nothing)."""
    from employment.rules.months import add_months
    from employment.services import benefit_payments_generate as generate

    this_month = timezone.localdate().replace(day=1)
    return generate(month=add_months(this_month, -1)) + generate(month=this_month)


@shared_task(name="employment.tasks.fraud_sweep")
def fraud_sweep() -> dict:
    """Nightly: every benefit month paid while an employer declared or paid, or an employment was open."""
    from employment.services import fraud_sweep as sweep

    return sweep()


@shared_task(name="employment.tasks.prompts_sweep")
def prompts_sweep() -> int:
    """Nightly: re-judge those whose registration reached 6 or 12 months or who reached a category's age."""
    from employment.services import prompts_sweep as sweep

    return sweep(today=timezone.localdate())
