"""Portal-wide periodic tasks."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from portal.health import HEARTBEAT_KEY


@shared_task(name="portal.tasks.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Record that the beat scheduler and a worker are alive (shown by /healthz)."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), 3600)
