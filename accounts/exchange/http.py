"""A JSON-over-HTTPS client for the departments' interfaces: a connect and a read timeout, a few quick retries
of what can safely be retried, and every failure turned into an ExchangeError that says whether to try later."""

from __future__ import annotations

import logging
import time

import requests

from accounts.exchange.base import ExchangeError, never_reached

logger = logging.getLogger(__name__)

RETRY_STATUSES = {429, 502, 503, 504}


class JsonClient:
    """POSTs JSON to `base_url` + path with a bearer token. `timeout` is (connect, read) in seconds.

    `retries`: how many more times a call is tried at once when the connection was never made, or (only when the
    call is `idempotent`, a query or a request carrying its idempotency key) when it timed out or the other side
    answered 429/502/503/504. Slower retries are the outbox's business.
    """

    def __init__(self, *, base_url: str, token: str = "", timeout: tuple[float, float] = (3.0, 10.0),
                 retries: int = 2, pause: float = 0.2, name: str = "exchange"):
        self.base_url = base_url.rstrip("/")
        self.timeout, self.retries, self.pause, self.name = timeout, retries, pause, name
        self.session = requests.Session()
        self.session.headers.update({"Accept": "application/json"})
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def post(self, path: str, payload: dict, *, idempotent: bool = False, idempotency_key: str = "") -> dict:
        if not self.base_url:
            raise ExchangeError(f"{self.name}: no URL is configured.", retryable=False)
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        idempotent = idempotent or bool(idempotency_key)
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.session.post(self.base_url + path, json=payload, headers=headers,
                                             timeout=self.timeout)
            except requests.RequestException as exc:
                reached = not never_reached(exc)
                if last or (reached and not idempotent):
                    raise ExchangeError(f"{self.name}: {exc.__class__.__name__}", maybe_sent=reached) from exc
            else:
                if response.status_code in RETRY_STATUSES and idempotent and not last:
                    pass
                elif response.status_code >= 500 or response.status_code in RETRY_STATUSES:
                    raise ExchangeError(f"{self.name}: HTTP {response.status_code}", maybe_sent=True)
                elif response.status_code >= 400:
                    raise ExchangeError(f"{self.name}: refused, HTTP {response.status_code}: "
                                        f"{response.text[:200]}", retryable=False)
                else:
                    return self._json(response)
            logger.info("%s: attempt %s of %s failed; trying again.", self.name, attempt + 1, self.retries + 1)
            time.sleep(self.pause * (attempt + 1))
        raise AssertionError("unreachable")

    def _json(self, response) -> dict:
        try:
            body = response.json()
        except ValueError as exc:
            raise ExchangeError(f"{self.name}: the answer is not JSON.", maybe_sent=True) from exc
        if not isinstance(body, dict):
            raise ExchangeError(f"{self.name}: the answer is not a JSON object.", maybe_sent=True)
        return body
