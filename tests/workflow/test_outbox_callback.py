"""Twilio's status callback: only a request signed with our auth token for the message's own URL is heard; it
records delivery, never moves a message back, and settles a message whose sender died mid-send."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from twilio.request_validator import RequestValidator

from tests.workflow.fake_twilio import AUTH_TOKEN, SITE_URL, running_fake_twilio
from workflow.models import OutboundMessage
from workflow.services.delivery import outbox_deliver
from workflow.services.outbox import outbox_dispatch
from workflow.sms import TwilioBackend, status_callback_url

pytestmark = pytest.mark.django_db

Status = OutboundMessage.Status


@pytest.fixture(autouse=True)
def twilio_settings():
    with override_settings(TWILIO_AUTH_TOKEN=AUTH_TOKEN, SITE_URL=SITE_URL):
        yield


def sent(**fields) -> OutboundMessage:
    defaults = {"key": "case:7:accepted", "phone": "13912345678", "body": "【东营人社】已受理",
                "status": Status.SENT, "provider_id": "SM" + "a" * 32, "attempts": 1, "sent_at": timezone.now()}
    return OutboundMessage.objects.create(**(defaults | fields))


def report(client, message, status, *, sid=None, error="", token=AUTH_TOKEN, url=None, signature=None):
    """POST what Twilio posts, signed as Twilio signs it (the full public URL and the form)."""
    params = {"MessageSid": sid or message.provider_id, "MessageStatus": status, "AccountSid": "AC" + "0" * 32,
              "To": "+8613912345678", "ApiVersion": "2010-04-01"}
    if error:
        params["ErrorCode"] = error
    url = url or status_callback_url(message)
    if signature is None:
        signature = RequestValidator(token).compute_signature(url, params)
    return client.post(url.removeprefix(SITE_URL), params, HTTP_X_TWILIO_SIGNATURE=signature)


def test_the_callback_url_is_the_sms_status_page_of_the_message():
    message = sent()
    assert status_callback_url(message) == f"{SITE_URL}/sms/status/{message.pk}/"


def test_a_signed_delivery_report_marks_the_message_delivered(client):
    message = sent()
    response = report(client, message, "delivered")
    assert response.status_code == 204
    message.refresh_from_db()
    assert message.status == Status.DELIVERED and message.delivered_at is not None


@pytest.mark.parametrize("tamper", ["wrong token", "no signature", "another message's url", "forged body"])
def test_a_request_with_a_bad_signature_is_refused_and_changes_nothing(client, tamper):
    message, other = sent(), sent(key="case:8:accepted", provider_id="SM" + "b" * 32)
    before = OutboundMessage.objects.get(pk=message.pk)
    if tamper == "wrong token":
        response = report(client, message, "delivered", token="not-our-token")
    elif tamper == "no signature":
        response = report(client, message, "delivered", signature="")
    elif tamper == "another message's url":  # a signature copied from another message's report
        signature = RequestValidator(AUTH_TOKEN).compute_signature(status_callback_url(other), {
            "MessageSid": message.provider_id, "MessageStatus": "delivered"})
        response = client.post(f"/sms/status/{message.pk}/", {"MessageSid": message.provider_id,
                               "MessageStatus": "delivered"}, HTTP_X_TWILIO_SIGNATURE=signature)
    else:  # signed "undelivered", posted as "delivered"
        url = status_callback_url(message)
        signature = RequestValidator(AUTH_TOKEN).compute_signature(url, {
            "MessageSid": message.provider_id, "MessageStatus": "undelivered"})
        response = client.post(f"/sms/status/{message.pk}/", {"MessageSid": message.provider_id,
                               "MessageStatus": "delivered"}, HTTP_X_TWILIO_SIGNATURE=signature)
    assert response.status_code == 403
    after = OutboundMessage.objects.get(pk=message.pk)
    assert (after.status, after.delivered_at, after.updated_at) == (before.status, None, before.updated_at)


def test_without_a_twilio_token_every_report_is_refused(client):
    message = sent()
    with override_settings(TWILIO_AUTH_TOKEN=""):
        assert report(client, message, "delivered", token=AUTH_TOKEN).status_code == 403
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_undelivered_is_recorded_as_failed_with_the_error_code(client):
    message = sent()
    assert report(client, message, "undelivered", error="30003").status_code == 204
    message.refresh_from_db()
    assert message.status == Status.FAILED and "30003" in message.last_error


def test_reports_are_idempotent_and_never_move_a_message_back(client):
    message = sent()
    report(client, message, "delivered")
    first = OutboundMessage.objects.get(pk=message.pk).delivered_at
    assert report(client, message, "delivered").status_code == 204
    assert report(client, message, "sent").status_code == 204  # a late, out-of-order report
    message.refresh_from_db()
    assert message.status == Status.DELIVERED and message.delivered_at == first


def test_a_report_for_another_provider_message_is_ignored(client):
    message = sent()
    assert report(client, message, "failed", sid="SM" + "f" * 32).status_code == 204
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_an_unknown_message_is_404_after_the_signature_check(client):
    message = sent()
    ghost = OutboundMessage(pk=message.pk + 1000, provider_id="SM" + "c" * 32)
    assert report(client, ghost, "delivered").status_code == 404
    assert report(client, ghost, "delivered", token="not-our-token").status_code == 403


def test_get_is_not_allowed(client):
    assert client.get(f"/sms/status/{sent().pk}/").status_code == 405


class SenderDied(BaseException):
    """What a killed worker looks like from inside: nothing after it runs."""


class SendThenDie(TwilioBackend):
    def send(self, message) -> str:
        super().send(message)
        raise SenderDied


def test_a_report_settles_a_message_whose_sender_died_so_it_is_never_sent_again(client):
    """The provider accepted the message, the sender died before saving: the report alone settles it."""
    message = OutboundMessage.objects.create(key="case:9:accepted", phone="13912345678", body="【东营人社】已受理",
                                             next_attempt_at=timezone.now())
    with running_fake_twilio() as twilio:
        with override_settings(SMS_PROVIDER=f"{__name__}.SendThenDie"), pytest.raises(SenderDied):
            outbox_deliver(message_id=message.pk)
        message.refresh_from_db()
        assert message.status == Status.SENDING and not message.provider_id
        sid = twilio.messages[0]["sid"]
        assert report(client, message, "sent", sid=sid).status_code == 204
        message.refresh_from_db()
        assert message.status == Status.SENT and message.provider_id == sid
        outbox_dispatch(now=timezone.now() + timedelta(hours=1))
        assert outbox_deliver(message_id=message.pk) == "skipped"
        assert len(twilio.sends) == 1
