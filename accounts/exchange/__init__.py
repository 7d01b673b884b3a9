"""Outbound exchange with other departments (police, tax, and whoever the bureau connects next): one error type,
one HTTP client with timeouts and retries, the provider chosen by setting, an outbox model and its dispatcher, and
a local fake server of the departments for tests and the demo. It lives in accounts, the lowest layer, because
the police check runs when accounts creates a person; the domain apps build their clients on it."""

from accounts.exchange.base import ExchangeError, never_reached, provider_get, retry_delay
from accounts.exchange.http import JsonClient
from accounts.exchange.outbox import OutboxEntry, OutboxResult, outbox_dispatch_due

__all__ = ["ExchangeError", "JsonClient", "OutboxEntry", "OutboxResult", "never_reached", "outbox_dispatch_due",
           "provider_get", "retry_delay"]
