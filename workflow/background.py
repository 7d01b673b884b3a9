"""Queue Celery tasks after the current transaction commits, without ever making a request wait on the broker."""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def publish(task, *args, **kwargs) -> bool:
    """Send a task now; False (logged) if the broker cannot take it. Periodic sweeps pick up what was missed."""
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=False)
        return True
    except Exception as exc:
        logger.warning("Could not queue %s%r (%s); a periodic sweep will retry.", task.name, args, exc)
        return False


def enqueue_after_commit(task, *args, **kwargs) -> None:
    transaction.on_commit(lambda: publish(task, *args, **kwargs), robust=True)
