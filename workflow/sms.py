"""SMS backends: the console for development, Twilio in production (settings.SMS_BACKEND).

A backend offers `send(message) -> provider id` and `lookup(message) -> ProviderRecord | None`, and raises
SmsError when the provider refuses or cannot be reached. `lookup` answers "does the provider already have this
message?" for a message whose sender died between the provider's acceptance and saving the result.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.module_loading import import_string
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from accounts.identifiers import mask_phone

logger = logging.getLogger("workflow.sms")

# Provider statuses (Twilio's names) and the outbox status each one means for us.
PROVIDER_STATUS = {
    "accepted": "sent", "scheduled": "sent", "queued": "sent", "sending": "sent", "sent": "sent",
    "delivered": "delivered", "read": "delivered",
    "undelivered": "failed", "failed": "failed", "canceled": "failed",
}


class SmsError(Exception):
    """The provider refused or could not be reached.

    `retryable`: trying again later may succeed (network, throttling, provider outage); otherwise the message
    can never be sent (invalid number, unsubscribed recipient). `maybe_sent`: the request may have reached the
    provider (a read timeout, a 500): never resend blindly, look it up first.
    """

    def __init__(self, message: str, *, retryable: bool = True, maybe_sent: bool = False):
        super().__init__(message)
        self.retryable = retryable
        self.maybe_sent = maybe_sent


@dataclass(frozen=True)
class ProviderRecord:
    """What the provider knows of a message: its id and our status for its state there."""

    provider_id: str
    status: str


def status_callback_url(message) -> str:
    """The public URL the provider reports delivery to; it names the message, and the request is signed."""
    return settings.SITE_URL + reverse("sms:status", kwargs={"pk": message.pk})


def to_e164(phone: str) -> str:
    """Mainland mobile numbers are stored as 11 digits; providers want E.164 (+86...)."""
    number = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    if number.startswith("+"):
        return number
    if number.startswith("00"):
        return "+" + number[2:]
    if len(number) == 11 and number.startswith("1"):
        return "+86" + number
    return "+" + number


def same_text(a: str, b: str) -> bool:
    """Bodies compared as the provider may return them: normalised Unicode, smart quotes, whitespace."""

    def norm(text: str) -> str:
        text = unicodedata.normalize("NFKC", text or "")
        for curly, plain in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
            text = text.replace(curly, plain)
        return " ".join(text.split())

    return norm(a) == norm(b)


class ConsoleBackend:
    """Writes each message to the log instead of sending it (development).

    The number is masked, and the text is written only with DEBUG on (`make run`, where the developer reads the
    one-time codes there): a text may name a person or carry a code or a link, which no production log may hold.
    """

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


def _never_reached(exc: Exception) -> bool:
    """A connection that was never made (refused, unresolvable, connect timeout) carried no request."""
    import requests
    from urllib3.exceptions import MaxRetryError, NewConnectionError

    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(exc, requests.exceptions.ConnectionError):
        reason = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason) if isinstance(reason, MaxRetryError) else reason
        return isinstance(reason, NewConnectionError)
    return False


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
        if _never_reached(exc):
            return SmsError(f"Twilio unreachable: {exc}", retryable=True)
        return SmsError(f"Twilio connection lost: {exc}", retryable=True, maybe_sent=True)
    return SmsError(f"Twilio: {exc.__class__.__name__}: {exc}", retryable=True, maybe_sent=True)


class TwilioBackend:
    """Sends through Twilio's REST API with the official client; delivery reports come to the status callback."""

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


_backends = threading.local()


def get_backend():
    """The configured backend, one per thread and configuration, so that its HTTP connections are reused."""
    key = (settings.SMS_BACKEND, settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN,
           settings.TWILIO_FROM_NUMBER, settings.TWILIO_API_BASE)
    cache = _backends.__dict__.setdefault("by_key", {})
    if key not in cache:
        if len(cache) > 8:  # settings changed (tests): drop the old ones
            cache.clear()
        cache[key] = import_string(settings.SMS_BACKEND)()
    return cache[key]
