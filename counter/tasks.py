"""Celery tasks of the hall: thin wrappers around its services (scheduled in portal/celery.py)."""

from celery import shared_task
from django.utils import timezone

from counter.services import appointments_record_no_shows, appointments_remind, tickets_expire


@shared_task(name="counter.tasks.appointment_reminders", ignore_result=True)
def appointment_reminders() -> int:
    """Queue the day-before reminders; reruns send nothing twice (outbox keys)."""
    return appointments_remind()


@shared_task(name="counter.tasks.appointment_no_shows", ignore_result=True)
def appointment_no_shows() -> int:
    return appointments_record_no_shows()


@shared_task(name="counter.tasks.close_queues", ignore_result=True)
def close_queues() -> int:
    """Expire the tickets of past days that were never served."""
    return tickets_expire(before=timezone.localdate())
