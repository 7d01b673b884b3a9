"""Sending queued messages through the SMS backend, at most once per message."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from workflow.models import OutboundMessage
from workflow.sms import SmsError, get_backend

MAX_ATTEMPTS = 6


def _claim(message_id: int) -> OutboundMessage | None:
    """Mark a queued message as being sent, committed before the provider is called."""
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update(skip_locked=True).filter(
            pk=message_id, status=OutboundMessage.Status.QUEUED).first()
        if message is None:
            return None
        message.status, message.sending_since = OutboundMessage.Status.SENDING, timezone.now()
        message.attempts += 1
        message.save(update_fields=["status", "sending_since", "attempts", "updated_at"])
        return message


def outbox_deliver(*, message_id: int) -> str:
    """Send one message. Returns its status afterwards."""
    message = _claim(message_id)
    if message is None:
        return "skipped"
    try:
        provider_id = get_backend().send(to=message.phone, body=message.body, key=message.key)
    except SmsError as exc:
        retry = exc.retryable and message.attempts < MAX_ATTEMPTS
        OutboundMessage.objects.filter(pk=message.pk).update(
            status=OutboundMessage.Status.QUEUED if retry else OutboundMessage.Status.FAILED,
            last_error=str(exc)[:2000], sending_since=None,
            next_attempt_at=timezone.now() + timedelta(seconds=30 * 2 ** message.attempts) if retry else None,
        )
        return "retry" if retry else "failed"
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=OutboundMessage.Status.SENT, provider_id=provider_id, sent_at=timezone.now(), next_attempt_at=None)
    return "sent"
