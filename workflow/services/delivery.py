"""Sending queued messages through the SMS backend, at most once per message, and settling what is uncertain.

A message is claimed (status "sending", committed) before the provider is called, by a compare-and-set on its
status and attempt number, so two tasks for one message never both reach the provider. A sender that dies after
the provider accepted leaves the message "sending": it is never resent blindly, but reconciled with the
provider (`backend.lookup`) or by the provider's status callback; only when the provider confirms it has no
such message, well after any sender could still be running, is it queued again.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.exchange.base import retry_delay  # the backoff every outbound exchange shares
from workflow.models import OutboundMessage
from workflow.sms import PROVIDER_STATUS, ProviderRecord, SmsError, get_backend

logger = logging.getLogger(__name__)

Status = OutboundMessage.Status

MAX_ATTEMPTS = 8
# A send takes seconds (the HTTP client gives up after 10 s). A message still "sending" this long after its
# claim lost its sender: only then is the provider asked about it.
RECONCILE_AFTER = timedelta(minutes=5)
# When the provider could not answer a lookup, ask again this much later.
RECONCILE_RETRY = timedelta(minutes=1)
# A provider that reports delivery only when asked (`polls_status`, Alibaba Cloud) is asked about each sent
# message a minute after sending, then less and less often (at most hourly), for three days (its receipts come
# within that; a message with none stays "sent").
POLL_FIRST = timedelta(minutes=1)
POLL_MAX_INTERVAL = timedelta(hours=1)
POLL_FOR = timedelta(hours=72)


def _claim(message_id: int, attempt: int | None, now) -> OutboundMessage | None:
    """Take a queued message for one send attempt; None if another task has it or it is no longer queued."""
    if attempt is None:
        attempt = (OutboundMessage.objects.filter(pk=message_id, status=Status.QUEUED)
                   .values_list("attempts", flat=True).first())
        if attempt is None:
            return None
    claimed = OutboundMessage.objects.filter(pk=message_id, status=Status.QUEUED, attempts=attempt).update(
        status=Status.SENDING, attempts=attempt + 1, sending_since=now, next_attempt_at=now + RECONCILE_AFTER,
        updated_at=now,
    )
    return OutboundMessage.objects.get(pk=message_id) if claimed else None


def _finish(message: OutboundMessage, **fields) -> bool:
    """Record the outcome of the attempt we claimed, unless someone settled the message meanwhile."""
    fields.setdefault("updated_at", timezone.now())
    return bool(OutboundMessage.objects.filter(
        pk=message.pk, status=Status.SENDING, attempts=message.attempts, sending_since=message.sending_since,
    ).update(**fields))


def outbox_deliver(*, message_id: int, attempt: int | None = None) -> str:
    """Send one message if it is still queued at `attempt` (None: whatever its attempt). Call it outside any
    transaction: the claim must be committed before the provider is called. Returns what happened."""
    backend = get_backend()
    message = _claim(message_id, attempt, timezone.now())
    if message is None:
        return "skipped"
    try:
        provider_id = backend.send(message)
    except SmsError as exc:
        return _record_error(message, exc)
    except Exception as exc:  # a bug or an unforeseen library error: the provider may have the message
        logger.exception("Sending outbox message %s failed unexpectedly; it will be reconciled.", message.pk)
        return _record_error(message, SmsError(f"{exc.__class__.__name__}: {exc}", maybe_sent=True))
    _record_sent(message, provider_id, polls=getattr(backend, "polls_status", False))
    return "sent"


def next_poll(sent_at, now):
    """When to ask a polling provider again about a message sent at `sent_at`; None: no more."""
    if now - sent_at >= POLL_FOR:
        return None
    return now + min(max((now - sent_at) / 2, POLL_FIRST), POLL_MAX_INTERVAL)


def _record_sent(message: OutboundMessage, provider_id: str, *, polls: bool = False) -> None:
    now = timezone.now()
    if _finish(message, status=Status.SENT, provider_id=provider_id, sent_at=now, sending_since=None,
               next_attempt_at=now + POLL_FIRST if polls else None, last_error=""):
        return
    # Settled meanwhile: a status callback (keep its status) or, after a very slow send, a reconciliation
    # that queued it again: the provider accepted it, so it must not go out a second time.
    OutboundMessage.objects.filter(pk=message.pk, status=Status.QUEUED).update(
        status=Status.SENT, provider_id=provider_id, sent_at=now, sending_since=None, next_attempt_at=None,
        updated_at=now)
    OutboundMessage.objects.filter(pk=message.pk, provider_id="").update(provider_id=provider_id, updated_at=now)


def _record_error(message: OutboundMessage, exc: SmsError) -> str:
    now, error = timezone.now(), str(exc)[:2000]
    if exc.maybe_sent:
        # Stays "sending": reconciliation asks the provider before any second attempt.
        logger.warning("Outbox message %s: outcome unknown (%s); it will be reconciled.", message.pk, error)
        _finish(message, last_error=error)
        return "uncertain"
    if exc.retryable and message.attempts < MAX_ATTEMPTS:
        logger.info("Outbox message %s: attempt %s failed (%s); retrying.", message.pk, message.attempts, error)
        _finish(message, status=Status.QUEUED, sending_since=None, last_error=error,
                next_attempt_at=now + retry_delay(message.attempts))
        return "retry"
    logger.warning("Outbox message %s failed for good after %s attempts: %s", message.pk, message.attempts, error)
    _finish(message, status=Status.FAILED, sending_since=None, next_attempt_at=None, last_error=error)
    return "failed"


@dataclass
class ReconcileResult:
    sent: int = 0
    requeued: int = 0
    failed: int = 0
    unknown: int = 0


def outbox_reconcile(*, now=None, batch_size: int = 50, time_budget: float = 30.0) -> ReconcileResult:
    """Settle messages stuck in "sending" past RECONCILE_AFTER by asking the provider whether it has them."""
    now = now or timezone.now()
    result, started = ReconcileResult(), time.monotonic()
    stale = list(OutboundMessage.objects.filter(status=Status.SENDING, next_attempt_at__lte=now)
                 .order_by("next_attempt_at")[:batch_size])
    backend = get_backend() if stale else None
    for message in stale:
        if time.monotonic() - started > time_budget:
            break
        # A short lease, so that a concurrent dispatcher does not ask about the same message.
        if not OutboundMessage.objects.filter(pk=message.pk, status=Status.SENDING,
                                              next_attempt_at=message.next_attempt_at).update(
                next_attempt_at=now + RECONCILE_RETRY):
            continue
        try:
            record = backend.lookup(message)
        except Exception as exc:  # SmsError: the provider does not answer; anything else: a bug
            logger.log(logging.WARNING if isinstance(exc, SmsError) else logging.ERROR,
                       "Could not reconcile outbox message %s: %s", message.pk, exc, exc_info=True)
            result.unknown += 1
            break  # ask about it and the rest at a later run
        outcome = (_settle(message, record, now, polls=getattr(backend, "polls_status", False)) if record
                   else _requeue_or_fail(message, now))
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def _settle(message: OutboundMessage, record: ProviderRecord, now, *, polls: bool = False) -> str:
    fields = {"status": record.status, "provider_id": record.provider_id, "sent_at": message.sent_at or now,
              "sending_since": None,
              "next_attempt_at": now + POLL_FIRST if polls and record.status == Status.SENT else None}
    if record.status == Status.DELIVERED:
        fields["delivered_at"] = now
    if record.status == Status.FAILED:
        fields["last_error"] = "The provider reports that the message failed."
    _finish(message, **fields)
    logger.info("Outbox message %s reconciled: the provider has it (%s).", message.pk, record.provider_id)
    return "failed" if record.status == Status.FAILED else "sent"


def _requeue_or_fail(message: OutboundMessage, now) -> str:
    if message.attempts >= MAX_ATTEMPTS:
        _finish(message, status=Status.FAILED, sending_since=None, next_attempt_at=None,
                last_error=f"The provider has no record of the message after {message.attempts} attempts.")
        return "failed"
    _finish(message, status=Status.QUEUED, sending_since=None, next_attempt_at=now,
            last_error="The sender stopped and the provider has no record of the message: queued again.")
    return "requeued"


def outbox_poll_status(*, now=None, batch_size: int = 50, time_budget: float = 20.0) -> int:
    """Ask a polling provider about sent messages whose next look is due, and record what it reports.
    Returns how many were asked about."""
    now = now or timezone.now()
    due = list(OutboundMessage.objects.filter(status=Status.SENT, next_attempt_at__lte=now)
               .order_by("next_attempt_at")[:batch_size])
    if not due:
        return 0
    backend = get_backend()
    if not getattr(backend, "polls_status", False):  # the provider changed to one that reports by itself: stop asking
        OutboundMessage.objects.filter(pk__in=[m.pk for m in due], status=Status.SENT).update(next_attempt_at=None)
        return 0
    started, asked = time.monotonic(), 0
    for message in due:
        if time.monotonic() - started > time_budget:
            break
        if not OutboundMessage.objects.filter(pk=message.pk, status=Status.SENT,
                                              next_attempt_at=message.next_attempt_at).update(
                next_attempt_at=now + POLL_FIRST):
            continue  # another dispatcher has it
        try:
            record = backend.lookup(message)
        except Exception as exc:
            logger.log(logging.WARNING if isinstance(exc, SmsError) else logging.ERROR,
                       "Could not ask about the delivery of outbox message %s: %s", message.pk, exc, exc_info=True)
            break
        asked += 1
        if record is not None and record.status in (Status.DELIVERED, Status.FAILED):
            outbox_status_record(message_id=message.pk, provider_id=record.provider_id,
                                 provider_status=record.status, error_code=record.error_code)
        else:
            OutboundMessage.objects.filter(pk=message.pk, status=Status.SENT).update(
                next_attempt_at=next_poll(message.sent_at or now, now))
    return asked


# How far each status has come; a report never moves a message back.
_RANK = {Status.QUEUED: 0, Status.SENDING: 1, Status.SENT: 2, Status.DELIVERED: 3, Status.FAILED: 3}


def _moves_forward(message: OutboundMessage, new: str) -> bool:
    if message.status == Status.FAILED and not message.provider_id:
        return True  # our own verdict (no provider record): what the provider reports is the truth
    if message.status == Status.FAILED and new == Status.DELIVERED:
        return True
    return _RANK[new] > _RANK[message.status]


@transaction.atomic
def outbox_status_record(*, message_id: int, provider_id: str, provider_status: str,
                         error_code: str = "") -> OutboundMessage:
    """Apply the provider's status report for a message (the status callback). Idempotent; never moves a
    message back; a report settles a message whose sender died. Raises OutboundMessage.DoesNotExist."""
    message = OutboundMessage.objects.select_for_update().get(pk=message_id)
    status = PROVIDER_STATUS.get(provider_status)
    if status is None:
        return message
    if message.provider_id and provider_id and message.provider_id != provider_id:
        logger.warning("Status report for outbox message %s names %s, not its %s; ignored.",
                       message.pk, provider_id, message.provider_id)
        return message
    if not _moves_forward(message, status):
        return message
    now = timezone.now()
    message.status = status
    message.provider_id = message.provider_id or provider_id
    message.sent_at = message.sent_at or now
    message.sending_since = message.next_attempt_at = None
    if status == Status.DELIVERED:
        message.delivered_at = now
    if status == Status.FAILED:
        message.last_error = f"The provider reports “{provider_status}”" + (f", error {error_code}." if error_code
                                                                           else ".")
    message.save(update_fields=["status", "provider_id", "sent_at", "sending_since", "next_attempt_at",
                                "delivered_at", "last_error", "updated_at"])
    return message
