"""Celery tasks of social insurance: thin wrappers that call a service."""

from dataclasses import asdict

from celery import shared_task
from django.utils import timezone

from accounts.services import system_user
from insurance.services import proof_of_life_sweep
from insurance.services.tax_outbox import tax_flexible_assess, tax_outbox_dispatch


@shared_task(name="insurance.tasks.proof_of_life_sweep", ignore_result=True)
def proof_of_life_sweep_task() -> dict:
    return proof_of_life_sweep(actor=system_user())


@shared_task(name="insurance.tasks.tax_outbox_dispatch", ignore_result=True)
def tax_outbox_dispatch_task() -> dict:
    return asdict(tax_outbox_dispatch())


@shared_task(name="insurance.tasks.tax_flexible_assess", ignore_result=True)
def tax_flexible_assess_task() -> int:
    """The current month's flexible-employment assessments (daily; a rerun adds only the newly enrolled)."""
    return tax_flexible_assess(month=timezone.localdate())
