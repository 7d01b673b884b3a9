"""Delivery: retries with exponential backoff up to a maximum, permanent errors fail at once, a message reaches
the provider once however often its task runs, and a sender killed after the provider accepted is reconciled,
never resent; the periodic dispatcher queues what is due in batches."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from tests.workflow.fake_twilio import running_fake_twilio
from workflow.models import OutboundMessage
from workflow.services.delivery import MAX_ATTEMPTS, RECONCILE_AFTER, outbox_deliver, retry_delay
from workflow.services.outbox import DISPATCH_LEASE, outbox_dispatch, outbox_enqueue
from workflow.sms import ProviderRecord, SmsError, TwilioBackend
from workflow.tasks import outbox_dispatch_task, outbox_send

pytestmark = pytest.mark.django_db

Status = OutboundMessage.Status


class Scripted:
    """A provider that answers from a script: an exception to raise, or None to accept."""

    script: list = []
    calls: list = []
    known: dict = {}  # key -> ProviderRecord for lookup
    lookup_error: SmsError | None = None

    def send(self, message) -> str:
        Scripted.calls.append(message.key)
        outcome = Scripted.script.pop(0) if Scripted.script else None
        if outcome is not None:
            raise outcome
        return f"P-{len(Scripted.calls)}"

    def lookup(self, message):
        if Scripted.lookup_error:
            raise Scripted.lookup_error
        return Scripted.known.get(message.key)


@pytest.fixture
def provider():
    Scripted.script, Scripted.calls, Scripted.known, Scripted.lookup_error = [], [], {}, None
    with override_settings(SMS_PROVIDER=f"{__name__}.Scripted"):
        yield Scripted


def due(key="case:1:accepted", **fields) -> OutboundMessage:
    return OutboundMessage.objects.create(key=key, phone="13912345678", body=f"text of {key}",
                                          next_attempt_at=timezone.now(), **fields)


def test_the_backoff_doubles_up_to_an_hour():
    assert [retry_delay(n).total_seconds() for n in range(1, 9)] == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_retries_back_off_exponentially_then_fail_with_the_last_error(provider):
    provider.script = [SmsError(f"network down #{n}") for n in range(1, MAX_ATTEMPTS + 1)]
    with freeze_time("2026-03-09 02:00:00") as clock:
        message = due()
        assert outbox_deliver(message_id=message.pk) == "retry"
        delays = []
        for _ in range(MAX_ATTEMPTS - 1):
            message.refresh_from_db()
            wait = message.next_attempt_at - timezone.now()
            delays.append(wait.total_seconds())
            clock.tick(wait - timedelta(seconds=1))
            assert outbox_dispatch().queued == 0  # not yet due: no attempt before the backoff is over
            clock.tick(timedelta(seconds=1))
            assert outbox_dispatch().queued == 1  # eager in tests: the task runs at once
    message.refresh_from_db()
    assert delays == [60, 120, 240, 480, 960, 1920, 3600]
    assert len(provider.calls) == MAX_ATTEMPTS == message.attempts
    assert message.status == Status.FAILED and message.last_error == f"network down #{MAX_ATTEMPTS}"
    assert outbox_dispatch(now=timezone.now() + timedelta(days=1)).queued == 0


def test_a_retry_then_success_is_sent_once(provider):
    provider.script = [SmsError("timeout connecting"), None]
    message = due()
    assert outbox_deliver(message_id=message.pk) == "retry"
    assert outbox_dispatch(now=timezone.now() + timedelta(minutes=2)).queued == 1
    message.refresh_from_db()
    assert (message.status, message.provider_id, message.attempts) == (Status.SENT, "P-2", 2)
    assert message.last_error == ""


def test_a_permanent_error_fails_at_once(provider):
    provider.script = [SmsError("invalid number", retryable=False)]
    message = due()
    assert outbox_deliver(message_id=message.pk) == "failed"
    message.refresh_from_db()
    assert message.status == Status.FAILED and message.attempts == 1 and message.last_error == "invalid number"
    assert outbox_dispatch(now=timezone.now() + timedelta(days=1)).queued == 0
    assert len(provider.calls) == 1


def test_the_task_run_twice_calls_the_provider_once(provider):
    message = due()
    assert outbox_send(message.pk, 0) == "sent"
    assert outbox_send(message.pk, 0) == "skipped"  # the broker redelivered it
    assert outbox_send(message.pk) == "skipped"
    assert provider.calls == [message.key]


def test_a_stale_task_from_an_earlier_attempt_does_not_skip_the_backoff(provider):
    provider.script = [SmsError("down")]
    message = due()
    outbox_send(message.pk, 0)
    assert outbox_send(message.pk, 0) == "skipped"
    assert len(provider.calls) == 1


def test_an_unexpected_error_is_reconciled_not_retried(provider):
    provider.script = [RuntimeError("bug after the request went out")]
    message = due()
    assert outbox_deliver(message_id=message.pk) == "uncertain"
    provider.known[message.key] = ProviderRecord("P-1", "sent")
    result = outbox_dispatch(now=timezone.now() + RECONCILE_AFTER + timedelta(seconds=1))
    message.refresh_from_db()
    assert result.sent == 1 and message.status == Status.SENT and message.provider_id == "P-1"
    assert len(provider.calls) == 1


class KilledAfterAccept(BaseException):
    """A worker killed between the provider's answer and the save: nothing after it runs."""


class DiesAfterTwilioAccepts(TwilioBackend):
    def send(self, message) -> str:
        super().send(message)
        raise KilledAfterAccept


def test_a_sender_killed_after_twilio_accepted_is_reconciled_without_a_second_sms():
    with running_fake_twilio() as twilio:
        message = due()
        with override_settings(SMS_PROVIDER=f"{__name__}.DiesAfterTwilioAccepts"), pytest.raises(KilledAfterAccept):
            outbox_send(message.pk, 0)
        message.refresh_from_db()
        assert message.status == Status.SENDING and message.attempts == 1
        assert outbox_send(message.pk, 0) == "skipped"  # redelivered by the broker (acks late)
        soon = outbox_dispatch(now=timezone.now() + timedelta(minutes=1))  # its sender may still be running
        assert (soon.queued, soon.sent, soon.requeued) == (0, 0, 0)

        later = outbox_dispatch(now=timezone.now() + RECONCILE_AFTER + timedelta(seconds=1))
        message.refresh_from_db()
        assert later.sent == 1 and later.queued == 0
        assert message.status == Status.SENT and message.provider_id == twilio.messages[0]["sid"]
        assert len(twilio.sends) == 1
        outbox_dispatch(now=timezone.now() + timedelta(days=1))
        assert len(twilio.sends) == 1


def test_a_sender_killed_before_the_provider_got_it_is_sent_again_once_the_provider_says_so(provider):
    message = due()
    OutboundMessage.objects.filter(pk=message.pk).update(  # claimed, then the worker died
        status=Status.SENDING, attempts=1, sending_since=timezone.now(),
        next_attempt_at=timezone.now() + RECONCILE_AFTER)
    assert outbox_dispatch(now=timezone.now() + timedelta(minutes=1)).queued == 0
    result = outbox_dispatch(now=timezone.now() + RECONCILE_AFTER + timedelta(seconds=1))
    message.refresh_from_db()
    assert (result.requeued, result.queued) == (1, 1)
    assert message.status == Status.SENT and message.attempts == 2 and provider.calls == [message.key]


def test_while_the_provider_cannot_answer_a_stuck_message_waits(provider):
    provider.lookup_error = SmsError("unreachable")
    message = due(status=Status.SENDING, attempts=1, sending_since=timezone.now())
    OutboundMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    result = outbox_dispatch(now=timezone.now() + timedelta(seconds=1))
    message.refresh_from_db()
    assert (result.queued, result.requeued) == (0, 0) and message.status == Status.SENDING
    assert provider.calls == []


def test_with_the_console_backend_a_stuck_message_is_taken_as_sent():
    message = due(status=Status.SENDING, attempts=1, sending_since=timezone.now())
    with override_settings(SMS_PROVIDER="console"):
        result = outbox_dispatch(now=timezone.now() + timedelta(seconds=1))
    message.refresh_from_db()
    assert result.sent == 1 and message.status == Status.SENT and message.provider_id


def test_the_dispatcher_queues_due_messages_in_batches_and_leaves_the_rest(provider):
    for n in range(7):
        due(key=f"case:{n}:accepted")
    later = due(key="case:99:accepted")
    OutboundMessage.objects.filter(pk=later.pk).update(next_attempt_at=timezone.now() + timedelta(hours=1))
    result = outbox_dispatch(batch_size=3)
    assert (result.queued, result.batches) == (7, 3)
    assert sorted(provider.calls) == sorted(f"case:{n}:accepted" for n in range(7))
    assert OutboundMessage.objects.get(pk=later.pk).status == Status.QUEUED


def test_the_dispatcher_stops_at_its_limit_and_takes_the_rest_next_time(provider):
    for n in range(5):
        due(key=f"case:{n}:accepted")
    assert outbox_dispatch(batch_size=2, limit=2).queued == 2
    assert outbox_dispatch(batch_size=2, limit=10).queued == 3
    assert len(provider.calls) == 5


def test_a_new_message_is_left_to_its_own_task_until_its_lease_runs_out(provider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # its task is on its way
        message = outbox_enqueue(key="case:5:accepted", phone="13912345678", body="text")
    assert len(callbacks) == 1
    assert outbox_dispatch().queued == 0
    assert outbox_dispatch(now=timezone.now() + DISPATCH_LEASE + timedelta(seconds=1)).queued == 1
    callbacks[0]()  # the original task finally runs: nothing left to do
    message.refresh_from_db()
    assert message.status == Status.SENT and provider.calls == [message.key]


def test_the_periodic_task_runs_the_dispatcher(provider):
    due()
    assert outbox_dispatch_task()["queued"] == 1 and len(provider.calls) == 1


def test_the_dispatcher_is_on_the_beat_schedule_every_minute():
    from portal.celery import BEAT_SCHEDULE

    [entry] = [e for e in BEAT_SCHEDULE.values() if e["task"] == "workflow.tasks.outbox_dispatch"]
    assert entry["schedule"] == crontab()
