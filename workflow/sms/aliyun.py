"""Alibaba Cloud SMS (阿里云短信服务, Dysmsapi 2017-05-25; SMS_PROVIDER=aliyun): SendSms with the template the
bureau registered for the message's kind and its registered signature (签名); QuerySendDetails to find a message
whose answer was lost and to learn its delivery (回执), polled by the dispatcher.

Requests are signed here (workflow.sms.acs3, signature V3) and sent with `requests`: no SDK to install, and
ALIYUN_SMS_ENDPOINT points them at a local fake server in the tests.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from workflow.sms import acs3
from workflow.sms.base import ProviderRecord, SmsError, never_reached

logger = logging.getLogger("workflow.sms")

VERSION = "2017-05-25"
CHINA = ZoneInfo("Asia/Shanghai")  # QuerySendDetails' SendDate is a Beijing-time day

# QuerySendDetails' SendStatus: 1 waiting for the receipt, 2 failed, 3 delivered.
SEND_STATUS = {1: "sent", 2: "failed", 3: "delivered"}

# Error codes (the "Code" of the answer). Throttled, out of credit or a deployment fault (credentials, RAM
# permission, clock): the provider sent nothing and a later attempt may succeed.
RETRYABLE = {
    "isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "isv.AMOUNT_NOT_ENOUGH", "isv.OUT_OF_SERVICE",
    "isv.ACCOUNT_ABNORMAL", "isp.RAM_PERMISSION_DENY", "Throttling", "Throttling.User", "Throttling.Api",
    "ServiceUnavailable", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive", "SignatureDoesNotMatch",
    "IncompleteSignature", "SignatureNonceUsed", "InvalidTimeStamp.Expired", "Forbidden.RAM",
}
# The provider failed while handling the request: it may have sent the message.
MAYBE_SENT = {"isp.SYSTEM_ERROR", "InternalError", "UnknownError"}
# Anything else (isv.SMS_TEMPLATE_ILLEGAL, isv.SMS_SIGNATURE_ILLEGAL, isv.MOBILE_NUMBER_ILLEGAL,
# isv.TEMPLATE_MISSING_PARAMETERS, isv.PARAM_LENGTH_LIMIT ...) refuses this message for good.


def aliyun_error(code: str, message: str, status: int) -> SmsError:
    text = f"Alibaba Cloud SMS HTTP {status}, {code}: {message}"
    if code in MAYBE_SENT or (status >= 500 and code not in RETRYABLE and status != 503):
        return SmsError(text, retryable=True, maybe_sent=True)
    if code in RETRYABLE or code.startswith("Throttling") or status == 503:
        return SmsError(text, retryable=True)
    return SmsError(text, retryable=False)


def clip(value: str) -> str:
    """A variable's value within the provider's limit (35 characters unless the bureau had it lifted): a shortened
    reason is better than a refused message, and the whole of it is on the case's tracking page."""
    limit = settings.ALIYUN_SMS_PARAM_MAX_LENGTH
    return value if not limit or len(value) <= limit else value[:limit - 1] + "…"


def out_id(message) -> str:
    """Our id of the message, given with SendSms and returned by QuerySendDetails."""
    return f"outbox-{message.pk}"


class AliyunBackend:
    """Sends each kind of message through its registered template; delivery is polled (QuerySendDetails)."""

    polls_status = True
    timeout = 10.0
    lookup_pages = 5  # 50 records a page: a person gets far fewer messages a day

    def __init__(self):
        self.key_id, self.secret = settings.ALIYUN_ACCESS_KEY_ID, settings.ALIYUN_ACCESS_KEY_SECRET
        self.sign_name = settings.SMS_SIGN_NAME
        if not (self.key_id and self.secret and self.sign_name):
            raise ImproperlyConfigured("ALIYUN_ACCESS_KEY_ID, ALIYUN_ACCESS_KEY_SECRET and SMS_SIGN_NAME are "
                                       "required for SMS_PROVIDER=aliyun.")
        self.endpoint = settings.ALIYUN_SMS_ENDPOINT.rstrip("/")
        self.session = requests.Session()

    def _call(self, action: str, params: dict) -> dict:
        """One signed RPC call (parameters in the query, empty body); the answer's JSON, or SmsError."""
        parts = urlsplit(self.endpoint)
        headers = acs3.signed_headers(
            method="POST", host=parts.netloc, path="/", params=params, body=b"", action=action, version=VERSION,
            access_key_id=self.key_id, secret=self.secret,
            date=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), nonce=uuid.uuid4().hex)
        url = f"{self.endpoint}/?{acs3.canonical_query(params)}"
        try:
            response = self.session.post(url, headers=headers, data=b"", timeout=self.timeout)
        except requests.RequestException as exc:
            if never_reached(exc):
                raise SmsError(f"Alibaba Cloud SMS unreachable: {exc}", retryable=True) from exc
            raise SmsError(f"Alibaba Cloud SMS connection lost: {exc}", retryable=True, maybe_sent=True) from exc
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        code = str(answer.get("Code") or "")
        if response.status_code == 200 and code == "OK":
            return answer
        raise aliyun_error(code or "no code", str(answer.get("Message") or response.reason), response.status_code)

    def _template(self, message) -> tuple[str, dict]:
        """The template code registered for the message's kind and the parameters it takes."""
        from workflow.models import SmsTemplate

        template = SmsTemplate.objects.filter(kind=message.kind).first() if message.kind else None
        if template is None:
            raise SmsError(f"No SMS template is registered for messages of kind “{message.kind or '(none)'}”: "
                           f"add its template code under SMS templates in the admin.", retryable=False)
        missing = [name for name in template.param_names if name not in (message.params or {})]
        if missing:
            raise SmsError(f"Template {template.template_code} takes {', '.join(missing)}, which messages of kind "
                           f"“{message.kind}” do not have.", retryable=False)
        return template.template_code, {name: clip(str(message.params[name])) for name in template.param_names}

    def send(self, message) -> str:
        code, params = self._template(message)
        answer = self._call("SendSms", {
            "PhoneNumbers": message.phone, "SignName": self.sign_name, "TemplateCode": code,
            "TemplateParam": json.dumps(params, ensure_ascii=False, separators=(",", ":")),
            "OutId": out_id(message)})
        if not answer.get("BizId"):
            raise SmsError("Alibaba Cloud SMS accepted the message without a BizId.", maybe_sent=True)
        return str(answer["BizId"])

    def _days(self, message) -> list[str]:
        """The Beijing-time days (SendDate) the provider may have filed the message under, latest first: around
        its recorded sending time, or from its first attempt until now for one whose outcome is unknown."""
        if message.sent_at:
            start, end = message.sent_at - timedelta(minutes=10), message.sent_at
        else:
            start, end = (message.sending_since or message.created_at) - timedelta(minutes=10), datetime.now(UTC)
        first, day = max(start.astimezone(CHINA).date(), datetime.now(CHINA).date() - timedelta(days=29)), \
            end.astimezone(CHINA).date()  # the API keeps 30 days
        days = []
        while day >= first:
            days.append(f"{day:%Y%m%d}")
            day -= timedelta(days=1)
        return days

    def lookup(self, message) -> ProviderRecord | None:
        """Find the message by our OutId (or its BizId) among the provider's records for that number."""
        for day in self._days(message):
            for page in range(1, self.lookup_pages + 1):
                params = {"PhoneNumber": message.phone, "SendDate": day, "PageSize": 50, "CurrentPage": page}
                if message.provider_id and not message.provider_id.startswith("outbox-"):
                    params["BizId"] = message.provider_id
                answer = self._call("QuerySendDetails", params)
                records = (answer.get("SmsSendDetailDTOs") or {}).get("SmsSendDetailDTO") or []
                for record in records:
                    if record.get("OutId") == out_id(message):
                        status = SEND_STATUS.get(int(record.get("SendStatus") or 1), "sent")
                        # The records carry no BizId: the one we know, else our OutId names it.
                        return ProviderRecord(provider_id=message.provider_id or out_id(message), status=status,
                                              error_code=str(record.get("ErrCode") or ""))
                if len(records) < 50:
                    break
        return None
