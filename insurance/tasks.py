"""Celery tasks of social insurance: thin wrappers that call a service."""

from celery import shared_task

from accounts.services import system_user
from insurance.services import proof_of_life_sweep, proof_photo_face_check, proof_photo_face_checks


@shared_task(name="insurance.tasks.proof_of_life_sweep", ignore_result=True)
def proof_of_life_sweep_task() -> dict:
    return proof_of_life_sweep(actor=system_user())


@shared_task(name="insurance.tasks.proof_photo_face_check", ignore_result=True)
def proof_photo_face_check_task(pk: int) -> bool:
    return proof_photo_face_check(pk=pk)


@shared_task(name="insurance.tasks.proof_photo_face_checks", ignore_result=True)
def proof_photo_face_checks_task() -> int:
    return proof_photo_face_checks()
