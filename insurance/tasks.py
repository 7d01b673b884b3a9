"""Celery tasks of social insurance: thin wrappers that call a service."""

from celery import shared_task

from accounts.services import system_user
from insurance.services import proof_of_life_sweep


@shared_task(name="insurance.tasks.proof_of_life_sweep", ignore_result=True)
def proof_of_life_sweep_task() -> dict:
    return proof_of_life_sweep(actor=system_user())


@shared_task(name="insurance.tasks.pension_payments_generate", ignore_result=True)
def pension_payments_generate_task() -> int:
    """Daily: this month's pension payments (a pension granted since is picked up; a rerun adds nothing)."""
    from django.utils import timezone

    from insurance.services import pension_payments_generate

    return pension_payments_generate(month=timezone.localdate().replace(day=1))
