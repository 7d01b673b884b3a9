"""Portal-wide periodic tasks."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from portal.health import HEARTBEAT_KEY


@shared_task(name="portal.tasks.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Record that the beat scheduler and a worker are alive (shown by /healthz)."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), 3600)


# The daily backup may take longer than the default task time limit, and must not be run twice: acknowledged on
# receipt (a worker lost mid-backup skips that day; the next night's run, and the drill, show it), own time limit.
@shared_task(name="portal.tasks.backup_daily", ignore_result=True, acks_late=False,
             time_limit=6 * 3600, soft_time_limit=6 * 3600 - 300)
def backup_daily() -> None:
    """The nightly backup (the same code as `make backup`), then the retention rule."""
    from portal.backups.services import backup_create, backup_prune

    backup_create()
    backup_prune()


@shared_task(name="portal.tasks.restore_drill_weekly", ignore_result=True, acks_late=False,
             time_limit=6 * 3600, soft_time_limit=6 * 3600 - 300)
def restore_drill_weekly() -> bool:
    """Restore the newest backup into a scratch database and compare (`make restore-drill`); differences are
    logged as an error, which Sentry and the logs show."""
    import logging

    from portal.backups.drill import restore_drill
    from portal.backups.services import backup_latest

    result = restore_drill(backup=backup_latest())
    logger = logging.getLogger(__name__)
    if result.ok:
        logger.info("Restore drill of %s passed (%d checks)", result.backup.path.name, len(result.checks))
    else:
        logger.error("Restore drill of %s FAILED: %s", result.backup.path.name,
                     "; ".join(f"{c.name}: {c.source} != {c.restored}" for c in result.differences[:10]))
    return result.ok
