"""Alibaba Cloud SMS: each kind of message goes out with its registered template, its parameters and the registered
signature, signed with the real V3 algorithm (checked by a local fake server and against the documented example);
errors are retried, given up or reconciled as they should be; delivery is polled."""

from __future__ import annotations

import json
import socket
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import override_settings
from django.utils import timezone

from tests.workflow.fake_aliyun import SIGN_NAME, running_fake_aliyun
from workflow.models import OutboundMessage, SmsTemplate
from workflow.notifications import KINDS
from workflow.services.delivery import RECONCILE_AFTER, outbox_deliver
from workflow.services.outbox import outbox_dispatch, outbox_enqueue
from workflow.sms import ConsoleBackend, SmsProvider, TwilioBackend, acs3, get_backend
from workflow.sms.aliyun import AliyunBackend
from workflow.tasks import outbox_send

pytestmark = pytest.mark.django_db

Status = OutboundMessage.Status
ACCEPTED = KINDS["accepted"]
PARAMS = {"service": "失业登记", "number": "20260309000001", "code": "ABCD-EFGH-JKLM", "extra": "",
          "url": "https://hrss.example.org/track/ABCDEFGHJKLM/"}


@pytest.fixture
def aliyun():
    with running_fake_aliyun() as fake:
        yield fake


@pytest.fixture
def template():
    return SmsTemplate.objects.create(kind="case.accepted", template_code="SMS_471230001",
                                      params="service,number,code")


def queued(key="case:1:accepted", kind=ACCEPTED, params=None) -> OutboundMessage:
    params = PARAMS if params is None else params
    return OutboundMessage.objects.create(key=key, phone="13912345678", body="【东营人社】" + kind.render(params),
                                          kind=kind.code, params=params, next_attempt_at=timezone.now())


def test_the_signer_reproduces_the_documented_example():
    """The example of Alibaba Cloud's "V3版本请求体&签名机制" (help.aliyun.com): RunInstances on ECS, secret
    YourAccessKeySecret, date 2023-10-26T09:01:01Z, nonce d410180a5abf7fe235dd9b74aca91fc0, empty body."""
    empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    headers = {"host": "ecs.cn-shanghai.aliyuncs.com", "x-acs-action": "RunInstances", "x-acs-content-sha256": empty,
               "x-acs-date": "2023-10-26T09:01:01Z", "x-acs-signature-nonce": "d410180a5abf7fe235dd9b74aca91fc0",
               "x-acs-version": "2014-05-26"}
    query = acs3.canonical_query({"RegionId": "cn-shanghai",
                                  "ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"})
    canonical, signed = acs3.canonical_request(method="POST", path="/", query=query, headers=headers, body_hash=empty)
    assert signed == "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
    assert acs3.signature(secret="YourAccessKeySecret", canonical=canonical) == (
        "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804")


def test_values_are_percent_encoded_as_rfc_3986():
    assert acs3.percent("东营 a*b~c/d+e") == "%E4%B8%9C%E8%90%A5%20a%2Ab~c%2Fd%2Be"


def test_a_message_goes_out_with_its_kinds_template_parameters_and_signature(aliyun, template):
    message = queued()
    assert outbox_send(message.pk, 0) == "sent"

    [request] = aliyun.requests
    assert request.signature_ok and request.headers["x-acs-version"] == "2017-05-25"
    assert request.query["TemplateCode"] == "SMS_471230001" and request.query["SignName"] == SIGN_NAME
    assert request.query["PhoneNumbers"] == "13912345678" and request.query["OutId"] == f"outbox-{message.pk}"
    # Only the variables the registered template uses: the link and the empty extra are not sent.
    assert json.loads(request.query["TemplateParam"]) == {"service": "失业登记", "number": "20260309000001",
                                                          "code": "ABCD-EFGH-JKLM"}
    message.refresh_from_db()
    assert message.status == Status.SENT and message.provider_id == aliyun.sent[0].biz_id
    assert message.next_attempt_at is not None  # its delivery will be asked about


def test_a_value_longer_than_the_providers_limit_is_shortened(aliyun):
    SmsTemplate.objects.create(kind="case.rejected", template_code="SMS_471230009", params="number,extra")
    reason = "材料不齐：" + "缺少劳动合同原件" * 6
    message = queued(kind=KINDS["rejected"], params={**PARAMS, "extra": reason})
    assert outbox_deliver(message_id=message.pk) == "sent"
    sent = json.loads(aliyun.sends[0].query["TemplateParam"])
    assert len(sent["extra"]) == 35 and sent["extra"] == reason[:34] + "…"
    with override_settings(ALIYUN_SMS_PARAM_MAX_LENGTH=0):
        outbox_deliver(message_id=queued(key="k2", kind=KINDS["rejected"], params={**PARAMS, "extra": reason}).pk)
    assert json.loads(aliyun.sends[1].query["TemplateParam"])["extra"] == reason


def test_the_fake_refuses_a_wrong_signature_and_a_credentials_fault_is_retried(aliyun, template):
    message = queued()
    with override_settings(ALIYUN_ACCESS_KEY_SECRET="not-the-secret"):
        assert outbox_deliver(message_id=message.pk) == "retry"
    assert not aliyun.requests[0].signature_ok and not aliyun.sent
    message.refresh_from_db()
    assert message.status == Status.QUEUED and "SignatureDoesNotMatch" in message.last_error


@pytest.mark.parametrize("status, code", [(200, "isv.BUSINESS_LIMIT_CONTROL"), (400, "Throttling.User"),
                                          (200, "isv.AMOUNT_NOT_ENOUGH"), (503, "ServiceUnavailable")])
def test_throttling_and_outages_are_retried_after_a_backoff(aliyun, template, status, code):
    message = queued()
    aliyun.fail_next(status, code, "refused")
    before = timezone.now()
    assert outbox_deliver(message_id=message.pk) == "retry"
    message.refresh_from_db()
    assert message.status == Status.QUEUED and code in message.last_error
    assert timedelta(seconds=59) <= message.next_attempt_at - before <= timedelta(seconds=62)


@pytest.mark.parametrize("code", ["isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL",
                                  "isv.MOBILE_NUMBER_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS"])
def test_an_invalid_template_signature_or_number_fails_at_once(aliyun, template, code):
    message = queued()
    aliyun.fail_next(200, code, "refused")
    assert outbox_deliver(message_id=message.pk) == "failed"
    message.refresh_from_db()
    assert message.status == Status.FAILED and code in message.last_error and message.next_attempt_at is None
    assert outbox_deliver(message_id=message.pk) == "skipped"
    assert len(aliyun.sends) == 1


def test_a_kind_without_a_registered_template_fails_with_a_clear_error_and_nothing_is_sent(aliyun):
    message = queued()
    assert outbox_deliver(message_id=message.pk) == "failed"
    message.refresh_from_db()
    assert message.status == Status.FAILED and message.next_attempt_at is None
    assert "No SMS template is registered for messages of kind “case.accepted”" in message.last_error
    assert not aliyun.requests


def test_a_provider_error_may_have_sent_it_so_it_is_not_resent_blindly(aliyun, template):
    message = queued()
    aliyun.fail_next(500, "isp.SYSTEM_ERROR", "system error")
    assert outbox_deliver(message_id=message.pk) == "uncertain"
    message.refresh_from_db()
    assert message.status == Status.SENDING and "isp.SYSTEM_ERROR" in message.last_error


def test_a_lost_answer_is_settled_by_query_send_details_not_by_a_second_send(aliyun, template):
    message = queued()
    aliyun.drop_answer = True
    assert outbox_deliver(message_id=message.pk) == "uncertain"
    assert outbox_deliver(message_id=message.pk) == "skipped"

    result = outbox_dispatch(now=timezone.now() + RECONCILE_AFTER + timedelta(seconds=1))
    assert result.sent == 1 and result.requeued == 0
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(aliyun.sends) == 1 and len(aliyun.sent) == 1
    [query] = [r for r in aliyun.requests if r.action == "QuerySendDetails"]
    assert query.signature_ok and query.query["PhoneNumber"] == "13912345678" and "BizId" not in query.query


def test_a_message_the_provider_never_got_is_queued_again_and_sent_once(aliyun, template):
    message = queued()
    OutboundMessage.objects.filter(pk=message.pk).update(status=Status.SENDING, attempts=1,
                                                         sending_since=timezone.now(),
                                                         next_attempt_at=timezone.now())
    result = outbox_dispatch(now=timezone.now() + timedelta(seconds=1))
    assert result.requeued == 1 and result.queued == 1  # asked, found nothing, queued and sent again
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 2
    assert outbox_deliver(message_id=message.pk) == "skipped"
    assert len(aliyun.sent) == 1


@pytest.mark.parametrize("send_status, err_code, status", [(3, "DELIVERED", Status.DELIVERED),
                                                           (2, "MK:0001", Status.FAILED)])
def test_delivery_is_polled_with_query_send_details(aliyun, template, send_status, err_code, status):
    message = queued()
    outbox_deliver(message_id=message.pk)
    assert outbox_dispatch(now=timezone.now()).polled == 0  # not due yet

    aliyun.sent[0].status, aliyun.sent[0].err_code = send_status, err_code
    assert outbox_dispatch(now=timezone.now() + timedelta(minutes=2)).polled == 1
    message.refresh_from_db()
    assert message.status == status and message.next_attempt_at is None
    query = next(r for r in aliyun.requests if r.action == "QuerySendDetails")
    assert query.query["BizId"] == message.provider_id
    if status == Status.FAILED:
        assert "MK:0001" in message.last_error


def test_a_message_still_waiting_for_its_receipt_is_asked_about_again_later(aliyun, template):
    message = queued()
    outbox_deliver(message_id=message.pk)
    later = timezone.now() + timedelta(minutes=10)
    assert outbox_dispatch(now=later).polled == 1
    message.refresh_from_db()
    assert message.status == Status.SENT and message.next_attempt_at > later


def test_an_unreachable_provider_is_retried(aliyun, template):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    message = queued()
    with override_settings(ALIYUN_SMS_ENDPOINT=closed):
        assert outbox_deliver(message_id=message.pk) == "retry"
    message.refresh_from_db()
    assert "unreachable" in message.last_error


def test_the_provider_is_chosen_by_setting():
    with override_settings(SMS_PROVIDER="console"):
        assert isinstance(get_backend(), ConsoleBackend) and isinstance(get_backend(), SmsProvider)
    with override_settings(SMS_PROVIDER="twilio", TWILIO_ACCOUNT_SID="AC1", TWILIO_AUTH_TOKEN="t",
                           TWILIO_FROM_NUMBER="+15005550006"):
        assert isinstance(get_backend(), TwilioBackend)
    with override_settings(SMS_PROVIDER="aliyun", ALIYUN_ACCESS_KEY_ID="id", ALIYUN_ACCESS_KEY_SECRET="s",
                           SMS_SIGN_NAME="东营人社"):
        assert isinstance(get_backend(), AliyunBackend) and isinstance(get_backend(), SmsProvider)
    with override_settings(SMS_PROVIDER="aliyun", ALIYUN_ACCESS_KEY_ID="", SMS_SIGN_NAME="东营人社"), \
            pytest.raises(ImproperlyConfigured):
        get_backend()
    with override_settings(SMS_PROVIDER="tencent"), pytest.raises(ImproperlyConfigured):
        get_backend()


def test_enqueued_messages_carry_their_kind_and_parameters():
    message = outbox_enqueue(key="k", phone="13912345678", body="x", kind=ACCEPTED, params=PARAMS)
    assert message.kind == "case.accepted" and message.params["number"] == "20260309000001"
    with pytest.raises(ValueError, match="lacks"):
        outbox_enqueue(key="k2", phone="13912345678", body="x", kind=ACCEPTED, params={"service": "x"})


def test_a_template_names_only_variables_its_kind_has():
    SmsTemplate(kind="case.accepted", template_code="SMS_471230001", params="service, number，code").full_clean()
    with pytest.raises(ValidationError) as error:
        SmsTemplate(kind="case.accepted", template_code="SMS_471230001", params="service,amount").full_clean()
    assert "params" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        SmsTemplate(kind="no.such.kind", template_code="471230001").full_clean()
    assert {"kind", "template_code"} <= set(error.value.message_dict)
