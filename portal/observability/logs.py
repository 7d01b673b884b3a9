"""Log lines as JSON (or readable text for developers), each carrying the request id and the user id.

The request id and the request live in context variables: the request-id middleware sets them for a request,
the Celery signals (portal/observability/tasks.py) for a task, and the filter below copies them onto every
record, whoever logs it (the portal, Django, Celery, axes). Only ids are written: never a name, an identity
number or a phone number.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.utils.functional import empty
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from accounts.identifiers import mask_id_number, mask_phone

request_id_var: ContextVar[str | None] = ContextVar("portal_request_id", default=None)
request_var: ContextVar[object | None] = ContextVar("portal_request", default=None)

# What a proxy's X-Request-ID may be to be kept: letters, digits and - _ . : up to 64 characters (a UUID, a
# hex id, nginx's $request_id). Anything else (spaces, quotes, newlines, a novel) gets an id of our own.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")


def new_request_id() -> str:
    return uuid.uuid4().hex


def sane_request_id(value: str | None) -> str | None:
    return value if value and SANE_REQUEST_ID.fullmatch(value) else None


def _user_id(request) -> int | None:
    """The signed-in user's id, if the request already knows who it is (never forces a session lookup)."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)  # SimpleLazyObject: only once evaluated
    if wrapped is None or wrapped is empty:
        return None
    return wrapped.pk if getattr(wrapped, "is_authenticated", False) else None


class RequestContextFilter(logging.Filter):
    """Put request_id, user_id and api_client_id on every record (None outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        # django.request logs a 4xx/5xx after the middleware has returned, passing the request itself.
        own = record.__dict__.get("request")
        if own is not None and hasattr(own, "request_id"):
            record.request_id, request = own.request_id, own
        else:
            record.request_id, request = request_id_var.get(), request_var.get()
        record.user_id = _user_id(request) if request is not None else None
        client = request.__dict__.get("api_client") if request is not None else None
        record.api_client_id = getattr(client, "pk", None)
        return True


# A safety net under the rule that log statements name no person: whatever slips through (a provider's error
# quoting the number it refused, an exception's message) leaves as the masked form the screens show.
# Not the digits of a decimal fraction, a hex id or a longer number.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z.])\d{17}[0-9Xx](?![0-9A-Za-z]|\.\d)")
_MOBILE = re.compile(r"(?<![0-9A-Za-z.])(?:\+?86)?(1[3-9]\d{9})(?![0-9A-Za-z]|\.\d)")
_FIXED_LINE = re.compile(r"(?<![0-9A-Za-z.])0\d{2,3}-\d{7,8}(?![0-9A-Za-z]|\.\d)")


def redact(text: str) -> str:
    """Identity numbers and phone numbers in a log line, masked (370502********123X, 138****5678)."""
    if not any(ch.isdigit() for ch in text):
        return text
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _MOBILE.sub(lambda m: mask_phone(m.group(1)), text)
    return _FIXED_LINE.sub(lambda m: m.group(0)[:4] + "****", text)


def _redact_values(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redact_values(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_values(item) for item in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact(str(value))  # what json would write for it anyway


def _iso(created: float) -> str:
    return datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonFormatter(_JsonFormatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id, user_id, and the
    exception when there is one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s "
                                 "%(api_client_id)s")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def formatTime(self, record, datefmt=None) -> str:
        return _iso(record.created)

    def add_fields(self, log_data, record, message_dict) -> None:
        super().add_fields(log_data, record, message_dict)
        if log_data.get("api_client_id") is None:
            log_data.pop("api_client_id", None)
        # django.request's `request` would be written as its repr, which holds the query string.
        log_data.pop("request", None)

    def process_log_record(self, log_data):
        # Masked field by field before serialising, so that a line stays valid JSON.
        return {key: _redact_values(value) for key, value in log_data.items()}


class TextFormatter(logging.Formatter):
    """The developer's console (LOG_FORMAT=text): time, level, logger, [request id] message."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = None
        record.request_id = (record.request_id or "-")[:8]
        return redact(super().format(record))


def logging_config(*, level: str, fmt: str) -> dict:
    """The LOGGING setting: one console handler on the root logger, JSON unless fmt == "text"."""
    formatter = "text" if fmt == "text" else "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": "portal.observability.logs.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "portal.observability.logs.JsonFormatter"},
            "text": {"()": "portal.observability.logs.TextFormatter"},
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": formatter, "filters": ["request"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # The twilio client logs every request (with the recipient's number) at INFO.
            "twilio.http_client": {"level": "WARNING"},
            # The portal writes its own access line (portal.requests), without the query string.
            # (runserver's own lines carry it, 4xx and 5xx included).
            "django.server": {"level": "CRITICAL"},
        },
    }

