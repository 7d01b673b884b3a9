"""A fake Alibaba Cloud SMS API (Dysmsapi 2017-05-25) on a local port: it checks each request's V3 signature
(ACS3-HMAC-SHA256) with its own code, records it and answers SendSms and QuerySendDetails as Alibaba Cloud does."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import uuid
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit
from zoneinfo import ZoneInfo

from django.test import override_settings

KEY_ID = "LTAI-fake-key-id"
KEY_SECRET = "fake-key-secret-for-tests"
SIGN_NAME = "东营人社"
CHINA = ZoneInfo("Asia/Shanghai")


@dataclass
class Recorded:
    action: str
    query: dict
    headers: dict
    signature_ok: bool


@dataclass
class Sent:
    biz_id: str
    phone: str
    out_id: str
    template_code: str
    params: dict
    day: str
    status: int = 1  # 1 waiting for the receipt, 2 failed, 3 delivered
    err_code: str = ""
    extra: dict = field(default_factory=dict)


def _enc(value: str) -> str:
    return quote(value, safe="-_.~")


def signature_valid(method: str, raw_query: str, headers: dict, body: bytes, secret: str) -> bool:
    """Recompute the request's signature from what arrived, as the service does."""
    auth = headers.get("authorization", "")
    if not auth.startswith("ACS3-HMAC-SHA256 "):
        return False
    fields = dict(part.split("=", 1) for part in auth.removeprefix("ACS3-HMAC-SHA256 ").split(","))
    names = fields.get("SignedHeaders", "").split(";")
    body_hash = hashlib.sha256(body).hexdigest()
    if headers.get("x-acs-content-sha256") != body_hash or fields.get("Credential") != KEY_ID:
        return False
    if not {"host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"} <= set(names):
        return False
    query = "&".join(f"{_enc(k)}={_enc(v)}" for k, v in sorted(parse_qsl(raw_query, keep_blank_values=True)))
    canonical = "\n".join(["POST", "/", query, "".join(f"{n}:{headers.get(n, '').strip()}\n" for n in names),
                           ";".join(names), body_hash])
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    expected = hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields.get("Signature", ""))


class FakeAliyun:
    def __init__(self):
        self.requests: list[Recorded] = []
        self.sent: list[Sent] = []
        self.failures: deque[tuple[int, str, str]] = deque()
        self.drop_answer = False  # accept the next message, then close the connection without answering
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def sends(self) -> list[Recorded]:
        return [r for r in self.requests if r.action == "SendSms"]

    def fail_next(self, status: int, code: str, message: str) -> None:
        """The next SendSms is refused with this HTTP status and error code."""
        self.failures.append((status, code, message))

    def send(self, query: dict) -> dict:
        params = json.loads(query.get("TemplateParam") or "{}")
        sent = Sent(biz_id=f"{uuid.uuid4().int % 10**15}^0", phone=query["PhoneNumbers"], out_id=query.get("OutId", ""),
                    template_code=query["TemplateCode"], params=params, day=f"{datetime.now(CHINA):%Y%m%d}")
        self.sent.append(sent)
        return {"Code": "OK", "Message": "OK", "BizId": sent.biz_id, "RequestId": uuid.uuid4().hex}

    def details(self, query: dict) -> dict:
        found = [s for s in self.sent if s.phone == query.get("PhoneNumber") and s.day == query.get("SendDate")
                 and (not query.get("BizId") or s.biz_id == query["BizId"])]
        size, page = int(query.get("PageSize", 10)), int(query.get("CurrentPage", 1))
        shown = found[(page - 1) * size:page * size]
        return {"Code": "OK", "Message": "OK", "TotalCount": len(found), "RequestId": uuid.uuid4().hex,
                "SmsSendDetailDTOs": {"SmsSendDetailDTO": [
                    {"PhoneNum": s.phone, "SendStatus": s.status, "ErrCode": s.err_code or "DELIVERED",
                     "TemplateCode": s.template_code, "OutId": s.out_id, "Content": "【东营人社】…",
                     "SendDate": "", "ReceiveDate": ""} for s in shown]}}


def _handler(fake: FakeAliyun):
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, payload: dict) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            parts = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            ok = signature_valid("POST", parts.query, headers, body, KEY_SECRET)
            action = headers.get("x-acs-action", "")
            with fake.lock:
                fake.requests.append(Recorded(action, query, headers, ok))
                if not ok:
                    return self._answer(400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature "
                                              "does not match our calculation.", "RequestId": uuid.uuid4().hex})
                if action == "QuerySendDetails":
                    return self._answer(200, fake.details(query))
                if fake.failures:
                    status, code, message = fake.failures.popleft()
                    return self._answer(status, {"Code": code, "Message": message, "RequestId": uuid.uuid4().hex})
                answer = fake.send(query)
                drop, fake.drop_answer = fake.drop_answer, False
            if drop:  # the provider has the message; its answer is lost on the way
                self.close_connection = True
                return None
            return self._answer(200, answer)

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def running_fake_aliyun():
    """A fake Alibaba Cloud SMS API, with the settings that make the portal's Aliyun provider talk to it."""
    fake = FakeAliyun()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    try:
        with override_settings(SMS_PROVIDER="aliyun", ALIYUN_ACCESS_KEY_ID=KEY_ID, ALIYUN_ACCESS_KEY_SECRET=KEY_SECRET,
                               ALIYUN_SMS_ENDPOINT=fake.url, SMS_SIGN_NAME=SIGN_NAME):
            yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()
