"""Writing messages to the outbox, in the caller's transaction; a Celery task sends them after commit."""

from __future__ import annotations

from django.utils import timezone

from workflow.background import enqueue_after_commit
from workflow.models import OutboundMessage


def outbox_enqueue(*, key: str, phone: str, body: str, case=None) -> OutboundMessage | None:
    """Queue one SMS. The same key twice is the same message: it is never written or sent twice."""
    if not phone:
        return None
    message, created = OutboundMessage.objects.get_or_create(
        key=key, defaults={"phone": phone, "body": body, "case": case, "next_attempt_at": timezone.now()}
    )
    if created:
        from workflow.tasks import outbox_send

        enqueue_after_commit(outbox_send, message.pk)
    return message
