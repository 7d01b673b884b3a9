"""A fake Twilio REST API on a local port, for the real `twilio` client: it records every request and answers
as Twilio does (201 with a message SID, error JSON, a page of messages)."""

from __future__ import annotations

import json
import os
import signal
import threading
import uuid
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from django.test import override_settings

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "fake-auth-token-for-tests"
FROM_NUMBER = "+15005550006"
SITE_URL = "https://hrss.example.org"


@dataclass
class Recorded:
    method: str
    path: str
    query: dict
    form: dict
    headers: dict


class FakeTwilio:
    def __init__(self):
        self.requests: list[Recorded] = []
        self.messages: list[dict] = []
        self.failures: deque[tuple[int, dict]] = deque()
        self.kill_on_send: int | None = None  # a pid to SIGKILL once a message is accepted, before answering
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def sends(self) -> list[Recorded]:
        return [r for r in self.requests if r.method == "POST"]

    def fail_next(self, status: int, code: int, message: str) -> None:
        """The next message creation is refused with this HTTP status and Twilio error."""
        self.failures.append((status, {"code": code, "message": message, "status": status,
                                       "more_info": f"https://www.twilio.com/docs/errors/{code}"}))

    def accept(self, form: dict) -> dict:
        now = format_datetime(datetime.now(UTC))
        message = {"sid": "SM" + uuid.uuid4().hex, "account_sid": ACCOUNT_SID, "to": form.get("To"),
                   "from": form.get("From"), "body": form.get("Body"), "status": "queued", "direction": "outbound-api",
                   "date_created": now, "date_updated": now, "date_sent": None, "num_segments": "1"}
        self.messages.append(message)
        return message


def _handler(fake: FakeTwilio):
    class Handler(BaseHTTPRequestHandler):
        def _record(self, form: dict) -> Recorded:
            parts = urlsplit(self.path)
            recorded = Recorded(self.command, parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()},
                                form, dict(self.headers))
            with fake.lock:
                fake.requests.append(recorded)
            return recorded

        def _answer(self, status: int, payload: dict) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            self._record(form)
            with fake.lock:
                if fake.failures:
                    return self._answer(*fake.failures.popleft())
                message = fake.accept(form)
                victim = fake.kill_on_send
            if victim:  # the provider has the message; its sender dies before hearing so
                os.kill(victim, signal.SIGKILL)
                return None
            return self._answer(201, message)

        def do_GET(self):
            recorded = self._record({})
            with fake.lock:
                found = [m for m in reversed(fake.messages) if m["to"] == recorded.query.get("To")
                         and (not recorded.query.get("From") or m["from"] == recorded.query["From"])]
            self._answer(200, {"messages": found, "next_page_uri": None, "page": 0, "page_size": 50,
                               "uri": recorded.path, "first_page_uri": recorded.path, "previous_page_uri": None})

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def running_fake_twilio():
    """A fake Twilio, with the settings that make the portal's Twilio backend talk to it."""
    fake = FakeTwilio()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    try:
        with override_settings(TWILIO_ACCOUNT_SID=ACCOUNT_SID, TWILIO_AUTH_TOKEN=AUTH_TOKEN,
                               TWILIO_FROM_NUMBER=FROM_NUMBER, TWILIO_API_BASE=fake.url, SITE_URL=SITE_URL,
                               SMS_PROVIDER="twilio"):
            yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()
