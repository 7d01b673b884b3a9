"""Celery tasks of accounts: thin wrappers that call a service."""

from dataclasses import asdict

from celery import shared_task

from accounts.identity import identity_recheck_due


@shared_task(name="accounts.tasks.identity_recheck", ignore_result=True)
def identity_recheck() -> dict:
    return asdict(identity_recheck_due())
