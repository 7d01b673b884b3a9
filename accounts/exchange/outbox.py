"""The outbox of an exchange: what must reach another department is a row first, written in the transaction that
causes it, and a dispatcher sends the due rows at least once. The other side is idempotent by the row's key (a
declaration number, say), so a row sent again after a worker died is never a second declaration there; on our
side two dispatchers never hold the same row (select_for_update with skip_locked)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.exchange.base import ExchangeError, retry_delay

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12


class OutboxEntry(models.Model):
    """One thing to send. A concrete outbox adds what it sends (its payload, its foreign keys)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Refused by the other side")
        CANCELLED = "cancelled", _("Withdrawn before sending")

    key = models.CharField(_("idempotency key"), max_length=80, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    remote_reference = models.CharField(_("receipt of the other side"), max_length=64, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


@dataclass
class OutboxResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def outbox_entry_enqueue(*, model: type[OutboxEntry], key: str, **fields) -> tuple[OutboxEntry, bool]:
    """Write the row in the caller's transaction; the same key twice is the same row (returned, unchanged)."""
    return model.objects.get_or_create(key=key, defaults={**fields, "next_attempt_at": timezone.now()})


def _attempt(entry: OutboxEntry, send: Callable[[OutboxEntry], str], now, result: OutboxResult,
             max_attempts: int) -> None:
    entry.attempts += 1
    try:
        entry.remote_reference = (send(entry) or "")[:64]
    except Exception as exc:  # ExchangeError says whether to retry; anything else (a bug) is retried, and logged
        if not isinstance(exc, ExchangeError):
            logger.exception("Sending %s %s failed unexpectedly.", entry._meta.label, entry.pk)
        retryable = getattr(exc, "retryable", True)
        entry.last_error = str(exc)[:500]
        if retryable and entry.attempts < max_attempts:
            entry.next_attempt_at = now + retry_delay(entry.attempts)
            result.retried += 1
        else:
            entry.status, entry.next_attempt_at = OutboxEntry.Status.FAILED, None
            result.failed += 1
        return
    entry.status, entry.sent_at, entry.next_attempt_at, entry.last_error = (
        OutboxEntry.Status.SENT, timezone.now(), None, "")
    result.sent += 1


def outbox_dispatch_due(*, model: type[OutboxEntry], send: Callable[[OutboxEntry], str], now=None,
                        limit: int = 200, time_budget: float = 40.0,
                        max_attempts: int = MAX_ATTEMPTS) -> OutboxResult:
    """Send the due queued rows of `model`, one transaction each, the row locked while it is sent: a second
    dispatcher skips it (skip_locked) and takes the next. A failure that may pass is tried again later (backoff);
    a refusal, or too many failures, marks the row failed. A dispatcher that dies mid-send leaves the row queued:
    it is sent again, and the other side's idempotency by key makes that harmless."""
    now = now or timezone.now()
    result, started = OutboxResult(), time.monotonic()
    for _round in range(limit):
        if time.monotonic() - started > time_budget:
            break
        with transaction.atomic():
            entry = (model.objects.select_for_update(skip_locked=True)
                     .filter(status=OutboxEntry.Status.QUEUED, next_attempt_at__lte=now)
                     .order_by("next_attempt_at", "pk").first())
            if entry is None:
                break
            _attempt(entry, send, now, result, max_attempts)
            entry.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at", "last_error",
                                      "remote_reference", "updated_at"])
    if result.sent or result.retried or result.failed:
        logger.info("%s dispatch: %s", model._meta.label, result)
    return result
