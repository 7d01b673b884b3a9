"""Celery tasks of social insurance: thin wrappers that call a service."""

from celery import shared_task

from accounts.services import system_user
from insurance.services import proof_of_life_sweep


@shared_task(name="insurance.tasks.proof_of_life_sweep", ignore_result=True)
def proof_of_life_sweep_task() -> dict:
    return proof_of_life_sweep(actor=system_user())
