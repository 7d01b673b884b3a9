"""SMS backends: the console for development, Twilio in production (settings.SMS_BACKEND)."""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("workflow.sms")


class SmsError(Exception):
    """The provider refused or could not be reached; `retryable` says whether to try again."""

    def __init__(self, message: str, *, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


class ConsoleBackend:
    """Writes each message to the log instead of sending it."""

    def send(self, *, to: str, body: str, key: str) -> str:
        logger.info("SMS to %s [%s]: %s", to, key, body)
        return f"console-{uuid.uuid4().hex[:16]}"


def get_backend():
    return import_string(settings.SMS_BACKEND)()
