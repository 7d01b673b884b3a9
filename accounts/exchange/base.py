"""What every outbound exchange shares: the error a provider raises, the backoff between attempts, whether a
request ever left, and the provider a setting names."""

from __future__ import annotations

import threading
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=1)


class ExchangeError(Exception):
    """The other side refused or could not be reached.

    `retryable`: trying again later may succeed (network, throttling, outage); otherwise it never will (a request
    the other side refuses as invalid). `maybe_sent`: the request may have reached the other side (a read timeout,
    a 500): resend only where the other side is idempotent, or look it up first.
    """

    def __init__(self, message: str, *, retryable: bool = True, maybe_sent: bool = False):
        super().__init__(message)
        self.retryable = retryable
        self.maybe_sent = maybe_sent


def retry_delay(attempts: int, *, base: timedelta = BACKOFF_BASE, cap: timedelta = BACKOFF_CAP) -> timedelta:
    """Exponential backoff after the n-th failed attempt: 1, 2, 4, 8 ... minutes, at most an hour."""
    return min(base * 2 ** max(attempts - 1, 0), cap)


def never_reached(exc: Exception) -> bool:
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


_providers = threading.local()


def provider_get(*, setting: str, providers: dict[str, str], settings_used: tuple[str, ...] = ()):
    """The provider the setting names (a key of `providers`, or a dotted path), one per thread and configuration
    so that its HTTP connections are reused; a change of settings (tests) gives a new one."""
    name = getattr(settings, setting)
    path = providers.get(name) or (name if "." in name else None)
    if path is None:
        raise ImproperlyConfigured(f"{setting} must be one of {', '.join(providers)} (or a dotted path), "
                                   f"not {name!r}.")
    key = (setting, name, *(getattr(settings, used, "") for used in settings_used))
    cache = _providers.__dict__.setdefault("by_key", {})
    if key not in cache:
        if len(cache) > 16:
            cache.clear()
        cache[key] = import_string(path)()
    return cache[key]
