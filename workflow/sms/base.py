"""The SMS provider interface, its errors and records, and the choice of provider by setting (SMS_PROVIDER)."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.module_loading import import_string

from accounts.exchange.base import ExchangeError, never_reached  # noqa: F401 (never_reached: the providers')

# The providers SMS_PROVIDER may name; a dotted path names any other class with the same interface (tests).
PROVIDERS = {
    "console": "workflow.sms.console.ConsoleBackend",
    "twilio": "workflow.sms.twilio.TwilioBackend",
    "aliyun": "workflow.sms.aliyun.AliyunBackend",
}

# Provider statuses (Twilio's names) and the outbox status each one means for us.
PROVIDER_STATUS = {
    "accepted": "sent", "scheduled": "sent", "queued": "sent", "sending": "sent", "sent": "sent",
    "delivered": "delivered", "read": "delivered",
    "undelivered": "failed", "failed": "failed", "canceled": "failed",
}


class SmsError(ExchangeError):
    """The provider refused or could not be reached: an outbound exchange's error (accounts.exchange), with its
    `retryable` (trying again later may succeed) and `maybe_sent` (the request may have reached the provider:
    never resend blindly, look it up first)."""


@dataclass(frozen=True)
class ProviderRecord:
    """What the provider knows of a message: its id and our status for its state there."""

    provider_id: str
    status: str
    error_code: str = ""  # the provider's reason, when it reports a failure


@runtime_checkable
class SmsProvider(Protocol):
    """What the outbox needs of a provider.

    `send(message) -> provider id`: hand one OutboundMessage (phone, body, kind, params) to the provider; raise
    SmsError when it refuses or cannot be reached. `lookup(message) -> ProviderRecord | None`: does the provider
    have this message (None: certainly not), and in what state; used to settle a message whose sender died, and
    by polling providers to learn delivery. Delivery status comes back one of two ways, said by `polls_status`:
    False, the provider calls our status callback (Twilio, workflow.views.sms); True, the dispatcher asks
    `lookup` about sent messages until the provider reports them delivered or failed (Alibaba Cloud).
    """

    polls_status: ClassVar[bool]

    def send(self, message) -> str: ...

    def lookup(self, message) -> ProviderRecord | None: ...


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


def provider_path(name: str) -> str:
    """The class SMS_PROVIDER names: one of PROVIDERS, or a dotted path."""
    if name in PROVIDERS:
        return PROVIDERS[name]
    if "." in name:
        return name
    raise ImproperlyConfigured(f"SMS_PROVIDER must be one of {', '.join(PROVIDERS)} (or a dotted path), "
                               f"not {name!r}.")


_backends = threading.local()


def _settings_key() -> tuple:
    names = ("SMS_PROVIDER", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER", "TWILIO_API_BASE",
             "ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET", "ALIYUN_SMS_ENDPOINT", "SMS_SIGN_NAME")
    return tuple(getattr(settings, name, "") for name in names)


def get_backend() -> SmsProvider:
    """The configured provider, one per thread and configuration, so that its HTTP connections are reused."""
    key = _settings_key()
    cache = _backends.__dict__.setdefault("by_key", {})
    if key not in cache:
        if len(cache) > 8:  # settings changed (tests): drop the old ones
            cache.clear()
        cache[key] = import_string(provider_path(settings.SMS_PROVIDER))()
    return cache[key]
