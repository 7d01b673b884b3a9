"""The console (SMS_PROVIDER=console, the default without Twilio settings): writes each message to the log."""

from __future__ import annotations

import logging
import uuid

from django.conf import settings

from accounts.identifiers import mask_phone
from workflow.sms.base import ProviderRecord

logger = logging.getLogger("workflow.sms")


class ConsoleBackend:
    """Writes each message to the log instead of sending it (development).

    The number is masked, and the text is written only with DEBUG on (`make run`, where the developer reads the
    one-time codes there): a text may name a person or carry a code or a link, which no production log may hold.
    """

    polls_status = False

    def send(self, message) -> str:
        if settings.DEBUG:
            logger.info("SMS %s to %s: %s", message.pk, mask_phone(message.phone), message.body)
        else:  # nor the key: some keys end with a link's token
            logger.info("SMS %s to %s (text not logged with DEBUG off; the outbox holds it)", message.pk,
                        mask_phone(message.phone))
        return f"console-{uuid.uuid4().hex[:16]}"

    def lookup(self, message) -> ProviderRecord | None:
        # The log line was written or the process died before it: nobody is harmed by calling it sent.
        return ProviderRecord(provider_id=message.provider_id or "console-reconciled", status="sent")
