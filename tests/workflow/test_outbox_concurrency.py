"""On PostgreSQL, with real threads, connections and processes: a message reaches Twilio once, whether its task
runs in many workers at once, two dispatchers run together, or its sender is killed (SIGKILL) after Twilio
accepted it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from tests.workflow.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, SITE_URL, running_fake_twilio
from workflow.models import OutboundMessage
from workflow.services.delivery import RECONCILE_AFTER, outbox_deliver
from workflow.services.outbox import outbox_dispatch

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
Status = OutboundMessage.Status


def run_together(functions, timeout=30):
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def runner(i, fn):
        try:
            barrier.wait()
            outcomes[i] = fn()
        except Exception as exc:
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, fn)) for i, fn in enumerate(functions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    return outcomes


def due(key: str, phone: str = "13912345678") -> OutboundMessage:
    return OutboundMessage.objects.create(key=key, phone=phone, body=f"text of {key}", next_attempt_at=timezone.now())


def test_eight_workers_running_the_same_send_at_once_reach_twilio_once(postgres):
    with running_fake_twilio() as twilio:
        for round_ in range(3):
            message = due(f"case:{round_}:accepted")
            outcomes = run_together([lambda m=message: outbox_deliver(message_id=m.pk) for _ in range(8)])
            assert sorted(outcomes) == ["sent"] + ["skipped"] * 7
            message.refresh_from_db()
            assert message.status == Status.SENT and message.attempts == 1
        assert len(twilio.sends) == 3


def test_two_dispatchers_at_once_send_each_message_once(postgres):
    with running_fake_twilio() as twilio:
        for n in range(30):
            due(f"case:{n}:accepted", phone=f"139{n:08d}")
        results = run_together([lambda: outbox_dispatch(batch_size=4) for _ in range(2)])
        assert sum(r.queued for r in results) == 30
        assert sorted(r.form["To"] for r in twilio.sends) == sorted(f"+86139{n:08d}" for n in range(30))
        assert OutboundMessage.objects.filter(status=Status.SENT).count() == 30


SENDER = """
import django, os, sys
django.setup()
from workflow.services.delivery import outbox_deliver
outbox_deliver(message_id=int(sys.argv[1]))
print("the sender survived")
"""


def test_a_sender_killed_after_twilio_accepted_does_not_send_a_second_sms(postgres):
    """A real process is killed (SIGKILL) the moment Twilio has the message, before it hears the answer."""
    with running_fake_twilio() as twilio:
        message = due("case:1:accepted")
        db = connection.settings_dict
        env = os.environ | {
            "PORTAL_TESTING": "1", "CELERY_TASK_ALWAYS_EAGER": "1", "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
                            f"{db['PORT'] or 5432}/{db['NAME']}",
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_FROM_NUMBER": FROM_NUMBER,
            "TWILIO_API_BASE": twilio.url, "SITE_URL": SITE_URL,
        }
        sender = subprocess.Popen([sys.executable, "-c", SENDER, str(message.pk)], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        twilio.kill_on_send = sender.pid
        out, err = sender.communicate(timeout=60)
        assert sender.returncode == -9, err
        assert "survived" not in out
        assert len(twilio.sends) == 1
        message.refresh_from_db()
        assert message.status == Status.SENDING and not message.provider_id

        twilio.kill_on_send = None
        assert outbox_deliver(message_id=message.pk) == "skipped"  # the task, redelivered by the broker
        assert outbox_dispatch(now=timezone.now() + timedelta(minutes=1)).queued == 0
        result = outbox_dispatch(now=timezone.now() + RECONCILE_AFTER + timedelta(seconds=1))
        message.refresh_from_db()
        assert result.sent == 1 and result.queued == 0
        assert message.status == Status.SENT and message.provider_id == twilio.messages[0]["sid"]
        assert len(twilio.sends) == 1
