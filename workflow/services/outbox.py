"""Writing messages to the outbox in the caller's transaction, and the dispatcher that queues their sending.

A new message is sent by a task queued after commit. `next_attempt_at` says when the dispatcher must look at a
message again: for a queued one, when to queue a send task (a lease while one is on its way, the backoff after
a failure, at once when the broker was down); for one being sent, when to reconcile it with the provider.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from workflow.background import publish
from workflow.models import OutboundMessage
from workflow.services.delivery import outbox_poll_status, outbox_reconcile
from workflow.sms.kinds import SmsKind

logger = logging.getLogger(__name__)

Status = OutboundMessage.Status

# A send task queued for a message is given this long to run before the dispatcher queues another (the
# claim makes a second task harmless; the lease keeps a backlog from being queued again every minute).
DISPATCH_LEASE = timedelta(minutes=5)


def outbox_enqueue(*, key: str, phone: str, body: str, case=None, kind: SmsKind | None = None,
                   params: dict | None = None) -> OutboundMessage | None:
    """Queue one SMS. The same key twice is the same message: it is never written or sent twice.

    `kind` and `params`: what the message is and the values of its text's parameters, for a provider that sends
    registered templates rather than `body` (Alibaba Cloud)."""
    if not phone:
        return None
    params = {name: str(value) for name, value in (params or {}).items()}
    if kind is not None and (missing := [name for name in kind.params if name not in params]):
        raise ValueError(f"SMS of kind {kind.code} lacks {', '.join(missing)}.")
    message, created = OutboundMessage.objects.get_or_create(
        key=key, defaults={"phone": phone, "body": body, "case": case, "kind": kind.code if kind else "",
                           "params": params, "next_attempt_at": timezone.now() + DISPATCH_LEASE},
    )
    if created:
        transaction.on_commit(partial(_publish_sends, [(message.pk, 0)]), robust=True)
    return message


def _publish_sends(due: list[tuple[int, int]]) -> int:
    """Queue a send task per (message id, attempt); never waits on a stopped broker. Returns how many went."""
    from workflow.tasks import outbox_send

    for done, (message_id, attempt) in enumerate(due):
        if not publish(outbox_send, message_id, attempt):
            # The broker is down: what is left is due at once, for the dispatcher's first run once it is back.
            OutboundMessage.objects.filter(pk__in=[pk for pk, _ in due[done:]], status=Status.QUEUED).update(
                next_attempt_at=timezone.now())
            return done
    return len(due)


@dataclass
class DispatchResult:
    queued: int = 0
    batches: int = 0
    sent: int = 0
    requeued: int = 0
    failed: int = 0
    polled: int = 0


def _dispatch_due(*, now, batch_size: int, limit: int, result: DispatchResult) -> None:
    while result.queued < limit:
        with transaction.atomic():
            due = list(OutboundMessage.objects.select_for_update(skip_locked=True)
                       .filter(status=Status.QUEUED, next_attempt_at__lte=now)
                       .order_by("next_attempt_at").values_list("pk", "attempts")[:batch_size])
            if not due:
                return
            OutboundMessage.objects.filter(pk__in=[pk for pk, _ in due]).update(
                next_attempt_at=now + DISPATCH_LEASE, updated_at=now)
        published = _publish_sends(due)
        result.queued += published
        result.batches += 1
        if published < len(due) or len(due) < batch_size:
            return


def outbox_dispatch(*, now=None, batch_size: int = 500, limit: int = 5000) -> DispatchResult:
    """The periodic dispatcher: queue a send task for every queued message that is due, in batches over the
    outbox's partial index (at most `limit` a run), and settle messages stuck in "sending".

    This is what sends the messages whose task never reached a stopped broker, and the retries.
    """
    now = now or timezone.now()
    result = DispatchResult()
    _dispatch_due(now=now, batch_size=batch_size, limit=limit, result=result)
    settled = outbox_reconcile(now=now)
    result.sent, result.requeued, result.failed = settled.sent, settled.requeued, settled.failed
    if settled.requeued:
        _dispatch_due(now=now, batch_size=batch_size, limit=limit, result=result)
    result.polled = outbox_poll_status(now=now)
    if result.queued or settled.requeued or settled.failed:
        logger.info("Outbox dispatch: %s", result)
    return result
