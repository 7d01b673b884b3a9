"""The Twilio backend: the real `twilio` client, pointed at a local fake Twilio, sends what Twilio expects, and
each failure Twilio can answer is retried, given up or reconciled as it should be."""

from __future__ import annotations

import base64
import socket
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.workflow.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, SITE_URL, running_fake_twilio
from workflow.models import OutboundMessage
from workflow.services.delivery import outbox_deliver
from workflow.sms import TwilioBackend, to_e164
from workflow.tasks import outbox_send

pytestmark = pytest.mark.django_db

BODY = "【东营人社】您申请的“失业登记”已受理，案件号20260309000001。"


@pytest.fixture
def twilio():
    with running_fake_twilio() as fake:
        yield fake


def queued(key="case:1:accepted", phone="13912345678", body=BODY) -> OutboundMessage:
    return OutboundMessage.objects.create(key=key, phone=phone, body=body, next_attempt_at=timezone.now())


def test_the_real_client_posts_the_message_with_its_status_callback(twilio):
    message = queued()
    assert outbox_send(message.pk, 0) == "sent"

    [request] = twilio.requests
    assert request.method == "POST"
    assert request.path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert request.form == {"To": "+8613912345678", "From": FROM_NUMBER, "Body": BODY,
                            "StatusCallback": f"{SITE_URL}/sms/status/{message.pk}/"}
    credentials = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {credentials}"
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT
    assert message.provider_id == twilio.messages[0]["sid"] and message.sent_at is not None
    assert message.attempts == 1 and message.next_attempt_at is None


def test_a_messaging_service_sid_sends_instead_of_a_number(twilio):
    with override_settings(TWILIO_FROM_NUMBER="MG" + "1" * 32):
        outbox_deliver(message_id=queued().pk)
    assert twilio.sends[0].form["MessagingServiceSid"] == "MG" + "1" * 32 and "From" not in twilio.sends[0].form


def test_an_invalid_number_fails_at_once_and_is_never_retried(twilio):
    message = queued()
    twilio.fail_next(400, 21211, "The 'To' number +8613912345678 is not a valid phone number.")
    assert outbox_deliver(message_id=message.pk) == "failed"
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.FAILED
    assert "21211" in message.last_error and message.next_attempt_at is None
    assert outbox_deliver(message_id=message.pk) == "skipped"
    assert len(twilio.sends) == 1


@pytest.mark.parametrize("status, code", [(429, 20429), (503, 20503), (401, 20003)])
def test_throttling_outages_and_bad_credentials_are_retried_after_a_backoff(twilio, status, code):
    """Bad credentials are a deployment fault: the messages wait for the fix rather than being lost."""
    message = queued()
    twilio.fail_next(status, code, "Refused")
    before = timezone.now()
    assert outbox_deliver(message_id=message.pk) == "retry"
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.QUEUED and str(code) in message.last_error
    assert timedelta(seconds=59) <= message.next_attempt_at - before <= timedelta(seconds=62)


def test_an_unreachable_twilio_is_retried(twilio):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    message = queued()
    with override_settings(TWILIO_API_BASE=closed):
        assert outbox_deliver(message_id=message.pk) == "retry"
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.QUEUED and "unreachable" in message.last_error


def test_a_server_error_may_have_sent_it_so_it_is_not_resent_blindly(twilio):
    message = queued()
    twilio.fail_next(500, 20500, "Internal server error")
    assert outbox_deliver(message_id=message.pk) == "uncertain"
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENDING and "500" in message.last_error
    assert outbox_deliver(message_id=message.pk) == "skipped"
    assert len(twilio.sends) == 1


def test_lookup_finds_the_message_by_number_and_text_since_the_send_began(twilio):
    message = queued()
    outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    message.sending_since = timezone.now()
    record = TwilioBackend().lookup(message)
    assert record.provider_id == message.provider_id and record.status == "sent"
    dated = [r for r in twilio.requests if r.method == "GET" and "DateSent>" in r.query]
    assert dated and dated[0].query["To"] == "+8613912345678" and dated[0].query["From"] == FROM_NUMBER
    assert dated[0].path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"

    message.body = "another text"
    assert TwilioBackend().lookup(message) is None


def test_mainland_numbers_are_sent_in_e164():
    assert to_e164("13912345678") == "+8613912345678"
    assert to_e164("+8613912345678") == "+8613912345678"
    assert to_e164("008613912345678") == "+8613912345678"
