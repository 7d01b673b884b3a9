"""Twilio (SMS_PROVIDER=twilio): sends the message's text with the official client; delivery reports come to
the signed status callback."""

from __future__ import annotations

import logging
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from workflow.sms.base import (
    PROVIDER_STATUS,
    ProviderRecord,
    SmsError,
    never_reached,
    same_text,
    status_callback_url,
    to_e164,
)

logger = logging.getLogger("workflow.sms")


class RebasedHttpClient(TwilioHttpClient):
    """The library's own HTTP client (its documented `http_client` hook), sending every request to another
    origin: TWILIO_API_BASE, e.g. a local fake Twilio in the tests."""

    def __init__(self, *, api_base: str, **kwargs):
        super().__init__(**kwargs)
        self.api_base = api_base.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        parts = urlsplit(url)
        url = self.api_base + parts.path + (f"?{parts.query}" if parts.query else "")
        return super().request(method, url, *args, **kwargs)


def twilio_error(exc: Exception) -> SmsError:
    """Map what the twilio library raised to an SmsError that says whether to retry and whether it may be sent."""
    import requests

    status = getattr(exc, "status", None)
    if isinstance(status, int):
        code = getattr(exc, "code", None)
        text = f"Twilio HTTP {status}" + (f" (error {code})" if code else "") + f": {getattr(exc, 'msg', '')}"
        if status in (408, 429, 503):  # timed out waiting for us, throttled, unavailable: refused, not sent
            return SmsError(text, retryable=True)
        if status == 401:  # wrong credentials: a deployment fault, fixed without losing the messages
            return SmsError(text, retryable=True)
        if 400 <= status < 500:  # invalid or unreachable number, unsubscribed, content refused
            return SmsError(text, retryable=False)
        return SmsError(text, retryable=True, maybe_sent=True)
    if isinstance(exc, requests.exceptions.RequestException):
        if never_reached(exc):
            return SmsError(f"Twilio unreachable: {exc}", retryable=True)
        return SmsError(f"Twilio connection lost: {exc}", retryable=True, maybe_sent=True)
    return SmsError(f"Twilio: {exc.__class__.__name__}: {exc}", retryable=True, maybe_sent=True)


class TwilioBackend:
    """Sends through Twilio's REST API with the official client; delivery reports come to the status callback."""

    polls_status = False
    timeout = 10.0
    lookup_slack = timedelta(minutes=2)

    def __init__(self):
        sid, token, sender = settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_FROM_NUMBER
        if not (sid and token and sender):
            raise ImproperlyConfigured("TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER are required.")
        self.sender = sender
        http_client = (RebasedHttpClient(api_base=settings.TWILIO_API_BASE, timeout=self.timeout)
                       if settings.TWILIO_API_BASE else TwilioHttpClient(timeout=self.timeout))
        self.client = Client(sid, token, http_client=http_client)

    def _sender(self) -> dict:
        # A Messaging Service (MG...) picks the sender itself; otherwise our number sends.
        return {"messaging_service_sid": self.sender} if self.sender.startswith("MG") else {"from_": self.sender}

    def send(self, message) -> str:
        try:
            params = {"to": to_e164(message.phone), "body": message.body,
                      "status_callback": status_callback_url(message), **self._sender()}
        except Exception as exc:  # nothing was sent: a plain retry is safe
            raise SmsError(f"Could not prepare the message: {exc.__class__.__name__}: {exc}") from exc
        try:
            sent = self.client.messages.create(**params)
        except Exception as exc:
            raise twilio_error(exc) from exc
        return sent.sid

    def lookup(self, message) -> ProviderRecord | None:
        """Messages to that number since the send began, matched by text. Those not yet sent at Twilio have no
        DateSent, so the most recent ones are read too and matched by their creation time."""
        since = ((message.sending_since or message.created_at) - self.lookup_slack).astimezone(UTC)
        sender = {} if self.sender.startswith("MG") else {"from_": self.sender}
        try:
            candidates = self.client.messages.list(to=to_e164(message.phone), date_sent_after=since, limit=50,
                                                   **sender)
            recent = self.client.messages.list(to=to_e164(message.phone), limit=20, **sender)
        except Exception as exc:
            raise twilio_error(exc) from exc
        candidates += [m for m in recent if m.date_created and m.date_created >= since]
        for found in candidates:
            if same_text(found.body, message.body):
                return ProviderRecord(provider_id=found.sid, status=PROVIDER_STATUS.get(str(found.status), "sent"))
        return None


def twilio_signature_valid(request) -> bool:
    """Is this request signed by Twilio with our auth token, for the public URL it was sent to?"""
    token = settings.TWILIO_AUTH_TOKEN
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    url = settings.SITE_URL + request.get_full_path()
    return RequestValidator(token).validate(url, request.POST, signature)
