"""Log capture for the observability tests: every record at DEBUG and up, as the configured JSON formatter writes
it, and as the log statement wrote it (before the formatter's masking safety net)."""

from __future__ import annotations

import io
import json
import logging

import pytest

from portal.observability.logs import JsonFormatter, RequestContextFilter


class _Raw(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.texts.append(text + " " + json.dumps({k: str(v) for k, v in vars(record).items()
                                                   if k not in ("msg", "args", "exc_info", "message")},
                                                  ensure_ascii=False))


class Captured:
    def __init__(self):
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setLevel(logging.DEBUG)
        self.handler.setFormatter(configured_formatter())
        self.handler.addFilter(RequestContextFilter())
        self.raw = _Raw()
        self.raw.addFilter(RequestContextFilter())

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def lines(self) -> list[dict]:
        """Every line, parsed: a line that is not one JSON object fails here."""
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]


def configured_formatter() -> logging.Formatter:
    """The formatter settings.LOGGING put on the root logger's console handler (JSON by default)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler.formatter, JsonFormatter):
            return handler.formatter
    raise AssertionError("no JSON handler on the root logger: settings.LOGGING is not the JSON default")


@pytest.fixture
def json_log():
    captured = Captured()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(captured.handler)
    root.addHandler(captured.raw)
    root.setLevel(logging.DEBUG)
    try:
        yield captured
    finally:
        root.removeHandler(captured.handler)
        root.removeHandler(captured.raw)
        root.setLevel(old_level)
